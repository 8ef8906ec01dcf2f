"""Land and sea from the mask global-land-mask ships (GLOBE 30 arc-second grid, ~1 km).

The package's own import decompresses the whole world (~930 MB); this module streams the same
file and keeps only the scenario's region (a few MB), so a simulation stays small in memory.
Cells are indexed exactly as ``global_land_mask.is_land`` indexes them, so a point is sea here
if and only if the package says it is not land.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.simulate.geo import METRES_PER_DEG_LAT, Bools, Floats, Ints, haversine_m
from sanctionwatch.simulate.grid_kernels import land_distance

_MASK_FILE = "globe_combined_mask_compressed.npz"
_ROWS_PER_READ = 240


@dataclass(frozen=True)
class Region:
    """A box of latitude and longitude (degrees)."""

    lat_min: float
    lat_max: float
    lon_min: float
    lon_max: float


def _mask_path() -> Path:
    # find_spec locates the package without running it (running it loads the whole mask).
    spec = importlib.util.find_spec("global_land_mask")
    if spec is None or not spec.submodule_search_locations:
        raise SanctionwatchError("global-land-mask is not installed (it ships the land mask)")
    return Path(next(iter(spec.submodule_search_locations))) / _MASK_FILE


class LandMask:
    """The sea cells of one region and what can be asked of them."""

    def __init__(self, region: Region) -> None:
        with zipfile.ZipFile(_mask_path()) as archive:
            self._lat_axis = np.load(io.BytesIO(archive.read("lat.npy")))
            self._lon_axis = np.load(io.BytesIO(archive.read("lon.npy")))
            top, left = self._global_index(np.array([region.lat_max]), np.array([region.lon_min]))
            bottom, right = self._global_index(
                np.array([region.lat_min]), np.array([region.lon_max])
            )
            self.row0, self.col0 = int(top[0]), int(left[0])
            self.ocean = _read_rows(
                archive, self.row0, int(bottom[0]) + 1, self.col0, int(right[0]) + 1
            )
        self.region = region

    def _global_index(self, lat: Floats, lon: Floats) -> tuple[Ints, Ints]:
        # The package's own arithmetic (globe.lat_to_index / lon_to_index), to agree cell by cell.
        lat_step = self._lat_axis[1] - self._lat_axis[0]
        lon_step = self._lon_axis[1] - self._lon_axis[0]
        rows = ((lat - self._lat_axis[0]) / lat_step).astype(np.int64)
        cols = ((lon - self._lon_axis[0]) / lon_step).astype(np.int64)
        return rows, cols

    def cells(self, lat: Floats, lon: Floats) -> tuple[Ints, Ints, Bools]:
        """Region-relative (row, col) of each point and whether it lies inside the region."""
        rows, cols = self._global_index(np.asarray(lat, float), np.asarray(lon, float))
        rows -= self.row0
        cols -= self.col0
        inside = (rows >= 0) & (rows < self.ocean.shape[0]) & (cols >= 0)
        inside &= cols < self.ocean.shape[1]
        return rows, cols, inside

    def is_ocean(self, lat: Floats, lon: Floats) -> Bools:
        """True where the point is sea; points outside the region count as land."""
        rows, cols, inside = self.cells(lat, lon)
        result = np.zeros(rows.shape, dtype=np.bool_)
        result[inside] = self.ocean[rows[inside], cols[inside]]
        return result

    def centre(self, rows: Ints, cols: Ints) -> tuple[Floats, Floats]:
        """Latitude and longitude of the centres of region-relative cells."""
        lat = self._lat_axis[rows + self.row0] + (self._lat_axis[1] - self._lat_axis[0]) / 2
        lon = self._lon_axis[cols + self.col0] + (self._lon_axis[1] - self._lon_axis[0]) / 2
        return np.asarray(lat, float), np.asarray(lon, float)

    @cached_property
    def shore_raster(self) -> npt.NDArray[np.float32]:
        """Approximate metres to the nearest land cell, per cell (see ``land_distance``)."""
        lats, _ = self.centre(np.arange(self.ocean.shape[0]), np.zeros(1, dtype=np.int64))
        dy = abs(float(self._lat_axis[1] - self._lat_axis[0])) * METRES_PER_DEG_LAT
        lon_step = float(self._lon_axis[1] - self._lon_axis[0])
        dx = lon_step * METRES_PER_DEG_LAT * np.cos(np.radians(lats))
        return land_distance(self.ocean, dx.astype(np.float64), dy)

    def shore_m(self, lat: Floats, lon: Floats) -> Floats:
        """Approximate metres to shore (0 on land or outside the region)."""
        rows, cols, inside = self.cells(lat, lon)
        result = np.zeros(rows.shape, dtype=np.float64)
        result[inside] = self.shore_raster[rows[inside], cols[inside]]
        return result

    def exact_shore_m(self, lat: float, lon: float, search_m: float = 200_000.0) -> float:
        """Metres from a point to the nearest land cell centre, up to ``search_m``.

        The chamfer raster never underestimates (its paths are no shorter than straight
        lines), so only land within its value (plus a cell) needs looking at.
        """
        rough = float(self.shore_m(np.array([lat]), np.array([lon]))[0])
        reach = min(search_m, rough + 2_000.0)
        half_rows = int(reach / METRES_PER_DEG_LAT * 120) + 1
        half_cols = int(half_rows / max(np.cos(np.radians(lat)), 0.1)) + 1
        rows, cols, _ = self.cells(np.array([lat]), np.array([lon]))
        r0, c0 = max(int(rows[0]) - half_rows, 0), max(int(cols[0]) - half_cols, 0)
        window = self.ocean[r0 : int(rows[0]) + half_rows + 1, c0 : int(cols[0]) + half_cols + 1]
        land_r, land_c = np.nonzero(~window)
        if land_r.size == 0:
            return search_m
        land_lat, land_lon = self.centre(land_r + r0, land_c + c0)
        return float(min(haversine_m(lat, lon, land_lat, land_lon).min(), search_m))


def _read_rows(
    archive: zipfile.ZipFile, first: int, stop: int, col_first: int, col_stop: int
) -> Bools:
    """Rows ``first:stop`` and columns ``col_first:col_stop`` of the mask, streamed."""
    with archive.open("mask.npy") as stream:
        version = np.lib.format.read_magic(stream)
        if version != (1, 0):
            raise SanctionwatchError(f"unexpected land mask format {version}")
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(stream)
        if fortran or dtype != np.bool_ or len(shape) != 2:
            raise SanctionwatchError("unexpected land mask layout")
        width = int(shape[1])
        out = np.empty((stop - first, col_stop - col_first), dtype=np.bool_)
        row = 0
        while row < stop:
            count = min(_ROWS_PER_READ, stop - row)
            block = stream.read(count * width)
            if len(block) != count * width:
                raise SanctionwatchError("the land mask file is truncated")
            if row + count > first:
                rows = np.frombuffer(block, dtype=np.bool_).reshape(count, width)
                low = max(first - row, 0)
                out[row + low - first : row + count - first] = rows[low:, col_first:col_stop]
            row += count
    return out


@cache
def land_mask(region: Region) -> LandMask:
    """The mask of ``region``, read once per process."""
    return LandMask(region)
