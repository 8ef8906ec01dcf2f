"""Readers for decoded AIS from providers: MarineCadastre, Spire-style and generic CSV, Parquet.

API::

    detect_format(path: Path, head: bytes) -> str
    read_provider(path: Path, fmt: str | None = None, *, batch_rows: int = 500_000,
                  shown_as: Path | None = None) -> tuple[Iterator[AisBatch], LineAccount]

``read_provider`` checks the file and its header at once (``InputError`` naming the path for an
empty, binary or header-less file, or a forced format whose columns are missing), then returns a
lazy iterator of ``AisBatch`` (positions, statics, empty raw, quarantine) and the ``LineAccount``
that the iterator fills: it is complete (and ``balanced()``) once the iterator is exhausted.
Each batch covers at most ``batch_rows`` input lines (CSV) or rows (Parquet), so memory is bounded
by the batch size whatever the file size.

CSV files are cut into chunks of whole lines here (so every row knows its 1-based line number and
its raw text), and each chunk is parsed by ``pyarrow.csv`` as strings; conversions are vectorised
(pyarrow.compute). DuckDB's CSV reader was no faster on these files and cannot give good rows
their line numbers. A row is one line: a line with an unclosed quote is quarantined (``quote not
closed``) rather than allowed to swallow the next lines; the providers' files hold no quoted
newlines. Lines that are not UTF-8 are read as Latin-1. A header naming a mapped column twice is
refused. Parquet has no lines: ``line`` is the 1-based row number and there is no header line.

Formats (canonical field ← column):

- ``marinecadastre`` (NOAA/BOEM): MMSI, BaseDateTime (ISO, UTC), LAT, LON, SOG, COG, Heading,
  Status, VesselName, IMO (``IMO9234567``), CallSign, VesselType → shiptype, Draft → draught (m).
  Length/Width/Cargo/TransceiverClass have no place in the canonical tables (Length and Width
  are overall sizes, not the to_bow/to_stern/to_port/to_starboard offsets) and are not read.
- ``spire`` (Spire-style export, 139 columns): MMSI, Message_ID → msg_type (and station: 4/11
  base station, 9 SAR aircraft, 21 aid to navigation, else vessel), Time (``20210701_185151``,
  UTC) + Millisecond, Latitude, Longitude, SOG, COG, Heading, Navigational_status, Accuracy,
  Vessel_Name, IMO, Call_sign, Ship_Type, Draught (raw AIS decimetres → metres), Destination,
  Dimension_to_*. Its decoder writes the AIS "not available" codes (SOG 102.3, COG 360, heading
  511) as ``None``: those become null with the matching not-available flag. Statics come only
  from the ship static messages 5, 19 and 24; rows with neither a position nor a static
  (types 6, 8, 12, 20, 25, 26 …) are ignored as ``msg_type_<n>``.
- ``generic`` CSV and ``parquet``: column names matched case-insensitively with ``_``, ``-`` and
  spaces removed: mmsi; timestamp|time|datetime|basedatetime; lat|latitude; lon|long|lng|
  longitude (these four required); sog|speed; cog|course; heading; status|navstatus;
  msgtype|messagetype; accuracy; name|vesselname|shipname; imo; callsign; shiptype|vesseltype;
  draught|draft; destination; tobow; tostern; toport; tostarboard (the first spelling present
  wins). Times are ISO 8601 (Parquet: also timestamp/date types; a bare number is refused, its
  unit unknown); a time without zone is UTC. ``None``/``NULL``/``NaN``/``NA`` in numeric
  columns mean null.

Mapping rules for every format: positions (rows with both lat and lon) get msg_type 0 unless the
file has a message type column, station ``vessel``, values as given, flags as in ``ais_records``.
Statics: a row with any identity field (name, IMO, call sign, ship type, draught, destination,
dimensions). For the row-per-report formats (MarineCadastre, generic, Parquet) those fields are
repeated on every row, so a static row is emitted only when the (mmsi, name, imo, callsign,
shiptype, draught, destination, dimensions) tuple differs from the previous one emitted for that
MMSI in the file (the workspace aggregates identities anyway); Spire rows are separate messages
and each gives its own static row. IMO ``IMO9234567``/``9234567``; 0 or empty → null; a number
failing the ship check digit, or not of seven digits (1000000-9999999), is kept and flagged
``FLAG_IMO_INVALID`` (MarineCadastre's IMO column holds 8-10 digit numbers too).

Bad rows are quarantined with reason ``bad_field`` and text ``<column>='<value>' | <line>``: an
unparseable time, an MMSI that is not an integer, a lat/lon that is not a number (or only one of
the two present), any other mapped numeric value that cannot be held, or a wrong number of fields
(``field count: expected N, got M | <line>``). Empty times are kept with ``FLAG_NO_TIME``. Account:
lines = header + data lines; consumed = rows that gave a position and/or carried identity fields;
ignored ``header``, ``blank`` and rows with neither; quarantined by reason.

``suez-2021-03-evergiven.csv`` (``ID,ais_pos_timestamp,longitude,latitude``) is refused: its
``ID`` is an anonymised vessel number, not an MMSI, and storing it as one would mix it with real
MMSIs; the error names the missing ``mmsi`` column.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from sanctionwatch.errors import InputError
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

FORMATS = ("marinecadastre", "spire", "generic", "parquet")
# Type 21 stations are buoys and beacons; ais_records names no kind for them yet.
AID_TO_NAVIGATION = "aid_to_navigation"
_STATIONS = (VESSEL, BASE_STATION, SAR_AIRCRAFT, AID_TO_NAVIGATION)
_STATION_OF_TYPE = {4: 1, 11: 1, 9: 2, 21: 3}  # msg_type → index in _STATIONS
_SPIRE_STATIC_TYPES = (5, 19, 24)

_HEAD_BYTES = 1 << 16
_GZIP_MAGIC = b"\x1f\x8b"
_READ_BLOCK = 1 << 22
_TEXT_LIMIT = 1000
_MAX_EXACT = float(2**53)  # beyond this a float no longer holds every integer

_REQUIRED = ("mmsi", "time", "lat", "lon")
_DIMENSIONS = ("to_bow", "to_stern", "to_port", "to_starboard")
# Identity fields: a row with any of them gives a static row; together they are the dedupe key.
_IDENTITY = ("name", "imo", "callsign", "shiptype", "draught", "destination", *_DIMENSIONS)

_MARINECADASTRE = {
    "mmsi": "MMSI",
    "time": "BaseDateTime",
    "lat": "LAT",
    "lon": "LON",
    "speed": "SOG",
    "course": "COG",
    "heading": "Heading",
    "status": "Status",
    "name": "VesselName",
    "imo": "IMO",
    "callsign": "CallSign",
    "shiptype": "VesselType",
    "draught": "Draft",
}
_SPIRE = {
    "mmsi": "MMSI",
    "msg_type": "Message_ID",
    "time": "Time",
    "millisecond": "Millisecond",
    "lat": "Latitude",
    "lon": "Longitude",
    "speed": "SOG",
    "course": "COG",
    "heading": "Heading",
    "status": "Navigational_status",
    "accuracy": "Accuracy",
    "name": "Vessel_Name",
    "imo": "IMO",
    "callsign": "Call_sign",
    "shiptype": "Ship_Type",
    "draught": "Draught",
    "destination": "Destination",
    "to_bow": "Dimension_to_Bow",
    "to_stern": "Dimension_to_stern",
    "to_port": "Dimension_to_port",
    "to_starboard": "Dimension_to_starboard",
}
_SPIRE_REQUIRED = ("mmsi", "msg_type", "time", "lat", "lon")
# Generic names, compared after _normalise; the first alias present wins.
_GENERIC = {
    "mmsi": ("mmsi",),
    "time": ("timestamp", "time", "datetime", "basedatetime", "postimestamp", "aispostimestamp"),
    "lat": ("lat", "latitude"),
    "lon": ("lon", "long", "lng", "longitude"),
    "speed": ("sog", "speed"),
    "course": ("cog", "course"),
    "heading": ("heading",),
    "status": ("status", "navstatus", "navigationalstatus"),
    "msg_type": ("msgtype", "messagetype"),
    "accuracy": ("accuracy",),
    "name": ("name", "vesselname", "shipname"),
    "imo": ("imo",),
    "callsign": ("callsign",),
    "shiptype": ("shiptype", "vesseltype"),
    "draught": ("draught", "draft"),
    "destination": ("destination",),
    "to_bow": ("tobow",),
    "to_stern": ("tostern",),
    "to_port": ("toport",),
    "to_starboard": ("tostarboard",),
}

# Without an mmsi column, a vessel id column (anonymised data, e.g. VesselsValue's "ID")
# keys the tracks; every row is flagged FLAG_ANONYMISED_ID so it is never taken for an MMSI.
_ANONYMISED_ID = ("id", "vesselid", "shipid")
# Slash dates are read day first (dd/mm/yyyy, as in European exports); a month-first file
# fails on days above 12 and those rows are quarantined, so a wrong guess cannot pass silently.
_DAY_FIRST = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M")

_NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
_EMPTY_ONLY = ("",)
_SPIRE_NULLS = ("", "None")
_GENERIC_NULLS = ("", "None", "none", "NULL", "null", "NaN", "nan", "NA")

BoolMask = npt.NDArray[np.bool_]


# --- format detection ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    """How one file's columns map onto the canonical fields."""

    fmt: str
    columns: dict[str, str]  # canonical field → column name in the file
    nulls: tuple[str, ...]  # strings meaning "no value" in numeric and time columns
    time_kind: str = "iso"  # "iso" or "spire"
    na_flags: bool = False  # a null token in speed/course/heading means "not available"
    draught_scale: float = 1.0
    dedupe_statics: bool = True
    static_types: tuple[int, ...] | None = None


def detect_format(path: Path, head: bytes) -> str:
    """The provider format of a file from its first bytes; InputError when none matches."""
    if head.startswith(b"PAR1"):
        return "parquet"
    names = _header_names(path, head)
    for fmt in ("marinecadastre", "spire"):
        if not _missing(fmt, names):
            return fmt
    missing = _missing("generic", names)
    if not missing:
        return "generic"
    raise InputError(
        path,
        f"header matches no AIS provider format (MarineCadastre, Spire-style, generic); "
        f"generic needs column(s) {', '.join(missing)}: header is {', '.join(names)[:300]}",
        field=missing[0],
    )


def _header_names(path: Path, head: bytes) -> list[str]:
    if not head.strip():
        raise InputError(path, "empty file: no header")
    if b"\x00" in head or head.startswith((_GZIP_MAGIC, b"PK\x03\x04")):
        raise InputError(path, "binary or compressed file, not a CSV of AIS positions")
    first = head.split(b"\n", 1)[0].rstrip(b"\r")
    text = _decode(first).lstrip("\ufeff")
    names = [name.strip() for name in next(csv.reader([text]), [])]
    if not any(names):
        raise InputError(path, "no header on line 1")
    return names


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _normalise(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name).lower()


def _missing(fmt: str, names: list[str]) -> list[str]:
    """Required columns of ``fmt`` that ``names`` lacks (file spelling, or generic aliases)."""
    if fmt in ("generic", "parquet"):
        found = _generic_columns(names)
        return [_generic_label(f) for f in _REQUIRED if f not in found]
    table = _MARINECADASTRE if fmt == "marinecadastre" else _SPIRE
    required = _REQUIRED if fmt == "marinecadastre" else _SPIRE_REQUIRED
    lower = {n.lower() for n in names}
    return [table[f] for f in required if table[f].lower() not in lower]


def _generic_label(canonical: str) -> str:
    """``mmsi``, or the accepted spellings (``timestamp|time|…``) of a generic column."""
    return "|".join(_GENERIC[canonical])


def _generic_columns(names: list[str]) -> dict[str, str]:
    by_norm: dict[str, str] = {}
    for name in names:
        by_norm.setdefault(_normalise(name), name)
    found: dict[str, str] = {}
    for canonical, aliases in _GENERIC.items():
        for alias in aliases:
            if alias in by_norm:
                found[canonical] = by_norm[alias]
                break
    if "mmsi" not in found:
        for alias in _ANONYMISED_ID:
            if alias in by_norm:
                found["mmsi"] = by_norm[alias]
                found["anonymised_id"] = by_norm[alias]
                break
    return found


def _spec(path: Path, fmt: str, names: list[str]) -> _Spec:
    missing = _missing(fmt, names)
    if missing:
        raise InputError(
            path,
            f"not a {fmt} file: missing column(s) {', '.join(missing)}",
            field=missing[0],
        )
    spec = _mapping(fmt, names)
    normalised = [_normalise(n) for n in names]
    for column in spec.columns.values():
        if normalised.count(_normalise(column)) > 1:  # which one is meant would be a guess
            raise InputError(path, f"column {column} appears twice in the header", field=column)
    return spec


def _mapping(fmt: str, names: list[str]) -> _Spec:
    if fmt in ("generic", "parquet"):
        return _Spec(fmt, _generic_columns(names), _GENERIC_NULLS)
    exact = {n.lower(): n for n in names}
    table = _MARINECADASTRE if fmt == "marinecadastre" else _SPIRE
    columns = {f: exact[c.lower()] for f, c in table.items() if c.lower() in exact}
    if fmt == "marinecadastre":
        return _Spec(fmt, columns, _EMPTY_ONLY)
    return _Spec(
        fmt,
        columns,
        _SPIRE_NULLS,
        time_kind="spire",
        na_flags=True,
        draught_scale=0.1,  # raw AIS draught is in decimetres
        dedupe_statics=False,
        static_types=_SPIRE_STATIC_TYPES,
    )


# --- entry point ---------------------------------------------------------------------------


def read_provider(
    path: Path,
    fmt: str | None = None,
    *,
    batch_rows: int = 500_000,
    shown_as: Path | None = None,
) -> tuple[Iterator[AisBatch], LineAccount]:
    """Batches of canonical AIS from a provider file, and the account the batches fill.

    ``fmt`` None detects the format; a given ``fmt`` is checked against the header. A gzip
    compressed CSV is read as its content. Errors name ``shown_as`` (default ``path``): the
    caller may read a staged copy of the file the user named.
    """
    name = shown_as or path
    if fmt is not None and fmt not in FORMATS:
        raise InputError(name, f"unknown AIS provider format {fmt!r} (one of {', '.join(FORMATS)})")
    if batch_rows < 1:
        raise ValueError("batch_rows must be positive")
    head = _read_head(path, name)
    detected = detect_format(name, head) if fmt is None else fmt
    account = LineAccount()
    if detected == "parquet" or head.startswith(b"PAR1"):
        if detected != "parquet":
            raise InputError(name, f"a Parquet file, not {detected} CSV")
        schema = _parquet_schema(path, name)
        spec = _spec(name, "parquet", list(schema.names))
        _check_parquet_types(name, schema, spec)
        return _parquet_batches(path, spec, batch_rows, account), account
    names = _header_names(name, head)
    spec = _spec(name, detected, names)
    return _csv_batches(path, name, spec, names, batch_rows, account), account


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


def _open(path: Path) -> _Readable:
    """The file's bytes, decompressed when it is gzip."""
    with path.open("rb") as probe:
        compressed = probe.read(2) == _GZIP_MAGIC
    return gzip.open(path, "rb") if compressed else path.open("rb")


def _read_head(path: Path, name: Path) -> bytes:
    try:
        handle = _open(path)
        try:
            return handle.read(_HEAD_BYTES)
        finally:
            handle.close()
    except (OSError, EOFError) as error:
        reason = getattr(error, "strerror", None) or error
        raise InputError(name, f"cannot read: {reason}") from error


# --- raw rows from the file ----------------------------------------------------------------


@dataclass
class _Raw:
    """One chunk of input rows: canonical field → Arrow array, with line numbers and texts."""

    columns: dict[str, Any]
    lines: npt.NDArray[np.int64]
    text: Callable[[int], str]  # row index → the row as read, for quarantine
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line, text): unparseable
    blank: int = 0


def _csv_batches(
    path: Path, name: Path, spec: _Spec, names: list[str], batch_rows: int, account: LineAccount
) -> Iterator[AisBatch]:
    account.lines += 1
    account.ignored["header"] += 1
    state = _StaticState()
    handle = _open(path)
    try:
        handle.readline()
        first = 2
        for chunk in _line_chunks(handle, batch_rows, name):
            raw = _parse_chunk(name, chunk, first, names, spec)
            count = chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)
            account.lines += count
            first += count
            if raw.blank:
                account.ignored["blank"] += raw.blank
            batch = _to_batch(raw, spec, state, account)
            if batch is not None:
                yield batch
    finally:
        handle.close()


def _line_chunks(handle: _Readable, batch_rows: int, name: Path) -> Iterator[bytes]:
    """Whole lines, at most ``batch_rows`` per chunk, read in bounded blocks."""
    buffer = bytearray()
    newlines = 0
    eof = False
    while True:
        while newlines < batch_rows and not eof:
            try:
                block = handle.read(_READ_BLOCK)
            except (OSError, EOFError) as error:  # e.g. a truncated gzip stream
                raise InputError(name, f"unreadable after {newlines} lines: {error}") from error
            eof = not block
            buffer += block
            newlines += block.count(b"\n")
        if not buffer:
            return
        cut = len(buffer)
        if newlines >= batch_rows:
            ends = np.flatnonzero(np.frombuffer(buffer, dtype=np.uint8) == 10)
            cut = int(ends[batch_rows - 1]) + 1
        chunk = bytes(buffer[:cut])
        del buffer[:cut]
        newlines -= chunk.count(b"\n")
        yield chunk


def _parse_chunk(name: Path, chunk: bytes, first: int, names: list[str], spec: _Spec) -> _Raw:
    """Parse whole lines as strings; line ``first + i`` is line ``i`` of the chunk."""
    chunk = _utf8(chunk)
    starts, ends = _line_bounds(chunk)

    def text(index: int) -> str:
        return chunk[starts[index] : ends[index]].decode("latin-1").rstrip("\r\n")

    # A line with an odd number of quotes would swallow the lines after it: set it aside.
    open_quote = np.flatnonzero(_odd_quotes(chunk, starts, ends))
    parsed = np.delete(np.arange(len(starts), dtype=np.int64), open_quote)
    body = chunk
    if len(open_quote):
        body = b"".join(chunk[starts[i] : ends[i]] for i in parsed)
    table, invalid = _read_strings(body, names, spec)
    rows = np.delete(parsed, np.array([n - 1 for n, _ in invalid], dtype=np.int64))
    if table.num_rows != len(rows):  # cannot happen with one row per line; never guess
        raise InputError(name, "CSV rows do not match lines", line=first)
    blank = _blank(chunk, starts, ends, rows)
    keep = rows[~blank]
    if blank.any():
        table = table.filter(pa.array(~blank))
    columns = {f: table.column(c).combine_chunks() for f, c in spec.columns.items()}
    rejected = [(int(i) + first, f"quote not closed | {text(int(i))}") for i in open_quote]
    for number, actual in invalid:
        index = int(parsed[number - 1])
        message = f"field count: expected {len(names)}, got {actual}"
        rejected.append((index + first, f"{message} | {text(index)}"))
    return _Raw(columns, keep + first, lambda i: text(int(keep[i])), rejected, int(blank.sum()))


def _read_strings(body: bytes, names: list[str], spec: _Spec) -> tuple[Any, list[tuple[int, int]]]:
    """The mapped columns as strings, and (line in body, field count) of rows that don't fit."""
    invalid: list[tuple[int, int]] = []

    def on_invalid(row: Any) -> str:
        invalid.append((row.number, row.actual_columns))
        return "skip"

    wanted = list(dict.fromkeys(spec.columns.values()))
    if not body:  # every line of the chunk was set aside
        return pa.table({c: pa.array([], pa.string()) for c in wanted}), invalid
    table = pacsv.read_csv(
        io.BytesIO(body),
        # single-threaded: the invalid-row handler then knows each row's number
        read_options=pacsv.ReadOptions(column_names=names, use_threads=False),
        parse_options=pacsv.ParseOptions(invalid_row_handler=on_invalid, ignore_empty_lines=False),
        convert_options=pacsv.ConvertOptions(
            include_columns=wanted,
            column_types=dict.fromkeys(wanted, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    return table, invalid


def _utf8(chunk: bytes) -> bytes:
    """The chunk as UTF-8: lines that are not UTF-8 are taken as Latin-1."""
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError:
        return b"".join(_decode(line).encode("utf-8") for line in chunk.splitlines(keepends=True))
    return chunk


def _line_bounds(chunk: bytes) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    ends = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == 10).astype(np.int64) + 1
    if not chunk.endswith(b"\n"):
        ends = np.append(ends, np.int64(len(chunk)))
    starts = np.concatenate(([0], ends[:-1])).astype(np.int64)
    return starts, ends


def _odd_quotes(
    chunk: bytes, starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]
) -> BoolMask:
    if b'"' not in chunk:
        return np.zeros(len(starts), np.bool_)
    quotes = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == 34)
    per_line = np.searchsorted(quotes, ends) - np.searchsorted(quotes, starts)
    odd: BoolMask = per_line % 2 == 1
    return odd


def _blank(
    chunk: bytes,
    starts: npt.NDArray[np.int64],
    ends: npt.NDArray[np.int64],
    rows: npt.NDArray[np.int64],
) -> BoolMask:
    """Which parsed rows are empty lines (pyarrow reads those as rows of empty strings)."""
    short: BoolMask = (ends[rows] - starts[rows]) <= 2
    for position in np.flatnonzero(short):
        line = rows[position]
        short[position] = not chunk[starts[line] : ends[line]].strip(b"\r\n")
    return short


def _parquet_schema(path: Path, name: Path) -> Any:
    try:
        return pq.read_schema(path)
    except (pa.ArrowException, OSError) as error:
        raise InputError(name, f"unreadable Parquet file: {error}") from error


def _parquet_batches(
    path: Path, spec: _Spec, batch_rows: int, account: LineAccount
) -> Iterator[AisBatch]:
    state = _StaticState()
    wanted = list(dict.fromkeys(spec.columns.values()))
    first = 1
    with pq.ParquetFile(path) as parquet:
        for record_batch in parquet.iter_batches(batch_size=batch_rows, columns=wanted):
            rows = record_batch.num_rows
            account.lines += rows  # a Parquet "line" is a row, numbered from 1
            columns = {f: record_batch.column(c) for f, c in spec.columns.items()}
            lines = np.arange(first, first + rows, dtype=np.int64)
            first += rows
            raw = _Raw(columns, lines, _row_text(record_batch))
            batch = _to_batch(raw, spec, state, account)
            if batch is not None:
                yield batch


def _check_parquet_types(name: Path, schema: Any, spec: _Spec) -> None:
    """Refuse column types with no honest reading (a bare-number time: unit and epoch unknown)."""
    for canonical, column in spec.columns.items():
        kind = schema.field(column).type
        if canonical == "time":
            fits = pa.types.is_timestamp(kind) or pa.types.is_date(kind) or _is_text(kind)
        else:
            fits = _is_text(kind) or pa.types.is_integer(kind) or pa.types.is_floating(kind)
            fits = fits or (canonical == "accuracy" and pa.types.is_boolean(kind))
        if not fits:
            raise InputError(name, f"column {column} has type {kind}", field=column)


def _row_text(record_batch: Any) -> Callable[[int], str]:
    def text(index: int) -> str:
        row = record_batch.slice(index, 1).to_pylist()[0]
        return ", ".join(f"{k}={'' if v is None else v}" for k, v in row.items())

    return text


# --- conversion of one chunk ---------------------------------------------------------------


@dataclass
class _Fields:
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


def _convert(raw: _Raw, spec: _Spec) -> _Fields:
    out = _Fields()
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
            bad = bad | ~_mask(pc.is_valid(values))
        out.values[name] = values
        out.bad.append((name, spec.columns[name], bad))
    _half_positions(out, spec)
    return out


def _half_positions(out: _Fields, spec: _Spec) -> None:
    """A latitude without a longitude (or the reverse) is no position: name the empty one."""
    lat_ok = _mask(pc.is_valid(out.values["lat"]))
    lon_ok = _mask(pc.is_valid(out.values["lon"]))
    out.bad.append(("lat", spec.columns["lat"], lon_ok & ~lat_ok))
    out.bad.append(("lon", spec.columns["lon"], lat_ok & ~lon_ok))


def _is_text(kind: Any) -> bool:
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def _mask(array: Any) -> BoolMask:
    """A boolean Arrow array as numpy, null as False."""
    values = pc.fill_null(array, False).to_numpy(zero_copy_only=False)
    result: BoolMask = np.asarray(values, dtype=np.bool_)
    return result


def _none(array: Any) -> BoolMask:
    return np.zeros(len(array), np.bool_)


def _floats(array: Any, nulls: tuple[str, ...]) -> tuple[Any, BoolMask, BoolMask]:
    """float64 values, the bad mask, and where a null token (not "") stood."""
    if not _is_text(array.type):
        values = pc.cast(array, pa.float64())
        values = pc.if_else(pc.is_nan(values), pa.scalar(None, pa.float64()), values)
        return values, _none(array), _none(array)
    null = pc.is_in(array, value_set=pa.array(nulls, pa.string()))
    token = _none(array)
    if len(nulls) > 1:
        token = _mask(null) & _mask(pc.not_equal(array, ""))
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
    token = _mask(pc.is_in(text, value_set=pa.array(nulls, pa.string())))
    ok = _mask(pc.match_substring_regex(text, _NUMBER))
    values = pc.cast(pc.if_else(pa.array(ok), text, pa.scalar(None, pa.string())), pa.float64())
    given = _mask(pc.is_valid(text))
    return values, given & ~ok & ~token, token & _mask(pc.not_equal(text, ""))


def _ints(
    array: Any, nulls: tuple[str, ...], low: float, high: float
) -> tuple[Any, BoolMask, BoolMask]:
    """int64 of integral numbers in [low, high] (``95.0`` is 95), bad mask, null-token mask."""
    values, bad, token = _floats(array, nulls)
    inside = pc.and_(pc.greater_equal(values, low), pc.less_equal(values, high))
    fits = _mask(pc.and_(pc.equal(pc.floor(values), values), inside))
    bad = bad | (_mask(pc.is_valid(values)) & ~fits)
    kept = pc.if_else(pa.array(fits), values, pa.scalar(None, pa.float64()))
    return pc.cast(kept, pa.int64()), bad, token


def _times(array: Any, spec: _Spec) -> tuple[Any, BoolMask]:
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
    return values, _mask(pc.is_valid(given)) & ~_mask(pc.is_valid(values))


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
    if not _is_text(array.type):
        values = pc.cast(array, pa.int64())
        return pc.if_else(pc.equal(values, 0), pa.scalar(None, pa.int64()), values), _none(array)
    text = pc.utf8_trim_whitespace(array)
    digits = pc.replace_substring_regex(text, r"(?i)^IMO\s*", "")
    ok = _mask(pc.match_substring_regex(digits, r"^\d{1,18}$"))
    values = pc.cast(pc.if_else(pa.array(ok), digits, pa.scalar(None, pa.string())), pa.int64())
    values = pc.if_else(pc.equal(values, 0), pa.scalar(None, pa.int64()), values)
    given = _mask(pc.not_equal(text, ""))
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


# --- batch assembly ------------------------------------------------------------------------


class _StaticState:
    """The last identity tuple kept per MMSI in one file (an Arrow table: mmsi + _IDENTITY)."""

    def __init__(self) -> None:
        self.kept: Any = None

    def differs(self, heads: Any) -> BoolMask:
        """For one row per MMSI: does it differ from the row kept before (or is it new)?"""
        if self.kept is None:
            return np.ones(heads.num_rows, np.bool_)
        heads = heads.append_column("_row", pa.array(np.arange(heads.num_rows), pa.int64()))
        joined = heads.join(self.kept, keys="mmsi", join_type="left outer", right_suffix="_kept")
        result = ~_mask(pc.is_valid(joined.column("_seen")))
        for name in _IDENTITY:
            result |= _differs(joined.column(name), joined.column(f"{name}_kept"))
        ordered = np.zeros(heads.num_rows, np.bool_)
        ordered[np.asarray(joined.column("_row").to_numpy())] = result
        return ordered

    def update(self, tails: Any) -> None:
        tails = tails.append_column("_seen", pa.array(np.ones(tails.num_rows, np.bool_)))
        if self.kept is not None:
            stale = pc.is_in(self.kept.column("mmsi"), value_set=tails.column("mmsi"))
            tails = pa.concat_tables([self.kept.filter(pc.invert(stale)), tails])
        self.kept = tails.combine_chunks()  # one chunk, however many batches came before


def _to_batch(raw: _Raw, spec: _Spec, state: _StaticState, account: LineAccount) -> AisBatch | None:
    fields = _convert(raw, spec)
    first_bad = _first_bad(fields, len(raw.lines))
    good = first_bad < 0
    has_position = good & _mask(pc.is_valid(fields.values["lat"]))
    has_identity = good & _identity(fields, spec, len(raw.lines))
    positions = _positions(fields, raw, spec, np.flatnonzero(has_position))
    statics = _statics(fields, raw, spec, np.flatnonzero(has_identity), state)
    quarantine = _quarantine(raw, fields, first_bad)
    _count(account, fields, good, has_position | has_identity, quarantine.num_rows)
    if not (positions.num_rows or statics.num_rows or quarantine.num_rows):
        return None
    return AisBatch(positions, statics, RAW_MESSAGES.empty_table(), quarantine)


def _first_bad(fields: _Fields, rows: int) -> npt.NDArray[np.int64]:
    """Index into ``fields.bad`` of each row's first bad column; -1 for a good row."""
    first = np.full(rows, -1, dtype=np.int64)
    for index, (_, _, bad) in enumerate(fields.bad):
        first[(first < 0) & bad] = index
    return first


def _identity(fields: _Fields, spec: _Spec, rows: int) -> BoolMask:
    present = np.zeros(rows, np.bool_)
    for name in _IDENTITY:
        if name in fields.values:
            present |= _mask(pc.is_valid(fields.values[name]))
    if spec.static_types is not None and "msg_type" in fields.values:
        types = pa.array(spec.static_types, pa.int64())
        present &= _mask(pc.is_in(fields.values["msg_type"], value_set=types))
    return present


def _count(
    account: LineAccount, fields: _Fields, good: BoolMask, used: BoolMask, quarantined: int
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


def _take(fields: _Fields, name: str, index: Any, kind: Any) -> Any:
    if name not in fields.values:
        return pa.nulls(len(index), kind)
    return pc.cast(pc.take(fields.values[name], index), kind)


def _times_of(fields: _Fields, index: Any) -> Any:
    """Spire splits the time: whole seconds in Time, the rest in Millisecond."""
    times = _take(fields, "time", index, TIMESTAMP)
    if "millisecond" not in fields.values:
        return times
    extra = pc.fill_null(pc.take(fields.values["millisecond"], index), 0)
    return pc.add(times, pc.cast(extra, pa.duration("ms")))


def _positions(fields: _Fields, raw: _Raw, spec: _Spec, rows: npt.NDArray[np.int64]) -> Any:
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
    fields: _Fields, spec: _Spec, rows: npt.NDArray[np.int64], columns: dict[str, Any]
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
        hit = _mask(pc.equal(pc.take(fields.values[name], pa.array(rows, pa.int64())), code))
        if spec.na_flags:  # Spire writes these codes as "None"
            hit |= fields.na[name][rows]
        flags |= np.where(hit, flag, 0)
    return flags.astype(np.int32)


def _common_flags(columns: dict[str, Any], spec: _Spec) -> npt.NDArray[np.int32]:
    mmsi = np.asarray(columns["mmsi"].to_numpy(zero_copy_only=False))
    flags = np.where((mmsi < 100_000_000) | (mmsi > 999_999_999), FLAG_MMSI_NOT_9_DIGITS, 0)
    if "anonymised_id" in spec.columns:
        flags |= FLAG_ANONYMISED_ID
    flags |= np.where(_mask(pc.is_null(columns["timestamp"])), FLAG_NO_TIME, 0)
    return flags.astype(np.int32)


def _statics(
    fields: _Fields, raw: _Raw, spec: _Spec, rows: npt.NDArray[np.int64], state: _StaticState
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
        **{d: _take(fields, d, index, pa.int16()) for d in _DIMENSIONS},
    }
    flags = _common_flags(columns, spec) | _imo_flags(columns["imo"])
    columns["flags"] = pa.array(flags, pa.int32())
    table = pa.Table.from_pydict(columns, schema=STATICS)
    if spec.dedupe_statics and table.num_rows:
        table = table.filter(pa.array(_changed(table, state)))
    return table


@lru_cache(maxsize=1 << 16)
def _ship_imo(number: int) -> bool:
    # IMO ship numbers have seven significant digits: 12 is no IMO even if "0000012" checks.
    return 10**6 <= number < 10**7 and ship_imo_is_valid(str(number))


def _imo_flags(imo: Any) -> npt.NDArray[np.int32]:
    """FLAG_IMO_INVALID where the number fails the ship check digit (or is not 7 digits)."""
    distinct = [v for v in pc.unique(imo).to_pylist() if v is not None]
    invalid = [v for v in distinct if not _ship_imo(v)]
    hit = _mask(pc.is_in(imo, value_set=pa.array(invalid, pa.int64())))
    return np.where(hit, FLAG_IMO_INVALID, 0).astype(np.int32)


def _changed(table: Any, state: _StaticState) -> BoolMask:
    """Rows whose identity tuple differs from the one kept before for the same MMSI."""
    order = pc.sort_indices(table, sort_keys=[("mmsi", "ascending"), ("line", "ascending")])
    ordered = table.select(["mmsi", *_IDENTITY]).take(order)
    mmsi = np.asarray(ordered.column("mmsi").to_numpy())
    starts = np.flatnonzero(np.concatenate(([True], mmsi[1:] != mmsi[:-1])))
    keep = np.zeros(len(mmsi), np.bool_)
    for name in _IDENTITY:
        column = ordered.column(name).combine_chunks()
        keep[1:] |= _differs(column.slice(1), column.slice(0, len(column) - 1))
    # A group's first row compares with what the file's earlier batches kept instead.
    keep[starts] = state.differs(ordered.take(pa.array(starts, pa.int64())))
    ends = np.append(starts[1:] - 1, len(mmsi) - 1)
    state.update(ordered.take(pa.array(ends, pa.int64())))
    result = np.zeros(len(mmsi), np.bool_)
    result[np.asarray(order.to_numpy())] = keep
    return result


def _differs(current: Any, previous: Any) -> BoolMask:
    """Element-wise "not the same value"; a null equals only a null."""
    unequal = _mask(pc.not_equal(current, previous))
    one_null: BoolMask = _mask(pc.is_null(current)) != _mask(pc.is_null(previous))
    return unequal | one_null


def _quarantine(raw: _Raw, fields: _Fields, first_bad: npt.NDArray[np.int64]) -> Any:
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


def _bad_text(raw: _Raw, fields: _Fields, row: int, bad: int) -> str:
    name, column, _ = fields.bad[bad]
    value = raw.columns[name][row].as_py()
    return f"{column}='{'' if value is None else value}' | {raw.text(row)}"
