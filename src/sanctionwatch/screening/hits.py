"""Stored screening hits and the analyst's decisions on them.

A hit's id is stable (subject and listed party), so screening again updates the same
row. A decision is stored with the hash of the evidence it was made on: a hit marked
"false positive" does not alert again while that evidence is unchanged, and re-opens
(with the reason) as soon as the subject's or the party's identifiers or names change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.workspace.models import AuditRow, ScreeningHitRow
from sanctionwatch.workspace.prefix import ambiguous, rows_by_prefix
from sanctionwatch.workspace.workspace import utc_now

DECISIONS = ("false_positive", "confirmed")
# What a hit rests on; the score and wording may change with the model without re-alerting.
EVIDENCE_KEYS = (
    "mmsi", "imo", "ais_names", "ais_callsigns", "query", "list", "list_id", "listed_names",
    "listed_imos", "programmes", "basis",
)  # fmt: skip


def hit_id(subject_kind: str, subject_id: str, list_name: str, entry_id: str) -> str:
    key = f"{subject_kind}\x1f{subject_id}\x1f{list_name}\x1f{entry_id}"
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def evidence_sha256(hit: dict[str, Any]) -> str:
    evidence = {k: hit[k] for k in EVIDENCE_KEYS if k in hit}
    return hashlib.sha256(json.dumps(evidence, sort_keys=True).encode()).hexdigest()


def record_hits(
    session: Session, subject_kind: str, hits: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Store hits; return each with ``id``, ``status``, ``alert`` and ``reopened``."""
    now = utc_now()
    recorded = []
    for hit in hits:
        subject = str(hit.get("mmsi", hit.get("query")))
        identifier = hit_id(subject_kind, subject, hit["list"], hit["list_id"])
        digest = evidence_sha256(hit)
        row = session.get(ScreeningHitRow, identifier)
        reopened = False
        if row is None:
            row = ScreeningHitRow(
                id=identifier,
                subject_kind=subject_kind,
                subject_id=subject,
                list=hit["list"],
                entry_id=hit["list_id"],
                status="open",
                first_seen=now,
                decision_note=None,
                decided_at=None,
                decided_evidence_sha256=None,
            )
            session.add(row)
        elif row.status == "false_positive" and row.decided_evidence_sha256 != digest:
            row.status = "open"  # the evidence moved since the analyst's decision
            reopened = True
        row.basis = hit["basis"]
        row.score = float(hit["score"])
        row.renamed = bool(hit.get("renamed", False))
        row.evidence = hit
        row.evidence_sha256 = digest
        row.last_screened = now
        recorded.append(
            {
                "id": identifier,
                **hit,
                "status": row.status,
                "alert": row.status != "false_positive",
                "reopened": reopened,
                "decision_note": row.decision_note,
            }
        )
    return recorded


def find_hit(session: Session, reference: str) -> ScreeningHitRow:
    """A hit by its id or a unique prefix of at least 6 characters."""
    rows = rows_by_prefix(
        session, ScreeningHitRow, ScreeningHitRow.id, reference, what="screening hit",
        min_length=6, hint=" (see `screen vessels`)",
    )  # fmt: skip
    if len(rows) > 1:
        raise ambiguous("hit", reference)
    return rows[0]


def decide(session: Session, reference: str, decision: str, note: str) -> dict[str, Any]:
    """Record an analyst's decision on a hit, against the evidence it now rests on."""
    if decision not in DECISIONS:
        raise SanctionwatchError(f"decision must be one of {', '.join(DECISIONS)}")
    if not note.strip():
        raise SanctionwatchError("--note: say why (the decision is audited)")
    row = find_hit(session, reference)
    now = utc_now()
    row.status = decision
    row.decision_note = note
    row.decided_at = now
    row.decided_evidence_sha256 = row.evidence_sha256
    session.add(
        AuditRow(
            at=now,
            action="screen.decide",
            detail={"hit": row.id, "decision": decision, "note": note},
        )
    )
    return {
        "id": row.id,
        "status": row.status,
        "subject": row.subject_id,
        "list_id": row.entry_id,
        "decided_at": now.isoformat(),
        "note": note,
    }
