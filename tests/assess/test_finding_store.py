"""Stored findings: re-running updates by id and keeps decisions and replies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from sanctionwatch.assess.finding_store import add_reply, list_findings, store_findings
from sanctionwatch.workspace.models import FindingRow
from sanctionwatch.workspace.workspace import Workspace


def _finding(identifier: str, releasable: list[str]) -> dict[str, Any]:
    return {
        "id": identifier, "category": "maritime", "rules": ["dprk_encounter"],
        "provisions": ["2375/11"], "parties": [], "start": "2024-03-01T00:00:00Z",
        "end": "2024-03-01T06:00:00Z", "place": None, "quantity": None, "summary": "s",
        "confidence": "likely", "probability": 0.6, "confirmed": False, "single_source": True,
        "single_member": False, "providers": ["commercial:x"], "releasability": releasable,
        "assumptions": [], "details": {}, "evidence": [{"kind": "event", "id": "e"}],
    }  # fmt: skip


def test_rerun_updates_and_keeps_replies(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    run = [_finding("aaaaaaaaaaaaaaaa", ["public"]), _finding("bbbbbbbbbbbbbbbb", ["NZ"])]
    with ws.catalog.transaction() as session:
        assert store_findings(session, run, "v")["added"] == 2
    with ws.catalog.transaction() as session:
        add_reply(session, "aaaaaa", "DPRK", "fabrication", None)
        again = store_findings(session, run, "v")
    assert (again["added"], again["updated"]) == (0, 2)
    with ws.catalog.transaction() as session:  # the evidence no longer yields either
        gone = store_findings(session, [], "v")
    assert (gone["removed"], gone["kept_stale"]) == (1, 1)
    with ws.catalog.reading() as session:
        (kept,) = session.scalars(select(FindingRow)).all()
        assert kept.id == "aaaaaaaaaaaaaaaa" and not kept.current
        assert [f["id"] for f in list_findings(session, audience="NZ")] == [kept.id]
    ws.close()
