"""AIS payloads built for many messages at once: fields packed into 64-bit words, then read
out six bits at a time and armoured into the payload alphabet (ITU-R M.1371, IEC 61162-1).

Each call works on a whole column (one value per message), so the cost per message is a few
numpy operations per field instead of Python per bit.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

U8 = npt.NDArray[np.uint8]
U64 = npt.NDArray[np.uint64]
_ONES = np.uint64(0xFFFF_FFFF_FFFF_FFFF)


def _armour_table() -> U8:
    """6-bit value -> payload character: 0-39 are '0'-'W', 40-63 are '`'-'w'."""
    values = np.arange(64)
    return np.where(values < 40, values + 48, values + 56).astype(np.uint8)


ARMOUR = _armour_table()


def _text_table() -> U8:
    """ASCII byte -> AIS 6-bit character code ('@' 0, 'A'-'Z' 1-26, ' ' 32, '0'-'9' 48-57);
    bytes outside the AIS character set become '?' (63)."""
    table = np.full(256, 63, dtype=np.uint8)
    table[64:96] = np.arange(0, 32)  # @ A-Z [ \\ ] ^ _
    table[32:64] = np.arange(32, 64)  # space ! " ... 0-9 ... ?
    table[97:123] = np.arange(1, 27)  # lower case as upper case
    return table


TEXT = _text_table()


def text_sextets(text: str, chars: int) -> U8:
    """``text`` as ``chars`` AIS 6-bit codes, padded with '@' (0) as the standard asks."""
    raw = np.frombuffer(text.upper().encode("ascii", "replace")[:chars], dtype=np.uint8)
    out = np.zeros(chars, dtype=np.uint8)
    out[: raw.size] = TEXT[raw]
    return out


class Packer:
    """The bits of ``n`` messages of ``bits`` bits each, written field by field."""

    def __init__(self, n: int, bits: int) -> None:
        self.bits = bits
        self.words: U64 = np.zeros((n, (bits + 63) // 64 + 1), dtype=np.uint64)
        self.at = 0

    def put(self, values: npt.ArrayLike, width: int) -> None:
        """The next ``width`` bits: each value's low bits (two's complement for negatives)."""
        v = np.asarray(values).astype(np.int64).astype(np.uint64) & np.uint64((1 << width) - 1)
        word, offset = divmod(self.at, 64)
        spill = offset + width - 64
        if spill <= 0:
            self.words[:, word] |= v << np.uint64(-spill)
        else:
            self.words[:, word] |= v >> np.uint64(spill)
            self.words[:, word + 1] |= (v << np.uint64(64 - spill)) & _ONES
        self.at += width

    def put_text(self, sextets: U8) -> None:
        """Rows of 6-bit character codes (one row per message)."""
        for column in range(sextets.shape[1]):
            self.put(sextets[:, column], 6)

    def armoured(self) -> tuple[U8, int]:
        """Payload characters (one row per message) and the fill bits of the last one."""
        chars = (self.bits + 5) // 6
        out = np.empty((self.words.shape[0], chars), dtype=np.uint8)
        for index in range(chars):
            word, offset = divmod(index * 6, 64)
            spill = offset + 6 - 64
            if spill <= 0:
                value = self.words[:, word] >> np.uint64(-spill)
            else:
                value = (self.words[:, word] << np.uint64(spill)) | (
                    self.words[:, word + 1] >> np.uint64(64 - spill)
                )
            out[:, index] = ARMOUR[(value & np.uint64(63)).astype(np.intp)]
        return out, chars * 6 - self.bits
