"""The numpy building blocks the ``fast_*`` modules share.

Array type aliases, the ASCII codes and byte-class tables the line scanners look up, the
NO_TIME sentinel of the receive-time columns, ``gather_rows`` (one fixed-size copy per line
instead of per-line Python) and ``flag_where`` (a flag bit where a condition holds).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

U8 = npt.NDArray[np.uint8]
U16 = npt.NDArray[np.uint16]
U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

DOLLAR, COMMA, STAR, NEWLINE, CR = (ord(c) for c in "$,*\n\r")
SPACE, AT, HASH = ord(" "), ord("@"), ord("#")
NO_TIME = -1  # a receive-time column's value for "no time" (null in the tables)


def byte_table(valid: bytes) -> Bools:
    """Byte -> True when it is one of ``valid``."""
    table = np.zeros(256, dtype=np.bool_)
    table[np.frombuffer(valid, dtype=np.uint8)] = True
    return table


def _hex_table() -> U8:
    """ASCII byte -> nibble; 0xFF for a non-hex byte. Both letter cases are accepted."""
    table = np.full(256, 0xFF, dtype=np.uint8)
    for digits, first in ((b"0123456789", 0), (b"ABCDEF", 10), (b"abcdef", 10)):
        table[np.frombuffer(digits, dtype=np.uint8)] = np.arange(first, first + len(digits))
    return table


HEX = _hex_table()
HEADS = byte_table(b"!$")  # a sentence's first byte


def gather_rows(data: U8, offsets: I64, width: int) -> U8:
    """Row i = data[offsets[i] : offsets[i] + width], via one fixed-size copy per row."""
    if offsets.size == 0:
        return np.zeros((0, width), dtype=np.uint8)
    # Overlapping records of `width` bytes, one per byte offset: indexing copies whole records.
    records: npt.NDArray[np.void] = np.ndarray(
        shape=(data.size - width + 1,), dtype=np.dtype(f"V{width}"), buffer=data, strides=(1,)
    )
    return records[offsets].view(np.uint8).reshape(offsets.size, width)


def flag_where(condition: Bools, bit: int) -> npt.NDArray[np.int32]:
    """``bit`` where ``condition`` holds, else 0 (flags columns are OR-ed from these)."""
    return condition.astype(np.int32) * np.int32(bit)
