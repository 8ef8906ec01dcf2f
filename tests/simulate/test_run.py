"""The folder: same seed same bytes, other seed other traffic, all or nothing, marked simulated."""

from __future__ import annotations

import hashlib
import json
import resource
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.simulate import run
from sanctionwatch.simulate.run import Request, RequestError, check, simulate

TINY = Request("dprk-2024", seed=3, vessels=14, days=1, interval=120)


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("fmt", ["nmea", "parquet"])
def test_same_seed_same_bytes(tmp_path: Path, fmt: str) -> None:
    request = Request(**{**TINY.__dict__, "format": fmt})
    simulate(request, tmp_path / "a")
    simulate(request, tmp_path / "b")
    first, second = _hashes(tmp_path / "a"), _hashes(tmp_path / "b")
    # the AIS, 3 side files, 3 member reports, notifications, designations, README, manifest
    assert first == second and len(first) == (11 if fmt == "nmea" else 12)


def test_workers_in_parallel_write_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "_WINDOW_POSITIONS", 2_000)  # many small windows for two workers
    simulate(TINY, tmp_path / "serial")
    monkeypatch.setattr(run, "workers_for", lambda _estimate, count: 2)
    simulate(TINY, tmp_path / "parallel")
    serial, parallel = _hashes(tmp_path / "serial"), _hashes(tmp_path / "parallel")
    assert serial["ais.nmea"] == parallel["ais.nmea"]
    assert serial["truth.jsonl"] == parallel["truth.jsonl"]


def test_another_seed_gives_other_traffic(tmp_path: Path) -> None:
    simulate(TINY, tmp_path / "a")
    simulate(Request(**{**TINY.__dict__, "seed": 4}), tmp_path / "b")
    a, b = (json.loads((tmp_path / n / "manifest.json").read_text()) for n in "ab")
    assert a["counts"]["positions"] != b["counts"]["positions"]
    names = [{json.loads(v)["name"] for v in (tmp_path / n / "vessels.jsonl").open()} for n in "ab"]
    assert not names[0] & names[1]
    assert (tmp_path / "a" / "truth.jsonl").read_bytes() != (
        tmp_path / "b" / "truth.jsonl"
    ).read_bytes()


def test_everything_is_marked_simulated_and_hashed(tmp_path: Path) -> None:
    result = simulate(TINY, tmp_path / "out")
    folder = tmp_path / "out"
    assert result["simulated"] is True
    assert set(result) >= {"positions", "vessels", "events_by_type", "files"}
    assert sorted(result["files"]) == sorted(p.name for p in folder.iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["simulated"] is True and manifest["seed"] == 3
    for entry in manifest["files"]:
        assert hashlib.sha256((folder / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    head = (folder / "ais.nmea").read_text().splitlines()[:4]
    assert head[0].startswith("# SIMULATED AIS") and head[3].startswith("\\s:SIMULATED,c:")
    for name in ("vessels.jsonl", "identities.jsonl", "truth.jsonl"):
        rows = [json.loads(line) for line in (folder / name).open()]
        assert rows and all(row["simulated"] is True for row in rows)
    assert "SIMULATED DATA" in (folder / "README.txt").read_text()


def _limit_file_size() -> None:
    # Python ignores SIGXFSZ, so a write past the limit fails with EFBIG, as a full disk would.
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))


def test_a_failure_leaves_nothing_behind(tmp_path: Path) -> None:
    """A real failure part-way: the process may write no file beyond 200 kB (the AIS is
    larger), so writing stops with an OSError after the folder was begun."""
    command = [sys.executable, "-m", "sanctionwatch", "simulate", TINY.scenario, "--seed",
               str(TINY.seed), "--vessels", str(TINY.vessels), "--days", str(TINY.days),
               "--out", str(tmp_path / "out")]  # fmt: skip
    done = subprocess.run(
        command, capture_output=True, text=True, preexec_fn=_limit_file_size, timeout=600
    )
    assert done.returncode != 0
    assert "File too large" in done.stderr, done.stderr
    assert list(tmp_path.iterdir()) == []  # no folder, no temporary left


def test_an_existing_folder_is_never_touched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(SanctionwatchError, match="not an empty folder"):
        simulate(TINY, out)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    simulate(TINY, empty)  # an empty folder is filled
    assert (empty / "ais.nmea").is_file()


@pytest.mark.parametrize(
    ("change", "option"),
    [
        ({"scenario": "nope"}, "SCENARIO"),
        ({"vessels": 3}, "--vessels"),
        ({"days": 0}, "--days"),
        ({"days": 400}, "--days"),
        ({"interval": -5}, "--interval"),
        ({"format": "csv"}, "--format"),
        ({"seed": -1}, "--seed"),
    ],
)
def test_bad_requests_name_the_option(change: dict[str, object], option: str) -> None:
    with pytest.raises(RequestError) as caught:
        check(Request(**{**TINY.__dict__, **change}))
    assert caught.value.option == option


def test_thinning_keeps_at_most_one_position_per_interval(tmp_path: Path) -> None:
    from sanctionwatch.simulate.scenarios import plan, scenario
    from tests.simulate.conftest import draw

    drawn = draw(plan(scenario("dprk-2024"), 3, 14, 0.5), 600)
    for hull in np.unique(drawn.pos["hull"]):
        t = drawn.pos["t"][drawn.pos["hull"] == hull]
        assert np.diff(t).min() >= 600 - 180  # a new segment may restart the 10-minute grid


def test_background_scenario_has_no_evasion() -> None:
    from sanctionwatch.simulate.scenarios import plan, scenario
    from tests.simulate.conftest import draw

    drawn = draw(plan(scenario("background-2024"), 3, 20, 1), 120)
    kinds = {label.type for label in drawn.labels}
    assert "port_visit" in kinds and kinds <= {"port_visit", "draught_change"}
    assert {hull.role for hull in drawn.sim.hulls} == {"background"}
    assert not any(hull.dark or hull.spoofs or len(hull.identities) > 1 for hull in drawn.sim.hulls)
