"""Re-read archived submissions and compare them with the catalog rows figures rebuild from.

`verify` rebuilds figures from the catalog and the analytical store; for member reports and
petroleum notifications this module also re-parses the archived bytes with the project's own
readers, so a catalog row edited after ingestion (a claim, a barrel count) is named even when
the report was written after the edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from sanctionwatch.assess.regime import Regime
from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.sources.member_report import read_member_report
from sanctionwatch.sources.notifications import read_notifications
from sanctionwatch.workspace.models import PetroleumNotificationRow, ReportClaimRow, Source
from sanctionwatch.workspace.workspace import Workspace

REPORT_KIND = "member_report_json"
NOTIFICATIONS_KIND = "petroleum_notifications_csv"


def _notifications_from(path: Path) -> list[tuple[Any, ...]]:
    rows, _ = read_notifications(path)
    return sorted((r.supplier_state, r.month, r.barrels, r.tonnes) for r in rows)


def _claims_from(path: Path, regime: Regime) -> dict[str, tuple[Any, ...]]:
    report, _ = read_member_report(path, regime)
    found = {}
    for claim in report.claims:
        data = claim.model_dump(mode="json", by_alias=True, exclude_none=True)
        found[claim.id] = (data["type"], claim.summary, list(claim.provisions), data)
    return found


def reread_submissions(
    ws: Workspace, regime: Regime, inputs: list[dict[str, Any]]
) -> list[dict[str, str]]:
    """A mismatch for each archived submission whose catalog rows say something else."""
    found: list[dict[str, str]] = []
    for item in inputs:
        kind, sha = item.get("kind"), item["sha256"]
        path = ws.archive.path_for(sha)
        if kind not in (REPORT_KIND, NOTIFICATIONS_KIND) or not path.is_file():
            continue  # a missing file is already named by the hash check
        label = f"{sha} ({item.get('file_name', '?')})"
        with ws.catalog.reading() as session:
            source = session.scalar(select(Source).where(Source.sha256 == sha))
            if source is None:
                found.append({"kind": "input", "name": label, "problem": "not in the catalog"})
                continue
            if kind == NOTIFICATIONS_KIND:
                rows = session.scalars(
                    select(PetroleumNotificationRow).where(
                        PetroleumNotificationRow.source_id == source.id
                    )
                )
                stored: Any = sorted((r.supplier_state, r.month, r.barrels, r.tonnes) for r in rows)
            else:
                claims = session.scalars(
                    select(ReportClaimRow).where(ReportClaimRow.source_id == source.id)
                )
                stored = {
                    c.claim_id: (c.type, c.summary, list(c.provisions), dict(c.data))
                    for c in claims
                }
        try:
            archived: Any = (
                _notifications_from(path)
                if kind == NOTIFICATIONS_KIND
                else _claims_from(path, regime)
            )
        except SanctionwatchError as exc:
            found.append({"kind": "input", "name": label, "problem": f"unreadable: {exc}"})
            continue
        if archived != stored:
            found.append({"kind": "input", "name": label, "problem": _difference(archived, stored)})
    return found


def _difference(archived: Any, stored: Any) -> str:
    if isinstance(archived, dict):
        changed = sorted(
            k for k in archived.keys() | stored.keys() if archived.get(k) != stored.get(k)
        )
        return f"catalog claims differ from the archived report: {', '.join(changed)}"
    return "catalog notification rows differ from the archived file"
