"""Dark port calls: the vessel's own speed, and silences shared with the ships around."""

from __future__ import annotations

import numpy as np

from sanctionwatch.maritime.dark_port_calls import (
    plausible_speed_kn,
    shared_silences,
    without_shared_silences,
)
from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.track import make_track
from tests.maritime.helpers import HOUR, T0, every, line, params


def _gap(mmsi: int, start: int, lat: float, lon: float) -> Event:
    return Event("gap", (mmsi,), start, start + 8 * HOUR, lat, lon)


def test_a_silence_the_ships_around_share_is_an_outage() -> None:
    p = params().section("dark_port_call")
    assert p["outage_vessels"] == 2
    alone = _gap(1, T0, 31.0, 32.0)
    # two others 20-30 km away fell silent within the hour: a receiver outage
    crowd = [_gap(2, T0 + 600, 31.2, 32.0), _gap(3, T0 - 1800, 31.0, 32.3), alone]
    assert shared_silences(crowd, p) == {(1, T0), (2, T0 + 600), (3, T0 - 1800)}
    # one other is not enough, nor others far away or hours apart
    assert shared_silences([alone, _gap(2, T0 + 600, 31.2, 32.0)], p) == set()
    far = [alone, _gap(2, T0, 33.0, 32.0), _gap(3, T0, 31.0, 35.0)]
    assert shared_silences(far, p) == set()
    late = [alone, _gap(2, T0 + 3 * HOUR, 31.2, 32.0), _gap(3, T0 - 3 * HOUR, 31.0, 32.3)]
    assert shared_silences(late, p) == set()
    # the same ship silent twice is not two neighbours
    twice = [alone, _gap(2, T0, 31.2, 32.0), _gap(2, T0 + 1200, 31.2, 32.0)]
    assert (1, T0) not in shared_silences(twice, p)
    call = Event("dark_port_call", (1,), T0, T0 + 8 * HOUR, 31.26, 32.3)
    assert without_shared_silences([call], crowd, p) == []
    assert without_shared_silences([call], [alone], p) == [call]
    assert shared_silences(crowd, {**p, "outage_vessels": 0}) == set()  # 0 turns it off


def test_plausible_speed_from_the_fixes_when_no_speed_is_reported() -> None:
    p = params().section("dark_port_call")
    reported = line(5, every(T0, T0 + 6 * HOUR, 600), 30.0, 32.0, 8.0)
    assert plausible_speed_kn(reported, p) == 8.0 * p["speed_margin"]
    silent = make_track(5, reported.t, reported.lat, reported.lon)  # a file without speeds
    assert np.isnan(silent.speed).all()
    assert abs(plausible_speed_kn(silent, p) - 8.0 * p["speed_margin"]) < 0.1
    anchored = make_track(5, reported.t, np.full(reported.t.size, 30.0), reported.lon * 0 + 32.0)
    assert plausible_speed_kn(anchored, p) == p["max_speed_kn"]  # never seen moving: the cap
