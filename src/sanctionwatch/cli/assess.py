"""Assessment commands: `ingest report`, `ingest notifications`, `petroleum`, `assess`,
`findings`, `finding`, `decide`, `reply`."""

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

    Estimates come from member claims of petroleum deliveries and from DPRK tankers' dark
    calls at supply ports and meetings with foreign tankers, at each laden scenario
    of the regime (33, 50, 90 %), with the conversion factors' version and sources.
    """
    from datetime import UTC, datetime

    from sanctionwatch.assess.evidence import load_evidence
    from sanctionwatch.assess.ledger import (
        build_ledger,
        claimed_deliveries,
        ledger_years,
        official_notifications,
    )
    from sanctionwatch.assess.regime import default_regime
    from sanctionwatch.assess.rules.petroleum import detected_deliveries

    regime = default_regime()
    with workspace_of(ctx) as ws:
        with ws.catalog.reading() as session:
            official = official_notifications(session)
            deliveries = claimed_deliveries(session)
        # Port calls and meetings at sea the events show join the members' claims.
        deliveries += [d.delivery for d in detected_deliveries(load_evidence(ws), regime)]
    years = ledger_years(official, deliveries)
    chosen = year or (years[-1] if years else datetime.now(UTC).year)
    ledger = build_ledger(regime, chosen, official, deliveries)
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


@app.command("assess")
def assess_command(ctx: typer.Context, json_out: JsonFlag = False) -> None:
    """Run every rule over the workspace's evidence and store the findings.

    Report entities are screened against the loaded lists first. Running again updates
    the same findings (stable ids) and keeps analyst decisions and replies.
    """
    from sanctionwatch.assess.regime import default_regime
    from sanctionwatch.assess.run import run_assessment

    with workspace_of(ctx) as ws:
        result = run_assessment(ws, default_regime())
    if json_out:
        emit_json(result)
        return
    console = out()
    console.print(
        f"{result['count']} findings ({result['added']} new, {result['removed']} withdrawn), "
        f"{result['confirmed']} confirmed, {result['single_member']} on one member alone"
    )
    console.print(
        table("by category", ["category", "findings"], list(result["by_category"].items()))
    )
    console.print(
        table("by confidence", ["confidence", "findings"], list(result["by_confidence"].items()))
    )


@app.command("findings")
def findings_command(
    ctx: typer.Context,
    category: Annotated[str | None, typer.Option(help="Only this category.")] = None,
    audience: Annotated[
        str | None, typer.Option(help="Only what this member code, or 'public', may see.")
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Stored findings by start: category, provisions, parties, confidence, evidence."""
    from sanctionwatch.assess.finding_store import list_findings

    with workspace_of(ctx) as ws, ws.catalog.reading() as session:
        found = list_findings(session, category=category, audience=audience)
    if json_out:
        emit_json({"findings": found})
        return
    rows = [
        [
            f["id"],
            f["category"],
            ", ".join(f["provisions"]),
            f["start"][:10],
            f["confidence"] + (" (confirmed)" if f["confirmed"] else ""),
            f["status"],
            f["summary"][:80],
        ]
        for f in found
    ]
    columns = ["id", "category", "provisions", "start", "confidence", "decision", "summary"]
    out().print(table("findings", columns, rows))


@app.command("finding")
def finding_command(
    ctx: typer.Context,
    finding: Annotated[str, typer.Argument(help="Finding id (or 6+ character prefix).")],
    json_out: JsonFlag = False,
) -> None:
    """One finding with its evidence in full (items and sources) and the replies to it."""
    from sanctionwatch.assess.evidence import load_evidence
    from sanctionwatch.assess.evidence_detail import expand
    from sanctionwatch.assess.finding_store import find_finding, finding_dict, replies_of

    with workspace_of(ctx) as ws:
        with ws.catalog.reading() as session:
            row = find_finding(session, finding)
            result = finding_dict(row, replies_of(session, row.id))
        result["evidence"] = expand(result, load_evidence(ws))
    if json_out:
        emit_json(result)
        return
    console = out()
    console.print(f"{result['id']} {result['category']} ({', '.join(result['provisions'])})")
    console.print(result["summary"])
    console.print(
        f"{result['start']} - {result['end']}: {result['confidence']} "
        f"(p {result['probability']}), providers: {', '.join(result['providers'])}"
    )
    decided = f" on {result['decided_at']}: {result['decision_note'] or ''}"
    console.print(
        f"analyst decision: {result['status']}" + (decided if result["decided_at"] else "")
    )
    rows = [
        [e["kind"], e["id"], ", ".join(s["grade"] for s in e["sources"])]
        for e in result["evidence"]
    ]
    console.print(table("evidence", ["kind", "id", "grades"], rows))
    for reply in result["replies"]:
        console.print(f"reply from {reply['party']} ({reply['received_at']}): {reply['text']}")


@app.command("decide")
def decide_command(
    ctx: typer.Context,
    finding: Annotated[str, typer.Argument(help="Finding id (or 6+ character prefix).")],
    confirmed: Annotated[bool, typer.Option("--confirmed", help="The analyst upholds it.")] = False,
    rejected: Annotated[bool, typer.Option("--rejected", help="The analyst rejects it.")] = False,
    reopen: Annotated[bool, typer.Option("--open", help="Back to undecided.")] = False,
    note: Annotated[str, typer.Option(help="Why: the decision is audited.")] = "",
    json_out: JsonFlag = False,
) -> None:
    """Record an analyst's decision on a finding; re-running `assess` keeps it."""
    from sanctionwatch.assess.finding_store import decide_finding

    chosen = [
        s for s, on in (("confirmed", confirmed), ("rejected", rejected), ("open", reopen)) if on
    ]
    if len(chosen) != 1:
        raise typer.BadParameter("give exactly one of --confirmed, --rejected or --open")
    with workspace_of(ctx) as ws, ws.catalog.transaction() as session:
        result = decide_finding(session, finding, chosen[0], note)
    if json_out:
        emit_json(result)
        return
    out().print(f"finding {result['id']} marked {result['status']}", markup=False)


@app.command("reply")
def reply_command(
    ctx: typer.Context,
    finding: Annotated[str, typer.Argument(help="Finding id (or 6+ character prefix).")],
    party: Annotated[str, typer.Option(help="Who replies, e.g. a state or a company.")],
    text: Annotated[str | None, typer.Option(help="The reply's text.")] = None,
    file: Annotated[Path | None, typer.Option(help="A UTF-8 file holding the reply.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """Record a named party's reply to a finding; it is shown beside the finding."""
    from sanctionwatch.assess.finding_store import add_reply
    from sanctionwatch.errors import InputError, SanctionwatchError

    if (text is None) == (file is None):
        raise SanctionwatchError("give the reply with exactly one of --text or --file")
    origin = None
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(file, f"cannot read: {exc}") from exc
        origin = file.as_posix()
    assert text is not None
    with workspace_of(ctx) as ws, ws.catalog.transaction() as session:
        result = add_reply(session, finding, party, text, origin)
    if json_out:
        emit_json(result)
        return
    out().print(f"reply {result['id']} from {result['party']} recorded on {result['finding']}")
