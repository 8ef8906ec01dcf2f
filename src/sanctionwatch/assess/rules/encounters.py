"""A DPRK-flagged vessel (MID 445) in a ship-to-ship encounter: 2375/11."""

from __future__ import annotations

from sanctionwatch.assess.candidates import Candidate
from sanctionwatch.assess.evidence import EvidenceSet
from sanctionwatch.assess.regime import Regime
from sanctionwatch.assess.rules.common import event_place, event_ref, is_dprk, party_of

PROVISIONS = ("2375/11",)


def dprk_encounters(evidence: EvidenceSet, regime: Regime) -> list[Candidate]:
    found = []
    for event in evidence.events_of("encounter"):
        dprk = [m for m in event.vessels if is_dprk(m)]
        if not dprk:
            continue
        parties = tuple(
            party_of(m, evidence, "dprk_vessel" if m in dprk else "counterpart")
            for m in event.vessels
        )
        names = " and ".join(p.name or p.key for p in parties)
        found.append(
            Candidate(
                rule="dprk_encounter",
                provisions=PROVISIONS,
                parties=parties,
                start=event.start,
                end=event.end,
                summary=f"Ship-to-ship encounter of DPRK-flagged vessel(s): {names}",
                evidence=(event_ref(event),),
                place=event_place(event),
                details={"encounter_hours": event.attributes.get("hours")},
            )
        )
    return found
