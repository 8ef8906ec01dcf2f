"""Array types and distances shared by the kernels: UTC seconds, degrees, km, knots."""

from __future__ import annotations

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


def haversine_km(lat1: Degrees, lon1: Degrees, lat2: Degrees, lon2: Degrees) -> Kilometres:
    """Great-circle distance, element-wise (arrays broadcast)."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi = phi2 - phi1
    dlmb = np.radians(lon2) - np.radians(lon1)
    h = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    distance: Kilometres = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return distance


def implied_speed_kn(t: Seconds, lat: Degrees, lon: Degrees) -> Knots:
    """Speed between consecutive fixes (length n - 1); 0-second steps give +inf unless still."""
    km = haversine_km(lat[:-1], lon[:-1], lat[1:], lon[1:])
    hours = np.diff(t).astype(np.float64) / SECONDS_PER_HOUR
    with np.errstate(divide="ignore", invalid="ignore"):
        speed: Knots = np.where(hours > 0, km / KM_PER_NM / hours, np.where(km > 0, np.inf, 0.0))
    return speed
