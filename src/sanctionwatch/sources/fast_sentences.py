"""Non-AIS sentences the slow path ignores (``$BSALR``, ``!AIPWR``…), counted by kind.

A line counts when it is well formed as ``nmea_framing`` reads it (an address of 3-10 bytes
then ``,`` or ``*``) and its ``*hh`` checksum is valid; AIS headers and ``$PGHP`` (a time
source, see ``fast_pghp``) never count here. Lines are gathered whole by width class and
scanned 8 bytes a step.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from sanctionwatch.sources.fast_arrays import (
    COMMA,
    DOLLAR,
    HEX,
    I64,
    STAR,
    U8,
    U64,
    Bools,
    byte_table,
    gather_rows,
)
from sanctionwatch.sources.fast_pghp import PGHP

MAX_OTHER = 96  # longest other sentence handled
ADDRESS = byte_table(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=")  # nmea_framing's address
ADDRESS_CODE = np.zeros(256, dtype=np.int64)
ADDRESS_CODE[np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=", dtype=np.uint8)] = np.arange(
    1, 38
)
BASE38 = 38 ** np.arange(11, dtype=np.int64)
LOW_BITS = np.uint64(0x0101010101010101)
HIGH_BITS = np.uint64(0x8080808080808080)
STARS = np.uint64(0x2A2A2A2A2A2A2A2A)


def other_sentences(data: U8, starts: I64, ends: I64, index: I64) -> tuple[I64, Counter[str]]:
    """Well-formed non-AIS sentences with a valid checksum, as the slow path's ``_other``
    ignores them: by width class, each line gathered whole."""
    lengths = ends[index] - starts[index]
    handled: list[I64] = []
    kinds: Counter[str] = Counter()
    low = 0
    for width in (32, 64, MAX_OTHER):
        sel = index[(lengths > low) & (lengths <= width)]
        low = width
        if sel.size:
            rows = _gather_padded(data, starts[sel], width)
            done, found = _other_rows(rows, ends[sel] - starts[sel])
            handled.append(sel[done])
            kinds.update(found)
    return (np.concatenate(handled) if handled else np.zeros(0, np.int64)), kinds


def _gather_padded(data: U8, offsets: I64, width: int) -> U8:
    """``gather_rows``, also for rows running past the end of ``data`` (padded with zeros)."""
    over = offsets + width > data.size
    if not over.any():
        return gather_rows(data, offsets, width)
    rows = np.zeros((offsets.size, width), dtype=np.uint8)
    rows[~over] = gather_rows(data, offsets[~over], width)
    low = int(offsets[over].min())
    padded = np.concatenate([data[low:], np.zeros(width, dtype=np.uint8)])
    rows[over] = gather_rows(padded, offsets[over] - low, width)
    return rows


def _other_rows(rows: U8, lengths: I64) -> tuple[Bools, Counter[str]]:
    width = rows.shape[1]
    n = np.arange(rows.shape[0])
    address = np.argmin(ADDRESS[rows[:, 1:13]], axis=1)  # first byte past the address
    term = rows[n, address + 1]
    ais_like = (address == 5) & (rows[:, 3] == ord("V")) & (rows[:, 4] == ord("D"))
    ais_like &= (rows[:, 5] == ord("M")) | (rows[:, 5] == ord("O"))
    pghp = (address == 4) & (rows[:, 1:5] == PGHP).all(axis=1)  # the slow path's time source
    words = rows.view("<u8")
    star = _first_star(words)
    high = HEX[rows[n, np.minimum(star + 1, width - 1)]]
    low = HEX[rows[n, np.minimum(star + 2, width - 1)]]
    ok = (address >= 3) & (address <= 10) & ((term == COMMA) | (term == STAR)) & ~ais_like & ~pghp
    ok &= (star + 3 <= lengths) & (high != 0xFF) & (low != 0xFF)
    ok &= _xor_before(words, star) ^ rows[:, 0] == (high.astype(np.int64) << 4 | low)
    return ok, _kinds(rows[ok], address[ok])


def _kinds(rows: U8, address: I64) -> Counter[str]:
    """Count sentences by kind ("$" + address): each an exact integer in base 38."""
    codes = np.where(np.arange(10) < address[:, None], ADDRESS_CODE[rows[:, 1:11]], 0)
    keys = codes @ BASE38[:10] + (rows[:, 0] == DOLLAR) * BASE38[10]
    _, first, counts = np.unique(keys, return_index=True, return_counts=True)
    return Counter(
        {
            rows[row, : address[row] + 1].tobytes().decode("ascii"): count
            for row, count in zip(first.tolist(), counts.tolist(), strict=True)
        }
    )


def _first_star(words: U64) -> I64:
    """Offset of each row's first "*" (the row's length when there is none), 8 bytes a step:
    a byte equal to "*" sets its high bit in (x - 0x01..) & ~x & 0x80.. where x = word ^ "*"s;
    the lowest such bit is always a true one."""
    x = words ^ STARS
    hits = (x - LOW_BITS) & ~x & HIGH_BITS
    found = hits != 0
    word = np.argmax(found, axis=1)
    n = np.arange(words.shape[0])
    first = hits[n, word]
    lowest = first & (~first + np.uint64(1))  # the lowest set bit: 2 ** (8 * byte + 7)
    byte = (np.log2(np.maximum(lowest, 1).astype(np.float64)).astype(np.int64) - 7) // 8
    star: I64 = np.where(found[n, word], 8 * word + byte, words.shape[1] * 8)
    return star


def _xor_before(words: U64, stop: I64) -> I64:
    """XOR of each row's bytes before ``stop`` (clipped to the row)."""
    n, count = words.shape
    prefix = np.zeros((n, count + 1), dtype=np.uint64)
    for column in range(count):
        prefix[:, column + 1] = prefix[:, column] ^ words[:, column]
    stop = np.minimum(stop, count * 8)
    word, byte = stop // 8, (stop % 8).astype(np.uint64)
    rows = np.arange(n)
    partial = words[rows, np.minimum(word, count - 1)] & (
        (np.uint64(1) << (byte * np.uint64(8))) - np.uint64(1)
    )
    acc = prefix[rows, word] ^ partial
    acc ^= acc >> np.uint64(32)
    acc ^= acc >> np.uint64(16)
    acc ^= acc >> np.uint64(8)
    xor: I64 = (acc & np.uint64(0xFF)).astype(np.int64)
    return xor
