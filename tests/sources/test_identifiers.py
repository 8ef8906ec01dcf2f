import pytest

from sanctionwatch.sources.identifiers import imo_digits, imo_is_valid, ship_imo_is_valid


@pytest.mark.parametrize("value", ["IMO 9074729", "9074729", "imo9074729", "IMO 8606173"])
def test_valid_ship_numbers(value: str) -> None:
    assert ship_imo_is_valid(value)
    assert imo_is_valid(value)


@pytest.mark.parametrize("value", ["IMO 9074728", "907472", "IMO 90747290", "IMO ABCDEFG", ""])
def test_invalid_ship_numbers(value: str) -> None:
    assert not ship_imo_is_valid(value)


def test_company_numbers_use_their_own_weights() -> None:
    # Company IMO numbers of DPRK shipping firms in the UN list (COMMENTS1 of KPe.0xx).
    for company in ("5571322", "5963351", "5434358"):
        assert imo_is_valid(company)
        assert not ship_imo_is_valid(company)
    assert not imo_is_valid("5571323")


def test_digits() -> None:
    assert imo_digits(" IMO 1234567 ") == "1234567"
    assert imo_digits("IMO 123456") is None
