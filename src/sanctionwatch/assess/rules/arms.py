"""Dark voyages between Rajin and Dunai/Vostochny: the arms shuttle (1718/8(b), 1874/9).

A vessel's calls (port visits and dark port calls) are put in time order and each placed
at the DPRK end or the Russian end of the route when it lies within the regime's radius of
one. Two consecutive calls at opposite ends are a voyage; it is dark when either call was
made with AIS off or a gap lies between them. Every dark voyage is a finding of its own
(voyages are counted one by one); from ``repeated_voyages`` dark voyages by one ship on,
they are a shuttle, and weigh more.
"""

from __future__ import annotations

import itertools

from sanctionwatch.assess.calibration import Place
from sanctionwatch.assess.candidates import Candidate
from sanctionwatch.assess.evidence import EventItem, EvidenceSet
from sanctionwatch.assess.regime import Regime
from sanctionwatch.assess.rules.common import assessment_of, event_ref, party_of
from sanctionwatch.maritime.units import km_between

PROVISIONS = ("1718/8(b)", "1874/9")
CALLS = ("port_visit", "dark_port_call")


def _end_of(event: EventItem, places: tuple[Place, ...]) -> Place | None:
    if event.lat is None or event.lon is None:
        return None
    for place in places:
        if km_between(event.lat, event.lon, place.lat, place.lon) <= place.radius_km:
            return place
    return None


def _voyages(
    calls: list[EventItem], gaps: list[EventItem], regime: Regime
) -> list[tuple[EventItem, EventItem, Place, Place, list[EventItem]]]:
    params = assessment_of(regime).rules.arms_shuttle
    ends = [(c, _end_of(c, params.dprk_end), _end_of(c, params.foreign_end)) for c in calls]
    found = []
    for (a, a_kp, a_ru), (b, b_kp, b_ru) in itertools.pairwise(ends):
        origin, destination = (a_kp, b_ru) if a_kp and b_ru else (a_ru, b_kp)
        if origin is None or destination is None:
            continue
        between = [g for g in gaps if g.start < b.start and g.end > a.end]
        if a.type == "dark_port_call" or b.type == "dark_port_call" or between:
            found.append((a, b, origin, destination, between))
    return found


def arms_shuttle_rule(evidence: EvidenceSet, regime: Regime) -> list[Candidate]:
    repeated = assessment_of(regime).rules.arms_shuttle.repeated_voyages
    by_vessel: dict[int, list[EventItem]] = {}
    for event in evidence.events_of(*CALLS, "gap"):
        by_vessel.setdefault(event.vessels[0], []).append(event)
    found = []
    for mmsi, events in sorted(by_vessel.items()):
        calls = sorted((e for e in events if e.type in CALLS), key=lambda e: (e.start, e.id))
        gaps = [e for e in events if e.type == "gap"]
        voyages = _voyages(calls, gaps, regime)
        vessel = party_of(mmsi, evidence, "carrier")
        for number, (a, b, origin, destination, between) in enumerate(voyages, start=1):
            rule = "arms_shuttle" if len(voyages) >= repeated else "arms_voyage"
            found.append(
                Candidate(
                    rule=rule,
                    provisions=PROVISIONS,
                    parties=(vessel,),
                    start=a.start,
                    end=b.end,
                    summary=f"Dark voyage {number} of {len(voyages)} by "
                    f"{vessel.name or vessel.key} from {origin.name} to {destination.name}",
                    evidence=tuple(event_ref(e) for e in (a, *between, b)),
                    place={
                        "name": f"{origin.name} - {destination.name}",
                        "country": None,
                        "lat": None,
                        "lon": None,
                    },
                    details={
                        "voyage": number,
                        "voyages": len(voyages),
                        "route": [origin.name, destination.name],
                    },
                )
            )
    return found
