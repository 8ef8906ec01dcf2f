"""Assessment commands: `ingest report`, `ingest notifications`, `petroleum`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from sanctionwatch.cli.common import (
    JsonFlag,
    app,
    ingest_app,
    parse_grade,
    parse_releasability,
    workspace_of,
)
from sanctionwatch.output import emit_json, out, table


@ingest_app.command("report")
def ingest_report_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A member state's report (JSON, see README).")],
    json_out: JsonFlag = False,
) -> None:
    """Validate a member state's report and store it with its grade, releasability and claims.

    An invalid file is rejected whole, every problem listed (field path and reason), and the
    workspace is not touched. The same bytes again change nothing.
    """
    from sanctionwatch.assess.regime import default_regime
    from sanctionwatch.assess.submissions import ingest_report
    from sanctionwatch.sources.member_report import read_member_report

    # Validate before the workspace is opened: bad input leaves it exactly as it was.
    report, data = read_member_report(path, default_regime())
    with workspace_of(ctx) as ws:
        result = ingest_report(ws, report, data, path.as_posix(), path.name)
    if json_out:
        emit_json(result)
        return
    status = "stored" if result["loaded"] else "already in the workspace"
    rows = [[t, n] for t, n in result["claims_by_type"].items()]
    out().print(
        f"{result['report_id']} from {result['submitting_member']} ({result['grade']}, "
        f"releasable to {', '.join(result['releasability'])}): {status}"
    )
    out().print(table("claims", ["type", "count"], rows))


@ingest_app.command("notifications")
def ingest_notifications_command(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(help="CSV: supplier_state,month,barrels[,tonnes][,note]"),
    ],
    grade: Annotated[str, typer.Option(help="Admiralty grade of the source.")] = "A1",
    provider: Annotated[str, typer.Option(help="Who published the notifications.")] = (
        "UN Security Council 1718 Committee"
    ),
    releasable_to: Annotated[
        str, typer.Option(help="Comma-separated member codes allowed to see it, or 'public'.")
    ] = "public",
    json_out: JsonFlag = False,
) -> None:
    """Load official notifications of refined petroleum supplied to the DPRK (2397/5).

    A malformed line fails the whole file, every bad line listed (file:line, field).
    """
    from sanctionwatch.assess.submissions import NotificationOptions, ingest_notifications
    from sanctionwatch.sources.notifications import read_notifications

    reliability, credibility = parse_grade(grade)
    options = NotificationOptions(
        provider=provider,
        reliability=reliability,
        credibility=credibility,
        releasability=parse_releasability(releasable_to),
    )
    rows, data = read_notifications(path)
    with workspace_of(ctx) as ws:
        result = ingest_notifications(ws, rows, data, path.as_posix(), path.name, options)
    if json_out:
        emit_json(result)
        return
    status = "stored" if result["loaded"] else "already in the workspace"
    out().print(
        f"{result['notifications']} notifications from {', '.join(result['suppliers'])}, "
        f"{result['barrels']:,.0f} bbl: {status}"
    )


@app.command("petroleum")
def petroleum_command(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option(help="Calendar year (default: the newest with data).")
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """The refined-petroleum ledger: notified beside estimated deliveries and the cap.

    Estimates come from member claims of petroleum deliveries, at each laden scenario
    of the regime (33, 50, 90 %), with the conversion factors' version and sources.
    """
    from datetime import UTC, datetime

    from sanctionwatch.assess.ledger import (
        build_ledger,
        claimed_deliveries,
        ledger_years,
        official_notifications,
    )
    from sanctionwatch.assess.regime import default_regime

    with workspace_of(ctx) as ws, ws.catalog.reading() as session:
        official = official_notifications(session)
        deliveries = claimed_deliveries(session)
    years = ledger_years(official, deliveries)
    chosen = year or (years[-1] if years else datetime.now(UTC).year)
    ledger = build_ledger(default_regime(), chosen, official, deliveries)
    if json_out:
        emit_json(ledger)
        return
    _print_ledger(ledger)


def _print_ledger(ledger: dict[str, Any]) -> None:
    console = out()
    console.print(
        f"{ledger['year']}: cap {ledger['cap_bbl']:,.0f} bbl ({ledger['provision']}), "
        f"officially notified {ledger['official_bbl']:,.0f} bbl"
    )
    rows = [
        [
            f"{k} % laden",
            f"{ledger['estimates'][k]:,.0f}",
            f"{ledger['cap_used'][k]:.0%}",
            ledger["cap_crossed"][k] or "",
            f"{ledger['gap_to_official'][k]:,.0f}",
        ]
        for k in ledger["scenarios"]
    ]
    columns = ["scenario", "estimated bbl", "cap used", "cap crossed", "beyond notified"]
    console.print(table("estimates", columns, rows))
    deliveries = [
        [
            d["date"],
            d["vessel"] or "",
            d["product"] + (" (assumed)" if d["product_assumed"] else ""),
            d["basis"],
            " / ".join(f"{v:,.0f}" for v in (d["bbl"] or {}).values()),
            ", ".join(e["id"] for e in d["evidence"]),
        ]
        for d in ledger["deliveries"]
    ]
    columns = ["date", "vessel", "product", "basis", "bbl by scenario", "evidence"]
    console.print(table("deliveries", columns, deliveries))
    factors = ledger["factors"]
    console.print(f"conversion factors {factors['version']} ({factors['unit']})")
