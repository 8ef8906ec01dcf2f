"""CSV bytes → rows of strings: chunks of whole lines, each row knowing its line and text.

CSV files are cut into chunks of whole lines here (so every row knows its 1-based line number and
its raw text), and each chunk is parsed by ``pyarrow.csv`` as strings. DuckDB's CSV reader was no
faster on these files and cannot give good rows their line numbers. A row is one line: a line
with an unclosed quote is quarantined (``quote not closed``) rather than allowed to swallow the
next lines; the providers' files hold no quoted newlines. A line with the wrong number of fields
is quarantined (``field count: expected N, got M | <line>``). Lines that are not UTF-8 are read
as Latin-1.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.csv as pacsv

from sanctionwatch.errors import InputError
from sanctionwatch.sources.ais_csv_convert import BoolMask, RawRows
from sanctionwatch.sources.ais_csv_formats import ColumnSpec, decode_line

_READ_BLOCK = 1 << 22


class Readable(Protocol):
    """A binary file, plain or gzip-decompressing."""

    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


def line_chunks(handle: Readable, batch_rows: int, name: Path) -> Iterator[bytes]:
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


def parse_chunk(
    name: Path, chunk: bytes, first: int, names: list[str], spec: ColumnSpec
) -> RawRows:
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
    return RawRows(columns, keep + first, lambda i: text(int(keep[i])), rejected, int(blank.sum()))


def _read_strings(
    body: bytes, names: list[str], spec: ColumnSpec
) -> tuple[Any, list[tuple[int, int]]]:
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
        return b"".join(
            decode_line(line).encode("utf-8") for line in chunk.splitlines(keepends=True)
        )
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
