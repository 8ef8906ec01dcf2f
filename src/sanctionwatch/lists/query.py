"""Read list entries back from the catalog: latest snapshots, one entry, summaries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.lists.load import dprk_counts
from sanctionwatch.workspace.models import ListEntryRow, ListSnapshotRow, SnapshotFile, Source
from sanctionwatch.workspace.prefix import ambiguous, rows_by_prefix
from sanctionwatch.workspace.sources import source_as_dict

_EPOCH = datetime.min.replace(tzinfo=UTC)


def _recency(row: ListSnapshotRow) -> tuple[datetime, datetime, int]:
    return (row.generated or _EPOCH, row.loaded_at, row.id)


def latest_snapshots(session: Session) -> dict[str, ListSnapshotRow]:
    """The newest snapshot of each list, by publication date, then load time."""
    latest: dict[str, ListSnapshotRow] = {}
    for row in session.scalars(select(ListSnapshotRow)):
        current = latest.get(row.list)
        if current is None or _recency(row) > _recency(current):
            latest[row.list] = row
    return dict(sorted(latest.items()))


def snapshot_as_dict(row: ListSnapshotRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "list": row.list,
        "sha256": row.sha256,
        "generated": row.generated.isoformat() if row.generated else None,
        "entries": row.entries,
        "loaded_at": row.loaded_at.isoformat(),
    }


def all_snapshots(session: Session) -> list[dict[str, Any]]:
    rows = sorted(session.scalars(select(ListSnapshotRow)), key=_recency)
    return [snapshot_as_dict(r) for r in rows]


def find_snapshot(session: Session, ref: str) -> ListSnapshotRow:
    """A snapshot by its sha256 (a unique prefix of 8+ characters is enough)."""
    rows = rows_by_prefix(
        session, ListSnapshotRow, ListSnapshotRow.sha256, ref, what="loaded snapshot or file",
        min_length=8,
    )  # fmt: skip
    if len({r.sha256 for r in rows}) > 1:
        raise ambiguous("snapshot", ref)
    return max(rows, key=_recency)


def snapshot_entries(session: Session, snapshot_id: int) -> list[ListEntryRow]:
    query = select(ListEntryRow).where(ListEntryRow.snapshot_id == snapshot_id)
    return list(session.scalars(query.order_by(ListEntryRow.entry_id)))


def snapshot_sources(session: Session, snapshot_id: int) -> list[dict[str, Any]]:
    query = (
        select(Source, SnapshotFile.role)
        .join(SnapshotFile, SnapshotFile.source_id == Source.id)
        .where(SnapshotFile.snapshot_id == snapshot_id)
    )
    return [{**source_as_dict(s), "role": role} for s, role in session.execute(query)]


def show_entry(session: Session, entry_id: str) -> dict[str, Any]:
    """An entry as it stands in the newest snapshot holding it, with its sources."""
    query = (
        select(ListEntryRow, ListSnapshotRow)
        .join(ListSnapshotRow, ListSnapshotRow.id == ListEntryRow.snapshot_id)
        .where(ListEntryRow.entry_id == entry_id)
    )
    found = list(session.execute(query).tuples())
    if not found:
        raise SanctionwatchError(f"no entry with id {entry_id!r} in any loaded list")
    entry, snapshot = max(found, key=lambda pair: _recency(pair[1]))
    return {
        "id": entry.entry_id,
        "list": snapshot.list,
        "schema": entry.schema,
        "caption": entry.caption,
        "dprk": entry.dprk,
        "programmes": entry.programmes,
        "listed_on": entry.listed_on,
        "flags": entry.flags,
        "properties": entry.entity.get("properties", {}),
        "sanction": entry.sanction,
        "snapshot": snapshot_as_dict(snapshot),
        "line": entry.line,
        "sources": snapshot_sources(session, snapshot.id),
        "in_snapshots": sorted(s.sha256 for _, s in found),
    }


def dprk_summary(session: Session, newest: int = 10) -> dict[str, Any]:
    """DPRK designations in the newest snapshot of each list, and the latest listings."""
    lists: list[dict[str, Any]] = []
    for kind, snapshot in latest_snapshots(session).items():
        rows = [r for r in snapshot_entries(session, snapshot.id) if r.dprk]
        dated = sorted((r for r in rows if r.listed_on), key=lambda r: (r.listed_on, r.entry_id))
        lists.append(
            {
                "list": kind,
                "snapshot": snapshot_as_dict(snapshot),
                "sources": [s["origin"] for s in snapshot_sources(session, snapshot.id)],
                "dprk_total": len(rows),
                "dprk": dprk_counts([r.schema for r in rows]),
                "newest": [
                    {
                        "id": r.entry_id,
                        "schema": r.schema,
                        "name": r.caption,
                        "listed_on": r.listed_on,
                    }
                    for r in reversed(dated[-newest:])
                ],
                "listing_dates_known": len(dated),
                "vessels": [_vessel(r) for r in rows if r.schema == "Vessel"][:newest],
                "vessels_total": sum(1 for r in rows if r.schema == "Vessel"),
            }
        )
    return {"lists": lists}


def _vessel(row: ListEntryRow) -> dict[str, Any]:
    props: dict[str, list[str]] = row.entity.get("properties", {})
    return {
        "id": row.entry_id,
        "name": row.caption,
        "imo": props.get("imoNumber", []),
        "flag": props.get("flag", []),
        "previous_names": props.get("previousName", []),
    }
