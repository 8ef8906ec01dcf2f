"""The simulated world: region, land mask, sea lanes, ports, and the period simulated."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from sanctionwatch.simulate.geo import METRES_PER_NM, from_local
from sanctionwatch.simulate.land import LandMask, Region, land_mask
from sanctionwatch.simulate.lanes import LatLon, Route, SeaLanes, legs_clear
from sanctionwatch.simulate.ports import Berths, Port, port


@dataclass(frozen=True)
class Area:
    """A named sea area (a box) where something happens: fishing, transfers."""

    name: str
    lat_min: float
    lat_max: float
    lon_min: float
    lon_max: float
    min_shore_nm: float = 0.0  # points are drawn at least this far from land
    max_shore_nm: float = 1e9


class World:
    def __init__(self, region: Region, start: int, end: int) -> None:
        self.region = region
        self.start = start
        self.end = end
        self.mask: LandMask = land_mask(region)
        self.lanes = _lanes(region)
        self.berths = Berths(self.mask)
        self._berth: dict[str, LatLon] = {}
        self._spots: dict[str, list[LatLon]] = {}
        self._anchorages: dict[str, list[LatLon]] = {}
        self._hub: dict[LatLon, LatLon] = {}

    def port(self, key: str) -> Port:
        return port(key)

    def berth(self, key: str) -> LatLon:
        if key not in self._berth:
            self._berth[key] = self.berths.berth(port(key))
        return self._berth[key]

    def spot(self, key: str, rng: np.random.Generator) -> LatLon:
        """A place alongside in port ``key``."""
        if key not in self._spots:
            self._spots[key] = self.berths.spots(port(key))
            for spot in self._spots[key]:
                self._hub[spot] = self.berth(key)  # spots are in plain view of the berth
        spots = self._spots[key]
        return spots[int(rng.integers(len(spots)))]

    def anchorage(self, key: str, rng: np.random.Generator) -> LatLon | None:
        """A place to anchor off port ``key`` (None when it has no room)."""
        if key not in self._anchorages:
            self._anchorages[key] = self.berths.anchorages(port(key))
        spots = self._anchorages[key]
        return spots[int(rng.integers(len(spots)))] if spots else None

    def route(self, a: LatLon, b: LatLon, rng: np.random.Generator, length_m: float) -> Route:
        """A voyage from ``a`` to ``b`` for a ship ``length_m`` long (bigger ships turn wider
        and keep further from each other's track)."""
        return self.lanes.route(
            a,
            b,
            rng,
            spread_m=min(400.0 + 8.0 * length_m, 2_500.0),
            turn_radius_m=min(300.0 + 8.0 * length_m, 2_500.0),
            hubs=(self._hub.get(a), self._hub.get(b)),
        )

    def shore_nm(self, lat: float, lon: float) -> float:
        """Distance to the nearest land cell in nautical miles (exact, for single points)."""
        return self.mask.exact_shore_m(lat, lon, 150 * METRES_PER_NM) / METRES_PER_NM

    def point_in(self, area: Area, rng: np.random.Generator) -> LatLon:
        """A sea point of ``area`` as far from shore as the area asks (raises if none).

        Candidates are drawn in batches and screened on the approximate distance raster (a
        few per cent long), then the first to pass is confirmed with the exact distance.
        """
        for _ in range(20):
            lat = rng.uniform(area.lat_min, area.lat_max, 64)
            lon = rng.uniform(area.lon_min, area.lon_max, 64)
            rough = self.mask.shore_m(lat, lon) / METRES_PER_NM
            ok = self.mask.is_ocean(lat, lon) & (rough >= area.min_shore_nm)
            ok &= rough <= area.max_shore_nm * 1.1
            for index in np.flatnonzero(ok)[:8]:
                shore = self.shore_nm(float(lat[index]), float(lon[index]))
                if area.min_shore_nm <= shore <= area.max_shore_nm:
                    return float(lat[index]), float(lon[index])
        raise ValueError(f"no point in {area.name} meets its distance from shore")

    def clear_drift(
        self, lat: float, lon: float, v_east: float, v_north: float, seconds: int
    ) -> bool:
        """Does a drift from (lat, lon) stay clear of land for ``seconds``?"""
        end_lat, end_lon = from_local(v_east * seconds, v_north * seconds, lat, lon)
        return bool(
            legs_clear(
                self.mask, np.array([lat, float(end_lat)]), np.array([lon, float(end_lon)]), 400.0
            ).all()
        )


@cache
def _lanes(region: Region) -> SeaLanes:
    # Kept per process: the lanes between two points never change, so later runs reuse them.
    return SeaLanes(land_mask(region))
