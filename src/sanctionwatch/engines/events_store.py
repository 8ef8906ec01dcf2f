"""Detected events in the workspace: the ``events`` Parquet table, and reading it back.

The table is one Parquet part, rewritten whole by each ``detect`` through the store's
write-then-rename, so a reader sees the previous run or the new one, never a mix. A run
replaces the events of the types it ran and keeps the others. An event's id is a hash of
(type, vessels, start, end): the same event found again keeps its id.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from sanctionwatch.maritime.events import Event
from sanctionwatch.workspace.store import AnalyticalStore

TABLE = "events"
PART = "events"
SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("type", pa.string(), nullable=False),
        pa.field("vessels", pa.list_(pa.int64()), nullable=False),
        pa.field("start", pa.timestamp("s", tz="UTC"), nullable=False),
        pa.field("end", pa.timestamp("s", tz="UTC"), nullable=False),
        pa.field("lat", pa.float64()),
        pa.field("lon", pa.float64()),
        pa.field("attributes", pa.string()),  # JSON object
        pa.field("params_version", pa.string()),
        pa.field("source_ids", pa.list_(pa.int64())),
    ]
)


def event_id(kind: str, vessels: Sequence[int], start: int, end: int) -> str:
    key = f"{kind}|{','.join(str(v) for v in vessels)}|{start}|{end}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _rows(events: Sequence[Event], params_version: str) -> pa.Table:
    def when(t: int) -> datetime:
        return datetime.fromtimestamp(t, UTC)

    return pa.table(
        {
            "id": [event_id(e.type, e.vessels, e.start, e.end) for e in events],
            "type": [e.type for e in events],
            "vessels": [list(e.vessels) for e in events],
            "start": [when(e.start) for e in events],
            "end": [when(e.end) for e in events],
            "lat": [_finite(e.lat) for e in events],
            "lon": [_finite(e.lon) for e in events],
            "attributes": [
                json.dumps(e.attributes, sort_keys=True, separators=(",", ":"), default=str)
                for e in events
            ],
            "params_version": [params_version] * len(events),
            "source_ids": [sorted(e.sources) for e in events],
        },
        schema=SCHEMA,
    )


def _finite(value: float) -> float | None:
    """Unknown places (identity changes) are stored as null, never NaN (not JSON)."""
    return value if math.isfinite(value) else None


def _existing(store: AnalyticalStore) -> pa.Table:
    path = store.part_path(TABLE, PART)
    # one file: ParquetFile reads it without the dataset layer (and its pandas import)
    return pq.ParquetFile(path).read().cast(SCHEMA) if path.is_file() else SCHEMA.empty_table()


def replace_events(
    store: AnalyticalStore, events: Sequence[Event], types: Sequence[str], params_version: str
) -> int:
    """Store ``events`` in place of the stored events of ``types``; returns rows stored."""
    old = _existing(store)
    kept = old.filter(pc.invert(pc.is_in(old["type"], pa.array(list(types), pa.string()))))
    table = pa.concat_tables([kept, _rows(events, params_version)])
    store.write_part(TABLE, PART, table)
    return int(table.num_rows)


def read_events(
    store: AnalyticalStore,
    *,
    kind: str | None = None,
    vessel: int | None = None,
    since: datetime | None = None,
) -> list[dict[str, Any]]:
    """Stored events (``since``: ending at or after it), ordered by start, type and id."""
    if not store.has(TABLE):
        return []
    rows = store.query(
        """
        SELECT id, type, vessels, start, "end", lat, lon, attributes, params_version
        FROM events
        WHERE (?::VARCHAR IS NULL OR type = ?)
          AND (?::BIGINT IS NULL OR list_contains(vessels, ?))
          AND (?::TIMESTAMPTZ IS NULL OR "end" >= ?)
        ORDER BY start, type, id
        """,
        [kind, kind, vessel, vessel, since, since],
    )
    return [
        {
            "id": r[0],
            "type": r[1],
            "vessels": [int(v) for v in r[2]],
            "start": _iso(r[3]),
            "end": _iso(r[4]),
            "lat": r[5],
            "lon": r[6],
            "attributes": json.loads(r[7]) if r[7] else {},
            "params_version": r[8],
        }
        for r in rows
    ]


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
