"""Member reports and official notifications into the workspace: archive, source, rows.

Each file goes in one transaction: its bytes archived by sha256, a source row with its
provider, grade and releasability, and its claims or notifications. The same bytes again
change nothing. On any failure the archive file written is removed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.sources.member_report import ClaimBase, ImageryObservation, MemberReport
from sanctionwatch.sources.notifications import Notification
from sanctionwatch.workspace.archive import sha256_hex
from sanctionwatch.workspace.models import (
    AuditRow,
    MemberReportRow,
    PetroleumNotificationRow,
    ReportClaimRow,
    Source,
)
from sanctionwatch.workspace.sources import Provenance, find_source, record_source
from sanctionwatch.workspace.workspace import Workspace, utc_now

REPORT_KIND = "member_report_json"
NOTIFICATIONS_KIND = "petroleum_notifications_csv"
COMMITTEE = "UN Security Council 1718 Committee"


@dataclass(frozen=True)
class NotificationOptions:
    """Provenance of a notifications file: by default the Committee's public record (A1)."""

    provider: str = COMMITTEE
    reliability: str = "A"
    credibility: int = 1
    releasability: tuple[str, ...] = field(default=("public",))


def claim_key(sha256: str, claim_id: str) -> str:
    """A claim's stable id: the same report bytes give the same ids in every workspace."""
    return hashlib.sha256(f"{sha256}:{claim_id}".encode()).hexdigest()[:16]


@contextmanager
def _one_file(ws: Workspace) -> Iterator[tuple[Session, list[str]]]:
    """A transaction whose archive writes are undone if it fails."""
    created: list[str] = []
    try:
        with ws.catalog.transaction() as session:
            yield session, created
    except BaseException:
        for digest in created:
            ws.archive.remove(digest)
        raise


def _already(session: Session, digest: str, kind: str) -> bool:
    """True when these bytes were ingested as ``kind`` (source and rows commit together)."""
    source = find_source(session, digest)
    if source is None:
        return False
    if source.kind != kind:
        raise SanctionwatchError(f"these bytes are already in the workspace as {source.kind}")
    return True


def _claim_row(source: Source, report: MemberReport, claim: ClaimBase) -> ReportClaimRow:
    entities = {e.id: e for e in report.entities}
    data = claim.model_dump(mode="json", by_alias=True, exclude_none=True)
    refs = [r for r in dict.fromkeys(_refs(data)) if r in entities]
    grade = claim.grade or report.grade
    start = claim.start
    if start is None and isinstance(claim, ImageryObservation):
        start = claim.observed_at.date()
    return ReportClaimRow(
        id=claim_key(source.sha256, claim.id),
        source_id=source.id,
        claim_id=claim.id,
        type=data["type"],
        summary=claim.summary,
        start=start,
        end=claim.end or start,
        provisions=list(claim.provisions),
        entities=[
            entities[r].model_dump(mode="json", by_alias=True, exclude_none=True) for r in refs
        ],
        reliability=grade[0],
        credibility=int(grade[1]),
        data=data,
    )


def _refs(data: dict[str, Any]) -> list[str]:
    refs = list(data.get("entities", [])) + list(data.get("parties", []))
    refs += [data["vessel"]] if data.get("vessel") else []
    refs += [a["holder"] for a in data.get("accounts", []) if a.get("holder")]
    return refs


def ingest_report(
    ws: Workspace, report: MemberReport, data: bytes, origin: str, file_name: str
) -> dict[str, Any]:
    """Store a validated report: its source (member state, grade, releasability) and claims."""
    digest = sha256_hex(data)
    summary = {
        "sha256": digest,
        "report_id": report.report_id,
        "submitting_member": report.submitting_member,
        "grade": report.grade,
        "releasability": list(report.releasable_to),
        "simulated": report.simulated,
        "claims": len(report.claims),
        "claims_by_type": dict(sorted(Counter(c.type for c in report.claims).items())),
    }
    with _one_file(ws) as (session, created):
        if _already(session, digest, REPORT_KIND):
            return {**summary, "loaded": False}
        now = utc_now()
        provenance = Provenance(
            origin=origin,
            retrieved_at=now,
            provider_kind="member_state",
            provider=report.submitting_member,
            reliability=report.reliability,
            credibility=report.credibility,
            releasability=report.releasable_to,
        )
        source = _record(ws, session, data, REPORT_KIND, file_name, provenance, now, created)
        session.add(
            MemberReportRow(
                source_id=source.id,
                report_id=report.report_id,
                submitting_member=report.submitting_member,
                submitted=report.submitted,
                title=report.title,
                simulated=report.simulated,
                entities=[
                    e.model_dump(mode="json", by_alias=True, exclude_none=True)
                    for e in report.entities
                ],
                claims=len(report.claims),
                ingested_at=now,
            )
        )
        session.add_all(_claim_row(source, report, c) for c in report.claims)
        session.add(AuditRow(at=now, action="ingest.report", detail=summary))
    return {**summary, "loaded": True}


def ingest_notifications(
    ws: Workspace,
    rows: list[Notification],
    data: bytes,
    origin: str,
    file_name: str,
    options: NotificationOptions | None = None,
) -> dict[str, Any]:
    """Store official notifications of refined petroleum as one source."""
    options = options or NotificationOptions()
    digest = sha256_hex(data)
    summary = {
        "sha256": digest,
        "notifications": len(rows),
        "suppliers": sorted({r.supplier_state for r in rows}),
        "months": sorted({r.month for r in rows}),
        "barrels": sum(r.barrels for r in rows),
    }
    with _one_file(ws) as (session, created):
        if _already(session, digest, NOTIFICATIONS_KIND):
            return {**summary, "loaded": False}
        now = utc_now()
        provenance = Provenance(
            origin=origin,
            retrieved_at=now,
            provider_kind="official_list",
            provider=options.provider,
            reliability=options.reliability,
            credibility=options.credibility,
            releasability=options.releasability,
        )
        source = _record(ws, session, data, NOTIFICATIONS_KIND, file_name, provenance, now, created)
        session.add_all(
            PetroleumNotificationRow(
                source_id=source.id,
                line=r.line,
                supplier_state=r.supplier_state,
                month=r.month,
                barrels=r.barrels,
                tonnes=r.tonnes,
                note=r.note,
            )
            for r in rows
        )
        session.add(AuditRow(at=now, action="ingest.notifications", detail=summary))
    return {**summary, "loaded": True}


def _record(
    ws: Workspace,
    session: Session,
    data: bytes,
    kind: str,
    file_name: str,
    provenance: Provenance,
    now: datetime,
    created: list[str],
) -> Source:
    return record_source(
        session,
        ws.archive,
        data,
        kind=kind,
        file_name=file_name,
        provenance=provenance,
        now=now,
        created_files=created,
    )
