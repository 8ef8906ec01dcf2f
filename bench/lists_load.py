"""Benchmark: loading the real UN and OFAC lists into a fresh workspace.

Prints sanctionwatch's figure beside the floor a reader cannot beat, measured in
the same run: the standard library parsing the same bytes (ElementTree for the
XML, csv for the SDN files) and doing nothing else. The ratio is the cost of
everything sanctionwatch adds: FollowTheMoney entities, checks, archive,
catalog transaction and the names table.

    .venv/bin/python bench/lists_load.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from sanctionwatch.lists.load import load_snapshots
from sanctionwatch.lists.read import read_lists
from sanctionwatch.workspace.workspace import Workspace

UN = ("consolidated-2020-11-30.xml", "consolidated-2024-09-26.xml", "consolidated-2025-08-02.xml")
OFAC = ("2021-04", "2024-05-03")


def inputs(shared: Path) -> list[Path]:
    lists = shared / "data" / "lists"
    return [lists / "un" / n for n in UN] + [lists / "ofac" / d / "sdn.csv" for d in OFAC]


def floor_seconds(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        folder = path.parent
        if path.suffix == ".xml":
            ET.fromstring(path.read_bytes())  # noqa: S314 - trusted benchmark input
            continue
        for name in ("sdn.csv", "add.csv", "alt.csv"):
            if (folder / name).is_file():
                text = (folder / name).read_bytes().decode("latin-1")
                sum(1 for _ in csv.reader(io.StringIO(text)))
    return time.perf_counter() - started


def sanctionwatch_seconds(paths: list[Path]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        ws = Workspace.open(Path(tmp) / "ws")
        report = load_snapshots(ws, read_lists(paths))
        ws.close()
        return time.perf_counter() - started, sum(r["entries"] for r in report)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(os.environ.get("SANCTIONWATCH_SHARED", "../shared"))
    )
    args = parser.parse_args()
    paths = inputs(args.shared)
    floor = min(floor_seconds(paths) for _ in range(3))
    ours, entries = sanctionwatch_seconds(paths)
    print(f"inputs: {len(paths)} lists, {entries:,} entries")
    print(f"sanctionwatch lists load (read, entities, archive, catalog): {ours:6.2f} s")
    print(f"stdlib parse only (ElementTree + csv), the floor:            {floor:6.2f} s")
    print(f"ratio sanctionwatch / floor: {ours / floor:.1f}x")


if __name__ == "__main__":
    main()
