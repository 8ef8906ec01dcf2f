"""Position spoofing: teleports (implied speed above ``max_speed_kn``) and fixes on land.

**Teleports.** The fixes are followed on two heads (``segments.two_heads`` at the spoofing
speed); a fix that jumps from one head to the other is a teleport. Which head is false:

- the track starts and ends on the same head: the other one (an excursion, away and back,
  however long it lasts);
- a ship at a berth or a stop (every fix of its head within ``berth_max_m``) against a handful
  of records (at most ``brief_max_fixes``, within ``brief_max_s``) wholly before or after it:
  the handful (in day files, positions from before the day stamped at midnight; the berth,
  often on a land cell of the 1 km mask, must not be called false for being "on land");
- otherwise (one way only: the spoofing began before the data or outlasts it) the evidence
  decides: a head with fixes on land (below) is false; else a head that never comes within
  reach of a port (``near_port``) while the other does is false (a ship's true track calls at
  ports; a position moved out to sea does not);
- no evidence: only the jumps themselves (the fix before and the fix after) are reported.

All fixes of the false head are flagged, so one spoofed stretch is one event.

**Fixes on land.** A fix is on land when global-land-mask says so (and, if ``inland_km`` > 0,
land also lies that far north, south, east and west of it). A stretch of such fixes counts
only if the ship jumped onto it or off it (a step into or out of the stretch faster than
``land_jump_kn``, plus 1 km of slack). A ship that sails onto the mask's land at a plausible
speed is at a berth on a land cell of the 1 km mask, or in a waterway the mask does not
resolve (the Suez canal, rivers, locks: all land in it, tens of km from its sea), not
broadcasting a false position; a position put ashore by falsification or interference
arrives by a jump. A jump explains nothing when its other side is false: the ship's own
(true) fixes judge its land, and a berth or stop on land entered from, or left for, a
handful of records before or after it (as above) is not counted. This departs from
DESIGN.md's bare "fixes on land" (deliberately: the Suez 2021 file gave 201 events without
it). The jump, not the distance inland, is the evidence, so ``inland_km`` defaults to 0:
spoofed fixes can sit on a narrow strip of land.

Flagged fixes less than ``merge_h`` apart are merged into one event. On an MMSI two ships
share, the engine passes each ship's part of the track (``segments.split_shared``): the jumps
between the two ships are gone, and a jump left within one ship's part is that ship's
teleport (one of two ships on a shared MMSI broadcasting a false place). ``teleports=False``
reads fixes on land only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.segments import two_heads
from sanctionwatch.maritime.track import Track, subtrack
from sanctionwatch.maritime.units import (
    KM_PER_NM,
    SECONDS_PER_HOUR,
    Degrees,
    Mask,
    haversine_km,
    implied_speed_kn,
)

LandTest = Callable[[Degrees, Degrees], Mask]
SLACK_KM = 1.0  # position noise allowed on top of a speed limit (as segments.two_heads)
PortTest = Callable[[Degrees, Degrees], Mask]  # whether each position is within reach of a port


def inland(lat: Degrees, lon: Degrees, margin_km: float, is_land: LandTest) -> Mask:
    """Fixes on land with land also ``margin_km`` away in the four directions."""
    found = is_land(lat, lon)
    if margin_km <= 0 or not found.any():
        return found
    idx = np.flatnonzero(found)
    la, lo = lat[idx], lon[idx]
    dlat = margin_km / 111.19
    dlon = dlat / np.maximum(np.cos(np.radians(la)), 0.01)
    keep = np.ones(idx.size, np.bool_)
    for a, b in ((dlat, 0.0), (-dlat, 0.0), (0.0, 1.0), (0.0, -1.0)):
        keep &= is_land(np.clip(la + a, -90, 90), (lo + b * dlon + 180) % 360 - 180)
    found[idx] = keep
    return found


def _runs(mask: Mask) -> list[tuple[int, int]]:
    """(first, last) index of each run of True."""
    edges = np.diff(np.concatenate(([0], mask.view(np.int8), [0])))
    return list(
        zip(
            np.flatnonzero(edges == 1).tolist(),
            (np.flatnonzero(edges == -1) - 1).tolist(),
            strict=True,
        )
    )


Ints = NDArray[np.int64]


def at_berth(track: Track, stay: Ints, other: Ints, p: dict[str, Any]) -> bool:
    """Whether fixes ``stay`` are a ship at a berth or a stop (all within ``berth_max_m``,
    more of them and over longer than ``other``) and ``other`` a handful of records (at most
    ``brief_max_fixes`` within ``brief_max_s``) wholly before or after them: if so, ``other``
    is the false side of the jumps between them."""
    t = track.t
    if other.size == 0 or stay.size <= other.size or other.size > p["brief_max_fixes"]:
        return False
    brief_s = int(t[other[-1]] - t[other[0]])
    if brief_s > p["brief_max_s"] or int(t[stay[-1]] - t[stay[0]]) <= brief_s:
        return False
    if not (other[-1] < stay[0] or other[0] > stay[-1]):
        return False
    lat, lon = track.lat[stay], track.lon[stay]
    km = haversine_km(
        np.full(lat.size, np.median(lat)), np.full(lon.size, np.median(lon)), lat, lon
    )
    return bool(np.nanmax(km) * 1000.0 <= p["berth_max_m"] / 2.0)


def jumped_onto_land(
    on_land: Mask, track: Track, jump_kn: float, p: dict[str, Any] | None = None
) -> Mask:
    """The stretches of ``on_land`` entered or left by a step faster than ``jump_kn``, give
    or take ``SLACK_KM`` (positions rounded, times to the minute: a 0-second step of 200 m is
    not a jump). With the ``spoofing`` parameters ``p``, a stretch that is a berth or stop
    (``at_berth``) against every jump's other side (the fixes before it, the fixes after it)
    is not counted: those few records are the false side, not the berth."""
    km = track.step_km
    reach = jump_kn * KM_PER_NM * np.diff(track.t) / SECONDS_PER_HOUR + SLACK_KM
    jump = km > reach
    n = on_land.size
    out = np.zeros(n, np.bool_)
    for first, last in _runs(on_land):
        sides = []
        if first > 0 and jump[first - 1]:
            sides.append(np.arange(0, first, dtype=np.int64))
        if last < n - 1 and jump[last]:
            sides.append(np.arange(last + 1, n, dtype=np.int64))
        if not sides:
            continue
        stay = np.arange(first, last + 1, dtype=np.int64)
        if p is not None and all(at_berth(track, stay, side, p) for side in sides):
            continue
        out[first : last + 1] = True
    return out


def false_head(
    head: NDArray[np.int64],
    track: Track,
    on_land: Mask,
    near_port: PortTest | None,
    p: dict[str, Any] | None = None,
) -> int | None:
    """The head (0/1) whose fixes are false, or None when the evidence does not say."""
    if head[0] == head[-1]:
        return 1 - int(head[0])
    if p is not None:
        for stay in (0, 1):
            if at_berth(track, np.flatnonzero(head == stay), np.flatnonzero(head != stay), p):
                return 1 - stay
    land = np.bincount(head[on_land], minlength=2)
    if (land > 0).sum() == 1:
        return int(np.argmax(land))
    if near_port is not None:
        port = np.bincount(head[near_port(track.lat, track.lon)], minlength=2)
        if (port > 0).sum() == 1:
            return int(np.argmin(port))
    return None


def find_spoofing(
    track: Track,
    p: dict[str, Any],
    is_land: LandTest,
    *,
    teleports: bool = True,
    near_port: PortTest | None = None,
) -> list[Event]:
    """``spoofing`` events of one vessel; ``p`` is the ``spoofing`` section."""
    n = len(track)
    if n == 0:
        return []
    speed = implied_speed_kn(track.t, track.lat, track.lon, track.step_km)
    # a fix some way from shore (shore_km > 0: shore.py gives 0 wherever the mask says land)
    # is not on land: the mask is read only for the others (NaN: distance not known)
    maybe = np.flatnonzero(~(track.shore_km > 0))
    land = np.zeros(n, np.bool_)  # on the mask's land; spoofing only if jumped onto
    if maybe.size:
        land[maybe] = inland(track.lat[maybe], track.lon[maybe], p["inland_km"], is_land)
    on_land = jumped_onto_land(land, track, p["land_jump_kn"], p) if land.any() else land
    if on_land.sum() < p["land_min_fixes"]:
        on_land[:] = False
    teleported = np.zeros(n, np.bool_)
    if teleports:
        head, jumps = two_heads(track.t, track.lat, track.lon, p["max_speed_kn"], track.step_km)
        if jumps.size:
            false = false_head(head, track, on_land, near_port, p)
            if false is not None:
                teleported = head == false
                # the true fixes judge their own land: a jump from a false one explains nothing
                true = np.flatnonzero(~teleported)
                on_land &= teleported
                if land[true].any():
                    on_land[true] = jumped_onto_land(
                        land[true], subtrack(track, true), p["land_jump_kn"], p
                    )
                if on_land.sum() < p["land_min_fixes"]:
                    on_land[:] = False
            else:  # which side is true is not known: the jumps alone
                teleported[jumps] = True
                teleported[jumps - 1] = True
    flagged = teleported | on_land
    idx = np.flatnonzero(flagged)
    if idx.size == 0:
        return []
    speed = np.concatenate(([0.0], speed))
    bounds = np.flatnonzero(np.diff(track.t[idx]) > p["merge_h"] * SECONDS_PER_HOUR) + 1
    events = []
    for group in np.split(idx, bounds):
        first, last = int(group[0]), int(group[-1])
        kinds = [k for k, m in (("teleport", teleported), ("on_land", on_land)) if m[group].any()]
        around = speed[first : min(last + 2, n)]
        events.append(
            Event(
                "spoofing",
                (track.mmsi,),
                int(track.t[first]),
                int(track.t[last]),
                float(track.lat[first]),
                float(track.lon[first]),
                {
                    "kind": "+".join(kinds),
                    "fixes": int(group.size),
                    "max_implied_speed_kn": round(float(np.nanmax(around)), 1),
                    "on_land_fixes": int(on_land[group].sum()),
                },
                track.sources(first, last),
            )
        )
    return events
