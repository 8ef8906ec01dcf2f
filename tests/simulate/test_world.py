"""The real world the simulation stands on: land mask, ports, sea lanes, identities."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import global_land_mask
import numpy as np

from sanctionwatch.simulate.fleet import FLAGS, Registry, imo_number
from sanctionwatch.simulate.geo import haversine_m
from sanctionwatch.simulate.lanes import legs_clear
from sanctionwatch.simulate.ports import BERTH_LIMIT_M, PORTS
from sanctionwatch.simulate.scenarios import NORTHEAST_ASIA, Simulation
from sanctionwatch.simulate.world import World
from sanctionwatch.sources.identifiers import ship_imo_is_valid
from sanctionwatch.sources.mid import flag_of


def _world() -> World:
    return World(NORTHEAST_ASIA, 1_709_251_200, 1_709_337_600)


def test_the_cropped_mask_agrees_with_the_package_cell_for_cell() -> None:
    mask = _world().mask
    rng = np.random.default_rng(0)
    lat = rng.uniform(NORTHEAST_ASIA.lat_min, NORTHEAST_ASIA.lat_max, 200_000)
    lon = rng.uniform(NORTHEAST_ASIA.lon_min, NORTHEAST_ASIA.lon_max, 200_000)
    ours = mask.is_ocean(lat, lon)
    assert 0.3 < ours.mean() < 0.8  # both land and sea in the sample
    assert (ours == ~global_land_mask.is_land(lat, lon)).all()
    assert not mask.is_ocean(np.array([0.0]), np.array([0.0]))[0]  # outside: not navigable


def test_distance_to_shore() -> None:
    mask = _world().mask
    # open East China Sea vs the middle of Korea Bay vs a harbour
    far, bay, harbour = (
        mask.exact_shore_m(*p) for p in ((30.5, 126.0), (39.0, 123.6), (35.09, 129.04))
    )
    assert far > 150_000 and 35_000 < bay < 90_000 and harbour < 3_000
    rough = mask.shore_m(np.array([30.5, 39.0]), np.array([126.0, 123.6]))
    assert (rough >= np.array([min(far, 200_000), bay]) - 1).all()  # the raster never undercuts


def test_port_points_are_the_world_port_index(shared: Path) -> None:
    with (shared / "data/ports/wpi-2023.csv").open(encoding="utf-8") as handle:
        rows = {r["World Port Index Number"]: r for r in csv.DictReader(handle)}
    for port in PORTS:
        if port.wpi is None:
            continue
        row = rows[str(port.wpi)]
        assert (row["Main Port Name"], float(row["Latitude"]), float(row["Longitude"])) == (
            port.name,
            port.lat,
            port.lon,
        )
        assert row["UN/LOCODE"].replace(" ", "") == port.locode


def test_ports_have_berths_and_lie_apart() -> None:
    world = _world()
    lat = np.array([p.lat for p in PORTS])
    lon = np.array([p.lon for p in PORTS])
    apart = haversine_m(lat[:, None], lon[:, None], lat, lon) + np.eye(len(PORTS)) * 1e9
    assert apart.min() > 10_000  # one port's 4 km ring never touches another's
    for port in PORTS:
        berth = world.berth(port.key)
        assert haversine_m(port.lat, port.lon, *berth) <= BERTH_LIMIT_M
        assert not global_land_mask.is_land(*berth)


def test_every_port_connects_to_busan_by_sea() -> None:
    world = _world()
    rng = np.random.default_rng(1)
    for port in PORTS:
        if port.key == "busan":
            continue
        route = world.route(world.berth(port.key), world.berth("busan"), rng, 150.0)
        s = np.arange(0.0, route.length, 50.0)
        lat, lon, _ = route.at(s)
        assert not global_land_mask.is_land(lat, lon).any(), port.key


def test_a_leg_over_land_is_not_clear() -> None:
    mask = _world().mask
    across_korea = legs_clear(mask, np.array([37.0, 37.0]), np.array([124.5, 130.0]), 200.0)
    open_sea = legs_clear(mask, np.array([36.0, 37.0]), np.array([124.0, 124.5]), 200.0)
    assert not across_korea[0] and open_sea[0]


def test_routes_vary_by_voyage_but_not_by_run() -> None:
    world = _world()
    a, b = world.berth("dalian"), world.berth("busan")
    one = world.route(a, b, np.random.default_rng(5), 200.0)
    same = world.route(a, b, np.random.default_rng(5), 200.0)
    other = world.route(a, b, np.random.default_rng(6), 200.0)
    assert np.array_equal(one.lat, same.lat) and not np.array_equal(one.lat, other.lat)


def test_identities_are_valid_and_unique() -> None:
    registry = Registry(np.random.default_rng(0))
    imos = [registry.imo() for _ in range(500)]
    assert len(set(imos)) == 500
    assert all(ship_imo_is_valid(str(n)) and 3_000_000 <= n < 4_000_000 for n in imos)
    assert imo_number(907_472) == 9_074_729  # the textbook example of the check digit
    for flag in FLAGS:
        mmsi = registry.mmsi(flag)
        assert flag_of(mmsi) == flag, (flag, mmsi)  # the project reads the same flag back


def test_no_simulated_ship_is_named_or_numbered_as_a_listed_one(
    shared: Path, sim: Simulation
) -> None:
    """A simulated ship must never screen as a real designated vessel."""
    listed_names, listed_imos = set(), set()
    with (shared / "data/lists/ofac/2024-05-03/sdn.csv").open(encoding="latin-1") as handle:
        for row in csv.reader(handle):
            if len(row) > 11 and row[2] == "vessel":
                listed_names.add(re.sub(r"[\W\d]+", " ", row[1]).strip())
                listed_imos.update(int(n) for n in re.findall(r"IMO (\d{7})", row[11]))
    for hull in sim.hulls:
        for _, ident in hull.identities:
            assert re.sub(r"[\W\d]+", " ", ident.name).strip() not in listed_names, ident.name
            assert ident.imo not in listed_imos
