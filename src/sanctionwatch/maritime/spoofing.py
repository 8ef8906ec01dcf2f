"""Position spoofing: teleports (implied speed above ``max_speed_kn``) and fixes on land.

A teleport moves the broadcast track somewhere else and, later, back. The fixes are followed
on two heads (``segments.two_heads`` at the spoofing speed): the fixes that sit on the head
holding fewer fixes, between jumps, are the false ones, so one spoofed stretch is one event
rather than two jumps. A fix is on land when global-land-mask says so and land also lies
``inland_km`` north, south, east and west of it: a berth on a land cell of the 1 km mask is
not spoofing. Flagged fixes less than ``merge_h`` apart are merged into one event. On an MMSI
found shared (``shared``: its shared_mmsi events) jumps are not read as teleports, and fixes
inside its shared runs are left to those events (two ships are not one spoofing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.segments import two_heads
from sanctionwatch.maritime.track import Track
from sanctionwatch.maritime.units import SECONDS_PER_HOUR, Degrees, Mask, implied_speed_kn

LandTest = Callable[[Degrees, Degrees], Mask]


def inland(lat: Degrees, lon: Degrees, margin_km: float, is_land: LandTest) -> Mask:
    """Fixes on land with land also ``margin_km`` away in the four directions."""
    dlat = margin_km / 111.19
    dlon = dlat / np.maximum(np.cos(np.radians(lat)), 0.01)
    found = is_land(lat, lon)
    for a, b in ((dlat, 0.0), (-dlat, 0.0), (0.0, dlon), (0.0, -dlon)):
        found &= is_land(np.clip(lat + a, -90, 90), (lon + b + 180) % 360 - 180)
    return found


def find_spoofing(
    track: Track,
    p: dict[str, Any],
    is_land: LandTest,
    shared: list[Event] | None = None,
) -> list[Event]:
    """``spoofing`` events of one vessel; ``p`` is the ``spoofing`` section."""
    n = len(track)
    if n == 0:
        return []
    head, jumps = two_heads(track.t, track.lat, track.lon, p["max_speed_kn"])
    minority = int(np.argmin(np.bincount(head, minlength=2)))
    # Two ships on one MMSI make the two heads two ships, not a true and a false track.
    jumpy = jumps.size > 0 and not shared
    teleported: NDArray[np.bool_] = (head == minority) if jumpy else np.zeros(n, np.bool_)
    on_land = inland(track.lat, track.lon, p["inland_km"], is_land)
    if on_land.sum() < p["land_min_fixes"]:
        on_land[:] = False
    flagged = teleported | on_land
    for event in shared or []:
        flagged &= ~((track.t >= event.start) & (track.t <= event.end))
    idx = np.flatnonzero(flagged)
    if idx.size == 0:
        return []
    speed = np.concatenate(([0.0], implied_speed_kn(track.t, track.lat, track.lon)))
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
