"""Member claims of arms, troops, training, workers, finance and petroleum as findings.

A claim cites its provisions; one that cites none takes those the regime maps its type
(or ``type:kind``, e.g. ``deployment:workers``) to. Claims that map to nothing (an imagery
observation citing no provision) support other findings only through corroboration.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sanctionwatch.assess.candidates import Candidate, Party, Quantity, Ref, vessel_party
from sanctionwatch.assess.evidence import ClaimItem, EvidenceSet
from sanctionwatch.assess.regime import Regime
from sanctionwatch.assess.rules.common import DPRK, assessment_of


def claim_party(entity: dict[str, Any]) -> Party:
    name = str(entity.get("name", "?"))
    if entity.get("schema") == "Vessel":
        mmsi = entity.get("mmsi")
        imo = (str(entity["imo"]),) if entity.get("imo") else ()
        return vessel_party(int(mmsi) if mmsi else None, imo, name, "vessel", entity.get("country"))
    return Party((f"name:{name.upper()}",), name, entity.get("schema"), entity.get("country"))


def mapping_keys(claim: ClaimItem) -> list[str]:
    """Keys of the regime's ``claim_provisions`` to try, most specific first. Training is
    keyed by its direction too: DPRK trainers hosted abroad (2270/9) and training given to
    DPRK nationals (1718/8(c) only) are different violations."""
    kind = claim.data.get("kind")
    keys = []
    if claim.type == "training":
        if claim.data.get("trainers_from") == DPRK:
            direction = "by_dprk"
        elif claim.data.get("trainees_from") == DPRK:
            direction = "to_dprk"
        else:
            direction = "other"
        keys += [f"training:{direction}:{kind}", f"training:{direction}"]
    return [*keys, f"{claim.type}:{kind}", claim.type]


def claim_provisions(claim: ClaimItem, regime: Regime) -> tuple[str, ...]:
    if claim.provisions:
        return claim.provisions
    mapping = assessment_of(regime).rules.claim_provisions
    key = next((k for k in mapping_keys(claim) if k in mapping), None)
    return tuple(mapping[key]) if key else ()


def claim_quantity(claim: ClaimItem) -> Quantity | None:
    d = claim.data
    if isinstance(d.get("quantity"), dict):
        q = d["quantity"]
        return Quantity(q["low"], q["high"], q["unit"])
    if isinstance(d.get("count"), dict):
        unit = d.get("kind") if claim.type == "deployment" else "people"
        return Quantity(d["count"]["low"], d["count"]["high"], str(unit))
    amounts = d.get("amounts") or []
    if len(amounts) == 1:
        return Quantity(amounts[0]["low"], amounts[0]["high"], amounts[0]["currency"])
    return None


def claim_place(claim: ClaimItem) -> dict[str, Any] | None:
    d = claim.data
    place = d.get("location") or d.get("delivery") or d.get("loading")
    if place is None and d.get("route"):
        place = d["route"][-1]
    if not isinstance(place, dict):
        return None
    return {k: place.get(k) for k in ("name", "country", "lat", "lon")}


def at_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def claims_rule(evidence: EvidenceSet, regime: Regime) -> list[Candidate]:
    found = []
    for claim in evidence.claims:
        provisions = claim_provisions(claim, regime)
        if not provisions:
            continue
        start = claim.start or claim.end or claim.submitted
        end = claim.end or start
        found.append(
            Candidate(
                rule="member_claim",
                provisions=provisions,
                parties=tuple(claim_party(e) for e in claim.entities)
                or (Party((f"claim:{claim.id}",), None, "unnamed"),),
                start=at_midnight(start),
                end=at_midnight(end),
                summary=claim.summary,
                evidence=(Ref("claim", claim.id, (claim.source_id,), claim.grade),),
                place=claim_place(claim),
                quantity=claim_quantity(claim),
                details={"claim_type": claim.type},
            )
        )
    return found
