"""Vessel profiles (identities over time, designations) and the tracks a map draws."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from sanctionwatch.assess.evidence import EvidenceSet
from sanctionwatch.report.scope import Scope
from sanctionwatch.workspace.workspace import Workspace

_IDENTITIES = """
    SELECT mmsi, imo, name, callsign, shiptype, min(first_seen), max(last_seen)
    FROM identities WHERE mmsi IN (SELECT unnest(?)) AND source_id IN (SELECT unnest(?))
    GROUP BY ALL ORDER BY mmsi, min(first_seen), name, imo, callsign, shiptype
"""
# Every n-th usable fix (flags 1|2: no position / out of range) keeps a track's shape small.
_TRACKS = """
    SELECT mmsi, lat, lon FROM (
        SELECT mmsi, lat, lon, row_number() OVER (PARTITION BY mmsi ORDER BY timestamp, line) AS n
        FROM positions
        WHERE mmsi IN (SELECT unnest(?)) AND source_id IN (SELECT unnest(?))
          AND flags & 3 = 0 AND timestamp BETWEEN ? AND ?
    ) WHERE n % ? = 1 ORDER BY mmsi, n
"""
TRACK_STRIDE = 20


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def vessel_profiles(ws: Workspace, evidence: EvidenceSet, mmsis: list[int]) -> list[dict[str, Any]]:
    """One profile per vessel a finding names: flag, identifiers, names over time, listings."""
    if not mmsis:
        return []
    source_ids = sorted(evidence.sources)
    rows = ws.store.query(_IDENTITIES, [mmsis, source_ids]) if ws.store.has("identities") else []
    profiles = []
    for mmsi in mmsis:
        seen = evidence.vessels.get(mmsi)
        profiles.append(
            {
                "mmsi": mmsi,
                "flag": seen.flag if seen else None,
                "imos": list(seen.imos) if seen else [],
                "names": list(seen.names) if seen else [],
                "shiptypes": list(seen.shiptypes) if seen else [],
                "identities": [
                    {
                        "imo": r[1],
                        "name": r[2],
                        "callsign": r[3],
                        "shiptype": r[4],
                        "first_seen": _iso(r[5]),
                        "last_seen": _iso(r[6]),
                    }
                    for r in rows
                    if r[0] == mmsi
                ],
                "designations": [
                    {
                        "list": h.list,
                        "entry_id": h.entry_id,
                        "basis": h.basis,
                        "renamed": h.renamed,
                        "status": h.status,
                        "listed_names": h.evidence.get("listed_names", []),
                    }
                    for h in evidence.hits
                    if h.subject_kind == "ais_vessel" and h.subject_id == str(mmsi)
                ],
            }
        )
    return profiles


def tracks_of(
    ws: Workspace, evidence: EvidenceSet, mmsis: list[int], scope: Scope
) -> dict[int, list[tuple[float, float]]]:
    """A thinned track of each vessel, within the report's period."""
    if not mmsis or not ws.store.has("positions"):
        return {}
    low = (
        datetime.combine(scope.start, time.min, UTC)
        if scope.start
        else datetime(1970, 1, 1, tzinfo=UTC)
    )
    high = (
        datetime.combine(scope.end, time.max, UTC)
        if scope.end
        else datetime(9999, 1, 1, tzinfo=UTC)
    )
    rows = ws.store.query(_TRACKS, [mmsis, sorted(evidence.sources), low, high, TRACK_STRIDE])
    tracks: dict[int, list[tuple[float, float]]] = {}
    for mmsi, lat, lon in rows:
        tracks.setdefault(int(mmsi), []).append((round(float(lat), 4), round(float(lon), 4)))
    return tracks
