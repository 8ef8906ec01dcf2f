"""The numpy building blocks the ``fast_*`` modules share.

Array type aliases, the NO_TIME sentinel of the receive-time columns and the hex digit table.
The kernels keep their own copies of the constants they need (``fast_jit`` says why).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

U8 = npt.NDArray[np.uint8]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

NEWLINE = ord("\n")
NO_TIME = -1  # a receive-time column's value for "no time" (null in the tables)


def _hex_table() -> U8:
    """ASCII byte -> nibble; 0xFF for a non-hex byte. Both letter cases are accepted."""
    table = np.full(256, 0xFF, dtype=np.uint8)
    for digits, first in ((b"0123456789", 0), (b"ABCDEF", 10), (b"abcdef", 10)):
        table[np.frombuffer(digits, dtype=np.uint8)] = np.arange(first, first + len(digits))
    return table


HEX = _hex_table()
