"""Stored hits: a dismissed false positive stays quiet until its evidence changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.screening.hits import decide, record_hits
from sanctionwatch.workspace.workspace import Workspace


def _hit(names: list[str]) -> dict[str, object]:
    return {
        "mmsi": 445123000, "imo": 9000001, "ais_names": names, "list": "ofac",
        "list_id": "ofac:1", "listed_names": ["CHON MA SAN"], "basis": "name", "score": 0.8,
        "renamed": False, "explanation": "x",
    }  # fmt: skip


def test_false_positive_reopens_when_evidence_changes(tmp_path: Path, catalog_url: str) -> None:
    ws = Workspace.open(tmp_path / "ws", catalog_url=catalog_url)
    try:
        with ws.catalog.transaction() as session:
            [first] = record_hits(session, "ais_vessel", [_hit(["CHON MA"])])
        assert first["alert"] and first["status"] == "open"
        with ws.catalog.transaction() as session:
            decide(session, first["id"][:8], "false_positive", "another ship")
        with ws.catalog.transaction() as session:
            [same] = record_hits(session, "ais_vessel", [_hit(["CHON MA"])])
        assert not same["alert"] and same["status"] == "false_positive"
        with ws.catalog.transaction() as session:
            [moved] = record_hits(session, "ais_vessel", [_hit(["CHON MA", "CHON MA SAN"])])
        assert moved["alert"] and moved["reopened"] and moved["status"] == "open"
        with (
            ws.catalog.transaction() as session,
            pytest.raises(SanctionwatchError, match="say why"),
        ):
            decide(session, first["id"], "confirmed", " ")
    finally:
        ws.close()
