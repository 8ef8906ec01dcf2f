"""Benchmark: the scenario simulator at 10^7 positions, and its NMEA encoder against pyais.

1. ``simulate dprk-2024`` sized to about 10^7 position reports (as transmitted, no thinning),
   run in a child process: wall-clock seconds, positions per second, and the peak resident
   memory of the main process and of its largest worker (``ru_maxrss``; forked workers share
   the plans with the parent, so the two do not simply add up).
2. The encoder: the same messages (types 1, 18 and 5 drawn from a simulation) armoured into
   NMEA lines by ``simulate.nmea`` (vectorised, with tag blocks) and by pyais's
   ``encode_dict`` one message at a time; messages per second of each and the ratio. A sample
   of both outputs is decoded with pyais to check they say the same.

    .venv/bin/python bench/simulate.py [--vessels 200] [--days 17] [--format nmea|parquet]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from pyais import decode
from pyais.encode import encode_dict

from sanctionwatch.simulate import Request, simulate
from sanctionwatch.simulate.nmea import (
    Positions,
    Statics,
    channels,
    lines,
    position_payloads,
    voyage_payloads,
)
from sanctionwatch.simulate.render import catalogue, eta_fields, render_window
from sanctionwatch.simulate.scenarios import plan, scenario
from sanctionwatch.simulate.writers import statics_of


def child(vessels: int, days: float, fmt: str, out: Path) -> None:
    """Run one simulation and print its figures as JSON (this process is the one measured)."""
    start = time.perf_counter()
    result = simulate(Request("dprk-2024", seed=1, vessels=vessels, days=days, format=fmt), out)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in out.iterdir())
    print(
        json.dumps(
            {
                "seconds": seconds,
                "positions": result["positions"],
                "statics": result["statics"],
                "bytes": size,
                "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            }
        )
    )


def scale(vessels: int, days: float, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "--vessels",
                str(vessels),
                "--days",
                str(days),
                "--format",
                fmt,
                "--out",
                str(Path(tmp) / "sim"),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    figures = json.loads(done.stdout)
    print(f"simulate dprk-2024 --vessels {vessels} --days {days:g} --format {fmt}")
    print(
        f"  {figures['positions']:,} positions + {figures['statics']:,} static reports, "
        f"{figures['bytes'] / 1e6:,.0f} MB written"
    )
    print(
        f"  {figures['seconds']:.1f} s  ({figures['positions'] / figures['seconds']:,.0f} "
        "positions/s, planning included)"
    )
    print(
        f"  peak RSS: main {figures['rss_main_mb']:.0f} MB, largest worker "
        f"{figures['rss_worker_mb']:.0f} MB"
    )


Fields = dict[str, str | int | float | bytes | bool]  # what pyais.encode_dict takes


def _messages(count: int) -> tuple[Positions, tuple[Statics, np.ndarray], list[Fields]]:
    """``count`` position reports (and the static reports of the same hours) of a simulation,
    as the encoder's columns and as pyais's dicts."""
    sim = plan(scenario("dprk-2024"), 2, 40, 1)
    cat = catalogue(sim.hulls)
    drawn = render_window(sim.hulls, sim.world.start, sim.world.end, 0, 2, 0, sim.world.mask, cat)
    p = {k: v[:count] for k, v in drawn.pos.items()}
    positions = Positions(
        p["msg_type"],
        p["mmsi"],
        p["status"],
        p["sog_dkn"],
        p["lon"],
        p["lat"],
        p["cog_ddeg"],
        p["heading"],
        p["t"] % 60,
    )
    rows = np.flatnonzero(drawn.static["msg_type"] == 5)[: count // 10]
    statics = statics_of(drawn.static, rows, cat)
    dicts: list[Fields] = []
    for i in range(positions.mmsi.size):
        message: Fields = {
            "type": int(positions.msg_type[i]),
            "mmsi": int(positions.mmsi[i]),
            "lat": float(positions.lat[i]),
            "lon": float(positions.lon[i]),
            "speed": positions.sog_dkn[i] / 10,
            "course": positions.cog_ddeg[i] / 10,
            "heading": int(positions.heading[i]),
            "second": int(positions.second[i]),
        }
        if message["type"] == 1:
            message["status"] = int(positions.status[i])
            message["turn"] = -128
        dicts.append(message)
    month, day, hour, minute = eta_fields(drawn.static["eta"][rows])
    for j, i in enumerate(rows):
        ident = cat.identities[int(drawn.static["ident"][i])]
        dicts.append(
            {
                "type": 5,
                "mmsi": ident.mmsi,
                "imo": ident.imo or 0,
                "callsign": ident.callsign,
                "shipname": ident.name,
                "ship_type": ident.ais_type,
                "to_bow": ident.to_bow,
                "to_stern": ident.to_stern,
                "to_port": ident.to_port,
                "to_starboard": ident.to_starboard,
                "epfd": 1,
                "month": int(month[j]),
                "day": int(day[j]),
                "hour": int(hour[j]),
                "minute": int(minute[j]),
                "draught": drawn.static["draught_dm"][i] / 10,
                "destination": cat.destinations[int(drawn.static["dest"][i])],
            }
        )
    return positions, (statics, drawn.static["t"][rows]), dicts


def encoders(count: int) -> None:
    positions, (statics, static_t), dicts = _messages(count)
    times = np.full(positions.mmsi.size, 1_709_251_200, dtype=np.int64)
    rng = np.random.default_rng(0)
    best_ours = best_pyais = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        ours = lines(position_payloads(positions), 0, channels(rng, times.size), times)
        payload = voyage_payloads(statics)
        seq = np.full(payload.shape[0], ord("1"), dtype=np.uint8)
        chan = channels(rng, payload.shape[0])
        first = lines(payload[:, :60], 0, chan, static_t, fragment=(2, 1), sequence=seq)
        second = lines(payload[:, 60:], 2, chan, static_t, fragment=(2, 2), sequence=seq)
        ours_bytes = ours.tobytes() + first.tobytes() + second.tobytes()
        best_ours = min(best_ours, time.perf_counter() - start)
        start = time.perf_counter()
        theirs = [encode_dict(d, talker_id="AI", sentence_type="VDM") for d in dicts]
        best_pyais = min(best_pyais, time.perf_counter() - start)
    assert ours_bytes
    # the same messages: decode a sample of each side with pyais and compare
    text = [row.tobytes().decode() for row in ours]
    for i in range(0, len(text), max(1, len(text) // 500)):
        mine = decode(text[i].rstrip("\n").rsplit("\\", 1)[1]).asdict()
        other = decode(*theirs[i]).asdict()
        for key in ("mmsi", "lat", "lon", "speed", "course", "heading", "second"):
            assert mine[key] == other[key], (key, mine[key], other[key])
    total = len(dicts)
    print(
        f"NMEA encoding, {total:,} messages ({positions.mmsi.size:,} of types 1/18, "
        f"{total - positions.mmsi.size:,} of type 5 in two sentences)"
    )
    print(f"  sanctionwatch (vectorised, with tag blocks): {total / best_ours:,.0f} messages/s")
    print(f"  pyais encode_dict, one message at a time:    {total / best_pyais:,.0f} messages/s")
    print(f"  ratio: {best_pyais / best_ours:.0f}x pyais")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vessels", type=int, default=200)
    parser.add_argument("--days", type=float, default=17)
    parser.add_argument("--format", default="nmea", choices=("nmea", "parquet"))
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.vessels, args.days, args.format, args.out)
        return
    scale(args.vessels, args.days, args.format)
    encoders(args.messages)


if __name__ == "__main__":
    main()
