"""``$PGHP`` lines and the AIS sentences they keep from the fast path.

The slow path dates a sentence by a ``$PGHP`` up to ``window`` lines away that names its
checksum, so the fast path must not decode such a sentence: ``find_pghp`` reads the lines
that may be a ``$PGHP`` (``fast_framing`` finds them) for the checksum each names (or
ANY_CHECKSUM when it cannot be read simply) and ``PghpGuard.excluded`` says which AIS lines
lie within reach of one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sanctionwatch.sources.fast_arrays import HEX, I64, Bools

# A $PGHP seen: (line number, checksum of the sentence it may date, or ANY_CHECKSUM).
Pghp = tuple[int, int]
ANY_CHECKSUM = -1


def find_pghp(buf: bytes, starts: I64, newlines: I64, lines: I64, first_line: int) -> list[Pghp]:
    """The ``$PGHP`` lines among ``lines`` (``fast_framing``'s PGHP class: those the slow path
    may read as one), with the checksum each may date."""
    return [
        (first_line + line, _pghp_target(buf[low:high]))
        for line, low, high in zip(
            lines.tolist(), starts[lines].tolist(), newlines[lines].tolist(), strict=True
        )
    ]


def _pghp_target(line: bytes) -> int:
    """The checksum a plain ``$PGHP,…`` line names (field 13, as ``nmea_framing.pghp_time``
    reads it), -2 when it names none the slow path would read; ANY_CHECKSUM when the line is
    not that simple (tag block, prefix): then every sentence near it is left alone."""
    if line[:1] not in (b"$", b"!") or line[1:6] != b"PGHP,":
        return ANY_CHECKSUM
    text = line.strip()
    star = text.find(b"*")
    parts = text[:star].split(b",") if star >= 0 else []
    target = parts[13].strip() if len(parts) >= 14 else b""
    if len(target) != 2 or HEX[target[0]] == 0xFF or HEX[target[1]] == 0xFF:
        return -2
    return int(target, 16)


@dataclass(frozen=True)
class PghpGuard:
    """Which AIS lines must stay with the slow path because a $PGHP may date them."""

    first_line: int
    window: int
    wild: I64  # sorted lines of $PGHP that may date any sentence
    keys: I64  # sorted (checksum << 40 | line) of $PGHP naming a checksum
    near: Bools  # per line of the buffer: within ``window`` lines of some $PGHP
    held_from: int  # line index from which every AIS line is held back (the tail)

    @classmethod
    def of(
        cls, first_line: int, window: int, pghp: list[Pghp], count: int, tail: bool
    ) -> PghpGuard:
        table = np.array(pghp, dtype=np.int64).reshape(-1, 2)
        cover = np.zeros(count + 1, dtype=np.int32)
        np.add.at(cover, np.clip(table[:, 0] - first_line - window, 0, count), 1)
        np.add.at(cover, np.clip(table[:, 0] - first_line + window + 1, 0, count), -1)
        named = table[table[:, 1] >= 0]
        return cls(
            first_line=first_line,
            window=window,
            wild=np.sort(table[table[:, 1] == ANY_CHECKSUM, 0]),
            keys=np.sort(named[:, 1] << 40 | named[:, 0]),
            near=np.cumsum(cover[:-1]) > 0,
            held_from=max(count - window, 0) if tail else count,
        )

    def excluded(self, index: I64, checksum: I64, tagged: Bools) -> Bools:
        """``index``: 0-based line indexes; ``checksum``: each line's sentence checksum;
        ``tagged``: its time is a tag block's, which no $PGHP replaces. The tail is held
        back all the same: the per-line path flushes its rows behind the undated ones."""
        out: Bools = index >= self.held_from
        near = np.flatnonzero(self.near[index] & ~out & ~tagged)
        if near.size:
            lines = index[near] + self.first_line
            keys = checksum[near] << 40 | lines
            out[near] = _near(self.wild, lines, self.window) | _near(self.keys, keys, self.window)
        return out


def _near(sorted_keys: I64, keys: I64, window: int) -> Bools:
    """True where some sorted key lies within ``window`` of the key."""
    if not sorted_keys.size:
        return np.zeros(keys.size, dtype=np.bool_)
    low = np.searchsorted(sorted_keys, keys - window, side="left")
    high = np.searchsorted(sorted_keys, keys + window, side="right")
    near: Bools = high > low
    return near
