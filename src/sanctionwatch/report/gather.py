"""Read what a report needs from the workspace, cut to its scope (audience and period)."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from sanctionwatch.assess.evidence import EventItem, EvidenceSet, load_evidence
from sanctionwatch.assess.finding_store import reply_dict
from sanctionwatch.assess.ledger import (
    Delivery,
    build_ledger,
    claimed_deliveries,
    ledger_years,
    official_notifications,
)
from sanctionwatch.assess.regime import Regime
from sanctionwatch.assess.rules.petroleum import detected_deliveries
from sanctionwatch.assess.run import findings_of
from sanctionwatch.maritime.params import default_params
from sanctionwatch.report.profiles import entity_profiles, tracks_of, vessel_profiles
from sanctionwatch.report.scope import Scope, restrict
from sanctionwatch.report.simulated import simulated_sources
from sanctionwatch.workspace.models import FindingRow, ReplyRow, Source
from sanctionwatch.workspace.sources import source_as_dict
from sanctionwatch.workspace.workspace import Workspace


@dataclass
class ReportData:
    scope: Scope
    regime: Regime
    findings: list[dict[str, Any]]
    ledgers: list[dict[str, Any]]
    events: list[EventItem]
    sources: list[dict[str, Any]]  # the evidence register
    simulated: set[str]  # sha256 of simulated inputs
    vessels: list[dict[str, Any]]
    tracks: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    stored: dict[str, dict[str, Any]] = field(default_factory=dict)  # status and replies by id
    params_versions: list[str] = field(default_factory=list)  # of the detectors, per event
    parameters: dict[str, Any] = field(default_factory=dict)  # the default detector parameters
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)  # member claims by id
    entities: list[dict[str, Any]] = field(default_factory=list)  # profiles of named parties


def _stored(ws: Workspace, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Analysts' decisions and named parties' replies on the findings shown.

    The decision's note stays out: it is the team's working and may cite material the
    report's audience may not see (a finding's id does not depend on its sources)."""
    found: dict[str, dict[str, Any]] = {}
    with ws.catalog.reading() as session:
        for row in session.scalars(select(FindingRow).where(FindingRow.id.in_(ids))):
            found[row.id] = {"status": row.status}
        replies = session.scalars(
            select(ReplyRow).where(ReplyRow.finding_id.in_(ids)).order_by(ReplyRow.id)
        )
        for reply in replies:
            entry = found.setdefault(reply.finding_id, {"status": None})
            entry.setdefault("replies", []).append(reply_dict(reply))
    return found


def _ledgers(
    ws: Workspace, evidence: EvidenceSet, regime: Regime, scope: Scope
) -> list[dict[str, Any]]:
    admitted = {s.sha256 for s in evidence.sources.values()}
    with ws.catalog.reading() as session:
        official = [o for o in official_notifications(session) if o.sha256 in admitted]
        claimed = claimed_deliveries(session)
    deliveries: list[Delivery] = [
        d for d in claimed if all(s in admitted for e in d.evidence for s in e.sources)
    ]
    deliveries += [d.delivery for d in detected_deliveries(evidence, regime)]
    deliveries = [d for d in deliveries if scope.overlaps(d.day, d.day)]
    official = [o for o in official if scope.overlaps(*_month_bounds(o.month))]
    return [
        build_ledger(regime, year, official, deliveries)
        for year in ledger_years(official, deliveries)
    ]


def _month_bounds(month: str) -> tuple[date, date]:
    year, number = int(month[:4]), int(month[5:7])
    return date(year, number, 1), date(year, number, monthrange(year, number)[1])


def gather(ws: Workspace, regime: Regime, scope: Scope) -> ReportData:
    """Everything the report shows, from the evidence its audience may see."""
    evidence = restrict(load_evidence(ws), scope)
    defaults = default_params()
    findings = [
        f for f in findings_of(evidence, regime) if scope.overlaps(_day(f["start"]), _day(f["end"]))
    ]
    admitted = {s.sha256 for s in evidence.sources.values()}
    with ws.catalog.reading() as session:
        rows = session.scalars(select(Source).where(Source.sha256.in_(admitted)))
        sources = sorted((source_as_dict(s) for s in rows), key=lambda s: s["sha256"])
        simulated = simulated_sources(session, ws.root) & admitted
    events = [e for e in evidence.events if scope.overlaps(e.start, e.end)]
    mmsis = sorted(
        {
            int(k.split(":", 1)[1])
            for f in findings
            for p in f["parties"]
            for k in p["identifiers"]
            if k.startswith("mmsi:")
        }
    )
    return ReportData(
        scope=scope,
        regime=regime,
        findings=findings,
        ledgers=_ledgers(ws, evidence, regime, scope),
        events=events,
        sources=sources,
        simulated=simulated,
        vessels=vessel_profiles(ws, evidence, mmsis),
        tracks=tracks_of(ws, evidence, mmsis, scope),
        stored=_stored(ws, [f["id"] for f in findings]),
        params_versions=_params_versions(ws, [e.id for e in events]),
        parameters={"version": defaults.version, "values": defaults.values},
        claims={c.id: c.data for c in evidence.claims},
        entities=entity_profiles(evidence, findings),
    )


def _params_versions(ws: Workspace, event_ids: list[str]) -> list[str]:
    if not event_ids:
        return []
    sql = "SELECT DISTINCT params_version FROM events WHERE id IN (SELECT unnest(?)) ORDER BY 1"
    return [str(r[0]) for r in ws.store.query(sql, [event_ids])]


def _day(stamp: str) -> date:
    return date.fromisoformat(stamp[:10])
