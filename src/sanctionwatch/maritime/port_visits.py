"""Port visits: entry within ``entry_km`` of a port point, exit beyond ``exit_km``.

DESIGN.md (after Global Fishing Watch): the gap between the two radii is hysteresis, so a ship
moving about at the edge of a port does not enter and leave again and again. Inside, a stop
(reported speed below ``stop_start_kn`` until above ``stop_end_kn``, or a MovingPandas stop:
``stops.detect_stops``) or a silence of at least ``in_port_gap_h`` backs the visit. Confidence:
1 = entry or exit only, 2 = stop/gap only, 3 = entry or exit plus stop/gap, 4 = entry and exit
plus stop/gap. An entry (exit) is seen when the fix before (after) the visit lies outside and
came less than ``in_port_gap_h`` before (after).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.ports import Gazetteer
from sanctionwatch.maritime.stops import detect_stops, speed_stops
from sanctionwatch.maritime.track import Track
from sanctionwatch.maritime.units import SECONDS_PER_HOUR

Ints = NDArray[np.int64]


def inside_runs(dist_km: NDArray[np.float64], entry_km: float, exit_km: float) -> Ints:
    """Rows (first fix, last fix) of the runs inside a port ring, with hysteresis."""
    event = np.where(dist_km <= entry_km, 1, np.where(dist_km > exit_km, -1, 0))
    last = np.maximum.accumulate(np.where(event != 0, np.arange(event.size), -1))
    inside = np.where(last >= 0, event[np.maximum(last, 0)], -1) == 1
    edges = np.diff(np.concatenate(([False], inside, [False])).astype(np.int8))
    rows: Ints = np.stack(
        [np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1], axis=1
    ).astype(np.int64)
    return rows


def _covered(rows: Ints, first: int, last: int) -> bool:
    """Does any (first, last) row overlap fixes first..last?"""
    return bool(((rows[:, 0] <= last) & (rows[:, 1] >= first)).any()) if rows.size else False


def find_port_visits(
    track: Track, gazetteer: Gazetteer, p: dict[str, Any], stop: dict[str, Any]
) -> list[Event]:
    """``port_visit`` events of one vessel; ``p`` the ``port`` section, ``stop`` the ``stop``
    section of the parameters."""
    if len(track) == 0:
        return []
    nearest, dist = gazetteer.nearest(track.lat, track.lon, p["exit_km"])
    runs = inside_runs(dist, p["entry_km"], p["exit_km"])
    if runs.size == 0:
        return []
    t = track.t
    quiet = int(p["in_port_gap_h"] * SECONDS_PER_HOUR)
    by_speed = speed_stops(track.speed, p["stop_start_kn"], p["stop_end_kn"])
    by_place = detect_stops(
        t, track.lon, track.lat, stop["max_diameter_m"], stop["min_duration_s"], spherical=True
    )
    events = []
    for first, last in runs.tolist():
        if t[last] - t[first] < p["min_duration_s"]:
            continue
        entry = first > 0 and t[first] - t[first - 1] < quiet
        leave = last + 1 < len(track) and t[last + 1] - t[last] < quiet
        steps = np.diff(t[first : last + 2 if last + 1 < len(track) else last + 1])
        gap_h = float(steps.max(initial=0)) / SECONDS_PER_HOUR
        in_port_gap = gap_h >= p["in_port_gap_h"]
        stopped = _covered(by_speed, first, last) or _covered(by_place, first, last)
        backed = stopped or in_port_gap
        confidence = (
            (2 if backed else 0) + (1 if entry or leave else 0) + (entry and leave and backed)
        )
        if confidence < p["min_confidence"]:
            continue
        port = gazetteer.ports[int(nearest[first])]
        events.append(
            Event(
                "port_visit",
                (track.mmsi,),
                int(t[first]),
                int(t[last]),
                port.lat,
                port.lon,
                {
                    "port": port.name,
                    "country": port.country,
                    "locode": port.locode,
                    "wpi": port.wpi,
                    "confidence": int(confidence),
                    "entry": bool(entry),
                    "exit": bool(leave),
                    "stop": bool(stopped),
                    "in_port_gap_h": round(gap_h, 2) if in_port_gap else None,
                    "closest_km": round(float(dist[first : last + 1].min()), 3),
                },
                track.sources(first, last),
            )
        )
    return events
