"""POSITIONS rows as numpy columns (``Rows``), and the Arrow columns and tables made of them.

Position rows stay numpy until the last step so that the fast path's rows and the per-line
path's (``slow_rows``) merge into line order cheaply (``merge_rows``); ``positions_of_rows``
then builds the table exactly as pyarrow would from the per-line path's Python values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from sanctionwatch.sources.ais_records import (
    BASE_STATION,
    POSITIONS,
    SAR_AIRCRAFT,
    TIMESTAMP,
    VESSEL,
)
from sanctionwatch.sources.fast_arrays import F64, I64, NO_TIME, Bools

if TYPE_CHECKING:
    from sanctionwatch.sources.nmea_decode import PositionCore

    # The per-line path's position row: (line, time in ms or None, core, FLAG_NO_TIME or 0).
    SlowPosition = tuple[int, int | None, PositionCore, int]

_STATIONS = pa.array([VESSEL, BASE_STATION, SAR_AIRCRAFT], pa.string())
STATION_VESSEL, STATION_BASE, STATION_SAR = 0, 1, 2  # the codes ``fast_fields`` writes


@dataclass(frozen=True)
class Rows:
    """POSITIONS columns of decoded lines (parallel numpy arrays)."""

    index: I64  # 0-based line index in the buffer
    msg_type: npt.NDArray[np.int8]
    station: npt.NDArray[np.int8]
    mmsi: I64
    lat: F64
    lon: F64
    speed: npt.NDArray[np.float32]
    course: npt.NDArray[np.float32]
    heading: npt.NDArray[np.int16]
    status: npt.NDArray[np.int8]
    accuracy: Bools
    flags: npt.NDArray[np.int32]  # with FLAG_NO_TIME where time is NO_TIME
    time: I64
    speed_null: Bools
    course_null: Bools
    heading_null: Bools
    status_null: Bools


_ROW_TYPES = {
    "index": np.int64, "msg_type": np.int8, "station": np.int8, "mmsi": np.int64,
    "lat": np.float64, "lon": np.float64, "speed": np.float32, "course": np.float32,
    "heading": np.int16, "status": np.int8, "accuracy": np.bool_, "flags": np.int32,
    "time": np.int64, "speed_null": np.bool_, "course_null": np.bool_, "heading_null": np.bool_,
    "status_null": np.bool_,
}  # fmt: skip


def slow_rows(slow: Sequence[SlowPosition]) -> Rows:
    """The per-line path's position rows as columns, exactly as pyarrow would store them."""
    if not slow:
        return empty_rows()
    lines, times, cores, flags = zip(*slow, strict=True)
    (mmsi, kind, station, lat, lon, speed, course, heading, status, accuracy,
     core_flags) = zip(*cores, strict=True)  # fmt: skip
    speed_v, speed_null = _nullable_values(speed, np.float64)
    course_v, course_null = _nullable_values(course, np.float64)
    heading_v, heading_null = _nullable_values(heading, np.int64)
    status_v, status_null = _nullable_values(status, np.int64)
    time_v, time_null = _nullable_values(times, np.int64)
    return Rows(
        index=np.array(lines, dtype=np.int64),
        msg_type=np.array(kind, dtype=np.int8),
        station=np.array(station, dtype=np.int8),
        mmsi=np.array(mmsi, dtype=np.int64),
        lat=np.array(lat, dtype=np.float64),
        lon=np.array(lon, dtype=np.float64),
        speed=speed_v.astype(np.float32),
        course=course_v.astype(np.float32),
        heading=heading_v.astype(np.int16),
        status=status_v.astype(np.int8),
        accuracy=np.array(accuracy, dtype=np.bool_),
        flags=np.array(core_flags, dtype=np.int32) | np.array(flags, dtype=np.int32),
        time=np.where(time_null, NO_TIME, time_v),
        speed_null=speed_null,
        course_null=course_null,
        heading_null=heading_null,
        status_null=status_null,
    )


def _nullable_values(
    values: Sequence[float | int | None], dtype: type[np.generic]
) -> tuple[npt.NDArray[np.generic], Bools]:
    null = np.array([v is None for v in values], dtype=np.bool_)
    return np.array([0 if v is None else v for v in values], dtype=dtype), null


def empty_rows() -> Rows:
    return Rows(**{c.name: np.zeros(0, dtype=_ROW_TYPES[c.name]) for c in fields(Rows)})


def new_rows(n: int) -> Rows:
    """``n`` rows to be filled in (values not set)."""
    return Rows(**{c.name: np.empty(n, dtype=_ROW_TYPES[c.name]) for c in fields(Rows)})


def concat_rows(parts: list[Rows]) -> Rows:
    if len(parts) == 1:
        return parts[0]
    columns = {
        column.name: np.concatenate([getattr(rows, column.name) for rows in parts])
        for column in fields(Rows)
    }
    return Rows(**columns)


def merge_rows(parts: list[Rows]) -> Rows:
    """One set of columns in line order from parts each in line order (lines are unique)."""
    parts = [p for p in parts if p.index.size] or parts[:1]
    if len(parts) == 2 and parts[1].index.size < parts[0].index.size:
        parts = parts[::-1]  # the smaller first
    if len(parts) == 2 and _sorted(parts[0].index) and _sorted(parts[1].index):
        return _insert(parts[1], parts[0])
    rows = concat_rows(parts)
    if _sorted(rows.index):
        return rows
    # A counting sort: lines span about a chunk, one slot per line.
    low = int(rows.index.min())
    slot = np.full(int(rows.index.max()) - low + 1, -1, dtype=np.int64)
    slot[rows.index - low] = np.arange(rows.index.size)
    order = slot[slot >= 0]
    return Rows(**{c.name: getattr(rows, c.name)[order] for c in fields(Rows)})


def _sorted(index: I64) -> bool:
    return index.size < 2 or bool((index[1:] > index[:-1]).all())


def _insert(big: Rows, small: Rows) -> Rows:
    """``small``'s rows inserted among ``big``'s, both in line order: the runs of ``big``
    between two insertions are copied whole (few runs when the per-line path's rows are
    few, the usual case)."""
    if small.index.size > 4096:  # many runs: one gather instead
        order = np.argsort(np.concatenate([big.index, small.index]), kind="stable")
        return Rows(
            **{
                c.name: np.concatenate([getattr(big, c.name), getattr(small, c.name)])[order]
                for c in fields(Rows)
            }
        )
    cuts = np.searchsorted(big.index, small.index).tolist()
    total = big.index.size + small.index.size
    columns: dict[str, Any] = {}
    for c in fields(Rows):
        out: npt.NDArray[Any] = np.empty(total, dtype=_ROW_TYPES[c.name])
        whole, extra = getattr(big, c.name), getattr(small, c.name)
        low = 0
        for k, cut in enumerate(cuts):
            out[low + k : cut + k] = whole[low:cut]
            out[cut + k] = extra[k]
            low = cut
        out[low + len(cuts) :] = whole[low:]
        columns[c.name] = out
    return Rows(**columns)


def optional_array(values: npt.NDArray[np.generic], null: Bools | None = None) -> pa.Array:
    """An Arrow array, null where ``null`` is True (no validity buffer when none is)."""
    return pa.array(values, mask=null if null is not None and null.any() else None)


def timestamp_array(time: I64) -> pa.Array:
    """Receive times in ms as the tables' TIMESTAMP, null where NO_TIME."""
    missing = time == NO_TIME
    return pa.array(time, mask=missing if missing.any() else None).view(TIMESTAMP)


def positions_of_rows(rows: Rows) -> pa.Table:
    """The POSITIONS table of ``rows`` (in their order; their flags hold FLAG_NO_TIME where
    their time is NO_TIME)."""
    station = pa.DictionaryArray.from_arrays(pa.array(rows.station), _STATIONS)
    return pa.Table.from_arrays(
        [
            pa.nulls(rows.index.size, pa.int64()),
            pa.array(rows.index),
            pa.array(rows.mmsi),
            timestamp_array(rows.time),
            pa.array(rows.msg_type),
            station,
            pa.array(rows.lat),
            pa.array(rows.lon),
            optional_array(rows.speed, rows.speed_null),
            optional_array(rows.course, rows.course_null),
            optional_array(rows.heading, rows.heading_null),
            optional_array(rows.status, rows.status_null),
            pa.array(rows.accuracy),
            pa.array(rows.flags),
        ],
        schema=POSITIONS,
    )
