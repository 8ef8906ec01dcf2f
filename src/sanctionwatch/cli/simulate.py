"""The `simulate` command: a scenario's AIS, vessels and ground truth written to a new folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sanctionwatch.cli.common import JsonFlag, app
from sanctionwatch.output import emit_json, err, out, table


@contextmanager
def simulation_progress(*, quiet: bool) -> Iterator[Callable[[int, int], None]]:
    """A bar of windows drawn on stderr (planning first pulses); nothing with --json or off a
    terminal."""
    if quiet or not err.is_terminal:
        yield lambda _done, _total: None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("planning voyages", total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, description="drawing AIS (windows)", completed=done, total=total)

        yield update


@app.command("simulate")
def simulate_command(
    scenario: Annotated[
        str | None, typer.Argument(metavar="SCENARIO", help="A scenario name (see --list).")
    ] = None,
    seed: Annotated[
        int | None, typer.Option(help="Random seed: the same seed gives the same bytes.")
    ] = None,
    vessels: Annotated[
        int | None, typer.Option(help="Ships simulated (default: the scenario's).")
    ] = None,
    days: Annotated[
        float | None, typer.Option(help="Days simulated from the scenario's start.")
    ] = None,
    interval: Annotated[
        int,
        typer.Option(
            help="Keep at most one position per ship per this many seconds (0: every report "
            "as transmitted, 2-10 s under way, 3 min at anchor)."
        ),
    ] = 0,
    fmt: Annotated[
        str, typer.Option("--format", help="nmea (raw log with tag blocks) or parquet.")
    ] = "nmea",
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="A new (or empty) folder to write into.")
    ] = None,
    list_scenarios: Annotated[
        bool, typer.Option("--list", help="Name the scenarios and stop.")
    ] = False,
    json_out: JsonFlag = False,
) -> None:
    """Simulate AIS with labelled sanctions evasion into a new folder.

    NMEA or Parquet that `ingest ais` takes as it is, the ships' particulars and identities,
    and truth.jsonl (one labelled event a line). Everything written is marked simulated.

    The folder appears only when complete: a failure leaves nothing behind.
    """
    from sanctionwatch.simulate.run import Request, RequestError, check, simulate
    from sanctionwatch.simulate.scenarios import SCENARIOS

    if list_scenarios:
        listed = [
            {
                "name": s.name,
                "description": s.description,
                "start": s.start,
                "days": s.days,
                "vessels": s.vessels,
            }
            for s in SCENARIOS.values()
        ]
        if json_out:
            emit_json({"scenarios": listed})
            return
        out().print(
            table(
                "scenarios",
                ["name", "start", "days", "vessels", "description"],
                [
                    [s["name"], s["start"], s["days"], s["vessels"], s["description"]]
                    for s in listed
                ],
            )
        )
        return
    if scenario is None:
        raise typer.BadParameter("name a scenario (see --list)", param_hint="SCENARIO")
    if seed is None:
        raise typer.BadParameter(
            "required: the same seed gives the same bytes", param_hint="--seed"
        )
    if out_dir is None:
        raise typer.BadParameter("required: the folder to write into", param_hint="--out")
    request = Request(scenario, seed, vessels, days, interval, fmt)
    try:
        check(request)
    except RequestError as exc:
        raise typer.BadParameter(exc.reason, param_hint=exc.option) from None
    with simulation_progress(quiet=json_out) as progress:
        result = simulate(request, out_dir, progress)
    if json_out:
        emit_json(result)
        return
    console = out()
    console.print(
        table(
            "events labelled in truth.jsonl",
            ["type", "events"],
            [[k, v] for k, v in result["events_by_type"].items()],
        )
    )
    console.print(
        f"{result['positions']:,} positions of {result['vessels']} simulated ships "
        f"({result['start']} to {result['end']}) in {result['out']}: {', '.join(result['files'])}"
    )
