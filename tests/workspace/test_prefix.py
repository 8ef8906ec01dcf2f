"""Rows by a unique id prefix: too short, no match, SQL wildcards taken literally."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.screening.hits import record_hits
from sanctionwatch.workspace.models import ScreeningHitRow
from sanctionwatch.workspace.prefix import rows_by_prefix
from sanctionwatch.workspace.workspace import Workspace


def test_prefix_lookup(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    try:
        hit = {"mmsi": 1, "list": "ofac", "list_id": "ofac:1", "basis": "imo", "score": 1.0}
        with ws.catalog.transaction() as session:
            [stored] = record_hits(session, "ais_vessel", [hit])
        with ws.catalog.reading() as session:

            def find(ref: str) -> list[ScreeningHitRow]:
                return rows_by_prefix(
                    session, ScreeningHitRow, ScreeningHitRow.id, ref, what="hit", min_length=6
                )

            assert [r.id for r in find(stored["id"][:6])] == [stored["id"]]
            with pytest.raises(SanctionwatchError, match="at least 6"):
                find(stored["id"][:3])
            with pytest.raises(SanctionwatchError, match="no hit matches"):
                find("______")  # six wildcards would match any id in a LIKE
            with pytest.raises(SanctionwatchError, match="no hit matches"):
                find("%%%%%%")
    finally:
        ws.close()
