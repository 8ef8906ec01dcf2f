"""Two ships under one MMSI are split ship by ship, even as one of them starts to spoof."""

from __future__ import annotations

import numpy as np

from sanctionwatch.maritime.params import default_params
from sanctionwatch.maritime.segments import split_shared
from tests.maritime.tracks import make_track

T0 = 1_709_769_600
BERTH = (43.1208, 131.8708)  # the second ship, moored the whole time
SPOOF = (41.5517, 131.3042)  # where the first ship claims to be from the switch on


def _interleaved() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Ship A sails near Vostochny for 40 h, then broadcasts SPOOF for 8 h; ship B reports
    from its berth every 3 minutes throughout. Returns t, lat, lon and which fixes are B's."""
    a_t = np.arange(T0, T0 + 48 * 3600, 60)
    a_true = a_t < T0 + 40 * 3600
    a_lat = np.where(a_true, 42.75 - (a_t - T0) * 2e-6, SPOOF[0])
    a_lon = np.where(a_true, 133.40 - (a_t - T0) * 1e-6, SPOOF[1])
    b_t = np.arange(T0 + 30, T0 + 48 * 3600, 180)
    t = np.r_[a_t, b_t]
    lat = np.r_[a_lat, np.full(b_t.size, BERTH[0])]
    lon = np.r_[a_lon, np.full(b_t.size, BERTH[1])]
    is_b = np.r_[np.zeros(a_t.size, bool), np.ones(b_t.size, bool)]
    order = np.argsort(t, kind="stable")
    return t[order], lat[order], lon[order], is_b[order]


def test_the_spoofing_ship_keeps_its_own_part() -> None:
    t, lat, lon, is_b = _interleaved()
    parts = split_shared(make_track(1, t, lat, lon), default_params().section("segment"))
    assert len(parts) == 2
    at_berth = [bool(np.all(p.lat == BERTH[0])) for p in parts]
    assert sorted(at_berth) == [False, True]  # one part is ship B alone
    a = parts[at_berth.index(False)]
    assert a.t.size == int((~is_b).sum())  # every fix of A, true and spoofed, and no more
    assert np.any(a.lat == SPOOF[0]) and np.any(a.lat > 42.5)
