"""Hand-made tracks for the kernels' tests."""

from __future__ import annotations

import numpy as np

from sanctionwatch.maritime.params import Params, default_params
from sanctionwatch.maritime.track import Track, make_track

T0 = 1_704_067_200  # 2024-01-01T00:00:00Z
HOUR = 3600


def params() -> Params:
    return default_params()


def line(
    mmsi: int,
    t: np.ndarray,
    lat0: float,
    lon0: float,
    kn: float,
    *,
    bearing_deg: float = 90.0,
    shore_km: float = 200.0,
    speed: float | None = None,
) -> Track:
    """A straight track at ``kn`` knots from (lat0, lon0), flat-earth (fine over tens of km)."""
    km = kn * 1.852 * (t - t[0]) / 3600
    lat = lat0 + km * np.cos(np.radians(bearing_deg)) / 111.195
    lon = lon0 + km * np.sin(np.radians(bearing_deg)) / (111.195 * np.cos(np.radians(lat0)))
    return make_track(
        mmsi,
        t,
        lat,
        lon,
        speed=np.full(t.size, kn if speed is None else speed),
        shore_km=np.full(t.size, shore_km),
    )


def every(start: int, stop: int, step: int) -> np.ndarray:
    return np.arange(start, stop, step, dtype=np.int64)
