"""The regime file: DESIGN.md's provisions, caps and factors, validated with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.assess.regime import default_regime, load_regime
from sanctionwatch.sources.validation import InvalidFileError

DESIGN_IDS = {
    "1718/8(a)", "1718/8(b)", "1718/8(c)", "1718/8(d)", "1718/8(e)", "1874/9", "1874/10",
    "1874/17", "2094/11", "2270/9", "2371/8", "2375/11", "2375/18", "2397/4", "2397/5",
    "2397/8", "designated-vessels",
}  # fmt: skip

TINY = """\
regime: tiny
title: A made-up regime for tests
version: "0.1"
committee: Test Committee
sources: [none]
monitoring_team: {name: Test team, members: [AU, FR]}
provisions:
  - id: "1/2"
    resolution: 1
    paragraph: "2"
    paragraph_confirmed: true
    category: arms
    summary: No arms.
    prohibits: [arms]
"""


def test_the_dprk_regime_holds_the_provisions_of_design_md() -> None:
    regime = default_regime()
    assert regime.regime == "dprk"
    assert regime.provision_ids >= DESIGN_IDS
    assert regime.members == {"AU", "CA", "FR", "DE", "IT", "JP", "NL", "NZ", "KR", "GB", "US"}


def test_caps_have_units_periods_and_reporting_duties() -> None:
    regime = default_regime()
    refined = regime.provision("2397/5")
    assert refined.cap is not None
    assert (refined.cap.quantity, refined.cap.unit, refined.cap.period) == (
        500_000,
        "bbl",
        "calendar_year",
    )
    [supplier, committee] = refined.reporting
    assert (supplier.by, supplier.every_days) == ("supplier_state", 30)
    assert committee.at_fractions_of_cap == (0.75, 0.90, 0.95) and not committee.confirmed
    crude = regime.provision("2397/4")
    assert crude.cap is not None and crude.cap.alternative is not None
    assert (crude.cap.quantity, crude.cap.unit, crude.cap.period) == (4e6, "bbl", "twelve_months")
    assert (crude.cap.alternative.quantity, crude.cap.alternative.unit) == (525_000, "t")
    assert crude.cap.period_start == "12-22"
    assert crude.reporting[0].every_days == 90


def test_paragraphs_design_md_marks_unconfirmed_say_so() -> None:
    regime = default_regime()
    for provision_id in ("2094/11", "2270/9", "designated-vessels"):
        assert regime.provision(provision_id).paragraph_confirmed is False
    assert regime.provision("2375/11").paragraph_confirmed is True


def test_conversion_factors_are_design_md_s_versioned_table() -> None:
    regime = default_regime()
    factors = regime.conversion_factors
    assert factors is not None and factors.version and factors.unit == "bbl/t"
    table = {p: f.bbl_per_t for p, f in factors.products.items()}
    assert table == {
        "gas_diesel_oil": 7.23,
        "motor_gasoline": 8.50,
        "kerosene_jet": 7.77,
        "residual_fuel_oil": 6.62,
        "lpg": 11.6,
    }
    lpg = factors.products["lpg"]
    assert "1718 Committee" in lpg.source
    assert [(a.bbl_per_t, a.source) for a in lpg.alternatives] == [
        (11.65, "UN Statistics Division")
    ]
    ledger = regime.petroleum_ledger
    assert ledger is not None and ledger.scenarios == (0.33, 0.50, 0.90)
    assert ledger.provision == "2397/5"


def test_a_second_regime_file_loads_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY)
    regime = load_regime(path)
    assert regime.regime == "tiny" and regime.provision_ids == {"1/2"}
    assert regime.petroleum_ledger is None


def test_errors_name_the_file_and_every_field(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    broken = TINY.replace("category: arms", "category: arms\n    cap: {quantity: -1, unit: gal}")
    broken = broken.replace('id: "1/2"', 'id: "1/3"').replace("prohibits: [arms]", "prohibit: x")
    path.write_text(broken)
    with pytest.raises(InvalidFileError) as caught:
        load_regime(path)
    message = str(caught.value)
    for field in (
        "provisions.0.cap.quantity",
        "provisions.0.cap.unit",
        "provisions.0.cap.period",
        "provisions.0.prohibits",
        "provisions.0.prohibit",
    ):
        assert f"{path} (field {field})" in message, field


def test_an_id_must_name_its_paragraph_and_ids_are_unique(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY.replace('id: "1/2"', 'id: "1/9"'))
    with pytest.raises(InvalidFileError, match=r"should be '1/2'"):
        load_regime(path)
    path.write_text(TINY + TINY[TINY.index("  - id") :])
    with pytest.raises(InvalidFileError, match="unique"):
        load_regime(path)


def test_a_ledger_needs_a_barrel_cap_and_a_default_factor(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    ledger = """\
petroleum_ledger: {provision: "1/2", scenarios: [0.5], scenarios_source: x, default_product: oil}
"""
    path.write_text(TINY + ledger)
    with pytest.raises(InvalidFileError, match="no barrel cap"):
        load_regime(path)


def test_unreadable_and_malformed_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidFileError, match=r"missing.yaml: .*cannot read"):
        load_regime(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("regime: [unclosed\n")
    with pytest.raises(InvalidFileError, match="not valid YAML"):
        load_regime(bad)
