"""Distance from shore and land or sea, for arrays of positions, from global-land-mask's grid.

global-land-mask ships the GLOBE 30 arc-second mask (21600 x 43200 cells, True = ocean) in one
compressed file; importing the package decompresses all of it (~930 MB) in every process. Here
the file is streamed once and two products are cached on disk, then memory-mapped:

- ``land.npy``: the same mask packed eight cells a byte (116 MB), read cell for cell as
  ``global_land_mask.globe.is_land`` reads it (same index arithmetic);
- ``shore.npy``: distance to the nearest land, per 2-arc-minute cell (~3.7 km), in units of
  100 m (uint16). A 2' cell is land when any of its 4 x 4 fine cells is; each sea cell holds
  the distance from its centre to the nearest land cell centre (nearest-seed propagation, so
  errors stay within about a cell: ~2 km, well inside the 20 nm and 50 nm thresholds).

Building takes some seconds once per machine (cache: ``$SANCTIONWATCH_CACHE`` or
``$XDG_CACHE_HOME/sanctionwatch`` or ``~/.cache/sanctionwatch``); a lookup is one compiled read
of the coarse raster (and of the fine mask only next to land).
"""

from __future__ import annotations

import importlib.util
import io
import os
import zipfile
from functools import cache
from pathlib import Path

import numba
import numpy as np
from numpy.typing import NDArray

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.maritime.units import Degrees, Kilometres, Mask

_MASK_FILE = "globe_combined_mask_compressed.npz"
_VERSION = "shore-v1"
_FINE_ROWS, _FINE_COLS = 21600, 43200
_FACTOR = 4  # fine cells per coarse cell along each axis: 30" -> 2'
_ROWS, _COLS = _FINE_ROWS // _FACTOR, _FINE_COLS // _FACTOR
_COARSE_DEG = _FACTOR / 120.0
_UNIT_KM = 0.1  # shore.npy stores distances in units of 100 m
_BLOCK = 240  # fine rows read at a time (a multiple of _FACTOR)


def cache_dir() -> Path:
    """Where the derived rasters live (created on demand)."""
    explicit = os.environ.get("SANCTIONWATCH_CACHE")
    if explicit:
        return Path(explicit) / _VERSION
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sanctionwatch" / _VERSION


def _mask_path() -> Path:
    # find_spec locates the package without importing it (the import loads the whole mask).
    spec = importlib.util.find_spec("global_land_mask")
    if spec is None or not spec.submodule_search_locations:
        raise SanctionwatchError("global-land-mask is not installed (it ships the land mask)")
    return Path(next(iter(spec.submodule_search_locations))) / _MASK_FILE


@numba.njit(cache=True, nogil=True)  # type: ignore[untyped-decorator]
def _propagate(land: NDArray[np.bool_]) -> NDArray[np.uint16]:  # pragma: no cover - numba
    """Distance (100 m units) from each cell centre to the nearest land cell centre.

    Each cell carries the coordinates of its nearest land seed found so far; two raster passes
    (forward and backward, each with a row sweep the other way) hand seeds to neighbours.
    Columns wrap round the antimeridian.
    """
    rows, cols = land.shape
    seed_r = np.full((rows, cols), -1, dtype=np.int16)
    seed_c = np.full((rows, cols), -1, dtype=np.int16)
    best = np.full((rows, cols), np.inf, dtype=np.float32)
    coslat = np.empty(rows, dtype=np.float64)
    for r in range(rows):
        coslat[r] = np.cos(np.radians(90.0 - (r + 0.5) * 2.0 / 60.0))
        for c in range(cols):
            if land[r, c]:
                seed_r[r, c], seed_c[r, c], best[r, c] = r, c, 0.0
    step = 2.0 / 60.0 * 2 * np.pi * 6371.0 / 360.0

    def offer(r: int, c: int, nr: int, nc: int) -> None:
        sr = seed_r[nr, nc]
        if sr < 0:
            return
        sc = seed_c[nr, nc]
        dc = abs(c - sc)
        dc = min(dc, cols - dc)
        mid = 0.5 * (coslat[r] + coslat[sr])
        d = step * np.sqrt((r - sr) ** 2 + (dc * mid) ** 2)
        if d < best[r, c]:
            best[r, c], seed_r[r, c], seed_c[r, c] = d, sr, sc

    for r in range(rows):
        for c in range(cols):
            if r > 0:
                offer(r, c, r - 1, (c - 1) % cols)
                offer(r, c, r - 1, c)
                offer(r, c, r - 1, (c + 1) % cols)
            offer(r, c, r, (c - 1) % cols)
        for c in range(cols - 1, -1, -1):
            offer(r, c, r, (c + 1) % cols)
    for r in range(rows - 1, -1, -1):
        for c in range(cols - 1, -1, -1):
            if r < rows - 1:
                offer(r, c, r + 1, (c - 1) % cols)
                offer(r, c, r + 1, c)
                offer(r, c, r + 1, (c + 1) % cols)
            offer(r, c, r, (c + 1) % cols)
        for c in range(cols):
            offer(r, c, r, (c - 1) % cols)
    out = np.empty((rows, cols), dtype=np.uint16)
    for r in range(rows):
        for c in range(cols):
            out[r, c] = np.uint16(min(best[r, c] / 0.1 + 0.5, 65535.0))
    return out


def _stream_mask() -> tuple[NDArray[np.uint8], NDArray[np.bool_]]:
    """The packed fine land mask and the coarse land mask, in one pass over the file."""
    packed = np.empty((_FINE_ROWS, _FINE_COLS // 8), dtype=np.uint8)
    coarse = np.empty((_ROWS, _COLS), dtype=np.bool_)
    with zipfile.ZipFile(_mask_path()) as archive, archive.open("mask.npy") as stream:
        if np.lib.format.read_magic(stream) != (1, 0):
            raise SanctionwatchError("unexpected land mask format")
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(stream)
        if tuple(shape) != (_FINE_ROWS, _FINE_COLS) or fortran or dtype != np.bool_:
            raise SanctionwatchError("unexpected land mask layout")
        for row in range(0, _FINE_ROWS, _BLOCK):
            block = stream.read(_BLOCK * _FINE_COLS)
            if len(block) != _BLOCK * _FINE_COLS:
                raise SanctionwatchError("the land mask file is truncated")
            land = ~np.frombuffer(block, dtype=np.bool_).reshape(_BLOCK, _FINE_COLS)
            packed[row : row + _BLOCK] = np.packbits(land, axis=1)
            grouped = land.reshape(_BLOCK // _FACTOR, _FACTOR, _COLS, _FACTOR)
            coarse[row // _FACTOR : (row + _BLOCK) // _FACTOR] = grouped.any(axis=(1, 3))
    return packed, coarse


def _axes() -> tuple[float, float, float, float]:
    """First value and step of the mask's latitude and longitude axes."""
    with zipfile.ZipFile(_mask_path()) as archive:
        lat = np.load(io.BytesIO(archive.read("lat.npy")))
        lon = np.load(io.BytesIO(archive.read("lon.npy")))
    return float(lat[0]), float(lat[1] - lat[0]), float(lon[0]), float(lon[1] - lon[0])


def _save(path: Path, array: NDArray[np.generic]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        np.save(handle, array)
    tmp.replace(path)  # atomic: a concurrent reader sees the old file or the whole new one


def build(directory: Path | None = None) -> Path:
    """Build the cached rasters (if missing) and return their folder."""
    folder = directory or cache_dir()
    if (folder / "shore.npy").is_file() and (folder / "land.npy").is_file():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    packed, coarse = _stream_mask()
    _save(folder / "land.npy", packed)
    del packed
    _save(folder / "shore.npy", _propagate(coarse))
    np.save(folder / "axes.npy", np.array(_axes()))
    return folder


@numba.njit(cache=True, nogil=True, inline="always")  # type: ignore[untyped-decorator]
def _fine_land(
    land: NDArray[np.uint8], la: float, lo: float, axes: NDArray[np.float64]
) -> bool:  # pragma: no cover - numba
    # global_land_mask's arithmetic: clip to the axes, then truncate towards zero.
    lat0, dlat, lon0, dlon = axes[0], axes[1], axes[2], axes[3]
    la = min(max(la, lat0 + dlat * (_FINE_ROWS - 1)), lat0)
    lo = min(max(lo, lon0), lon0 + dlon * (_FINE_COLS - 1))
    r = int((la - lat0) / dlat)
    c = int((lo - lon0) / dlon)
    return bool((land[r, c >> 3] >> (7 - (c & 7))) & 1)


@numba.njit(cache=True, nogil=True)  # type: ignore[untyped-decorator]
def _is_land(
    land: NDArray[np.uint8], lat: Degrees, lon: Degrees, axes: NDArray[np.float64]
) -> Mask:  # pragma: no cover - numba
    out = np.zeros(lat.size, np.bool_)
    for i in range(lat.size):
        if np.isfinite(lat[i]) and np.isfinite(lon[i]):
            out[i] = _fine_land(land, lat[i], lon[i], axes)
    return out


@numba.njit(cache=True, nogil=True)  # type: ignore[untyped-decorator]
def _shore_km(
    shore: NDArray[np.uint16],
    land: NDArray[np.uint8],
    lat: Degrees,
    lon: Degrees,
    axes: NDArray[np.float64],
    near: int,
) -> Kilometres:  # pragma: no cover - numba
    """One read of the coarse raster per position; the fine mask only where the coarse cell
    lies within ``near`` units of land (a fine land cell can straddle a coarse sea cell's
    edge by half a fine cell, as global_land_mask truncates from cell centres)."""
    out = np.empty(lat.size, np.float64)
    for i in range(lat.size):
        la, lo = lat[i], lon[i]
        if not (np.isfinite(la) and np.isfinite(lo)):
            out[i] = np.nan
            continue
        r = min(max(int((90.0 - la) / _COARSE_DEG), 0), _ROWS - 1)
        c = min(max(int((lo + 180.0) / _COARSE_DEG), 0), _COLS - 1)
        value = shore[r, c]
        if value <= near and _fine_land(land, la, lo, axes):
            out[i] = 0.0
        else:
            out[i] = value * _UNIT_KM
    return out


class Shore:
    """Memory-mapped land mask and distance raster (one per process: see ``shore()``).

    Lookups are compiled loops (numba): one read of the coarse raster per position, and of
    the fine mask only next to land.
    """

    # coarse cells nearer land than this (100 m units) may hold a fine land cell's edge
    _NEAR = int(2 * _COARSE_DEG * 111.2 / _UNIT_KM)

    def __init__(self, folder: Path) -> None:
        self._land: NDArray[np.uint8] = np.load(folder / "land.npy", mmap_mode="r")
        self._shore: NDArray[np.uint16] = np.load(folder / "shore.npy", mmap_mode="r")
        self._axes = np.ascontiguousarray(np.load(folder / "axes.npy"), dtype=np.float64)

    def is_land(self, lat: Degrees, lon: Degrees) -> Mask:
        """True where global-land-mask says land (NaN positions are not land)."""
        la = np.ascontiguousarray(lat, np.float64).reshape(-1)
        lo = np.ascontiguousarray(lon, np.float64).reshape(-1)
        land: Mask = _is_land(self._land, la, lo, self._axes).reshape(np.shape(lat))
        return land

    def shore_km(self, lat: Degrees, lon: Degrees) -> Kilometres:
        """Kilometres to the nearest land (0 on land; NaN for NaN positions)."""
        la = np.ascontiguousarray(lat, np.float64).reshape(-1)
        lo = np.ascontiguousarray(lon, np.float64).reshape(-1)
        km: Kilometres = _shore_km(self._shore, self._land, la, lo, self._axes, self._NEAR)
        return km.reshape(np.shape(lat))


@cache
def shore() -> Shore:
    """The process's rasters, built on first use."""
    return Shore(build())


def shore_km(lat: Degrees, lon: Degrees) -> Kilometres:
    """Kilometres from each position to the nearest land."""
    return shore().shore_km(lat, lon)


def is_land(lat: Degrees, lon: Degrees) -> Mask:
    """Whether each position lies on land in global-land-mask's mask."""
    return shore().is_land(lat, lon)


__all__ = ["Shore", "build", "cache_dir", "is_land", "shore", "shore_km"]
