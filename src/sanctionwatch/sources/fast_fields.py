"""Reading message fields out of verified payloads, as pyais and ``nmea_decode`` read them.

``Payloads`` holds some lines of a ``PayloadGroup`` with their bits as overlapping 48-bit
words, so that a numeric field is one shift and mask per line (``get``/``signed``); ``text``
reads 6-bit ASCII fields straight into an Arrow string array. ``pair_bits`` reads a field
inside one 12-bit pair without building words; ``tenths`` and ``mmsi_flags`` are the value
rules shared by position and static rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from sanctionwatch.sources.ais_records import FLAG_MMSI_NOT_9_DIGITS
from sanctionwatch.sources.fast_arrays import AT, I64, SPACE, U8, U16, U64, flag_where
from sanctionwatch.sources.fast_framing import PayloadGroup


def _ais_text() -> U8:
    """6-bit value -> AIS text character: value + 64 below 32, the value itself from 32."""
    values = np.arange(64, dtype=np.uint8)
    return np.where(values < 32, values + 64, values).astype(np.uint8)


AIS_TEXT = _ais_text()


@dataclass(frozen=True)
class Payloads:
    """Some lines of a group, with their payload as 48-bit words for field reads."""

    index: I64
    time: I64
    pairs: U16
    words: U64

    @classmethod
    def of(cls, group: PayloadGroup, rows: I64) -> Payloads:
        pairs = group.pairs[rows]
        words = _bit_words(pairs, group.width // 4 - 1)
        return cls(group.ais.index[rows], group.ais.time[rows], pairs, words)

    def get(self, offset: int, width: int) -> I64:
        """Unsigned field at bit ``offset``: word j holds bits 24j..24j+47."""
        j = min(offset // 24, self.words.shape[1] - 1)
        shift = 48 - (offset - 24 * j) - width
        assert 0 <= shift <= 48 - width, (offset, width)
        field = (self.words[:, j] >> np.uint64(shift)) & np.uint64((1 << width) - 1)
        return field.view(np.int64)

    def signed(self, offset: int, width: int) -> I64:
        sign = 1 << (width - 1)
        return (self.get(offset, width) ^ sign) - sign

    def text(self, offset: int, chars: int) -> pa.Array:
        """A 6-bit text field as the slow path stores it."""
        first, shift = divmod(offset, 6)
        pair, odd = divmod(first, 2)
        pairs = self.pairs[:, pair : pair + (odd + chars + 2) // 2 + 1]
        sextets = np.empty((pairs.shape[0], pairs.shape[1] * 2), dtype=np.uint8)
        sextets[:, 0::2], sextets[:, 1::2] = pairs >> 6, pairs & 63
        values = sextets[:, odd : odd + chars + 1]
        if shift:
            values = ((values[:, :-1] << shift) | (values[:, 1:] >> (6 - shift))) & 63
        else:
            values = values[:, :-1]
        return _strings(AIS_TEXT[values])


def _bit_words(pairs: U16, count: int) -> U64:
    """``count`` 48-bit words; word j holds message bits 24j..24j+47."""
    quads = pairs.view("<u4")[:, : count + 1]  # two 12-bit pairs, first one in the low half
    groups = (((quads & 0xFFF) << 12) | (quads >> 16)).astype(np.uint64)  # 24 bits each
    return (groups[:, :-1] << np.uint64(24)) | groups[:, 1:]


def pair_bits(pairs: U16, offset: int, width: int) -> I64:
    """A field within one 12-bit pair (the first 12k..12k+11 bits)."""
    pair, within = divmod(offset, 12)
    assert within + width <= 12
    field = (pairs[:, pair] >> (12 - within - width)) & ((1 << width) - 1)
    return field.astype(np.int64)


def _strings(chars: U8) -> pa.Array:
    """Rows of ASCII text -> strings without leading spaces and trailing "@"/spaces, null when
    nothing is left (pyais's ``rstrip("@").strip()``, then nmea_decode's ``rstrip("@ ")``)."""
    n, width = chars.shape
    kept = (chars != SPACE) & (chars != AT)
    has = kept.any(axis=1)
    end = np.where(has, width - np.argmax(kept[:, ::-1], axis=1), 0)
    lead = np.where(has, np.argmax(chars != SPACE, axis=1), 0)
    column = np.arange(width)
    keep = (column >= lead[:, None]) & (column < end[:, None])
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(end - lead, out=offsets[1:])
    validity = None if has.all() else pa.py_buffer(np.packbits(has, bitorder="little"))
    return pa.Array.from_buffers(
        pa.string(), n, [validity, pa.py_buffer(offsets), pa.py_buffer(chars[keep].tobytes())]
    )


def tenths(raw: I64) -> npt.NDArray[np.float32]:
    """raw / 10 as a Python float, then to float32 (as pyarrow stores the slow path's)."""
    return (raw / 10.0).astype(np.float32)


def mmsi_flags(mmsi: I64) -> npt.NDArray[np.int32]:
    return flag_where((mmsi < 100_000_000) | (mmsi > 999_999_999), FLAG_MMSI_NOT_9_DIGITS)
