"""The numba kernels (``fast_framing``, ``fast_fields``) where they read 8 bytes at a time or
several fields at once: every byte value in every payload position, random damage to real
lines, the lines at the end of a buffer (read from a padded copy) and unaligned buffers.
Each is checked against the per-line path, whose output the fast path must equal exactly."""

from __future__ import annotations

import functools
import operator
import random
from pathlib import Path

import numpy as np
import pytest

from sanctionwatch.sources.ais_fast import decode_lines
from sanctionwatch.sources.ais_nmea import NmeaState
from sanctionwatch.sources.fast_framing import AIS, PSTART, frame_lines, line_bounds
from tests.sources.test_ais_paths_agree import assert_same, load, read

BASE = "AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0"  # gpsd sample: type 1
ALPHABET = {*range(48, 88), *range(96, 120)}


def preamble() -> list[bytes]:
    """Clean lines first: a NUL byte in the first 4 KiB rejects the whole input as binary."""
    return [sentence(BASE.encode())] * 100


def sentence(body: bytes) -> bytes:
    """``!`` + body + ``*`` + its checksum."""
    return b"!%s*%02X" % (body, functools.reduce(operator.xor, body, 0))


def test_every_byte_in_every_payload_position() -> None:
    """The alphabet and checksum words: each byte value at each of the 28 payload positions
    (line starts fall at every offset within a word), the checksum made right."""
    body = BASE.encode()
    start = body.index(b"15RT")
    lines = []
    for position in range(28):
        for byte in range(256):
            if byte not in (0x0A, 0x0D):  # a line break would make two lines
                changed = bytearray(body)
                changed[start + position] = byte
                lines.append(sentence(bytes(changed)))
    data = b"\n".join(preamble() + lines) + b"\n"
    fast = read(data, fast=True)
    assert_same(fast, read(data, fast=False))
    result = decode_lines(data)
    handled = result.handled[100:].reshape(28, -1)
    values = np.array([b for b in range(256) if b not in (0x0A, 0x0D)])
    expected = np.isin(values, sorted(ALPHABET))
    assert (handled[1:] == expected).all()  # position 0, the type, decides more than that
    assert handled[0].sum() < expected.sum()


MUTATIONS = b",*!$\\PGHVDM0123456789ABCDEFabcdef@`wxyz;:<=>?\x00\x80\xff\r \t"


def _damage(line: bytes, rng: random.Random) -> bytes:
    """One random change; half the time the checksum is made right again, so that the damage
    reaches the checks after it."""
    if not line:
        return line
    at = rng.randrange(len(line))
    change = rng.randrange(5)
    if change == 0:
        line = line[:at] + bytes([rng.choice(MUTATIONS)]) + line[at + 1 :]
    elif change == 1:
        line = line[:at] + line[at + 1 :]
    elif change == 2:
        line = line[:at] + bytes([rng.choice(MUTATIONS)]) + line[at:]
    elif change == 3:
        line = line[:at]
    else:
        line = line[:at] + line[at - 1 : at] * rng.randrange(1, 4) + line[at:]
    star = line.rfind(b"*")
    if rng.random() < 0.5 and line[:1] in (b"!", b"$") and 0 < star <= len(line) - 3:
        line = sentence(line[1:star]) + line[star + 3 :]
    return line


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_damaged_real_lines_read_the_same_both_ways(shared: Path, seed: int) -> None:
    rng = random.Random(seed)
    amsa = load(shared, "amsa/ais.txt.gz").split(b"\n")[:-1]
    lines = [
        _damage(line, rng) if rng.random() < 0.3 else line
        for line in amsa[rng.randrange(len(amsa) - 12_000) :][:12_000]
    ]
    data = b"\n".join(preamble() + lines) + b"\n"
    fast = read(data, fast=True)
    assert_same(fast, read(data, fast=False))
    assert fast.account.quarantined, "the damage reached the checks"
    for batch_lines in (997, 64):
        assert_same(read(data, fast=True, batch_lines=batch_lines), fast)


# Tag-block lines of every kind the real logs hold, and the values ``c:`` may take.
TAG_LOGS = ("kystverket/Ais1000Lines.nm4", "aisdb/test_data_20211101.nm4",
            "amsa/exact-earth-with-tag-block.txt", "amsa/nmea-timestamped.txt")  # fmt: skip
C_VALUES = [
    b"", b"0", b"00", b"1709251202", b"1709251202123", b"0001709251202", b"100000000000",
    b"100000000001", b"1709251202.5", b"1709251202.", b".5", b"-1709251202", b"+1709251202",
    b" 1709251202", b"1709251202 ", b"1_709_251_202", b"1e9", b"9" * 15, b"9" * 16,
    b"abc", b"1709251202*12",
]  # fmt: skip


def _tag_sum(line: bytes) -> bytes:
    """``line`` with its first tag block's ``*hh`` made right (when it has one)."""
    close = line.find(b"\\", 1)
    star = line.rfind(b"*", 0, close)
    if not line.startswith(b"\\") or star < 0 or close - star != 3:
        return line
    return b"%s*%02X%s" % (line[:star], functools.reduce(operator.xor, line[1:star], 0),
                           line[close:])  # fmt: skip


def _damage_tag(line: bytes, rng: random.Random) -> bytes:
    """A random change, most often inside the tag block, or another ``c:`` value; then,
    each half the time, the tag checksum and the sentence checksum made right again."""
    close = line.find(b"\\", 1)
    if rng.random() < 0.3 and b"c:" in line[:close]:
        at = line.index(b"c:") + 2
        stop = min(i for i in (line.find(b",", at), line.find(b"*", at), close) if i >= 0)
        line = line[:at] + rng.choice(C_VALUES) + line[stop:]
    elif close > 0 and rng.random() < 0.8:
        head = _damage(line[: close + 1], rng)
        line = head + line[close + 1 :]
    else:
        line = _damage(line, rng)
    if rng.random() < 0.5:
        line = _tag_sum(line)
    close = line.find(b"\\", 1)
    star = line.rfind(b"*")
    if rng.random() < 0.5 and line[close + 1 : close + 2] in (b"!", b"$") and close + 1 < star:
        line = line[: close + 1] + sentence(line[close + 2 : star]) + line[star + 3 :]
    return line


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
def test_damaged_tag_blocks_read_the_same_both_ways(shared: Path, seed: int, strict: bool) -> None:
    """Unterminated, doubled, cut and misplaced tag blocks, wrong tag checksums and every
    odd ``c:`` value, on the real tag-block logs' lines: the per-line path decides them."""
    rng = random.Random(seed)
    lines = [line for name in TAG_LOGS for line in load(shared, name).split(b"\n")[:-1]]
    lines = [_damage_tag(line, rng) if rng.random() < 0.5 else line for line in lines]
    rng.shuffle(lines)
    data = b"\n".join(preamble() + lines) + b"\n"
    fast = read(data, fast=True, strict_tag_checksums=strict)
    slow = read(data, fast=False, strict_tag_checksums=strict)
    assert_same(fast, slow)
    assert fast.account.quarantined, "the damage reached the checks"
    assert strict or fast.mismatches, "some tag checksums are wrong"
    handled = decode_lines(data, strict_tag_checksums=strict).handled
    assert 0.3 < handled.mean() < 0.95  # both paths read many of them
    for batch_lines in (997, 64):
        assert_same(
            read(data, fast=True, batch_lines=batch_lines, strict_tag_checksums=strict), slow
        )


LAST_LINES = [
    sentence(BASE.encode()),
    sentence(b"AIVDM,1,1,,B,KCQ9r=hrFUnH7P00,0"),  # type 27: a short payload
    sentence(BASE.encode()) + b",1327664821",  # a receive time
    b"$GPZDA,114702.51,27,01,2012,,*66",
    b"$AB,1*00",
    b"# a comment",
    b"",
    b"\r",
    sentence(b"PGHP,1,2012,1,27,9,58,26,36,316,2,316000002,1AIS_S,4A"),
    b"x PGHP",
    b"!",
    b"\\s:SIMULATED,c:1709251202*6F\\" + sentence(BASE.encode()),
    b"\\c:1709251202*00\\" + sentence(b"AIVDM,1,1,,B,KCQ9r=hrFUnH7P00,0"),  # a mismatch
    b"\\c:1709251202*6F\\$GPZDA,114702.51,27,01,2012,,*66",
    b"\\c:1709251202*6F\\",
    b"\\c:1709251202*6",
]


def _last_lines(final_newline: bool) -> list[list[bytes]]:
    """Every run of 1-4 of LAST_LINES (cyclically)."""
    n = len(LAST_LINES)
    runs = [[LAST_LINES[(first + k) % n] for k in range(count)] for count in range(1, 5)
            for first in range(n)]  # fmt: skip
    return [run for run in runs if final_newline or run[-1]]


@pytest.mark.parametrize("final_newline", [True, False])
def test_the_last_lines_of_a_buffer(final_newline: bool) -> None:
    """A buffer's last lines are read from a copy of its end: every kind of line there."""
    for run in _last_lines(final_newline):
        data = b"\n".join(preamble() + run) + (b"\n" if final_newline else b"")
        assert_same(read(data, fast=True), read(data, fast=False))


@pytest.mark.parametrize("final_newline", [True, False])
def test_buffers_shorter_than_a_few_words(final_newline: bool) -> None:
    """Buffers of a few lines only, down to less than a word: the rows of the lines handled
    equal the per-line path's, and no line it quarantines is handled."""
    for run in _last_lines(final_newline):
        data = b"\n".join(run) + (b"\n" if final_newline else b"")
        result = decode_lines(data)
        assert result.line_count == len(run)
        state = NmeaState()
        state.process(run, 1)
        state.finish()
        slow = state.take_batch()
        handled = set((np.flatnonzero(result.handled) + 1).tolist())
        assert not handled & set(slow.quarantine.column("line").to_pylist())
        for name in ("positions", "statics", "raw"):
            expected = [r for r in getattr(slow, name).to_pylist() if r["line"] in handled]
            assert getattr(result, name).to_pylist() == expected, (run, name)


@pytest.mark.parametrize("offset", range(1, 8))
def test_unaligned_buffers_frame_the_same(shared: Path, offset: int) -> None:
    text = load(shared, "amsa/ais.txt.gz")[:200_000]
    padded = np.frombuffer(b"x" * offset + text, dtype=np.uint8)
    aligned, unaligned = np.frombuffer(text, dtype=np.uint8), padded[offset:]
    reference = frame_lines(aligned, *line_bounds(aligned))
    framed = frame_lines(unaligned, *line_bounds(unaligned))
    assert np.array_equal(framed.kind, reference.kind)
    assert (framed.kind == AIS).sum() > 1000
    assert np.array_equal(framed.ais, reference.ais)
    assert np.array_equal(framed.groups, reference.groups)
    assert np.array_equal(framed.other_kinds, reference.other_kinds)
    assert framed.ais[:, PSTART].max() < text.rfind(b"\n")
