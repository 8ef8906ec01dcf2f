"""One bucket's rows as per-vessel inputs: ``Track``s (fixes by time) and static reports."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from numpy.typing import NDArray

from sanctionwatch.maritime.track import Track

_STATIC_COLUMNS = ("mmsi", "t", "draught", "imo", "name", "callsign", "shiptype", "source_id")


@dataclass(frozen=True)
class Statics:
    """One MMSI's static reports by time (values as reported; NaN / None / -1 when absent)."""

    mmsi: int
    t: NDArray[np.int64]
    draught: NDArray[np.float64]
    imo: NDArray[np.int64]  # -1 when absent
    name: list[str | None]
    callsign: list[str | None]
    shiptype: NDArray[np.int64]  # -1 when absent
    source_id: NDArray[np.int64]


def _read(files: list[Path], columns: tuple[str, ...]) -> pa.Table | None:
    if not files:
        return None
    return pa.concat_tables(pq.read_table(f, columns=list(columns)) for f in files)


def _floats(table: pa.Table, name: str) -> NDArray[np.float64]:
    column = table[name].cast(pa.float64()).fill_null(np.nan)
    values: NDArray[np.float64] = column.to_numpy()
    return values


def _ints(table: pa.Table, name: str, fill: int = -1) -> NDArray[np.int64]:
    values: NDArray[np.int64] = table[name].cast(pa.int64()).fill_null(fill).to_numpy()
    return values


def _runs(keys: NDArray[np.int64]) -> Iterator[tuple[int, int, int]]:
    """(key, first, stop) of each run of equal keys in a sorted array."""
    if keys.size == 0:
        return
    bounds = np.r_[0, np.flatnonzero(np.diff(keys)) + 1, keys.size]
    for a, b in itertools.pairwise(bounds):
        yield int(keys[a]), int(a), int(b)


def read_statics(files: list[Path]) -> dict[int, Statics]:
    table = _read(files, _STATIC_COLUMNS)
    if table is None or table.num_rows == 0:
        return {}
    mmsi, t = _ints(table, "mmsi"), _ints(table, "t")
    source = _ints(table, "source_id")
    order = np.lexsort((source, t, mmsi))
    table = table.take(pa.array(order))
    mmsi, t, source = mmsi[order], t[order], source[order]
    draught, imo, shiptype = (
        _floats(table, "draught"),
        _ints(table, "imo"),
        _ints(table, "shiptype"),
    )
    names: list[Any] = table["name"].to_pylist()
    callsigns: list[Any] = table["callsign"].to_pylist()
    return {
        key: Statics(
            key,
            t[a:b],
            draught[a:b],
            imo[a:b],
            names[a:b],
            callsigns[a:b],
            shiptype[a:b],
            source[a:b],
        )
        for key, a, b in _runs(mmsi)
    }


def read_tracks(
    records: NDArray[np.void],
    statics: dict[int, Statics],
    shore_km: Any,
) -> Iterator[Track]:
    """The bucket's tracks by MMSI; ``shore_km(lat, lon)`` fills each fix's distance from
    shore (one vectorised call for the whole bucket). Ties in time keep (source, line) order,
    so the result does not depend on how the files were read."""
    if records.size == 0:
        return
    order = np.lexsort((records["line"], records["source_id"], records["t"], records["mmsi"]))
    # one contiguous gather per column (taking whole records, then columns, costs twice that)
    mmsi = records["mmsi"][order]
    t = records["t"][order]
    source = records["source_id"][order]
    lat = records["lat"][order]
    lon = records["lon"][order]
    speed = records["speed"][order].astype(np.float64)
    course = records["course"][order].astype(np.float64)
    del records, order
    shore = np.asarray(shore_km(lat, lon), dtype=np.float64)
    no_draught = (np.zeros(0, np.int64), np.zeros(0, np.float64))
    for key, a, b in _runs(mmsi):
        static = statics.get(key)
        if static is not None:
            has = np.isfinite(static.draught) & (static.draught > 0)
            d_t, d_m = static.t[has], static.draught[has]
        else:
            d_t, d_m = no_draught
        yield Track(
            key, t[a:b], lat[a:b], lon[a:b], speed[a:b], course[a:b], shore[a:b], source[a:b],
            d_t, d_m,
        )  # fmt: skip
