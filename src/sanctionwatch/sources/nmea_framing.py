"""NMEA 0183 framing for raw AIS logs: sentence shapes, checksums, tag blocks, receiver times.

Pure functions over ``bytes`` (one line, newline already removed); ``ais_nmea`` drives them.

- An AIS sentence is ``!ttVDM`` / ``!ttVDO`` (``$`` accepted too) with any two-character talker
  (``AI``, ``AB``, ``BS``, ``SA`` and the ``=I`` some AMSA receivers emit), then fragment count,
  fragment number, sequential id, channel, armoured payload, fill bits and ``*hh``.
- The checksum is the XOR of every byte between the leading ``!``/``$`` and the ``*``.
- Tag blocks (NMEA 4.10) are ``\\...*hh\\`` groups before the sentence; ``c:`` is the time
  (unix seconds; a value above 1e11 is milliseconds).
- Receiver fields after the checksum: the FIRST all-digit field that reads as a unix time
  (10 digits = seconds, optionally with a fraction; 13 digits = milliseconds) is the receive
  time. In AISdb's ``test_data_201201.nmea`` lines end ``…,t050056.00,…,1325394060,1325394001``:
  the first number lies 0-4 s after the receiver's own ``t`` clock field (05:00:56 → 05:01:00),
  the second 27-59 s BEFORE it, so only the first can be the time of receipt.
- ``$PGHP,1,yyyy,mm,dd,HH,MM,SS,mmm,…,cc*hh`` (Gatehouse / exactEarth) gives a time to the AIS
  sentence whose checksum is ``cc`` (field 13); the sentence may come before or after it. The
  8th number is milliseconds (values up to 999 occur), not hundredths.
"""

from __future__ import annotations

import calendar
import re
from functools import reduce
from operator import xor

# An AIS sentence from its "!" (or "$") to the two checksum digits. Groups: 1 fragment count,
# 2 fragment number, 3 sequential id, 4 channel, 5 payload, 6 fill bits, 7 checksum; the "*"
# is at match.end(6). AIS_FRAMED accepts only usable fields (count and number 1-9, payload in
# the 6-bit alphabet, fill bits 0-5); AIS_SENTENCE any, to tell what is wrong with a line.
AIS_FRAMED = re.compile(
    rb"[!$][^,*!$\\]{2}VD[MO],([1-9]),([1-9]),([^,*]*),([^,*]*),([0-W`-w]+),([0-5])\*"
    rb"([0-9A-Fa-f]{2})"
)
AIS_SENTENCE = re.compile(
    rb"[!$][^,*!$\\]{2}VD[MO],([^,*]*),([^,*]*),([^,*]*),([^,*]*),([^,*]*),([^,*]*)\*"
    rb"([0-9A-Fa-f]{2})"
)
# Any other well-formed sentence: "!" or "$", an address of 3-10 letters/digits, "," or "*".
SENTENCE_ADDRESS = re.compile(rb"[!$]([A-Z0-9=]{3,10})[,*]")
# Where an NMEA sentence or tag block starts inside a line that carries a prefix.
SENTENCE_START = re.compile(rb"[!$\\]")
# The 6-bit payload alphabet: ASCII 48-87 ("0"-"W") and 96-119 ("`"-"w").
ARMOURED = re.compile(rb"[0-W`-w]+")
HEX_PAIR = re.compile(rb"[0-9A-Fa-f]{2}")

FILL_BITS = {str(n).encode(): n for n in range(6)}

_UNIX_S_MIN, _UNIX_S_MAX = 1_000_000_000, 9_999_999_999  # 2001-09-09 .. 2286-11-20
_UNIX_MS_MIN, _UNIX_MS_MAX = 1_000_000_000_000, 9_999_999_999_999
_TAG_MS_ABOVE = 100_000_000_000  # tag block c: values above 1e11 are milliseconds


def checksum(body: bytes) -> int:
    """XOR of the bytes of ``body`` (the text between ``!``/``$``/``\\`` and ``*``)."""
    return reduce(xor, body, 0)


def hex_checksum_ok(body: bytes, stated: bytes) -> bool:
    """True when ``stated`` is two hex digits equal to the checksum of ``body``."""
    return HEX_PAIR.fullmatch(stated) is not None and checksum(body) == int(stated, 16)


_TAG_MS_LATEST = 253_402_300_800_000  # 10000-01-01T00:00:00Z in milliseconds


def tag_time_ms(value: bytes) -> int | None:
    """A tag block ``c:`` value in milliseconds; seconds unless above 1e11. None if unreadable."""
    try:
        number = float(value) if b"." in value else int(value)
    except ValueError:
        return None
    # Not a time a receiver could have stamped (0, negative, past year 9999, "1.e400"):
    # no tag time, rather than an overflow that would fail the whole file.
    if not 0 < number < _TAG_MS_LATEST:
        return None
    if number > _TAG_MS_ABOVE:
        return int(number)
    return round(number * 1000)


def parse_tag_blocks(line: bytes) -> tuple[int, int | None, bool] | None:
    """The leading tag blocks of ``line`` (which starts with a backslash).

    Returns (offset where the sentence starts, ``c:`` time in ms or None, every tag block
    checksum valid), or None when a tag block is not terminated. A group without ``*hh`` has
    nothing to validate and counts as valid.
    """
    position = 0
    time_ms: int | None = None
    valid = True
    size = len(line)
    while position < size and line[position] == 0x5C:  # "\"
        end = line.find(b"\\", position + 1)
        if end < 0:
            return None
        group = line[position + 1 : end]
        star = group.rfind(b"*")
        if star >= 0:
            body = group[:star]
            if not hex_checksum_ok(body, group[star + 1 :]):
                valid = False
        else:
            body = group
        for item in body.split(b","):
            if item[:2] == b"c:":
                time_ms = tag_time_ms(item[2:])
        position = end + 1
    return position, time_ms, valid


def receiver_time_ms(trailer: bytes) -> int | None:
    """The receive time in ms from the fields after a sentence's checksum, or None.

    The first all-digit field that is a plausible unix time: 10 digits (seconds, optionally
    with a decimal fraction) or 13 digits (milliseconds).
    """
    for item in trailer.split(b","):
        if not item[:1].isdigit():
            continue
        whole, dot, fraction = item.partition(b".")
        if not whole.isdigit() or (dot and not fraction.isdigit()):
            continue
        value = int(whole)
        if _UNIX_S_MIN <= value <= _UNIX_S_MAX:
            if fraction:
                return round(float(item) * 1000)
            return value * 1000
        if not dot and _UNIX_MS_MIN <= value <= _UNIX_MS_MAX:
            return value
    return None


def pghp_time(fields: list[bytes]) -> tuple[int, bytes] | None:
    """(time in ms, checksum of the sentence it dates, upper-case) of a type-1 ``$PGHP``.

    ``fields`` is the sentence up to ``*`` split on commas (``fields[0]`` is ``$PGHP``).
    """
    if len(fields) < 14 or fields[1] != b"1":
        return None
    try:
        year, month, day, hour, minute, second, millis = (int(f) for f in fields[2:9])
    except ValueError:
        return None
    if not (
        1980 <= year <= 2200
        and 1 <= month <= 12
        and 1 <= day <= calendar.monthrange(year, month)[1]
        and 0 <= hour <= 23
        and 0 <= minute <= 59
        and 0 <= second <= 60
        and 0 <= millis <= 999
    ):
        return None
    target = fields[13].strip().upper()
    if HEX_PAIR.fullmatch(target) is None:
        return None
    seconds = calendar.timegm((year, month, day, hour, minute, second, 0, 0, 0))
    return seconds * 1000 + millis, target
