"""One chunk's columns (strings, or Parquet types) → typed canonical values, and bad values.

Conversions are vectorised (pyarrow.compute). A row is bad when its time cannot be parsed, its
MMSI is empty or not an integer, its lat/lon is not a number (or only one of the two is
present), or any other mapped numeric value cannot be held; an empty time is no error. The
format's null tokens (``None``, ``NULL``, ``NaN`` …) in numeric and time columns mean null. IMO
``IMO9234567``/``9234567``; 0 or empty → null.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from sanctionwatch.sources.ais_csv_formats import ColumnSpec
from sanctionwatch.sources.ais_records import TIMESTAMP

_MAX_EXACT = float(2**53)  # beyond this a float no longer holds every integer

# Slash dates are read day first (dd/mm/yyyy, as in European exports); a month-first file
# fails on days above 12 and those rows are quarantined, so a wrong guess cannot pass silently.
_DAY_FIRST = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M")

_NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"

BoolMask = npt.NDArray[np.bool_]


@dataclass
class RawRows:
    """One chunk of input rows: canonical field → Arrow array, with line numbers and texts."""

    columns: dict[str, Any]
    lines: npt.NDArray[np.int64]
    text: Callable[[int], str]  # row index → the row as read, for quarantine
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line, text): unparseable
    blank: int = 0


@dataclass
class TypedFields:
    """Typed values of one chunk, with the columns that failed, in field order."""

    values: dict[str, Any] = field(default_factory=dict)
    na: dict[str, BoolMask] = field(default_factory=dict)  # null tokens meaning "not available"
    bad: list[tuple[str, str, BoolMask]] = field(default_factory=list)  # (field, column, mask)


_INT16 = (-(2.0**15), 2.0**15 - 1)
_INT_RANGES = {
    "mmsi": (-_MAX_EXACT, _MAX_EXACT),
    "msg_type": (0.0, 127.0),
    "millisecond": (0.0, 2.0**31),
    "heading": _INT16,
    "status": (-128.0, 127.0),
    "shiptype": _INT16,
    "to_bow": _INT16,
    "to_stern": _INT16,
    "to_port": _INT16,
    "to_starboard": _INT16,
}
_FLOATS = ("lat", "lon", "speed", "course", "draught")


def convert(raw: RawRows, spec: ColumnSpec) -> TypedFields:
    """Each mapped column typed, with the rows where its value is bad."""
    out = TypedFields()
    for name, array in raw.columns.items():
        if name == "time":
            values, bad = _times(array, spec)
        elif name in _INT_RANGES:
            values, bad, out.na[name] = _ints(array, spec.nulls, *_INT_RANGES[name])
        elif name in _FLOATS:
            values, bad, out.na[name] = _floats(array, spec.nulls)
        elif name == "imo":
            values, bad = _imo(array)
        elif name == "accuracy":
            values, bad = _accuracy(array, spec.nulls)
        else:
            values, bad = _text(array), _none(array)
        if name == "mmsi":  # the key of everything: an empty MMSI is a bad row
            bad = bad | ~mask(pc.is_valid(values))
        out.values[name] = values
        out.bad.append((name, spec.columns[name], bad))
    _half_positions(out, spec)
    return out


def _half_positions(out: TypedFields, spec: ColumnSpec) -> None:
    """A latitude without a longitude (or the reverse) is no position: name the empty one."""
    lat_ok = mask(pc.is_valid(out.values["lat"]))
    lon_ok = mask(pc.is_valid(out.values["lon"]))
    out.bad.append(("lat", spec.columns["lat"], lon_ok & ~lat_ok))
    out.bad.append(("lon", spec.columns["lon"], lat_ok & ~lon_ok))


def is_text(kind: Any) -> bool:
    """Is this Arrow type a string type?"""
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def mask(array: Any) -> BoolMask:
    """A boolean Arrow array as numpy, null as False."""
    values = pc.fill_null(array, False).to_numpy(zero_copy_only=False)
    result: BoolMask = np.asarray(values, dtype=np.bool_)
    return result


def _none(array: Any) -> BoolMask:
    return np.zeros(len(array), np.bool_)


def _floats(array: Any, nulls: tuple[str, ...]) -> tuple[Any, BoolMask, BoolMask]:
    """float64 values, the bad mask, and where a null token (not "") stood."""
    if not is_text(array.type):
        values = pc.cast(array, pa.float64())
        values = pc.if_else(pc.is_nan(values), pa.scalar(None, pa.float64()), values)
        return values, _none(array), _none(array)
    null = pc.is_in(array, value_set=pa.array(nulls, pa.string()))
    token = _none(array)
    if len(nulls) > 1:
        token = mask(null) & mask(pc.not_equal(array, ""))
    try:  # fast path: the whole column is plain numbers
        values = pc.cast(pc.if_else(null, pa.scalar(None, pa.string()), array), pa.float64())
        if pc.all(pc.is_finite(values)).as_py() is not False:
            return values, _none(array), token
    except pa.ArrowInvalid:
        pass
    return _floats_checked(array, nulls)


def _floats_checked(array: Any, nulls: tuple[str, ...]) -> tuple[Any, BoolMask, BoolMask]:
    """Row by row validity (by pattern), for a column holding something else than numbers."""
    text = pc.utf8_trim_whitespace(array)
    token = mask(pc.is_in(text, value_set=pa.array(nulls, pa.string())))
    ok = mask(pc.match_substring_regex(text, _NUMBER))
    values = pc.cast(pc.if_else(pa.array(ok), text, pa.scalar(None, pa.string())), pa.float64())
    given = mask(pc.is_valid(text))
    return values, given & ~ok & ~token, token & mask(pc.not_equal(text, ""))


def _ints(
    array: Any, nulls: tuple[str, ...], low: float, high: float
) -> tuple[Any, BoolMask, BoolMask]:
    """int64 of integral numbers in [low, high] (``95.0`` is 95), bad mask, null-token mask."""
    values, bad, token = _floats(array, nulls)
    inside = pc.and_(pc.greater_equal(values, low), pc.less_equal(values, high))
    fits = mask(pc.and_(pc.equal(pc.floor(values), values), inside))
    bad = bad | (mask(pc.is_valid(values)) & ~fits)
    kept = pc.if_else(pa.array(fits), values, pa.scalar(None, pa.float64()))
    return pc.cast(kept, pa.int64()), bad, token


def _times(array: Any, spec: ColumnSpec) -> tuple[Any, BoolMask]:
    kind = array.type
    if pa.types.is_timestamp(kind) and kind.tz is not None:
        return pc.cast(array, TIMESTAMP, safe=False), _none(array)
    if pa.types.is_timestamp(kind) or pa.types.is_date(kind):  # a naive time is UTC
        return pc.cast(pc.cast(array, pa.timestamp("ms"), safe=False), TIMESTAMP), _none(array)
    text = pc.utf8_trim_whitespace(array)
    null = pc.is_in(text, value_set=pa.array(spec.nulls, pa.string()))
    given = pc.if_else(null, pa.scalar(None, pa.string()), text)
    if spec.time_kind == "spire":
        parsed = pc.strptime(given, format="%Y%m%d_%H%M%S", unit="ms", error_is_null=True)
        values = pc.cast(parsed, TIMESTAMP)
    else:
        values = _iso_times(given)
    return values, mask(pc.is_valid(given)) & ~mask(pc.is_valid(values))


def _iso_times(text: Any) -> Any:
    """ISO 8601 (or day-first slash) strings → UTC: vectorised where the column allows."""
    try:
        return pc.cast(pc.cast(text, pa.timestamp("ms")), TIMESTAMP)  # all naive
    except pa.ArrowInvalid:
        pass
    for layout in _DAY_FIRST:
        parsed = pc.strptime(text, format=layout, unit="ms", error_is_null=True)
        if parsed.null_count == text.null_count:
            return pc.cast(parsed, TIMESTAMP)
    try:
        return pc.cast(text, TIMESTAMP)  # all with a zone
    except pa.ArrowInvalid:
        return pa.array([_iso_ms(v) for v in text.to_pylist()], pa.int64()).cast(TIMESTAMP)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _iso_ms(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // timedelta(milliseconds=1)


def _imo(array: Any) -> tuple[Any, BoolMask]:
    """``IMO9234567``/``9234567`` → int64, 0 → null; other non-empty text is bad."""
    if not is_text(array.type):
        values = pc.cast(array, pa.int64())
        return pc.if_else(pc.equal(values, 0), pa.scalar(None, pa.int64()), values), _none(array)
    text = pc.utf8_trim_whitespace(array)
    digits = pc.replace_substring_regex(text, r"(?i)^IMO\s*", "")
    ok = mask(pc.match_substring_regex(digits, r"^\d{1,18}$"))
    values = pc.cast(pc.if_else(pa.array(ok), digits, pa.scalar(None, pa.string())), pa.int64())
    values = pc.if_else(pc.equal(values, 0), pa.scalar(None, pa.int64()), values)
    given = mask(pc.not_equal(text, ""))
    return values, given & ~ok


def _accuracy(array: Any, nulls: tuple[str, ...]) -> tuple[Any, BoolMask]:
    if pa.types.is_boolean(array.type):
        return array, _none(array)
    values, bad, _ = _ints(array, nulls, 0.0, 1.0)
    return pc.cast(values, pa.bool_()), bad


def _text(array: Any) -> Any:
    """Trailing '@' padding and spaces removed; empty → null."""
    text = pc.utf8_rtrim(pc.cast(array, pa.string()), characters="@ \t")
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
