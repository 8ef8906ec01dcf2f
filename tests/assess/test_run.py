"""`assess` is one transaction: a run that fails stores nothing, not even its screening hits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanctionwatch.assess.regime import Regime, default_regime
from sanctionwatch.assess.run import run_assessment
from sanctionwatch.assess.submissions import ingest_report
from sanctionwatch.lists.load import load_snapshots
from sanctionwatch.lists.read import read_lists
from sanctionwatch.sources.member_report import read_member_report
from sanctionwatch.workspace.workspace import Workspace
from tests.helpers import workspace_state

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "report-example.json"


def _ingest(ws: Workspace, path: Path) -> None:
    report, data = read_member_report(path, default_regime())
    ingest_report(ws, report, data, path.as_posix(), path.name)


def _without_claim_inference(regime: Regime) -> Regime:
    """A regime file that forgot how strongly a member's claim shows a violation."""
    assert regime.assessment is not None
    table = regime.assessment.confidence
    inference = {k: v for k, v in table.inference.items() if k != "member_claim"}
    confidence = table.model_copy(update={"inference": inference})
    assessment = regime.assessment.model_copy(update={"confidence": confidence})
    return regime.model_copy(update={"assessment": assessment})


def test_a_failed_run_leaves_the_previous_findings_and_hits(tmp_path: Path, shared: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    try:
        load_snapshots(ws, read_lists([shared / "data/lists/ofac/2024-05-03"]))
        _ingest(ws, EXAMPLE)
        first = run_assessment(ws, default_regime())
        assert first["count"] > 0
        # A second report naming a listed vessel: screening it gives a hit to store.
        document = json.loads(EXAMPLE.read_text())
        document["report_id"] = "EXAMPLE-2024-002"
        document["entities"][0].update(name="CHONG CHON GANG", imo="7937317")
        second = tmp_path / "second.json"
        second.write_text(json.dumps(document))
        _ingest(ws, second)
        before = workspace_state(ws.root)
        with pytest.raises(KeyError, match="member_claim"):
            run_assessment(ws, _without_claim_inference(default_regime()))
        assert workspace_state(ws.root) == before
        again = run_assessment(ws, default_regime())
        assert again["report_entity_hits"] > 0  # the failed run would have stored hits
    finally:
        ws.close()
