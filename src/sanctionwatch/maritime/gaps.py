"""Gaps (going dark): consecutive fixes more than ``min_h`` apart.

DESIGN.md (after Global Fishing Watch): a gap is strictly longer than 6 h; it is **likely
intentional** when it lasts at least 12 h, begins at least 50 nm from shore, and the vessel
sent at least 14 positions in the 12 h before it (the fix the gap starts from included), so
that silence cannot be put down to poor reception alone.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.track import Track
from sanctionwatch.maritime.units import KM_PER_NM, SECONDS_PER_HOUR, haversine_km


def gap_indices(track: Track, min_h: float, since: int | None = None) -> np.ndarray[Any, Any]:
    """Index ``i`` of each gap between fix ``i`` and fix ``i + 1``.

    ``since``: only gaps whose last fix before the silence is at or after it (GFW's
    ``start_time``: a rerun over new data does not repeat older gaps).
    """
    idx = np.flatnonzero(np.diff(track.t) > min_h * SECONDS_PER_HOUR)
    if since is not None:
        idx = idx[track.t[idx] >= since]
    return idx


def find_gaps(track: Track, p: dict[str, Any], since: int | None = None) -> list[Event]:
    """``gap`` events of one vessel; ``p`` is the ``gap`` section of the parameters."""
    idx = gap_indices(track, p["min_h"], since)
    if idx.size == 0:
        return []
    t, lat, lon = track.t, track.lat, track.lon
    start, end = t[idx], t[idx + 1]
    hours = (end - start) / SECONDS_PER_HOUR
    km = haversine_km(lat[idx], lon[idx], lat[idx + 1], lon[idx + 1])
    window = int(p["intentional_prior_h"] * SECONDS_PER_HOUR)
    prior = idx + 1 - np.searchsorted(t, start - window, side="left")
    shore_nm = track.shore_km[idx] / KM_PER_NM
    intentional = (
        (hours >= p["intentional_min_h"])
        & (shore_nm >= p["intentional_shore_nm"])
        & (prior >= p["intentional_prior_positions"])
    )
    events = []
    for k, i in enumerate(idx.tolist()):
        events.append(
            Event(
                "gap",
                (track.mmsi,),
                int(start[k]),
                int(end[k]),
                float(lat[i]),
                float(lon[i]),
                {
                    "hours": round(float(hours[k]), 3),
                    "likely_intentional": bool(intentional[k]),
                    "shore_nm": _rounded(shore_nm[k]),
                    "positions_before": int(prior[k]),
                    "start_lat": float(lat[i]),
                    "start_lon": float(lon[i]),
                    "end_lat": float(lat[i + 1]),
                    "end_lon": float(lon[i + 1]),
                    "distance_km": _rounded(km[k], 3),
                    "implied_speed_kn": _rounded(km[k] / KM_PER_NM / hours[k], 2),
                },
                track.sources(i, i + 1),
            )
        )
    return events


def _rounded(value: float, digits: int = 1) -> float | None:
    """A JSON-friendly number: None where unknown (no shore distance, no longitude)."""
    return None if not np.isfinite(value) else round(float(value), digits)
