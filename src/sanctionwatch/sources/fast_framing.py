"""Framing and checks of single-fragment AIS sentences, vectorised over a buffer's lines.

``line_bounds`` finds the lines; ``frame_ais`` keeps those whose header, fill bits, ``*hh``
and optional receive time have exactly the forms the fast path handles (``ais_fast``'s
docstring lists them); ``verify_payloads`` then checks each payload's 6-bit alphabet and the
checksum, drops the lines a ``$PGHP`` may date, and hands the payloads on as 12-bit pairs
grouped by width. Only fixed-size windows are read: HEAD bytes at the start of each line,
TAIL bytes before its end, and the payload.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sanctionwatch.sources.fast_arrays import (
    COMMA,
    CR,
    HEADS,
    HEX,
    I64,
    NEWLINE,
    NO_TIME,
    STAR,
    U8,
    U16,
    U32,
    Bools,
    byte_table,
    gather_rows,
)
from sanctionwatch.sources.fast_pghp import PghpGuard

HEAD = 16  # bytes gathered from each line start: the AIS header, at least its first payload byte
TAIL = 20  # bytes gathered before each line end: ",F*hh" and a 13-digit receive time
MIN_AIS = 20  # shortest AIS line handled (a 2-character payload)
MAX_PAYLOAD = 128  # longest payload handled (a single NMEA sentence holds at most 82)
BAD_PAIR = 0x8000  # pair-table value when a byte is outside the 6-bit alphabet


def _sextet_table() -> npt.NDArray[np.int16]:
    """ASCII byte -> its 6-bit value; -1 outside the alphabet (ASCII 48-87, 96-119)."""
    table = np.full(256, -1, dtype=np.int16)
    table[48:88] = np.arange(0, 40)
    table[96:120] = np.arange(40, 64)
    return table


def _pair_table() -> U16:
    """Two payload bytes, read as a little-endian uint16, -> their 12 bits (first sextet high);
    BAD_PAIR when either byte is outside the 6-bit alphabet."""
    code = np.arange(1 << 16)
    first, second = SEXTET[code & 0xFF].astype(np.int32), SEXTET[code >> 8].astype(np.int32)
    table = np.full(1 << 16, BAD_PAIR, dtype=np.uint16)
    valid = (first >= 0) & (second >= 0)
    table[valid] = (first[valid] << 6) | second[valid]
    return table


def _word(text: bytes) -> np.uint64:
    word: np.uint64 = np.frombuffer(text, dtype="<u8")[0]
    return word


SEXTET = _sextet_table()
PAIRS = _pair_table()
DIGIT = byte_table(b"0123456789")
FIELD_BYTE = ~byte_table(b",*")  # a sequential id or channel byte
TALKER = ~byte_table(b",*!$\\")  # what the slow path's [^,*!$\\]{2} accepts
FILL = byte_table(b"012345")
POW10 = 10 ** np.arange(12, -1, -1, dtype=np.int64)
# Header bytes 3-10 "VDM,1,1," (M/O differ only in bit 1, masked out).
HEAD_MASK = _word(b"\xff\xff\xfd\xff\xff\xff\xff\xff")
HEAD_WANT = _word(b"VDM,1,1,")


def line_bounds(data: U8, newlines: I64 | None = None) -> tuple[I64, I64, I64]:
    """Start, "\\n" offset and end (before "\\r\\n" or "\\n") of every line."""
    if data.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    if newlines is None:
        newlines = np.flatnonzero(data == NEWLINE)
    if data[-1] != NEWLINE:  # a last line without "\\n"
        newlines = np.append(newlines, data.size)
    starts = np.empty_like(newlines)
    starts[0] = 0
    starts[1:] = newlines[:-1] + 1
    has_cr = (newlines > starts) & (data[np.maximum(newlines - 1, 0)] == CR)
    return starts, newlines, newlines - has_cr


@dataclass(frozen=True)
class FramedAis:
    """AIS sentences whose framing is proven so far (parallel arrays)."""

    index: I64  # line index
    pstart: I64  # payload's first byte
    length: I64  # payload characters
    fill: I64
    checksum: I64  # stated; once verified, also the computed one
    partial: I64  # XOR of everything but the payload
    time: I64  # receive time in ms, or NO_TIME

    def select(self, keep: Bools) -> FramedAis:
        return self if keep.all() else self.take(np.flatnonzero(keep))

    def take(self, keep: I64) -> FramedAis:
        return FramedAis(
            self.index[keep],
            self.pstart[keep],
            self.length[keep],
            self.fill[keep],
            self.checksum[keep],
            self.partial[keep],
            self.time[keep],
        )


def frame_ais(data: U8, starts: I64, ends: I64, index: I64) -> tuple[FramedAis, Bools]:
    """The lines of ``index`` framed as handled AIS sentences, and which have an AIS header."""
    head = gather_rows(data, starts[index], HEAD)
    header_len = _header_len(head)
    looks_ais = header_len > 0
    index, head, header_len = index[looks_ais], head[looks_ais], header_len[looks_ais]
    tail = gather_rows(data, ends[index] - TAIL, TAIL)
    star, time = _tail(tail)
    # The usual form ",F*hh" at the end; the rare ones with a receive time are moved back.
    around = tail[:, TAIL - 5 : TAIL].copy()
    moved = np.flatnonzero(star != TAIL - 3)
    if moved.size:
        column = np.maximum(star[moved], 2)[:, None] + np.arange(-2, 3)
        around[moved] = np.take_along_axis(tail[moved], column, axis=1)
    comma, fill_byte, high, low = around[:, 0], around[:, 1], HEX[around[:, 3]], HEX[around[:, 4]]
    pstart = starts[index] + header_len
    length = ends[index] - TAIL + star - 2 - pstart
    ok = (star >= 2) & (comma == COMMA) & FILL[fill_byte] & (high != 0xFF) & (low != 0xFF)
    ok &= (length >= 1) & (length <= MAX_PAYLOAD)
    stated = (high.astype(np.int64) << 4) | low
    partial = _header_xor(head, header_len) ^ COMMA ^ fill_byte.astype(np.int64)
    fill = fill_byte.astype(np.int64) - 48
    framed = FramedAis(index, pstart, length, fill, stated, partial, time)
    return framed.select(ok), looks_ais


def _header_xor(head: U8, header_len: I64) -> I64:
    """XOR of header bytes 1 .. header_len - 1 (13 to 15 bytes)."""
    words = head.view("<u4")
    acc = (words[:, 0] & np.uint32(0xFFFFFF00)) ^ words[:, 1] ^ words[:, 2]
    acc ^= acc >> 16
    acc ^= acc >> 8
    xor: I64 = (acc & 0xFF).astype(np.int64) ^ head[:, 12]
    xor ^= np.where(header_len >= 14, head[:, 13], 0)
    xor ^= np.where(header_len >= 15, head[:, 14], 0)
    return xor


def _header_len(head: U8) -> I64:
    """13-15 for "[!$]tt" "VD[MO],1,1," [id] "," [channel] ",", else 0."""
    fixed = (head[:, 3:11].copy().view("<u8")[:, 0] & HEAD_MASK) == HEAD_WANT
    fixed &= HEADS[head[:, 0]] & TALKER[head[:, 1]] & TALKER[head[:, 2]]
    c11, c12, c13, c14 = (head[:, i] == COMMA for i in range(11, 15))
    f11, f12, f13 = FIELD_BYTE[head[:, 11]], FIELD_BYTE[head[:, 12]], FIELD_BYTE[head[:, 13]]
    bare = c11 & c12
    one = ((c11 & f12) | (f11 & c12)) & c13
    both = f11 & c12 & f13 & c14
    length = np.where(bare, 13, np.where(one, 14, np.where(both, 15, 0)))
    return np.where(fixed, length, 0).astype(np.int64)


def _tail(tail: U8) -> tuple[I64, I64]:
    """Where "*" is in the tail (-1: no form handled) and the receive time (or NO_TIME).

    Forms: ",F*hh" at the end; then ",<10 digits>" (seconds) or ",<13 digits>" (ms), the
    first digit not 0, which ``receiver_time_ms`` reads as that time.
    """
    plain = tail[:, TAIL - 3] == STAR
    star = np.where(plain, TAIL - 3, -1)
    time = np.full(tail.shape[0], NO_TIME, dtype=np.int64)
    other = np.flatnonzero(~plain)
    if not other.size:
        return star, time
    rest = tail[other]
    digits = DIGIT[rest]
    for width, scale in ((10, 1000), (13, 1)):
        at = TAIL - width - 4
        form = (rest[:, at] == STAR) & (rest[:, at + 3] == COMMA) & (rest[:, at + 4] != ord("0"))
        form &= digits[:, at + 4 :].all(axis=1)
        if form.any():
            value = (rest[form, at + 4 :].astype(np.int64) - 48) @ POW10[-width:]
            star[other[form]] = at
            time[other[form]] = value * scale
    return star, time


@dataclass(frozen=True)
class PayloadGroup:
    """Verified AIS lines of one payload width and their payload as 12-bit pairs."""

    ais: FramedAis
    width: int  # characters, a multiple of 4 (shorter payloads padded with "0")
    pairs: U16


def verify_payloads(data: U8, ais: FramedAis, guard: PghpGuard) -> list[PayloadGroup]:
    """Payload alphabet and checksum, per payload width; lines a $PGHP may date are dropped."""
    groups: list[PayloadGroup] = []
    if not ais.index.size:
        return groups
    width = (ais.length + 3) & ~3
    order = np.argsort(width.astype(np.uint8), kind="stable")  # by width (radix), line order
    sizes, counts = np.unique(width, return_counts=True)
    for size, rows in zip(sizes.tolist(), np.split(order, np.cumsum(counts)[:-1]), strict=True):
        payload = _payload(data, ais.pstart[rows], ais.length[rows], size)
        pad = (size - ais.length[rows]) & 1  # each padding "0" adds 0x30 to the XOR
        computed = ais.partial[rows] ^ _xor_bytes(payload) ^ (pad * ord("0"))
        pairs = PAIRS[payload.view("<u2")]
        ok = _armour_ok(pairs) & (computed == ais.checksum[rows])
        ok[ok] = ~guard.excluded(ais.index[rows[ok]], ais.checksum[rows[ok]])
        if ok.any():
            groups.append(PayloadGroup(ais.take(rows[ok]), size, pairs[ok]))
    return groups


def _payload(data: U8, pstart: I64, length: I64, size: int) -> U8:
    """Payload bytes padded with "0" (value 0, a valid character) to ``size``."""
    payload = gather_rows(data, pstart, size)
    short = np.flatnonzero(length < size)
    if short.size:
        pad = np.arange(size) >= length[short, None]
        payload[short] = np.where(pad, np.uint8(ord("0")), payload[short])
    return payload


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


def _xor_bytes(rows: U8) -> I64:
    acc = _fold_rows(rows, xor=True)
    acc ^= acc >> 16
    acc ^= acc >> 8
    return (acc & 0xFF).astype(np.int64)


def _armour_ok(pairs: U16) -> Bools:
    ok: Bools = (_fold_rows(pairs, xor=False) & np.uint32(BAD_PAIR * 0x10001)) == 0
    return ok
