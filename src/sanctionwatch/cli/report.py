"""Report commands: `report` (HTML, PDF, data.json, manifest.json) and `verify`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sanctionwatch.cli.common import JsonFlag, app, parse_date, workspace_of
from sanctionwatch.output import emit_json, err, out, table


@app.command("report")
def report_command(
    ctx: typer.Context,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the report into.")],
    audience: Annotated[str, typer.Option(help="A member code (e.g. NZ), or 'public'.")] = "public",
    start: Annotated[
        str | None, typer.Option("--from", help="First day of the period (ISO date).")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day of the period.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """Write a report for a period and an audience: report.html (self-contained), report.pdf,
    data.json (every figure, FollowTheMoney entities) and manifest.json (input and figure
    hashes). Only what the audience may see by releasability goes in.
    """
    from sanctionwatch.assess.regime import default_regime
    from sanctionwatch.report.build import build_report
    from sanctionwatch.report.scope import Scope

    regime = default_regime()
    who = audience.strip()
    if who != "public" and who.upper() not in regime.members:
        raise typer.BadParameter(
            f"'public' or a member of the team ({', '.join(sorted(regime.members))})",
            param_hint="--audience",
        )
    first, last = parse_date(start, "--from"), parse_date(end, "--to")
    scope = Scope(
        audience="public" if who == "public" else who.upper(),
        start=first.date() if first else None,
        end=last.date() if last else None,
    )
    if scope.start and scope.end and scope.start > scope.end:
        raise typer.BadParameter("--from is after --to", param_hint="--from")
    with workspace_of(ctx) as ws:
        result = build_report(
            ws, regime, scope, out_dir, lambda m: err.print(f"report: {m}", markup=False)
        )
    if json_out:
        emit_json(result)
        return
    out().print(
        f"{result['findings']} findings for {result['audience']}, {result['pages']} PDF pages: "
        f"{result['html']}"
    )


@app.command("verify")
def verify_command(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(help="A folder `report` wrote.")],
    rederive: Annotated[
        bool,
        typer.Option(
            "--rederive/--no-rederive",
            help="Re-ingest the archived AIS and re-run detection in a scratch workspace, and "
            "compare the events with the stored ones (on by default).",
        ),
    ] = True,
    ports: Annotated[
        Path | None,
        typer.Option(
            help="The port gazetteer (WPI CSV) detection used, if it is no longer at the path "
            "the manifest records (it is not archived; its sha256 must match).",
        ),
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Check a report against the workspace: every input in the archive with its sha256, every
    figure rebuilt to the hash in the manifest, and the AIS events re-derived from the archived
    AIS files with the recorded parameters. Exit 1 naming what differs."""
    from sanctionwatch.assess.regime import default_regime
    from sanctionwatch.report.verify import verify_report

    with workspace_of(ctx) as ws:
        result = verify_report(ws, default_regime(), folder, rederive=rederive, ports=ports)
    rederived = result["rederived"]
    if json_out:
        emit_json(result)
    else:
        if rederived["status"] != "re-derived":
            err.print(f"verify: events {rederived['status']}: {rederived['reason']}", markup=False)
        if result["ok"]:
            out().print(f"ok: {result['checked']} inputs, figures, outputs and events match")
        else:
            rows = [[m["kind"], m["name"], m["problem"]] for m in result["mismatches"]]
            out().print(table("mismatches", ["kind", "name", "problem"], rows))
    if not result["ok"]:
        raise typer.Exit(1)
