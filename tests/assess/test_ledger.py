"""The petroleum ledger's arithmetic, checked by hand against the formula and factor table."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sanctionwatch.assess.ledger import Delivery, Official, build_ledger, latest_official
from sanctionwatch.assess.regime import default_regime

REGIME = default_regime()
DIESEL, LPG, GASOLINE = 7.23, 11.6, 8.50  # bbl/t, DESIGN.md's table


def ledger_of(deliveries: list[Delivery], official: list[Official] | None = None) -> dict[str, Any]:
    return build_ledger(REGIME, 2024, official or [], deliveries)


def test_capacity_times_factor_times_laden_fraction_at_each_scenario() -> None:
    ledger = ledger_of(
        [
            Delivery("a", date(2024, 3, 1), "gas_diesel_oil", deadweight_t=2000),
            Delivery("b", date(2024, 4, 1), "lpg", deadweight_t=5000),
            Delivery("c", date(2024, 5, 1), "motor_gasoline", deadweight_t=1000),
        ]
    )
    a, b, c = ledger["deliveries"]
    assert a["bbl"] == pytest.approx({"33": 2000 * DIESEL * 0.33, "50": 2000 * DIESEL * 0.5,
                                      "90": 2000 * DIESEL * 0.9})  # fmt: skip
    assert b["bbl"]["50"] == pytest.approx(5000 * LPG * 0.5)
    assert c["factor_bbl_per_t"] == GASOLINE and c["basis"] == "capacity"
    for key, fraction in (("33", 0.33), ("50", 0.5), ("90", 0.9)):
        expected = (2000 * DIESEL + 5000 * LPG + 1000 * GASOLINE) * fraction
        assert ledger["estimates"][key] == pytest.approx(expected)
        assert ledger["cap_used"][key] == pytest.approx(expected / 500_000)
    assert ledger["cap_bbl"] == 500_000 and ledger["provision"] == "2397/5"
    assert ledger["factors"]["version"] == REGIME.conversion_factors.version  # type: ignore[union-attr]


def test_an_unknown_product_uses_the_default_and_says_so() -> None:
    [d] = ledger_of([Delivery("u", date(2024, 1, 5), None, deadweight_t=1000)])["deliveries"]
    assert (d["product"], d["product_assumed"]) == ("gas_diesel_oil", True)
    assert d["bbl"]["90"] == pytest.approx(1000 * DIESEL * 0.9)


def test_draught_evidence_tightens_the_laden_fraction() -> None:
    [d] = ledger_of(
        [Delivery("l", date(2024, 1, 5), "gas_diesel_oil", deadweight_t=1000, laden=(0.6, 0.8))]
    )["deliveries"]
    # 33 % and 50 % are raised to 60 %, 90 % is lowered to 80 %.
    assert d["bbl"] == pytest.approx({"33": 600 * DIESEL, "50": 600 * DIESEL, "90": 800 * DIESEL})
    assert d["basis"] == "capacity+laden"


def test_a_stated_quantity_bounds_the_capacity_estimate_or_stands_alone() -> None:
    clamped, alone, tonnes = ledger_of(
        [
            Delivery("s", date(2024, 2, 1), "gas_diesel_oil", deadweight_t=2000,
                     stated=(6000, 9000)),
            Delivery("t", date(2024, 2, 2), "gas_diesel_oil", stated=(1000, 1570)),
            Delivery("w", date(2024, 2, 3), "kerosene_jet", stated=(100, 100), stated_unit="t"),
        ]
    )["deliveries"]  # fmt: skip
    # 2000 t diesel = 4771.8 / 7230 / 13014 bbl, held inside the stated 6000-9000 bbl.
    assert clamped["bbl"] == pytest.approx({"33": 6000, "50": 7230, "90": 9000})
    # No capacity: the stated range spread by scenario, 33 % at its low end, 90 % at its high.
    assert alone["bbl"] == pytest.approx({"33": 1000, "50": 1000 + 570 * 17 / 57, "90": 1570})
    assert tonnes["bbl"] == pytest.approx(dict.fromkeys(("33", "50", "90"), 777.0))


def test_crude_other_years_and_unquantified_deliveries() -> None:
    ledger = ledger_of(
        [
            Delivery("crude", date(2024, 1, 1), "crude_oil", deadweight_t=9000),
            Delivery("old", date(2023, 12, 31), "lpg", deadweight_t=9000),
            Delivery("bare", date(2024, 6, 1), "lpg"),
        ]
    )
    assert [d["id"] for d in ledger["deliveries"]] == ["bare"]
    assert ledger["unquantified"] == 1 and ledger["deliveries"][0]["bbl"] is None
    assert ledger["estimates"] == {"33": 0, "50": 0, "90": 0}


def test_the_date_each_scenario_crosses_the_cap() -> None:
    # 40 calls of a 3,000 t diesel tanker, one a week from 1 January: 21,690 bbl at 100 %.
    start = date(2024, 1, 1).toordinal()
    calls = [
        Delivery(f"d{i:02}", date.fromordinal(start + 7 * i), "gas_diesel_oil", deadweight_t=3000)
        for i in range(40)
    ]
    ledger = ledger_of(calls)
    per_call = {k: 3000 * DIESEL * f for k, f in (("33", 0.33), ("50", 0.5), ("90", 0.9))}
    for key, bbl in per_call.items():
        needed = int(500_000 // bbl) + 1  # the call that takes the total above the cap
        expected = calls[needed - 1].day.isoformat() if needed <= 40 else None
        assert ledger["cap_crossed"][key] == expected, key
    assert ledger["cap_crossed"]["33"] is None  # 40 x 7,157.7 bbl = 286,308 bbl
    assert ledger["cap_crossed"]["90"] == "2024-06-24"  # 26 x 19,521 bbl, 175 days on


def test_official_figures_newest_file_wins_per_supplier_and_month() -> None:
    rows = [
        Official(1, "a" * 64, "RU", "2024-01", 100, None),
        Official(1, "a" * 64, "RU", "2024-02", 200, None),
        Official(2, "b" * 64, "RU", "2024-02", 250, None),  # a later table restates February
        Official(2, "b" * 64, "RU", "2024-02", 50, None),  # two notices in one month add up
        Official(2, "b" * 64, "CN", "2023-12", 999, None),  # another year
    ]
    assert len(latest_official(rows, 2024)) == 3
    ledger = ledger_of([Delivery("x", date(2024, 3, 1), "lpg", deadweight_t=1000)], rows)
    assert ledger["official_bbl"] == 400
    assert ledger["official"] == {"RU": {"2024-01": 100, "2024-02": 300}}
    assert ledger["gap_to_official"]["50"] == pytest.approx(1000 * LPG * 0.5 - 400)
    assert ledger["official_sources"] == ["a" * 64, "b" * 64]
