"""One vessel's track on the encounter grid (DESIGN.md: 10-minute slots, interpolating only
across gaps shorter than 1 h), the common clock on which vessels are compared."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.maritime.track import Track
from sanctionwatch.maritime.units import (
    KM_PER_NM,
    SECONDS_PER_HOUR,
    Degrees,
    Knots,
    haversine_km,
)

Slots = NDArray[np.int64]  # grid slot k stands for UTC second k * interval_s


@dataclass(frozen=True)
class Grid:
    """A track's points on the grid: one per slot where the vessel's position is known.

    ``speed`` is the reported speed interpolated, or the implied speed between the fixes
    either side where one is not reported; ``source_id`` is the source of the fix at or after
    the slot, so events found on the grid can name what they rest on.
    """

    slot: Slots
    lat: Degrees
    lon: Degrees
    speed: Knots
    source_id: NDArray[np.int64]

    def __len__(self) -> int:
        return int(self.slot.size)


def empty_grid() -> Grid:
    floats = np.zeros(0, dtype=np.float64)
    ints = np.zeros(0, dtype=np.int64)
    return Grid(ints, floats, floats, floats, ints)


def resample(
    track: Track,
    interval_s: int,
    max_gap_s: float,
    segment: NDArray[np.int64] | None = None,
) -> Grid:
    """Grid points of ``track``: a fix exactly on a slot is taken as it is; between two fixes
    less than ``max_gap_s`` apart (and of one segment, when ``segment`` numbers each fix's
    segment) the position is interpolated along the straight line in degrees (longitude
    across the antimeridian the short way); elsewhere the slot is left out."""
    t = track.t
    if t.size == 0:
        return empty_grid()
    first = -(-int(t[0]) // interval_s)
    last = int(t[-1]) // interval_s
    if last < first:
        return empty_grid()
    slots = np.arange(first, last + 1, dtype=np.int64)
    at = slots * interval_s
    right = np.searchsorted(t, at, side="left")  # first fix at or after the slot
    right_c = np.minimum(right, t.size - 1)
    exact = t[right_c] == at
    left = np.maximum(right - 1, 0)
    spans = (t[right_c] - t[left]).astype(np.float64)
    bracketed = (right > 0) & (right < t.size) & (spans < max_gap_s)
    if segment is not None:
        bracketed &= segment[left] == segment[right_c]
    keep = exact | bracketed
    slots, at, right_c, left, exact = slots[keep], at[keep], right_c[keep], left[keep], exact[keep]
    # exact points stand alone: "left" is the fix itself, so the fraction is 0
    left = np.where(exact, right_c, left)
    span = (t[right_c] - t[left]).astype(np.float64)
    frac = np.divide((at - t[left]).astype(np.float64), span, out=np.zeros(at.size), where=span > 0)
    lat = track.lat[left] + frac * (track.lat[right_c] - track.lat[left])
    dlon = (track.lon[right_c] - track.lon[left] + 540.0) % 360.0 - 180.0
    lon = (track.lon[left] + frac * dlon + 540.0) % 360.0 - 180.0
    speed = _speed(track, left, right_c, frac, exact)
    return Grid(slots, lat, lon, speed, track.source_id[right_c])


def _speed(
    track: Track,
    left: NDArray[np.intp],
    right: NDArray[np.intp],
    frac: NDArray[np.float64],
    exact: NDArray[np.bool_],
) -> Knots:
    """Reported speed interpolated; where missing, the implied speed over the step the slot
    falls in (for a fix on the slot, the step after it, or before it at the track's end)."""
    reported = track.speed[left] + frac * (track.speed[right] - track.speed[left])
    n = track.t.size
    a = np.where(exact, np.where(right + 1 < n, right, right - 1), left)
    a = np.clip(a, 0, max(n - 2, 0))
    b = np.minimum(a + 1, n - 1)
    km = haversine_km(track.lat[a], track.lon[a], track.lat[b], track.lon[b])
    hours = (track.t[b] - track.t[a]).astype(np.float64) / SECONDS_PER_HOUR
    implied = np.divide(km / KM_PER_NM, hours, out=np.zeros(km.size), where=hours > 0)
    speed: Knots = np.where(np.isfinite(reported), reported, implied)
    return speed
