"""The real ports the simulated ships call at, and where in them a ship lies.

Positions are the port points of the NGA World Port Index (Pub. 150, 2023 edition; WPI number
and UN/LOCODE given), except Dunai, which the WPI lacks (an approximate position of the
Dunay settlement on Strelok Bay, Primorsky Krai, where open-source reporting places the DPRK
arms deliveries of 2023-2024). A port point often lies on land in the 1 km land mask, so a ship
lies at the nearest sea cell (its berth, within 3 km of the port point: a port visit by
DESIGN.md's definition) or at a spot near it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.simulate.geo import haversine_m
from sanctionwatch.simulate.grid_kernels import flood
from sanctionwatch.simulate.land import LandMask

WPI_SOURCE = "NGA World Port Index, Pub. 150, 2023 edition"
BERTH_LIMIT_M = 2_800.0  # a berth further than this from the port point is no visit
_SPOT_RADIUS_M = 1_200.0
_SPOTS = 12
_SEA_BOX = 60  # cells (~50 km) around a port searched for the water its berth connects to


@dataclass(frozen=True)
class Port:
    key: str  # short stable name used in scenarios and truth
    name: str  # as the WPI spells it
    country: str  # ISO 3166 alpha-2
    lat: float
    lon: float
    wpi: int | None  # World Port Index number
    locode: str | None


# fmt: off
PORTS: tuple[Port, ...] = (
    # DPRK
    Port("nampo", "Nampo", "KP", 38.716667, 125.4, 60280, "KPNAM"),
    Port("chongjin", "Ch'ongjin", "KP", 41.766667, 129.816667, 60500, "KPCHO"),
    Port("rajin", "Najin", "KP", 42.233333, 130.3, 60510, "KPRJN"),
    Port("hungnam", "Hungnam", "KP", 39.833333, 127.616667, 60450, "KPHGM"),
    Port("wonsan", "Wonsan", "KP", 39.166667, 127.45, 60440, "KPWON"),
    Port("haeju", "Haeju Hang", "KP", 38.0, 125.7, 60310, "KPHAE"),
    Port("kimchaek", "Kimch'aek", "KP", 40.666667, 129.2, 60480, "KPSON"),
    # Russia
    Port("vostochny", "Vostochnyy", "RU", 42.75, 133.083333, 60725, "RUVYP"),
    Port("nakhodka", "Nakhodka", "RU", 42.8, 132.883333, 60730, "RUNJK"),
    Port("vladivostok", "Vladivostok", "RU", 43.10888889, 131.8883333, 60610, "RUVVO"),
    Port("zarubino", "Zarubino", "RU", 42.633333, 131.083333, 60582, "RUZAR"),
    Port("posyet", "Pos'yet", "RU", 42.65, 130.8, 60540, "RUPSE"),
    Port("dunai", "Dunai", "RU", 42.883, 132.35, None, None),
    # China
    Port("dalian", "Dalian", "CN", 38.916667, 121.666667, 60250, "CNDAL"),
    Port("dandong", "Dandong", "CN", 39.816667, 124.15, 60233, "CNDDZ"),
    Port("yantai", "Yantai", "CN", 37.55, 121.45, 60160, "CNYTG"),
    Port("longkou", "Longkou Gang", "CN", 37.633333, 120.283333, 60170, "CNLKU"),
    Port("qingdao", "Qingdao Gang", "CN", 36.033333, 120.266667, 60140, "CNQIN"),
    Port("tianjin", "Tianjin Xin Gang", "CN", 38.966667, 117.833333, 60190, "CNTXG"),
    Port("rizhao", "Rizhao", "CN", 35.383333, 119.566667, 60133, "CNRZH"),
    Port("lianyungang", "Lianyungang", "CN", 34.733333, 119.45, 60130, "CNLYG"),
    Port("weihai", "Weihai", "CN", 37.5, 122.1, 60150, "CNWEG"),
    Port("qinhuangdao", "Qinhuangdao", "CN", 39.933333, 119.616667, 60200, "CNSHP"),
    Port("zhoushan", "Zhoushan", "CN", 30.0, 122.1, 59960, "CNZOS"),
    # Republic of Korea
    Port("busan", "Busan", "KR", 35.1, 129.033333, 60390, "KRPUS"),
    Port("incheon", "Inchon", "KR", 37.466667, 126.616667, 60320, "KRINC"),
    Port("ulsan", "Ulsan", "KR", 35.45, 129.4, 60400, "KRUSN"),
    Port("gwangyang", "Gwangyang Hang", "KR", 34.85, 127.8, 60376, "KRKAN"),
    Port("pyeongtaek", "Pyeongtaek Hang", "KR", 37.0, 126.8, 60325, "KRPTK"),
    Port("mokpo", "Mokpo", "KR", 34.783333, 126.383333, 60340, "KRMOK"),
    Port("pohang", "Pohang", "KR", 36.05, 129.383333, 60410, "KRKPO"),
    Port("donghae", "Tonghae", "KR", 37.533333, 129.15, 60431, "KRTGA"),
    Port("gunsan", "Kunsan", "KR", 35.983333, 126.616667, 60330, "KRKUV"),
    # Japan
    Port("niigata", "Niigata Ko", "JP", 37.916667, 139.05, 61870, "JPKIJ"),
    Port("toyama", "Fushiki-Toyama", "JP", 36.766667, 137.133333, 61850, "JPFTX"),
    Port("sakaiminato", "Sakaiminato", "JP", 35.533333, 133.233333, 61760, "JPSMN"),
    Port("maizuru", "Maizuru Ko", "JP", 35.516667, 135.333333, 61800, "JPMAI"),
    Port("hakata", "Hakata", "JP", 33.6, 130.4, 62430, "JPHKT"),
    Port("tsuruga", "Tsuruga Ko", "JP", 35.65, 136.066667, 61810, "JPTRG"),
)
# fmt: on
PORTS_BY_KEY = {port.key: port for port in PORTS}


def port(key: str) -> Port:
    try:
        return PORTS_BY_KEY[key]
    except KeyError:
        raise SanctionwatchError(f"unknown port {key!r}") from None


class Berths:
    """Where ships lie in each port: the berth (nearest sea cell) and spots around it."""

    def __init__(self, mask: LandMask) -> None:
        self.mask = mask

    @cached_property
    def _eroded(self) -> np.ndarray:
        # Sea cells whose eight neighbours are sea too: a berth there has room to swing.
        ocean = self.mask.ocean
        eroded = ocean.copy()
        eroded[1:-1, 1:-1] &= (
            ocean[:-2, :-2]
            & ocean[:-2, 1:-1]
            & ocean[:-2, 2:]
            & ocean[1:-1, :-2]
            & ocean[1:-1, 2:]
            & ocean[2:, :-2]
            & ocean[2:, 1:-1]
            & ocean[2:, 2:]
        )
        return eroded

    def _near(self, lat: float, lon: float, radius_m: float) -> tuple[np.ndarray, ...]:
        rows, cols, inside = self.mask.cells(np.array([lat]), np.array([lon]))
        if not inside[0]:
            raise SanctionwatchError(f"({lat}, {lon}) lies outside the simulated region")
        reach = int(radius_m / 600) + 2
        grid_r, grid_c = np.mgrid[-reach : reach + 1, -reach : reach + 1]
        cand_r = np.clip(grid_r.ravel() + rows[0], 0, self.mask.ocean.shape[0] - 1)
        cand_c = np.clip(grid_c.ravel() + cols[0], 0, self.mask.ocean.shape[1] - 1)
        cand_lat, cand_lon = self.mask.centre(cand_r, cand_c)
        dist = haversine_m(lat, lon, cand_lat, cand_lon)
        return cand_r, cand_c, cand_lat, cand_lon, dist

    def _open_sea(self, where: Port) -> np.ndarray:
        """Which cells of the mask around the port connect to its open water."""
        rows, cols, _ = self.mask.cells(np.array([where.lat]), np.array([where.lon]))
        r0, c0 = max(int(rows[0]) - _SEA_BOX, 0), max(int(cols[0]) - _SEA_BOX, 0)
        box = np.ascontiguousarray(
            self.mask.ocean[r0 : int(rows[0]) + _SEA_BOX + 1, c0 : int(cols[0]) + _SEA_BOX + 1]
        )
        shore = self.mask.shore_raster[r0 : r0 + box.shape[0], c0 : c0 + box.shape[1]]
        seed = np.unravel_index(int(np.argmax(shore)), shore.shape)
        connected = np.zeros(self.mask.ocean.shape, dtype=np.bool_)
        connected[r0 : r0 + box.shape[0], c0 : c0 + box.shape[1]] = flood(
            box, int(seed[0]), int(seed[1])
        )
        return connected

    def berth(self, where: Port) -> tuple[float, float]:
        """The sea cell centre nearest the port point that connects to open water,
        preferring cells with sea all round."""
        cand_r, cand_c, cand_lat, cand_lon, dist = self._near(where.lat, where.lon, BERTH_LIMIT_M)
        connected = self._open_sea(where)[cand_r, cand_c]
        for grid in (self._eroded, self.mask.ocean):
            ok = grid[cand_r, cand_c] & (dist <= BERTH_LIMIT_M) & connected
            if ok.any():
                best = int(np.flatnonzero(ok)[np.argmin(dist[ok])])
                return float(cand_lat[best]), float(cand_lon[best])
        raise SanctionwatchError(f"port {where.name}: no sea within {BERTH_LIMIT_M:.0f} m")

    def spots(self, where: Port) -> list[tuple[float, float]]:
        """Up to a dozen places to lie in the port: sea cells near the berth, in plain view of
        it (the last hop from the berth is straight) and close enough to count as in port."""
        from sanctionwatch.simulate.lanes import segment_clear  # lanes imports this module

        lat0, lon0 = self.berth(where)
        cand_r, cand_c, cand_lat, cand_lon, dist = self._near(lat0, lon0, _SPOT_RADIUS_M)
        to_port = haversine_m(where.lat, where.lon, cand_lat, cand_lon)
        ok = self._open_sea(where)[cand_r, cand_c]  # reachable from sea without cutting corners
        ok &= (dist <= _SPOT_RADIUS_M) & (to_port < BERTH_LIMIT_M)
        order = np.flatnonzero(ok)[np.argsort(dist[ok], kind="stable")]
        found = [(lat0, lon0)]
        for index in order:
            spot = (float(cand_lat[index]), float(cand_lon[index]))
            if spot != (lat0, lon0) and segment_clear(self.mask, (lat0, lon0), spot, 0.0):
                found.append(spot)
            if len(found) >= _SPOTS:
                break
        return found

    def anchorages(
        self, where: Port, others: tuple[Port, ...] = PORTS
    ) -> list[tuple[float, float]]:
        """Up to eight anchoring spots off the port: open water 5.5-8 km from the port point
        (outside the 4 km a port visit ends at, inside the 10 km encounters are ignored
        within) and at least 4.5 km from every other port point."""
        cand_r, cand_c, cand_lat, cand_lon, dist = self._near(where.lat, where.lon, 8_000.0)
        ok = (dist >= 5_500.0) & (dist <= 8_000.0) & self._open_sea(where)[cand_r, cand_c]
        ok &= self.mask.shore_raster[cand_r, cand_c] >= 800.0
        for other in others:
            ok &= haversine_m(other.lat, other.lon, cand_lat, cand_lon) >= 4_500.0
        order = np.flatnonzero(ok)
        shore = self.mask.shore_raster[cand_r[order], cand_c[order]]
        order = order[np.argsort(-shore, kind="stable")]
        picked: list[tuple[float, float]] = []
        for index in order:
            spot = (float(cand_lat[index]), float(cand_lon[index]))
            if all(haversine_m(spot[0], spot[1], p[0], p[1]) > 600.0 for p in picked):
                picked.append(spot)
            if len(picked) >= 8:
                break
        return picked
