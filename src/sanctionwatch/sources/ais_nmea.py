"""Streaming reader of raw NMEA 0183 AIS logs into the canonical AIS tables (``ais_records``).

``NmeaReader().read(stream, path)`` yields ``AisBatch``es; ``reader.account`` then holds the
``LineAccount`` (every line is consumed, ignored or quarantined, and it balances once the
iterator is exhausted). Memory is bounded by one batch of lines plus a few small windows.
``compressed.open_maybe_gzip(path)`` opens plain or gzip input by its magic bytes.

Per line (split on ``\\n``, surrounding whitespace and ``\\r`` removed, numbered from 1):

- blank → ``ignored["blank"]``; ``#`` comment → ``ignored["comment"]``;
- ``!ttVDM``/``!ttVDO`` (any two-character talker): checksum (XOR between ``!`` and ``*``),
  then payload alphabet and fill bits 0-5 (an empty payload is ``bad_armouring`` too), then
  fragment count/number (1-9, number <= count) else ``unknown_sentence``;
- leading tag blocks ``\\…*hh\\``: ``c:`` is the time; a bad tag block checksum is counted in
  ``tag_checksum_mismatches`` and the sentence kept (its own checksum still protects the
  payload; real logs carry placeholder tag checksums such as ``*00``);
  ``strict_tag_checksums=True`` quarantines the line as ``bad_checksum`` instead;
- any other well-formed sentence (``$BSALR``, ``$GPRMC``, ``!AIPWR``, ``$PGHP``…) with a valid
  checksum → ``ignored["$BSALR"]`` etc. (``$PGHP`` lines are ignored in the account and used as
  time metadata); a malformed ``VDM``/``VDO``, a sentence without ``*hh`` (truncated) and text
  that is not NMEA → ``unknown_sentence``; a bad checksum → ``bad_checksum``;
- text before the first ``!``, ``$`` or ``\\`` of a line (a logger's prefix) is skipped.

Messages: single fragments decode at once; fragments group by (address, count, sequential id,
channel) and may interleave with other lines. A group completes when fragments 1..N are all
there; the message's line is that of the fragment completing it, its time that of fragment 1.
A fragment is ``orphan_fragment`` (one row per line) when its group never completes: a repeated
fragment number for the key replaces the group, a group older than ``fragment_window`` lines
(100) expires, and the groups left at end of input are orphans. Groups carry across batches.
Payloads pyais cannot decode (see ``nmea_decode``) are ``undecodable``, one row per line.

Time of a message, first that applies: tag block ``c:`` > ``$PGHP`` > receiver time after the
checksum (``nmea_framing.receiver_time_ms``) > none (null, FLAG_NO_TIME). A ``$PGHP`` dates the
sentence whose checksum it names (its field 13), before or after it within ``pghp_window`` (50)
lines, and within ``pghp_arrival_tolerance_ms`` (1 s) of it when both lines end with a receive
time (AMSA's ``risky`` matches the same way); the nearest unmatched candidate wins. Messages
without a tag time wait up to ``pghp_window`` lines for their ``$PGHP``, so rows reach a batch
up to that many lines late (always in line order); the rest come out at end of input.

The whole input is rejected (``InputError``) when its first 4 KiB hold a NUL byte (binary), or
when no line holds a well-formed NMEA sentence (checked at the end, or after the first
``max(10,000, batch_lines)`` lines, before any batch is yielded).

``NmeaState.process(lines, first_line)`` is the per-chunk entry point (``process_lines`` wraps
it) for callers that route some lines elsewhere: each call takes consecutive lines.

``NmeaReader`` reads blocks of READ_BYTES and hands ``batch_lines`` whole lines at a time to
``ais_fast.decode_lines``, which decodes (with compiled numba kernels) every line whose outcome
it can prove equal to the per-line path's; only the rest goes through
``NmeaState.process_numbered`` with its true line numbers (``fast=False`` sends every line
there: the reference the tests compare against). Output is the same either way; positions
come out in line order within a batch.
"""

from __future__ import annotations

import gc
import gzip
import zlib
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from functools import reduce
from operator import xor
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from sanctionwatch.errors import InputError
from sanctionwatch.sources.ais_fast import FastResult, Pghp, decode_lines
from sanctionwatch.sources.ais_fast import positions_table as fast_positions
from sanctionwatch.sources.ais_records import (
    BAD_ARMOURING,
    BAD_CHECKSUM,
    FLAG_NO_TIME,
    ORPHAN_FRAGMENT,
    UNDECODABLE,
    UNKNOWN_SENTENCE,
    AisBatch,
    LineAccount,
)
from sanctionwatch.sources.compressed import open_maybe_gzip
from sanctionwatch.sources.nmea_decode import (
    Decoded,
    PositionCore,
    RawCore,
    StaticCore,
    decode_payload,
)
from sanctionwatch.sources.nmea_framing import (
    AIS_FRAMED,
    AIS_SENTENCE,
    ARMOURED,
    FILL_BITS,
    HEX_PAIR,
    SENTENCE_ADDRESS,
    SENTENCE_START,
    checksum,
    parse_tag_blocks,
    pghp_time,
    receiver_time_ms,
)
from sanctionwatch.sources.nmea_tables import (
    positions_table,
    quarantine_table,
    raw_table,
    statics_table,
)

SNIFF_BYTES = 4096  # a NUL byte in here: binary input
SNIFF_LINES = 10_000  # no NMEA sentence in this many lines (at least a batch): not NMEA
MAX_LINE_BYTES = 65_536  # a longer line is cut here (it is quarantined anyway)
READ_BYTES = 1 << 20  # read this much at a time
QUARANTINE_TEXT_CHARS = 1000
_BOM = b"\xef\xbb\xbf"
_BANG, _DOLLAR, _BACKSLASH, _HASH = 0x21, 0x24, 0x5C, 0x23
_SENTENCE_HEADS = (_BANG, _DOLLAR)
_AIS_FORMATTERS = (b"VDM", b"VDO")
_CORRUPT = (EOFError, zlib.error, gzip.BadGzipFile)  # what a damaged gzip stream raises

# One fragment: (line, payload, fill bits, raw line, checksum, tag time, receive time)
_Fragment = tuple[int, bytes, int, bytes, bytes, int | None, int | None]
_GroupKey = tuple[bytes, bytes, bytes, bytes]  # address, fragment count, sequential id, channel
# Pending $PGHP: (line, checksum of the sentence it dates, time, receive time of the line)
_Pghp = tuple[int, bytes, int, int | None]


class _Group:
    """Fragments of one multipart message received so far."""

    __slots__ = ("first_line", "missing", "parts")

    def __init__(self, count: int, first_line: int) -> None:
        self.first_line = first_line
        self.missing = count
        self.parts: list[_Fragment | None] = [None] * count


# A decoded message waiting (at most ``pghp_window`` lines) for its final time, as a list for
# speed: [line, time or None, time is final, checksums ("4A" or "4A,1C"), receive time, decoded]
_Held = list[Any]
_LINE, _TIME, _FINAL, _SUMS, _ARRIVAL, _DECODED = range(6)


def _close(a: int | None, b: int | None, tolerance: int) -> bool:
    return a is None or b is None or abs(a - b) <= tolerance


class NmeaState:
    """Everything that carries from one chunk of lines to the next, and the rows made so far."""

    def __init__(
        self,
        *,
        strict_tag_checksums: bool = False,
        fragment_window: int = 100,
        pghp_window: int = 50,
        pghp_arrival_tolerance_ms: int = 1000,
    ) -> None:
        self.account = LineAccount()
        self.message_types: Counter[int] = Counter()  # decoded messages by AIS type
        self.nmea_lines = 0  # lines holding a well-formed sentence (valid or not)
        self.tag_checksum_mismatches = 0  # accepted despite a bad tag block checksum
        self.last_line = 0
        self.strict_tag_checksums = strict_tag_checksums
        self.fragment_window = fragment_window
        self.pghp_window = pghp_window
        self.pghp_tolerance = pghp_arrival_tolerance_ms
        self._groups: dict[_GroupKey, _Group] = {}
        self._held: deque[_Held] = deque()
        self._pghp: deque[_Pghp] = deque()
        self._positions: list[tuple[int, int | None, PositionCore, int]] = []
        self._statics: list[tuple[int, int | None, StaticCore, int]] = []
        self._raw: list[tuple[int, int | None, RawCore]] = []
        self._quarantine: list[tuple[int, str, str]] = []
        self._fast: list[FastResult] = []  # ais_fast's rows waiting for take_batch

    # --- the per-line work -----------------------------------------------------------------

    def process(self, lines: Sequence[bytes], first_line: int) -> None:
        """Take consecutive lines (with or without their line ending), numbered from
        ``first_line``."""
        last = first_line + len(lines) - 1
        self.process_numbered(range(first_line, last + 1), lines, last)

    def process_numbered(
        self, numbers: Sequence[int], lines: Sequence[bytes], last_line: int
    ) -> None:
        """Take the lines of a chunk that ``ais_fast`` left (``numbers`` rising), the chunk
        ending at ``last_line``: windows and held messages advance as if all were seen.

        The cyclic garbage collector is paused meanwhile: a chunk builds a few hundred
        thousand acyclic tuples, which it would rescan again and again (~20% of the time).
        """
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._process(numbers, lines, last_line)
        finally:
            if was_enabled:
                gc.enable()

    def add_fast(self, result: FastResult) -> None:
        """Count the lines ``ais_fast`` handled; its rows join the next batch."""
        account = self.account
        account.lines += int(result.handled.sum())
        account.consumed += result.consumed
        account.messages += result.messages
        account.ignored.update(result.ignored)
        self.message_types.update(result.message_types)
        self.nmea_lines += result.sentences
        self.tag_checksum_mismatches += result.tag_checksum_mismatches
        self._fast.append(result)

    def _process(self, numbers: Sequence[int], lines: Sequence[bytes], last_line: int) -> None:
        ignored = self.account.ignored
        sentence = self._sentence
        for number, raw in zip(numbers, lines, strict=True):
            line = raw.strip()
            if not line:
                ignored["blank"] += 1
                continue
            head = line[0]
            if head in _SENTENCE_HEADS:
                sentence(number, raw, line, None)
            elif head == _BACKSLASH:
                self._tagged(number, raw, line)
            elif head == _HASH:
                ignored["comment"] += 1
            else:
                self._prefixed(number, raw, line)
        self.account.lines += len(lines)
        self.last_line = last_line
        self._expire_groups(last_line)
        self._flush(last_line)

    def _sentence(self, number: int, raw: bytes, text: bytes, tag_time: int | None) -> None:
        """``text`` starts with ``!`` or ``$``; ``tag_time`` comes from a tag block."""
        match = AIS_FRAMED.match(text)
        if match is None:
            self._not_framed(number, raw, text)
            return
        self.nmea_lines += 1
        count_digit, part_digit, sequence, channel, payload, fill_digit, stated = match.groups()
        star = match.end(6)
        if reduce(xor, text[1:star], 0) != int(stated, 16):
            self._reject(number, BAD_CHECKSUM, raw)
            return
        count = count_digit[0] - 48
        if part_digit[0] - 48 > count:
            self._reject(number, UNKNOWN_SENTENCE, raw)
            return
        arrival = receiver_time_ms(text[star + 3 :]) if len(text) > star + 3 else None
        if count > 1:
            fragment = (
                number, payload, fill_digit[0] - 48, raw, stated.upper(), tag_time, arrival
            )  # fmt: skip
            key = (text[1:6], count_digit, sequence, channel)
            self._fragment(number, key, count, part_digit[0] - 48, fragment)
            return
        decoded = decode_payload(payload, fill_digit[0] - 48)
        if decoded is None:
            self._reject(number, UNDECODABLE, raw)
            return
        account = self.account
        account.consumed += 1
        account.messages += 1
        self.message_types[decoded[0]] += 1
        self._emit(number, tag_time, arrival, stated.upper(), decoded)

    def _not_framed(self, number: int, raw: bytes, text: bytes) -> None:
        """Why a line is not a well-framed AIS sentence, or what other sentence it is."""
        match = AIS_SENTENCE.match(text)
        if match is None:
            self._other(number, raw, text)
            return
        self.nmea_lines += 1
        if checksum(text[1 : match.end(6)]) != int(match.group(7), 16):
            self._reject(number, BAD_CHECKSUM, raw)
            return
        payload = match.group(5)
        if match.group(6) not in FILL_BITS or not payload or ARMOURED.fullmatch(payload) is None:
            self._reject(number, BAD_ARMOURING, raw)
            return
        self._reject(number, UNKNOWN_SENTENCE, raw)  # fragment count or number unusable

    def _other(self, number: int, raw: bytes, text: bytes) -> None:
        """A line starting with ``!`` or ``$`` that is not a well-formed AIS sentence."""
        match = SENTENCE_ADDRESS.match(text)
        star = text.find(b"*")
        if match is None or star < 0 or HEX_PAIR.fullmatch(text[star + 1 : star + 3]) is None:
            self._reject(number, UNKNOWN_SENTENCE, raw)
            return
        self.nmea_lines += 1
        if checksum(text[1:star]) != int(text[star + 1 : star + 3], 16):
            self._reject(number, BAD_CHECKSUM, raw)
            return
        address = match.group(1)
        if len(address) == 5 and address[2:] in _AIS_FORMATTERS:
            self._reject(number, UNKNOWN_SENTENCE, raw)  # an AIS sentence with broken fields
            return
        if address == b"PGHP":
            self._pghp_line(number, text, star)
        self.account.ignored[chr(text[0]) + address.decode("ascii")] += 1

    def _tagged(self, number: int, raw: bytes, line: bytes) -> None:
        parsed = parse_tag_blocks(line)
        if parsed is None:
            self._reject(number, UNKNOWN_SENTENCE, raw)  # unterminated tag block
            return
        offset, tag_time, valid = parsed
        text = line[offset:]
        if not text or text[0] not in _SENTENCE_HEADS:
            self._reject(number, UNKNOWN_SENTENCE, raw)
            return
        if not valid:
            if self.strict_tag_checksums:
                self.nmea_lines += 1
                self._reject(number, BAD_CHECKSUM, raw)
                return
            self.tag_checksum_mismatches += 1
        self._sentence(number, raw, text, tag_time)

    def _prefixed(self, number: int, raw: bytes, line: bytes) -> None:
        found = SENTENCE_START.search(line)
        if found is None:
            self._reject(number, UNKNOWN_SENTENCE, raw)
            return
        text = line[found.start() :]
        if text[0] == _BACKSLASH:
            self._tagged(number, raw, text)
        else:
            self._sentence(number, raw, text, None)

    def _reject(self, number: int, reason: str, raw: bytes) -> None:
        self.account.quarantined[reason] += 1
        text = raw.rstrip(b"\r\n")[:QUARANTINE_TEXT_CHARS].decode("latin-1")
        self._quarantine.append((number, reason, text))

    # --- multipart messages ----------------------------------------------------------------

    def _fragment(
        self, number: int, key: _GroupKey, count: int, part: int, fragment: _Fragment
    ) -> None:
        groups = self._groups
        group = groups.get(key)
        if group is not None and (
            number - group.first_line > self.fragment_window or group.parts[part - 1] is not None
        ):
            del groups[key]
            self._orphan(group)
            group = None
        if group is None:
            group = groups[key] = _Group(count, number)
        group.parts[part - 1] = fragment
        group.missing -= 1
        if group.missing:
            return
        del groups[key]
        parts = [p for p in group.parts if p is not None]
        decoded = decode_payload(b"".join(p[1] for p in parts), parts[-1][2])
        if decoded is None:
            for p in parts:
                self._reject(p[0], UNDECODABLE, p[3])
            return
        account = self.account
        account.consumed += count
        account.messages += 1
        self.message_types[decoded[0]] += 1
        tag_time = next((p[5] for p in parts if p[5] is not None), None)
        arrival = next((p[6] for p in parts if p[6] is not None), None)
        self._emit(number, tag_time, arrival, b",".join(p[4] for p in parts), decoded)

    def _orphan(self, group: _Group) -> None:
        for p in group.parts:
            if p is not None:
                self._reject(p[0], ORPHAN_FRAGMENT, p[3])

    def _expire_groups(self, number: int) -> None:
        if not self._groups:
            return
        oldest = number - self.fragment_window
        for key in [k for k, g in self._groups.items() if g.first_line < oldest]:
            self._orphan(self._groups.pop(key))

    # --- times -----------------------------------------------------------------------------

    def _emit(
        self,
        number: int,
        tag_time: int | None,
        arrival: int | None,
        checksums: bytes,
        decoded: Decoded,
    ) -> None:
        """Hold a decoded message until its time is settled (see ``_flush``)."""
        if tag_time is not None:
            self._held.append([number, tag_time, True, checksums, arrival, decoded])
            return
        dated = self._take_pghp(number, checksums, arrival) if self._pghp else None
        if dated is not None:
            self._held.append([number, dated, True, checksums, arrival, decoded])
        else:
            self._held.append([number, arrival, False, checksums, arrival, decoded])

    def _take_pghp(self, number: int, checksums: bytes, arrival: int | None) -> int | None:
        """The time of the nearest pending ``$PGHP`` naming one of ``checksums``."""
        pending = self._pghp
        oldest = number - self.pghp_window
        while pending and pending[0][0] < oldest:
            pending.popleft()
        for index in range(len(pending) - 1, -1, -1):
            _, target, time_ms, pghp_arrival = pending[index]
            if target in checksums and _close(arrival, pghp_arrival, self.pghp_tolerance):
                del pending[index]
                return time_ms
        return None

    def _pghp_line(self, number: int, text: bytes, star: int) -> None:
        parsed = pghp_time(text[:star].split(b","))
        if parsed is None:
            return
        time_ms, target = parsed
        arrival = receiver_time_ms(text[star + 3 :])
        oldest = number - self.pghp_window
        for item in reversed(self._held):
            if item[_LINE] < oldest:
                break
            if (
                not item[_FINAL]
                and target in item[_SUMS]
                and _close(item[_ARRIVAL], arrival, self.pghp_tolerance)
            ):
                item[_TIME] = time_ms
                item[_FINAL] = True
                return
        self._pghp.append((number, target, time_ms, arrival))

    def _flush(self, number: int) -> None:
        """Move the held messages whose time is settled into the row buffers, in line order."""
        held = self._held
        oldest = number - self.pghp_window
        positions, statics, raws = self._positions, self._statics, self._raw
        while held and (held[0][_FINAL] or held[0][_LINE] < oldest):
            line, time_ms, _, _, _, (_, position, static, raw) = held.popleft()
            no_time = FLAG_NO_TIME if time_ms is None else 0
            if position is not None:
                positions.append((line, time_ms, position, no_time))
            if static is not None:
                statics.append((line, time_ms, static, no_time))
            if raw is not None:
                raws.append((line, time_ms, raw))

    def finish(self) -> None:
        """End of input: incomplete groups become orphans, every held message is written."""
        for group in self._groups.values():
            self._orphan(group)
        self._groups.clear()
        self._flush(self.last_line + self.pghp_window + 1)
        self._pghp.clear()

    # --- output ----------------------------------------------------------------------------

    def take_batch(self) -> AisBatch:
        """The rows made since the last call, as Arrow tables (positions in line order)."""
        fast, self._fast = self._fast, []
        batch = AisBatch(
            fast_positions(fast, self._positions) if fast else positions_table(self._positions),
            _joined(statics_table(self._statics), [f.statics for f in fast]),
            _joined(raw_table(self._raw), [f.raw for f in fast]),
            quarantine_table(self._quarantine),
        )
        self._positions = []
        self._statics = []
        self._raw = []
        self._quarantine = []
        return batch


def _joined(slow: pa.Table, fast: list[pa.Table]) -> pa.Table:
    """In line order, as the per-line path makes them (one row per line): the stored file
    is then the same whichever path read a line."""
    tables = [t for t in fast if t.num_rows]
    if not tables:
        return slow  # the per-line path's rows are in line order already
    return pa.concat_tables([slow, *tables]).sort_by("line")


def process_lines(lines: Sequence[bytes], first_line: int, state: NmeaState) -> None:
    """Process consecutive ``lines`` numbered from ``first_line`` into ``state``."""
    state.process(lines, first_line)


def _is_empty(batch: AisBatch) -> bool:
    return not (
        batch.positions.num_rows
        or batch.statics.num_rows
        or batch.raw.num_rows
        or batch.quarantine.num_rows
    )


class _Chunks:
    """The lines of ``head`` + the rest of ``stream``, ``size`` whole lines at a time as one
    buffer, read in blocks of READ_BYTES. A line longer than MAX_LINE_BYTES keeps only its
    first MAX_LINE_BYTES bytes once it spans blocks (a shorter cut is made per line later),
    so memory stays bounded whatever the input."""

    def __init__(self, stream: BinaryIO, head: bytes, size: int) -> None:
        self._stream = stream
        self._size = size
        self._pending = bytearray()
        self._newlines = np.zeros(0, dtype=np.int64)  # "\n" offsets in _pending
        self._given = 0  # lines handed out
        self._skipping = False  # inside an overlong line: drop bytes up to its "\n"
        self._eof = False
        self._append(head)

    @property
    def count(self) -> int:
        """Whole lines read from the stream so far (to place a read error)."""
        return self._given + self._newlines.size

    def take(self) -> tuple[bytes, npt.NDArray[np.int64]] | None:
        """The next buffer of lines and its "\n" offsets; None at the end."""
        while self._newlines.size < self._size and not self._eof:
            block = self._stream.read(READ_BYTES)
            if block:
                self._append(block)
            else:
                self._eof = True
        if self._newlines.size >= self._size:
            cut = int(self._newlines[self._size - 1]) + 1
            newlines = self._newlines[: self._size]
            self._newlines = self._newlines[self._size :] - cut
        elif self._pending:
            cut, newlines = len(self._pending), self._newlines
            self._newlines = np.zeros(0, dtype=np.int64)
        else:
            return None
        with memoryview(self._pending) as view:  # one copy (released before the resize)
            chunk = bytes(view[:cut])
        del self._pending[:cut]
        self._given += newlines.size
        return chunk, newlines

    def _append(self, block: bytes) -> None:
        if self._skipping:
            end = block.find(b"\n")
            if end < 0:
                return
            block = block[end:]
            self._skipping = False
        found = np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == 0x0A)
        self._newlines = np.concatenate([self._newlines, found + len(self._pending)])
        self._pending += block
        last = int(self._newlines[-1]) + 1 if self._newlines.size else 0
        if len(self._pending) - last > MAX_LINE_BYTES:  # an overlong unfinished line
            del self._pending[last + MAX_LINE_BYTES :]
            self._skipping = True


def _split(chunk: bytes) -> list[bytes]:
    """The lines of a chunk (no line endings kept), each cut at MAX_LINE_BYTES."""
    lines = chunk.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    if len(chunk) > MAX_LINE_BYTES and max(map(len, lines)) > MAX_LINE_BYTES:
        lines = [line[:MAX_LINE_BYTES] for line in lines]
    return lines


class NmeaReader:
    """Reads raw NMEA AIS logs; options as documented in the module and ``NmeaState``."""

    def __init__(
        self,
        *,
        strict_tag_checksums: bool = False,
        fragment_window: int = 100,
        pghp_window: int = 50,
        pghp_arrival_tolerance_ms: int = 1000,
        fast: bool = True,
    ) -> None:
        self.fast = fast  # False: every line through the per-line path (the reference)
        self._options = {
            "strict_tag_checksums": strict_tag_checksums,
            "fragment_window": fragment_window,
            "pghp_window": pghp_window,
            "pghp_arrival_tolerance_ms": pghp_arrival_tolerance_ms,
        }
        self.state = self._new_state()

    def _new_state(self) -> NmeaState:
        return NmeaState(
            strict_tag_checksums=bool(self._options["strict_tag_checksums"]),
            fragment_window=int(self._options["fragment_window"]),
            pghp_window=int(self._options["pghp_window"]),
            pghp_arrival_tolerance_ms=int(self._options["pghp_arrival_tolerance_ms"]),
        )

    @property
    def account(self) -> LineAccount:
        """The line account of the latest ``read`` (complete once its iterator is exhausted)."""
        return self.state.account

    @property
    def message_types(self) -> Counter[int]:
        """Decoded messages of the latest ``read`` by AIS message type."""
        return self.state.message_types

    @property
    def tag_checksum_mismatches(self) -> int:
        return self.state.tag_checksum_mismatches

    def read(
        self, stream: BinaryIO, path: Path, *, batch_lines: int = 200_000
    ) -> Iterator[AisBatch]:
        """Batches of ``stream`` (binary, already decompressed), read ``batch_lines`` at a time.

        ``path`` only names the input in errors.
        """
        if batch_lines < 1:
            raise ValueError("batch_lines must be at least 1")
        state = self.state = self._new_state()
        try:
            head = stream.read(SNIFF_BYTES)
        except _CORRUPT as exc:
            raise InputError(path, f"corrupt compressed data ({exc})", line=1) from exc
        if b"\x00" in head:
            line = head[: head.index(b"\x00")].count(b"\n") + 1
            raise InputError(path, "binary data (a NUL byte): not an NMEA text log", line=line)
        if head.startswith(_BOM):
            head = head[len(_BOM) :]
        chunks = _Chunks(stream, head, batch_lines)
        sniff_lines = max(SNIFF_LINES, batch_lines)
        waiting: list[AisBatch] = []
        pghp: list[Pghp] = []
        first = 1
        while True:
            try:
                taken = chunks.take()
            except _CORRUPT as exc:
                raise InputError(
                    path, f"corrupt or truncated compressed data ({exc})", line=chunks.count + 1
                ) from exc
            if taken is None:
                break
            if self.fast:
                first, pghp = _fast_chunk(state, *taken, first, pghp)
            else:
                lines = _split(taken[0])
                state.process(lines, first)
                first += len(lines)
            batch = state.take_batch()
            if not state.nmea_lines:
                if state.account.lines >= sniff_lines:
                    raise InputError(
                        path, f"no NMEA sentence in the first {state.account.lines:,} lines"
                    )
                waiting.append(batch)
                continue
            for ready in [*waiting, batch]:
                if not _is_empty(ready):
                    yield ready
            waiting.clear()
        state.finish()
        if not state.nmea_lines:
            reason = "no NMEA sentence" if state.account.lines else "empty file"
            raise InputError(path, f"{reason}: not an NMEA AIS log")
        for ready in [*waiting, state.take_batch()]:
            if not _is_empty(ready):
                yield ready

    def read_path(self, path: Path, *, batch_lines: int = 200_000) -> Iterator[AisBatch]:
        """``read`` on a file, plain or gzip."""
        with open_maybe_gzip(path) as stream:
            yield from self.read(stream, path, batch_lines=batch_lines)


def _fast_chunk(
    state: NmeaState, chunk: bytes, newlines: npt.NDArray[np.int64], first: int, pghp: list[Pghp]
) -> tuple[int, list[Pghp]]:
    """``ais_fast`` on a chunk, the per-line path on the lines it leaves (with their true
    numbers); returns the next chunk's first line and the $PGHP lines that may reach it."""
    result = decode_lines(
        chunk,
        first,
        pghp_window=state.pghp_window,
        pghp_before=pghp,
        hold_tail=True,  # a $PGHP early in the next chunk may date the last lines
        newlines=newlines,
        strict_tag_checksums=state.strict_tag_checksums,
    )
    state.add_fast(result)
    rest = np.flatnonzero(~result.handled)
    bounds = zip(result.starts[rest].tolist(), result.newlines[rest].tolist(), strict=True)
    lines = [chunk[low : min(high, low + MAX_LINE_BYTES)] for low, high in bounds]
    last = first + result.line_count - 1
    state.process_numbered((rest + first).tolist(), lines, last)
    return last + 1, result.pghp
