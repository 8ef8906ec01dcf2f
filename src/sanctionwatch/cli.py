"""The `sanctionwatch` command line: parse, call one function, print.

Exit status: 0 success, 1 bad input or failure (message on stderr), 2 usage error.
With --json every reporting command prints exactly one JSON document on stdout.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from sanctionwatch import __version__
from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.output import emit_json, err, ingest_progress, out, table, working

WORKSPACE_ENV = "SANCTIONWATCH_WORKSPACE"

app = typer.Typer(
    name="sanctionwatch",
    help="Monitor UN Security Council sanctions on the DPRK: sanctions lists, ship tracking, "
    "screening, findings and reports that rebuild from graded, hash-pinned inputs.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
lists_app = typer.Typer(
    help="Sanctions lists: load, compare, pull and inspect.", no_args_is_help=True
)
export_app = typer.Typer(help="Export what the workspace holds.", no_args_is_help=True)
ingest_app = typer.Typer(help="Bring bulk data (AIS) into the workspace.", no_args_is_help=True)
ais_app = typer.Typer(help="AIS tools that work on files directly.", no_args_is_help=True)
app.add_typer(lists_app, name="lists")
app.add_typer(ingest_app, name="ingest")
app.add_typer(ais_app, name="ais")
app.add_typer(export_app, name="export")

JsonFlag = Annotated[
    bool, typer.Option("--json", help="Print one JSON document on stdout instead of tables.")
]


def _version(value: bool) -> None:
    if value:
        print(f"sanctionwatch {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    workspace: Annotated[
        Path,
        typer.Option(
            "--workspace",
            "-w",
            envvar=WORKSPACE_ENV,
            help="Workspace directory (archive, catalog, analytical store); created on first use.",
            show_default=True,
        ),
    ] = Path("workspace"),
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    ctx.obj = {"workspace": workspace}


def _workspace(ctx: typer.Context, catalog_url: str | None = None) -> Any:
    from sanctionwatch.workspace.workspace import Workspace

    root_ctx = ctx.find_root()
    return Workspace.open(root_ctx.obj["workspace"], catalog_url=catalog_url)


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

    ws = _workspace(ctx, catalog_url)
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

    ws = _workspace(ctx)
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


# --- lists ---------------------------------------------------------------------------------


def _parse_grade(grade: str) -> tuple[str, int]:
    grade = grade.strip().upper()
    if len(grade) != 2 or grade[0] not in "ABCDEF" or grade[1] not in "123456":
        raise typer.BadParameter(
            "an Admiralty grade such as A1 (A-F then 1-6)", param_hint="--grade"
        )
    return grade[0], int(grade[1])


def _parse_releasability(value: str) -> tuple[str, ...]:
    audiences = tuple(p.strip() for p in value.split(",") if p.strip())
    if audiences == ("public",):
        return audiences
    if not audiences or not all(re.fullmatch(r"[A-Z]{2,3}", a) for a in audiences):
        raise typer.BadParameter(
            "'public', or member codes such as AU,GB,JP (ISO 3166 alpha-2 or alpha-3)",
            param_hint="--releasable-to",
        )
    return audiences


def _parse_date(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter("an ISO date such as 2024-05-03", param_hint=option) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


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
    from sanctionwatch.workspace.workspace import Workspace

    reliability, credibility = _parse_grade(grade)
    options = LoadOptions(
        reliability=reliability,
        credibility=credibility,
        releasability=_parse_releasability(releasable_to),
        published=_parse_date(published, "--published"),
    )
    # Parse everything before the workspace is touched: bad input leaves it as it was.
    with working("reading lists", quiet=json_out):
        snapshots = read_lists(paths)
    ws: Workspace = _workspace(ctx)
    try:
        with working("loading into the workspace", quiet=json_out):
            report = load_snapshots(ws, snapshots, options)
    finally:
        ws.close()
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
    ws = _workspace(ctx)
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
    ws = _workspace(ctx)
    try:
        with ws.catalog.reading() as session:
            row = find_snapshot(session, ref)
            return views_from_rows(snapshot_entries(session, row.id))
    finally:
        ws.close()


@lists_app.command("show")
def lists_show(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="Stable id: KPi.033, ofac:12345.")],
    json_out: JsonFlag = False,
) -> None:
    """One designation with every property and the sources it comes from."""
    from sanctionwatch.lists.query import show_entry

    ws = _workspace(ctx)
    try:
        with ws.catalog.reading() as session:
            entry = show_entry(session, entry_id)
    finally:
        ws.close()
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

    ws = _workspace(ctx)
    try:
        with ws.catalog.reading() as session:
            rows = all_snapshots(session)
    finally:
        ws.close()
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

    ws = _workspace(ctx)
    try:
        with ws.catalog.reading() as session:
            summary = dprk_summary(session, newest)
    finally:
        ws.close()
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


# --- AIS ----------------------------------------------------------------------------------


@ingest_app.command("ais")
def ingest_ais_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Raw NMEA logs (plain or gzip), provider CSVs, Parquet files, or folders "
            "(every AIS file inside is ingested; other files are listed as skipped).",
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="auto, nmea, marinecadastre, spire, generic or parquet.",
            show_default=True,
        ),
    ] = "auto",
    grade: Annotated[str, typer.Option(help="Admiralty grade of the source.")] = "B3",
    provider: Annotated[
        str, typer.Option(help="Who supplied the data (receiver network, company).")
    ] = "AIS receiver log",
    releasable_to: Annotated[
        str, typer.Option(help="Comma-separated member codes allowed to see it, or 'public'.")
    ] = "public",
    json_out: JsonFlag = False,
) -> None:
    """Decode AIS into positions (Parquet by day), identities and raw messages.

    Every line is accounted for: consumed into messages, ignored (non-AIS sentences,
    by kind) or quarantined with its reason. Ingesting the same file again changes nothing;
    a failure or a crash leaves the workspace as it was.
    """
    from sanctionwatch.ais.files import FORMATS
    from sanctionwatch.ais.ingest import IngestOptions, ingest_ais

    if fmt not in FORMATS:
        raise typer.BadParameter(f"one of {', '.join(FORMATS)}", param_hint="--format")
    reliability, credibility = _parse_grade(grade)
    options = IngestOptions(
        provider=provider,
        reliability=reliability,
        credibility=credibility,
        releasability=_parse_releasability(releasable_to),
    )
    ws = _workspace(ctx)
    try:
        with ingest_progress(quiet=json_out) as progress:
            result = ingest_ais(ws, paths, fmt, options, progress)
    finally:
        ws.close()
    if json_out:
        emit_json(result)
        return
    console = out()
    rows = [
        [
            d["path"],
            d["format"],
            d["status"],
            d.get("lines", ""),
            d.get("messages", ""),
            d.get("positions", ""),
            d.get("identities", ""),
            d.get("rejected", ""),
            ", ".join(f"{k} {v}" for k, v in d.get("rejected_by_reason", {}).items()),
        ]
        for d in result["details"]
    ]
    console.print(
        table(
            "AIS files",
            [
                "file",
                "format",
                "status",
                "lines",
                "messages",
                "positions",
                "identities",
                "rejected",
                "why",
            ],
            rows,
        )
    )
    for item in result["skipped"]:
        err.print(f"skipped {item['path']}: {item['reason']}", markup=False)
    console.print(
        f"{result['files']} files, {result['positions']:,} positions, "
        f"{result['vessels']:,} vessels, {result['rejected']:,} lines quarantined"
    )


@ais_app.command("decode")
def ais_decode_command(
    path: Annotated[Path, typer.Argument(help="A raw NMEA log, plain or gzip.")],
    fmt: Annotated[
        str, typer.Option("--format", help="Output format: gpsd-json (one object a line).")
    ] = "gpsd-json",
    unscaled: Annotated[
        bool, typer.Option("--unscaled", help="Raw integers, as gpsd's -u option prints.")
    ] = False,
) -> None:
    """Decode every AIS message of a log, printed as gpsd prints it (JSON lines on stdout).

    Type-24 halves are merged as gpsd merges them. Lines holding no valid AIS sentence are
    counted on stderr, never fatal. Nothing is stored: this works on the file alone.
    """
    import json

    from sanctionwatch.ais.decode import DecodeCounts, decode_gpsd

    if fmt != "gpsd-json":
        raise typer.BadParameter("only gpsd-json is supported", param_hint="--format")
    if not path.is_file():
        raise SanctionwatchError(f"{path}: no such file")
    counts = DecodeCounts()
    write = sys.stdout.write
    try:
        for obj in decode_gpsd(path, scaled=not unscaled, counts=counts):
            write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    skipped = ", ".join(f"{reason} {n}" for reason, n in counts.skipped.most_common())
    err.print(
        f"{path}: {counts.lines:,} lines, {counts.messages:,} messages decoded"
        + (f"; skipped: {skipped}" if skipped else ""),
        markup=False,
    )


@app.command("vessels")
def vessels_command(
    ctx: typer.Context,
    flag: Annotated[
        str | None, typer.Option(help="Only vessels whose MMSI gives this flag (e.g. KP).")
    ] = None,
    mmsi: Annotated[int | None, typer.Option(help="Only this MMSI.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """Vessels seen in AIS: flag from the MMSI, IMO numbers, names, call signs, activity."""
    from sanctionwatch.ais.vessels import vessels

    ws = _workspace(ctx)
    try:
        found = vessels(ws.store, flag=flag, mmsi=mmsi)
    finally:
        ws.close()
    if json_out:
        emit_json({"vessels": found})
        return
    out().print(
        table(
            f"{len(found)} vessels",
            [
                "mmsi",
                "flag",
                "imo",
                "names",
                "call signs",
                "types",
                "first seen",
                "last seen",
                "positions",
            ],
            [
                [
                    v["mmsi"],
                    v["flag"],
                    " ".join(map(str, v["imos"])),
                    "; ".join(v["names"]),
                    " ".join(v["callsigns"]),
                    " ".join(map(str, v["shiptypes"])),
                    (v["first_seen"] or "")[:19],
                    (v["last_seen"] or "")[:19],
                    v["positions"],
                ]
                for v in found
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

    ws = _workspace(ctx)
    try:
        result = export_ftm(ws, out_path)
    finally:
        ws.close()
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

    ws = _workspace(ctx)
    try:
        summary = run_demo(ws, os.environ.get("SANCTIONWATCH_LISTS"))
    finally:
        ws.close()
    if summary is not None:
        print_summary(summary)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status instead of raising SystemExit."""
    try:
        app(args=argv, prog_name="sanctionwatch")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except SanctionwatchError as exc:
        err.print(f"[bold red]error:[/bold red] {escape(str(exc))}", highlight=False)
        return 1
    return 0


def run() -> None:
    sys.exit(main())
