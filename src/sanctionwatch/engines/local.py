"""The local engine: DuckDB over the workspace's Parquet, kernels on every core.

1. DuckDB spreads positions and static reports over buckets of MMSIs (one scan, written to the
   workspace's scratch folder), sized so a bucket holds about a million positions.
2. A process pool runs each bucket: tracks by MMSI, distance from shore, every per-vessel
   kernel, the encounter grid. Memory is bounded by a bucket per worker.
3. The parent joins the grids (encounters), then applies the rules that need other vessels.
Output order is fixed (type, start, vessels, end), whatever the pool's timing.
"""

from __future__ import annotations

import math
import os
import shutil
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

from sanctionwatch.engines import cross
from sanctionwatch.engines.bucket import BucketResult, run_bucket
from sanctionwatch.engines.identities import identity_rows
from sanctionwatch.engines.kernels import Context, needed
from sanctionwatch.engines.partition import (
    count_positions,
    map_groups,
    map_positions,
    partition_statics,
)
from sanctionwatch.maritime import shore
from sanctionwatch.maritime.encounters import GridPoints
from sanctionwatch.maritime.events import EVENT_TYPES, Event
from sanctionwatch.maritime.params import Params
from sanctionwatch.maritime.ports import Gazetteer, default_gazetteer
from sanctionwatch.workspace.staging import SCRATCH
from sanctionwatch.workspace.workspace import Workspace

POSITIONS_PER_BUCKET = 1_000_000
Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class Detection:
    positions: int
    events: list[Event]
    types: tuple[str, ...]
    seconds: float


def workers() -> int:
    return max(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 1)


def ordered(events: list[Event]) -> list[Event]:
    """Events in a fixed order, one per (type, vessels, start, end)."""
    rank = {kind: i for i, kind in enumerate(EVENT_TYPES)}
    unique: dict[tuple[str, tuple[int, ...], int, int], Event] = {}
    for e in events:
        unique.setdefault((e.type, e.vessels, e.start, e.end), e)
    return sorted(
        unique.values(), key=lambda e: (rank[e.type], e.start, e.vessels, e.end, e.lat, e.lon)
    )


def _run_buckets(
    ws: Workspace, ctx: Context, run: frozenset[str], progress: Progress
) -> list[BucketResult]:
    total = count_positions(ws.store)
    pool_size = workers()
    buckets = max(2 * pool_size, math.ceil(total / POSITIONS_PER_BUCKET))
    scratch = ws.root / SCRATCH / f"detect-{uuid.uuid4().hex[:12]}"
    scratch.mkdir(parents=True)
    try:
        partition_statics(ws.store, scratch, buckets)
        shore.build()  # once here, not in every worker; forked workers then share the imports
        results: list[BucketResult] = []
        with ProcessPoolExecutor(pool_size, mp_context=get_context("fork")) as pool:
            groups = map_groups(ws.store, 2 * pool_size)
            maps = [
                pool.submit(map_positions, group, scratch, buckets, task)
                for task, group in enumerate(groups)
            ]
            for done, mapped in enumerate(maps, 1):
                mapped.result()
                progress("partitioning positions", done, len(maps))
            futures = [pool.submit(run_bucket, scratch, b, ctx, run) for b in range(buckets)]
            for done, future in enumerate(futures, 1):
                results.append(future.result())
                progress("running detectors", done, buckets)
        return results
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def detect(
    ws: Workspace,
    params: Params,
    types: tuple[str, ...],
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
) -> Detection:
    """Events of ``types`` over every position of the workspace; ports from ``gazetteer``
    (default: the one a dependency ships)."""
    started = time.perf_counter()
    report = progress or (lambda _stage, _done, _total: None)
    ports = gazetteer if gazetteer is not None else default_gazetteer()
    run = needed(types)
    results = _run_buckets(ws, Context(params, ports), run, report)
    events = [e for r in results for e in r.events]
    grids = dict(g for r in results for g in r.grids)
    points = GridPoints.of(sorted(grids.items()))
    shiptypes = {k: v for r in results for k, v in r.shiptypes.items()}
    report("joining vessels", 0, 1)
    if "dark_port_call" in run:
        events = cross.without_outages(events, params)
    if "encounter" in run:
        events += cross.encounters(points, params, ports)
    if "dark_transfer" in run:
        loitering = [e for e in events if e.type == "loitering"]
        events += cross.dark_transfers(loitering, grids, points, shiptypes, params)
    if "identity_change" in run:
        events += cross.identity_changes(identity_rows(ws.store), params)
    if "draught_change" in run:
        draughts = {k: v for r in results for k, v in r.draughts.items()}
        events += cross.draught_changes(draughts, grids, events, params)
    report("joining vessels", 1, 1)
    kept = ordered([e for e in events if e.type in types])
    return Detection(sum(r.positions for r in results), kept, types, time.perf_counter() - started)
