"""Ship-to-ship encounters: the cross-vessel join on the encounter grid.

Every vessel's grid points go into one table; points are keyed by (slot, latitude row,
longitude column) with cells at least the encounter distance wide, so two points within that
distance share a slot and lie in the same or neighbouring cells. Sorting by key and looking
only at the 3 x 3 cells around each point finds every close pair in O(n log n) for n grid
points, never comparing all pairs. Pairs make runs (one pair, consecutive slots); runs are
filtered by duration, speed and distance from port, and one pair's runs less than the merge
gap apart become one encounter (DESIGN.md, after Global Fishing Watch).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numba
import numpy as np
from numpy.typing import NDArray

from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.resample import Grid
from sanctionwatch.maritime.units import (
    EARTH_RADIUS_KM,
    Degrees,
    Kilometres,
    haversine_km,
    km_between,
)

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
PortDistance = Callable[[Degrees, Degrees], Kilometres]  # km to the nearest port, per point
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180.0
_MAX_LAT = 85.0  # cells are widened for the highest latitude present, clamped here
Function = TypeVar("Function", bound=Callable[..., Any])


def _kernel(function: Function) -> Function:
    """``function`` compiled by numba (cached in ``__pycache__``); typed as written for mypy.
    Kernels call only njit functions of this module, so the cache sees every change."""
    compiled: Function = numba.njit(cache=True, nogil=True)(function)
    return compiled


@dataclass(frozen=True)
class EncounterParams:
    interval_s: int
    max_distance_km: float
    min_duration_h: float
    max_median_speed_kn: float
    min_port_distance_km: float  # 0 disables
    merge_gap_h: float

    @classmethod
    def of(cls, resample: dict[str, Any], encounter: dict[str, Any]) -> EncounterParams:
        return cls(
            interval_s=round(float(resample["interval_min"]) * 60),
            max_distance_km=float(encounter["max_distance_km"]),
            min_duration_h=float(encounter["min_duration_h"]),
            max_median_speed_kn=float(encounter["max_median_speed_kn"]),
            min_port_distance_km=float(encounter["min_port_distance_km"]),
            merge_gap_h=float(encounter["merge_gap_h"]),
        )


@dataclass(frozen=True)
class GridPoints:
    """Every vessel's grid points together, sorted by (vessel, slot)."""

    vessel: Ints  # MMSI
    slot: Ints
    lat: Floats
    lon: Floats
    speed: Floats
    source_id: Ints

    @classmethod
    def of(cls, grids: Sequence[tuple[int, Grid]]) -> GridPoints:
        ordered = sorted(grids, key=lambda item: item[0])
        parts = [g for _, g in ordered]

        def cat(name: str, dtype: type) -> Any:
            arrays = [getattr(g, name) for g in parts]
            return np.concatenate(arrays).astype(dtype) if arrays else np.zeros(0, dtype)

        vessel = np.concatenate(
            [np.full(len(g), mmsi, dtype=np.int64) for mmsi, g in ordered]
            or [np.zeros(0, np.int64)]
        )
        return cls(
            vessel,
            cat("slot", np.int64),
            cat("lat", np.float64),
            cat("lon", np.float64),
            cat("speed", np.float64),
            cat("source_id", np.int64),
        )

    def __len__(self) -> int:
        return int(self.slot.size)


# --- the close pairs -------------------------------------------------------------------------


@_kernel
def _pairs_kernel(
    keys: Ints,
    order: Ints,
    row: Ints,
    col: Ints,
    lat: Floats,
    lon: Floats,
    vessel: Ints,
    ncol: int,
    cells_per_slot: int,
    max_km: float,
) -> tuple[Ints, Ints]:
    """Point pairs (i, j) within ``max_km``: each unordered pair once (the later cell, or the
    later position in the same cell, finds it)."""
    cap = 1024
    out_i = np.empty(cap, np.int64)
    out_j = np.empty(cap, np.int64)
    count = 0
    n = keys.size
    for s in range(n):
        p = order[s]
        base = keys[s] - (row[p] * ncol + col[p])  # the slot's first key
        for dr in range(-1, 2):
            r = row[p] + dr
            if r < 0:
                continue
            for dc in range(-1, 2):
                c = (col[p] + dc) % ncol
                k = base + r * ncol + c
                if k < keys[s]:
                    continue
                lo = s + 1 if k == keys[s] else np.searchsorted(keys, k)
                q_s = lo
                while q_s < n and keys[q_s] == k:
                    q = order[q_s]
                    if (
                        vessel[q] != vessel[p]
                        and km_between(lat[p], lon[p], lat[q], lon[q]) <= max_km
                    ):
                        if count == cap:
                            cap *= 2
                            grown_i = np.empty(cap, np.int64)
                            grown_j = np.empty(cap, np.int64)
                            grown_i[:count] = out_i[:count]
                            grown_j[:count] = out_j[:count]
                            out_i, out_j = grown_i, grown_j
                        out_i[count] = p
                        out_j[count] = q
                        count += 1
                    q_s += 1
    return out_i[:count], out_j[:count]


def close_pairs(points: GridPoints, max_km: float) -> tuple[Ints, Ints]:
    """Indices (i, j) of points of different vessels in one slot within ``max_km``, with
    ``vessel[i] < vessel[j]``, sorted by (vessel i, vessel j, slot)."""
    if len(points) < 2 or max_km <= 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    lat_cell = max_km / KM_PER_DEGREE
    top = min(float(np.max(np.abs(points.lat))), _MAX_LAT)
    ncol = max(int(360.0 / (lat_cell / math.cos(math.radians(top)))), 1)
    lon_cell = 360.0 / ncol  # a whole number of columns, so they wrap at the antimeridian
    nrow = int(180.0 / lat_cell) + 2
    row = np.clip(np.floor((points.lat + 90.0) / lat_cell).astype(np.int64), 0, nrow - 1)
    col = np.floor((points.lon + 180.0) / lon_cell).astype(np.int64) % ncol
    cells_per_slot = nrow * ncol
    keys = (points.slot - points.slot.min()) * cells_per_slot + row * ncol + col
    order = np.argsort(keys, kind="stable").astype(np.int64)
    i, j = _pairs_kernel(
        keys[order],
        order,
        row,
        col,
        points.lat,
        points.lon,
        points.vessel,
        ncol,
        cells_per_slot,
        max_km,
    )
    swap = points.vessel[i] > points.vessel[j]
    i, j = np.where(swap, j, i), np.where(swap, i, j)
    sort = np.lexsort((points.slot[i], points.vessel[j], points.vessel[i]))
    return i[sort], j[sort]


# --- runs, filters, merging ------------------------------------------------------------------


@_kernel
def _group_stats(
    group: Ints,
    ngroups: int,
    a_speed: Floats,
    b_speed: Floats,
    lat: Floats,
    lon: Floats,
    km: Floats,
) -> tuple[Floats, Floats, Floats, Floats, Floats]:
    """Per group (rows sorted by group): median speed of each vessel, median lat, lon and
    distance."""
    med_a = np.empty(ngroups)
    med_b = np.empty(ngroups)
    med_lat = np.empty(ngroups)
    med_lon = np.empty(ngroups)
    med_km = np.empty(ngroups)
    start = 0
    n = group.size
    for g in range(ngroups):
        stop = start
        while stop < n and group[stop] == g:
            stop += 1
        med_a[g] = np.median(a_speed[start:stop])
        med_b[g] = np.median(b_speed[start:stop])
        med_lat[g] = np.median(lat[start:stop])
        med_lon[g] = np.median(lon[start:stop])
        med_km[g] = np.median(km[start:stop])
        start = stop
    return med_a, med_b, med_lat, med_lon, med_km


@dataclass(frozen=True)
class _Groups:
    """Rows of the pair table in groups (runs, or merged encounters)."""

    id: Ints  # group of each row, rows sorted by it
    first: Ints  # first row of each group
    last: Ints  # last row of each group


def _groups(breaks: NDArray[np.bool_]) -> _Groups:
    """Groups from a mask that is True where a row starts a new group (row 0 included)."""
    gid = np.cumsum(breaks) - 1
    first = np.flatnonzero(breaks)
    last = np.r_[first[1:] - 1, breaks.size - 1].astype(np.int64)
    return _Groups(gid.astype(np.int64), first.astype(np.int64), last)


def _pair_lonlat(points: GridPoints, i: Ints, j: Ints) -> tuple[Floats, Floats]:
    lat = (points.lat[i] + points.lat[j]) / 2.0
    dlon = (points.lon[j] - points.lon[i] + 540.0) % 360.0 - 180.0
    lon = (points.lon[i] + dlon / 2.0 + 540.0) % 360.0 - 180.0
    return lat, lon


def find_encounters(
    points: GridPoints, p: EncounterParams, port_km: PortDistance | None = None
) -> list[Event]:
    """Encounters per DESIGN.md over every vessel's grid points, in (start, vessels) order."""
    i, j = close_pairs(points, p.max_distance_km)
    if i.size == 0:
        return []
    va, vb, slot = points.vessel[i], points.vessel[j], points.slot[i]
    lat, lon = _pair_lonlat(points, i, j)
    km = haversine_km(points.lat[i], points.lon[i], points.lat[j], points.lon[j])
    new_pair = np.r_[True, (va[1:] != va[:-1]) | (vb[1:] != vb[:-1])]
    runs = _groups(new_pair | np.r_[True, np.diff(slot) != 1])
    med_a, med_b, med_lat, med_lon, _ = _group_stats(
        runs.id, runs.first.size, points.speed[i], points.speed[j], lat, lon, km
    )
    hours = (slot[runs.last] - slot[runs.first]) * p.interval_s / 3600.0
    kept = (hours >= p.min_duration_h) & (np.maximum(med_a, med_b) < p.max_median_speed_kn)
    if p.min_port_distance_km > 0 and port_km is not None and runs.first.size:
        kept &= port_km(med_lat, med_lon) >= p.min_port_distance_km
    rows = np.flatnonzero(kept[runs.id])
    if rows.size == 0:
        return []
    # one pair's kept runs less than the merge gap apart become one encounter
    kept_first, kept_last = runs.first[kept], runs.last[kept]
    same_pair = np.r_[False, (va[kept_first[1:]] == va[kept_last[:-1]])
                      & (vb[kept_first[1:]] == vb[kept_last[:-1]])]  # fmt: skip
    apart_s = np.r_[0, slot[kept_first[1:]] - slot[kept_last[:-1]]] * p.interval_s
    merged = _groups(~(same_pair & (apart_s < p.merge_gap_h * 3600.0)))
    run_group = np.full(runs.first.size, -1, dtype=np.int64)
    run_group[np.flatnonzero(kept)] = merged.id
    row_group = run_group[runs.id[rows]]
    ngroups = merged.first.size
    med_a, med_b, med_lat, med_lon, med_km = _group_stats(
        row_group,
        ngroups,
        points.speed[i[rows]],
        points.speed[j[rows]],
        lat[rows],
        lon[rows],
        km[rows],
    )
    bounds = np.r_[0, np.flatnonzero(np.diff(row_group)) + 1, rows.size]
    events = []
    for g in range(ngroups):
        sel = rows[bounds[g] : bounds[g + 1]]
        start_slot, end_slot = int(slot[sel[0]]), int(slot[sel[-1]])
        sources = np.unique(np.r_[points.source_id[i[sel]], points.source_id[j[sel]]])
        events.append(
            Event(
                "encounter",
                (int(va[sel[0]]), int(vb[sel[0]])),
                start_slot * p.interval_s,
                end_slot * p.interval_s,
                float(med_lat[g]),
                float(med_lon[g]),
                {
                    "hours": round((end_slot - start_slot) * p.interval_s / 3600.0, 2),
                    "median_distance_km": round(float(med_km[g]), 3),
                    "median_speed_kn": [round(float(med_a[g]), 2), round(float(med_b[g]), 2)],
                    "points": int(sel.size),
                    "runs": int(np.unique(runs.id[sel]).size),
                },
                frozenset(int(s) for s in sources),
            )
        )
    events.sort(key=lambda e: (e.start, e.vessels, e.end))
    return events


# --- who else was there ----------------------------------------------------------------------


@_kernel
def _near_kernel(
    slot_sorted: Ints,
    vessel: Ints,
    lat: Floats,
    lon: Floats,
    q_slot: Ints,
    q_lat: Floats,
    q_lon: Floats,
    exclude: int,
    max_km: float,
) -> Ints:
    found = np.empty(0, np.int64)
    hits = []
    for k in range(q_slot.size):
        lo = np.searchsorted(slot_sorted, q_slot[k])
        hi = np.searchsorted(slot_sorted, q_slot[k] + 1)
        for m in range(lo, hi):
            if vessel[m] != exclude and km_between(q_lat[k], q_lon[k], lat[m], lon[m]) <= max_km:
                hits.append(vessel[m])
    if len(hits) == 0:
        return found
    return np.unique(np.array(hits, dtype=np.int64))


class Neighbours:
    """Which other vessels were near a place at some slots: the "no visible partner" check of a
    possible dark transfer. Points are indexed by slot, so a query costs the points of its own
    slots only."""

    def __init__(self, points: GridPoints, interval_s: int) -> None:
        self.interval_s = interval_s
        order = np.argsort(points.slot, kind="stable")
        self._slot = points.slot[order]
        self._vessel = points.vessel[order]
        self._lat = points.lat[order]
        self._lon = points.lon[order]

    def near(self, mmsi: int, grid: Grid, start: int, end: int, max_km: float) -> list[int]:
        """MMSIs other than ``mmsi`` within ``max_km`` of ``grid``'s points in [start, end]
        (UTC seconds; ``grid`` is the vessel's own track on the grid)."""
        if self._slot.size == 0 or len(grid) == 0:
            return []
        at = grid.slot * self.interval_s
        keep = (at >= start) & (at <= end)
        found = _near_kernel(
            self._slot,
            self._vessel,
            self._lat,
            self._lon,
            grid.slot[keep],
            grid.lat[keep],
            grid.lon[keep],
            mmsi,
            max_km,
        )
        return [int(v) for v in found]

    def near_point(
        self, lat: float, lon: float, start_slot: int, end_slot: int, max_km: float, exclude: int
    ) -> list[int]:
        """MMSIs other than ``exclude`` within ``max_km`` of one place over slots
        ``start_slot..end_slot``."""
        slots = np.arange(start_slot, end_slot + 1, dtype=np.int64)
        found = _near_kernel(
            self._slot,
            self._vessel,
            self._lat,
            self._lon,
            slots,
            np.full(slots.size, lat),
            np.full(slots.size, lon),
            exclude,
            max_km,
        )
        return [int(v) for v in found]
