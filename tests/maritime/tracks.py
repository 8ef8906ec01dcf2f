"""Tracks built by hand for the kernel tests."""

from __future__ import annotations

import numpy as np

from sanctionwatch.maritime.track import Track


def make_track(
    mmsi: int,
    t: list[int] | np.ndarray,
    lat: list[float] | np.ndarray,
    lon: list[float] | np.ndarray,
    speed: list[float] | np.ndarray | None = None,
    source: int = 1,
) -> Track:
    times = np.asarray(t, dtype=np.int64)
    n = times.size
    return Track(
        mmsi=mmsi,
        t=times,
        lat=np.asarray(lat, dtype=np.float64),
        lon=np.asarray(lon, dtype=np.float64),
        speed=np.full(n, np.nan) if speed is None else np.asarray(speed, dtype=np.float64),
        course=np.full(n, np.nan),
        shore_km=np.full(n, 100.0),
        source_id=np.full(n, source, dtype=np.int64),
        draught_t=np.zeros(0, dtype=np.int64),
        draught_m=np.zeros(0, dtype=np.float64),
    )
