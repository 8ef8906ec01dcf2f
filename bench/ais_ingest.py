"""Benchmark: raw NMEA → Parquet positions, single process, against aiscat and pyais.

The input is the AMSA receiver log (../shared/data/ais/nmea/amsa/ais.txt.gz)
repeated to --megabytes. Three pipelines do the same job in one run — read the
lines, decode, keep position reports, write them to Parquet — and the script
prints positions/s and MB/s for each and sanctionwatch's ratio to the others:

  sanctionwatch  the reader `ingest ais` uses (vectorised fast path + pyais for the rest)
  aiscat         aiscat's C++ decoder, one call per line, columns into pyarrow
  pyais          pyais's decoder, one call per sentence, columns into pyarrow

With --rss-gigabytes N it also runs sanctionwatch alone on an N GB file in a child
process and prints its peak resident memory (it must not grow with the file).

    .venv/bin/python bench/ais_ingest.py [--megabytes 20] [--rss-gigabytes 1]
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import aiscat
import pyais
import pyarrow as pa
import pyarrow.parquet as pq

from sanctionwatch.sources.ais_nmea import NmeaReader
from sanctionwatch.sources.compressed import open_maybe_gzip

# What sanctionwatch stores as positions: ship reports plus base stations (4, 11) and SAR
# aircraft (9), so all three pipelines count the same messages.
POSITION_TYPES = {1, 2, 3, 4, 9, 11, 18, 19, 27}
COLUMNS = ("mmsi", "lat", "lon", "speed", "course", "heading")


def make_input(shared: Path, megabytes: float, target: Path) -> int:
    data = gzip.decompress((shared / "data/ais/nmea/amsa/ais.txt.gz").read_bytes())
    written = 0
    with target.open("wb") as handle:
        while written < megabytes * 1024 * 1024:
            handle.write(data)
            written += len(data)
    return written


def run_sanctionwatch(path: Path, out: Path) -> int:
    reader = NmeaReader()
    writer = None
    count = 0
    with open_maybe_gzip(path) as stream:
        for batch in reader.read(stream, path):
            if batch.positions.num_rows:
                if writer is None:
                    writer = pq.ParquetWriter(out, batch.positions.schema, compression="zstd")
                writer.write_table(batch.positions)
                count += batch.positions.num_rows
    if writer is not None:
        writer.close()
    return count


def _write_columns(columns: dict[str, list[object]], out: Path) -> int:
    table = pa.table(columns)
    pq.write_table(table, out, compression="zstd")
    return int(table.num_rows)


def run_aiscat(path: Path, out: Path) -> int:
    """aiscat's streaming decoder fed 1 MiB chunks (its fastest Python-facing use)."""
    columns: dict[str, list[object]] = {c: [] for c in COLUMNS}

    def chunks() -> Iterator[bytes]:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                yield chunk

    for message in aiscat.iter_decode(chunks()):
        if message.get("type") in POSITION_TYPES:
            for column in COLUMNS:
                columns[column].append(message.get(column))
    return _write_columns(columns, out)


def run_pyais(path: Path, out: Path) -> int:
    columns: dict[str, list[object]] = {c: [] for c in COLUMNS}
    with pyais.FileReaderStream(str(path)) as stream:
        for message in stream:
            try:
                decoded = message.decode()
            except Exception:  # noqa: S112 - skip what the peer cannot decode
                continue
            if decoded.msg_type in POSITION_TYPES:
                for column in COLUMNS:
                    columns[column].append(getattr(decoded, column, None))
    return _write_columns(columns, out)


def timed(job: Callable[[Path, Path], int], path: Path, out: Path) -> tuple[float, int]:
    started = time.perf_counter()
    count = job(path, out)
    return time.perf_counter() - started, count


def peak_rss_mb(path: Path) -> float:
    """Peak RSS of a child process running the sanctionwatch pipeline on ``path``."""
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, 'bench');"
        "from ais_ingest import run_sanctionwatch;"
        f"run_sanctionwatch(Path({str(path)!r}), Path({str(path)!r} + '.parquet'))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("SANCTIONWATCH_SHARED", "../shared")))
    parser.add_argument("--megabytes", type=float, default=20)
    parser.add_argument("--rss-gigabytes", type=float, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "amsa.nmea"
        size = make_input(args.shared, args.megabytes, source)
        print(f"input: AMSA log repeated to {size / 1e6:.1f} MB")
        results = {}
        for name, job in (("sanctionwatch", run_sanctionwatch), ("aiscat", run_aiscat),
                          ("pyais", run_pyais)):
            seconds, count = timed(job, source, Path(tmp) / f"{name}.parquet")
            results[name] = (seconds, count)
            print(f"{name:>13}: {count:>9,} positions in {seconds:6.2f} s = "
                  f"{count / seconds / 1e6:5.2f} M positions/s, {size / seconds / 1e6:6.1f} MB/s")
        ours = results["sanctionwatch"][1] / results["sanctionwatch"][0]
        for peer in ("aiscat", "pyais"):
            theirs = results[peer][1] / results[peer][0]
            speed = results[peer][0] / results["sanctionwatch"][0]  # same bytes in: MB/s ratio
            print(f"ratio sanctionwatch / {peer}: {ours / theirs:.1f}x positions/s, "
                  f"{speed:.1f}x MB/s")
        if args.rss_gigabytes:
            big = Path(tmp) / "big.nmea"
            size = make_input(args.shared, args.rss_gigabytes * 1024, big)
            print(f"peak RSS on {size / 1e9:.2f} GB: {peak_rss_mb(big):.0f} MB")


if __name__ == "__main__":
    main()
