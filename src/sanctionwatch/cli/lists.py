"""`lists`: load, pull, compare, show and summarise sanctions lists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from sanctionwatch.cli.common import (
    JsonFlag,
    lists_app,
    open_workspace,
    parse_date,
    parse_grade,
    parse_releasability,
    workspace_of,
)
from sanctionwatch.output import emit_json, err, out, table, working


def _snapshot_rows(snapshots: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [
            s["list"],
            (s["generated"] or "")[:10],
            s["entries"],
            s["dprk"]["Person"],
            s["dprk"]["Organization"],
            s["dprk"]["Vessel"],
            s["dprk"]["Airplane"],
            "loaded" if s.get("loaded", True) else "already loaded",
            s["sha256"][:12],
        ]
        for s in snapshots
    ]


SNAPSHOT_COLUMNS = [
    "list",
    "generated",
    "entries",
    "DPRK persons",
    "DPRK orgs",
    "DPRK vessels",
    "DPRK aircraft",
    "status",
    "sha256",
]


@lists_app.command("load")
def lists_load(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="UN consolidated list XML files, OFAC sdn.csv files (add.csv and alt.csv beside "
            "them are joined), or folders holding them.",
        ),
    ],
    grade: Annotated[str, typer.Option(help="Admiralty grade of the source.")] = "A1",
    releasable_to: Annotated[
        str, typer.Option(help="Comma-separated member codes allowed to see it, or 'public'.")
    ] = "public",
    published: Annotated[
        str | None,
        typer.Option(help="Publication date for lists that carry none (OFAC legacy CSV)."),
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Load sanctions lists into the workspace; loading the same bytes again changes nothing."""
    from sanctionwatch.lists.load import LoadOptions, load_snapshots
    from sanctionwatch.lists.read import read_lists

    reliability, credibility = parse_grade(grade)
    options = LoadOptions(
        reliability=reliability,
        credibility=credibility,
        releasability=parse_releasability(releasable_to),
        published=parse_date(published, "--published"),
    )
    # Parse everything before the workspace is touched: bad input leaves it as it was.
    with working("reading lists", quiet=json_out):
        snapshots = read_lists(paths)
    with workspace_of(ctx) as ws, working("loading into the workspace", quiet=json_out):
        report = load_snapshots(ws, snapshots, options)
    if json_out:
        emit_json({"snapshots": report})
    else:
        out().print(table("lists", SNAPSHOT_COLUMNS, _snapshot_rows(report)))


@lists_app.command("pull")
def lists_pull(
    ctx: typer.Context,
    which: Annotated[
        str, typer.Argument(help="Which list: un, ofac, or all.", show_default=True)
    ] = "all",
    url: Annotated[
        str | None,
        typer.Option(help="Download from this URL instead of the publisher's (one list only)."),
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Download lists from the UN and OFAC, archive the bytes and load them.

    Conditional requests (ETag, Last-Modified) make an unchanged list cost one request.
    Offline, it fails with a clear message and changes nothing.
    """
    from sanctionwatch.lists.pull import DEFAULT_URLS, pull_list

    if which not in ("un", "ofac", "all"):
        raise typer.BadParameter("one of un, ofac, all", param_hint="WHICH")
    if url and which == "all":
        raise typer.BadParameter("--url needs one list: un or ofac", param_hint="--url")
    kinds = list(DEFAULT_URLS) if which == "all" else [which]
    ws = open_workspace(ctx)
    results = []
    try:
        for kind in kinds:
            with working(f"downloading the {kind.upper()} list", quiet=json_out):
                results.append(pull_list(ws, kind, url))
    finally:
        ws.close()
    if json_out:
        emit_json({"pulled": results})
        return
    for result in results:
        statuses = ", ".join(f"{f['url']} ({f['status']})" for f in result["files"])
        err.print(f"{result['list']}: {statuses}")
    out().print(
        table(
            "lists", SNAPSHOT_COLUMNS, _snapshot_rows([s for r in results for s in r["snapshots"]])
        )
    )


@lists_app.command("diff")
def lists_diff(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help="Older list: a file, or a loaded snapshot's sha256.")],
    new: Annotated[str, typer.Argument(help="Newer list: a file, or a loaded snapshot's sha256.")],
    detail: Annotated[
        bool, typer.Option("--detail", help="Say which values were added and removed.")
    ] = False,
    json_out: JsonFlag = False,
) -> None:
    """Entries added, removed and changed (name, alias, identifier or programme) by stable id."""
    from sanctionwatch.lists.diff import diff_views

    old_views, new_views = _views(ctx, old), _views(ctx, new)
    result = diff_views(old_views, new_views, detail=detail)
    if json_out:
        emit_json(result)
        return
    console = out()
    for key in ("added", "removed"):
        console.print(
            table(
                f"{key}: {len(result[key])}",
                ["id", "schema", "name"],
                [[e["id"], e["schema"], e["name"]] for e in result[key]],
            )
        )
    rows = []
    for entry in result["changed"]:
        what = ", ".join(entry["fields"])
        if detail:
            what = "; ".join(
                f"{f}: +{c['added']} -{c['removed']}" for f, c in entry["changes"].items()
            )
        rows.append([entry["id"], entry["name"], what])
    console.print(table(f"changed: {len(rows)}", ["id", "name", "what changed"], rows))


def _views(ctx: typer.Context, ref: str) -> Any:
    from sanctionwatch.lists.diff import views_from_rows, views_from_snapshot
    from sanctionwatch.lists.query import find_snapshot, snapshot_entries
    from sanctionwatch.lists.read import read_list_file

    path = Path(ref)
    if path.exists():
        return views_from_snapshot(read_list_file(path))
    with workspace_of(ctx) as ws, ws.catalog.reading() as session:
        row = find_snapshot(session, ref)
        return views_from_rows(snapshot_entries(session, row.id))


@lists_app.command("show")
def lists_show(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="Stable id: KPi.033, ofac:12345.")],
    json_out: JsonFlag = False,
) -> None:
    """One designation with every property and the sources it comes from."""
    from sanctionwatch.lists.query import show_entry

    with workspace_of(ctx) as ws, ws.catalog.reading() as session:
        entry = show_entry(session, entry_id)
    if json_out:
        emit_json(entry)
        return
    console = out()
    console.print(
        f"[bold]{entry['caption']}[/bold]  {entry['id']} ({entry['schema']}, "
        f"{entry['list'].upper()}, programmes {', '.join(entry['programmes'])})"
    )
    rows = [[prop, "; ".join(values)] for prop, values in sorted(entry["properties"].items())]
    console.print(table("properties", ["property", "values"], rows))
    console.print(
        table(
            "sources",
            ["role", "file", "grade", "sha256", "origin"],
            [
                [s["role"], s["file_name"], s["grade"], s["sha256"][:12], s["origin"]]
                for s in entry["sources"]
            ],
        )
    )
    if entry["flags"]:
        console.print(f"flags: {', '.join(entry['flags'])}")


@lists_app.command("snapshots")
def lists_snapshots(ctx: typer.Context, json_out: JsonFlag = False) -> None:
    """Every loaded list snapshot, oldest first."""
    from sanctionwatch.lists.query import all_snapshots

    with workspace_of(ctx) as ws, ws.catalog.reading() as session:
        rows = all_snapshots(session)
    if json_out:
        emit_json({"snapshots": rows})
        return
    out().print(
        table(
            "snapshots",
            ["list", "generated", "entries", "loaded at", "sha256"],
            [[r["list"], r["generated"], r["entries"], r["loaded_at"], r["sha256"]] for r in rows],
        )
    )


@lists_app.command("summary")
def lists_summary(
    ctx: typer.Context,
    newest: Annotated[
        int, typer.Option(min=0, help="How many of the newest listings to show.")
    ] = 10,
    json_out: JsonFlag = False,
) -> None:
    """DPRK designations in the newest snapshot of each list: counts by type, newest listings."""
    from sanctionwatch.lists.query import dprk_summary

    with workspace_of(ctx) as ws, ws.catalog.reading() as session:
        summary = dprk_summary(session, newest)
    if json_out:
        emit_json(summary)
    else:
        print_summary(summary)


def print_summary(summary: dict[str, Any]) -> None:
    console = out()
    if not summary["lists"]:
        console.print("no lists loaded yet: `sanctionwatch lists pull` or `lists load PATH`")
    for item in summary["lists"]:
        snap = item["snapshot"]
        console.print(
            f"\n[bold]{item['list'].upper()}[/bold] list, "
            f"generated {snap['generated'] or 'unknown'}"
            f" (sha256 {snap['sha256'][:12]}), from {', '.join(item['sources'])}"
        )
        counts = item["dprk"]
        console.print(
            table(f"DPRK designations: {item['dprk_total']}", list(counts), [list(counts.values())])
        )
        if item["newest"]:
            console.print(
                table(
                    "newest DPRK listings",
                    ["listed on", "id", "type", "name"],
                    [[n["listed_on"], n["id"], n["schema"], n["name"]] for n in item["newest"]],
                )
            )
        else:
            console.print("  this list gives no listing dates")
        if item["vessels"]:
            console.print(
                table(
                    f"DPRK vessels ({len(item['vessels'])} of {item['vessels_total']})",
                    ["id", "name", "IMO", "flag", "formerly"],
                    [
                        [
                            v["id"],
                            v["name"],
                            " ".join(v["imo"]),
                            " ".join(v["flag"]),
                            "; ".join(v["previous_names"]),
                        ]
                        for v in item["vessels"]
                    ],
                )
            )
