"""Vessels seen in AIS: one row per MMSI with its flag, identities and activity."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sanctionwatch.sources.mid import flag_of
from sanctionwatch.workspace.store import AnalyticalStore

_POSITIONS = """
    SELECT mmsi, count(*) AS positions, min(timestamp) AS first_seen, max(timestamp) AS last_seen
    FROM positions WHERE station = 'vessel' GROUP BY mmsi
"""
_IDENTITIES = """
    SELECT mmsi,
           list(DISTINCT imo ORDER BY imo) FILTER (imo IS NOT NULL) AS imos,
           list(DISTINCT name ORDER BY name) FILTER (name IS NOT NULL) AS names,
           list(DISTINCT callsign ORDER BY callsign) FILTER (callsign IS NOT NULL) AS callsigns,
           list(DISTINCT shiptype ORDER BY shiptype) FILTER (shiptype IS NOT NULL) AS shiptypes,
           min(first_seen) AS first_seen, max(last_seen) AS last_seen
    FROM identities GROUP BY mmsi
"""
_EMPTY_POSITIONS = (
    "SELECT NULL::BIGINT AS mmsi, 0::BIGINT AS positions, NULL::TIMESTAMPTZ AS first_seen, "
    "NULL::TIMESTAMPTZ AS last_seen WHERE false"
)
_EMPTY_IDENTITIES = (
    "SELECT NULL::BIGINT AS mmsi, []::BIGINT[] AS imos, []::VARCHAR[] AS names, "
    "[]::VARCHAR[] AS callsigns, []::SMALLINT[] AS shiptypes, NULL::TIMESTAMPTZ AS first_seen, "
    "NULL::TIMESTAMPTZ AS last_seen WHERE false"
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def vessels(
    store: AnalyticalStore, *, flag: str | None = None, mmsi: int | None = None
) -> list[dict[str, Any]]:
    positions = _POSITIONS if store.has("positions") else _EMPTY_POSITIONS
    identities = _IDENTITIES if store.has("identities") else _EMPTY_IDENTITIES
    sql = f"""
        WITH p AS ({positions}), i AS ({identities})
        SELECT coalesce(p.mmsi, i.mmsi) AS mmsi, coalesce(p.positions, 0),
               coalesce(i.imos, []), coalesce(i.names, []), coalesce(i.callsigns, []),
               coalesce(i.shiptypes, []),
               least(p.first_seen, i.first_seen), greatest(p.last_seen, i.last_seen)
        FROM p FULL OUTER JOIN i ON p.mmsi = i.mmsi
        WHERE ? IS NULL OR coalesce(p.mmsi, i.mmsi) = ?
        ORDER BY 1
    """  # noqa: S608 - fixed fragments only
    rows = store.query(sql, [mmsi, mmsi])
    found = []
    for row in rows:
        state = flag_of(int(row[0]))
        if flag is not None and (state or "").upper() != flag.upper():
            continue
        found.append(
            {
                "mmsi": int(row[0]),
                "flag": state,
                "imos": [int(x) for x in row[2]],
                "names": list(row[3]),
                "callsigns": list(row[4]),
                "shiptypes": [int(x) for x in row[5]],
                "first_seen": _iso(row[6]),
                "last_seen": _iso(row[7]),
                "positions": int(row[1]),
            }
        )
    return found
