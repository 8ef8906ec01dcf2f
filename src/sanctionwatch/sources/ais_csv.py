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

CSV files are read in chunks of whole lines (``ais_csv_lines``), Parquet files in row batches;
Parquet has no lines: ``line`` is the 1-based row number and there is no header line. Each
chunk is converted to typed columns (``ais_csv_convert``) and then to the canonical tables
(``ais_csv_tables``, statics de-duplicated by ``ais_csv_dedupe``). The formats, their columns
and their detection are in ``ais_csv_formats``.

Account: lines = header + data lines; consumed = rows that gave a position and/or carried
identity fields; ignored ``header``, ``blank`` and rows with neither; quarantined by reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from sanctionwatch.errors import InputError
from sanctionwatch.sources.ais_csv_convert import RawRows, is_text
from sanctionwatch.sources.ais_csv_dedupe import StaticState
from sanctionwatch.sources.ais_csv_formats import (
    FORMATS,
    ColumnSpec,
    column_spec,
    detect_format,
    header_names,
)
from sanctionwatch.sources.ais_csv_lines import line_chunks, parse_chunk
from sanctionwatch.sources.ais_csv_tables import AID_TO_NAVIGATION, to_batch
from sanctionwatch.sources.ais_records import AisBatch, LineAccount
from sanctionwatch.sources.compressed import open_maybe_gzip

# The public names of the reader, wherever they are defined.
__all__ = ["AID_TO_NAVIGATION", "FORMATS", "detect_format", "read_provider"]

_HEAD_BYTES = 1 << 16


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
        spec = column_spec(name, "parquet", list(schema.names))
        _check_parquet_types(name, schema, spec)
        return _parquet_batches(path, spec, batch_rows, account), account
    names = header_names(name, head)
    spec = column_spec(name, detected, names)
    return _csv_batches(path, name, spec, names, batch_rows, account), account


def _read_head(path: Path, name: Path) -> bytes:
    try:
        handle = open_maybe_gzip(path)
        try:
            return handle.read(_HEAD_BYTES)
        finally:
            handle.close()
    except (OSError, EOFError) as error:
        reason = getattr(error, "strerror", None) or error
        raise InputError(name, f"cannot read: {reason}") from error


def _csv_batches(
    path: Path,
    name: Path,
    spec: ColumnSpec,
    names: list[str],
    batch_rows: int,
    account: LineAccount,
) -> Iterator[AisBatch]:
    account.lines += 1
    account.ignored["header"] += 1
    state = StaticState()
    handle = open_maybe_gzip(path)
    try:
        handle.readline()
        first = 2
        for chunk in line_chunks(handle, batch_rows, name):
            raw = parse_chunk(name, chunk, first, names, spec)
            count = chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)
            account.lines += count
            first += count
            if raw.blank:
                account.ignored["blank"] += raw.blank
            batch = to_batch(raw, spec, state, account)
            if batch is not None:
                yield batch
    finally:
        handle.close()


def _parquet_schema(path: Path, name: Path) -> Any:
    try:
        return pq.read_schema(path)
    except (pa.ArrowException, OSError) as error:
        raise InputError(name, f"unreadable Parquet file: {error}") from error


def _parquet_batches(
    path: Path, spec: ColumnSpec, batch_rows: int, account: LineAccount
) -> Iterator[AisBatch]:
    state = StaticState()
    wanted = list(dict.fromkeys(spec.columns.values()))
    first = 1
    with pq.ParquetFile(path) as parquet:
        for record_batch in parquet.iter_batches(batch_size=batch_rows, columns=wanted):
            rows = record_batch.num_rows
            account.lines += rows  # a Parquet "line" is a row, numbered from 1
            columns = {f: record_batch.column(c) for f, c in spec.columns.items()}
            lines = np.arange(first, first + rows, dtype=np.int64)
            first += rows
            raw = RawRows(columns, lines, _row_text(record_batch))
            batch = to_batch(raw, spec, state, account)
            if batch is not None:
                yield batch


def _check_parquet_types(name: Path, schema: Any, spec: ColumnSpec) -> None:
    """Refuse column types with no honest reading (a bare-number time: unit and epoch unknown)."""
    for canonical, column in spec.columns.items():
        kind = schema.field(column).type
        if canonical == "time":
            fits = pa.types.is_timestamp(kind) or pa.types.is_date(kind) or is_text(kind)
        else:
            fits = is_text(kind) or pa.types.is_integer(kind) or pa.types.is_floating(kind)
            fits = fits or (canonical == "accuracy" and pa.types.is_boolean(kind))
        if not fits:
            raise InputError(name, f"column {column} has type {kind}", field=column)


def _row_text(record_batch: Any) -> Callable[[int], str]:
    def text(index: int) -> str:
        row = record_batch.slice(index, 1).to_pylist()[0]
        return ", ".join(f"{k}={'' if v is None else v}" for k, v in row.items())

    return text
