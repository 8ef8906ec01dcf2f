"""Port gazetteers and the nearest port to many positions at once.

The default gazetteer is the one a dependency ships: searoute's ``ports.geojson`` (~4,000
ports with UN/LOCODE). The NGA World Port Index (Pub. 150, 2023 edition, CSV) replaces it when
given (``gazetteer_from_wpi_csv``). Either way a short supplement of places open sources report
and neither table holds is added (Dunai, Primorsky Krai, where the 2023-2024 DPRK arms
deliveries were reported), each with its source.

Lookups bucket the ports into cells of ``cell_deg`` degrees held in a dense table (cell ->
ports), so finding the ports within a few km of a position reads a handful of cells: no tree,
linear in positions.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numba
import numpy as np
from numpy.typing import NDArray

from sanctionwatch.errors import InputError
from sanctionwatch.maritime.units import Degrees, Kilometres, haversine_km, km_between

Ints = NDArray[np.int64]


@dataclass(frozen=True)
class Port:
    name: str
    country: str  # ISO 3166 alpha-2 where known (from the UN/LOCODE), else as the source spells it
    lat: float
    lon: float
    locode: str | None = None
    wpi: int | None = None
    source: str = ""


# Places that matter to DPRK monitoring but are in neither table.
SUPPLEMENT: tuple[Port, ...] = (
    Port(
        "Dunai",
        "RU",
        42.883,
        132.35,
        None,
        None,
        "approximate position of the Dunay settlement on Strelok Bay, Primorsky Krai, where "
        "open-source reporting (RUSI, 2023) places DPRK arms deliveries",
    ),
)

# WPI spells countries out; its UN/LOCODE gives the ISO code. These cover rows without one.
_COUNTRY_CODES = {
    "North Korea": "KP",
    "South Korea": "KR",
    "China": "CN",
    "Russia": "RU",
    "Japan": "JP",
    "Taiwan": "TW",
    "Hong Kong": "HK",
    "Mongolia": "MN",
}


@numba.njit(cache=True, nogil=True)  # type: ignore[untyped-decorator]
def _nearest(
    lat: Degrees,
    lon: Degrees,
    port_lat: Degrees,
    port_lon: Degrees,
    offsets: Ints,
    members: Ints,
    cell_deg: float,
    cols: int,
    max_km: float,
) -> tuple[Ints, Kilometres]:  # pragma: no cover - numba
    n = lat.size
    best = np.full(n, -1, np.int64)
    dist = np.full(n, np.inf)
    rows = offsets.size // cols
    reach_r = int(np.ceil(max_km / (cell_deg * 111.19)))
    for i in range(n):
        if np.isnan(lat[i]) or np.isnan(lon[i]):
            continue
        r0 = int((lat[i] + 90.0) / cell_deg)
        c0 = int((lon[i] + 180.0) / cell_deg)
        coslat = max(np.cos(np.radians(lat[i])), 0.01)
        reach_c = int(np.ceil(max_km / (cell_deg * 111.19 * coslat)))
        reach_c = min(reach_c, cols // 2)
        for r in range(max(r0 - reach_r, 0), min(r0 + reach_r, rows - 1) + 1):
            for dc in range(-reach_c, reach_c + 1):
                c = (c0 + dc) % cols
                cell = r * cols + c
                for k in range(offsets[cell], offsets[cell + 1]):
                    j = members[k]
                    if abs(port_lat[j] - lat[i]) * 111.19 > max_km:
                        continue
                    d = km_between(lat[i], lon[i], port_lat[j], port_lon[j])
                    if d <= max_km and d < dist[i]:
                        dist[i], best[i] = d, j
    return best, dist


class Gazetteer:
    """Ports and where they are, with a nearest-port lookup."""

    def __init__(self, ports: list[Port] | tuple[Port, ...], cell_deg: float = 0.25) -> None:
        self.ports = tuple(ports)
        self.lat = np.array([p.lat for p in self.ports], dtype=np.float64)
        self.lon = np.array([p.lon for p in self.ports], dtype=np.float64)
        self.cell_deg = cell_deg
        self._cols = round(360 / cell_deg)
        rows = round(180 / cell_deg) + 1
        r = np.clip(((self.lat + 90.0) / cell_deg).astype(np.int64), 0, rows - 1)
        c = ((self.lon + 180.0) / cell_deg).astype(np.int64) % self._cols
        cell = r * self._cols + c
        order = np.argsort(cell, kind="stable")
        self._members = order.astype(np.int64)
        counts = np.bincount(cell, minlength=rows * self._cols)
        self._offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)

    def __len__(self) -> int:
        return len(self.ports)

    def nearest(self, lat: Degrees, lon: Degrees, max_km: float) -> tuple[Ints, Kilometres]:
        """Index of the nearest port within ``max_km`` of each position (-1: none) and its
        distance (inf: none)."""
        lat = np.ascontiguousarray(lat, dtype=np.float64)
        lon = np.ascontiguousarray(lon, dtype=np.float64)
        if not self.ports:
            return np.full(lat.size, -1, np.int64), np.full(lat.size, np.inf)
        best: Ints
        dist: Kilometres
        best, dist = _nearest(
            lat,
            lon,
            self.lat,
            self.lon,
            self._offsets,
            self._members,
            self.cell_deg,
            self._cols,
            float(max_km),
        )
        return best, dist

    def within(self, lat: float, lon: float, radius_km: float) -> tuple[Ints, Kilometres]:
        """Every port within ``radius_km`` of one position (any radius), nearest first."""
        d = haversine_km(
            np.full(self.lat.size, lat), np.full(self.lat.size, lon), self.lat, self.lon
        )
        idx = np.flatnonzero(d <= radius_km)
        idx = idx[np.argsort(d[idx], kind="stable")]
        return idx.astype(np.int64), d[idx]

    def merged(self, extra: tuple[Port, ...]) -> Gazetteer:
        """This gazetteer plus the ``extra`` ports whose names it lacks."""
        added = [p for p in extra if not any(q.name == p.name for q in self.ports)]
        return Gazetteer([*self.ports, *added], self.cell_deg)


def _iso(locode: str | None, country: str) -> str:
    if locode and len(locode.replace(" ", "")) == 5:
        return locode[:2].upper()
    return _COUNTRY_CODES.get(country, country)


@cache
def searoute_gazetteer() -> Gazetteer:
    """searoute's ports (the dependency's gazetteer) plus the supplement."""
    text = resources.files("searoute").joinpath("data/ports.geojson").read_text(encoding="utf-8")
    ports = []
    for feature in json.loads(text)["features"]:
        lon, lat = feature["geometry"]["coordinates"][:2]
        props = feature["properties"]
        locode = props.get("port") or None
        ports.append(
            Port(
                str(props.get("name", "")),
                _iso(locode, str(props.get("cty", ""))),
                float(lat),
                float(lon),
                locode,
                None,
                "searoute ports.geojson",
            )
        )
    return Gazetteer(ports).merged(SUPPLEMENT)


def default_gazetteer() -> Gazetteer:
    return searoute_gazetteer()


# WPI CSV headers as NGA publishes them, and the schema file's names for the same columns.
_WPI_COLUMNS = {
    "name": ("Main Port Name", "Main_Port_Name"),
    "locode": ("UN/LOCODE", "UN_LOCODE"),
    "country": ("Country Code", "Country_Code"),
    "lat": ("Latitude",),
    "lon": ("Longitude",),
    "wpi": ("World Port Index Number", "WPI_Number"),
}


def gazetteer_from_wpi_csv(path: Path, *, supplement: bool = True) -> Gazetteer:
    """The NGA World Port Index (Pub. 150) from its CSV export, plus the supplement."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        column = {}
        for key, names in _WPI_COLUMNS.items():
            found = next((n for n in names if n in header), None)
            if found is None:
                raise InputError(path, f"not a World Port Index CSV: no {names[0]!r} column")
            column[key] = found
        ports = []
        for line, row in enumerate(reader, start=2):
            try:
                lat, lon = float(row[column["lat"]]), float(row[column["lon"]])
            except ValueError as exc:
                raise InputError(path, f"line {line}: latitude/longitude not numbers") from exc
            locode = row[column["locode"]].strip() or None
            wpi = row[column["wpi"]].strip()
            ports.append(
                Port(
                    row[column["name"]].strip(),
                    _iso(locode, row[column["country"]].strip()),
                    lat,
                    lon,
                    locode.replace(" ", "") if locode else None,
                    int(wpi) if wpi.isdigit() else None,
                    "NGA World Port Index, Pub. 150, 2023",
                )
            )
    gazetteer = Gazetteer(ports)
    return gazetteer.merged(SUPPLEMENT) if supplement else gazetteer
