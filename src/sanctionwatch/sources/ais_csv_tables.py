"""Typed chunk → canonical AIS tables: positions, statics and quarantine, with flags and account.

Mapping rules for every format: positions (rows with both lat and lon) get msg_type 0 unless the
file has a message type column, station ``vessel`` (by message type where there is one), values
as given, flags as in ``ais_records``. Statics: a row with any identity field (name, IMO, call
sign, ship type, draught, destination, dimensions), de-duplicated by ``ais_csv_dedupe``. An IMO
failing the ship check digit, or not of seven digits (1000000-9999999), is kept and flagged
``FLAG_IMO_INVALID`` (MarineCadastre's IMO column holds 8-10 digit numbers too).

Bad rows are quarantined with reason ``bad_field`` and text ``<column>='<value>' | <line>`` (the
first bad column), beside the lines ``ais_csv_lines`` set aside. Empty times are kept with
``FLAG_NO_TIME``. Account: consumed = rows that gave a position and/or carried identity fields;
ignored: rows with neither (``msg_type_<n>`` where the file has a message type column).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from sanctionwatch.sources.ais_csv_convert import BoolMask, RawRows, TypedFields, convert, mask
from sanctionwatch.sources.ais_csv_dedupe import StaticState, changed_rows
from sanctionwatch.sources.ais_csv_formats import DIMENSIONS, IDENTITY, ColumnSpec
from sanctionwatch.sources.ais_records import (
    BAD_FIELD,
    BASE_STATION,
    FLAG_ANONYMISED_ID,
    FLAG_COURSE_NOT_AVAILABLE,
    FLAG_HEADING_NOT_AVAILABLE,
    FLAG_IMO_INVALID,
    FLAG_MMSI_NOT_9_DIGITS,
    FLAG_NO_TIME,
    FLAG_POSITION_NOT_AVAILABLE,
    FLAG_POSITION_OUT_OF_RANGE,
    FLAG_SPEED_NOT_AVAILABLE,
    POSITIONS,
    QUARANTINE,
    RAW_MESSAGES,
    SAR_AIRCRAFT,
    STATICS,
    TIMESTAMP,
    VESSEL,
    AisBatch,
    LineAccount,
)
from sanctionwatch.sources.identifiers import ship_imo_is_valid

# Type 21 stations are buoys and beacons; ais_records names no kind for them yet.
AID_TO_NAVIGATION = "aid_to_navigation"
_STATIONS = (VESSEL, BASE_STATION, SAR_AIRCRAFT, AID_TO_NAVIGATION)
_STATION_OF_TYPE = {4: 1, 11: 1, 9: 2, 21: 3}  # msg_type → index in _STATIONS

_TEXT_LIMIT = 1000


def to_batch(
    raw: RawRows, spec: ColumnSpec, state: StaticState, account: LineAccount
) -> AisBatch | None:
    """The canonical tables of one chunk (None when it gave nothing); counts it in ``account``."""
    fields = convert(raw, spec)
    first_bad = _first_bad(fields, len(raw.lines))
    good = first_bad < 0
    has_position = good & mask(pc.is_valid(fields.values["lat"]))
    has_identity = good & _identity(fields, spec, len(raw.lines))
    positions = _positions(fields, raw, spec, np.flatnonzero(has_position))
    statics = _statics(fields, raw, spec, np.flatnonzero(has_identity), state)
    quarantine = _quarantine(raw, fields, first_bad)
    _count(account, fields, good, has_position | has_identity, quarantine.num_rows)
    if not (positions.num_rows or statics.num_rows or quarantine.num_rows):
        return None
    return AisBatch(positions, statics, RAW_MESSAGES.empty_table(), quarantine)


def _first_bad(fields: TypedFields, rows: int) -> npt.NDArray[np.int64]:
    """Index into ``fields.bad`` of each row's first bad column; -1 for a good row."""
    first = np.full(rows, -1, dtype=np.int64)
    for index, (_, _, bad) in enumerate(fields.bad):
        first[(first < 0) & bad] = index
    return first


def _identity(fields: TypedFields, spec: ColumnSpec, rows: int) -> BoolMask:
    present = np.zeros(rows, np.bool_)
    for name in IDENTITY:
        if name in fields.values:
            present |= mask(pc.is_valid(fields.values[name]))
    if spec.static_types is not None and "msg_type" in fields.values:
        types = pa.array(spec.static_types, pa.int64())
        present &= mask(pc.is_in(fields.values["msg_type"], value_set=types))
    return present


def _count(
    account: LineAccount, fields: TypedFields, good: BoolMask, used: BoolMask, quarantined: int
) -> None:
    account.consumed += int(used.sum())
    account.messages += int(used.sum())
    if quarantined:
        account.quarantined[BAD_FIELD] += quarantined
    unused = good & ~used
    if not unused.any():
        return
    if "msg_type" not in fields.values:
        account.ignored["no_position_or_static"] += int(unused.sum())
        return
    kinds = pc.filter(fields.values["msg_type"], pa.array(unused))
    for item in pc.value_counts(kinds).to_pylist():
        account.ignored[f"msg_type_{item['values']}"] += item["counts"]


def _take(fields: TypedFields, name: str, index: Any, kind: Any) -> Any:
    if name not in fields.values:
        return pa.nulls(len(index), kind)
    return pc.cast(pc.take(fields.values[name], index), kind)


def _times_of(fields: TypedFields, index: Any) -> Any:
    """Spire splits the time: whole seconds in Time, the rest in Millisecond."""
    times = _take(fields, "time", index, TIMESTAMP)
    if "millisecond" not in fields.values:
        return times
    extra = pc.fill_null(pc.take(fields.values["millisecond"], index), 0)
    return pc.add(times, pc.cast(extra, pa.duration("ms")))


def _positions(
    fields: TypedFields, raw: RawRows, spec: ColumnSpec, rows: npt.NDArray[np.int64]
) -> Any:
    index = pa.array(rows, pa.int64())
    msg_type = pc.fill_null(_take(fields, "msg_type", index, pa.int8()), 0)
    columns = {
        "source_id": pa.nulls(len(rows), pa.int64()),
        "line": pa.array(raw.lines[rows], pa.int64()),
        "mmsi": _take(fields, "mmsi", index, pa.int64()),
        "timestamp": _times_of(fields, index),
        "msg_type": msg_type,
        "station": _stations(msg_type),
        "lat": _take(fields, "lat", index, pa.float64()),
        "lon": _take(fields, "lon", index, pa.float64()),
        "speed": _take(fields, "speed", index, pa.float32()),
        "course": _take(fields, "course", index, pa.float32()),
        "heading": _take(fields, "heading", index, pa.int16()),
        "status": _take(fields, "status", index, pa.int8()),
        "accuracy": _take(fields, "accuracy", index, pa.bool_()),
    }
    flags = _common_flags(columns, spec) | _position_flags(fields, spec, rows, columns)
    columns["flags"] = pa.array(flags, pa.int32())
    return pa.Table.from_pydict(columns, schema=POSITIONS)


def _stations(msg_type: Any) -> Any:
    types = np.asarray(msg_type.to_numpy(zero_copy_only=False))
    codes = np.zeros(len(types), dtype=np.int8)
    for kind, station in _STATION_OF_TYPE.items():
        codes[types == kind] = station
    return pa.DictionaryArray.from_arrays(pa.array(codes, pa.int8()), pa.array(_STATIONS))


def _position_flags(
    fields: TypedFields, spec: ColumnSpec, rows: npt.NDArray[np.int64], columns: dict[str, Any]
) -> npt.NDArray[np.int32]:
    lat = np.asarray(columns["lat"].to_numpy(zero_copy_only=False))
    lon = np.asarray(columns["lon"].to_numpy(zero_copy_only=False))
    unavailable = (lat == 91) | (lon == 181)
    outside = ((np.abs(lat) > 90) & (lat != 91)) | ((np.abs(lon) > 180) & (lon != 181))
    flags = np.where(unavailable, FLAG_POSITION_NOT_AVAILABLE, 0)
    flags |= np.where(outside, FLAG_POSITION_OUT_OF_RANGE, 0)
    checks = (
        ("speed", 102.3, FLAG_SPEED_NOT_AVAILABLE),
        ("heading", 511, FLAG_HEADING_NOT_AVAILABLE),
        ("course", 360.0, FLAG_COURSE_NOT_AVAILABLE),
    )
    for name, code, flag in checks:
        if name not in fields.values:
            continue
        hit = mask(pc.equal(pc.take(fields.values[name], pa.array(rows, pa.int64())), code))
        if spec.na_flags:  # Spire writes these codes as "None"
            hit |= fields.na[name][rows]
        flags |= np.where(hit, flag, 0)
    return flags.astype(np.int32)


def _common_flags(columns: dict[str, Any], spec: ColumnSpec) -> npt.NDArray[np.int32]:
    mmsi = np.asarray(columns["mmsi"].to_numpy(zero_copy_only=False))
    flags = np.where((mmsi < 100_000_000) | (mmsi > 999_999_999), FLAG_MMSI_NOT_9_DIGITS, 0)
    if "anonymised_id" in spec.columns:
        flags |= FLAG_ANONYMISED_ID
    flags |= np.where(mask(pc.is_null(columns["timestamp"])), FLAG_NO_TIME, 0)
    return flags.astype(np.int32)


def _statics(
    fields: TypedFields,
    raw: RawRows,
    spec: ColumnSpec,
    rows: npt.NDArray[np.int64],
    state: StaticState,
) -> Any:
    index = pa.array(rows, pa.int64())
    draught = _take(fields, "draught", index, pa.float64())
    if spec.draught_scale != 1.0:
        draught = pc.multiply(draught, spec.draught_scale)
    columns = {
        "source_id": pa.nulls(len(rows), pa.int64()),
        "line": pa.array(raw.lines[rows], pa.int64()),
        "mmsi": _take(fields, "mmsi", index, pa.int64()),
        "timestamp": _times_of(fields, index),
        "msg_type": pc.fill_null(_take(fields, "msg_type", index, pa.int8()), 0),
        "imo": _take(fields, "imo", index, pa.int64()),
        "name": _take(fields, "name", index, pa.string()),
        "callsign": _take(fields, "callsign", index, pa.string()),
        "shiptype": _take(fields, "shiptype", index, pa.int16()),
        "draught": pc.cast(draught, pa.float32()),
        "destination": _take(fields, "destination", index, pa.string()),
        **{d: _take(fields, d, index, pa.int16()) for d in DIMENSIONS},
    }
    flags = _common_flags(columns, spec) | _imo_flags(columns["imo"])
    columns["flags"] = pa.array(flags, pa.int32())
    table = pa.Table.from_pydict(columns, schema=STATICS)
    if spec.dedupe_statics and table.num_rows:
        table = table.filter(pa.array(changed_rows(table, state)))
    return table


@lru_cache(maxsize=1 << 16)
def _ship_imo(number: int) -> bool:
    # IMO ship numbers have seven significant digits: 12 is no IMO even if "0000012" checks.
    return 10**6 <= number < 10**7 and ship_imo_is_valid(str(number))


def _imo_flags(imo: Any) -> npt.NDArray[np.int32]:
    """FLAG_IMO_INVALID where the number fails the ship check digit (or is not 7 digits)."""
    distinct = [v for v in pc.unique(imo).to_pylist() if v is not None]
    invalid = [v for v in distinct if not _ship_imo(v)]
    hit = mask(pc.is_in(imo, value_set=pa.array(invalid, pa.int64())))
    return np.where(hit, FLAG_IMO_INVALID, 0).astype(np.int32)


def _quarantine(raw: RawRows, fields: TypedFields, first_bad: npt.NDArray[np.int64]) -> Any:
    rows = np.flatnonzero(first_bad >= 0)
    entries = [(int(raw.lines[i]), _bad_text(raw, fields, int(i), int(first_bad[i]))) for i in rows]
    entries = sorted(entries + raw.rejected)
    return pa.Table.from_pydict(
        {
            "source_id": pa.nulls(len(entries), pa.int64()),
            "line": pa.array([line for line, _ in entries], pa.int64()),
            "reason": pa.array([BAD_FIELD] * len(entries), pa.string()),
            "text": pa.array([text[:_TEXT_LIMIT] for _, text in entries], pa.string()),
        },
        schema=QUARANTINE,
    )


def _bad_text(raw: RawRows, fields: TypedFields, row: int, bad: int) -> str:
    name, column, _ = fields.bad[bad]
    value = raw.columns[name][row].as_py()
    return f"{column}='{'' if value is None else value}' | {raw.text(row)}"
