"""Estimated refined-petroleum deliveries to the DPRK (2397/5) from maritime events.

A DPRK tanker (MID 445 and an AIS tanker type) that called at a port of a supply state (the
regime's ``supply_port_countries``: Russia, China), with its AIS off or openly, or met a
foreign tanker at sea, is taken to have loaded refined petroleum: an open call is as much a
delivery as a hidden one (the cap counts both; only the notifications tell them apart). The
quantity is the ledger's: deadweight x product factor x laden fraction at each scenario.
Assumptions, each stated on the delivery and the finding: the product is the regime's default
(no event names one); the deadweight is the one a member report gives for the vessel (by MMSI
or IMO), else the regime's ``assumed_deadweight_t``; the load is unknown, so every scenario
stands. A member's deadweight is cited as evidence (kind ``report_entity``), so the finding is
no more releasable than that report; it does not count as corroboration.
"""

from __future__ import annotations

from dataclasses import dataclass

from sanctionwatch.assess.candidates import ENTITY_KIND, Candidate, Quantity, Ref
from sanctionwatch.assess.evidence import EventItem, EvidenceSet, ReportEntity
from sanctionwatch.assess.ledger import Delivery, Evidence, estimate_delivery
from sanctionwatch.assess.regime import Regime
from sanctionwatch.assess.rules.common import (
    assessment_of,
    event_place,
    event_ref,
    is_dprk,
    is_tanker,
    party_of,
)

PROVISIONS = ("2397/5",)
CALL_RULES = {"dark_port_call": "petroleum_dark_port_call", "port_visit": "petroleum_port_call"}


@dataclass(frozen=True)
class DetectedDelivery:
    rule: str
    event: EventItem
    tanker: int  # MMSI of the DPRK tanker
    delivery: Delivery
    particulars: ReportEntity | None = None  # the member report giving the deadweight


def member_deadweight(mmsi: int, evidence: EvidenceSet) -> ReportEntity | None:
    """The report entity giving this vessel's deadweight (by MMSI, then its IMOs). It is
    evidence the estimate rests on: a member-only report makes the finding member-only."""
    vessel = evidence.vessels.get(mmsi)
    imos = {str(i) for i in vessel.imos} if vessel else set()
    for item in evidence.entities:
        e = item.entity
        if e.get("deadweight_t") and (e.get("mmsi") == str(mmsi) or e.get("imo") in imos):
            return item
    return None


def entity_ref(item: ReportEntity) -> Ref:
    """The report entity as evidence: its releasability counts, its provider does not
    corroborate (a ship's particulars say nothing of the delivery)."""
    return Ref(ENTITY_KIND, item.subject_id, (item.source_id,))


def _delivery(
    rule: str, event: EventItem, tanker: int, evidence: EvidenceSet, regime: Regime
) -> DetectedDelivery:
    params = assessment_of(regime).rules
    entity = member_deadweight(tanker, evidence)
    own = float(entity.entity["deadweight_t"]) if entity else None
    sources = [evidence.sources[s] for s in event.source_ids if s in evidence.sources]
    particulars = evidence.sources.get(entity.source_id) if entity else None
    vessel = evidence.vessels.get(tanker)
    # A port call (dark or open) names the port's country; a meeting at sea names none.
    supplier = (
        event.attributes.get("country") if event.type in ("dark_port_call", "port_visit") else None
    )
    return DetectedDelivery(
        rule,
        event,
        tanker,
        Delivery(
            id=f"event:{event.id}",
            day=event.end.date(),
            product=None,
            deadweight_t=own if own is not None else params.assumed_deadweight_t,
            deadweight_assumed=own is None,
            vessel=(", ".join(vessel.names) if vessel and vessel.names else str(tanker)),
            supplier_state=supplier,
            evidence=(
                tuple(
                    Evidence(
                        kind="event",
                        id=event.id,
                        sources=(s.sha256,),
                        grade=s.grade,
                        provider=s.provider,
                    )
                    for s in sources
                )
                or (Evidence(kind="event", id=event.id, sources=()),)
            )
            + (
                (
                    Evidence(
                        kind=ENTITY_KIND,
                        id=entity.subject_id,
                        sources=(particulars.sha256,),
                        grade=particulars.grade,
                        provider=particulars.provider,
                    ),
                )
                if entity and particulars
                else ()
            ),
        ),
        entity,
    )


def detected_deliveries(evidence: EvidenceSet, regime: Regime) -> list[DetectedDelivery]:
    """Deliveries the events show, for the ledger and for findings."""
    params = assessment_of(regime).rules
    tankers = params.tanker_ship_types

    def dprk_tanker(mmsi: int) -> bool:
        return is_dprk(mmsi) and is_tanker(mmsi, evidence, tankers)

    found = []
    for event in evidence.events_of(*CALL_RULES):
        mmsi = event.vessels[0]
        if dprk_tanker(mmsi) and event.attributes.get("country") in params.supply_port_countries:
            found.append(_delivery(CALL_RULES[event.type], event, mmsi, evidence, regime))
    for event in evidence.events_of("encounter"):
        ours = [m for m in event.vessels if dprk_tanker(m)]
        foreign = [m for m in event.vessels if not is_dprk(m) and is_tanker(m, evidence, tankers)]
        if ours and foreign:
            found.append(_delivery("petroleum_foreign_tanker", event, ours[0], evidence, regime))
    return found


def petroleum_rule(evidence: EvidenceSet, regime: Regime) -> list[Candidate]:
    ledger, factors = regime.petroleum_ledger, regime.conversion_factors
    assert ledger is not None and factors is not None  # the DPRK regime defines both
    found = []
    for d in detected_deliveries(evidence, regime):
        estimate = estimate_delivery(d.delivery, ledger, factors)
        bbl = list(estimate.bbl.values())
        assumptions = [f"product {estimate.product} (no evidence names one)"]
        if d.delivery.deadweight_assumed:
            assumptions.append(f"deadweight {d.delivery.deadweight_t:,.0f} t (regime's assumption)")
        parties = (
            party_of(d.tanker, evidence, "dprk_tanker"),
            *(party_of(m, evidence, "supplier_vessel") for m in d.event.vessels if m != d.tanker),
        )
        where = f"{d.event.attributes.get('port')} ({d.event.attributes.get('country')})"
        how = {
            "petroleum_dark_port_call": f"dark call at {where}",
            "petroleum_port_call": f"call at {where}",
        }.get(d.rule, "ship-to-ship meeting with a foreign tanker")
        found.append(
            Candidate(
                rule=d.rule,
                provisions=PROVISIONS,
                parties=parties,
                start=d.event.start,
                end=d.event.end,
                summary=f"Estimated refined-petroleum delivery to DPRK tanker "
                f"{parties[0].name or parties[0].key}: {how}",
                evidence=(event_ref(d.event),)
                + ((entity_ref(d.particulars),) if d.particulars else ()),
                place=event_place(d.event),
                quantity=Quantity(round(min(bbl)), round(max(bbl)), "bbl") if bbl else None,
                assumptions=tuple(assumptions),
                details={
                    "delivery": d.delivery.id,
                    "deadweight_t": d.delivery.deadweight_t,
                    "bbl_by_scenario": {k: round(v) for k, v in estimate.bbl.items()},
                    "factor_bbl_per_t": estimate.factor,
                },
            )
        )
    return found
