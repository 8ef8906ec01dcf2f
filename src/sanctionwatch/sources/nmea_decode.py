"""Decode one reassembled AIS payload with pyais into the cores of canonical rows.

``decode_payload(payload, fill_bits)`` returns ``(msg_type, position, static, raw)`` — each
core a tuple or None — or None when the payload is undecodable: an unknown message type
(0, 29-63), fewer bits than its type needs (``_MIN_BITS``), or a payload pyais
rejects (type 24 part number 2 or 3). Other types are kept as raw messages once they reach
the MMSI (38 bits); their decoded JSON shows ``null`` for fields past the end.

Units: degrees, knots, degrees; type 9 speed is whole knots (1023 = n/a), type 27 speed whole
knots (63 = n/a) and course whole degrees (511 = n/a). Values are kept as received and flagged;
the ship type is read from the bits (pyais maps unknown codes such as 9 or 66 to 0 or 65).
Types without a heading (4, 9, 11, 27) have a null heading and never FLAG_HEADING_NOT_AVAILABLE.
Text is pyais's: trailing ``@`` removed, then surrounding spaces; null when empty.
"""

from __future__ import annotations

from binascii import b2a_base64
from collections.abc import Callable
from typing import Any

from pyais.bit_vector import SUPPORTS_FAST_PATH, bit_vector, int_bit_vector
from pyais.messages import MSG_CLASS

from sanctionwatch.sources.ais_records import (
    FLAG_COURSE_NOT_AVAILABLE,
    FLAG_HEADING_NOT_AVAILABLE,
    FLAG_IMO_INVALID,
    FLAG_MMSI_NOT_9_DIGITS,
    FLAG_POSITION_NOT_AVAILABLE,
    FLAG_POSITION_OUT_OF_RANGE,
    FLAG_SPEED_NOT_AVAILABLE,
)
from sanctionwatch.sources.identifiers import ship_imo_is_valid

STATION_VESSEL, STATION_BASE, STATION_SAR = 0, 1, 2  # indexes into ais_records station names

# (mmsi, msg_type, station, lat, lon, speed, course, heading, status, accuracy, flags)
PositionCore = tuple[
    int, int, int, float, float, float | None, float | None, int | None, int | None, bool, int
]
# (mmsi, msg_type, imo, name, callsign, shiptype, draught, destination,
#  to_bow, to_stern, to_port, to_starboard, flags)
StaticCore = tuple[
    int,
    int,
    int | None,
    str | None,
    str | None,
    int | None,
    float | None,
    str | None,
    int | None,
    int | None,
    int | None,
    int | None,
    int,
]
# (mmsi, msg_type, payload, fill_bits, decoded JSON)
RawCore = tuple[int | None, int, str, int]
Decoded = tuple[int, PositionCore | None, StaticCore | None, RawCore | None]
# (msg_type, pyais message, bit vector, payload, fill bits) -> Decoded
_RowMaker = Callable[[int, Any, Any, bytes, int], Decoded]

# Least bit length of the types that make POSITIONS/STATICS rows: every field the row stores
# must be there (a short transmission still carries them). Longer payloads are decoded as
# gpsd does (their first bits are the message); implausible values they give are flagged.
_MIN_BITS = {
    1: 137,  # through heading (168 nominal)
    2: 137,
    3: 137,
    4: 134,  # through latitude (168 nominal)
    5: 420,  # 424 nominal; 420 and 422 are common in the wild (gpsd accepts 420)
    9: 128,  # through course (168 nominal)
    11: 134,
    18: 133,  # through heading (168 nominal)
    19: 301,  # through the dimensions (312 nominal)
    24: 160,  # part A through the name; part B's dimensions end at 162, checked below
    27: 94,  # through course (96 nominal)
}
_MIN_BITS_RAW = 38  # message type, repeat indicator, MMSI
_RAW_TYPES = frozenset({6, 7, 8, 10, 12, 13, 14, 15, 16, 17, 20, 21, 22, 23, 25, 26, 28})
_MMSI_MIN, _MMSI_MAX = 100_000_000, 999_999_999


# 6-bit AIS text: value v is the character chr(v + 64) below 32, chr(v) from 32 on. Base64
# also writes 6 bits per character, so a text field re-encoded with base64 and translated
# from the base64 alphabet gives the AIS characters in one C call.
_BASE64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_BASE64_TO_AIS_TEXT = bytes.maketrans(
    _BASE64_ALPHABET, bytes(v + 64 if v < 32 else v for v in range(64))
)


class _TextVector(int_bit_vector):
    """pyais's bit vector with a faster ``get_str`` (same result; pyais reads text one
    character at a time, which makes a type 5 cost ~30 us)."""

    __slots__ = ()

    def get_str(self, start: int, width: int) -> str:
        length = self._length
        if width <= 0 or width % 6 or start + width > length:
            return super().get_str(start, width)  # truncated field: pyais's own reading
        value = (self._value >> (length - start - width)) & ((1 << width) - 1)
        padded = -width % 24  # whole base64 quanta: no "=" padding
        encoded = b2a_base64(
            (value << padded).to_bytes((width + padded) // 8, "big"), newline=False
        )
        text = encoded[: width // 6].translate(_BASE64_TO_AIS_TEXT).decode("ascii")
        return text.rstrip("@").strip()


_vector: Callable[[bytes, int], Any] = _TextVector if SUPPORTS_FAST_PATH else bit_vector


def message_type(payload: bytes) -> int:
    """The AIS message type encoded by the first armoured character."""
    value = payload[0] - 48
    return value - 8 if value > 40 else value


def decode_payload(payload: bytes, fill_bits: int) -> Decoded | None:
    """Decode an armoured payload (already checked against the 6-bit alphabet)."""
    kind = message_type(payload)
    bits = len(payload) * 6 - fill_bits
    least = _MIN_BITS.get(kind)
    if least is None:
        if kind not in _RAW_TYPES:
            return None
        least = _MIN_BITS_RAW
    if bits < least:
        return None
    if kind in _RAW_TYPES:
        return _raw(kind, payload, fill_bits)
    try:
        vector = _vector(payload, fill_bits)
        message = MSG_CLASS[kind].from_vector(vector)
        return _ROWS[kind](kind, message, vector, payload, fill_bits)
    except Exception:  # pyais rejected the payload (e.g. type 24 part number 2 or 3)
        return None


def _mmsi_flag(mmsi: int) -> int:
    return 0 if _MMSI_MIN <= mmsi <= _MMSI_MAX else FLAG_MMSI_NOT_9_DIGITS


def _position_flags(mmsi: int, lat: float, lon: float) -> int:
    if lat == 91.0 or lon == 181.0:
        flags = FLAG_POSITION_NOT_AVAILABLE
    elif -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0:
        flags = 0
    else:
        flags = FLAG_POSITION_OUT_OF_RANGE
    return flags if _MMSI_MIN <= mmsi <= _MMSI_MAX else flags | FLAG_MMSI_NOT_9_DIGITS


def _text(value: str | None) -> str | None:
    """AIS 6-bit text with trailing ``@`` padding and spaces removed; None when empty."""
    if not value:
        return None
    return value.rstrip("@ ") or None


def _class_a(kind: int, m: Any, bv: Any, payload: bytes, fill: int) -> Decoded:
    """Types 1, 2, 3: class A position report (speed 0.1 kn, course 0.1 deg)."""
    mmsi: int = m.mmsi
    lat: float = m.lat
    lon: float = m.lon
    speed: float = m.speed
    course: float = m.course
    heading: int = m.heading
    if lat == 91.0 or lon == 181.0:
        flags = FLAG_POSITION_NOT_AVAILABLE
    elif -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0:
        flags = 0
    else:
        flags = FLAG_POSITION_OUT_OF_RANGE
    if not _MMSI_MIN <= mmsi <= _MMSI_MAX:
        flags |= FLAG_MMSI_NOT_9_DIGITS
    if speed == 102.3:
        flags |= FLAG_SPEED_NOT_AVAILABLE
    if course == 360.0:
        flags |= FLAG_COURSE_NOT_AVAILABLE
    if heading == 511:
        flags |= FLAG_HEADING_NOT_AVAILABLE
    # status is a pyais IntEnum: an int to pyarrow, so no conversion here
    row = (
        mmsi, kind, STATION_VESSEL, lat, lon, speed, course, heading, m.status, m.accuracy, flags
    )  # fmt: skip
    return kind, row, None, None


def _class_b_position(m: Any, kind: int) -> PositionCore:
    """The position part of types 18 and 19 (no navigational status)."""
    mmsi: int = m.mmsi
    lat: float = m.lat
    lon: float = m.lon
    speed: float = m.speed
    course: float = m.course
    heading: int = m.heading
    flags = _position_flags(mmsi, lat, lon)
    if speed == 102.3:
        flags |= FLAG_SPEED_NOT_AVAILABLE
    if course == 360.0:
        flags |= FLAG_COURSE_NOT_AVAILABLE
    if heading == 511:
        flags |= FLAG_HEADING_NOT_AVAILABLE
    return (mmsi, kind, STATION_VESSEL, lat, lon, speed, course, heading, None, m.accuracy, flags)


def _class_b(kind: int, m: Any, bv: Any, payload: bytes, fill: int) -> Decoded:
    return kind, _class_b_position(m, kind), None, None


def _class_b_extended(kind: int, m: Any, bv: Any, payload: bytes, fill: int) -> Decoded:
    """Type 19: a position and a name, ship type and dimensions."""
    position = _class_b_position(m, kind)
    static = (
        m.mmsi, kind, None, _text(m.shipname), None, bv.get(263, 8), None, None,
        m.to_bow, m.to_stern, m.to_port, m.to_starboard, _mmsi_flag(m.mmsi),
    )  # fmt: skip
    return kind, position, static, None


def _base_station(kind: int, m: Any, bv: Any, payload: bytes, fill: int) -> Decoded:
    """Types 4 and 11: a fixed station's position, no motion fields."""
    mmsi: int = m.mmsi
    row = (
        mmsi, kind, STATION_BASE, m.lat, m.lon, None, None, None, None, m.accuracy,
        _position_flags(mmsi, m.lat, m.lon),
    )  # fmt: skip
    return kind, row, None, None


def _sar_aircraft(kind: int, m: Any, bv: Any, payload: bytes, fill: int) -> Decoded:
    """Type 9: speed in whole knots (1023 = n/a), course 0.1 deg, no heading or status."""
    mmsi: int = m.mmsi
    speed: float = m.speed
    course: float = m.course
    flags = _position_flags(mmsi, m.lat, m.lon)
    if speed == 1023.0:
        flags |= FLAG_SPEED_NOT_AVAILABLE
    if course == 360.0:
        flags |= FLAG_COURSE_NOT_AVAILABLE
    row = (mmsi, kind, STATION_SAR, m.lat, m.lon, speed, course, None, None, m.accuracy, flags)
    return kind, row, None, None


def _long_range(kind: int, m: Any, bv: Any, payload: bytes, fill: int) -> Decoded:
    """Type 27: 1/10-minute position, speed whole knots (63 = n/a), course whole degrees."""
    mmsi: int = m.mmsi
    speed: float = m.speed
    course: float = m.course
    flags = _position_flags(mmsi, m.lat, m.lon)
    if speed == 63.0:
        flags |= FLAG_SPEED_NOT_AVAILABLE
    if course == 511.0:
        flags |= FLAG_COURSE_NOT_AVAILABLE
    row = (
        mmsi, kind, STATION_VESSEL, m.lat, m.lon, speed, course, None, int(m.status), m.accuracy,
        flags,
    )  # fmt: skip
    return kind, row, None, None


def _voyage(kind: int, m: Any, bv: Any, payload: bytes, fill: int) -> Decoded:
    """Type 5: IMO, call sign, name, ship type, dimensions, draught (0.1 m), destination."""
    mmsi: int = m.mmsi
    flags = _mmsi_flag(mmsi)
    imo: int | None = m.imo or None
    if imo is not None and not ship_imo_is_valid(str(imo)):
        flags |= FLAG_IMO_INVALID
    static = (
        mmsi, kind, imo, _text(m.shipname), _text(m.callsign), bv.get(232, 8), m.draught,
        _text(m.destination), m.to_bow, m.to_stern, m.to_port, m.to_starboard, flags,
    )  # fmt: skip
    return kind, None, static, None


def _static_report(kind: int, m: Any, bv: Any, payload: bytes, fill: int) -> Decoded:
    """Type 24: part A gives the name; part B ship type, call sign and dimensions (none for
    an auxiliary craft, whose part B holds its mother ship's MMSI instead)."""
    mmsi: int = m.mmsi
    flags = _mmsi_flag(mmsi)
    if m.partno == 0:
        static: StaticCore = (
            mmsi, kind, None, _text(m.shipname), None, None, None, None, None, None, None, None,
            flags,
        )  # fmt: skip
        return kind, None, static, None
    if len(bv) < 162:
        raise ValueError("type 24 part B without its dimensions")
    dimensions = (
        (m.to_bow, m.to_stern, m.to_port, m.to_starboard)
        if hasattr(m, "to_bow")
        else (None, None, None, None)
    )
    static = (
        mmsi, kind, None, None, _text(m.callsign), int(m.ship_type), None, None, *dimensions, flags,
    )  # fmt: skip
    return kind, None, static, None


def _raw(kind: int, payload: bytes, fill: int) -> Decoded:
    """Every other type: kept whole (payload and fill bits) with its MMSI.

    Not decoded at ingest: `ais decode` decodes any payload on demand, and leaving these
    alone keeps ingest at disk speed (they are a tenth of a typical log).
    """
    return kind, None, None, (_mmsi_of(payload), kind, payload.decode("ascii"), fill)


def _mmsi_of(payload: bytes) -> int:
    """Bits 8-37 of any AIS message: the source MMSI."""
    value = 0
    for char in payload[:7]:
        six = char - 48
        value = (value << 6) | (six - 8 if six > 40 else six)
    return (value >> 4) & 0x3FFFFFFF


_ROWS: dict[int, _RowMaker] = {
    1: _class_a,
    2: _class_a,
    3: _class_a,
    4: _base_station,
    5: _voyage,
    9: _sar_aircraft,
    11: _base_station,
    18: _class_b,
    19: _class_b_extended,
    24: _static_report,
    27: _long_range,
}
