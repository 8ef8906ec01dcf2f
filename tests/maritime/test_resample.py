"""The encounter grid: slots on multiples of the interval, interpolation only across short gaps."""

from __future__ import annotations

import numpy as np
import pytest

from sanctionwatch.maritime.resample import resample
from tests.maritime.tracks import make_track

T0 = 1_709_251_200  # 2024-03-01T00:00:00Z, a multiple of 600


def test_interpolates_between_fixes_on_the_slots() -> None:
    track = make_track(1, [T0 + 300, T0 + 1500], [10.0, 11.0], [20.0, 22.0], [4.0, 6.0])
    grid = resample(track, 600, 3600)
    assert grid.slot.tolist() == [T0 // 600 + 1, T0 // 600 + 2]
    assert grid.lat == pytest.approx([10.25, 10.75])
    assert grid.lon == pytest.approx([20.5, 21.5])
    assert grid.speed == pytest.approx([4.5, 5.5])


def test_a_fix_on_a_slot_stands_alone_and_long_gaps_are_not_bridged() -> None:
    # fixes at 0 and 2 h apart: only the slots holding a fix are kept
    track = make_track(1, [T0, T0 + 7200], [10.0, 10.5], [20.0, 20.0])
    grid = resample(track, 600, 3600)
    assert grid.slot.tolist() == [T0 // 600, T0 // 600 + 12]
    assert grid.lat.tolist() == [10.0, 10.5]


def test_a_gap_just_under_the_limit_is_bridged() -> None:
    track = make_track(1, [T0, T0 + 3599], [10.0, 10.0], [20.0, 20.0])
    assert len(resample(track, 600, 3600)) == 6  # T0 .. T0+3000


def test_longitude_crosses_the_antimeridian_the_short_way() -> None:
    track = make_track(1, [T0, T0 + 1200], [0.0, 0.0], [179.9, -179.9])
    grid = resample(track, 600, 3600)
    assert abs(abs(grid.lon[1]) - 180.0) < 1e-9
    assert all(abs(x) >= 179.9 - 1e-9 for x in grid.lon)


def test_missing_speed_is_the_implied_speed() -> None:
    # 1 nautical mile (1/60 degree of latitude) in 30 minutes: 2 kn
    track = make_track(1, [T0, T0 + 1800], [0.0, 1 / 60], [0.0, 0.0])
    grid = resample(track, 600, 3600)
    assert grid.speed == pytest.approx([2.0, 2.0, 2.0, 2.0], rel=1e-3)


def test_segments_are_not_bridged() -> None:
    track = make_track(1, [T0, T0 + 1200], [0.0, 5.0], [0.0, 0.0])
    grid = resample(track, 600, 3600, segment=np.array([0, 1], dtype=np.int64))
    assert grid.slot.tolist() == [T0 // 600, T0 // 600 + 2]


def test_empty_and_single_fix_tracks() -> None:
    assert len(resample(make_track(1, [], [], []), 600, 3600)) == 0
    assert len(resample(make_track(1, [T0 + 1], [0.0], [0.0]), 600, 3600)) == 0
    assert len(resample(make_track(1, [T0], [0.0], [0.0]), 600, 3600)) == 1
