"""Benchmark: every detector over simulated workspaces, and stop detection beside MovingPandas.

1. ``simulate dprk-2024`` (200 ships, as transmitted) sized to about 10^6, 4·10^6, 10^7 and
   1.6·10^7 positions, each ingested into its own workspace; then ``detect`` (all types, the
   local engine on every core) in a child process: seconds, positions per second, cost per
   position relative to the smallest size (as measured, and beyond the fixed cost of a run,
   timed on a 10^4-position workspace), and the child's peak resident memory (its own and
   its pool workers', ``ru_maxrss``).
2. Stop detection (``maritime.stops.detect_stops``, the kernel port visits use) and
   MovingPandas' ``TrajectoryStopDetector`` on the same 10^5-point sample of the largest
   workspace (the first positions of the busiest ships, one trajectory per ship): seconds
   each, stops found and the ratio. MovingPandas is a peer for this benchmark only (the
   ``bench`` extra: ``make bench-env``); when it is not installed the line says so.

Targets (issue 6): >= 1 M positions/s for all detectors, cost per position within 1.5x across
the sizes, peak RSS < 2 GB at 1.6·10^7, stops >= 50x MovingPandas.

    make bench-env   # once: .venv-bench, with MovingPandas
    .venv-bench/bin/python bench/detect.py [--sizes 1e6,4e6,1e7,1.6e7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SANCTIONWATCH = [sys.executable, "-m", "sanctionwatch"]
POSITIONS_PER_SHIP_DAY = 10_228_677 / (200 * 17)  # measured: seed 1, 200 ships, 17 days
WPI = Path(__file__).resolve().parents[2] / "shared" / "data" / "ports" / "wpi-2023.csv"


def _run(*args: str | Path) -> dict[str, object]:
    done = subprocess.run([*SANCTIONWATCH, *map(str, args), "--json"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    result: dict[str, object] = json.loads(done.stdout)
    return result


def workspace(root: Path, positions: float) -> Path:
    """A workspace holding a dprk-2024 simulation of about ``positions`` positions."""
    days = max(positions / (200 * POSITIONS_PER_SHIP_DAY), 0.02)
    sim, ws = root / f"sim-{positions:.0e}", root / f"ws-{positions:.0e}"
    if not ws.exists():
        _run("simulate", "dprk-2024", "--seed", "1", "--vessels", "200", "--days", f"{days:.2f}",
             "--format", "parquet", "--out", sim)  # fmt: skip
        _run("--workspace", ws, "ingest", "ais", sim)
    return ws


def child(ws: Path) -> None:
    """One detect run in this process (measured by the parent): figures as JSON."""
    from sanctionwatch.engines.jobs import run_detect
    from sanctionwatch.workspace.workspace import Workspace

    opened = Workspace.open(ws)
    started = time.perf_counter()
    result = run_detect(opened, ports=WPI if WPI.is_file() else None)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "positions": result["positions"],
                      "events": result["events_by_type"], "rss_main_mb": own,
                      "rss_worker_mb": workers}))  # fmt: skip


def detect_scale(root: Path, sizes: list[float]) -> Path:
    base = None
    largest = root
    warm = workspace(root, sizes[0])  # a first run compiles or loads the numba kernels: untimed
    subprocess.run([sys.executable, __file__, "--child", str(warm)], check=True,
                   capture_output=True)  # fmt: skip
    # What a run costs whatever its size (processes, kernels loaded, ports, the shore
    # raster): timed on a tiny workspace, so the cost per position can be shown without it.
    tiny = workspace(root, STARTUP_SIZE)
    done = subprocess.run([sys.executable, __file__, "--child", str(tiny)], check=True,
                          capture_output=True, text=True)  # fmt: skip
    fixed = json.loads(done.stdout)["seconds"]
    print("all detectors, local engine (dprk-2024, 200 ships, as transmitted; warm caches)")
    print(f"  fixed cost of a run: {fixed:.1f} s (detect on {STARTUP_SIZE:,.0f} positions)")
    marginal_base = None
    for size in sizes:
        ws = workspace(root, size)
        largest = ws
        done = subprocess.run([sys.executable, __file__, "--child", str(ws)], check=True,
                              capture_output=True, text=True)  # fmt: skip
        f = json.loads(done.stdout)
        per = f["seconds"] / f["positions"]
        base = base or per
        marginal = max(f["seconds"] - fixed, 0.0) / f["positions"]
        marginal_base = marginal_base or marginal
        print(f"  {f['positions']:>12,} positions  {f['seconds']:7.1f} s  "
              f"{f['positions'] / f['seconds']:>11,.0f} positions/s  cost/position "
              f"{per / base:4.2f}x (beyond the fixed cost {marginal / marginal_base:4.2f}x)  "
              f"peak RSS main {f['rss_main_mb']:,.0f} MB, "
              f"worker {f['rss_worker_mb']:,.0f} MB")  # fmt: skip
    return largest


STARTUP_SIZE = 1e4


SAMPLE = 100_000


def _sample(ws: Path) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
    """The first ``SAMPLE`` positions of the ships with the most, by ship and time, as
    (mmsi, t, lat, lon) per ship."""
    from sanctionwatch.workspace.store import AnalyticalStore

    rows = AnalyticalStore(ws / "store").query(
        """
        WITH busiest AS (SELECT mmsi, count(*) AS n FROM positions GROUP BY mmsi),
        ranked AS (
            SELECT p.mmsi, epoch(p.timestamp) AS t, p.lat, p.lon, b.n
            FROM positions p JOIN busiest b USING (mmsi)
            WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL AND p.timestamp IS NOT NULL
        )
        SELECT mmsi, t, lat, lon FROM ranked ORDER BY n DESC, mmsi, t LIMIT ?
        """,
        [SAMPLE],
    )
    mmsi = np.array([int(r[0]) for r in rows], dtype=np.int64)
    t = np.array([int(r[1]) for r in rows], dtype=np.int64)
    lat = np.array([r[2] for r in rows], dtype=np.float64)
    lon = np.array([r[3] for r in rows], dtype=np.float64)
    cuts = np.flatnonzero(np.diff(mmsi)) + 1
    return [
        (int(m[0]), tt, la, lo)
        for m, tt, la, lo in zip(*(np.split(x, cuts) for x in (mmsi, t, lat, lon)), strict=True)
        if tt.size > 1
    ]


def stops_against_movingpandas(ws: Path) -> None:
    from sanctionwatch.maritime.stops import detect_stops

    ships = _sample(ws)
    points = sum(s[1].size for s in ships)
    _, t0, lat0, lon0 = ships[0]
    detect_stops(t0[:100], lon0[:100], lat0[:100], 500.0, 3600, spherical=True)  # compile/load
    started = time.perf_counter()
    ours = sum(len(detect_stops(t, lon, lat, 500.0, 3600, spherical=True))
               for _, t, lat, lon in ships)  # fmt: skip
    mine = time.perf_counter() - started
    print(f"stop detection, {points:,} points of {len(ships)} ships (500 m, 1 h)")
    print(f"  sanctionwatch  {mine:.3f} s, {ours} stops")
    try:  # a peer for this benchmark only (the `bench` extra), imported by name
        gpd = importlib.import_module("geopandas")
        mpd = importlib.import_module("movingpandas")
        pd = importlib.import_module("pandas")
    except ImportError:
        print("  MovingPandas: not installed, skipped (make bench-env installs it)")
        return
    trajectories = []
    for mmsi, t, lat, lon in ships:
        frame = pd.DataFrame({"t": pd.to_datetime(t, unit="s"), "lat": lat, "lon": lon})
        gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
        trajectories.append(mpd.Trajectory(gdf.set_index("t"), mmsi))
    started = time.perf_counter()
    theirs = sum(
        len(mpd.TrajectoryStopDetector(tr).get_stop_segments(
            min_duration=pd.Timedelta(seconds=3600), max_diameter=500))
        for tr in trajectories
    )  # fmt: skip
    peer = time.perf_counter() - started
    print(f"  MovingPandas   {peer:.3f} s, {theirs} stops  -> {peer / mine:,.0f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1e6,4e6,1e7,1.6e7")
    parser.add_argument("--keep", type=Path, help="Keep (and reuse) the workspaces here.")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    sizes = [float(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        largest = detect_scale(root, sizes)
        stops_against_movingpandas(largest)


if __name__ == "__main__":
    main()
