"""Line classes, AIS framing and the checks of every line (one numba kernel over the lines).

``line_bounds`` finds the lines; ``frame_lines`` gives every line its class:

- BLANK (empty) and COMMENT (``#`` first);
- leading tag blocks (``\\s:…,c:…*hh\\``) are read as ``nmea_framing.parse_tag_blocks`` reads
  them (``_tag_blocks``) and the sentence after them is classed as below; ``c:`` gives the
  time (plain digits only, else the line stays UNHANDLED), a wrong tag checksum is noted
  in ``tag_mismatch`` (with ``strict_tags`` the line stays UNHANDLED: the per-line path
  quarantines it). Other fields (``s:``, ``g:``, ``t:``…) mean nothing to the per-line path
  either: a ``g:`` group's sentences are fragments of one message only when the sentence
  says so (``2,1``…), and those are not single fragments;
- AIS: a single-fragment AIS sentence whose header, fill bits, ``*hh`` and optional receive
  time have exactly the forms the fast path handles (``ais_fast``'s docstring lists them),
  whose payload is in the 6-bit alphabet and whose checksum is right, listed with where its
  payload is (``FramedLines.ais``). A line with an AIS header is never another sentence, even
  when its checks fail;
- OTHER: a non-AIS sentence the per-line path ignores, as ``nmea_framing`` reads it: an
  address of 3-10 bytes ``A-Z 0-9 =`` after the ``!``/``$``, then ``,`` or ``*``; at most
  MAX_OTHER bytes; the first ``*`` followed by a valid checksum; not ``$PGHP`` (a time source,
  see ``fast_pghp``). Its kind goes to ``FramedLines.other_kinds`` (``fast_sentences``);
- PGHP: a line the per-line path may read as a ``$PGHP`` (its address is ``PGHP``, or it
  starts otherwise than ``!``, ``$`` or ``#`` and holds "PGHP" anywhere): left to the
  per-line path, and ``fast_pghp`` keeps the AIS sentences it may date there too;
- UNHANDLED: everything else, for the per-line path.

Bytes are read 8 at a time where it pays (checksums, the alphabet, the ``*`` search): the
buffer is also seen as little-endian uint64 words, and ``_load8`` reads 8 bytes anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sanctionwatch.sources.fast_arrays import I64, NEWLINE, U8, U64, Bools
from sanctionwatch.sources.fast_jit import helper, kernel

MIN_AIS = 20  # shortest AIS line handled (a 2-character payload)
MAX_PAYLOAD = 128  # longest payload handled (a single NMEA sentence holds at most 82)
MAX_OTHER = 96  # longest other sentence handled
MAX_TAGS = 512  # longest run of tag blocks handled (the per-line path cuts lines at 64 KiB)

# Line classes (``FramedLines.kind``): the fast path accounts for BLANK and above.
UNHANDLED, PGHP, BLANK, COMMENT, AIS, OTHER = range(6)
# Columns of ``FramedLines.ais``; TAGGED: 1 when TIME is a tag block's ``c:`` time
LINE, PSTART, LENGTH, FILL, CHECKSUM, TIME, TAGGED = range(7)
NO_TIME = -1  # fast_arrays.NO_TIME (a kernel reads only its own module's constants)
_BAD_TIME = -2  # a ``c:`` value not read simply: the line stays with the per-line path
_TAG_MS_ABOVE = 100_000_000_000  # nmea_framing: a ``c:`` value above 1e11 is milliseconds
_TAG_DIGITS = 15  # longer ``c:`` values (leading zeros aside) stay with the per-line path
_TAG_MS_LATEST = 253_402_300_800_000  # nmea_framing: from year 10000 on, a c: value is no time
GROUPS = 8  # 24-bit groups of a payload's first 32 characters kept (all of a position's)
ADDRESS_BASE = 38  # an other sentence's kind: its address codes 1-37 as a base-38 number
DOLLAR_KEY = ADDRESS_BASE**10  # added for "$" (the address has at most 10 bytes)


def _bytes8(text: bytes) -> np.uint64:
    """8 bytes as the little-endian word ``_load8`` reads."""
    word: np.uint64 = np.frombuffer(text, dtype="<u8")[0]
    return word


def _repeat(byte: int) -> np.uint64:
    return _bytes8(bytes([byte]) * 8)


_HIGH, _LOW = _repeat(0x80), _repeat(0x01)
_ZEROS, _STARS, _GAP, _GAP_BITS = _repeat(0x30), _repeat(0x2A), _repeat(0x58), _repeat(0xF8)
_PLUS_8, _PLUS_88 = _repeat(0x08), _repeat(0x58)
_PAIR_LOW, _QUAD_LOW = _bytes8(b"\x3f\x00" * 4), _bytes8(b"\xff\x0f\x00\x00" * 2)
_GROUP, _FOUR, _SIX, _TWELVE = np.uint64(0xFFFFFF), np.uint64(4), np.uint64(6), np.uint64(12)
_SIXTEEN, _THIRTY_TWO = np.uint64(16), np.uint64(32)
_HEAD_MASK = _bytes8(b"\xff\xff\xfd\xff\xff\xff\xff\xff")  # bytes 3-10; M/O differ in bit 1
_HEAD_WANT = _bytes8(b"VDM,1,1,")
_BYTE, _ONE, _EIGHT, _63 = np.uint64(0xFF), np.uint64(1), np.uint64(8), np.uint64(63)


def line_bounds(data: U8, newlines: I64 | None = None) -> tuple[I64, I64]:
    """Start and "\\n" offset of every line (for a last line without one: the data's end)."""
    if data.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    if newlines is None:
        newlines = np.flatnonzero(data == NEWLINE)
    if data[-1] != NEWLINE:
        newlines = np.append(newlines, data.size)
    starts = np.empty_like(newlines)
    starts[0] = 0
    starts[1:] = newlines[:-1] + 1
    return starts, newlines


@dataclass(frozen=True)
class FramedLines:
    kind: U8  # per line: UNHANDLED, PGHP, BLANK, COMMENT, AIS or OTHER
    ais: I64  # per AIS line, in line order: LINE, PSTART, LENGTH, FILL, CHECKSUM, TIME, TAGGED
    groups: npt.NDArray[np.int32]  # per AIS line: its payload's first GROUPS 24-bit groups
    other_kinds: I64  # per OTHER line, in line order: its kind (see ``fast_sentences``)
    tag_mismatch: Bools  # per line: its tag blocks hold a wrong checksum (lenient only)


def frame_lines(data: U8, starts: I64, newlines: I64, *, strict_tags: bool = False) -> FramedLines:
    """The lines at ``starts`` that end at ``newlines`` (a "\\r" before it is no part).

    ``strict_tags``: a line whose tag block checksum is wrong stays with the per-line path
    (which quarantines it); else it is read on, and ``tag_mismatch`` says so."""
    n = starts.size
    kind, other_kinds = np.empty(n, dtype=np.uint8), np.empty(n, dtype=np.int64)
    ais, groups = np.empty((n, 7), dtype=np.int64), np.empty((n, GROUPS), dtype=np.int32)
    mismatch = np.zeros(n, dtype=np.bool_)
    words = np.frombuffer(data, dtype=np.uint64, count=data.size // 8)
    if not words.flags.aligned:
        words = words.copy()
        words.setflags(write=False)
    # The kernel reads whole words, up to 15 bytes past a line: the last lines are read from a
    # copy of the buffer's end, padded with zeros.
    split = int(np.searchsorted(newlines, 8 * (words.size - 2), side="right"))
    count, others = _frame(
        data, words, starts[:split], newlines[:split], 0, 0, strict_tags, kind, ais, groups,
        other_kinds, mismatch,
    )  # fmt: skip
    if split < n:
        base = int(starts[split])
        tail = np.zeros((data.size - base) // 8 + 3, dtype=np.uint64)
        tail.view(np.uint8)[: data.size - base] = data[base:]
        tail.setflags(write=False)  # as ``data`` from bytes: one compiled signature
        more, more_others = _frame(
            tail.view(np.uint8), tail, starts[split:] - base, newlines[split:] - base, split,
            base, strict_tags, kind[split:], ais[count:], groups[count:], other_kinds[others:],
            mismatch[split:],
        )  # fmt: skip
        count, others = count + more, others + more_others
    return FramedLines(kind, ais[:count], groups[:count], other_kinds[:others], mismatch)


@kernel
def _frame(
    data: U8, words: U64, starts: I64, newlines: I64, first: int, base: int, strict: bool,
    kind: U8, ais: I64, groups: npt.NDArray[np.int32], other_kinds: I64, mismatch: Bools,
) -> tuple[int, int]:  # fmt: skip
    """Lines ``first``… at ``starts`` + ``base`` in the whole buffer; ``data`` and ``words``
    reach at least 16 bytes past every line end. Returns the AIS and OTHER lines found."""
    count, others = 0, 0
    for line in range(starts.size):
        start, end = starts[line], newlines[line]
        if end > start and data[end - 1] == 13:  # "\r\n"
            end -= 1
        kind[line] = UNHANDLED
        if end == start:
            kind[line] = BLANK
            continue
        head = data[start]
        if head == 35:  # "#"
            kind[line] = COMMENT
            continue
        tag_time = NO_TIME
        if head != 33 and head != 36:  # not "!" or "$": a prefix, a tag block…
            if _holds_pghp(data, start, end):
                kind[line] = PGHP
                continue
            if head != 92:  # a prefix: the per-line path searches for the sentence
                continue
            start, tag_time, valid = _tag_blocks(data, start, end)
            if start < 0 or (strict and not valid) or (data[start] != 33 and data[start] != 36):
                continue
            mismatch[line] = not valid
        elif end - start >= 5 and _pghp_at(data, start + 1):
            kind[line] = PGHP
            continue
        header = _header_len(data, words, start) if end - start >= MIN_AIS else 0
        if header:
            if _ais(data, words, start, end, header, ais, count, groups):
                ais[count, LINE] = first + line
                ais[count, PSTART] += base
                ais[count, TAGGED] = 0 if tag_time == NO_TIME else 1
                if tag_time != NO_TIME:  # the tag block's time comes first
                    ais[count, TIME] = tag_time
                kind[line] = AIS
                count += 1
        elif end - start <= MAX_OTHER:
            key = _other_kind(data, words, start, end)
            if key >= 0:
                kind[line] = OTHER
                other_kinds[others] = key
                others += 1
    return count, others


@helper
def _load8(words: U64, at: int) -> np.uint64:
    """The 8 bytes at ``at`` as a little-endian word; ``at`` < 8 * (words.size - 1)."""
    word, shift = at >> 3, np.uint64(8 * (at & 7))
    value: np.uint64 = (words[word] >> shift) | ((words[word + 1] << _ONE) << (_63 - shift))
    return value  # (two shifts for the high word: by 64 would shift by 0)


@helper
def _pghp_at(data: U8, at: int) -> bool:
    return bool(data[at] == 80 and data[at + 1] == 71 and data[at + 2] == 72 and data[at + 3] == 80)


@helper
def _holds_pghp(data: U8, start: int, end: int) -> bool:
    for at in range(start, end - 3):  # noqa: SIM110 - numba compiles loops, not generators
        if _pghp_at(data, at):
            return True
    return False


@helper
def _below(count: int) -> np.uint64:
    """A mask of the low ``count`` (0-7) bytes of a word."""
    return (_ONE << np.uint64(8 * count)) - _ONE


@helper
def _has_zero(word: np.uint64) -> np.uint64:
    """Nonzero when some byte of ``word`` is 0 (its lowest flagged byte is the first 0)."""
    return (word - _LOW) & ~word & _HIGH


@helper
def _invalid(word: np.uint64) -> np.uint64:
    """Nonzero when a byte of ``word`` is outside the 6-bit alphabet: 48-87 or 96-119. Tests:
    a byte >= 128; one below 48 ((x - 48s) & ~x & 128s, exact when no byte has its high bit);
    one above 119 (((x + 8s) | x) & 128s); one in 88-95 (top 5 bits 01011)."""
    bad = word & _HIGH
    bad |= (word - _ZEROS) & ~word & _HIGH
    bad |= ((word + _PLUS_8) | word) & _HIGH
    return bad | _has_zero((word ^ _GAP) & _GAP_BITS)


@helper
def _sextets(word: np.uint64) -> np.uint64:
    """8 payload characters (first in the low byte) -> their 48 bits as two 24-bit groups,
    the first 4 characters in the low 32 bits, each group's first character highest."""
    word -= _ZEROS  # each byte 0-39 or 48-71
    word -= ((word + _PLUS_88) & _HIGH) >> _FOUR  # 48-71 -> 40-63: minus 8 where >= 40
    pairs = ((word & _PAIR_LOW) << _SIX) | ((word >> _EIGHT) & _PAIR_LOW)  # 12 bits per 16
    return ((pairs & _QUAD_LOW) << _TWELVE) | ((pairs >> _SIXTEEN) & _QUAD_LOW)  # 24 per 32


@helper
def _payload(
    words: U64, pstart: int, end: int, groups: npt.NDArray[np.int32]
) -> tuple[np.uint64, bool]:
    """The XOR of the payload bytes (``pstart`` to before ``end``; not folded: 8 lanes) and
    whether all are in the 6-bit alphabet. Fills ``groups`` with the payload's first GROUPS
    24-bit groups (characters past the end read as "0": 0 bits)."""
    acc, bad = np.uint64(0), np.uint64(0)
    at, group = pstart, 0
    while at < end:
        word = _load8(words, at)
        if end - at < 8:
            keep = _below(end - at)
            word &= keep
            acc ^= word
            word |= _ZEROS & ~keep
        else:
            acc ^= word
        bad |= _invalid(word)
        if group < GROUPS:
            bits = _sextets(word)
            groups[group] = bits & _GROUP
            groups[group + 1] = (bits >> _THIRTY_TWO) & _GROUP
            group += 2
        at += 8
    while group < GROUPS:
        groups[group] = 0
        group += 1
    return acc, bad == 0


@helper
def _field_byte(byte: int) -> bool:
    """A sequential id or channel byte: not "," or "*"."""
    return byte != 44 and byte != 42


@helper
def _talker_byte(byte: int) -> bool:
    """What the per-line path's [^,*!$\\\\] accepts."""
    return byte != 44 and byte != 42 and byte != 33 and byte != 36 and byte != 92


@helper
def _header_len(data: U8, words: U64, at: int) -> int:
    """13-15 for "[!$]tt" "VD[MO],1,1," [id] "," [channel] ",", else 0."""
    if (_load8(words, at + 3) & _HEAD_MASK) != _HEAD_WANT:
        return 0
    if not (_talker_byte(data[at + 1]) and _talker_byte(data[at + 2])):
        return 0
    b11, b12, b13, b14 = data[at + 11], data[at + 12], data[at + 13], data[at + 14]
    if b11 == 44 and b12 == 44:
        return 13
    if b13 == 44 and ((b11 == 44 and _field_byte(b12)) or (_field_byte(b11) and b12 == 44)):
        return 14
    if _field_byte(b11) and b12 == 44 and _field_byte(b13) and b14 == 44:
        return 15
    return 0


@helper
def _hex(byte: int) -> int:
    """The nibble of a hex digit (either case), -1 for any other byte."""
    if 48 <= byte <= 57:
        return byte - 48
    if 65 <= byte <= 70:
        return byte - 55
    if 97 <= byte <= 102:
        return byte - 87
    return -1


@helper
def _receive_time(data: U8, star: int, end: int) -> int:
    """The receive time in ms after ",F*hh,": 10 digits (seconds) or 13 (ms) up to ``end``,
    the first not 0 (the per-line path's ``receiver_time_ms`` reads only those so); else -1."""
    width = end - star - 4
    if (width != 10 and width != 13) or data[star + 3] != 44 or data[star + 4] == 48:
        return -1
    value = 0
    for at in range(star + 4, end):
        digit = data[at] - 48
        if digit < 0 or digit > 9:
            return -1
        value = value * 10 + digit
    return value * 1000 if width == 10 else value


@helper
def _ais(
    data: U8, words: U64, start: int, end: int, header: int, ais: I64, row: int,
    groups: npt.NDArray[np.int32],
) -> bool:  # fmt: skip
    """Checks a line with an AIS header; fills ``ais[row]`` (PSTART .. TIME) and
    ``groups[row]`` when handled.

    The line ends ",F*hh", or ",F*hh," and a receive time of 10 or 13 digits.
    """
    time = NO_TIME
    if data[end - 3] == 42:
        star = end - 3
    elif data[end - 14] == 42:
        star = end - 14
        time = _receive_time(data, star, end)
    elif data[end - 17] == 42:
        star = end - 17
        time = _receive_time(data, star, end)
    else:
        return False
    if star != end - 3 and time < 0:
        return False
    high, low, fill = _hex(data[star + 1]), _hex(data[star + 2]), data[star - 1] - 48
    pstart = start + header
    length = star - 2 - pstart
    if data[star - 2] != 44 or fill < 0 or fill > 5 or high < 0 or low < 0:
        return False
    if length < 1 or length > MAX_PAYLOAD:
        return False
    acc, armoured = _payload(words, pstart, star - 2, groups[row])
    if not armoured:
        return False
    acc ^= _load8(words, start + 1) ^ (_load8(words, start + 9) & _below(header - 9))
    if _fold(acc) ^ 44 ^ data[star - 1] != high << 4 | low:  # ",F" too
        return False
    ais[row, PSTART], ais[row, LENGTH], ais[row, FILL] = pstart, length, fill
    ais[row, CHECKSUM], ais[row, TIME] = high << 4 | low, time
    return True


@helper
def _tag_time(data: U8, low: int, high: int) -> int:
    """A ``c:`` value (``low`` to before ``high``) as ``nmea_framing.tag_time_ms`` reads it:
    ms, NO_TIME when it gives none (empty, 0), _BAD_TIME when it is not plain digits."""
    if low == high:
        return NO_TIME  # int(b"") fails: no time
    while low < high - 1 and data[low] == 48:  # leading zeros
        low += 1
    if high - low > _TAG_DIGITS:
        return _BAD_TIME
    value = 0
    for at in range(low, high):
        digit = data[at] - 48
        if digit < 0 or digit > 9:
            return _BAD_TIME  # sign, fraction, spaces…: float/int rules, left to Python
        value = value * 10 + digit
    if value == 0:
        return NO_TIME
    if value >= _TAG_MS_LATEST:
        return _BAD_TIME  # past year 9999: the per-line path decides (no time)
    return value if value > _TAG_MS_ABOVE else value * 1000


@helper
def _tag_blocks(data: U8, start: int, end: int) -> tuple[int, int, bool]:
    """The leading tag blocks ``\\…\\`` of a line as ``nmea_framing.parse_tag_blocks`` reads
    them: (where the sentence starts, the last ``c:`` time in ms or NO_TIME, every ``*hh``
    right). The start is -1 when the per-line path must read the line: a tag block not
    terminated, longer than MAX_TAGS in all, or a ``c:`` value not plain digits."""
    at, time, valid = start, NO_TIME, True
    while at < end and data[at] == 92:
        close = at + 1
        while close < end and data[close] != 92:
            close += 1
        if close >= end or close - start > MAX_TAGS:
            return -1, NO_TIME, False
        star = close - 1
        while star > at and data[star] != 42:  # the last "*" of the group
            star -= 1
        body_end = close
        if star > at:
            body_end = star
            sum_ = 0
            for k in range(at + 1, star):
                sum_ ^= data[k]
            high = _hex(data[star + 1]) if close - star == 3 else -1
            low = _hex(data[star + 2]) if close - star == 3 else -1
            if high < 0 or low < 0 or sum_ != high << 4 | low:
                valid = False
        item = at + 1
        while item <= body_end:  # items split on ","; the last "c:" wins
            stop = item
            while stop < body_end and data[stop] != 44:
                stop += 1
            if stop - item >= 2 and data[item] == 99 and data[item + 1] == 58:  # "c:"
                time = _tag_time(data, item + 2, stop)
                if time == _BAD_TIME:
                    return -1, NO_TIME, False
            item = stop + 1
        at = close + 1
    return at, time, valid


@helper
def _address_code(byte: int) -> int:
    """1-26 for A-Z, 27-36 for 0-9, 37 for "=", else 0."""
    if 65 <= byte <= 90:
        return byte - 64
    if 48 <= byte <= 57:
        return byte - 21
    return 37 if byte == 61 else 0


@helper
def _to_star(data: U8, words: U64, low: int, high: int) -> tuple[int, int]:
    """The offset of the first "*" from ``low`` to before ``high`` (``high`` when none) and
    the XOR of the bytes before it."""
    acc = np.uint64(0)
    at = low
    while at < high:
        word = _load8(words, at)
        if _has_zero(word ^ _STARS) or high - at < 8:  # the "*" or the end is in this word
            for k in range(at, min(at + 8, high)):
                if data[k] == 42:
                    return k, _fold(acc ^ (word & _below(k - at)))
            return high, 0
        acc ^= word
        at += 8
    return high, 0


@helper
def _fold(acc: np.uint64) -> int:
    """The XOR of a word's 8 bytes."""
    acc ^= acc >> np.uint64(32)
    acc ^= acc >> np.uint64(16)
    acc ^= acc >> _EIGHT
    return int(acc & _BYTE)


@helper
def _other_kind(data: U8, words: U64, start: int, end: int) -> int:
    """An other sentence's kind (``fast_sentences``), -1 when the line is not one."""
    size = end - start
    key, scale, address = 0, 1, 0  # address: its length so far
    while address < 11 and address + 1 < size:
        code = _address_code(data[start + 1 + address])
        if code == 0:
            break
        key += code * scale
        scale *= ADDRESS_BASE
        address += 1
    if address < 3 or address > 10 or address + 1 >= size:
        return -1
    term = data[start + 1 + address]
    if term != 44 and term != 42:  # "," or "*"
        return -1
    ais = data[start + 3] == 86 and data[start + 4] == 68 and (data[start + 5] | 2) == 79
    if (address == 5 and ais) or (address == 4 and _pghp_at(data, start + 1)):
        return -1  # an AIS header ("VDM"/"VDO"), or a time source ($PGHP)
    star, xor = _to_star(data, words, start + 1, end)
    if star + 3 > end:
        return -1
    high, low = _hex(data[star + 1]), _hex(data[star + 2])
    if high < 0 or low < 0 or xor != high << 4 | low:
        return -1
    return key + (DOLLAR_KEY if data[start] == 36 else 0)
