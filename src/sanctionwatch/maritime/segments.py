"""Segments of a track, and one MMSI carrying two ships at once (shared or spoofed MMSI).

DESIGN.md: a track splits where the implied speed between consecutive fixes exceeds 25 kn or
the time between them exceeds 24 h. One MMSI with two interleaved tracks (positions jumping
back and forth between far-apart places) for more than 24 h is a **shared MMSI**.

Interleaving is found by following two track heads: each fix joins the head it can reach at
plausible speed (the current one if both), and when it can reach neither it moves the head it
needs the lower speed to come from (a ship heard again far away after a long silence takes
its own head back; a ship jumping a few km does not take over the other ship's head). A jump
between heads is a *switch*; switches less than
``shared_mmsi_max_quiet_h`` apart form a run, and a run longer than ``shared_mmsi_min_h`` with
at least ``shared_mmsi_min_switches`` switches is a shared MMSI. A single spoofed excursion
(jump away, jump back) has two switches and stays a spoofing matter.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np
from numpy.typing import NDArray

from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.track import Track, subtrack
from sanctionwatch.maritime.units import (
    KM_PER_NM,
    SECONDS_PER_HOUR,
    Degrees,
    Kilometres,
    Seconds,
    haversine_km,
    implied_speed_kn,
    km_between,
)

Ints = NDArray[np.int64]
_SLACK_KM = 1.0  # position noise and rounding allowed on top of the speed limit


def segment_ids(
    t: Seconds,
    lat: Degrees,
    lon: Degrees,
    max_speed_kn: float,
    max_gap_h: float,
    km: Kilometres | None = None,
) -> Ints:
    """Segment number of each fix (0, 1, ...): a new one after each implausible step
    (``km``: the step distances when known)."""
    if t.size == 0:
        return np.zeros(0, np.int64)
    speed = implied_speed_kn(t, lat, lon, km)
    hours = np.diff(t) / SECONDS_PER_HOUR
    breaks = (speed > max_speed_kn) | (hours > max_gap_h)
    ids: Ints = np.concatenate(([0], np.cumsum(breaks))).astype(np.int64)
    return ids


def segments(track: Track, p: dict[str, Any]) -> Ints:
    """``segment_ids`` with the ``segment`` section of the parameters."""
    return segment_ids(
        track.t, track.lat, track.lon, p["max_speed_kn"], p["max_gap_h"], track.step_km
    )


@numba.njit(cache=True, nogil=True)  # type: ignore[untyped-decorator]
def _two_heads(
    t: Ints, lat: Degrees, lon: Degrees, max_kn: float, slack_km: float, ahead_s: float
) -> tuple[Ints, NDArray[np.bool_]]:  # pragma: no cover - numba
    """Head (0/1) of each fix, and whether the fix jumped from the other head's last fix."""
    n = t.size
    head = np.zeros(n, np.int64)
    jump = np.zeros(n, np.bool_)
    last0, last1 = -1, -1  # index of each head's latest fix
    km_per_s = max_kn * 1.852 / 3600.0
    current = 0
    for i in range(n):
        if np.isnan(lat[i]) or np.isnan(lon[i]):
            head[i] = current
            continue
        d0 = km_between(lat[last0], lon[last0], lat[i], lon[i]) if last0 >= 0 else np.inf
        d1 = km_between(lat[last1], lon[last1], lat[i], lon[i]) if last1 >= 0 else np.inf
        reach0 = last0 >= 0 and d0 <= km_per_s * (t[i] - t[last0]) + slack_km
        reach1 = last1 >= 0 and d1 <= km_per_s * (t[i] - t[last1]) + slack_km
        if reach0 and reach1:  # both plausible (e.g. after a long silence): stay put
            h = current
        elif reach0 or reach1:
            h = 0 if reach0 else 1
        elif last0 < 0:
            h = 0
        elif last1 < 0:
            h = 1
        else:  # neither reachable
            # a head whose ship is heard again (a later fix reaches it, not this one) is
            # still that ship's: take the other one
            h = -1
            for j in range(i + 1, n):
                if t[j] - t[i] > ahead_s:
                    break
                if np.isnan(lat[j]) or np.isnan(lon[j]):
                    continue
                ri = (
                    km_between(lat[i], lon[i], lat[j], lon[j])
                    <= km_per_s * (t[j] - t[i]) + slack_km
                )
                if ri:
                    continue
                a0 = (
                    km_between(lat[last0], lon[last0], lat[j], lon[j])
                    <= km_per_s * (t[j] - t[last0]) + slack_km
                )
                a1 = (
                    km_between(lat[last1], lon[last1], lat[j], lon[j])
                    <= km_per_s * (t[j] - t[last1]) + slack_km
                )
                if a0 != a1:
                    h = 1 if a0 else 0
                    break
            if h < 0:  # the head it needs the lower speed to come from
                v0 = d0 / max(t[i] - t[last0], 1)
                v1 = d1 / max(t[i] - t[last1], 1)
                h = 0 if v0 <= v1 else 1
        if i > 0 and h != current:
            k = last0 if current == 0 else last1
            d = d0 if current == 0 else d1
            jump[i] = k >= 0 and d > km_per_s * (t[i] - t[k]) + slack_km
        head[i] = h
        current = h
        if h == 0:
            last0 = i
        else:
            last1 = i
    return head, jump


def two_heads(
    t: Seconds,
    lat: Degrees,
    lon: Degrees,
    max_speed_kn: float,
    km: Kilometres | None = None,
    ahead_s: float = -1.0,
) -> tuple[Ints, Ints]:
    """Head (0/1) of every fix, and the indices of the fixes that jumped between heads
    (``km``: the step distances when known; ``ahead_s`` > 0: a fix neither head can reach
    goes to the other head when a fix within that many seconds, out of its reach, is
    reachable from exactly one head — that ship is still being heard)."""
    if t.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    # Every fix within reach of the one before: one head, no jump (what the loop would find;
    # the 1 mm margin leaves ties at the limit to it). Most tracks are like that.
    step = haversine_km(lat[:-1], lon[:-1], lat[1:], lon[1:]) if km is None else km
    reach = max_speed_kn * KM_PER_NM * np.diff(t) / SECONDS_PER_HOUR + _SLACK_KM - 1e-6
    if (step <= reach).all():
        return np.zeros(t.size, np.int64), np.zeros(0, np.int64)
    head, jump = _two_heads(t, lat, lon, float(max_speed_kn), _SLACK_KM, float(ahead_s))
    return head, np.flatnonzero(jump).astype(np.int64)


def shared_runs(track: Track, p: dict[str, Any]) -> list[tuple[int, int, int]]:
    """(first jump, last jump, jumps) of each interleaving run long enough to be shared."""
    _, jumps = two_heads(track.t, track.lat, track.lon, p["max_speed_kn"], track.step_km)
    if jumps.size < 2:
        return []
    quiet = np.diff(track.t[jumps]) > p["shared_mmsi_max_quiet_h"] * SECONDS_PER_HOUR
    bounds = np.flatnonzero(quiet) + 1
    runs = []
    for group in np.split(jumps, bounds):
        first, last = int(group[0]), int(group[-1])
        long_enough = track.t[last] - track.t[first] > p["shared_mmsi_min_h"] * SECONDS_PER_HOUR
        if long_enough and group.size >= p["shared_mmsi_min_switches"]:
            runs.append((first, last, int(group.size)))
    return runs


def find_shared_mmsi(track: Track, p: dict[str, Any]) -> list[Event]:
    """``shared_mmsi`` events: one MMSI broadcasting two interleaved tracks for too long."""
    events = []
    for first, last, count in shared_runs(track, p):
        head, _ = two_heads(track.t, track.lat, track.lon, p["max_speed_kn"], track.step_km)
        inside = slice(first - 1, last + 1)
        spread = _separation_km(track, head, inside)
        events.append(
            Event(
                "shared_mmsi",
                (track.mmsi,),
                int(track.t[first - 1]),
                int(track.t[last]),
                float(track.lat[first]),
                float(track.lon[first]),
                {
                    "switches": count,
                    "hours": round((int(track.t[last]) - int(track.t[first - 1])) / 3600, 2),
                    "median_separation_nm": round(spread / KM_PER_NM, 1),
                },
                track.sources(first - 1, last),
            )
        )
    return events


def _separation_km(track: Track, head: Ints, window: slice) -> float:
    """Median distance between the two heads' positions at the switches of a run."""
    lat, lon, h = track.lat[window], track.lon[window], head[window]
    switch = np.flatnonzero(np.diff(h) != 0)
    if switch.size == 0:
        return 0.0
    km = np.hypot(
        (lat[switch + 1] - lat[switch]) * 111.195,
        (lon[switch + 1] - lon[switch]) * 111.195 * np.cos(np.radians(lat[switch])),
    )
    return float(np.median(km))


def split_shared(track: Track, p: dict[str, Any]) -> list[Track]:
    """The track as one per ship: two tracks when the MMSI is shared, else itself.

    Per-vessel kernels (gaps, port visits, loitering) run on each, so that two ships under one
    MMSI are not read as one ship teleporting.
    """
    if not shared_runs(track, p):
        return [track]
    ahead_s = float(p["shared_mmsi_lookahead_h"]) * SECONDS_PER_HOUR
    head, _ = two_heads(
        track.t, track.lat, track.lon, p["max_speed_kn"], track.step_km, ahead_s=ahead_s
    )
    return [subtrack(track, head == h) for h in (0, 1) if (head == h).any()]
