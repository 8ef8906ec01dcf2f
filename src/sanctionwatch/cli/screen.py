"""Screening commands: `screen vessels|names|pair|pairs|decide`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sanctionwatch.cli.common import JsonFlag, screen_app, workspace_of
from sanctionwatch.output import emit_json, out, table, working
from sanctionwatch.screening.threshold import DEFAULT_THRESHOLD

SchemaOption = Annotated[
    str,
    typer.Option(help="Person, Organization, Company, LegalEntity or Vessel.", show_default=True),
]
ThresholdOption = Annotated[
    float, typer.Option(help="Scores at or above this are matches.", show_default=True)
]


@screen_app.command("vessels")
def screen_vessels_command(
    ctx: typer.Context,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    show_dismissed: Annotated[
        bool, typer.Option("--all", help="Also show hits dismissed as false positives.")
    ] = False,
    json_out: JsonFlag = False,
) -> None:
    """Screen every vessel seen in AIS against the listed vessels of every loaded list.

    IMO numbers first (check digit validated), then MMSI and call sign, then names. A vessel
    whose IMO or MMSI is listed but whose AIS name matches no listed name is reported as a
    renamed designated vessel. Hits are stored; one dismissed as a false positive stays
    quiet until its evidence changes.
    """
    from sanctionwatch.screening.service import screen_workspace_vessels

    with workspace_of(ctx) as ws, working("screening vessels", quiet=json_out):
        result = screen_workspace_vessels(ws, threshold=threshold, include_dismissed=show_dismissed)
    if json_out:
        emit_json(result)
        return
    rows = [
        [
            h["id"],
            h["mmsi"],
            h["imo"],
            ", ".join(h["ais_names"]),
            f"{h['list'].upper()} {h['list_id']}",
            h["list_name"],
            h["basis"],
            f"{h['score']:.2f}",
            "yes" if h["renamed"] else "",
            h["status"],
        ]
        for h in result["hits"]
    ]
    out().print(
        table(
            "Vessel screening hits",
            [
                "hit",
                "MMSI",
                "IMO",
                "AIS names",
                "entry",
                "listed as",
                "basis",
                "score",
                "renamed",
                "status",
            ],
            rows,
        )
    )
    out().print(
        f"{result['vessels']:,} AIS vessels against {result['listed_vessels']:,} listed vessels: "
        f"{len(result['hits'])} hits shown, {result['dismissed']} dismissed"
    )


@screen_app.command("names")
def screen_names_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="FILE.csv", help="CSV with a `query` column.")],
    schema: SchemaOption = "Person",
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    json_out: JsonFlag = False,
) -> None:
    """Screen each `query` of a CSV against every loaded list; other columns pass through."""
    from sanctionwatch.screening.service import screen_names_file

    with workspace_of(ctx) as ws, working("screening names", quiet=json_out):
        result = screen_names_file(ws, path, schema, threshold=threshold)
    if json_out:
        emit_json(result)
        return
    rows = [
        [
            r["query"],
            "yes" if r["matched"] else "",
            r["best"]["name"] if r["best"] else "",
            f"{r['best']['list'].upper()} {r['best']['id']}" if r["best"] else "",
            f"{r['best']['score']:.2f}" if r["best"] else "",
        ]
        for r in result["results"]
    ]
    out().print(table("Name screening", ["query", "match", "best name", "entry", "score"], rows))


@screen_app.command("pair")
def screen_pair_command(
    name1: Annotated[str, typer.Argument(metavar="A")],
    name2: Annotated[str, typer.Argument(metavar="B")],
    schema: SchemaOption = "Person",
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    json_out: JsonFlag = False,
) -> None:
    """Score two names of one kind of party, with the explanation."""
    from sanctionwatch.screening.compare import check_schema
    from sanctionwatch.screening.service import score_pair

    result = score_pair(name1, name2, check_schema(schema), threshold)
    if json_out:
        emit_json(result)
        return
    verdict = "match" if result["matched"] else "no match"
    out().print(f"{result['score']:.3f} ({verdict}): {result['explanation']}", markup=False)


@screen_app.command("pairs")
def screen_pairs_command(
    path: Annotated[
        Path, typer.Argument(metavar="FILE.csv", help="CSV with columns name1,name2,schema.")
    ],
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    json_out: JsonFlag = False,
) -> None:
    """Score every pair of a CSV, in input order (for benchmarks on labelled pairs)."""
    from sanctionwatch.screening.service import score_pairs_file

    result = score_pairs_file(path, threshold=threshold)
    if json_out:
        emit_json(result)
        return
    matched = sum(1 for r in result["results"] if r["matched"])
    out().print(f"{len(result['results'])} pairs scored, {matched} matches at {threshold}")


@screen_app.command("decide")
def screen_decide_command(
    ctx: typer.Context,
    hit: Annotated[str, typer.Argument(help="The hit's id (or a unique prefix of 6+).")],
    false_positive: Annotated[
        bool, typer.Option("--false-positive", help="Not the listed party.")
    ] = False,
    confirmed: Annotated[bool, typer.Option("--confirmed", help="It is the listed party.")] = False,
    note: Annotated[str, typer.Option(help="Why: the decision is audited.")] = "",
    json_out: JsonFlag = False,
) -> None:
    """Record an analyst's decision on a screening hit."""
    from sanctionwatch.screening.hits import decide

    if false_positive == confirmed:
        raise typer.BadParameter("give exactly one of --false-positive or --confirmed")
    with workspace_of(ctx) as ws, ws.catalog.transaction() as session:
        result = decide(session, hit, "confirmed" if confirmed else "false_positive", note)
    if json_out:
        emit_json(result)
        return
    out().print(f"hit {result['id']} marked {result['status']}", markup=False)
