"""The detectors' parameters: defaults, files, overrides, and a version that tells them apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.errors import InputError, SanctionwatchError
from sanctionwatch.maritime.params import default_params, load_params

REQUIRED = (
    "resample.interval_min", "resample.max_gap_h", "encounter.max_distance_km",
    "encounter.min_duration_h", "encounter.max_median_speed_kn", "encounter.min_port_distance_km",
    "encounter.merge_gap_h", "gap.min_h", "loitering.max_speed_kn", "loitering.min_duration_h",
    "port.entry_km", "port.exit_km",
)  # fmt: skip


def test_defaults_hold_every_documented_key() -> None:
    params = default_params()
    for key in REQUIRED:
        params.get(key)
    assert params.get("gap.min_h") == 6.0
    assert params.version.startswith("maritime-2+")


def test_overrides_change_the_version_and_are_typed() -> None:
    base = default_params()
    changed = load_params(overrides=["gap.min_h=8", "resample.interval_min=5"])
    assert changed.get("gap.min_h") == 8.0 and isinstance(changed.get("gap.min_h"), float)
    assert changed.get("resample.interval_min") == 5
    assert changed.version != base.version
    assert load_params().version == base.version


@pytest.mark.parametrize(
    "bad", ["gap.min_h", "gap.nope=1", "nope.x=1", "gap.min_h=abc", "gap.min_h=-5", "gap.min_h=nan"]
)
def test_bad_overrides_are_clear_errors(bad: str) -> None:
    with pytest.raises(SanctionwatchError, match="--param"):
        load_params(overrides=[bad])


def test_params_file(tmp_path: Path) -> None:
    good = tmp_path / "p.yaml"
    good.write_text("version: mine-2\ngap:\n  min_h: 3\n", encoding="utf-8")
    params = load_params(good)
    assert params.get("gap.min_h") == 3 and params.version.startswith("mine-2+")
    assert params.get("port.entry_km") == 3.0  # untouched keys keep their defaults
    typo = tmp_path / "typo.yaml"
    typo.write_text("version: x\ngap:\n  min_hours: 3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gap\.min_hours"):
        load_params(typo)
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("version: x\ngap:\n  min_h: six\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gap\.min_h.*expected a number"):
        load_params(wrong)
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        load_params(broken)
