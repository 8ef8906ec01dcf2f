"""The jobs the `detect`, `events` and `evaluate` commands run: check input, run, store, say."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

from sanctionwatch.engines import ENGINES
from sanctionwatch.engines.events_store import read_events, replace_events
from sanctionwatch.engines.kernels import available
from sanctionwatch.engines.local import Progress, detect
from sanctionwatch.errors import InputError, SanctionwatchError
from sanctionwatch.maritime.evaluate import parse_truth, score, span_of
from sanctionwatch.maritime.events import EVENT_TYPES
from sanctionwatch.maritime.params import load_params
from sanctionwatch.maritime.ports import Gazetteer, gazetteer_from_wpi_csv
from sanctionwatch.workspace.workspace import Workspace


def event_types(only: str | None) -> tuple[str, ...]:
    """The types named by ``--only`` (comma-separated), or every available type."""
    ready = available()
    if only is None:
        return ready
    names = [n.strip() for n in only.split(",") if n.strip()]
    unknown = [n for n in names if n not in EVENT_TYPES]
    if unknown or not names:
        raise SanctionwatchError(
            f"--only {only}: unknown event type {', '.join(unknown) or '(none given)'} "
            f"(one of {', '.join(EVENT_TYPES)})"
        )
    missing = [n for n in names if n not in ready]
    if missing:
        raise SanctionwatchError(
            f"--only {only}: no detector installed for {', '.join(missing)} "
            f"(available: {', '.join(ready)})"
        )
    return tuple(kind for kind in EVENT_TYPES if kind in names)


def _gazetteer(ports: Path | None) -> tuple[Gazetteer | None, dict[str, str]]:
    if ports is None:
        return None, {"ports": "searoute ports.geojson (default)"}
    if not ports.is_file():
        raise InputError(ports, "no such file")
    digest = hashlib.sha256(ports.read_bytes()).hexdigest()
    return gazetteer_from_wpi_csv(ports), {"ports": str(ports), "ports_sha256": digest}


def run_detect(
    ws: Workspace,
    *,
    only: str | None = None,
    params_file: Path | None = None,
    overrides: list[str] | None = None,
    engine: str = "local",
    ports: Path | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Detect events over the workspace's positions and store them in place of the stored
    events of the same types. Everything is checked before anything is written."""
    if engine not in ENGINES:
        raise SanctionwatchError(f"--engine {engine}: one of {', '.join(ENGINES)}")
    types = event_types(only)
    params = load_params(params_file, overrides)
    gazetteer, ports_used = _gazetteer(ports)
    found = detect(ws, params, types, gazetteer, progress)
    by_type = {kind: 0 for kind in types}
    for event in found.events:
        by_type[event.type] += 1
    stored = replace_events(ws.store, found.events, types, params.version)
    result = {
        "positions": found.positions,
        "events_by_type": by_type,
        "params_version": params.version,
        "seconds": round(found.seconds, 3),
    }
    ws.audit(
        "detect",
        {**result, "engine": engine, "types": list(types), "params": params.values,
         "stored_events": stored, **ports_used},
    )  # fmt: skip
    return result


def list_events(
    ws: Workspace,
    *,
    kind: str | None = None,
    vessel: int | None = None,
    since: datetime | None = None,
) -> dict[str, Any]:
    if kind is not None and kind not in EVENT_TYPES:
        raise SanctionwatchError(f"--type {kind}: one of {', '.join(EVENT_TYPES)}")
    return {"events": read_events(ws.store, kind=kind, vessel=vessel, since=since)}


def evaluate(ws: Workspace, truth: Path) -> dict[str, Any]:
    """The stored events scored against a truth file, per type."""
    if not truth.is_file():
        raise InputError(truth, "no such file")
    with truth.open(encoding="utf-8") as handle:
        labels = parse_truth(handle, str(truth))
    events = [span_of(e) for e in read_events(ws.store)]
    return score(events, labels)
