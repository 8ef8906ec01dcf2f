"""Array types and distances shared by the kernels: UTC seconds, degrees, km, knots."""

from __future__ import annotations

import math

import numba
import numpy as np
from numpy.typing import NDArray

Seconds = NDArray[np.int64]  # UTC, seconds since the epoch
Degrees = NDArray[np.float64]
Kilometres = NDArray[np.float64]
Knots = NDArray[np.float64]
NauticalMiles = NDArray[np.float64]
Mask = NDArray[np.bool_]

EARTH_RADIUS_KM = 6371.0  # DESIGN.md: distances on the sphere, R = 6371 km
KM_PER_NM = 1.852
SECONDS_PER_HOUR = 3600.0


@numba.njit(cache=True, nogil=True, inline="always")  # type: ignore[untyped-decorator]
def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:  # pragma: no cover
    """Great-circle km between two points: the one scalar haversine the compiled kernels
    (and the assessment rules, from Python) share."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2.0 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(max(h, 0.0), 1.0)))


@numba.njit(cache=True, nogil=True)  # type: ignore[untyped-decorator]
def _haversine_1d(
    lat1: Degrees, lon1: Degrees, lat2: Degrees, lon2: Degrees
) -> Kilometres:  # pragma: no cover - numba
    out = np.empty(lat1.size, np.float64)
    to_rad = np.pi / 180.0
    for i in range(lat1.size):
        phi1, phi2 = lat1[i] * to_rad, lat2[i] * to_rad
        h = (
            np.sin((phi2 - phi1) / 2) ** 2
            + np.cos(phi1) * np.cos(phi2) * np.sin((lon2[i] - lon1[i]) * to_rad / 2) ** 2
        )
        out[i] = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(min(max(h, 0.0), 1.0)))
    return out


def haversine_km(lat1: Degrees, lon1: Degrees, lat2: Degrees, lon2: Degrees) -> Kilometres:
    """Great-circle distance, element-wise (arrays broadcast). Four 1-D float arrays of one
    length (the common case: steps along a track) take a compiled loop, without the numpy
    version's temporaries."""
    a, b, c, d = lat1, lon1, lat2, lon2
    if (
        isinstance(a, np.ndarray)
        and isinstance(b, np.ndarray)
        and isinstance(c, np.ndarray)
        and isinstance(d, np.ndarray)
        and a.ndim == b.ndim == c.ndim == d.ndim == 1
        and a.size == b.size == c.size == d.size
        and a.dtype == b.dtype == c.dtype == d.dtype == np.float64
    ):
        fast: Kilometres = _haversine_1d(a, b, c, d)
        return fast
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi = phi2 - phi1
    dlmb = np.radians(lon2) - np.radians(lon1)
    h = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    distance: Kilometres = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return distance


def implied_speed_kn(t: Seconds, lat: Degrees, lon: Degrees, km: Kilometres | None = None) -> Knots:
    """Speed between consecutive fixes (length n - 1); 0-second steps give +inf unless still.
    ``km``: the step distances when already known (``Track.step_km``)."""
    if km is None:
        km = haversine_km(lat[:-1], lon[:-1], lat[1:], lon[1:])
    hours = np.diff(t).astype(np.float64) / SECONDS_PER_HOUR
    with np.errstate(divide="ignore", invalid="ignore"):
        speed: Knots = np.where(hours > 0, km / KM_PER_NM / hours, np.where(km > 0, np.inf, 0.0))
    return speed
