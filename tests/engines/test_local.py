"""The local engine over a workspace: same events whatever the bucketing, in a fixed order."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sanctionwatch.engines import local
from sanctionwatch.engines.kernels import needed
from sanctionwatch.engines.partition import RECORD, map_groups, map_positions, read_bucket
from sanctionwatch.maritime.events import EVENT_TYPES
from sanctionwatch.maritime.params import load_params
from sanctionwatch.workspace.workspace import Workspace
from tests.helpers import cli


@pytest.fixture(scope="module")
def ws_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("engine")
    sim = root / "sim"
    made = cli("simulate", "dprk-2024", "--seed", "8", "--vessels", "20", "--days", "1.5",
               "--interval", "60", "--format", "parquet", "--out", sim)  # fmt: skip
    assert made.code == 0, made.stderr
    assert cli("ingest", "ais", sim, workspace=root / "ws").code == 0
    return root / "ws"


def test_the_shuffle_keeps_every_usable_fix_once(ws_root: Path, tmp_path: Path) -> None:
    ws = Workspace.open(ws_root)
    try:
        for task, group in enumerate(map_groups(ws.store, 3)):
            map_positions(group, tmp_path, 5, task)
        buckets = [read_bucket(tmp_path, b) for b in range(5)]
        total = ws.store.query(
            "SELECT count(*) FROM positions WHERE station = 'vessel' AND flags & 67 = 0"
        )[0][0]
    finally:
        ws.close()
    assert sum(b.size for b in buckets) == total
    for k, b in enumerate(buckets):
        assert b.dtype == RECORD and ((b["mmsi"] % 5) == k).all()


def test_results_do_not_depend_on_the_bucketing(
    ws_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    params = load_params()
    ws = Workspace.open(ws_root)
    try:
        first = local.detect(ws, params, EVENT_TYPES)
        monkeypatch.setattr(local, "POSITIONS_PER_BUCKET", 7_000)  # many small buckets
        second = local.detect(ws, params, EVENT_TYPES)
    finally:
        ws.close()
    assert [repr(e) for e in first.events] == [repr(e) for e in second.events]  # NaN places
    assert first.positions == second.positions > 0
    keys = [(EVENT_TYPES.index(e.type), e.start, e.vessels, e.end) for e in first.events]
    assert keys == sorted(keys)
    assert not list((ws_root / "tmp").glob("detect-*"))  # scratch removed


def test_only_the_types_asked_for_come_back(ws_root: Path) -> None:
    """A run of some types gives those types only, and the same events of them as a full run
    (types they need, like spoofing for loitering, are run but not returned)."""
    ws = Workspace.open(ws_root)
    try:
        params = load_params()
        everything = local.detect(ws, params, EVENT_TYPES)
        found = local.detect(ws, params, ("port_visit", "loitering"))
    finally:
        ws.close()
    kinds = [e.type for e in found.events]
    assert "port_visit" in kinds  # the fixture has port visits: a run that found none fails
    assert set(kinds) <= {"port_visit", "loitering"}
    same = [repr(e) for e in everything.events if e.type in ("port_visit", "loitering")]
    assert [repr(e) for e in found.events] == same
    assert {"loitering", "spoofing", "shared_mmsi"} <= needed(("dark_transfer",))


def test_an_empty_workspace_gives_nothing(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    try:
        found = local.detect(ws, load_params(), EVENT_TYPES)
    finally:
        ws.close()
    assert found.positions == 0 and found.events == []
    assert np.isfinite(found.seconds)
