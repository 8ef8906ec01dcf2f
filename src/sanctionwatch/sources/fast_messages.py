"""Verified payloads -> position rows, STATICS and RAW_MESSAGES tables, and type counts.

``fast_fields.decode`` writes the rows into the columns allocated here (room for every
payload; numpy's untouched pages cost no memory), which then become ``Rows`` (positions, in
line order) or Arrow tables. Payloads it decodes to nothing stay with the per-line path.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from sanctionwatch.sources.ais_records import RAW_MESSAGES, STATICS
from sanctionwatch.sources.fast_arrays import I64, U8, Bools
from sanctionwatch.sources.fast_fields import (
    GROUPS,
    TEXT,
    Columns,
    StaticColumns,
    StringColumn,
    decode,
)
from sanctionwatch.sources.fast_framing import FILL, LENGTH, LINE, TIME, FramedLines
from sanctionwatch.sources.fast_rows import Rows, new_rows, optional_array, timestamp_array


@dataclass(frozen=True)
class DecodedMessages:
    messages: int  # payloads decoded (the others: lines left to the per-line path)
    positions: Rows  # in line order; ``index`` holds line numbers
    statics: pa.Table
    raw: pa.Table
    types: Counter[int]


def decode_messages(data: U8, framed: FramedLines, skip: Bools, first_line: int) -> DecodedMessages:
    """The verified payloads of ``framed`` but those where ``skip`` holds, which are left
    to the per-line path: ``framed.kind`` then says so for their lines."""
    ais = framed.ais
    n = ais.shape[0]
    positions = new_rows(n)
    statics = _Statics.room(n)
    raw = (
        np.empty(n, dtype=np.int64),
        np.empty(n, dtype=np.int64),
        np.empty(n, dtype=np.int8),
        np.empty(n + 1, dtype=np.int32),
        np.empty(int(ais[:, LENGTH].sum()), dtype=np.uint8),
    )
    columns = tuple(getattr(positions, f.name) for f in fields(Rows))
    types = np.zeros(64, dtype=np.int64)
    n_positions, n_statics, n_raw, messages = decode(
        data, ais, framed.groups, skip, framed.kind, types, columns, statics.columns(), raw,
        np.empty(GROUPS, np.int64),
    )  # fmt: skip
    rows = Rows(*(column[:n_positions] for column in columns))
    rows.index[:] += first_line
    return DecodedMessages(
        messages=messages,
        positions=rows,
        statics=statics.table(n_statics, first_line),
        raw=_raw_table(ais, raw, n_raw, first_line),
        types=Counter({kind: int(types[kind]) for kind in np.flatnonzero(types).tolist()}),
    )


@dataclass(frozen=True)
class _Statics:
    """``fast_fields._static_row``'s columns, with room for ``n`` rows."""

    index: I64
    mmsi: I64
    time: I64
    msg_type: npt.NDArray[np.int8]
    imo: I64
    shiptype: npt.NDArray[np.int16]
    draught: npt.NDArray[np.float32]
    flags: npt.NDArray[np.int32]
    dimensions: npt.NDArray[np.int16]  # (n, 4)
    null: Bools  # (n, 4)
    name: StringColumn
    callsign: StringColumn
    destination: StringColumn

    @classmethod
    def room(cls, n: int) -> _Statics:
        def strings() -> StringColumn:
            return np.empty(n + 1, np.int32), np.empty(n * TEXT, np.uint8), np.empty(n, np.bool_)

        return cls(
            np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64),
            np.empty(n, np.int8), np.empty(n, np.int64), np.empty(n, np.int16),
            np.empty(n, np.float32), np.empty(n, np.int32), np.empty((n, 4), np.int16),
            np.empty((n, 4), np.bool_), strings(), strings(), strings(),
        )  # fmt: skip

    def columns(self) -> StaticColumns:
        return (
            self.index, self.mmsi, self.time, self.msg_type, self.imo, self.shiptype,
            self.draught, self.flags, self.dimensions, self.null, self.name, self.callsign,
            self.destination,
        )  # fmt: skip

    def table(self, n: int, first_line: int) -> pa.Table:
        """The STATICS table of the first ``n`` rows."""
        null = self.null[:n]
        return pa.Table.from_arrays(
            [
                pa.nulls(n, pa.int64()),
                pa.array(self.index[:n] + np.int64(first_line)),
                pa.array(self.mmsi[:n]),
                timestamp_array(self.time[:n]),
                pa.array(self.msg_type[:n]),
                optional_array(self.imo[:n], null[:, 0]),
                _strings(self.name, n),
                _strings(self.callsign, n),
                optional_array(self.shiptype[:n], null[:, 1]),
                optional_array(self.draught[:n], null[:, 2]),
                _strings(self.destination, n),
                *(
                    optional_array(np.ascontiguousarray(self.dimensions[:n, k]), null[:, 3])
                    for k in range(4)
                ),
                pa.array(self.flags[:n]),
            ],
            schema=STATICS,
        )


def _strings(column: StringColumn, n: int) -> pa.Array:
    """The first ``n`` rows of a string column (offsets, bytes, valid) as Arrow strings."""
    offsets, data, valid = column
    offsets = offsets[: n + 1] if n else np.zeros(1, dtype=np.int32)
    validity = None if valid[:n].all() else pa.py_buffer(np.packbits(valid[:n], bitorder="little"))
    text = data[: offsets[-1]].copy()  # not the room for every row
    return pa.Array.from_buffers(
        pa.string(), n, [validity, pa.py_buffer(offsets), pa.py_buffer(text)]
    )


def _raw_table(ais: I64, columns: Columns, n: int, first_line: int) -> pa.Table:
    """Every type nmea_decode keeps raw: MMSI, the payload as received and its fill bits."""
    rows, mmsi, msg_type, offsets, payload = columns
    rows, mmsi, msg_type = rows[:n], mmsi[:n], msg_type[:n]
    offsets = offsets[: n + 1] if n else np.zeros(1, np.int32)
    payload = payload[: offsets[-1]].copy()  # not the room for every payload
    return pa.Table.from_arrays(
        [
            pa.nulls(n, pa.int64()),
            pa.array(ais[rows, LINE] + np.int64(first_line)),
            pa.array(mmsi),
            timestamp_array(ais[rows, TIME]),
            pa.array(msg_type),
            pa.Array.from_buffers(
                pa.string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(payload)]
            ),
            pa.array(ais[rows, FILL].astype(np.int8)),
        ],
        schema=RAW_MESSAGES,
    )
