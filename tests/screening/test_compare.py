"""The name scorer: rules that no weight may overrule, explanations, ranges."""

from __future__ import annotations

import pytest

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.screening.compare import DEFAULT_THRESHOLD, compare_names
from sanctionwatch.screening.entity import compare_entities


@pytest.mark.parametrize(
    ("a", "b", "schema"),
    [
        ("김정은", "Kim Jong Un", "Person"),
        ("Lee Yeong-ho", "RI YONG HO", "Person"),
        ("Ким Чен Ын", "KIM, Jong Un", "Person"),
        ("Ri Yong Ho", "Yong Ho Ri", "Person"),
        ("Ch'oe Ch'un-yo'ng", "Choi Chun-young", "Person"),
        ("SAM JONG NO.2", "SAMJONG II", "Vessel"),
        ("CHON MA SAN", "CHONMASAN", "Vessel"),
        ("Korea Ryonbong General Corporation", "KOREA RYONBONG GENERAL CORP", "Organization"),
        ("Brigade Fourty-four", "Brigade 44", "Organization"),
        ("Ted Doe", "Theodore Doe", "Person"),
    ],
)
def test_same_party(a: str, b: str, schema: str) -> None:
    scored = compare_names(a, b, schema)
    assert scored.score >= DEFAULT_THRESHOLD, scored.explanation


@pytest.mark.parametrize(
    ("a", "b", "schema", "reason"),
    [
        ("김종은", "김정은", "Person", "Hangul or Han characters differ"),
        ("Kim Jong Sik", "Kim Jong Sok", "Person", "syllables differ"),
        ("Kim Chol Nam", "Kim Nam Chol", "Person", "syllables differ"),
        ("SAM JONG 1", "SAM JONG 2", "Vessel", "numbers differ"),
        ("AMINA", "TAMINA", "Vessel", "spelt differently"),
        ("PUTIN", "PUTINA, Anna Evgenyevna", "Person", "one word"),
    ],
)
def test_hard_rules_keep_different_parties_apart(a: str, b: str, schema: str, reason: str) -> None:
    scored = compare_names(a, b, schema)
    assert scored.score < DEFAULT_THRESHOLD
    assert reason in scored.explanation


def test_scores_are_symmetric_in_range_and_explained() -> None:
    for a, b in [("Olaf Scholz", "Olaf Scholze"), ("OAO Gazprom", "Gazprom JSC")]:
        one, other = compare_names(a, b, "Person"), compare_names(b, a, "Person")
        assert 0.0 <= one.score <= 1.0
        assert one.score == pytest.approx(other.score, abs=0.02)
        assert "aligned" in one.explanation


def test_empty_names_score_zero_and_unknown_schema_is_an_error() -> None:
    assert compare_names("...", "Kim", "Person").score == 0.0
    with pytest.raises(SanctionwatchError, match="unknown schema"):
        compare_names("a", "b", "Ship")


def test_entities_identifiers_decide() -> None:
    score, why = compare_entities(
        {"name": "Snow Storm 1", "imoNumber": "9929429"},
        {"name": "Snow Storm 2", "imoNumber": "IMO9929429"},
        "Vessel",
    )
    assert score == 1.0 and "IMO" in why
    score, why = compare_entities(
        {"name": "Ted Doe", "firstName": "Doe", "lastName": "Ted"},
        {"name": "Theodore Doe", "firstName": "Theodore", "lastName": "Doe"},
        "Person",
    )
    assert score < DEFAULT_THRESHOLD and "family names differ" in why
