"""The second half of `make demo`: detect, screen, assess, report, verify, and show the result.

Runs on what the first half put in the workspace (simulated AIS, the lists when there were
any) plus the simulation's own member reports and notifications (``member_report_*.json``,
``notifications.csv``, consistent with its events and marked simulated), so every chapter
of the report has something in it. Each step says what it does on stderr as it starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sanctionwatch.output import err, table
from sanctionwatch.workspace.workspace import Workspace


def _step(message: str) -> None:
    err.print(f"demo: {message}", markup=False)


def _submissions(ws: Workspace, simulation: Path) -> None:
    """The simulation's member reports and notifications, as `ingest report` and
    `ingest notifications` store them (the same bytes again change nothing)."""
    from sanctionwatch.assess.regime import default_regime
    from sanctionwatch.assess.submissions import NotificationOptions, ingest_notifications
    from sanctionwatch.assess.submissions import ingest_report as store_report
    from sanctionwatch.sources.member_report import read_member_report
    from sanctionwatch.sources.notifications import read_notifications

    reports = sorted(simulation.glob("member_report_*.json"))
    notes_file = simulation / "notifications.csv"
    _step(f"ingesting the SIMULATED member reports ({len(reports)}) and notifications")
    regime = default_regime()
    for path in reports:
        report, data = read_member_report(path, regime)
        stored = store_report(ws, report, data, path.as_posix(), path.name)
        _step(
            f"  {stored['report_id']} from {stored['submitting_member']} ({stored['grade']}, "
            f"releasable to {', '.join(stored['releasability'])}): {stored['claims']} claims"
        )
    if notes_file.is_file():
        rows, raw = read_notifications(notes_file)
        options = NotificationOptions(
            provider="SIMULATED 1718 Committee notifications (sanctionwatch simulate)",
            reliability="F",  # made up: its reliability cannot be judged
            credibility=6,
            releasability=("public",),
        )
        ingest_notifications(ws, rows, raw, notes_file.as_posix(), notes_file.name, options)


def assess_and_report(
    ws: Workspace, lists_loaded: bool, simulation: Path | None = None
) -> dict[str, Any]:
    """Detect, screen, assess, write the public report and verify it; returns both results."""
    from sanctionwatch.assess.regime import default_regime
    from sanctionwatch.assess.run import run_assessment
    from sanctionwatch.engines.jobs import run_detect
    from sanctionwatch.report.build import build_report
    from sanctionwatch.report.scope import Scope
    from sanctionwatch.report.verify import verify_report
    from sanctionwatch.screening.service import screen_workspace_vessels

    regime = default_regime()
    _step("detecting gaps, port calls, encounters and the rest in the AIS")
    detected = run_detect(ws)
    _step(f"  {sum(detected['events_by_type'].values())} events ({detected['params_version']})")
    if lists_loaded:
        _step("screening the vessels seen against the lists")
        hits = screen_workspace_vessels(ws)["hits"]
        _step(f"  {len(hits)} screening hits")
    if simulation is not None:
        _submissions(ws, simulation)
    _step("assessing: rules, corroboration, confidence")
    assessed = run_assessment(ws, regime)
    folder = ws.root / "report"
    _step(f"writing the public report to {folder}")
    built = build_report(ws, regime, Scope(), folder, lambda m: _step(f"  {m}"))
    _step("verifying the report against the workspace")
    checked = verify_report(ws, regime, folder)
    rows = [
        [f["category"], f["start"][:10], f["confidence"], f["summary"][:70]]
        for f in sorted(assessed["findings"], key=lambda f: -f["probability"])[:8]
    ]
    err.print(
        table(
            "headline findings (all audiences)",
            ["category", "start", "confidence", "summary"],
            rows,
        )
    )
    status = "verified" if checked["ok"] else f"NOT verified: {checked['mismatches']}"
    _step(
        f"report: {built['html']} ({built['pages']} PDF pages, {built['findings']} public "
        f"findings, {status})"
    )
    return {"report": built, "verify": checked}
