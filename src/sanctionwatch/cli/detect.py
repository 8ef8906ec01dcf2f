"""Maritime detection commands: `detect`, `events`, `evaluate`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sanctionwatch.cli.common import JsonFlag, app, parse_date, workspace_of
from sanctionwatch.output import emit_json, err, out, table


@contextmanager
def detect_progress(*, quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A bar per stage on stderr (partitioning, detectors by bucket, the cross-vessel join);
    nothing with --json or off a terminal."""
    if quiet or not err.is_terminal:
        yield lambda _stage, _done, _total: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("starting", total=None)

        def update(stage: str, done: int, total: int) -> None:
            progress.update(task, description=stage, completed=done, total=total)

        yield update


@app.command("detect")
def detect_command(
    ctx: typer.Context,
    only: Annotated[
        str | None,
        typer.Option(help="Comma-separated event types to detect (default: every type)."),
    ] = None,
    params: Annotated[
        Path | None, typer.Option("--params", help="A parameters file replacing the defaults.")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", help="KEY=VALUE override of one parameter (e.g. encounter.min_duration_h=3)."
        ),
    ] = None,
    engine: Annotated[str, typer.Option(help="Where the kernels run: local.")] = "local",
    ports: Annotated[
        Path | None,
        typer.Option(
            help="NGA World Port Index CSV for port visits and the encounter port exclusion "
            "(default: the gazetteer searoute ships)."
        ),
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Find gaps, port visits, encounters, loitering, dark transfers, dark port calls, identity
    changes, shared MMSIs, spoofing and draught changes in the workspace's AIS.

    The events found replace the stored events of the types run (other types are kept);
    a failure stores nothing.
    """
    from sanctionwatch.engines.jobs import run_detect

    with workspace_of(ctx) as ws, detect_progress(quiet=json_out) as progress:
        result = run_detect(
            ws,
            only=only,
            params_file=params,
            overrides=param,
            engine=engine,
            ports=ports,
            progress=progress,
        )
    if json_out:
        emit_json(result)
        return
    rows = [[kind, count] for kind, count in result["events_by_type"].items()]
    out().print(table("events found", ["type", "events"], rows))
    out().print(
        f"{result['positions']:,} positions in {result['seconds']:.1f} s, "
        f"parameters {result['params_version']}"
    )


@app.command("events")
def events_command(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option("--type", help="Only events of this type.")] = None,
    vessel: Annotated[int | None, typer.Option(help="Only events involving this MMSI.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only events ending at or after this ISO time.")
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Stored events, by start time."""
    from sanctionwatch.engines.jobs import list_events

    when = parse_date(since, "--since")
    with workspace_of(ctx) as ws:
        found = list_events(ws, kind=kind, vessel=vessel, since=when)
    if json_out:
        emit_json(found)
        return
    rows = [
        [e["id"], e["type"], " ".join(map(str, e["vessels"])), e["start"], e["end"],
         _degrees(e["lat"]), _degrees(e["lon"]), json.dumps(e["attributes"])[:80]]
        for e in found["events"]
    ]  # fmt: skip
    out().print(
        table(
            f"{len(rows)} events",
            ["id", "type", "vessels", "start", "end", "lat", "lon", "attributes"],
            rows,
        )
    )


def _degrees(value: float | None) -> str:
    """Identity events have no place: a dash, not a crash."""
    return "-" if value is None else f"{value:.4f}"


@app.command("evaluate")
def evaluate_command(
    ctx: typer.Context,
    truth: Annotated[Path, typer.Argument(help="Labels, one JSON object a line (truth.jsonl).")],
    json_out: JsonFlag = False,
) -> None:
    """Score the stored events against labelled truth: per type precision, recall, tp, fp, fn
    (same type, same vessels, overlapping in time; one event per label)."""
    from sanctionwatch.engines.jobs import evaluate

    with workspace_of(ctx) as ws:
        scores = evaluate(ws, truth)
    if json_out:
        emit_json(scores)
        return

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    rows = [
        [kind, pct(s["precision"]), pct(s["recall"]), s["tp"], s["fp"], s["fn"]]
        for kind, s in scores.items()
    ]
    out().print(
        table("detection against truth", ["type", "precision", "recall", "tp", "fp", "fn"], rows)
    )
