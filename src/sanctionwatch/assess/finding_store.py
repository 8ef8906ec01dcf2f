"""Findings in the catalog: stored by stable id, read back filtered, and replies beside them.

Storing a run replaces what the evidence yields and keeps what people did: a finding found
again keeps its analyst decision and its replies; one the evidence no longer yields is
deleted, unless a decision or reply refers to it, when it stays marked ``current = false``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctionwatch.assess.confidence import visible_to
from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.workspace.models import AuditRow, FindingRow, ReplyRow
from sanctionwatch.workspace.prefix import ambiguous, rows_by_prefix
from sanctionwatch.workspace.workspace import utc_now

FIELDS = (
    "category", "rules", "provisions", "parties", "place", "quantity", "summary", "confidence",
    "probability", "confirmed", "single_source", "single_member", "providers", "releasability",
    "assumptions", "details", "evidence",
)  # fmt: skip


def store_findings(session: Session, found: list[dict[str, Any]], version: str) -> dict[str, int]:
    """Upsert this run's findings (dicts as ``Finding.as_dict`` gives them)."""
    from datetime import datetime

    now = utc_now()
    seen = set()
    added = 0
    for f in found:
        seen.add(f["id"])
        row = session.get(FindingRow, f["id"])
        if row is None:
            row = FindingRow(
                id=f["id"], status="open", decision_note=None, decided_at=None, first_assessed=now
            )
            session.add(row)
            added += 1
        for key in FIELDS:
            setattr(row, key, f[key])
        row.start = datetime.fromisoformat(f["start"])
        row.end = datetime.fromisoformat(f["end"])
        row.calibration_version = version
        row.current = True
        row.last_assessed = now
    session.flush()
    replied = set(session.scalars(select(ReplyRow.finding_id)))
    removed = kept = 0
    for row in session.scalars(select(FindingRow).where(FindingRow.id.not_in(seen))):
        if row.id in replied or row.status != "open":
            row.current = False
            kept += 1
        else:
            session.delete(row)
            removed += 1
    return {"added": added, "updated": len(seen) - added, "removed": removed, "kept_stale": kept}


def finding_dict(row: FindingRow, replies: list[ReplyRow] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"id": row.id}
    data.update({key: getattr(row, key) for key in FIELDS})
    data["start"] = row.start.strftime("%Y-%m-%dT%H:%M:%SZ")
    data["end"] = row.end.strftime("%Y-%m-%dT%H:%M:%SZ")
    data.update(
        current=row.current,
        status=row.status,
        decision_note=row.decision_note,
        decided_at=row.decided_at.strftime("%Y-%m-%dT%H:%M:%SZ") if row.decided_at else None,
        calibration_version=row.calibration_version,
    )
    if replies is not None:
        data["replies"] = [reply_dict(r) for r in replies]
    return data


def reply_dict(r: ReplyRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "party": r.party,
        "text": r.text,
        "sha256": r.sha256,
        "origin": r.origin,
        "received_at": r.received_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def list_findings(
    session: Session, *, category: str | None = None, audience: str | None = None
) -> list[dict[str, Any]]:
    query = select(FindingRow).order_by(FindingRow.start, FindingRow.id)
    if category is not None:
        query = query.where(FindingRow.category == category)
    return [
        finding_dict(row)
        for row in session.scalars(query)
        if audience is None or visible_to(row.releasability, audience)
    ]


def find_finding(session: Session, reference: str) -> FindingRow:
    """A finding by id or a unique prefix of at least 6 characters."""
    rows = rows_by_prefix(
        session, FindingRow, FindingRow.id, reference, what="finding", min_length=6,
        hint=" (see `sanctionwatch findings`)",
    )  # fmt: skip
    if len(rows) > 1:
        raise ambiguous("finding", reference)
    return rows[0]


DECISIONS = ("open", "confirmed", "rejected")


def decide_finding(session: Session, reference: str, status: str, note: str) -> dict[str, Any]:
    """Record an analyst's decision on a finding; `assess` keeps it on every re-run."""
    if status not in DECISIONS:
        raise SanctionwatchError(f"a decision is one of {', '.join(DECISIONS)}, not {status!r}")
    row = find_finding(session, reference)
    now = utc_now()
    previous = row.status
    row.status = status
    row.decision_note = note.strip() or None
    row.decided_at = now
    session.add(
        AuditRow(
            at=now,
            action="finding.decide",
            detail={"finding": row.id, "from": previous, "to": status, "note": row.decision_note},
        )
    )
    return finding_dict(row)


def replies_of(session: Session, finding: str) -> list[ReplyRow]:
    query = select(ReplyRow).where(ReplyRow.finding_id == finding).order_by(ReplyRow.id)
    return list(session.scalars(query))


def add_reply(
    session: Session, reference: str, party: str, text: str, origin: str | None
) -> dict[str, Any]:
    if not party.strip():
        raise SanctionwatchError("--party: name who replies")
    if not text.strip():
        raise SanctionwatchError("the reply is empty")
    row = find_finding(session, reference)
    now = utc_now()
    reply = ReplyRow(
        finding_id=row.id,
        party=party.strip(),
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        origin=origin,
        received_at=now,
    )
    session.add(reply)
    session.flush()
    session.add(
        AuditRow(at=now, action="finding.reply", detail={"finding": row.id, "party": party})
    )
    return {"finding": row.id, **reply_dict(reply)}
