"""``simulate``: a scenario planned, drawn window by window (on every core), written to a folder.

The folder is assembled under a temporary name beside ``out`` and renamed into place at the end,
so a failure or an interrupt leaves nothing half-written. Memory stays flat whatever the size:
plans are small, and the AIS exists one window at a time (a few in flight per worker).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from sanctionwatch import __version__
from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.simulate.member_reports import (
    DESIGNATIONS_FILE,
    NOTIFICATIONS_FILE,
    designations,
    member_reports,
    notifications,
)
from sanctionwatch.simulate.plan import Hull
from sanctionwatch.simulate.ports import PORTS, WPI_SOURCE
from sanctionwatch.simulate.render import Rendered, catalogue, render_window
from sanctionwatch.simulate.scenarios import (
    FISHING_GROUNDS,
    SCENARIOS,
    TRANSFER_AREAS,
    Simulation,
    plan,
    scenario,
)
from sanctionwatch.simulate.truth import Label, Observer, counts, iso, sorted_labels
from sanctionwatch.simulate.writers import (
    NmeaWriter,
    ParquetWriter,
    encode_nmea,
    file_entry,
    write_json,
    write_jsonl,
)

FORMATS = ("nmea", "parquet")
MAX_DAYS = 366
MAX_VESSELS = 100_000
_WINDOW_POSITIONS = 300_000  # aim for about this many reports per window
_PARALLEL_FROM = 200_000  # below this many reports one process is quicker than forking

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Request:
    scenario: str
    seed: int
    vessels: int | None = None
    days: float | None = None
    interval: int = 0  # thin to one position per this many seconds (0: as transmitted)
    format: str = "nmea"


class RequestError(SanctionwatchError):
    """An argument out of range; names the option."""

    def __init__(self, option: str, reason: str) -> None:
        self.option = option
        self.reason = reason
        super().__init__(f"{option}: {reason}")


def check(request: Request) -> None:
    """Refuse impossible requests before anything is written."""
    if request.scenario not in SCENARIOS:
        raise RequestError(
            "SCENARIO", f"unknown {request.scenario!r}; one of {', '.join(SCENARIOS)}"
        )
    s = SCENARIOS[request.scenario]
    if request.format not in FORMATS:
        raise RequestError("--format", f"one of {', '.join(FORMATS)}")
    if request.seed < 0:
        raise RequestError("--seed", "0 or more")
    vessels = request.vessels if request.vessels is not None else s.vessels
    if not s.min_vessels <= vessels <= MAX_VESSELS:
        raise RequestError("--vessels", f"between {s.min_vessels} and {MAX_VESSELS} for {s.name}")
    days = request.days if request.days is not None else s.days
    if not 0 < days <= MAX_DAYS:
        raise RequestError("--days", f"more than 0 and at most {MAX_DAYS}")
    if not 0 <= request.interval <= 86_400:
        raise RequestError("--interval", "between 0 and 86400 seconds")


# --- drawing windows, in this process or in a pool ------------------------------------------

_JOB: dict[str, Any] = {}  # what forked workers inherit: the plans and the catalogue


def _draw(index: int) -> tuple[Rendered, bytes | None]:
    job = _JOB
    start, end = job["windows"][index]
    sim: Simulation = job["sim"]
    rendered = render_window(
        sim.hulls, start, end, job["thin"], sim.seed, index, sim.world.mask, job["cat"]
    )
    data = None
    if job["format"] == "nmea":
        data = encode_nmea(rendered, job["cat"], np.random.default_rng([sim.seed, 6, index]))
    return rendered, data


def _drawn(count: int, workers: int) -> Iterator[tuple[Rendered, bytes | None]]:
    """Windows 0..count-1 in order; at most two per worker drawn ahead of the writer."""
    if workers <= 1:
        for index in range(count):
            yield _draw(index)
        return
    context = multiprocessing.get_context("fork")  # workers share the plans without copying
    with context.Pool(workers) as pool:
        pending: deque[Any] = deque()
        ahead = 0
        while ahead < count or pending:
            while ahead < count and len(pending) < 2 * workers:
                pending.append(pool.apply_async(_draw, (ahead,)))
                ahead += 1
            yield pending.popleft().get()


def reports_per_day(sim: Simulation, thin_s: int) -> float:
    """Roughly how many position reports a day the simulation writes."""
    per_day = 0.0
    for hull in sim.hulls:
        typical = 30 if hull.size.kind.ais_class == "B" else 10
        per_day += 86_400 / max(typical, thin_s) * 0.6  # a share of the time is spent in port
    return per_day


def windows(sim: Simulation, thin_s: int) -> list[tuple[int, int]]:
    """Consecutive windows over the period, short enough to hold ~300,000 reports each.

    The windows are part of what the output depends on (each draws its own random numbers),
    and they depend only on the request, so the same request gives the same bytes.
    """
    per_day = reports_per_day(sim, thin_s)
    length = 86_400
    while length > 900 and per_day * length / 86_400 > _WINDOW_POSITIONS:
        length //= 2
    start, end = sim.world.start, sim.world.end
    return [(t, min(t + length, end)) for t in range(start, end, length)]


def workers_for(estimate: float, count: int) -> int:
    """Processes to draw with: one for small jobs (forking costs more than it saves), else
    every core this process may use."""
    if estimate < _PARALLEL_FROM or count < 3:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # workers must inherit the plans; without fork they would be re-planned
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, count))


# --- the folder -----------------------------------------------------------------------------


def simulate(request: Request, out: Path, progress: Progress | None = None) -> dict[str, Any]:
    """Write the simulation of ``request`` into the new folder ``out``; returns the summary."""
    check(request)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SanctionwatchError(f"{out}: exists and is not an empty folder; choose a new one")
    s = scenario(request.scenario)
    sim = plan(
        s,
        request.seed,
        request.vessels or s.vessels,
        request.days if request.days is not None else s.days,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".incoming-{out.name}.", dir=out.parent))
    try:
        summary = _write(sim, request, staging, progress)
        staging.chmod(0o777 & ~_umask())  # mkdtemp made it private; a folder of results is not
        if out.exists():
            out.rmdir()  # empty, as checked; rename needs the name free
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return {**summary, "out": str(out)}


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _write(
    sim: Simulation, request: Request, folder: Path, progress: Progress | None
) -> dict[str, Any]:
    cat = catalogue(sim.hulls)
    spans = windows(sim, request.interval)
    days = (sim.world.end - sim.world.start) / 86_400
    estimate = reports_per_day(sim, request.interval) * days
    _JOB.update(sim=sim, cat=cat, windows=spans, thin=request.interval, format=request.format)
    observer = Observer(sim.world, sim.hulls, cat.mmsi, sim.labels)
    meta = _metadata(sim, request)
    writer: NmeaWriter | ParquetWriter
    if request.format == "nmea":
        writer = NmeaWriter(folder, _header(sim, request))
    else:
        writer = ParquetWriter(
            folder, {"simulated": "true", "sanctionwatch": _command(request)}, cat
        )
    positions = statics = dropped = 0
    try:
        drawn = _drawn(len(spans), workers_for(estimate, len(spans)))
        for done, (rendered, data) in enumerate(drawn):
            writer.write(rendered, data)
            observer.feed(rendered.pos, rendered.static)
            positions += int(rendered.pos["t"].size)
            statics += int((rendered.static["part"] == 0).sum())
            dropped += rendered.dropped_on_land
            if progress is not None:
                progress(done + 1, len(spans))
    finally:
        writer.close()
        _JOB.clear()
    labels = sorted_labels(observer.labels)  # the plans' labels as the AIS written shows them
    data_files = (
        [writer.path.name] if isinstance(writer, NmeaWriter) else [p.name for p in writer.paths]
    )
    _side_files(folder, sim, labels)
    submissions = _submissions(folder, sim, labels)
    files = [
        *data_files,
        "vessels.jsonl",
        "identities.jsonl",
        "truth.jsonl",
        *submissions,
        "README.txt",
    ]
    summary = {
        "scenario": sim.scenario.name,
        "seed": sim.seed,
        "positions": positions,
        "statics": statics,
        "vessels": len(sim.hulls),
        "mmsis": len({int(m) for m in cat.mmsi}),
        "events_by_type": counts(labels),
        "start": iso(sim.world.start),
        "end": iso(sim.world.end),
        "files": [*files, "manifest.json"],
        "simulated": True,
    }
    write_json(
        folder / "manifest.json",
        {
            **meta,
            "counts": {
                "positions": positions,
                "statics": statics,
                "fixes_dropped_on_land": dropped,
                "events_by_type": counts(labels),
            },
            "files": [file_entry(folder, name) for name in files],
        },
    )
    return summary


def _command(request: Request) -> str:
    parts = [f"sanctionwatch simulate {request.scenario} --seed {request.seed}"]
    if request.vessels is not None:
        parts.append(f"--vessels {request.vessels}")
    if request.days is not None:
        parts.append(f"--days {request.days:g}")
    if request.interval:
        parts.append(f"--interval {request.interval}")
    parts.append(f"--format {request.format}")
    return " ".join(parts)


def _header(sim: Simulation, request: Request) -> str:
    return (
        "SIMULATED AIS - made up by the sanctionwatch simulator, not observed at sea.\n"
        f"{_command(request)}\n"
        f"Scenario {sim.scenario.name}: {iso(sim.world.start)} to {iso(sim.world.end)}. "
        "Ground truth in truth.jsonl, provenance in manifest.json."
    )


def _metadata(sim: Simulation, request: Request) -> dict[str, Any]:
    s = sim.scenario
    return {
        "simulated": True,
        "generator": "sanctionwatch simulate",
        "sanctionwatch_version": __version__,
        "command": _command(request),
        "scenario": s.name,
        "description": s.description,
        "seed": sim.seed,
        "vessels": len(sim.hulls),
        "days": (sim.world.end - sim.world.start) / 86_400,
        "interval_s": request.interval,
        "format": request.format,
        "start": iso(sim.world.start),
        "end": iso(sim.world.end),
        "region": vars(s.region),
        "inputs": {
            "ports": f"{WPI_SOURCE} (port points; Dunai approximate, not in the WPI)",
            "land": f"global-land-mask {version('global-land-mask')} (GLOBE 30 arc-second mask)",
            "sea_lanes": f"searoute {version('searoute')} (Eurostat MARNET network)",
        },
        "ports": [vars(p) for p in PORTS],
        "transfer_areas": [{**vars(a.area), "far_offshore": a.far_offshore} for a in TRANSFER_AREAS]
        if s.evasion
        else [],
        "fishing_grounds": [vars(a) for a in FISHING_GROUNDS],
        "definitions": "DESIGN.md, Maritime definitions: gap > 6 h; port visit enters within 3 km, "
        "leaves beyond 4 km; encounter within 0.5 km for >= 2 h below 2 kn, >= 10 km from port; "
        "loitering < 2 kn for >= 4 h, >= 20 nm from shore; draught change >= 1 m",
    }


def _side_files(folder: Path, sim: Simulation, labels: list[Label]) -> None:
    write_jsonl(folder / "vessels.jsonl", (_vessel(h) for h in sim.hulls))
    write_jsonl(
        folder / "identities.jsonl", (row for h in sim.hulls for row in _identities(sim, h))
    )
    write_jsonl(folder / "truth.jsonl", (label.to_json() for label in labels))
    (folder / "README.txt").write_text(_readme(sim), encoding="utf-8")


def _submissions(folder: Path, sim: Simulation, labels: list[Label]) -> list[str]:
    """Member reports, notifications and the scenario's designations (all SIMULATED)."""
    written = {**member_reports(sim, labels), NOTIFICATIONS_FILE: notifications(sim)}
    written[DESIGNATIONS_FILE] = designations(sim)
    for name, data in written.items():
        (folder / name).write_bytes(data)
    return list(written)


def _vessel(hull: Hull) -> dict[str, Any]:
    own, size = hull.true_identity, hull.size
    return {
        "id": hull.key,
        "role": hull.role,
        "type": size.kind.key,
        "name": own.name,
        "imo": own.imo,
        "mmsi": own.mmsi,
        "flag": own.flag,
        "callsign": own.callsign,
        "ais_type": own.ais_type,
        "ais_class": size.kind.ais_class,
        "length_m": size.length_m,
        "beam_m": size.beam_m,
        "deadweight_t": size.dwt_t,
        "laden_draught_m": size.laden_m,
        "ballast_draught_m": size.ballast_m,
        "service_speed_kn": size.cruise_kn,
        "max_speed_kn": size.kind.max_kn,
        "designated_in_scenario": hull.designated,
        "simulated": True,
    }


def _identities(sim: Simulation, hull: Hull) -> Iterator[dict[str, Any]]:
    """What each ship broadcast, and when, within the period."""
    entries = hull.identities
    for index, (start, ident) in enumerate(entries):
        end = entries[index + 1][0] if index + 1 < len(entries) else sim.world.end
        start = max(start, sim.world.start)
        if end <= start:
            continue
        yield {
            "vessel": hull.key,
            "mmsi": ident.mmsi,
            "name": ident.name,
            "imo": ident.imo,
            "callsign": ident.callsign,
            "flag": ident.flag,
            "ais_type": ident.ais_type,
            "from": iso(start),
            "to": iso(min(end, sim.world.end)),
            "simulated": True,
        }


def _readme(sim: Simulation) -> str:
    stamp = datetime.fromtimestamp(sim.world.start, UTC).date().isoformat()
    return f"""SIMULATED DATA - NOT OBSERVED

Everything in this folder was made up by the sanctionwatch simulator (scenario
{sim.scenario.name}, seed {sim.seed}, from {stamp}). The ships, names, MMSIs and IMO numbers
are fictitious; the ports, sea lanes and coastlines are real. Nothing here may be presented
as an observation of a real ship.

ais.nmea / positions.parquet, statics.parquet   the AIS, for `sanctionwatch ingest ais`
vessels.jsonl      each simulated ship as it really is (id SIM-nnnn)
identities.jsonl   what each ship broadcast, and when
truth.jsonl        one line per labelled event (type, vessels = MMSIs, start, end, lat, lon)
member_report_*.json   what members report about the labelled events, in the member-report
                   schema (`sanctionwatch ingest report`), "simulated": true
notifications.csv  official notifications of refined petroleum (`ingest notifications`)
designations.csv   the ships designated in the scenario, in the OFAC SDN CSV format
                   (`lists load --grade F6`); load it only into a simulation's workspace
manifest.json      how it was made, inputs, counts, and the sha256 of every file
"""
