"""Benchmark: raw NMEA → Parquet positions, single process, against aiscat and pyais.

The input (--input) is the AMSA receiver log (../shared/data/ais/nmea/amsa/ais.txt.gz)
repeated to --megabytes, or the simulator's NMEA (`simulate dprk-2024 --seed 1
--vessels 40 --days 2`: an NMEA 4.10 tag block `\\s:SIMULATED,c:<unix s>*hh\\` before
every sentence, as Kystverket's and AISdb's receiver logs carry them) cut or repeated
to --megabytes; `all` runs both. aiscat reads tag blocks (its `toa` is the `c:` time),
pyais's FileReaderStream too. Three pipelines do the same job in one run — read the
lines, decode, keep position reports, write them to Parquet — and the script
prints positions/s and MB/s for each and sanctionwatch's ratio to the others:

  sanctionwatch  the reader `ingest ais` uses (numba kernels + pyais for the rest),
                 its positions written with the options `ingest ais` writes them with
  aiscat         aiscat's C++ decoder, one call per line, columns into pyarrow
  pyais          pyais's decoder, one call per sentence, columns into pyarrow

Each pipeline runs once to warm up, then --repeat times, the runs of the three
interleaved (so a busy machine slows all three alike); the figures are the best
and the median of those warm runs. Compile time is not in them: sanctionwatch's
first run in a process loads its compiled kernels from numba's cache, or compiles
them when the cache is empty, and that cold run is printed apart, as measured in
a fresh process. --compile also measures a fresh process whose numba cache is
empty (the first run after an install or an upgrade).

With --rss-gigabytes N it also runs sanctionwatch alone on an N GB file in a child
process and prints its peak resident memory (it must not grow with the file).

    .venv/bin/python bench/ais_ingest.py [--input amsa|simulated|all] [--megabytes 20]
                                         [--repeat 5] [--compile] [--rss-gigabytes 1]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import aiscat
import pyais
import pyarrow as pa
import pyarrow.parquet as pq

from sanctionwatch.ais.writer import parquet_options
from sanctionwatch.sources.ais_nmea import NmeaReader
from sanctionwatch.sources.compressed import open_maybe_gzip

# What sanctionwatch stores as positions: ship reports plus base stations (4, 11) and SAR
# aircraft (9), so all three pipelines count the same messages.
POSITION_TYPES = {1, 2, 3, 4, 9, 11, 18, 19, 27}
COLUMNS = ("mmsi", "lat", "lon", "speed", "course", "heading")
# Run in a fresh interpreter: import, one timed run, and whether numba compiled the kernels.
COLD_RUN = """
import json, sys, time
started = time.perf_counter()
sys.path.insert(0, "bench")
from ais_ingest import kernels_compiled, run_sanctionwatch
from pathlib import Path
imported = time.perf_counter()
run_sanctionwatch(Path(sys.argv[1]), Path(sys.argv[1] + ".cold.parquet"))
done = time.perf_counter()
print(json.dumps({"import": imported - started, "run": done - imported,
                  "compiled": kernels_compiled()}))
"""


def make_input(shared: Path, megabytes: float, target: Path) -> int:
    data = gzip.decompress((shared / "data/ais/nmea/amsa/ais.txt.gz").read_bytes())
    written = 0
    with target.open("wb") as handle:
        while written < megabytes * 1024 * 1024:
            handle.write(data)
            written += len(data)
    return written


def make_simulated(megabytes: float, target: Path) -> int:
    """The simulator's NMEA (a tag block on every line), cut at a line or repeated."""
    from sanctionwatch.simulate.run import Request, simulate

    folder = target.parent / "simulated"
    simulate(Request("dprk-2024", seed=1, vessels=40, days=2), folder)
    data = (folder / "ais.nmea").read_bytes()
    want = int(megabytes * 1024 * 1024)
    written = 0
    with target.open("wb") as handle:
        while written < want:
            piece = (
                data
                if len(data) <= want - written
                else data[: data.index(b"\n", want - written) + 1]
            )
            handle.write(piece)
            written += len(piece)
    return written


INPUTS = {"amsa": "AMSA log repeated", "simulated": "simulated NMEA (tag blocks)"}


def run_sanctionwatch(path: Path, out: Path) -> int:
    reader = NmeaReader()
    writer = None
    count = 0
    with open_maybe_gzip(path) as stream:
        for batch in reader.read(stream, path):
            if batch.positions.num_rows:
                if writer is None:
                    schema = batch.positions.schema
                    writer = pq.ParquetWriter(out, schema, **parquet_options(schema))
                writer.write_table(batch.positions)
                count += batch.positions.num_rows
    if writer is not None:
        writer.close()
    return count


def kernels_compiled() -> bool:
    """Whether this process compiled the numba kernels (rather than loading them)."""
    from sanctionwatch.sources import fast_fields, fast_framing

    kernels: tuple[Any, ...] = (fast_framing._frame, fast_fields.decode)  # numba dispatchers
    return any(sum(k.stats.cache_misses.values()) for k in kernels)


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


PIPELINES: dict[str, Callable[[Path, Path], int]] = {
    "sanctionwatch": run_sanctionwatch,
    "aiscat": run_aiscat,
    "pyais": run_pyais,
}


def timed(job: Callable[[Path, Path], int], path: Path, out: Path) -> tuple[float, int]:
    started = time.perf_counter()
    count = job(path, out)
    return time.perf_counter() - started, count


def cold_run(path: Path, cache: Path | None = None) -> dict[str, float]:
    """Import and first run in a fresh interpreter (``cache``: an empty numba cache)."""
    env = dict(os.environ)
    if cache is not None:
        env["NUMBA_CACHE_DIR"] = str(cache)
    done = subprocess.run(
        [sys.executable, "-c", COLD_RUN, str(path)],
        check=True, capture_output=True, text=True, env=env,
    )  # fmt: skip
    result: dict[str, float] = json.loads(done.stdout)
    return result


def peak_rss_mb(path: Path) -> float:
    """Peak RSS of a child process running the sanctionwatch pipeline on ``path``."""
    code = (
        "import resource, sys; from pathlib import Path; sys.path.insert(0, 'bench');"
        "from ais_ingest import run_sanctionwatch;"
        f"run_sanctionwatch(Path({str(path)!r}), Path({str(path)!r} + '.parquet'));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(done.stdout) / 1024


def _line(name: str, count: int, seconds: float, size: int) -> str:
    return (
        f"{name:>13}: {count:>9,} positions in {seconds:6.3f} s = "
        f"{count / seconds / 1e6:5.2f} M positions/s, {size / seconds / 1e6:6.1f} MB/s"
    )


def report(seconds: dict[str, list[float]], counts: dict[str, int], size: int) -> None:
    """Each pipeline's best and median warm run, and sanctionwatch's ratios to the others."""
    for label, pick in (("best", min), ("median", statistics.median)):
        print(f"{label} of {len(seconds['sanctionwatch'])} warm runs each, interleaved:")
        times = {name: pick(runs) for name, runs in seconds.items()}
        for name in PIPELINES:
            print(_line(name, counts[name], times[name], size))
        ours = counts["sanctionwatch"] / times["sanctionwatch"]
        for peer in ("aiscat", "pyais"):
            theirs = counts[peer] / times[peer]
            speed = times[peer] / times["sanctionwatch"]  # same bytes in: MB/s ratio
            print(f"  ratio sanctionwatch / {peer}: {ours / theirs:.1f}x positions/s,", end=" ")
            print(f"{speed:.1f}x MB/s")
    for name, runs in seconds.items():
        print(f"{name} warm runs: {', '.join(f'{s:.3f}' for s in runs)} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(os.environ.get("SANCTIONWATCH_SHARED", "../shared"))
    )
    parser.add_argument("--input", choices=[*INPUTS, "all"], default="amsa")
    parser.add_argument("--megabytes", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--compile", action="store_true", help="also time a fresh process with an empty numba cache"
    )
    parser.add_argument("--rss-gigabytes", type=float, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for kind in INPUTS if args.input == "all" else [args.input]:
            source = Path(tmp) / f"{kind}.nmea"
            if kind == "amsa":
                size = make_input(args.shared, args.megabytes, source)
            else:
                size = make_simulated(args.megabytes, source)
            print(f"input: {INPUTS[kind]}, {size / 1e6:.1f} MB")
            seconds: dict[str, list[float]] = {name: [] for name in PIPELINES}
            counts: dict[str, int] = {}
            for run in range(args.repeat + 1):  # run 0 warms up
                for name, job in PIPELINES.items():
                    elapsed, counts[name] = timed(job, source, Path(tmp) / f"{name}.parquet")
                    if run:
                        seconds[name].append(elapsed)
            report(seconds, counts, size)
        cold = cold_run(source)
        how = "compiled (numba's cache was empty)" if cold["compiled"] else "loaded from cache"
        print(
            f"sanctionwatch cold, fresh process: import {cold['import']:.2f} s, "
            f"first run {cold['run']:.2f} s (kernels {how})"
        )
        if args.compile:
            cache = Path(tmp) / "empty-numba-cache"
            cache.mkdir()
            cold = cold_run(source, cache)
            print(
                f"sanctionwatch cold, empty numba cache: import {cold['import']:.2f} s, "
                f"first run {cold['run']:.2f} s (kernels compiled)"
            )
        if args.rss_gigabytes:
            big = Path(tmp) / "big.nmea"
            size = make_input(args.shared, args.rss_gigabytes * 1024, big)
            print(f"peak RSS on {size / 1e9:.2f} GB: {peak_rss_mb(big):.0f} MB")


if __name__ == "__main__":
    main()
