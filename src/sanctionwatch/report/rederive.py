"""Re-derive a report's AIS events from the archive and compare them with the stored events.

`report` records in the manifest what detection needs to run again (``detection``): the AIS
inputs in the order they were ingested, and for each `detect` run whose events the workspace
still holds (from the audit log) the types it ran, every parameter value, and the port
gazetteer (its path and sha256: a WPI file is not archived). `verify` then ingests the archived
AIS files into a scratch workspace (a temporary folder, removed afterwards), runs detection
there with those parameters and that gazetteer, and compares the events with the stored events
the report rests on (same audience sources and period), by (type, vessels, start, end): each
event missing, extra, or differing in place, parameter version, sources or attributes is named.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import tempfile
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from sanctionwatch.ais.files import FORMATS
from sanctionwatch.engines.events_store import event_id
from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.maritime.events import EVENT_TYPES
from sanctionwatch.maritime.params import Params, default_params, load_params
from sanctionwatch.maritime.ports import Gazetteer, default_gazetteer, gazetteer_from_wpi_csv
from sanctionwatch.report.scope import Scope
from sanctionwatch.workspace.archive import file_sha256
from sanctionwatch.workspace.models import AuditRow, Source
from sanctionwatch.workspace.workspace import Workspace

DEFAULT_PORTS = "searoute ports.geojson (default)"
AIS_PREFIX = "ais_"

Mismatch = dict[str, str]
# (type, vessels, start, end) -> (lat, lon, params version, source sha256s, attributes JSON)
Key = tuple[str, tuple[int, ...], int, int]
Detail = tuple[float | None, float | None, str, tuple[str, ...], str]


def default_ports_sha256() -> str:
    data = resources.files("searoute").joinpath("data/ports.geojson").read_bytes()
    return hashlib.sha256(data).hexdigest()


# --- what `report` records -----------------------------------------------------------------


def _runs(ws: Workspace) -> list[dict[str, Any]]:
    """The `detect` runs whose events the workspace holds: a run replaces the events of the
    types it ran, so each type's events come from the latest run of that type."""
    with ws.catalog.reading() as session:
        rows = list(
            session.scalars(
                select(AuditRow).where(AuditRow.action == "detect").order_by(AuditRow.id.desc())
            )
        )
    assigned: set[str] = set()
    runs = []
    for row in rows:
        detail = row.detail or {}
        ran = [str(t) for t in detail.get("types", [])]
        mine = [t for t in ran if t not in assigned]
        if not mine:
            continue
        assigned.update(mine)
        ports = detail.get("ports", DEFAULT_PORTS)
        default = ports == DEFAULT_PORTS
        runs.append(
            {
                "at": row.at.replace(tzinfo=UTC).isoformat(),
                "engine": detail.get("engine", "local"),
                "params_version": detail.get("params_version"),
                "params": detail.get("params"),  # None in audits older than the values
                "ran": ran,
                "types": mine,
                "ports": ports,
                "ports_sha256": default_ports_sha256() if default else detail.get("ports_sha256"),
            }
        )
    return list(reversed(runs))


def detection_record(ws: Workspace, sources: list[dict[str, Any]]) -> dict[str, Any]:
    """The manifest's ``detection``: what re-deriving the report's events needs."""
    shown = {s["sha256"] for s in sources}
    with ws.catalog.reading() as session:
        ais = list(
            session.scalars(
                select(Source).where(Source.kind.startswith(AIS_PREFIX)).order_by(Source.id)
            )
        )
    return {
        "ais_inputs": [s.sha256 for s in ais if s.sha256 in shown],
        # AIS the audience may not see: detection ran over it, so a re-derivation without it
        # could differ; only the count is recorded.
        "ais_withheld": sum(1 for s in ais if s.sha256 not in shown),
        "runs": _runs(ws),
    }


# --- what `verify` checks ------------------------------------------------------------------


def _round(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(value, 4)


def _epoch(value: datetime) -> int:
    return int(value.astimezone(UTC).timestamp())


def _label(key: Key) -> str:
    kind, vessels, start, end = key
    when = "..".join(
        datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for t in (start, end)
    )
    mmsis = ",".join(str(v) for v in vessels)
    return f"{kind} {mmsis} {when} (id {event_id(kind, vessels, start, end)})"


def _in_scope(scope: Scope, start: int, end: int) -> bool:
    return scope.overlaps(datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(end, UTC))


def _sources_by_id(ws: Workspace) -> dict[int, str]:
    with ws.catalog.reading() as session:
        return {s.id: s.sha256 for s in session.scalars(select(Source))}


def _stored(
    ws: Workspace, scope: Scope, admitted: set[str], types: set[str] | None
) -> dict[Key, Detail]:
    """The stored events a report rests on: all their sources admitted, in the period."""
    if not ws.store.has("events"):
        return {}
    shas = _sources_by_id(ws)
    rows = ws.store.query(
        'SELECT type, vessels, start, "end", lat, lon, params_version, source_ids, attributes '
        "FROM events"
    )
    found: dict[Key, Detail] = {}
    for kind, vessels, start, end, lat, lon, version, source_ids, attributes in rows:
        sources = tuple(sorted({shas.get(int(s), f"source {s}") for s in source_ids or []}))
        first, last = _epoch(start), _epoch(end)
        if not sources or not set(sources) <= admitted or not _in_scope(scope, first, last):
            continue
        if types is not None and kind not in types:
            continue
        key = (str(kind), tuple(int(v) for v in vessels), first, last)
        found[key] = (_round(lat), _round(lon), str(version), sources, str(attributes or "{}"))
    return found


def _params(run: dict[str, Any], scratch: Path) -> Params | str:
    """The run's parameters, checked as a parameters file is, or why they cannot be used."""
    values, version = run.get("params"), str(run.get("params_version"))
    if not isinstance(values, dict):
        return "the manifest does not record its parameter values (an older detect run)"
    declared = version.rpartition("+")[0] or version
    if (recorded := Params(values, declared).version) != version:
        return f"its recorded parameter values hash to {recorded}, not {version}"
    defaults = default_params().values
    missing = sorted(
        f"{name}.{key}"
        for name, section in defaults.items()
        for key in section
        if not isinstance(values.get(name), dict) or key not in values[name]
    )
    if missing:
        return f"the detectors now have parameters the run did not: {', '.join(missing)}"
    path = scratch / f"params-{len(list(scratch.glob('params-*')))}.yaml"
    path.write_text(yaml.safe_dump({"version": declared, **values}), encoding="utf-8")
    try:
        params = load_params(path)  # unknown keys and values of the wrong kind are errors
    except SanctionwatchError as exc:
        return f"its recorded parameter values do not fit the detectors: {exc}"
    if params.version != version:
        return f"its recorded parameter values read back as {params.version}, not {version}"
    return params


def _gazetteer(run: dict[str, Any], ports: Path | None) -> Gazetteer | Mismatch:
    recorded, digest = str(run.get("ports")), run.get("ports_sha256")
    if recorded == DEFAULT_PORTS:
        actual = default_ports_sha256()
        if digest is not None and actual != digest:
            return {
                "kind": "input",
                "name": f"{digest} (searoute ports.geojson)",
                "problem": f"the installed default gazetteer hashes to {actual}",
            }
        return default_gazetteer()
    name = f"{digest} ({Path(recorded).name})"
    path = ports if ports is not None else Path(recorded)
    if not isinstance(digest, str):
        return {"kind": "input", "name": name, "problem": "port gazetteer without a sha256"}
    if not path.is_file():
        return {
            "kind": "input",
            "name": name,
            "problem": f"port gazetteer (not archived) missing at {path}; give it with --ports",
        }
    if (actual := file_sha256(path)) != digest:
        return {
            "kind": "input",
            "name": name,
            "problem": f"port gazetteer at {path} hashes to {actual}; give the right one with "
            "--ports",
        }
    return gazetteer_from_wpi_csv(path)


def _ingest(scratch: Workspace, ws: Workspace, inputs: list[dict[str, Any]]) -> None:
    from sanctionwatch.ais.ingest import ingest_ais

    for item in inputs:  # one at a time, in the order they were first ingested
        fmt = str(item["kind"]).removeprefix(AIS_PREFIX)
        if fmt not in FORMATS:
            raise SanctionwatchError(f"{item['sha256']}: unknown AIS format {fmt}")
        ingest_ais(scratch, [ws.archive.path_for(item["sha256"])], fmt)


def _detected(
    scratch: Workspace, runs: list[tuple[dict[str, Any], Params, Gazetteer]], scope: Scope
) -> dict[Key, Detail]:
    from sanctionwatch.engines.local import detect

    shas = _sources_by_id(scratch)
    found: dict[Key, Detail] = {}
    for run, params, gazetteer in runs:
        ran = tuple(t for t in EVENT_TYPES if t in run["ran"])
        keep = set(run["types"])
        for e in detect(scratch, params, ran, gazetteer).events:
            sources = tuple(sorted({shas[s] for s in e.sources}))
            if e.type not in keep or not sources or not _in_scope(scope, e.start, e.end):
                continue
            attributes = json.dumps(
                e.attributes, sort_keys=True, separators=(",", ":"), default=str
            )
            found[(e.type, e.vessels, e.start, e.end)] = (
                _round(e.lat),
                _round(e.lon),
                params.version,
                sources,
                attributes,
            )
    return found


FIELDS = ("lat", "lon", "params_version", "sources", "attributes")


def compare_events(stored: dict[Key, Detail], derived: dict[Key, Detail]) -> list[Mismatch]:
    found = []
    for key in sorted(stored.keys() | derived.keys()):
        if key not in derived:
            problem = "stored, but not re-derived from the archived AIS"
        elif key not in stored:
            problem = "re-derived from the archived AIS, but not stored"
        elif stored[key] != derived[key]:
            fields = [
                f for f, a, b in zip(FIELDS, stored[key], derived[key], strict=True) if a != b
            ]
            problem = f"differs from the re-derived event: {', '.join(fields)}"
        else:
            continue
        found.append({"kind": "event", "name": _label(key), "problem": problem})
    return found


def _summary(status: str, **more: Any) -> dict[str, Any]:
    return {"status": status, **more}


def rederive_events(
    ws: Workspace,
    manifest: dict[str, Any],
    scope: Scope,
    earlier: Iterable[Mismatch],
    ports: Path | None = None,
) -> tuple[list[Mismatch], dict[str, Any]]:
    """Mismatches for events that do not re-derive, and what was done (``status``)."""
    detection = manifest.get("detection")
    if not isinstance(detection, dict):
        return [], _summary(
            "not re-derived",
            reason="the manifest predates re-derivation (no `detection` record): the report's "
            "events are checked as stored, not re-derived from the archived AIS",
        )
    by_sha = {i["sha256"]: i for i in manifest["inputs"]}
    inputs = [by_sha[s] for s in detection["ais_inputs"]]
    if detection.get("ais_withheld"):
        return [], _summary(
            "not re-derived",
            reason=f"detection ran over {detection['ais_withheld']} AIS file(s) this report's "
            "audience may not see; re-deriving without them could differ",
        )
    bad = {m["name"].split(" ", 1)[0] for m in earlier if m["kind"] == "input"}
    if any(i["sha256"] in bad for i in inputs):
        return [], _summary(
            "not re-derived", reason="an AIS input is missing or altered (named above)"
        )
    started = time.perf_counter()
    admitted = set(by_sha)
    mismatches: list[Mismatch] = []
    workdir = Path(tempfile.mkdtemp(prefix="sanctionwatch-verify-"))
    try:
        usable: list[tuple[dict[str, Any], Params, Gazetteer]] = []
        skipped: set[str] = set()
        for run in detection["runs"]:
            params = _params(run, workdir)
            gazetteer = _gazetteer(run, ports)
            if isinstance(params, str):
                name = f"detect run of {run.get('at')} ({run.get('params_version')})"
                mismatches.append({"kind": "parameters", "name": name, "problem": params})
            elif isinstance(gazetteer, dict):
                mismatches.append(gazetteer)
            else:
                usable.append((run, params, gazetteer))
                continue
            skipped.update(run["types"])
        stored = {
            k: v for k, v in _stored(ws, scope, admitted, None).items() if k[0] not in skipped
        }
        derived: dict[Key, Detail] = {}
        if usable and inputs:
            scratch = Workspace.open(
                workdir / "ws", catalog_url=f"sqlite:///{(workdir / 'catalog.sqlite').as_posix()}"
            )
            try:
                _ingest(scratch, ws, inputs)
                derived = _detected(scratch, usable, scope)
            finally:
                scratch.close()
        mismatches += compare_events(stored, derived)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return mismatches, _summary(
        "re-derived",
        ais_inputs=len(inputs),
        runs=len(usable),
        stored_events=len(stored),
        rederived_events=len(derived),
        seconds=round(time.perf_counter() - started, 2),
    )
