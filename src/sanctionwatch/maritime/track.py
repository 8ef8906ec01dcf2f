"""One vessel's time-sorted fixes, the input of every per-vessel kernel."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.maritime.units import Degrees, Kilometres, Knots, Seconds, haversine_km


@dataclass(frozen=True)
class Track:
    """Fixes of one MMSI sorted by time (ties kept in input order).

    ``speed`` and ``course`` are as reported (NaN where not available); ``shore_km`` is each
    fix's distance from the nearest coast (0 on land), filled by the engine; ``source_id``
    is the workspace source each fix came from, so events can name what they rest on.
    Draught comes from static reports, which have their own times.
    """

    mmsi: int
    t: Seconds
    lat: Degrees
    lon: Degrees
    speed: Knots
    course: NDArray[np.float64]
    shore_km: Kilometres
    source_id: NDArray[np.int64]
    draught_t: Seconds
    draught_m: NDArray[np.float64]

    def __len__(self) -> int:
        return int(self.t.size)

    @cached_property
    def step_km(self) -> Kilometres:
        """Distance from each fix to the next (length n - 1), worked out once: segments,
        spoofing, two-head tracking and loitering all read it."""
        if self.t.size < 2:
            return np.zeros(0, np.float64)
        return haversine_km(self.lat[:-1], self.lon[:-1], self.lat[1:], self.lon[1:])

    def sources(self, start: int, stop: int) -> frozenset[int]:
        """The source ids of fixes ``start..stop`` (inclusive)."""
        return frozenset(int(s) for s in np.unique(self.source_id[start : stop + 1]))


def make_track(
    mmsi: int,
    t: Seconds | list[int],
    lat: Degrees | list[float],
    lon: Degrees | list[float],
    *,
    speed: Knots | list[float] | None = None,
    course: NDArray[np.float64] | None = None,
    shore_km: Kilometres | list[float] | None = None,
    source_id: NDArray[np.int64] | None = None,
    draught_t: Seconds | list[int] | None = None,
    draught_m: NDArray[np.float64] | list[float] | None = None,
) -> Track:
    """A Track from unsorted fixes: sorted by time (stable), missing columns filled (NaN, 0)."""
    times = np.asarray(t, dtype=np.int64)
    order = np.argsort(times, kind="stable")
    n = times.size

    def floats(values: object, fill: float) -> NDArray[np.float64]:
        if values is None:
            return np.full(n, fill)
        return np.asarray(values, dtype=np.float64)[order]

    d_t = np.asarray(draught_t if draught_t is not None else [], dtype=np.int64)
    d_order = np.argsort(d_t, kind="stable")
    d_m = np.asarray(draught_m if draught_m is not None else [], dtype=np.float64)
    return Track(
        mmsi=mmsi,
        t=times[order],
        lat=floats(lat, np.nan),
        lon=floats(lon, np.nan),
        speed=floats(speed, np.nan),
        course=floats(course, np.nan),
        shore_km=floats(shore_km, np.nan),
        source_id=(
            np.zeros(n, np.int64) if source_id is None else np.asarray(source_id, np.int64)[order]
        ),
        draught_t=d_t[d_order],
        draught_m=d_m[d_order],
    )


def subtrack(track: Track, keep: NDArray[np.bool_] | NDArray[np.int64]) -> Track:
    """The fixes ``keep`` selects (a mask or sorted indices), draught reports unchanged."""
    return Track(
        track.mmsi,
        track.t[keep],
        track.lat[keep],
        track.lon[keep],
        track.speed[keep],
        track.course[keep],
        track.shore_km[keep],
        track.source_id[keep],
        track.draught_t,
        track.draught_m,
    )
