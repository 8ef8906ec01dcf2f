"""The cross-vessel encounter join against a brute-force reference and DESIGN.md's rules."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from sanctionwatch.maritime.encounters import (
    EncounterParams,
    GridPoints,
    Neighbours,
    close_pairs,
    find_encounters,
)
from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.resample import Grid, resample
from sanctionwatch.maritime.units import haversine_km
from tests.maritime.tracks import make_track

T0 = 1_709_251_200
P = EncounterParams(600, 0.5, 2.0, 2.0, 10.0, 4.0)
KM_LAT = 1 / 111.195  # one km of latitude in degrees


def _grid(slots: np.ndarray, lat: np.ndarray, lon: np.ndarray, speed: float = 0.5) -> Grid:
    n = slots.size
    return Grid(slots, lat, lon, np.full(n, speed), np.full(n, 7, dtype=np.int64))


def _still(slot0: int, hours: float, lat: float, lon: float, speed: float = 0.5) -> Grid:
    n = round(hours * 6) + 1
    slots = np.arange(slot0, slot0 + n, dtype=np.int64)
    return _grid(slots, np.full(n, lat), np.full(n, lon), speed)


@pytest.mark.parametrize("lat0", [0.0, 38.5, 69.0, -60.0])
def test_close_pairs_agree_with_all_pairs(lat0: float) -> None:
    rng = np.random.default_rng(4)
    grids = []
    for v in range(60):
        slots = np.sort(rng.choice(np.arange(100, 112), size=6, replace=False)).astype(np.int64)
        lat = lat0 + rng.uniform(0, 0.05, slots.size)
        lon = 179.97 + rng.uniform(0, 0.06, slots.size)
        grids.append((1000 + v, _grid(slots, lat, (lon + 180) % 360 - 180)))
    points = GridPoints.of(grids)
    i, j = close_pairs(points, 0.5)
    found = {(int(a), int(b)) for a, b in zip(i, j, strict=True)}
    expected = set()
    for a, b in itertools.combinations(range(len(points)), 2):
        if points.slot[a] != points.slot[b] or points.vessel[a] == points.vessel[b]:
            continue
        km = haversine_km(points.lat[a], points.lon[a], points.lat[b], points.lon[b])
        if km <= 0.5:
            lo, hi = (a, b) if points.vessel[a] < points.vessel[b] else (b, a)
            expected.add((lo, hi))
    assert found == expected
    assert expected  # the sample does hold close pairs, across the antimeridian too


def test_two_drifting_ships_side_by_side_meet() -> None:
    slot0 = T0 // 600
    a = _still(slot0, 3.0, 38.9, 123.8)
    b = _still(slot0, 3.0, 38.9 + 0.2 * KM_LAT, 123.8)
    c = _still(slot0, 3.0, 38.9 + 5 * KM_LAT, 123.8)  # 5 km off: not in it
    events = find_encounters(GridPoints.of([(2, b), (1, a), (3, c)]), P)
    assert len(events) == 1
    e = events[0]
    assert e.type == "encounter" and e.vessels == (1, 2)
    assert (e.start, e.end) == (slot0 * 600, slot0 * 600 + 3 * 3600)
    assert e.attributes["median_distance_km"] == pytest.approx(0.2, abs=0.01)
    assert e.sources == frozenset({7})


def test_too_short_too_fast_or_near_a_port_is_no_encounter() -> None:
    slot0 = T0 // 600
    short = [(1, _still(slot0, 1.5, 38.9, 123.8)), (2, _still(slot0, 1.5, 38.9, 123.8))]
    assert find_encounters(GridPoints.of(short), P) == []
    fast = [(1, _still(slot0, 3, 38.9, 123.8, 5.0)), (2, _still(slot0, 3, 38.9, 123.8, 5.0))]
    assert find_encounters(GridPoints.of(fast), P) == []
    still = GridPoints.of([(1, _still(slot0, 3, 38.9, 123.8)), (2, _still(slot0, 3, 38.9, 123.8))])
    assert find_encounters(still, P, port_km=lambda lat, lon: np.full(lat.size, 3.0)) == []
    assert len(find_encounters(still, P, port_km=lambda lat, lon: np.full(lat.size, 30.0))) == 1
    off = EncounterParams(600, 0.5, 2.0, 2.0, 0.0, 4.0)  # 0 disables the port exclusion
    assert len(find_encounters(still, off, port_km=lambda lat, lon: np.full(lat.size, 3.0))) == 1


def test_runs_of_one_pair_less_than_the_merge_gap_apart_merge() -> None:
    slot0 = T0 // 600

    def pair_with_break(break_h: float) -> list[Event]:
        first = _still(slot0, 2.5, 38.9, 123.8)
        apart = _still(slot0 + 16, break_h, 38.9 + 3 * KM_LAT, 123.8)  # 3 km away meanwhile
        second = _still(int(apart.slot[-1]) + 1, 2.5, 38.9, 123.8)
        moving = Grid(
            np.r_[first.slot, apart.slot[1:-1], second.slot],
            np.r_[first.lat, apart.lat[1:-1], second.lat],
            np.r_[first.lon, apart.lon[1:-1], second.lon],
            np.full(first.slot.size + apart.slot.size - 2 + second.slot.size, 0.5),
            np.full(first.slot.size + apart.slot.size - 2 + second.slot.size, 7),
        )
        span = int(moving.slot[-1] - slot0) / 6
        return find_encounters(
            GridPoints.of([(1, moving), (2, _still(slot0, span, 38.9, 123.8))]), P
        )

    assert len(pair_with_break(3.0)) == 1
    merged = pair_with_break(3.0)[0]
    assert merged.attributes["runs"] == 2
    assert len(pair_with_break(6.0)) == 2


def test_neighbours_name_the_other_vessels_nearby() -> None:
    slot0 = T0 // 600
    a = _still(slot0, 3.0, 38.9, 123.8)
    b = _still(slot0 + 6, 1.0, 38.9 + 1 * KM_LAT, 123.8)
    c = _still(slot0, 3.0, 38.9 + 10 * KM_LAT, 123.8)
    index = Neighbours(GridPoints.of([(1, a), (2, b), (3, c)]), 600)
    assert index.near(1, a, T0, T0 + 3 * 3600, 2.0) == [2]
    assert index.near(1, a, T0, T0 + 3000, 2.0) == []  # before b arrives
    assert index.near_point(38.9, 123.8, slot0, slot0 + 18, 20.0, exclude=1) == [2, 3]


def test_resampled_tracks_meet_end_to_end() -> None:
    t = np.arange(T0, T0 + 4 * 3600, 60)
    a = make_track(1, t, np.full(t.size, 31.2), np.full(t.size, 124.5), np.full(t.size, 0.3))
    b = make_track(
        2, t + 7, np.full(t.size, 31.2 + 0.05 * KM_LAT), np.full(t.size, 124.5), np.zeros(t.size)
    )
    grids = [(1, resample(a, 600, 3600)), (2, resample(b, 600, 3600))]
    events = find_encounters(GridPoints.of(grids), P)
    assert [e.vessels for e in events] == [(1, 2)]
    assert events[0].end - events[0].start >= 3 * 3600
