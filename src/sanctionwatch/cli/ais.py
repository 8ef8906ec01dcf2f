"""AIS commands: `ingest ais`, `ais decode`, `vessels`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from sanctionwatch.cli.common import (
    JsonFlag,
    ais_app,
    app,
    ingest_app,
    parse_grade,
    parse_releasability,
    workspace_of,
)
from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.output import emit_json, err, ingest_progress, out, table

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
    reliability, credibility = parse_grade(grade)
    options = IngestOptions(
        provider=provider,
        reliability=reliability,
        credibility=credibility,
        releasability=parse_releasability(releasable_to),
    )
    with workspace_of(ctx) as ws, ingest_progress(quiet=json_out) as progress:
        result = ingest_ais(ws, paths, fmt, options, progress)
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

    with workspace_of(ctx) as ws:
        found = vessels(ws.store, flag=flag, mmsi=mmsi)
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
