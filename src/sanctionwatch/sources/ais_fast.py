"""Compiled decoder for the bulk of a raw AIS log: single-fragment messages and noise lines.

``decode_lines`` takes a buffer of complete NMEA lines and handles, in two numba kernels over
the lines and no per-line Python, exactly the lines whose outcome it can prove equal to the
slow path's (``ais_nmea.NmeaState``, ``nmea_decode``); every other line is left to the slow
path (``handled`` False). What it handles:

- AIS sentences: ``!`` or ``$``, any two-byte talker the slow path accepts (not ``, * ! $ \\``),
  ``VDM``/``VDO``, fragment ``1,1``, sequential id and channel each empty or one byte (not
  ``,``/``*``), a payload in the 6-bit alphabet, fill bits 0-5, ``*hh`` equal to the XOR of
  the bytes between the first byte and ``*``; after ``*hh`` nothing, or ``,`` and a receive
  time of 10 digits (unix seconds) or 13 digits (ms) that does not start with 0 (the
  slow path's ``receiver_time_ms`` reads these exactly so); no leading bytes but NMEA 4.10
  tag blocks ``\\…*hh\\`` read as ``nmea_framing.parse_tag_blocks`` reads them (at most
  ``fast_framing.MAX_TAGS`` bytes, every ``c:`` value plain digits; ``s:``, ``g:`` and the
  rest ignored, as there; a wrong tag checksum counted in ``tag_checksum_mismatches``, or
  the line left to the slow path with ``strict_tag_checksums``).
  Decoded (rows equal to ``nmea_decode``'s): types 1/2/3/18 (28 characters, fill 0),
  4/11 (base stations), 9 (SAR aircraft), 27 (16 characters, fill <= 2), 5 (71 characters,
  fill <= 4), 24 part A/B (27-28 characters, at least 160/162 bits), 19 (52 characters) and,
  as raw rows, every type the slow path keeps raw once it has 38 bits.
- Other well-formed sentences with a valid checksum (``$BSALR``, ``!AIPWR``…) as
  ``ignored["$BSALR"]``; blank lines as ``ignored["blank"]``, ``#`` lines as ``"comment"``.

Never handled: ``$PGHP`` lines and lines not starting with ``!``/``$``/``#`` that hold "PGHP"
(a ``$PGHP`` dates another sentence), an AIS sentence within ``pghp_window`` lines of a
``$PGHP`` naming its checksum (or of one that cannot be read simply), and, with
``hold_tail``, the AIS sentences of the last ``pghp_window`` lines (a ``$PGHP`` in the next
buffer may date them).

Fields follow pyais exactly: positions are ``round(raw / 600000, 6)`` (type 27: ``/ 600``),
speeds and courses ``raw / 10`` (type 9 speed, type 27 speed and course: raw), text is 6-bit
ASCII without trailing ``@``/spaces and leading spaces (null when empty). Times: the tag
block's ``c:`` (seconds, or ms above 1e11), else the receive time after the checksum, else
null with FLAG_NO_TIME. A sentence with a ``c:`` time is never dated by a ``$PGHP`` (the
slow path's precedence), so no ``$PGHP`` keeps it back; the held tail still does.

Positions stay numpy columns (``FastResult.position_rows``, in line order) until
``positions_table`` merges them with the per-line path's rows into one table in line order;
statics and raw rows come in no particular order (``NmeaState`` puts them in line order).

This module runs the steps; each lives in its own module: ``fast_framing`` (the first kernel:
line classes, AIS framing, checksum, alphabet and the payload's first bits, other
sentences), ``fast_pghp`` (the lines a ``$PGHP`` keeps back), ``fast_sentences`` (other
sentences by kind), ``fast_messages`` with ``fast_fields`` (the second kernel: dispatch by
type and length, field reads, position, static and raw rows), ``fast_rows`` (position
columns and tables), ``fast_arrays`` (shared numpy helpers) and ``fast_jit`` (how kernels
are compiled: numba, cached in ``__pycache__``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from sanctionwatch.sources.fast_arrays import I64, Bools
from sanctionwatch.sources.fast_framing import (
    BLANK,
    CHECKSUM,
    COMMENT,
    LINE,
    OTHER,
    PGHP,
    TAGGED,
    frame_lines,
    line_bounds,
)
from sanctionwatch.sources.fast_messages import decode_messages
from sanctionwatch.sources.fast_pghp import Pghp, PghpGuard, find_pghp
from sanctionwatch.sources.fast_rows import Rows, merge_rows, positions_of_rows, slow_rows
from sanctionwatch.sources.fast_sentences import count_kinds

if TYPE_CHECKING:
    from sanctionwatch.sources.fast_rows import SlowPosition

__all__ = ["FastResult", "Pghp", "decode_lines", "positions_table"]


@dataclass(frozen=True)
class FastResult:
    handled: Bools  # one per line: True = this line was fully accounted for here
    position_rows: Rows  # POSITIONS rows of the handled lines as numpy (in no fixed order)
    statics: pa.Table  # STATICS rows (in no particular order)
    raw: pa.Table  # RAW_MESSAGES rows (in no particular order)
    ignored: Counter[str]  # handled lines that are not messages, by the slow path's kind
    message_types: Counter[int]
    messages: int  # one per handled AIS line (single fragments: also the lines consumed)
    sentences: int  # handled lines that hold a well-formed sentence (the sniff rule's count)
    line_count: int
    starts: I64  # byte offset of every line
    newlines: I64  # byte offset of every line's "\n" (the buffer's end for a last line without)
    pghp: list[Pghp]  # pghp_before and the $PGHP lines found, as far as they reach past the end
    tag_checksum_mismatches: int  # handled lines read despite a wrong tag block checksum

    @property
    def consumed(self) -> int:
        return self.messages

    @cached_property
    def positions(self) -> pa.Table:
        """The POSITIONS table, in line order."""
        return positions_of_rows(merge_rows([self.position_rows]))


def positions_table(fast: Sequence[FastResult], slow: Sequence[SlowPosition]) -> pa.Table:
    """One POSITIONS table in line order from fast results and the per-line path's rows
    (``nmea_tables.positions_table``'s input), merged as numpy columns."""
    return positions_of_rows(merge_rows([*(f.position_rows for f in fast), slow_rows(slow)]))


def decode_lines(
    buf: bytes,
    first_line: int = 1,
    *,
    pghp_window: int = 50,
    pghp_before: Sequence[Pghp] = (),
    hold_tail: bool = False,
    newlines: I64 | None = None,
    strict_tag_checksums: bool = False,
) -> FastResult:
    """Decode what can be decoded exactly in ``buf`` (complete ``\\n``-separated lines).

    ``pghp_before`` are the ``$PGHP`` lines of earlier buffers (``FastResult.pghp``);
    ``hold_tail`` leaves the AIS sentences of the last ``pghp_window`` lines to the slow path.
    ``newlines``: the offsets of every "\\n" in ``buf``, when the caller has them already.
    ``strict_tag_checksums``: as ``NmeaReader``'s (such lines are left to the slow path).
    """
    data = np.frombuffer(buf, dtype=np.uint8)
    starts, newlines = line_bounds(data, newlines)
    count = starts.size
    framed = frame_lines(data, starts, newlines, strict_tags=strict_tag_checksums)
    found = find_pghp(buf, starts, newlines, np.flatnonzero(framed.kind == PGHP), first_line)
    pghp = [*pghp_before, *found]
    guard = PghpGuard.of(first_line, pghp_window, pghp, count, hold_tail)
    ais = framed.ais
    skip = guard.excluded(ais[:, LINE], ais[:, CHECKSUM], ais[:, TAGGED] != 0)
    messages = decode_messages(data, framed, skip, first_line)  # marks what it leaves
    handled = framed.kind >= BLANK
    kinds = np.bincount(framed.kind, minlength=OTHER + 1)
    ignored = count_kinds(framed.other_kinds)
    ignored.update({"blank": int(kinds[BLANK]), "comment": int(kinds[COMMENT])})
    reach = first_line + count - pghp_window  # a $PGHP before this line dates nothing later
    return FastResult(
        handled=handled,
        position_rows=messages.positions,
        statics=messages.statics,
        raw=messages.raw,
        ignored=+ignored,
        message_types=messages.types,
        messages=messages.messages,
        sentences=messages.messages + framed.other_kinds.size,
        line_count=count,
        starts=starts,
        newlines=newlines,
        pghp=[p for p in pghp if p[0] >= reach],
        tag_checksum_mismatches=int(np.count_nonzero(framed.tag_mismatch & handled)),
    )
