"""Reading pyais's decoded values the way gpsd prints them.

pyais scales and rounds what it decodes; gpsd prints raw integers (unscaled) or its own
rounding of them (scaled). The helpers here undo pyais's scaling, read missing values as gpsd's
zeros, and cut application payloads into bits as gpsd does.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Obj = dict[str, Any]

# --- rate of turn ------------------------------------------------------------------------

TURN_NOT_AVAILABLE = -128


def turn_index(turn: Any) -> int:
    """The raw ROT index (-128..127) behind pyais's ``turn``.

    pyais reports ±127/-128 as themselves and anything else as signed whole degrees per minute
    ((index / 4.733)², rounded), so small indices collapse: 1-3 read back as 0, 4-6 as ±5.
    """
    if turn is None:
        return 0  # gpsd reads missing bits as zeros
    value = float(turn)
    if abs(value) in (127.0, 128.0):
        return int(value)
    return int(math.copysign(round(4.733 * math.sqrt(abs(value))), value))


def turn_scaled(index: int) -> str:
    """gpsd's scaled ``turn``: a legend, or signed degrees per minute to two decimals."""
    if index == TURN_NOT_AVAILABLE:
        return "n/a"
    if index == -127:
        return "fastleft"
    if index == 127:
        return "fastright"
    rate = math.copysign((index / 4.733) ** 2, index)
    return f"{rate + 0.0:.2f}"  # + 0.0: print -0.0 as 0.00


# --- reading pyais values ----------------------------------------------------------------


def gpsd_text(value: Any) -> str:
    """A six-bit text field as gpsd prints it: cut at the first '@', trailing blanks trimmed."""
    if value is None:
        return ""
    return str(value).split("@", 1)[0].rstrip(" ")


@dataclass(frozen=True)
class PyaisFields:
    """Typed access to a pyais dict; absent or None values read as gpsd's zeros."""

    values: Mapping[str, Any]
    scaled: bool
    bitlen: int | None

    def num(self, name: str) -> int:
        value = self.values.get(name)
        return 0 if value is None else int(value)

    def flag(self, name: str) -> bool:
        return bool(self.values.get(name))

    def text(self, name: str) -> str:
        return gpsd_text(self.values.get(name))

    def raw(self, name: str, scale: float, offset: float = 0.0) -> int:
        """Undo pyais's scaling: ``round((value + offset) * scale)``."""
        value = self.values.get(name)
        return 0 if value is None else round((float(value) + offset) * scale)

    def blob(self, name: str) -> bytes:
        value = self.values.get(name)
        return value if isinstance(value, bytes) else b""


def fixed(value: float, decimals: int) -> float:
    """A value as gpsd's ``%.Nf`` prints it (Python and C both round the exact binary value)."""
    return round(value, decimals)


def position(f: PyaisFields, div: float, decimals: int, scale: float) -> tuple[Any, Any]:
    """(lon, lat): raw integers, or degrees rounded like gpsd's printf."""
    lon, lat = f.raw("lon", scale), f.raw("lat", scale)
    if not f.scaled:
        return lon, lat
    return fixed(lon / div, decimals), fixed(lat / div, decimals)


def cnb_position(f: PyaisFields) -> tuple[Any, Any]:
    """(lon, lat) of a position report (types 1-3, 4, 9, 11, 18, 19, 21)."""
    # 1/10000 minute; gpsd prints seven decimals
    return position(f, 600000.0, 7, 600000.0)


def scaled_tenths(f: PyaisFields, name: str) -> Any:
    """A value in tenths (speed, course): raw, or to one decimal when scaled."""
    raw = f.raw(name, 10)
    return fixed(raw / 10.0, 1) if f.scaled else raw


def month_time(month: int, day: int, hour: int, minute: int) -> str:
    """gpsd's partial ISO 8601 date ``MM-DDThh:mmZ`` (out-of-range values printed as is)."""
    return f"{month:02d}-{day:02d}T{hour:02d}:{minute:02d}Z"


def eta(f: PyaisFields) -> str:
    """An estimated time (``month``, ``day``, ``hour``, ``minute``) as gpsd prints it."""
    return month_time(*(f.num(n) for n in ("month", "day", "hour", "minute")))


# --- binary payloads ---------------------------------------------------------------------


@dataclass(frozen=True)
class PayloadBits:
    """An application payload: big-endian bits; reads past the end give zeros, as in gpsd."""

    value: int
    length: int

    @classmethod
    def of(cls, data: bytes, length: int) -> PayloadBits:
        """The first ``length`` bits of ``data`` (zero bits added past its end)."""
        total = len(data) * 8
        value = int.from_bytes(data, "big")
        if length <= total:
            return cls(value >> (total - length), length)
        return cls(value << (length - total), length)

    def uint(self, start: int, width: int) -> int:
        end = start + width
        padded = self.value << max(0, end - self.length)
        return (padded >> max(0, self.length - end)) & ((1 << width) - 1)

    def sint(self, start: int, width: int) -> int:
        value = self.uint(start, width)
        return value - (1 << width) if value >> (width - 1) else value

    def text(self, start: int, chars: int) -> str:
        """Six-bit ASCII like gpsd's from_sixbit: stop at '@', trim trailing blanks."""
        out = []
        for i in range(chars):
            code = self.uint(start + 6 * i, 6)
            if code == 0:
                break
            out.append(chr(code + 64 if code < 32 else code))
        return "".join(out).rstrip(" ")


@dataclass(frozen=True)
class PayloadRegion:
    """A binary payload region as pyais gives it (byte-aligned at the region start)."""

    data: bytes
    length: int  # gpsd's bit count

    def bits(self) -> PayloadBits:
        return PayloadBits.of(self.data, self.length)

    def gpsd_data(self) -> str:
        """gpsd's ``"bitcount:hex"``: whole bytes copied from the message, so the last byte
        keeps whatever bits follow the region (zeros past the end of the message)."""
        nbytes = (self.length + 7) // 8
        copied = self.data[:nbytes].ljust(nbytes, bytes(1))
        return f"{self.length}:{copied.hex()}"


def payload_region(f: PyaisFields, data: bytes, start: int, trailer: int = 0) -> PayloadRegion:
    """``data`` (starting at message bit ``start``) with gpsd's bit count.

    With the message bit length known the count is ``bitlen - start - trailer``; without it,
    pyais's byte-padded length stands in.
    """
    total = f.bitlen if f.bitlen is not None else start + len(data) * 8
    return PayloadRegion(data, max(0, total - start - trailer))
