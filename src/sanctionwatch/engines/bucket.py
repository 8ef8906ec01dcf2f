"""One bucket of vessels, in a worker process: tracks, the per-vessel kernels, the grid.

What a worker sends back is small: the bucket's events, each vessel's track on the encounter
grid (a point per 10 minutes at most), its draught reports and the ship types it reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.engines.kernels import GRID_TYPES, Context, run_vessel
from sanctionwatch.engines.partition import read_bucket, statics_files
from sanctionwatch.engines.tracks import Statics, read_statics, read_tracks
from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.params import Params
from sanctionwatch.maritime.resample import Grid, resample
from sanctionwatch.maritime.segments import segment_ids
from sanctionwatch.maritime.shore import shore_km
from sanctionwatch.maritime.track import Track

Draughts = tuple[NDArray[np.int64], NDArray[np.float64]]


@dataclass
class BucketResult:
    bucket: int
    positions: int = 0
    events: list[Event] = field(default_factory=list)
    grids: list[tuple[int, Grid]] = field(default_factory=list)
    draughts: dict[int, Draughts] = field(default_factory=dict)
    shiptypes: dict[int, list[int]] = field(default_factory=dict)


def vessel_grid(parts: list[Track], params: Params) -> Grid:
    """The vessel's grid from its track (or the tracks a shared MMSI splits into): never
    interpolated across an implausible jump, one point per slot."""
    interval = round(float(params.get("resample.interval_min")) * 60)
    max_gap = float(params.get("resample.max_gap_h")) * 3600.0
    seg = params.section("segment")
    grids = [
        resample(
            part,
            interval,
            max_gap,
            segment_ids(
                part.t, part.lat, part.lon, seg["max_speed_kn"], seg["max_gap_h"], part.step_km
            ),
        )
        for part in parts
    ]
    if len(grids) == 1:
        return grids[0]
    slot = np.concatenate([g.slot for g in grids])
    order = np.argsort(slot, kind="stable")
    first = order[np.r_[True, np.diff(slot[order]) != 0]]
    return Grid(
        slot[first],
        np.concatenate([g.lat for g in grids])[first],
        np.concatenate([g.lon for g in grids])[first],
        np.concatenate([g.speed for g in grids])[first],
        np.concatenate([g.source_id for g in grids])[first],
    )


def _shiptypes(statics: dict[int, Statics]) -> dict[int, list[int]]:
    return {
        mmsi: sorted({int(x) for x in s.shiptype if x >= 0})
        for mmsi, s in statics.items()
        if (s.shiptype >= 0).any()
    }


def run_bucket(folder: Path, bucket: int, ctx: Context, run: frozenset[str]) -> BucketResult:
    """The per-vessel kernels of ``run`` over the bucket's vessels, and what the cross-vessel
    rules need of each vessel."""
    statics = read_statics(statics_files(folder, bucket))
    result = BucketResult(bucket, shiptypes=_shiptypes(statics))
    want_grid = bool(GRID_TYPES & run)
    for track in read_tracks(read_bucket(folder, bucket), statics, shore_km):
        result.positions += len(track)
        events, parts = run_vessel(track, ctx, run)
        result.events += events
        if want_grid:
            result.grids.append((track.mmsi, vessel_grid(parts, ctx.params)))
        if "draught_change" in run and track.draught_t.size >= 2:
            result.draughts[track.mmsi] = (track.draught_t, track.draught_m)
    return result
