"""AIS messages as NMEA 0183 lines, many at once: payloads (``bits``), sentences, tag blocks.

Each line carries a tag block ``\\s:SIMULATED,c:<unix seconds>*hh\\`` (NMEA 4.10: ``s:`` the
source, ``c:`` the time): the time a reader takes for the message, and a mark no reader can miss
that the line was made up. Lines of one kind have one width, so they are assembled as rows of a
byte matrix and joined in time order by scattering into one buffer.

Messages: 1 (Class A position), 18 (Class B position), 5 (Class A static and voyage data, two
sentences) and 24 parts A and B (Class B static data), laid out as ITU-R M.1371-5 defines them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import xor

import numpy as np
import numpy.typing as npt

from sanctionwatch.simulate.bits import U8, Packer

I64 = npt.NDArray[np.int64]
SOURCE = b"SIMULATED"
_TAG_HEAD = b"s:" + SOURCE + b",c:"
_HEX = np.frombuffer(b"0123456789ABCDEF", dtype=np.uint8)
_CHANNELS = np.frombuffer(b"AB", dtype=np.uint8)
NOT_AVAILABLE_ROT = -128


@dataclass
class Positions:
    """Position reports: one element per message (values already on the AIS grid)."""

    msg_type: I64  # 1 or 18
    mmsi: I64
    status: I64
    sog_dkn: I64  # tenths of a knot
    lon: npt.NDArray[np.float64]
    lat: npt.NDArray[np.float64]
    cog_ddeg: I64  # tenths of a degree
    heading: I64
    second: I64


@dataclass
class Statics:
    """Static reports: type 5 (Class A) or 24 (part 0 = A, 1 = B), texts as 6-bit rows."""

    msg_type: I64
    part: I64
    mmsi: I64
    imo: I64  # 0 when none
    callsign: U8  # (n, 7)
    name: U8  # (n, 20)
    ship_type: I64
    to_bow: I64
    to_stern: I64
    to_port: I64
    to_starboard: I64
    eta_month: I64
    eta_day: I64
    eta_hour: I64
    eta_minute: I64
    draught_dm: I64
    destination: U8  # (n, 20)


def position_payloads(p: Positions) -> U8:
    """28 characters (168 bits, no fill) per message; types 1 and 18 by ``msg_type``."""
    out = np.empty((p.mmsi.size, 28), dtype=np.uint8)
    lon = np.rint(p.lon * 600_000).astype(np.int64)
    lat = np.rint(p.lat * 600_000).astype(np.int64)
    for kind in (1, 18):
        rows = np.flatnonzero(p.msg_type == kind)
        if not rows.size:
            continue
        pack = Packer(rows.size, 168)
        pack.put(kind, 6)
        pack.put(0, 2)  # repeat indicator
        pack.put(p.mmsi[rows], 30)
        if kind == 1:
            pack.put(p.status[rows], 4)
            pack.put(NOT_AVAILABLE_ROT, 8)
        else:
            pack.put(0, 8)  # regional reserved
        pack.put(p.sog_dkn[rows], 10)
        pack.put(0, 1)  # position accuracy: low (> 10 m), an unaugmented GPS
        pack.put(lon[rows], 28)
        pack.put(lat[rows], 27)
        pack.put(p.cog_ddeg[rows], 12)
        pack.put(p.heading[rows], 9)
        pack.put(p.second[rows], 6)
        if kind == 1:
            pack.put(0, 2 + 3 + 1 + 19)  # manoeuvre, spare, RAIM, radio status
        else:
            pack.put(0, 2)  # regional reserved
            pack.put(0b1001000, 7)  # CS unit, no display, no DSC, whole band, no msg 22, ...
            pack.put(0, 1 + 20)  # RAIM, radio status
        out[rows], _ = pack.armoured()
    return out


def voyage_payloads(s: Statics) -> U8:
    """Type 5: 71 characters (424 bits, 2 fill bits) per message."""
    pack = Packer(s.mmsi.size, 424)
    pack.put(5, 6)
    pack.put(0, 2)
    pack.put(s.mmsi, 30)
    pack.put(0, 2)  # AIS version: ITU-R M.1371-1
    pack.put(s.imo, 30)
    pack.put_text(s.callsign)
    pack.put_text(s.name)
    pack.put(s.ship_type, 8)
    pack.put(s.to_bow, 9)
    pack.put(s.to_stern, 9)
    pack.put(s.to_port, 6)
    pack.put(s.to_starboard, 6)
    pack.put(1, 4)  # EPFD: GPS
    pack.put(s.eta_month, 4)
    pack.put(s.eta_day, 5)
    pack.put(s.eta_hour, 5)
    pack.put(s.eta_minute, 6)
    pack.put(s.draught_dm, 8)
    pack.put_text(s.destination)
    pack.put(0, 2)  # DTE ready, spare
    chars, _ = pack.armoured()
    return chars


def static_payloads(s: Statics) -> U8:
    """Type 24: 28 characters (168 bits) per message, part A (name) or B (type, call sign)."""
    pack = Packer(s.mmsi.size, 168)
    pack.put(24, 6)
    pack.put(0, 2)
    pack.put(s.mmsi, 30)
    part = s.part
    name_bits = Packer(s.mmsi.size, 128)
    name_bits.put_text(s.name)
    # Part A: name (120 bits) + 8 spare. Part B: type, vendor, model/serial, call sign, size.
    b_bits = Packer(s.mmsi.size, 128)
    b_bits.put(s.ship_type, 8)
    b_bits.put(0, 18 + 4 + 20)  # vendor id, model, serial: unknown
    b_bits.put_text(s.callsign)
    b_bits.put(s.to_bow, 9)
    b_bits.put(s.to_stern, 9)
    b_bits.put(s.to_port, 6)
    b_bits.put(s.to_starboard, 6)
    pack.put(part, 2)
    body = np.where(part[:, None] == 0, name_bits.words, b_bits.words)
    # the 128 body bits start at bit 40: splice the two body words in after the header
    pack.words[:, 0] |= body[:, 0] >> np.uint64(40)
    pack.words[:, 1] = (body[:, 0] << np.uint64(24)) | (body[:, 1] >> np.uint64(40))
    pack.words[:, 2] = body[:, 1] << np.uint64(24)
    chars, _ = pack.armoured()
    return chars


def _digits(values: I64, width: int) -> U8:
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return ((values[:, None] // powers) % 10 + 48).astype(np.uint8)


def _xor_rows(rows: U8) -> npt.NDArray[np.uint8]:
    return (
        np.bitwise_xor.reduce(rows, axis=1) if rows.shape[1] else np.zeros(rows.shape[0], np.uint8)
    )


def _constant(text: bytes, n: int) -> U8:
    return np.broadcast_to(np.frombuffer(text, dtype=np.uint8), (n, len(text)))


def lines(
    payload: U8,
    fill: int,
    channel: U8,
    time_s: I64,
    *,
    fragment: tuple[int, int] = (1, 1),
    sequence: U8 | None = None,
) -> U8:
    """One NMEA line per row: tag block, ``!AIVDM`` sentence, checksums, newline."""
    n = payload.shape[0]
    digits = _digits(time_s, 10)  # unix seconds: ten digits until the year 2286
    tag_sum = reduce(xor, _TAG_HEAD, 0) ^ _xor_rows(digits)
    tag = [
        _constant(b"\\" + _TAG_HEAD, n),
        digits,
        _constant(b"*", n),
        _HEX[tag_sum >> 4][:, None],
        _HEX[tag_sum & 15][:, None],
        _constant(b"\\", n),
    ]
    head = b"!AIVDM,%d,%d," % fragment
    seq = [sequence[:, None]] if sequence is not None else []
    tail = b",%d*" % fill
    sentence_sum = (
        reduce(xor, head[1:] + b"," + b"," + tail[:-1], 0)
        ^ _xor_rows(payload)
        ^ channel
        ^ (sequence if sequence is not None else 0)
    ).astype(np.uint8)
    body = [
        _constant(head, n),
        *seq,
        _constant(b",", n),
        channel[:, None],
        _constant(b",", n),
        payload,
        _constant(tail, n),
        _HEX[sentence_sum >> 4][:, None],
        _HEX[sentence_sum & 15][:, None],
        _constant(b"\n", n),
    ]
    return np.concatenate([*tag, *body], axis=1)


def channels(rng: np.random.Generator, n: int) -> U8:
    """AIS channel A or B for each message (a transponder alternates between them)."""
    return _CHANNELS[rng.integers(0, 2, n)]


def join(blocks: list[tuple[I64, U8]]) -> bytes:
    """Rows of several blocks in the order of their ranks (each block: ranks, rows)."""
    ranks = np.concatenate([r for r, _ in blocks])
    widths = np.concatenate([np.full(r.size, b.shape[1], dtype=np.int64) for r, b in blocks])
    order = np.argsort(ranks, kind="stable")
    offsets = np.empty(ranks.size, dtype=np.int64)
    offsets[order] = np.concatenate([[0], np.cumsum(widths[order])[:-1]])
    out = np.empty(int(widths.sum()), dtype=np.uint8)
    first = 0
    for block_ranks, rows in blocks:
        where = offsets[first : first + block_ranks.size]
        out[where[:, None] + np.arange(rows.shape[1])] = rows
        first += block_ranks.size
    return out.tobytes()
