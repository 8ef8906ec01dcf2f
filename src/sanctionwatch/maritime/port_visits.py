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
from sanctionwatch.maritime.units import SECONDS_PER_HOUR, haversine_km

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


def _crossed(t0: int, d0: float, t1: int, d1: float, ring_km: float) -> float:
    """When the ship crossed the ring between two fixes (distance linear in time)."""
    if not np.isfinite(d0) or not np.isfinite(d1) or d0 == d1:
        return float(t0 + t1) / 2
    share = min(max((ring_km - d0) / (d1 - d0), 0.0), 1.0)
    return t0 + share * (t1 - t0)


def _inside_s(
    track: Track,
    port: tuple[float, float],
    first: int,
    last: int,
    entry: bool,
    leave: bool,
    p: dict[str, Any],
) -> float:
    """Seconds from crossing the entry ring to crossing the exit ring of ``port``, where the
    fixes either side are seen (else from the first or to the last fix inside): with fixes a
    minute apart, counting from fix to fix would cut up to two minutes off a visit."""
    t = track.t
    lo, hi = max(first - 1, 0), min(last + 2, len(track))
    km = haversine_km(track.lat[lo:hi], track.lon[lo:hi], np.full(hi - lo, port[0]),
                      np.full(hi - lo, port[1]))  # fmt: skip
    start, end = float(t[first]), float(t[last])
    if entry:
        start = _crossed(int(t[first - 1]), float(km[0]), int(t[first]), float(km[1]),
                         p["entry_km"])  # fmt: skip
    if leave:
        end = _crossed(int(t[last]), float(km[-2]), int(t[last + 1]), float(km[-1]),
                       p["exit_km"])  # fmt: skip
    return end - start


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
        entry = first > 0 and t[first] - t[first - 1] < quiet
        leave = last + 1 < len(track) and t[last + 1] - t[last] < quiet
        port = gazetteer.ports[int(nearest[first])]
        if (
            _inside_s(track, (port.lat, port.lon), first, last, entry, leave, p)
            < p["min_duration_s"]
        ):
            continue
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
