"""Each rule on hand-built evidence: what it finds, which provisions it cites."""

from __future__ import annotations

from datetime import date

from sanctionwatch.assess.evidence import HitItem, ReportEntity, entity_subject
from sanctionwatch.assess.findings import assemble
from sanctionwatch.assess.regime import default_regime
from sanctionwatch.assess.rules.arms import arms_shuttle_rule
from sanctionwatch.assess.rules.claims import claims_rule
from sanctionwatch.assess.rules.designated import designated_vessel_rule
from sanctionwatch.assess.rules.encounters import dprk_encounters
from sanctionwatch.assess.rules.listed import listed_party_rule
from sanctionwatch.assess.rules.petroleum import detected_deliveries, petroleum_rule
from tests.assess.evidence_builders import (
    DPRK_TANKER,
    FOREIGN_TANKER,
    NZ,
    RU_CARGO,
    claim,
    event,
    evidence,
    hit,
)

REGIME = default_regime()
RAJIN = {"lat": 42.30, "lon": 130.35}  # within 25 km of Rajin
DUNAI = {"lat": 42.88, "lon": 132.35}


def test_a_dprk_vessel_in_an_encounter_cites_2375_11() -> None:
    ev = evidence()
    ev.events = [
        event("encounter", (FOREIGN_TANKER, DPRK_TANKER), 10),
        event("encounter", (FOREIGN_TANKER, RU_CARGO), 20),  # no DPRK vessel
    ]
    found = dprk_encounters(ev, REGIME)
    assert len(found) == 1
    assert found[0].provisions == ("2375/11",)
    roles = {p.key: p.role for p in found[0].parties}
    assert roles == {f"mmsi:{DPRK_TANKER}": "dprk_vessel", f"mmsi:{FOREIGN_TANKER}": "counterpart"}
    assert [r.id for r in found[0].evidence] == [ev.events[0].id]


def test_a_designated_vessel_calling_or_meeting_is_found_unless_dismissed() -> None:
    ev = evidence()
    ev.hits = [hit(FOREIGN_TANKER, "imo", renamed=True), hit(RU_CARGO, "name")]
    ev.events = [
        event("port_visit", (FOREIGN_TANKER,), 1, port="Dalian", country="CN"),
        event("dark_port_call", (FOREIGN_TANKER,), 10, port="Nampo", country="KP"),  # DPRK port
        event("encounter", (FOREIGN_TANKER, DPRK_TANKER), 20),
        event("port_visit", (RU_CARGO,), 30, port="Nakhodka", country="RU"),  # name-only hit
    ]
    found = designated_vessel_rule(ev, REGIME)
    assert [c.rule for c in found] == ["designated_vessel_port_call", "designated_vessel_encounter"]
    assert all(c.provisions == ("designated-vessels",) for c in found)
    assert found[0].details["renamed"] is True and "renamed" in found[0].summary
    assert {r.kind for r in found[0].evidence} == {"event", "hit"}
    ev.hits = [hit(FOREIGN_TANKER, "imo", status="false_positive")]
    assert designated_vessel_rule(ev, REGIME) == []


def test_dark_supply_port_calls_and_foreign_tanker_meetings_are_estimated_deliveries() -> None:
    ev = evidence()
    ev.events = [
        event("dark_port_call", (DPRK_TANKER,), 1, port="Vostochnyy", country="RU"),
        event("dark_port_call", (DPRK_TANKER,), 30, port="Busan", country="KR"),  # not supply
        event("dark_port_call", (RU_CARGO,), 40, port="Vostochnyy", country="RU"),  # no tanker
        event("encounter", (FOREIGN_TANKER, DPRK_TANKER), 60),
    ]
    ev.entities = [
        ReportEntity(NZ.id, "x:v2", {"id": "v2", "schema": "Vessel", "name": "KP TANKER",
                                     "imo": "3000011", "deadweight_t": 2000}),
    ]  # fmt: skip
    deliveries = detected_deliveries(ev, REGIME)
    assert [d.rule for d in deliveries] == ["petroleum_dark_port_call", "petroleum_foreign_tanker"]
    assert deliveries[0].delivery.deadweight_t == 2000  # the member's figure, by IMO
    assert not deliveries[0].delivery.deadweight_assumed
    found = petroleum_rule(ev, REGIME)
    assert all(c.provisions == ("2397/5",) for c in found)
    quantity = found[0].quantity
    assert quantity is not None and quantity.unit == "bbl"
    # 2,000 t x 7.23 bbl/t (gas/diesel oil, assumed) at 33 % and 90 % laden
    assert (quantity.low, quantity.high) == (round(2000 * 7.23 * 0.33), round(2000 * 7.23 * 0.9))
    assert any("gas_diesel_oil" in a for a in found[0].assumptions)


def test_without_a_member_figure_the_regime_deadweight_is_assumed_and_said() -> None:
    ev = evidence()
    ev.events = [event("dark_port_call", (DPRK_TANKER,), 1, port="Dalian", country="CN")]
    (delivery,) = detected_deliveries(ev, REGIME)
    assert delivery.delivery.deadweight_assumed
    assert delivery.delivery.deadweight_t == 3000
    (candidate,) = petroleum_rule(ev, REGIME)
    assert any("deadweight 3,000 t" in a for a in candidate.assumptions)


def test_dark_voyages_rajin_dunai_are_counted_one_by_one() -> None:
    ev = evidence()
    ev.events = [
        event("port_visit", (RU_CARGO,), 0, 10, **DUNAI, port="Dunai", country="RU"),
        event("dark_port_call", (RU_CARGO,), 30, 20, **RAJIN, port="Najin", country="KP"),
        event("port_visit", (RU_CARGO,), 70, 10, **DUNAI, port="Dunai", country="RU"),
        event("gap", (RU_CARGO,), 85, 20, lat=42.5, lon=131.0),
        event("port_visit", (RU_CARGO,), 110, 10, **RAJIN, port="Najin", country="KP"),
        event("port_visit", (RU_CARGO,), 140, 10, lat=35.1, lon=129.0, port="Busan"),
    ]
    found = arms_shuttle_rule(ev, REGIME)
    # Dunai->Rajin (dark call), Rajin->Dunai (dark call), Dunai->Rajin (gap between)
    assert [c.details["voyage"] for c in found] == [1, 2, 3]
    assert all(c.rule == "arms_shuttle" and c.details["voyages"] == 3 for c in found)
    assert all(c.provisions == ("1718/8(b)", "1874/9") for c in found)
    assert found[0].details["route"] == ["Dunai", "Rajin"]
    assert "gap" in found[2].evidence[1].id


def test_one_open_voyage_is_no_finding_and_one_dark_voyage_is_not_yet_a_shuttle() -> None:
    ev = evidence()
    ev.events = [
        event("port_visit", (RU_CARGO,), 0, 10, **DUNAI, port="Dunai", country="RU"),
        event("port_visit", (RU_CARGO,), 30, 10, **RAJIN, port="Najin", country="KP"),
    ]
    assert arms_shuttle_rule(ev, REGIME) == []
    ev.events[1] = event("dark_port_call", (RU_CARGO,), 30, 10, **RAJIN, port="Najin")
    (only,) = arms_shuttle_rule(ev, REGIME)
    assert only.rule == "arms_voyage"


def test_member_claims_map_to_their_provisions() -> None:
    ev = evidence()
    ev.claims = [
        claim("arms_shipment", provisions=("1718/8(b)",), quantity={"low": 1, "high": 2,
              "unit": "containers"}),
        claim("deployment", kind="troops", count={"low": 10, "high": 20}),
        claim("deployment", kind="workers", count={"low": 100, "high": 200}),
        claim("training", kind="military", trainers_from="KP", trainees_from="RU",
              count={"low": 5, "high": 5}),
        claim("financial_dealing", amounts=[{"low": 1, "high": 2, "currency": "USDT"}]),
        claim("imagery_observation"),  # cites nothing, maps to nothing
    ]  # fmt: skip
    found = claims_rule(ev, REGIME)
    assert [c.provisions for c in found] == [
        ("1718/8(b)",),  # cited by the member
        ("1718/8(c)", "1874/9"),
        ("2397/8",),
        ("2270/9", "1718/8(c)"),
        ("2094/11",),
    ]
    assert found[1].quantity is not None and found[1].quantity.unit == "troops"
    assert found[4].quantity is not None and found[4].quantity.unit == "USDT"


def test_a_listed_party_named_in_a_claim_is_a_finding() -> None:
    ev = evidence()
    person = {"id": "p1", "schema": "Person", "name": "KIM LISTED"}
    ev.claims = [claim("financial_dealing", entities=(person,))]
    subject = entity_subject(NZ.sha256, "p1")
    ev.hits = [
        HitItem("h1", "report_entity", subject, "un", "KPi.001", "name", False, "open",
                {"list_name": "KIM LISTED"}, (2,)),
    ]  # fmt: skip
    (found,) = listed_party_rule(ev, REGIME)
    assert found.provisions == ("1718/8(d)",)
    assert {r.kind for r in found.evidence} == {"claim", "hit"}
    ev.hits = [HitItem(**{**ev.hits[0].__dict__, "status": "false_positive"})]
    assert listed_party_rule(ev, REGIME) == []


def test_an_open_call_at_a_supply_port_is_a_delivery_too() -> None:
    ev = evidence()
    ev.events = [event("port_visit", (DPRK_TANKER,), 1, port="Vostochnyy", country="RU")]
    (candidate,) = petroleum_rule(ev, REGIME)
    assert candidate.rule == "petroleum_port_call" and candidate.provisions == ("2397/5",)
    (delivery,) = detected_deliveries(ev, REGIME)
    assert delivery.delivery.supplier_state == "RU"  # the port's country, as for a dark call


def test_a_member_only_deadweight_keeps_the_estimate_member_only() -> None:
    """The quantity rests on NZ's restricted report: the finding may not be public, and NZ's
    particulars do not make the delivery confirmed."""
    ev = evidence()
    ev.events = [event("dark_port_call", (DPRK_TANKER,), 1, port="Vostochnyy", country="RU")]
    ev.entities = [
        ReportEntity(NZ.id, "x:v2", {"id": "v2", "schema": "Vessel", "name": "KP TANKER",
                                     "imo": "3000011", "deadweight_t": 2000}),
    ]  # fmt: skip
    (finding,) = assemble(petroleum_rule(ev, REGIME), ev, REGIME)
    assert finding.releasability == ("AU", "JP", "NZ")
    assert {(r.kind, r.id) for r in finding.evidence} >= {("report_entity", "x:v2")}
    assert finding.confidence.providers == ("commercial:AIS provider",)
    assert not finding.confidence.confirmed
    ev.entities = []  # without the member's figure the same event is public
    (public,) = assemble(petroleum_rule(ev, REGIME), ev, REGIME)
    assert public.releasability == ("public",)


def test_training_and_troop_claims_cite_the_provisions_for_their_direction() -> None:
    ev = evidence()
    ev.claims = [
        claim("training", day=date(2024, 3, 1), kind="military", trainers_from="KP",
              trainees_from="RU"),
        claim("training", day=date(2024, 3, 2), kind="military", trainers_from="RU",
              trainees_from="KP"),
        claim("training", day=date(2024, 3, 3), kind="police", trainers_from="KP",
              trainees_from="RU"),
        claim("deployment", day=date(2024, 3, 4), kind="troops"),
    ]  # fmt: skip
    cited = {c.start.day: c.provisions for c in claims_rule(ev, REGIME)}
    assert cited[1] == ("2270/9", "1718/8(c)")  # DPRK trainers hosted abroad
    assert cited[2] == ("1718/8(c)",)  # training given to the DPRK: not 2270/9
    assert cited[3] == ("2270/9",)  # police training: no arms, so not 1718/8(c)
    assert cited[4] == ("1718/8(c)", "1874/9")  # troops: services in the use of arms
