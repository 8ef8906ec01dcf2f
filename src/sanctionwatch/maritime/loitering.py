"""Loitering (average speed below ``max_speed_kn`` for ``min_duration_h``, far from shore) and
possible dark transfers (a loitering tanker with no visible partner).

The average implied speed is taken over windows of ``window_h``: the path sailed from a fix to
the first fix at least a window later, over the time between them. The path is measured over
fixes at least ``min_step_s`` apart (the first of each such interval): between reports seconds
apart, a few metres of GPS scatter would read as several knots. A window that is slow marks all
its fixes; runs of marked fixes at least ``min_shore_nm`` from shore, without a silence longer
than ``max_silence_h``, lasting ``min_duration_h``, are loitering, unless the vessel's own
reported speeds (median) exceed ``max_reported_kn``: a trawler circling between sparse fixes
has a short path between them but says it is making way. Fixes inside the ``exclude``
events (spoofed stretches: the positions are not where the ship was) are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.track import Track, subtrack
from sanctionwatch.maritime.units import KM_PER_NM, SECONDS_PER_HOUR, haversine_km

# "Other vessels near (lat, lon) in [start, end] within radius_km, besides this MMSI": the
# engine answers from all positions (it holds them); returns how many it saw.
PartnerCount = Callable[[int, float, float, int, int, float], int]


def thinned(t: np.ndarray[Any, Any], min_step_s: int) -> np.ndarray[Any, Any]:
    """Indices of the first fix of each ``min_step_s`` interval of time."""
    _, first = np.unique(t // max(min_step_s, 1), return_index=True)
    return first


def window_speeds(
    track: Track, window_h: float
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """For each fix: index of the fix that ends its window, and the average speed (kn) to it
    along the path."""
    n = len(track)
    ends = np.searchsorted(track.t, track.t + int(window_h * SECONDS_PER_HOUR), side="left")
    ends = np.minimum(ends, n - 1)
    hours = (track.t[ends] - track.t) / SECONDS_PER_HOUR
    step = track.step_km
    path = np.concatenate(([0.0], np.cumsum(np.nan_to_num(step))))
    km = path[ends] - path
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = np.where(hours > 0, km / KM_PER_NM / hours, np.inf)
    return ends, speed


def find_loitering(
    track: Track, p: dict[str, Any], exclude: list[Event] | None = None
) -> list[Event]:
    """``loitering`` events of one vessel; ``p`` is the ``loitering`` section."""
    keep = np.zeros(len(track), np.bool_)
    keep[thinned(track.t, int(p["min_step_s"]))] = True
    for event in exclude or []:
        keep &= ~((track.t >= event.start) & (track.t <= event.end))
    return _loitering(subtrack(track, keep), p)


def _loitering(track: Track, p: dict[str, Any]) -> list[Event]:
    n = len(track)
    if n < 2:
        return []
    ends, speed = window_speeds(track, p["window_h"])
    slow = np.flatnonzero(speed < p["max_speed_kn"])
    cover = np.zeros(n + 1, np.int64)
    np.add.at(cover, slow, 1)
    np.add.at(cover, ends[slow] + 1, -1)
    marked = (np.cumsum(cover[:n]) > 0) & (track.shore_km / KM_PER_NM >= p["min_shore_nm"])
    silence = np.diff(track.t) > p["max_silence_h"] * SECONDS_PER_HOUR
    # A run breaks where a fix is unmarked or before a long silence.
    starts_here = marked & ~np.concatenate(([False], marked[:-1] & ~silence))
    run_id = np.cumsum(starts_here) - 1
    events = []
    for rid in np.unique(run_id[marked]).tolist():
        idx = np.flatnonzero(marked & (run_id == rid))
        first, last = int(idx[0]), int(idx[-1])
        hours = (track.t[last] - track.t[first]) / SECONDS_PER_HOUR
        reported = track.speed[first : last + 1]
        reported = reported[np.isfinite(reported)]
        moving = reported.size > 0 and float(np.median(reported)) > p["max_reported_kn"]
        if hours < p["min_duration_h"] or moving:
            continue
        km = float(
            haversine_km(
                track.lat[first:last],
                track.lon[first:last],
                track.lat[first + 1 : last + 1],
                track.lon[first + 1 : last + 1],
            ).sum()
        )
        inside = speed[first : last + 1]
        events.append(
            Event(
                "loitering",
                (track.mmsi,),
                int(track.t[first]),
                int(track.t[last]),
                float(np.median(track.lat[first : last + 1])),
                float(np.median(track.lon[first : last + 1])),
                {
                    "hours": round(hours, 2),
                    "average_speed_kn": round(float(np.median(inside[np.isfinite(inside)])), 2),
                    "path_nm": round(km / KM_PER_NM, 2),
                    "min_shore_nm": round(
                        float(track.shore_km[first : last + 1].min()) / KM_PER_NM, 1
                    ),
                    "fixes": last - first + 1,
                },
                track.sources(first, last),
            )
        )
    return events


# AIS ship and cargo type (ITU-R M.1371 table 53) -> category, by first digit or exact code.
_CATEGORIES = {3: "special", 4: "high_speed", 6: "passenger", 7: "cargo", 8: "tanker", 9: "other"}
_SPECIAL = {
    30: "fishing",
    31: "towing",
    32: "towing",
    35: "military",
    36: "sailing",
    37: "pleasure",
    50: "pilot",
    51: "search_and_rescue",
    52: "tug",
}


def ship_category(shiptype: int | None) -> str:
    """``tanker``, ``cargo``, ``fishing``, ... from an AIS ship type code ("unknown" if none)."""
    if shiptype is None or shiptype <= 0:
        return "unknown"
    return _SPECIAL.get(shiptype) or _CATEGORIES.get(shiptype // 10, "other")


def find_dark_transfers(
    loitering: list[Event],
    shiptype: int | None,
    partners: PartnerCount,
    p: dict[str, Any],
) -> list[Event]:
    """``dark_transfer`` candidates: loitering of a vessel of ``p["vessel_types"]`` while no other
    vessel was seen within ``p["max_partner_km"]``. ``partners(mmsi, lat, lon, start, end,
    radius_km)`` counts the other vessels seen there and then (the engine provides it)."""
    category = ship_category(shiptype)
    if category not in p["vessel_types"]:
        return []
    found = []
    for event in loitering:
        mmsi = event.vessels[0]
        seen = partners(mmsi, event.lat, event.lon, event.start, event.end, p["max_partner_km"])
        if seen == 0:
            found.append(
                Event(
                    "dark_transfer",
                    event.vessels,
                    event.start,
                    event.end,
                    event.lat,
                    event.lon,
                    {**event.attributes, "ship_type": category, "partner_seen": False},
                    event.sources,
                )
            )
    return found
