"""Confidence words, "confirmed", the single-member flag and releasability."""

from __future__ import annotations

import pytest

from sanctionwatch.assess.candidates import Ref
from sanctionwatch.assess.confidence import (
    assess_confidence,
    item_chance,
    releasability,
    visible_to,
    word_for,
)
from sanctionwatch.assess.findings import assemble
from sanctionwatch.assess.regime import default_regime
from sanctionwatch.assess.rules.claims import claims_rule
from sanctionwatch.assess.rules.petroleum import petroleum_rule
from tests.assess.evidence_builders import AIS, DPRK_TANKER, JP, NZ, OFAC, claim, event, evidence

TABLE = default_regime().assessment.confidence  # type: ignore[union-attr]
SOURCES = {s.id: s for s in (AIS, OFAC, NZ, JP)}


@pytest.mark.parametrize(
    ("probability", "word"),
    [
        (0.02, "almost no chance"),
        (0.10, "very unlikely"),
        (0.30, "unlikely"),
        (0.50, "roughly even chance"),
        (0.70, "likely"),
        (0.90, "very likely"),
        (0.97, "almost certain"),
    ],
)
def test_icd_203_words(probability: float, word: str) -> None:
    assert word_for(probability, TABLE) == word


def test_one_source_follows_the_table() -> None:
    conf = assess_confidence("member_claim", [Ref("claim", "c", (NZ.id,), "B2")], SOURCES, TABLE)
    assert conf.probability == round(0.85 * 0.95 * 0.98, 4)  # B, 2, member_claim
    assert (conf.word, conf.confirmed, conf.single_source, conf.single_member) == (
        "likely", False, True, True,
    )  # fmt: skip
    assert item_chance("F6", TABLE) == pytest.approx(0.6 * 0.8)


def test_confirmed_only_with_two_providers() -> None:
    same = [Ref("claim", "a", (NZ.id,), "A1"), Ref("claim", "b", (NZ.id,), "A1")]
    alone = assess_confidence("member_claim", same, SOURCES, TABLE)
    assert not alone.confirmed and alone.word == "very likely"  # held below almost certain
    two = [Ref("claim", "a", (NZ.id,), "A1"), Ref("claim", "b", (JP.id,), "A1")]
    both = assess_confidence("member_claim", two, SOURCES, TABLE)
    assert both.confirmed and both.word == "almost certain"
    assert not both.single_source and not both.single_member


def test_releasability_is_the_intersection() -> None:
    refs = [Ref("event", "e", (AIS.id,)), Ref("claim", "a", (NZ.id,)), Ref("claim", "b", (JP.id,))]
    assert releasability(refs, SOURCES) == ("JP", "NZ")
    assert releasability(refs[:1], SOURCES) == ("public",)
    assert visible_to(("JP", "NZ"), "NZ") and not visible_to(("JP", "NZ"), "public")
    assert not visible_to(("JP", "NZ"), "AU") and visible_to(("public",), "AU")


def test_a_claim_and_an_observed_call_corroborate_each_other() -> None:
    regime = default_regime()
    ev = evidence()
    ev.events = [event("dark_port_call", (DPRK_TANKER,), 1, port="Vostochnyy", country="RU")]
    vessel = {"id": "v", "schema": "Vessel", "name": "KP TANKER", "mmsi": str(DPRK_TANKER)}
    ev.claims = [claim("petroleum_delivery", entities=(vessel,), product="gas_diesel_oil")]
    candidates = petroleum_rule(ev, regime) + claims_rule(ev, regime)
    (finding,) = assemble(candidates, ev, regime)
    assert finding.confidence.confirmed
    assert finding.confidence.providers == ("commercial:AIS provider", "member_state:NZ")
    assert finding.releasability == ("AU", "JP", "NZ")
    # ids are stable: the same evidence gives the same id
    assert [f.id for f in assemble(candidates, ev, regime)] == [finding.id]


def test_two_claims_of_one_report_on_one_tanker_and_day_stay_two_findings() -> None:
    """Same category, party and start, kept apart (one report cannot corroborate itself):
    both findings survive, with distinct ids that do not change between runs."""
    regime = default_regime()
    ev = evidence()
    vessel = {"id": "v", "schema": "Vessel", "name": "KP TANKER", "mmsi": str(DPRK_TANKER)}
    first = claim("petroleum_delivery", entities=(vessel,), product="gas_diesel_oil")
    second = claim("petroleum_delivery", entities=(vessel,), product="motor_gasoline")
    second = type(second)(**{**second.__dict__, "id": second.id + "-2", "claim_id": "c2"})
    ev.claims = [first, second]
    findings = assemble(claims_rule(ev, regime), ev, regime)
    assert len(findings) == 2
    assert len({f.id for f in findings}) == 2
    assert [f.id for f in assemble(claims_rule(ev, regime), ev, regime)] == [f.id for f in findings]
