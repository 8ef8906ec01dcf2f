"""The compiled fast path (``ais_fast``) and the per-line path give the same output.

Every real log (the tag-block logs of Kystverket, AISdb and AMSA among them) and a log of the
simulator (a tag block on every line) is read twice, ``NmeaReader(fast=True)`` and
``fast=False``: the tables (after sorting by line), the line accounts, the message type
counts and the tag checksum mismatches must be identical.
"""

from __future__ import annotations

import gzip
import io
from collections import Counter
from dataclasses import dataclass
from functools import reduce
from operator import xor
from pathlib import Path

import pyarrow as pa
import pytest

from sanctionwatch.simulate.run import Request, simulate
from sanctionwatch.sources.ais_fast import decode_lines
from sanctionwatch.sources.ais_nmea import NmeaReader
from sanctionwatch.sources.ais_records import (
    POSITIONS,
    QUARANTINE,
    RAW_MESSAGES,
    STATICS,
    LineAccount,
)
from tests.conftest import shared_root

NMEA = Path("data/ais/nmea")
TABLES = {"positions": POSITIONS, "statics": STATICS, "raw": RAW_MESSAGES, "quarantine": QUARANTINE}


@dataclass(frozen=True)
class Output:
    tables: dict[str, pa.Table]
    account: LineAccount
    types: Counter[int]
    mismatches: int


def read(data: bytes, *, fast: bool, batch_lines: int = 200_000, **options: bool) -> Output:
    reader = NmeaReader(fast=fast, **options)
    batches = list(reader.read(io.BytesIO(data), Path("log.nmea"), batch_lines=batch_lines))
    tables = {
        name: pa.concat_tables([schema.empty_table(), *(getattr(b, name) for b in batches)])
        .combine_chunks()
        .sort_by("line")
        for name, schema in TABLES.items()
    }
    return Output(tables, reader.account, reader.message_types, reader.tag_checksum_mismatches)


def log_names() -> list[str]:
    root = shared_root() / NMEA
    if not root.is_dir():
        return ["(no shared data)"]
    names = (str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    return sorted(n for n in names if "LICENSE" not in n)


def load(shared: Path, name: str) -> bytes:
    data = (shared / NMEA / name).read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


def assert_same(fast: Output, slow: Output) -> None:
    for name in TABLES:
        mine, reference = fast.tables[name], slow.tables[name]
        assert mine.num_rows == reference.num_rows, name
        assert mine.equals(reference), (name, _first_difference(mine, reference))
    assert fast.account == slow.account
    assert fast.account.balanced()
    assert fast.types == slow.types
    assert fast.mismatches == slow.mismatches


def _first_difference(mine: pa.Table, reference: pa.Table) -> tuple[object, object]:
    for row, other in zip(mine.to_pylist(), reference.to_pylist(), strict=True):
        if row != other:
            return row, other
    return None, None


@pytest.mark.parametrize("name", log_names())
@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
def test_every_log_reads_the_same_both_ways(shared: Path, name: str, strict: bool) -> None:
    data = load(shared, name)
    fast = read(data, fast=True, strict_tag_checksums=strict)
    slow = read(data, fast=False, strict_tag_checksums=strict)
    assert_same(fast, slow)
    # Small chunks: every chunk's last lines go through the kernels' padded copy of its end.
    assert_same(read(data, fast=True, batch_lines=61, strict_tag_checksums=strict), slow)


@pytest.mark.parametrize("batch_lines", [997, 50, 7])
def test_chunk_edges_change_nothing(shared: Path, batch_lines: int) -> None:
    """Small chunks: $PGHP windows and held-back tails cross chunk edges."""
    data = load(shared, "amsa/ais.txt.gz")
    if batch_lines < 997:
        data = data[: data.index(b"\n", 300_000) + 1]  # enough for a few $PGHP lines
    reference = read(data, fast=False)
    assert_same(read(data, fast=True, batch_lines=batch_lines), reference)


def test_pghp_heavy_logs_with_small_chunks(shared: Path) -> None:
    data = load(shared, "amsa/exact-earth-augmented-3.txt")
    assert_same(read(data, fast=True, batch_lines=333), read(data, fast=False))


def test_the_fast_path_does_most_of_the_amsa_log(shared: Path) -> None:
    """Not a requirement of agreement, but the point of the fast path."""
    from sanctionwatch.sources.ais_fast import decode_lines

    result = decode_lines(load(shared, "amsa/ais.txt.gz"))
    assert result.handled.mean() > 0.99


def test_synthetic_edges_read_the_same_both_ways(shared: Path) -> None:
    """BOM, CRLF, blank and overlong lines (inside a read block and across blocks), noise,
    $PGHP naming sentences before and after it, and no final newline."""
    amsa = load(shared, "amsa/ais.txt.gz").splitlines(keepends=True)
    named = amsa[1010].split(b"*")[1][:2].decode()  # a sentence after it, and maybe others
    body = f"PGHP,1,2012,1,27,9,58,26,36,316,2,316000002,1AIS_S,{named}"
    pghp = f"${body}*{reduce(xor, body.encode(), 0):02X}\r\n".encode()
    pieces = [
        b"\xef\xbb\xbf",
        *amsa[:500],
        b"\r\n",
        b"x" * 100_000 + b"\n",  # cut at 65,536 bytes, inside one read block
        *[line.rstrip(b"\n") + b"\r\n" for line in amsa[500:1000]],
        pghp,
        *amsa[1000:1100],
        b"!AIVDM," + b"y" * 3_000_000 + b"\n",  # spans read blocks
        *amsa[1100:2000],
        amsa[2000].rstrip(b"\n"),
    ]
    data = b"".join(pieces)
    reference = read(data, fast=False)
    times = [r["timestamp"] for r in reference.tables["positions"].to_pylist()]
    assert "2012-01-27T09:58:26.036000+00:00" in {t.isoformat() for t in times if t}  # $PGHP
    for batch_lines in (200_000, 301):
        assert_same(read(data, fast=True, batch_lines=batch_lines), reference)


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """``simulate``'s NMEA: ``\\s:SIMULATED,c:<unix s>*hh\\`` before every sentence."""
    out = tmp_path_factory.mktemp("simulated") / "nmea"
    simulate(Request("dprk-2024", seed=1, vessels=16, days=0.5), out)
    return (out / "ais.nmea").read_bytes()


@pytest.mark.parametrize("batch_lines", [200_000, 997, 61])
def test_simulated_log_reads_the_same_both_ways(simulated: bytes, batch_lines: int) -> None:
    reference = read(simulated, fast=False)
    assert reference.tables["positions"].num_rows > 5000
    assert_same(read(simulated, fast=True, batch_lines=batch_lines), reference)


@pytest.mark.parametrize(
    "name",
    ["kystverket/Ais1000Lines.nm4", "aisdb/test_data_20211101.nm4",
     "amsa/exact-earth-with-tag-block.txt", "amsa/nmea-timestamped.txt"],
)  # fmt: skip
def test_the_fast_path_takes_tagged_single_fragments(shared: Path, name: str) -> None:
    """Not a requirement of agreement: every single-fragment line of the tag-block logs and
    of a simulated log is the fast path's (only multipart sentences are left)."""
    assert _left_to_the_slow_path(load(shared, name)) <= {b"2"}  # multipart only


def test_the_fast_path_takes_the_simulated_log(simulated: bytes) -> None:
    assert _left_to_the_slow_path(simulated) == {b"2"}


def _left_to_the_slow_path(data: bytes) -> set[bytes]:
    """The fragment counts of the lines ``decode_lines`` leaves."""
    result = decode_lines(data)
    assert result.positions.num_rows >= 100
    lines = data.split(b"\n")
    left = [lines[i] for i in (~result.handled).nonzero()[0].tolist()]
    return {line.split(b"VDM,")[1][:1] for line in left}


@pytest.mark.parametrize("batch_lines", [200_000, 997])
def test_batches_hold_the_same_rows_in_the_same_order(simulated: bytes, batch_lines: int) -> None:
    """Unsorted, batch by batch: what ``ingest ais`` writes is the same file either way."""

    def batches(fast: bool) -> list[dict[str, pa.Table]]:
        reader = NmeaReader(fast=fast)
        stream = io.BytesIO(simulated)
        return [
            {name: getattr(batch, name) for name in TABLES}
            for batch in reader.read(stream, Path("log.nmea"), batch_lines=batch_lines)
        ]

    mine, reference = batches(True), batches(False)
    for got, want in zip(mine, reference, strict=True):
        for name in TABLES:
            assert got[name].equals(want[name]), name
