"""Verified payloads -> position, static and raw rows, by message type and exact length.

A type is decoded only at the lengths where its rows provably equal ``nmea_decode``'s
(``ais_fast``'s docstring lists them); every type ``nmea_decode`` keeps raw becomes a raw row
once it has MIN_BITS_RAW bits. The lines decoded nowhere here stay unhandled.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from sanctionwatch.sources.ais_records import RAW_MESSAGES, STATICS
from sanctionwatch.sources.fast_arrays import I64, U8, Bools
from sanctionwatch.sources.fast_fields import Payloads, pair_bits
from sanctionwatch.sources.fast_framing import PayloadGroup
from sanctionwatch.sources.fast_positions import base_station, long_range, moving, sar_aircraft
from sanctionwatch.sources.fast_rows import (
    Rows,
    concat_rows,
    concat_tables,
    empty_rows,
    timestamp_array,
)
from sanctionwatch.sources.fast_statics import (
    extended_class_b,
    static_report_a,
    static_report_b,
    voyage,
)

RAW_TYPES = (6, 7, 8, 10, 12, 13, 14, 15, 16, 17, 20, 21, 22, 23, 25, 26, 28)  # nmea_decode's
RAW_TYPE = np.isin(np.arange(64), RAW_TYPES)
MIN_BITS_RAW = 38


@dataclass(frozen=True)
class DecodedMessages:
    index: I64  # line indexes of the lines decoded
    positions: Rows
    statics: pa.Table
    raw: pa.Table
    types: Counter[int]


def decode_messages(data: U8, groups: list[PayloadGroup], first_line: int) -> DecodedMessages:
    positions: list[Rows] = [empty_rows()]
    statics: list[pa.Table] = []
    raws: list[pa.Table] = []
    index: list[I64] = [np.zeros(0, dtype=np.int64)]
    types: Counter[int] = Counter()
    for group in groups:
        rows = _decode_group(group, first_line, positions, statics)
        raw = _raw_rows(group)
        raws.append(_raw(data, group, raw, first_line))
        rows = np.concatenate([rows, raw])
        index.append(group.ais.index[rows])
        counts = np.bincount(group.pairs[rows, 0] >> 6, minlength=64)
        types.update({kind: int(counts[kind]) for kind in np.flatnonzero(counts).tolist()})
    return DecodedMessages(
        index=np.concatenate(index),
        positions=concat_rows(positions),
        statics=concat_tables(statics, STATICS),
        raw=concat_tables(raws, RAW_MESSAGES),
        types=types,
    )


def _raw_rows(group: PayloadGroup) -> I64:
    """Rows kept as raw messages: nmea_decode's raw types with at least 38 bits."""
    kind = group.pairs[:, 0] >> 6
    bits = group.ais.length * 6 - group.ais.fill
    return np.flatnonzero(RAW_TYPE[kind] & (bits >= MIN_BITS_RAW))


def _decode_group(
    group: PayloadGroup, first_line: int, positions: list[Rows], statics: list[pa.Table]
) -> I64:
    """Positions and statics of one width's lines; returns the group rows decoded."""
    ais, kind = group.ais, pair_bits(group.pairs, 0, 6)
    done: list[I64] = [np.zeros(0, dtype=np.int64)]

    def take(mask: Bools) -> Payloads:
        rows = np.flatnonzero(mask)
        done.append(rows)
        return Payloads.of(group, rows)

    if group.width == 28:
        long = (ais.length == 28) & (ais.fill == 0)  # 168 bits: pyais's own fast path
        positions.append(moving(take(long & (kind >= 1) & (kind <= 3)), 50, status=True))
        positions.append(moving(take(long & (kind == 18)), 46, status=False))
        positions.append(base_station(take(long & ((kind == 4) | (kind == 11)))))
        positions.append(sar_aircraft(take(long & (kind == 9))))
        # Type 24 part A needs 160 bits, part B 162; parts 2 and 3 are undecodable.
        part, bits = pair_bits(group.pairs, 38, 2), ais.length * 6 - ais.fill
        statics.append(
            static_report_a(take((kind == 24) & (part == 0) & (bits >= 160)), first_line)
        )
        statics.append(
            static_report_b(take((kind == 24) & (part == 1) & (bits >= 162)), first_line)
        )
    elif group.width == 16:
        positions.append(long_range(take((kind == 27) & (ais.length == 16) & (ais.fill <= 2))))
    elif group.width == 72:
        voyage_payloads = take((kind == 5) & (ais.length == 71) & (ais.fill <= 4))
        statics.append(voyage(voyage_payloads, first_line))
    elif group.width == 52:
        rows, static = extended_class_b(take((kind == 19) & (ais.length == 52)), first_line)
        positions.append(rows)
        statics.append(static)
    return np.concatenate(done)


def _raw(data: U8, group: PayloadGroup, rows: I64, first_line: int) -> pa.Table:
    """Every other type: its MMSI (bits 8-37), the payload as received and its fill bits."""
    pstart, length = group.ais.pstart[rows], group.ais.length[rows]
    offsets = np.zeros(rows.size + 1, dtype=np.int32)
    np.cumsum(length, out=offsets[1:])
    at = np.repeat(pstart - offsets[:-1], length) + np.arange(int(offsets[-1]))
    payload = pa.Array.from_buffers(
        pa.string(), rows.size, [None, pa.py_buffer(offsets), pa.py_buffer(data[at].tobytes())]
    )
    mmsi = Payloads.of(group, rows).get(8, 30)
    return pa.Table.from_arrays(
        [
            pa.nulls(rows.size, pa.int64()),
            pa.array(group.ais.index[rows] + np.int64(first_line)),
            pa.array(mmsi),
            timestamp_array(group.ais.time[rows]),
            pa.array(pair_bits(group.pairs[rows], 0, 6).astype(np.int8)),
            payload,
            pa.array(group.ais.fill[rows].astype(np.int8)),
        ],
        schema=RAW_MESSAGES,
    )
