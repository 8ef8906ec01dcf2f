"""The rules that run after every vessel: dark port calls that were receiver outages (gaps many
vessels around began together), encounters (the grid join), possible dark transfers
(loitering with no one near), draught changes (across any event of the vessel, encounters
included) and identity changes (per MMSI and across MMSIs)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.maritime.dark_port_calls import without_shared_silences
from sanctionwatch.maritime.draught import find_draught_changes
from sanctionwatch.maritime.encounters import (
    EncounterParams,
    GridPoints,
    Neighbours,
    PortDistance,
    find_encounters,
)
from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.identity import (
    IdentityRow,
    find_identity_changes,
    find_imo_on_several_mmsis,
)
from sanctionwatch.maritime.loitering import find_dark_transfers
from sanctionwatch.maritime.params import Params
from sanctionwatch.maritime.ports import Gazetteer
from sanctionwatch.maritime.resample import Grid
from sanctionwatch.maritime.track import Track
from sanctionwatch.maritime.units import Degrees, Kilometres

Draughts = tuple[NDArray[np.int64], NDArray[np.float64]]


def port_distance(gazetteer: Gazetteer, reach_km: float) -> PortDistance:
    """Kilometres to the nearest port of the gazetteer (inf beyond ``reach_km``: only the
    comparison with the threshold matters)."""

    def distance(lat: Degrees, lon: Degrees) -> Kilometres:
        return gazetteer.nearest(lat, lon, reach_km)[1]

    return distance


def without_outages(events: list[Event], params: Params) -> list[Event]:
    """``events`` less the dark port calls whose gap many vessels around began together."""
    calls = [e for e in events if e.type == "dark_port_call"]
    if not calls:
        return events
    gaps = [e for e in events if e.type == "gap"]
    kept = set(map(id, without_shared_silences(calls, gaps, params.section("dark_port_call"))))
    return [e for e in events if e.type != "dark_port_call" or id(e) in kept]


def encounters(points: GridPoints, params: Params, gazetteer: Gazetteer) -> list[Event]:
    p = EncounterParams.of(params.section("resample"), params.section("encounter"))
    return find_encounters(points, p, port_distance(gazetteer, p.min_port_distance_km))


def dark_transfers(
    loitering: Sequence[Event],
    grids: dict[int, Grid],
    points: GridPoints,
    shiptypes: dict[int, list[int]],
    params: Params,
) -> list[Event]:
    """Loitering of the listed ship types with no other vessel seen within reach at any slot
    of the loitering, along the loiterer's own (drifting) track on the grid."""
    interval = round(float(params.get("resample.interval_min")) * 60)
    index = Neighbours(points, interval)

    def partners(mmsi: int, lat: float, lon: float, start: int, end: int, km: float) -> int:
        grid = grids.get(mmsi)
        if grid is None:
            return len(index.near_point(lat, lon, start // interval, end // interval, km, mmsi))
        return len(index.near(mmsi, grid, start, end, km))

    by_vessel: dict[int, list[Event]] = defaultdict(list)
    for event in loitering:
        by_vessel[event.vessels[0]].append(event)
    found = []
    for mmsi, events in sorted(by_vessel.items()):
        types = shiptypes.get(mmsi) or [0]
        found += find_dark_transfers(events, types[-1], partners, params.section("dark_transfer"))
    return found


def _grid_track(mmsi: int, grid: Grid | None, draughts: Draughts, interval: int) -> Track:
    """A vessel's draught reports with its grid points for positions (within a slot)."""
    empty_f, empty_i = np.zeros(0, np.float64), np.zeros(0, np.int64)
    if grid is None:
        return Track(mmsi, empty_i, empty_f, empty_f, empty_f, empty_f, empty_f, empty_i, *draughts)
    n = len(grid)
    nan = np.full(n, np.nan)
    return Track(
        mmsi, grid.slot * interval, grid.lat, grid.lon, grid.speed, nan, nan, grid.source_id,
        *draughts,
    )  # fmt: skip


def draught_changes(
    draughts: dict[int, Draughts],
    grids: dict[int, Grid],
    events: Sequence[Event],
    params: Params,
) -> list[Event]:
    """Draught changes of every vessel that reported two draughts, read against all of its
    other events (gaps, port visits, encounters, ...)."""
    interval = round(float(params.get("resample.interval_min")) * 60)
    context: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        for mmsi in event.vessels:
            context[mmsi].append(event)
    found = []
    for mmsi, series in sorted(draughts.items()):
        track = _grid_track(mmsi, grids.get(mmsi), series, interval)
        found += find_draught_changes(track, context.get(mmsi, []), params.section("draught"))
    return found


def identity_changes(rows: Sequence[IdentityRow], params: Params) -> list[Event]:
    p = params.section("identity")
    by_mmsi: dict[int, list[IdentityRow]] = defaultdict(list)
    for row in rows:
        by_mmsi[row.mmsi].append(row)
    found = []
    for _, own in sorted(by_mmsi.items()):
        found += find_identity_changes(own, p)
    return found + find_imo_on_several_mmsis(rows, p)
