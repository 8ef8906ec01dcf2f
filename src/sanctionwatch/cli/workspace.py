"""Commands on the workspace as a whole: init, sources, export, demo."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from sanctionwatch.cli.common import (
    JsonFlag,
    app,
    export_app,
    open_workspace,
    workspace_of,
)
from sanctionwatch.cli.lists import print_summary
from sanctionwatch.output import emit_json, out, table

# --- workspace -----------------------------------------------------------------------------


@app.command()
def init(
    ctx: typer.Context,
    catalog_url: Annotated[
        str | None,
        typer.Option(
            help="SQLAlchemy URL of the catalog database, e.g. "
            "postgresql+psycopg://user@localhost/sanctionwatch (default: SQLite in the workspace).",
            envvar="SANCTIONWATCH_CATALOG_URL",
        ),
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Create the workspace (or check an existing one) and migrate its catalog."""
    from sanctionwatch.workspace.catalog import current_revision

    ws = open_workspace(ctx, catalog_url)
    result = {
        "workspace": str(ws.root),
        "catalog": ws.catalog.engine.url.render_as_string(hide_password=True),
        "schema_revision": current_revision(ws.catalog.engine),
    }
    ws.close()
    if json_out:
        emit_json(result)
    else:
        out().print(f"workspace {result['workspace']} ready (catalog {result['catalog']})")


@app.command()
def sources(ctx: typer.Context, json_out: JsonFlag = False) -> None:
    """List every loaded input with its provenance, grade and releasability."""
    from sanctionwatch.workspace.sources import list_sources

    ws = open_workspace(ctx)
    with ws.catalog.reading() as session:
        rows = list_sources(session)
    ws.close()
    if json_out:
        emit_json({"sources": rows})
        return
    out().print(
        table(
            f"{len(rows)} sources",
            ["id", "kind", "file", "grade", "releasable to", "sha256", "origin"],
            [
                [
                    r["id"],
                    r["kind"],
                    r["file_name"],
                    r["grade"],
                    ",".join(r["releasability"]),
                    r["sha256"][:12],
                    r["origin"],
                ]
                for r in rows
            ],
        )
    )


# --- export --------------------------------------------------------------------------------


@export_app.command("ftm")
def export_ftm_command(
    ctx: typer.Context,
    out_path: Annotated[Path, typer.Option("--out", help="The JSON-lines file to write.")],
    json_out: JsonFlag = False,
) -> None:
    """FollowTheMoney JSON lines (entities and Sanctions) of the newest snapshot of each list."""
    from sanctionwatch.lists.export import export_ftm

    with workspace_of(ctx) as ws:
        result = export_ftm(ws, out_path)
    if json_out:
        emit_json(result)
    else:
        out().print(f"wrote {result['entities']} FollowTheMoney entities to {result['out']}")


# --- demo ----------------------------------------------------------------------------------


@app.command()
def demo(ctx: typer.Context) -> None:
    """Show what the project does on real data: the DPRK designations of the UN and OFAC lists.

    Uses the lists in $SANCTIONWATCH_LISTS (a folder) when set, else downloads them.
    """
    from sanctionwatch.demo import run_demo

    with workspace_of(ctx) as ws:
        summary = run_demo(ws, os.environ.get("SANCTIONWATCH_LISTS"))
    if summary is not None:
        print_summary(summary)
