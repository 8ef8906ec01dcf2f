"""Message fields out of verified payloads, as pyais and ``nmea_decode`` read them (a kernel).

``decode`` goes through the verified payloads in line order and says what each becomes, by
type and exact length (the lengths where the rows provably equal ``nmea_decode``'s;
``ais_fast``'s docstring lists them): a position, a static row, both (type 19), a raw row, or
nothing (left to the per-line path). It writes the rows into columns the caller allocated
(``fast_messages``), one pass for all of them, starting from the payloads' first 24-bit groups
that ``fast_framing`` kept (all of a position's): the buffer is read again only for longer
payloads.

Fields follow pyais: positions are ``round(raw / 600000, 6)`` (type 27: ``/ 600``), speeds and
courses ``raw / 10`` (type 9 speed, type 27 speed and course: raw); a field holding its "not
available" code keeps its value and sets its flag. Text is 6-bit ASCII without trailing
``@``/spaces and leading spaces (null when empty); an IMO number is null when 0 and flagged
when its check digit is wrong.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from sanctionwatch.sources.fast_arrays import I64, U8, Bools
from sanctionwatch.sources.fast_jit import helper, kernel

Columns = tuple[npt.NDArray[Any], ...]  # one array per column
StringColumn = tuple[npt.NDArray[np.int32], U8, Bools]  # offsets (rows + 1), bytes, valid
StaticColumns = tuple[
    I64, I64, I64, npt.NDArray[np.int8], I64, npt.NDArray[np.int16], npt.NDArray[np.float32],
    npt.NDArray[np.int32], npt.NDArray[np.int16], Bools, StringColumn, StringColumn,
    StringColumn,
]  # fmt: skip

# What a payload becomes (``decode``'s ``kinds``)
NOTHING, CLASS_A, CLASS_B, BASE, SAR, LONG_RANGE, CLASS_B_EXTENDED = range(7)
VOYAGE, STATIC_A, STATIC_B, RAW = range(7, 11)
# Columns of the verified payloads (``fast_framing.FramedLines.ais``)
_LINE, _PSTART, _LENGTH, _FILL, _TIME = 0, 1, 2, 3, 5
_NO_TIME = -1
_UNHANDLED = 0  # fast_framing.UNHANDLED
# Flags (``ais_records``; kernels read only their own module's constants)
_POSITION_NOT_AVAILABLE, _POSITION_OUT_OF_RANGE, _SPEED_NOT_AVAILABLE = 1, 2, 4
_HEADING_NOT_AVAILABLE, _COURSE_NOT_AVAILABLE, _MMSI_NOT_9_DIGITS, _NO_TIME_FLAG = 8, 16, 32, 64
_IMO_INVALID = 1
# Stations (``fast_rows``): vessel, base station, SAR aircraft
_VESSEL, _BASE_STATION, _SAR_AIRCRAFT = 0, 1, 2
# Types ``nmea_decode`` keeps raw, as bits
_RAW_TYPES = sum(1 << t for t in (6, 7, 8, 10, 12, 13, 14, 15, 16, 17, 20, 21, 22, 23, 25, 26, 28))
MIN_BITS_RAW = 38
TEXT = 20  # the longest text field (name, destination)
GROUPS = 34  # 24-bit groups of the longest payload (128 characters), and the 0 after


@helper
def _sextet(byte: int) -> int:
    """A payload byte (verified: in the 6-bit alphabet) -> its 6 bits."""
    value = byte - 48
    return value - 8 if value >= 40 else value


@helper
def _groups(data: U8, pstart: int, length: int, groups: I64) -> None:
    """The payload as 24-bit groups of 4 characters (0 bits past its end: no field decoded
    here reaches there), then a 0 group: a field is read from 2 groups."""
    count = (length + 3) // 4
    for group in range(count):
        value = 0
        for char in range(4 * group, 4 * group + 4):
            value = value << 6 | (_sextet(data[pstart + char]) if char < length else 0)
        groups[group] = value
    groups[count] = 0


@helper
def _get(groups: I64, offset: int, width: int) -> int:
    """The unsigned field of ``width`` bits at bit ``offset`` (within the 48 bits of groups
    offset // 24 and the next: true of every field read here)."""
    group = offset // 24
    pair = groups[group] << 24 | groups[group + 1]
    field: int = (pair >> (48 - offset + 24 * group - width)) & ((1 << width) - 1)
    return field


@helper
def _signed(groups: I64, offset: int, width: int) -> int:
    sign = 1 << (width - 1)
    return (_get(groups, offset, width) ^ sign) - sign


@helper
def _degrees(raw: int, per_degree: int) -> float:
    """pyais's round(raw / per_degree, 6), computed as it does: round(raw * 1e6 / per_degree)
    with integers (never a tie), then / 1e6."""
    return ((6_000_000 // per_degree * raw + 3) // 6) / 1e6


@helper
def _mmsi_flags(mmsi: int) -> int:
    return _MMSI_NOT_9_DIGITS if mmsi < 100_000_000 or mmsi > 999_999_999 else 0


@helper
def _position_flags(mmsi: int, lat: float, lon: float) -> int:
    """As nmea_decode's, on the rounded degrees: 91 / 181 "not available", else the range."""
    flags = _mmsi_flags(mmsi)
    if lat == 91.0 or lon == 181.0:
        return flags | _POSITION_NOT_AVAILABLE
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return flags | _POSITION_OUT_OF_RANGE
    return flags


@helper
def _imo_flags(imo: int) -> int:
    """_IMO_INVALID unless 0 or seven digits whose last is sum(d_i * (7 - i)) mod 10."""
    if imo == 0:
        return 0
    if imo < 1_000_000 or imo > 9_999_999:
        return _IMO_INVALID
    check, rest = 0, imo // 10
    for weight in range(2, 8):  # digits 6..1 weigh 2..7
        check += rest % 10 * weight
        rest //= 10
    return 0 if check % 10 == imo % 10 else _IMO_INVALID


@helper
def _text(groups: I64, offset: int, chars: int, j: int, out: StringColumn) -> None:
    """A 6-bit text field as row ``j`` of the string column ``out`` (offsets, rows + 1;
    bytes; valid) as the slow path stores it. Characters are value + 64 below 32, the value
    itself from 32; leading spaces and trailing "@"/spaces are dropped (pyais's
    ``rstrip("@").strip()``, then ``rstrip("@ ")``); null when nothing is left."""
    offsets, data, valid = out
    at = offsets[j]
    lead, end = -1, 0
    for k in range(chars):
        if k % 4 == 0:  # 4 characters at a time
            window = _get(groups, offset + 6 * k, 24)
        value = window >> (18 - 6 * (k % 4)) & 63
        char = value + 64 if value < 32 else value
        data[at + k] = char
        if lead < 0 and char != 32:
            lead = k
        if char != 32 and char != 64:
            end = k + 1
    valid[j] = end > 0
    if end == 0:
        offsets[j + 1] = at
        return
    for k in range(lead, end):
        data[at + k - lead] = data[at + k]
    offsets[j + 1] = at + end - lead


@helper
def _no_text(j: int, out: StringColumn) -> None:
    offsets, _, valid = out
    offsets[j + 1], valid[j] = offsets[j], False


@helper
def _kind(groups: I64, length: int, fill: int) -> int:
    """What a payload becomes (``groups``: at least its first 8 characters)."""
    message = groups[0] >> 18
    bits = 6 * length - fill
    full = length == 28 and fill == 0  # 168 bits: pyais's own fast path
    if 1 <= message <= 3 and full:
        return CLASS_A
    if message == 18 and full:
        return CLASS_B
    if (message == 4 or message == 11) and full:
        return BASE
    if message == 9 and full:
        return SAR
    if message == 24 and 25 <= length <= 28:  # part A needs 160 bits, part B 162
        part = groups[1] >> 8 & 3  # bits 38-39
        if part == 0 and bits >= 160:
            return STATIC_A
        if part == 1 and bits >= 162:
            return STATIC_B
    if message == 27 and length == 16 and fill <= 2:
        return LONG_RANGE
    if message == 5 and length == 71 and fill <= 4:
        return VOYAGE
    if message == 19 and length == 52:
        return CLASS_B_EXTENDED
    if (_RAW_TYPES >> message) & 1 and bits >= MIN_BITS_RAW:
        return RAW
    return NOTHING


@kernel
def decode(
    data: U8, ais: I64, framed: npt.NDArray[np.int32], skip: Bools, lines: U8, types: I64,
    positions: Columns, statics: StaticColumns, raw: Columns, groups: I64,
) -> tuple[int, int, int, int]:  # fmt: skip
    """Writes the rows of ``positions`` (``fast_rows.Rows``' fields), ``statics`` and ``raw``
    (see ``_static_row`` and ``_raw_row``) from row 0 on, counts the messages decoded by type
    in ``types`` (64) and sets ``lines[line]`` (``fast_framing``'s line classes) to
    UNHANDLED where a payload decodes to nothing (``skip``: every payload where it holds).
    Returns how many rows each table got and how many messages were decoded.
    ``framed``: each payload's first 24-bit groups (``fast_framing``); ``groups``: room for
    GROUPS numbers."""
    kept = framed.shape[1]
    n_positions, n_statics, n_raw, n_messages = 0, 0, 0, 0
    for i in range(ais.shape[0]):
        pstart, length, line = ais[i, _PSTART], ais[i, _LENGTH], ais[i, _LINE]
        if length <= 4 * kept:  # all its groups are there
            for k in range(kept):
                groups[k] = framed[i, k]
            groups[kept] = 0
        else:
            _groups(data, pstart, 8, groups)
        kind = NOTHING if skip[i] else _kind(groups, length, ais[i, _FILL])
        if kind == NOTHING:
            lines[line] = _UNHANDLED
            continue
        types[groups[0] >> 18] += 1
        n_messages += 1
        if kind == RAW:
            _raw_row(data, ais, i, groups, n_raw, raw)
            n_raw += 1
            continue
        if length > 4 * kept:
            _groups(data, pstart, length, groups)
        if kind <= CLASS_B_EXTENDED:
            _position_row(groups, kind, line, ais[i, _TIME], n_positions, positions)
            n_positions += 1
        if kind >= CLASS_B_EXTENDED:
            _static_row(groups, kind, line, ais[i, _TIME], n_statics, statics)
            n_statics += 1
    return n_positions, n_statics, n_raw, n_messages


@helper
def _position_row(groups: I64, kind: int, line: int, time: int, j: int, out: Columns) -> None:
    """``out``: ``fast_rows.Rows``' fields."""
    (index, msg_type, station, mmsi, lat, lon, speed, course, heading, status, accuracy, flags,
     times, speed_null, course_null, heading_null, status_null) = out  # fmt: skip
    index[j], times[j] = line, time
    msg_type[j], mmsi[j] = _get(groups, 0, 6), _get(groups, 8, 30)
    speed[j], course[j], heading[j], status[j] = 0, 0, 0, 0
    speed_null[j], course_null[j], heading_null[j], status_null[j] = True, True, True, True
    extra = 0
    if kind in (CLASS_A, CLASS_B, CLASS_B_EXTENDED):
        # Speed, accuracy, lon, lat, course and heading at + 0, 10, 11, 39, 66 and 78.
        at = 50 if kind == CLASS_A else 46
        station[j] = _VESSEL
        lat[j] = _degrees(_signed(groups, at + 39, 27), 600_000)
        lon[j] = _degrees(_signed(groups, at + 11, 28), 600_000)
        raw_speed, raw_course = _get(groups, at, 10), _get(groups, at + 66, 12)
        raw_heading = _get(groups, at + 78, 9)
        speed[j], course[j], heading[j] = raw_speed / 10.0, raw_course / 10.0, raw_heading
        speed_null[j], course_null[j], heading_null[j] = False, False, False
        accuracy[j] = _get(groups, at + 10, 1) == 1
        extra = _SPEED_NOT_AVAILABLE if raw_speed == 1023 else 0
        extra |= _COURSE_NOT_AVAILABLE if raw_course == 3600 else 0
        extra |= _HEADING_NOT_AVAILABLE if raw_heading == 511 else 0
        if kind == CLASS_A:
            status[j], status_null[j] = _get(groups, 38, 4), False
    elif kind == BASE:
        station[j] = _BASE_STATION
        lat[j] = _degrees(_signed(groups, 107, 27), 600_000)
        lon[j] = _degrees(_signed(groups, 79, 28), 600_000)
        accuracy[j] = _get(groups, 78, 1) == 1
    elif kind == SAR:  # speed in whole knots, course 0.1 degree
        station[j] = _SAR_AIRCRAFT
        lat[j] = _degrees(_signed(groups, 89, 27), 600_000)
        lon[j] = _degrees(_signed(groups, 61, 28), 600_000)
        raw_speed, raw_course = _get(groups, 50, 10), _get(groups, 116, 12)
        speed[j], course[j] = raw_speed, raw_course / 10.0
        speed_null[j], course_null[j] = False, False
        accuracy[j] = _get(groups, 60, 1) == 1
        extra = _SPEED_NOT_AVAILABLE if raw_speed == 1023 else 0
        extra |= _COURSE_NOT_AVAILABLE if raw_course == 3600 else 0
    else:  # LONG_RANGE: 1/10 minute, whole knots (63 = n/a) and degrees (511 = n/a)
        station[j] = _VESSEL
        lat[j] = _degrees(_signed(groups, 62, 17), 600)
        lon[j] = _degrees(_signed(groups, 44, 18), 600)
        raw_speed, raw_course = _get(groups, 79, 6), _get(groups, 85, 9)
        speed[j], course[j] = raw_speed, raw_course
        speed_null[j], course_null[j] = False, False
        status[j], status_null[j] = _get(groups, 40, 4), False
        accuracy[j] = _get(groups, 38, 1) == 1
        extra = _SPEED_NOT_AVAILABLE if raw_speed == 63 else 0
        extra |= _COURSE_NOT_AVAILABLE if raw_course == 511 else 0
    extra |= _NO_TIME_FLAG if time == _NO_TIME else 0
    flags[j] = _position_flags(mmsi[j], lat[j], lon[j]) | extra


@helper
def _static_row(groups: I64, kind: int, line: int, time: int, j: int, out: StaticColumns) -> None:
    """``out``: index, mmsi, time, msg_type, imo, shiptype, draught, flags, ``dimensions``
    (rows, 4: to bow, stern, port, starboard), ``null`` (rows, 4: imo, shiptype, draught,
    dimensions) and the string columns name, call sign and destination (see ``_text``)."""
    (index, mmsi, times, msg_type, imo, shiptype, draught, flags, dimensions, null, name,
     callsign, destination) = out  # fmt: skip
    index[j], times[j] = line, time
    msg_type[j], mmsi[j] = _get(groups, 0, 6), _get(groups, 8, 30)
    imo[j], shiptype[j], draught[j] = 0, 0, 0
    for k in range(4):
        null[j, k] = True
        dimensions[j, k] = 0
    if j == 0:
        name[0][0], callsign[0][0], destination[0][0] = 0, 0, 0
    flags[j] = _mmsi_flags(mmsi[j]) | (_NO_TIME_FLAG if time == _NO_TIME else 0)
    at = -1  # where the dimensions are
    if kind == VOYAGE:
        imo[j] = _get(groups, 40, 30)
        null[j, 0] = imo[j] == 0
        flags[j] |= _imo_flags(imo[j])
        _text(groups, 112, 20, j, name)
        _text(groups, 70, 7, j, callsign)
        _text(groups, 302, 20, j, destination)
        shiptype[j], null[j, 1] = _get(groups, 232, 8), False
        draught[j], null[j, 2] = _get(groups, 294, 8) / 10.0, False
        at = 240
    elif kind == STATIC_A:
        _text(groups, 40, 20, j, name)
        _no_text(j, callsign)
        _no_text(j, destination)
    elif kind == STATIC_B:
        _no_text(j, name)
        _text(groups, 90, 7, j, callsign)
        _no_text(j, destination)
        shiptype[j], null[j, 1] = _get(groups, 40, 8), False
        # An auxiliary craft (98XXXYYYY) holds its mother ship's MMSI there instead.
        at = -1 if 980_000_000 <= mmsi[j] <= 989_999_999 else 132
    else:  # CLASS_B_EXTENDED
        _text(groups, 143, 20, j, name)
        _no_text(j, callsign)
        _no_text(j, destination)
        shiptype[j], null[j, 1] = _get(groups, 263, 8), False
        at = 271
    if at >= 0:
        null[j, 3] = False
        dimensions[j, 0], dimensions[j, 1] = _get(groups, at, 9), _get(groups, at + 9, 9)
        dimensions[j, 2], dimensions[j, 3] = _get(groups, at + 18, 6), _get(groups, at + 24, 6)


@helper
def _raw_row(data: U8, ais: I64, i: int, groups: I64, j: int, out: Columns) -> None:
    """``out``: rows (of ``ais``), mmsi (bits 8-37 of ``groups``), msg_type, offsets
    (rows + 1) into payload (the bytes as received)."""
    rows, mmsi, msg_type, offsets, payload = out
    pstart, length = ais[i, _PSTART], ais[i, _LENGTH]
    rows[j], mmsi[j], msg_type[j] = i, _get(groups, 8, 30), _get(groups, 0, 6)
    if j == 0:
        offsets[0] = 0
    offsets[j + 1] = offsets[j] + length
    for k in range(length):
        payload[offsets[j] + k] = data[pstart + k]
