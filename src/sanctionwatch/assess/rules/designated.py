"""A designated (or renamed designated) vessel calling at a port or met at sea.

A vessel counts as designated when a screening hit on it rests on its IMO number or MMSI
and no analyst has dismissed it as a false positive. Calls at DPRK ports are left out: the
port ban binds the other states, whose ports a designated vessel may not enter.
"""

from __future__ import annotations

from collections import defaultdict

from sanctionwatch.assess.candidates import Candidate, Party, Ref
from sanctionwatch.assess.evidence import EventItem, EvidenceSet, HitItem
from sanctionwatch.assess.regime import Regime
from sanctionwatch.assess.rules.common import DPRK, event_place, event_ref, party_of

PROVISIONS = ("designated-vessels",)
STRONG_BASES = ("imo", "mmsi")
CALLS = ("port_visit", "dark_port_call")


def designated_vessels(evidence: EvidenceSet) -> dict[int, list[HitItem]]:
    """Hits that make an AIS vessel a designated one, by MMSI."""
    by_mmsi: dict[int, list[HitItem]] = defaultdict(list)
    for hit in evidence.hits:
        if (
            hit.subject_kind == "ais_vessel"
            and hit.basis in STRONG_BASES
            and hit.status != "false_positive"
            and hit.subject_id.isdigit()
        ):
            by_mmsi[int(hit.subject_id)].append(hit)
    return by_mmsi


def _listed(hit: HitItem) -> Party:
    return Party(
        (f"list:{hit.list}:{hit.entry_id}",),
        str(hit.evidence.get("list_name") or hit.entry_id),
        "listed_vessel",
    )


def _candidate(event: EventItem, mmsi: int, hits: list[HitItem], ev: EvidenceSet) -> Candidate:
    vessel = party_of(mmsi, ev, "designated_vessel")
    renamed = any(h.renamed for h in hits)
    listed = " / ".join(str(h.evidence.get("list_name") or h.entry_id) for h in hits)
    what = "renamed designated vessel" if renamed else "designated vessel"
    if event.type == "encounter":
        others = tuple(party_of(m, ev, "counterpart") for m in event.vessels if m != mmsi)
        rule, parties = "designated_vessel_encounter", (vessel, *others)
        summary = f"{what} {vessel.name or vessel.key} (listed as {listed}) met another at sea"
    else:
        rule, parties = "designated_vessel_port_call", (vessel,)
        port = event.attributes.get("port")
        dark = " with AIS off" if event.type == "dark_port_call" else ""
        summary = f"{what} {vessel.name or vessel.key} (listed as {listed}) called at {port}{dark}"
    return Candidate(
        rule=rule,
        provisions=PROVISIONS,
        parties=(*parties, *(_listed(h) for h in hits)),
        start=event.start,
        end=event.end,
        summary=summary,
        evidence=(event_ref(event), *(Ref("hit", h.id, h.source_ids) for h in hits)),
        place=event_place(event),
        details={"renamed": renamed, "event_type": event.type},
    )


def designated_vessel_rule(evidence: EvidenceSet, regime: Regime) -> list[Candidate]:
    listed = designated_vessels(evidence)
    found = []
    for event in evidence.events_of(*CALLS, "encounter"):
        if event.type in CALLS and event.attributes.get("country") == DPRK:
            continue
        for mmsi in event.vessels:
            if mmsi in listed:
                found.append(_candidate(event, mmsi, listed[mmsi], evidence))
    return found
