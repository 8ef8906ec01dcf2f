"""Reports and notifications into the catalog: provenance, claims, no-op on the same bytes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sanctionwatch.assess.ledger import build_ledger, claimed_deliveries, official_notifications
from sanctionwatch.assess.regime import default_regime
from sanctionwatch.assess.submissions import claim_key, ingest_notifications, ingest_report
from sanctionwatch.sources.member_report import read_member_report
from sanctionwatch.sources.notifications import read_notifications
from sanctionwatch.workspace.models import MemberReportRow, ReportClaimRow
from sanctionwatch.workspace.sources import list_sources
from sanctionwatch.workspace.workspace import Workspace
from tests.helpers import workspace_state

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def workspace(tmp_path: Path, catalog_url: str) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "ws", catalog_url=catalog_url)
    yield ws
    ws.close()


def _ingest_example(ws: Workspace) -> dict[str, Any]:
    path = EXAMPLES / "report-example.json"
    report, data = read_member_report(path, default_regime())
    return ingest_report(ws, report, data, path.as_posix(), path.name)


def test_a_report_is_a_member_state_source_with_its_claims(workspace: Workspace) -> None:
    result = _ingest_example(workspace)
    assert result["loaded"] is True and result["claims"] == 6
    with workspace.catalog.reading() as session:
        [source] = list_sources(session)
        report = session.scalars(select(MemberReportRow)).one()
        claims = session.scalars(select(ReportClaimRow).order_by(ReportClaimRow.claim_id)).all()
    assert (source["provider_kind"], source["provider"]) == ("member_state", "NZ")
    assert (source["grade"], source["releasability"]) == ("B2", ["NZ", "AU", "JP"])
    assert (
        workspace.archive.get(source["sha256"]) == (EXAMPLES / "report-example.json").read_bytes()
    )
    assert (report.report_id, report.simulated, len(report.entities)) == (
        "EXAMPLE-2024-001",
        True,
        4,
    )
    assert [c.claim_id for c in claims] == ["c1", "c2", "c3", "c4", "c5", "c6"]
    arms = claims[0]
    assert arms.id == claim_key(source["sha256"], "c1")
    assert arms.provisions == ["1718/8(b)", "1874/9"]
    assert [e["id"] for e in arms.entities] == ["o1", "v1"]
    assert arms.data["munition_type"].startswith("artillery")
    imagery = claims[5]
    assert (imagery.reliability, imagery.credibility) == ("B", 3)  # the claim's own grade
    assert imagery.start is not None and imagery.start.isoformat() == "2024-04-11"
    assert {e["id"] for e in claims[4].entities} == {"o1", "p1"}


def test_the_same_report_bytes_again_change_nothing(workspace: Workspace) -> None:
    _ingest_example(workspace)
    before = workspace_state(workspace.root)
    assert _ingest_example(workspace)["loaded"] is False
    assert workspace_state(workspace.root) == before


def test_claims_and_notifications_feed_the_ledger(workspace: Workspace) -> None:
    _ingest_example(workspace)
    path = EXAMPLES / "notifications-example.csv"
    rows, data = read_notifications(path)
    result = ingest_notifications(workspace, rows, data, path.as_posix(), path.name)
    assert result["loaded"] and result["barrels"] == 8050.5
    with workspace.catalog.reading() as session:
        official = official_notifications(session)
        deliveries = claimed_deliveries(session)
        sources = list_sources(session)
    assert sources[1]["provider_kind"] == "official_list" and sources[1]["grade"] == "A1"
    [delivery] = deliveries
    assert (delivery.deadweight_t, delivery.laden, delivery.day.isoformat()) == (
        3000,
        (0.8, 0.95),
        "2024-04-14",
    )
    ledger = build_ledger(default_regime(), 2024, official, deliveries)
    assert ledger["official_bbl"] == 8050.5
    assert ledger["estimates"]["90"] == pytest.approx(3000 * 7.23 * 0.9)
    assert ledger["estimates"]["33"] == pytest.approx(3000 * 7.23 * 0.8)  # draught floor
    [evidence] = ledger["deliveries"][0]["evidence"]
    assert (evidence["kind"], evidence["grade"], evidence["provider"]) == ("claim", "B2", "NZ")
    before = workspace_state(workspace.root)
    again = ingest_notifications(workspace, rows, data, path.as_posix(), path.name)
    assert again["loaded"] is False and workspace_state(workspace.root) == before
