"""Screen the vessels seen in AIS against listed vessels: identifiers first, then names.

A ship's IMO number stays with the hull through renaming and reflagging, so an IMO match
is the strongest evidence (score 1). An MMSI match is weaker (MMSIs are reassigned and
borrowed), a call sign weaker still; a name alone is scored by the name model. When the
IMO or MMSI matches but none of the AIS names resembles any listed name, the hit is a
**renamed designated vessel**, reported with both names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sanctionwatch.screening.compare import DEFAULT_THRESHOLD, compare_names
from sanctionwatch.screening.entries import ListedParty
from sanctionwatch.screening.names import NameScreener
from sanctionwatch.sources.identifiers import ship_imo_is_valid

BASIS_SCORES = {"imo": 1.0, "mmsi": 0.9, "callsign": 0.75}


@dataclass(frozen=True, slots=True)
class AisVessel:
    """What AIS told us about one MMSI."""

    mmsi: int
    flag: str | None
    imos: tuple[int, ...]
    names: tuple[str, ...]
    callsigns: tuple[str, ...]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> AisVessel:
        return cls(
            mmsi=int(row["mmsi"]),
            flag=row.get("flag"),
            imos=tuple(int(i) for i in row.get("imos", [])),
            names=tuple(str(n) for n in row.get("names", [])),
            callsigns=tuple(str(c).upper() for c in row.get("callsigns", [])),
        )


@dataclass(frozen=True, slots=True)
class VesselHit:
    """An AIS vessel that is, or may be, a listed vessel."""

    vessel: AisVessel
    party: ListedParty
    basis: str  # the strongest: imo, mmsi, callsign or name
    bases: tuple[str, ...]
    score: float
    renamed: bool
    name_score: float  # the best AIS-name-to-listed-name score
    best_names: tuple[str, str] | None  # (AIS name, listed name) of that score
    explanation: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "mmsi": self.vessel.mmsi,
            "imo": self.vessel.imos[0] if len(self.vessel.imos) == 1 else list(self.vessel.imos),
            "ais_names": list(self.vessel.names),
            "ais_callsigns": list(self.vessel.callsigns),
            "flag": self.vessel.flag,
            "list": self.party.list,
            "list_id": self.party.entry_id,
            "list_name": self.party.caption,
            "listed_names": list(self.party.names),
            "listed_imos": list(self.party.imos),
            "programmes": list(self.party.programmes),
            "dprk": self.party.dprk,
            "basis": self.basis,
            "bases": list(self.bases),
            "score": self.score,
            "name_score": self.name_score,
            "renamed": self.renamed,
            "explanation": self.explanation,
        }


def _best_name(vessel: AisVessel, party: ListedParty) -> tuple[float, tuple[str, str] | None]:
    best: tuple[float, tuple[str, str] | None] = (0.0, None)
    for ais_name in vessel.names:
        for listed in party.names:
            score = compare_names(ais_name, listed, "Vessel").score
            if score > best[0]:
                best = (score, (ais_name, listed))
    return best


def _explain(vessel: AisVessel, party: ListedParty, bases: Sequence[str], renamed: bool) -> str:
    said = []
    if "imo" in bases:
        said.append(f"IMO {party.imos[0] if len(party.imos) == 1 else '/'.join(party.imos)}")
    if "mmsi" in bases:
        said.append(f"MMSI {vessel.mmsi}")
    if "callsign" in bases:
        said.append(f"call sign {'/'.join(sorted(set(vessel.callsigns) & set(party.callsigns)))}")
    listed = f"{party.list.upper()} {party.entry_id} {party.caption!r}"
    ais_names = ", ".join(repr(n) for n in vessel.names) or "no name"
    text = (
        f"{' and '.join(said) or 'name'} of {listed} broadcast by MMSI {vessel.mmsi} as {ais_names}"
    )
    if renamed:
        listed_names = ", ".join(party.names)
        text += (
            f"; renamed designated vessel: AIS name differs from every listed name ({listed_names})"
        )
    return text


def _candidates(
    vessel: AisVessel,
    by_imo: dict[str, list[ListedParty]],
    by_mmsi: dict[str, list[ListedParty]],
    by_callsign: dict[str, list[ListedParty]],
) -> Iterator[tuple[ListedParty, str]]:
    """Listed vessels sharing an identifier with an AIS vessel, and which identifier."""
    for imo in vessel.imos:
        if ship_imo_is_valid(f"{imo:07d}"):  # a bad check digit is a typo, not evidence
            for party in by_imo.get(f"{imo:07d}", []):
                yield party, "imo"
    for party in by_mmsi.get(str(vessel.mmsi), []):
        yield party, "mmsi"
    for callsign in vessel.callsigns:
        for party in by_callsign.get(callsign, []):
            yield party, "callsign"


def screen_vessels(
    vessels: Iterable[AisVessel],
    parties: Sequence[ListedParty],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[VesselHit]:
    """Hits of AIS vessels on listed vessels, by identifier and by name."""
    listed_vessels = [p for p in parties if p.schema == "Vessel"]
    by_imo: dict[str, list[ListedParty]] = defaultdict(list)
    by_mmsi: dict[str, list[ListedParty]] = defaultdict(list)
    by_callsign: dict[str, list[ListedParty]] = defaultdict(list)
    for party in listed_vessels:
        for imo in party.imos:
            by_imo[imo].append(party)
        for mmsi in party.mmsis:
            by_mmsi[mmsi].append(party)
        for callsign in party.callsigns:
            by_callsign[callsign].append(party)
    screener = NameScreener(listed_vessels)
    ais_names = sorted({name for vessel in vessels for name in vessel.names})
    by_name = dict(
        zip(
            ais_names,
            screener.matches_many(ais_names, "Vessel", min_score=threshold),
            strict=True,
        )
    )
    hits: list[VesselHit] = []
    for vessel in vessels:
        found: dict[tuple[str, str], tuple[ListedParty, list[str]]] = {}
        for party, basis in _candidates(vessel, by_imo, by_mmsi, by_callsign):
            found.setdefault((party.list, party.entry_id), (party, []))[1].append(basis)
        for ais_name in vessel.names:
            for match in by_name[ais_name]:
                key = (match.party.list, match.party.entry_id)
                found.setdefault(key, (match.party, []))[1].append("name")
        for party, found_bases in found.values():
            name_score, best_names = _best_name(vessel, party)
            party_bases = sorted(set(found_bases), key=lambda b: -BASIS_SCORES.get(b, 0.0))
            strongest = party_bases[0]
            score = BASIS_SCORES.get(strongest, name_score)
            if strongest == "callsign" and name_score < threshold:
                score = round(score * 0.8, 4)  # call signs are reissued; no name to back it
            renamed = strongest in ("imo", "mmsi") and name_score < threshold
            hits.append(
                VesselHit(
                    vessel=vessel,
                    party=party,
                    basis=strongest,
                    bases=tuple(party_bases),
                    score=round(score, 4),
                    renamed=renamed,
                    name_score=round(name_score, 4),
                    best_names=best_names,
                    explanation=_explain(vessel, party, party_bases, renamed),
                )
            )
    return sorted(hits, key=lambda h: (-h.score, h.vessel.mmsi, h.party.list, h.party.entry_id))
