"""The cached rasters agree with global-land-mask and give sensible distances."""

from __future__ import annotations

import numpy as np

from sanctionwatch.maritime.shore import shore


def test_land_and_distance_from_shore() -> None:
    raster = shore()
    lat = np.array([39.0, 35.0, 0.0, 42.75, np.nan])
    lon = np.array([125.75, 125.0, -140.0, 133.0833, 0.0])
    land = raster.is_land(lat, lon)
    assert land.tolist() == [True, False, False, True, False]
    km = raster.shore_km(lat, lon)
    assert km[0] == 0.0 and np.isnan(km[4])
    assert 10 < km[1] / 1.852 < 30  # off the islands south-west of Korea (~19 nm)
    assert km[2] / 1.852 > 300  # the open Pacific
