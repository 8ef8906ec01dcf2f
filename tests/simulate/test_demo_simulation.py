"""`make demo` simulates a small scenario into the workspace and ingests it, once."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from sanctionwatch.demo import _simulated_ais
from sanctionwatch.workspace.workspace import Workspace
from tests.helpers import workspace_state


def test_demo_simulates_into_the_workspace_and_ingests_once(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    try:
        _simulated_ais(ws)
        folder = ws.root / "simulated" / "dprk-2024-seed-2"
        manifest = json.loads((folder / "manifest.json").read_text())
        assert manifest["simulated"] is True
        [stored] = duckdb.sql(
            f"SELECT count(*) FROM read_parquet('{ws.root}/store/positions/*/*.parquet')"
        ).fetchall()
        assert stored[0] == manifest["counts"]["positions"] > 10_000
        before = workspace_state(ws.root)["files"]
        _simulated_ais(ws)  # again: the same bytes, so no file changes (the audit log grows)
        assert workspace_state(ws.root)["files"] == before
    finally:
        ws.close()
