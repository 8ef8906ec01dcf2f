"""One hand-made track per kernel: what each must find, and what it must not."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from sanctionwatch.maritime.dark_port_calls import find_dark_port_calls
from sanctionwatch.maritime.draught import find_draught_changes
from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.loitering import find_dark_transfers, find_loitering, ship_category
from sanctionwatch.maritime.port_visits import find_port_visits, inside_runs
from sanctionwatch.maritime.ports import (
    Gazetteer,
    Port,
    default_gazetteer,
    gazetteer_from_wpi_csv,
)
from sanctionwatch.maritime.segments import find_shared_mmsi, segment_ids, split_shared
from sanctionwatch.maritime.spoofing import find_spoofing
from sanctionwatch.maritime.track import Track, make_track
from tests.maritime.helpers import HOUR, T0, every, line, params

PORT = Port("Testport", "KR", 35.0, 129.0, "KRTST")


def _concat(*tracks: Track) -> Track:
    return make_track(
        tracks[0].mmsi,
        np.concatenate([t.t for t in tracks]),
        np.concatenate([t.lat for t in tracks]),
        np.concatenate([t.lon for t in tracks]),
        speed=np.concatenate([t.speed for t in tracks]),
        shore_km=np.concatenate([t.shore_km for t in tracks]),
    )


def test_segments_split_on_speed_and_silence() -> None:
    t = np.array([0, 600, 1200, 1200 + 25 * HOUR, 1200 + 25 * HOUR + 600], dtype=np.int64)
    lat = np.array([35.0, 35.01, 36.0, 36.0, 36.01])  # 0.99 deg in 10 min: ~356 kn
    lon = np.full(5, 125.0)
    assert segment_ids(t, lat, lon, 25.0, 24.0).tolist() == [0, 0, 1, 2, 2]


def _interleaved(hours: float, mmsi: int = 9) -> np.ndarray:
    t = every(T0, T0 + int(hours * HOUR), 300)
    a = line(mmsi, t[::2], 35.0, 124.0, 10.0)
    b = line(mmsi, t[1::2], 38.0, 128.0, 10.0)
    return _concat(a, b)


def test_shared_mmsi_needs_interleaving_for_more_than_a_day() -> None:
    p = params().section("segment")
    [event] = find_shared_mmsi(_interleaved(30), p)
    assert event.type == "shared_mmsi" and event.vessels == (9,)
    assert event.end - event.start > 24 * HOUR
    assert event.attributes["median_separation_nm"] > 100
    assert find_shared_mmsi(_interleaved(20), p) == []
    parts = split_shared(_interleaved(30), p)
    assert sorted(round(float(x.lat.min())) for x in parts) == [35, 38]


def test_port_visit_confidence_from_entry_exit_and_stop() -> None:
    gaz = Gazetteer([PORT])
    p, stop = params().section("port"), params().section("stop")
    t_in = every(T0, T0 + 2 * HOUR, 60)
    come = line(5, t_in, 34.9, 129.0, 3.0, bearing_deg=0)  # 11 km south, 3 kn northwards
    t_stay = every(t_in[-1] + 60, t_in[-1] + 6 * HOUR, 180)
    stay = make_track(
        5,
        t_stay,
        np.full(t_stay.size, 35.01),
        np.full(t_stay.size, 129.0),
        speed=np.full(t_stay.size, 0.05),
        shore_km=np.full(t_stay.size, 1.0),
    )
    t_out = every(t_stay[-1] + 60, t_stay[-1] + 3 * HOUR, 60)
    leave = line(5, t_out, 35.01, 129.0, 8.0, bearing_deg=0)
    [visit] = find_port_visits(_concat(come, stay, leave), gaz, p, stop)
    assert visit.attributes["port"] == "Testport" and visit.attributes["confidence"] == 4
    [partial] = find_port_visits(_concat(come, stay), gaz, p, stop)
    assert partial.attributes["confidence"] == 3 and partial.attributes["exit"] is False
    passing = line(5, every(T0, T0 + 4 * HOUR, 60), 34.95, 128.9, 10.0, bearing_deg=63)
    [through] = find_port_visits(passing, gaz, p, stop)
    assert through.attributes["confidence"] == 1


def test_a_short_visit_is_timed_from_ring_to_ring() -> None:
    """17.5 kn straight through the port: 3 km in to 4 km out is 7 km, ~778 s, more than
    the 600 s a visit needs, though fixes 3 min apart put only 540 s between the first and
    last fix inside."""
    gaz = Gazetteer([PORT])
    p, stop = params().section("port"), params().section("stop")
    km_per_s = 17.5 * 1.852 / 3600
    t = every(T0, T0 + 2 * HOUR, 180)
    crossed = T0 + 10 * 180 - 100  # the 3 km ring, 100 s before the 11th fix
    lat = 35.0 + (-3.0 + km_per_s * (t - crossed)) / 111.195
    passing = make_track(5, t, lat, np.full(t.size, 129.0), speed=np.full(t.size, 17.5))
    inside = (lat - 35.0) * 111.195
    assert ((inside >= -3.0) & (inside <= 4.0)).sum() == 4  # 540 s from first to last
    [visit] = find_port_visits(passing, gaz, p, stop)
    assert visit.attributes["confidence"] == 1
    assert find_port_visits(passing, gaz, {**p, "min_duration_s": 800}, stop) == []


def test_port_hysteresis_keeps_one_visit_between_3_and_4_km() -> None:
    dist = np.array([5.0, 2.9, 3.5, 3.9, 3.2, 4.1, 3.5, 2.0])
    assert inside_runs(dist, 3.0, 4.0).tolist() == [[1, 4], [7, 7]]


def test_loitering_far_from_shore_and_slow() -> None:
    p = params().section("loitering")
    t = every(T0, T0 + 6 * HOUR, 10)
    rng = np.random.default_rng(0)
    drift = line(4, t, 36.0, 124.0, 0.7, shore_km=40 * 1.852)
    noisy = make_track(
        4,
        t,
        drift.lat + rng.normal(0, 4e-5, t.size),
        drift.lon + rng.normal(0, 5e-5, t.size),
        shore_km=drift.shore_km,
    )
    [event] = find_loitering(noisy, p)
    assert event.attributes["hours"] >= 5.9 and event.attributes["average_speed_kn"] < 1.5
    near = line(4, t, 36.0, 124.0, 0.7, shore_km=10 * 1.852)
    assert find_loitering(near, p) == []
    trawling = line(4, t, 36.0, 124.0, 3.0, shore_km=40 * 1.852)
    assert find_loitering(trawling, p) == []
    spoofed = Event("spoofing", (4,), int(t[0]), int(t[-1]), 0.0, 0.0)
    assert find_loitering(noisy, p, exclude=[spoofed]) == []


def test_dark_transfer_is_a_lonely_loitering_tanker() -> None:
    p = params().section("dark_transfer")
    loiter = Event("loitering", (4,), T0, T0 + 5 * HOUR, 36.0, 124.0, {"hours": 5.0})
    asked: list[tuple] = []

    def nobody(*args: object) -> int:
        asked.append(args)
        return 0

    [dark] = find_dark_transfers([loiter], 84, nobody, p)
    assert dark.type == "dark_transfer" and asked[0][-1] == p["max_partner_km"]
    assert find_dark_transfers([loiter], 84, lambda *a: 1, p) == []
    assert find_dark_transfers([loiter], 70, nobody, p) == []
    assert ship_category(30) == "fishing" and ship_category(None) == "unknown"


def test_dark_port_call_when_the_port_fits_the_gap() -> None:
    gaz = Gazetteer([PORT, Port("Farport", "JP", 40.0, 140.0)])
    p, port = params().section("dark_port_call"), params().section("port")
    before = line(6, every(T0, T0 + 3 * HOUR, 60), 34.6, 128.6, 10.0, bearing_deg=45)
    start = int(before.t[-1])
    after = line(6, every(start + 14 * HOUR, start + 16 * HOUR, 60), 34.7, 129.3, 10.0)
    [call] = find_dark_port_calls(_concat(before, after), gaz, p, port)
    assert call.attributes["port"] == "Testport"
    assert (call.start, call.end) == (start, start + 14 * HOUR)
    steaming = line(6, every(T0, T0 + 20 * HOUR, 60), 34.0, 126.0, 10.0, bearing_deg=80)
    gap = steaming.t < T0 + 5 * HOUR
    gap |= steaming.t > T0 + 12 * HOUR
    through = make_track(
        6,
        steaming.t[gap],
        steaming.lat[gap],
        steaming.lon[gap],
        speed=steaming.speed[gap],
        shore_km=steaming.shore_km[gap],
    )
    assert find_dark_port_calls(through, gaz, p, port) == []


def _no_land(la: np.ndarray, lo: np.ndarray) -> np.ndarray:
    return np.zeros(la.shape, bool)


def _island(la: np.ndarray, lo: np.ndarray) -> np.ndarray:
    return (np.abs(la - 36.0) < 0.2) & (np.abs(lo - 124.0) < 0.2)


def test_spoofing_teleport_is_one_event() -> None:
    p = params().section("spoofing")
    t = every(T0, T0 + 10 * HOUR, 60)
    track = line(8, t, 36.0, 124.0, 10.0)
    for hours in (2, 7):  # away and back: the excursion is false however long it lasts
        lat = track.lat.copy()
        away = (t >= T0 + 2 * HOUR) & (t < T0 + (2 + hours) * HOUR)
        lat[away] += 3.0
        [event] = find_spoofing(make_track(8, t, lat, track.lon), p, _no_land)
        assert event.attributes["kind"] == "teleport"
        assert (event.start, event.end) == (T0 + 2 * HOUR, T0 + (2 + hours) * HOUR - 60)
        assert event.attributes["fixes"] == hours * 60
    assert find_spoofing(track, p, _no_land) == []


def test_spoofing_one_way_teleport_is_told_by_the_ports() -> None:
    """Moved out to sea until the data ends: the side that calls at a port is the true one;
    with no evidence either way only the jump is reported."""
    p = params().section("spoofing")
    t = every(T0, T0 + 10 * HOUR, 60)
    track = line(8, t, 36.0, 124.0, 0.05)
    lat = track.lat.copy()
    lat[t >= T0 + 3 * HOUR] -= 3.0
    moved = make_track(8, t, lat, track.lon)

    def near_port(la: np.ndarray, lo: np.ndarray) -> np.ndarray:
        return np.abs(la - 36.0) < 0.05

    [event] = find_spoofing(moved, p, _no_land, near_port=near_port)
    assert (event.start, event.end) == (T0 + 3 * HOUR, int(t[-1]))
    [jump] = find_spoofing(moved, p, _no_land)
    assert (jump.start, jump.end) == (T0 + 3 * HOUR - 60, T0 + 3 * HOUR)


def test_spoofing_on_land_needs_a_jump_onto_it() -> None:
    """Put ashore from a berth: spoofing. Sailed onto the mask's land at a plausible speed
    (a canal the 1 km mask fills in, a berth on a land cell): not spoofing."""
    p = params().section("spoofing")
    t = every(T0, T0 + 6 * HOUR, 180)
    lat = np.full(t.size, 36.25)  # alongside, 5 km off the island's edge
    ashore = (t >= T0 + 2 * HOUR) & (t < T0 + 4 * HOUR)
    lat[ashore] = 36.1
    berth = make_track(8, t, lat, np.full(t.size, 124.0), speed=np.zeros(t.size))
    [event] = find_spoofing(berth, p, _island, teleports=False)
    assert event.attributes["kind"] == "on_land"
    assert event.attributes["on_land_fixes"] == int(ashore.sum())
    assert (event.start, event.end) == (T0 + 2 * HOUR, T0 + 4 * HOUR - 180)
    canal = line(8, every(T0, T0 + 6 * HOUR, 600), 36.3, 124.0, 8.0, bearing_deg=180)
    assert _island(canal.lat, canal.lon).sum() > 10
    assert find_spoofing(canal, p, _island) == []
    moored = make_track(8, t[:30], np.full(30, 36.0), np.full(30, 124.0))
    assert find_spoofing(moored, p, _island) == []  # on land from the start, never jumped


def test_draught_change_across_an_event() -> None:
    p = params().section("draught")
    track = make_track(
        3,
        [T0],
        [35.0],
        [129.0],
        draught_t=[T0, T0 + 5 * HOUR, T0 + 9 * HOUR],
        draught_m=[4.0, 9.5, 9.0],
    )
    visit = Event("port_visit", (3,), T0 + HOUR, T0 + 4 * HOUR, 35.0, 129.0, {"port": "X"})
    [change] = find_draught_changes(track, [visit], p)
    assert change.attributes["direction"] == "loaded" and change.attributes["port"] == "X"
    assert change.attributes["change_m"] == 5.5
    assert find_draught_changes(track, [], p) == []
    assert len(find_draught_changes(track, [], {**p, "require_context": False})) == 1


def test_gazetteers_nearest_port() -> None:
    gaz = default_gazetteer()
    assert len(gaz) > 3000
    idx, km = gaz.nearest(np.array([42.75, 0.0]), np.array([133.07, 0.0]), 5.0)
    assert gaz.ports[int(idx[0])].country == "RU" and km[0] < 5.0
    assert idx[1] == -1 and np.isinf(km[1])
    assert any(p.name == "Dunai" for p in gaz.ports)


def test_wpi_gazetteer(shared: Path) -> None:
    gaz = gazetteer_from_wpi_csv(shared / "data/ports/wpi-2023.csv")
    idx, km = gaz.nearest(np.array([38.7167]), np.array([125.40]), 3.0)
    port = gaz.ports[int(idx[0])]
    assert (port.name, port.country, port.wpi, port.locode) == ("Nampo", "KP", 60280, "KPNAM")
    assert km[0] < 0.1
