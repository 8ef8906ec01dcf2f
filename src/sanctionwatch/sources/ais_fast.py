"""Vectorised decoder for the bulk of a raw AIS log: single-fragment position reports.

``decode_lines`` takes a buffer of complete NMEA lines and decodes, with numpy and no per-line
Python loop, exactly the lines whose framing it can prove correct; every other line is left to
the slow path (``handled`` False). A line is handled only when ALL of these hold:

- ``!`` + two-letter talker (A-Z) + ``VDM`` or ``VDO``, no tag block or leading byte;
- fragment count 1, fragment number 1; sequential id empty or one digit; channel empty or
  one of ``A B 1 2``;
- payload of the exact length of its type (28 characters for types 1, 2, 3, 18; 16 for type
  27), only 6-bit characters (ASCII 48-87, 96-119), fill bits ``0``;
- ``*`` + two hex digits (either case) equal to the XOR of the bytes between ``!`` and ``*``;
- nothing after the checksum but one optional ``\\r`` (a line with trailing receiver fields
  carries a time the slow path must read).

Lines hold 13-15 header bytes + payload + ``,0*HH``, so a line's length fixes its payload
length and every byte's role; each byte is checked against that role, so the structure is
proven without a parser.

Fields follow ITU-R M.1371: latitude/longitude at 1/600000 degree (type 27: 1/600, 17/18-bit),
speed in 0.1 kn (type 27: 6-bit knots, 63 = n/a), course in 0.1 degree (type 27: 9-bit degrees,
511 = n/a), heading 511 = n/a (type 27 has none: null), status 4-bit (type 18 has none: null).
Raw values are kept; unusual ones are flagged as in ``ais_records``. Type 27 rows carry no
heading, so FLAG_HEADING_NOT_AVAILABLE (a raw 511) is never set on them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, replace

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from sanctionwatch.sources.ais_records import (
    FLAG_COURSE_NOT_AVAILABLE,
    FLAG_HEADING_NOT_AVAILABLE,
    FLAG_MMSI_NOT_9_DIGITS,
    FLAG_NO_TIME,
    FLAG_POSITION_NOT_AVAILABLE,
    FLAG_POSITION_OUT_OF_RANGE,
    FLAG_SPEED_NOT_AVAILABLE,
    POSITIONS,
    VESSEL,
)

U8 = npt.NDArray[np.uint8]
U16 = npt.NDArray[np.uint16]
U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

MIN_HEADER = 13  # "!AIVDM,1,1,,," ; one-character id and channel make it 15
HEAD = 16  # bytes gathered from each line start: the header, then at least the type character
TAIL = 5  # ",0*HH"
COMMA, STAR, NEWLINE, CR = ord(","), ord("*"), ord("\n"), ord("\r")
BAD_PAIR = 0x8000  # pair-table value when a byte is outside the 6-bit alphabet
BLOCK_BYTES = 4 << 20  # decode in blocks of about this size, so intermediates stay in cache


@dataclass(frozen=True)
class FastResult:
    handled: Bools  # one per line: True = this line was fully decoded here
    positions: pa.Table  # POSITIONS rows for the handled lines, in line order
    line_count: int


@dataclass(frozen=True)
class _Layout:
    """One payload length and the message types that have exactly that length."""

    chars: int
    types: Bools  # by armoured first character: "1" = type 1, "B" = 18, "K" = 27


def _byte_table(valid: bytes) -> Bools:
    table = np.zeros(256, dtype=np.bool_)
    table[np.frombuffer(valid, dtype=np.uint8)] = True
    return table


LONG = _Layout(28, _byte_table(b"123B"))  # 168 bits
SHORT = _Layout(16, _byte_table(b"K"))  # 96 bits


@dataclass(frozen=True)
class _Rows:
    """Decoded columns of handled lines, in line order (parallel numpy arrays)."""

    index: I64  # 0-based line index in the buffer
    msg_type: npt.NDArray[np.int8]
    mmsi: I64
    lat: npt.NDArray[np.float64]
    lon: npt.NDArray[np.float64]
    speed: npt.NDArray[np.float32]
    course: npt.NDArray[np.float32]
    heading: npt.NDArray[np.int16]
    heading_null: Bools
    status: npt.NDArray[np.int8]
    status_null: Bools
    accuracy: Bools
    flags: npt.NDArray[np.int32]


def _pair_table() -> U16:
    """Two payload bytes, read as a little-endian uint16, -> their 12 bits (first sextet high);
    BAD_PAIR when either byte is outside the 6-bit alphabet (ASCII 48-87, 96-119)."""
    sextet = np.full(256, -1, dtype=np.int32)
    sextet[48:88] = np.arange(0, 40)
    sextet[96:120] = np.arange(40, 64)
    code = np.arange(1 << 16)
    first, second = sextet[code & 0xFF], sextet[code >> 8]
    table = np.full(1 << 16, BAD_PAIR, dtype=np.uint16)
    valid = (first >= 0) & (second >= 0)
    table[valid] = (first[valid] << 6) | second[valid]
    return table


def _hex_table() -> U8:
    """ASCII byte -> nibble; 0xFF for a non-hex byte. Both letter cases are accepted."""
    table = np.full(256, 0xFF, dtype=np.uint8)
    for digits, first in ((b"0123456789", 0), (b"ABCDEF", 10), (b"abcdef", 10)):
        table[np.frombuffer(digits, dtype=np.uint8)] = np.arange(first, first + len(digits))
    return table


def _head_masks() -> U8:
    """Row ``h``: 0xFF over header bytes 1..h-1 (after "!", up to the payload comma)."""
    masks = np.zeros((HEAD + 1, HEAD), dtype=np.uint8)
    for length in range(2, HEAD + 1):
        masks[length, 1:length] = 0xFF
    return masks


PAIRS = _pair_table()
HEX = _hex_table()
HEAD_MASKS = _head_masks()
DIGIT = _byte_table(b"0123456789")
CHANNEL = _byte_table(b"AB12")


def _word(text: bytes) -> np.uint64:
    word: np.uint64 = np.frombuffer(text, dtype="<u8")[0]
    return word


# Header bytes 0-7 "!ttVDM,1" (talker free; M/O differ only in bit 1, masked out) and 8-10 ",1,".
HEAD0_MASK = _word(b"\xff\x00\x00\xff\xff\xfd\xff\xff")
HEAD0_WANT = _word(b"!\x00\x00VDM,1")
HEAD1_MASK = _word(b"\xff\xff\xff\x00\x00\x00\x00\x00")
HEAD1_WANT = _word(b",1,\x00\x00\x00\x00\x00")


def decode_lines(buf: bytes, first_line: int = 1) -> FastResult:
    """Decode the single-fragment position reports in ``buf`` (complete ``\\n``-separated lines)."""
    data = np.frombuffer(buf, dtype=np.uint8)
    handled: list[Bools] = []
    rows: list[_Rows] = []
    lines = 0
    for low, high in _blocks(buf):
        block_handled, block_rows = _decode_block(data[low:high])
        handled.append(block_handled)
        rows.append(_offset(block_rows, lines))
        lines += block_handled.size
    if not rows:
        block_handled, block_rows = _decode_block(data)
        handled, rows = [block_handled], [block_rows]
    table = _to_table(_concat(rows), first_line)
    return FastResult(np.concatenate(handled), table, lines)


def _blocks(buf: bytes) -> Iterator[tuple[int, int]]:
    """Byte ranges of about BLOCK_BYTES, each ending after a newline (or at the end): small
    enough that each step's intermediate arrays stay in cache."""
    low = 0
    while low < len(buf):
        cut = buf.find(b"\n", low + BLOCK_BYTES)
        high = len(buf) if cut < 0 else cut + 1
        yield low, high
        low = high


def _decode_block(data: U8) -> tuple[Bools, _Rows]:
    starts, ends = _line_bounds(data)
    handled = np.zeros(starts.size, dtype=np.bool_)
    groups = [_decode_layout(data, starts, ends, layout) for layout in (LONG, SHORT)]
    for rows in groups:
        handled[rows.index] = True
    return handled, _merge(groups, handled)


def _line_bounds(data: U8) -> tuple[I64, I64]:
    """Start and end (exclusive, before "\\r\\n" or "\\n") of every line."""
    if data.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    ends = np.flatnonzero(data == NEWLINE)
    if data[-1] != NEWLINE:  # a last line without "\\n"
        ends = np.append(ends, data.size)
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    before = np.maximum(ends - 1, 0)
    has_cr = (ends > starts) & (data[before] == CR)
    return starts, ends - has_cr


def _gather(data: U8, offsets: I64, width: int) -> U8:
    """Row i = data[offsets[i] : offsets[i] + width], via one fixed-size copy per row."""
    if offsets.size == 0:
        return np.zeros((0, width), dtype=np.uint8)
    # Overlapping records of `width` bytes, one per byte offset: indexing copies whole records.
    records: npt.NDArray[np.void] = np.ndarray(
        shape=(data.size - width + 1,), dtype=np.dtype(f"V{width}"), buffer=data, strides=(1,)
    )
    return records[offsets].view(np.uint8).reshape(offsets.size, width)


def _decode_layout(data: U8, starts: I64, ends: I64, layout: _Layout) -> _Rows:
    """Find, verify and decode the lines of one payload length."""
    lengths = ends - starts
    shortest = MIN_HEADER + layout.chars + TAIL
    index = np.flatnonzero((lengths >= shortest) & (lengths <= shortest + 2))
    head = _gather(data, starts[index], HEAD)
    header_len = lengths[index] - (layout.chars + TAIL)
    keep = _header_ok(head, header_len, layout.types)
    if not keep.all():
        index, head, header_len = index[keep], head[keep], header_len[keep]
    payload_start = ends[index] - (layout.chars + TAIL)
    payload = _gather(data, payload_start, layout.chars)
    pairs = PAIRS[payload.view("<u2")]
    tail = _gather(data, payload_start + layout.chars, TAIL)
    keep = _tail_ok(tail, _checksum(head, header_len, payload)) & _armour_ok(pairs)
    if not keep.all():
        index, pairs = index[keep], pairs[keep]
    if layout is SHORT:
        return _decode_type27(index, pairs)
    return _decode_long(index, pairs)


def _header_ok(head: U8, header_len: I64, types: Bools) -> Bools:
    """ "!ttVD[MO],1,1,[seq],[chan]," then a payload whose first character names a wanted type."""
    words = head.view("<u8")
    fixed = ((words[:, 0] & HEAD0_MASK) == HEAD0_WANT) & ((words[:, 1] & HEAD1_MASK) == HEAD1_WANT)
    talker = ((head[:, 1] - np.uint8(65)) < 26) & ((head[:, 2] - np.uint8(65)) < 26)
    first = head[np.arange(head.shape[0]), header_len]
    ok: Bools = fixed & talker & _id_fields_ok(head, header_len) & types[first]
    return ok


def _id_fields_ok(head: U8, header_len: I64) -> Bools:
    """Bytes 11..: sequential id (empty or a digit), comma, channel (empty or A/B/1/2), comma."""
    c11, c12, c13, c14 = (head[:, i] == COMMA for i in range(11, 15))
    seq11 = DIGIT[head[:, 11]]
    chan12, chan13 = CHANNEL[head[:, 12]], CHANNEL[head[:, 13]]
    bare = (header_len == MIN_HEADER) & c11 & c12
    one_field = (header_len == MIN_HEADER + 1) & c13 & ((c11 & chan12) | (seq11 & c12))
    both = (header_len == MIN_HEADER + 2) & seq11 & c12 & chan13 & c14
    ok: Bools = bare | one_field | both
    return ok


def _fold_rows(rows: U8 | U16, xor: bool) -> U32:
    """XOR (or OR) of each row's uint32 words; rows are 4-byte multiples."""
    words = rows.view("<u4")
    acc = words[:, 0].copy()
    for column in range(1, words.shape[1]):
        if xor:
            acc ^= words[:, column]
        else:
            acc |= words[:, column]
    return acc


def _xor_bytes(rows: U8) -> U8:
    acc = _fold_rows(rows, xor=True)
    acc ^= acc >> 16
    acc ^= acc >> 8
    return (acc & 0xFF).astype(np.uint8)


def _checksum(head: U8, header_len: I64, payload: U8) -> U8:
    """NMEA checksum: XOR of header (after "!"), payload and the fixed ",0" before "*"."""
    header = _xor_bytes(head & HEAD_MASKS[header_len])
    return header ^ _xor_bytes(payload) ^ np.uint8(COMMA ^ ord("0"))


def _tail_ok(tail: U8, checksum: U8) -> Bools:
    """ ",0*HH" with HH (hex, either case) equal to the computed checksum."""
    high, low = HEX[tail[:, 3]], HEX[tail[:, 4]]
    framed = (tail[:, 0] == COMMA) & (tail[:, 1] == ord("0")) & (tail[:, 2] == STAR)
    ok: Bools = framed & (high != 0xFF) & (low != 0xFF) & (((high << 4) | low) == checksum)
    return ok


def _armour_ok(pairs: U16) -> Bools:
    ok: Bools = (_fold_rows(pairs, xor=False) & np.uint32(BAD_PAIR * 0x10001)) == 0
    return ok


def _bit_words(pairs: U16, count: int) -> U64:
    """``count`` 48-bit words; word j holds message bits 24j..24j+47, so a field at bit
    offset o of width w with o - 24j + w <= 48 is read from word j with one shift and mask."""
    quads = pairs.view("<u4")[:, : count + 1]  # two 12-bit pairs, first one in the low half
    groups = (((quads & 0xFFF) << 12) | (quads >> 16)).astype(np.uint64)  # 24 bits each
    return (groups[:, :-1] << np.uint64(24)) | groups[:, 1:]


def _bits(word: U64, shift: int, width: int) -> I64:
    field = (word >> np.uint64(shift)) & np.uint64((1 << width) - 1)
    return field.view(np.int64)


def _signed(raw: I64, width: int) -> I64:
    sign = 1 << (width - 1)
    return (raw ^ sign) - sign


def _decode_long(index: I64, pairs: U16) -> _Rows:
    """Types 1, 2, 3 and 18. Type 18's fields from speed on sit 4 bits earlier than type 1's,
    so its words are shifted right by 4 and both read with type 1's shifts."""
    words = _bit_words(pairs, 5)
    msg_type = pairs[:, 0] >> 6
    is18 = msg_type == 18
    later = words[:, 1:5] >> (is18.astype(np.uint64) << np.uint64(2))[:, None]
    # shift = 48 - (type 1 bit offset - 24 * word) - width
    speed_raw, course_raw = _bits(later[:, 0], 12, 10), _bits(later[:, 3], 16, 12)
    heading = _bits(later[:, 3], 7, 9)
    lat_raw = _signed(_bits(later[:, 2], 4, 27), 27)
    lon_raw = _signed(_bits(later[:, 1], 7, 28), 28)
    mmsi = _bits(words[:, 0], 10, 30)
    flags = (
        _position_flags(lat_raw, lon_raw, 600_000)
        | _flag(speed_raw == 1023, FLAG_SPEED_NOT_AVAILABLE)
        | _flag(course_raw == 3600, FLAG_COURSE_NOT_AVAILABLE)
        | _flag(heading == 511, FLAG_HEADING_NOT_AVAILABLE)
        | _mmsi_flags(mmsi)
    )
    return _Rows(
        index=index,
        msg_type=msg_type.astype(np.int8),
        mmsi=mmsi,
        lat=lat_raw / 600_000.0,
        lon=lon_raw / 600_000.0,
        speed=speed_raw.astype(np.float32) / np.float32(10),
        course=course_raw.astype(np.float32) / np.float32(10),
        heading=heading.astype(np.int16),
        heading_null=np.zeros(index.size, dtype=np.bool_),
        status=_bits(words[:, 1], 30, 4).astype(np.int8),
        status_null=is18,
        accuracy=_bits(later[:, 0], 11, 1).astype(np.bool_),
        flags=flags,
    )


def _decode_type27(index: I64, pairs: U16) -> _Rows:
    """Type 27, long-range broadcast: coarse position (1/10 minute), whole knots and degrees."""
    words = _bit_words(pairs, 3)
    speed_raw, course_raw = _bits(words[:, 2], 11, 6), _bits(words[:, 2], 2, 9)
    lat_raw = _signed(_bits(words[:, 2], 17, 17), 17)
    lon_raw = _signed(_bits(words[:, 1], 10, 18), 18)
    mmsi = _bits(words[:, 0], 10, 30)
    flags = (
        _position_flags(lat_raw, lon_raw, 600)
        | _flag(speed_raw == 63, FLAG_SPEED_NOT_AVAILABLE)
        | _flag(course_raw == 511, FLAG_COURSE_NOT_AVAILABLE)
        | _mmsi_flags(mmsi)
    )
    return _Rows(
        index=index,
        msg_type=np.full(index.size, 27, dtype=np.int8),
        mmsi=mmsi,
        lat=lat_raw / 600.0,
        lon=lon_raw / 600.0,
        speed=speed_raw.astype(np.float32),
        course=course_raw.astype(np.float32),
        heading=np.zeros(index.size, dtype=np.int16),
        heading_null=np.ones(index.size, dtype=np.bool_),
        status=_bits(words[:, 1], 28, 4).astype(np.int8),
        status_null=np.zeros(index.size, dtype=np.bool_),
        accuracy=_bits(words[:, 1], 33, 1).astype(np.bool_),
        flags=flags,
    )


def _flag(condition: Bools, bit: int) -> npt.NDArray[np.int32]:
    return condition.astype(np.int32) * np.int32(bit)


def _position_flags(lat_raw: I64, lon_raw: I64, per_degree: int) -> npt.NDArray[np.int32]:
    """91 / 181 mean "not available"; anything else beyond 90 / 180 is out of range."""
    missing = (lat_raw == 91 * per_degree) | (lon_raw == 181 * per_degree)
    beyond = (np.abs(lat_raw) > 90 * per_degree) | (np.abs(lon_raw) > 180 * per_degree)
    return (
        _flag(missing, FLAG_POSITION_NOT_AVAILABLE)
        | _flag(beyond & ~missing, FLAG_POSITION_OUT_OF_RANGE)
        | np.int32(FLAG_NO_TIME)
    )


def _mmsi_flags(mmsi: I64) -> npt.NDArray[np.int32]:
    return _flag((mmsi < 100_000_000) | (mmsi > 999_999_999), FLAG_MMSI_NOT_9_DIGITS)


def _merge(groups: list[_Rows], handled: Bools) -> _Rows:
    """One set of columns in line order (each group is already in line order)."""
    present = [rows for rows in groups if rows.index.size]
    if len(present) <= 1:
        return present[0] if present else groups[0]
    rank = np.cumsum(handled, dtype=np.int64) - 1
    merged = {}
    for column in fields(_Rows):
        values = getattr(present[0], column.name)
        merged[column.name] = np.empty(int(rank[-1]) + 1, dtype=values.dtype)
        for rows in present:
            merged[column.name][rank[rows.index]] = getattr(rows, column.name)
    return _Rows(**merged)


def _offset(rows: _Rows, lines: int) -> _Rows:
    return replace(rows, index=rows.index + lines) if lines else rows


def _concat(parts: list[_Rows]) -> _Rows:
    if len(parts) == 1:
        return parts[0]
    columns = {
        column.name: np.concatenate([getattr(rows, column.name) for rows in parts])
        for column in fields(_Rows)
    }
    return _Rows(**columns)


def _to_table(rows: _Rows, first_line: int) -> pa.Table:
    count = rows.index.size
    station = pa.DictionaryArray.from_arrays(
        pa.array(np.zeros(count, dtype=np.int8)), pa.array([VESSEL], pa.string())
    )
    return pa.Table.from_arrays(
        [
            pa.nulls(count, pa.int64()),
            pa.array(rows.index + np.int64(first_line)),
            pa.array(rows.mmsi),
            pa.nulls(count, POSITIONS.field("timestamp").type),
            pa.array(rows.msg_type),
            station,
            pa.array(rows.lat),
            pa.array(rows.lon),
            pa.array(rows.speed),
            pa.array(rows.course),
            _nullable(rows.heading, rows.heading_null),
            _nullable(rows.status, rows.status_null),
            pa.array(rows.accuracy),
            pa.array(rows.flags),
        ],
        schema=POSITIONS,
    )


def _nullable(values: npt.NDArray[np.generic], null: Bools) -> pa.Array:
    return pa.array(values, mask=null if null.any() else None)
