"""Names to tokens: scripts, legal forms, numbers, order."""

from __future__ import annotations

import pytest

from sanctionwatch.screening.normalize import (
    ORGANISATION_SCHEMAS,
    fingerprint,
    name_forms,
    tokenize,
)


def test_numbers_and_legal_forms() -> None:
    assert tokenize("SAM JONG NO. 2", "Vessel") == ("sam", "jong", "2")
    assert tokenize("Sam Jong II", "Vessel") == ("sam", "jong", "2")
    assert tokenize("Brigade forty-four", "Organization") == ("brigade", "44")
    assert tokenize("Foo Limited", "Company") == ("foo", "ltd")
    assert tokenize("A.B.C. Company", "Company") == ("abc", "co")
    assert tokenize("Xi Jinping", "Person") == ("xi", "jinping")  # not the numeral 11


def test_scripts_become_latin_and_lists_order_is_undone() -> None:
    [form] = name_forms("KIM, Yong Chol", "Person")
    assert form.tokens == ("yong", "chol", "kim")
    hangul = name_forms("김영철", "Person")[0]
    assert hangul.syllabic == "김영철" and hangul.transliterated
    assert hangul.korean == form.korean[-1:] + form.korean[:-1]  # type: ignore[index]
    cyrillic = name_forms("Ким Чен Ын", "Person")
    assert len(cyrillic) == 2  # read as Russian and as Russian spelling of Korean


def test_fingerprint() -> None:
    assert fingerprint("New York, New York") == "new york"
    assert fingerprint("Mr. Boaty McBoatface") == "boaty mcboatface"


@pytest.mark.parametrize(
    "name",
    ["Korea Kwangson Banking Corp.", "KOREA 5 NO. 2 TRADING CO LTD", "ООО Ромашка", "리영호"],
)
def test_every_kind_of_body_reads_a_name_alike(name: str) -> None:
    """Screening finds a Company's candidates in the Organization index with the Company's
    forms: that holds because no kind of body reads a name differently."""
    readings = {name_forms(name, schema) for schema in ORGANISATION_SCHEMAS}
    assert len(readings) == 1
