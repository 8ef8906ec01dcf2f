"""Spherical geometry in the units of DESIGN.md: metres, nautical miles, knots, degrees.

Distances are haversine on a sphere of radius 6371 km (as the detectors measure them); short
pieces of track are handled in a local flat frame (metres east and north of a point), which is
exact enough over the tens of kilometres it is used for.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

EARTH_RADIUS_M = 6_371_000.0
METRES_PER_NM = 1852.0
KNOT_MS = METRES_PER_NM / 3600.0  # one knot in metres per second
METRES_PER_DEG_LAT = EARTH_RADIUS_M * np.pi / 180.0


def haversine_m(
    lat1: Floats | float, lon1: Floats | float, lat2: Floats | float, lon2: Floats | float
) -> Floats:
    """Great-circle distance in metres (arrays broadcast)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat = p2 - p1
    dlon = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def bearing_deg(
    lat1: Floats | float, lon1: Floats | float, lat2: Floats | float, lon2: Floats | float
) -> Floats:
    """Initial true bearing from point 1 to point 2, degrees in [0, 360)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlon = np.radians(np.asarray(lon2) - np.asarray(lon1))
    y = np.sin(dlon) * np.cos(p2)
    x = np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dlon)
    return np.asarray(np.degrees(np.arctan2(y, x)) % 360.0)


def to_local(
    lat: Floats | float, lon: Floats | float, lat0: float, lon0: float
) -> tuple[Floats, Floats]:
    """Metres east and north of (lat0, lon0) in a flat frame around it."""
    x = (np.asarray(lon) - lon0) * METRES_PER_DEG_LAT * np.cos(np.radians(lat0))
    y = (np.asarray(lat) - lat0) * METRES_PER_DEG_LAT
    return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)


def from_local(
    x: Floats | float, y: Floats | float, lat0: float, lon0: float
) -> tuple[Floats, Floats]:
    """Inverse of ``to_local``."""
    lat = lat0 + np.asarray(y) / METRES_PER_DEG_LAT
    lon = lon0 + np.asarray(x) / (METRES_PER_DEG_LAT * np.cos(np.radians(lat0)))
    return np.asarray(lat, dtype=np.float64), np.asarray(lon, dtype=np.float64)


def offset(lat: float, lon: float, bearing: float, metres: float) -> tuple[float, float]:
    """The point ``metres`` from (lat, lon) on ``bearing`` (flat frame: for short offsets)."""
    rad = np.radians(bearing)
    new_lat, new_lon = from_local(metres * np.sin(rad), metres * np.cos(rad), lat, lon)
    return float(new_lat), float(new_lon)


def quantise(degrees: Floats) -> Floats:
    """Degrees on the AIS position grid (1/10000 minute), as a decoder reads them back."""
    return np.asarray(np.round(np.round(degrees * 600_000.0) / 600_000.0, 6))
