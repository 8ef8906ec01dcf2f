"""What the rules read: events, screening hits, member claims, vessels and their sources.

Read once from the workspace into plain values (``load_evidence``) so every rule is a pure
function of an ``EvidenceSet`` and tests can build one by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sanctionwatch.ais.vessels import vessels as ais_vessels
from sanctionwatch.workspace.models import (
    ListSnapshotRow,
    MemberReportRow,
    ReportClaimRow,
    ScreeningHitRow,
    Source,
)
from sanctionwatch.workspace.store import AnalyticalStore
from sanctionwatch.workspace.workspace import Workspace

PUBLIC = "public"


@dataclass(frozen=True)
class SourceInfo:
    id: int
    sha256: str
    provider_kind: str
    provider: str
    reliability: str
    credibility: int
    releasability: tuple[str, ...]

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"


@dataclass(frozen=True)
class Vessel:
    """What AIS says about one MMSI (flag from its MID)."""

    mmsi: int
    flag: str | None
    imos: tuple[int, ...] = ()
    names: tuple[str, ...] = ()
    shiptypes: tuple[int, ...] = ()


@dataclass(frozen=True)
class EventItem:
    id: str
    type: str
    vessels: tuple[int, ...]
    start: datetime
    end: datetime
    lat: float | None
    lon: float | None
    attributes: dict[str, Any]
    source_ids: tuple[int, ...]


@dataclass(frozen=True)
class HitItem:
    id: str
    subject_kind: str  # ais_vessel, report_entity
    subject_id: str  # the MMSI, or report sha256 prefix and entity id
    list: str
    entry_id: str
    basis: str
    renamed: bool
    status: str
    evidence: dict[str, Any]
    source_ids: tuple[int, ...]  # the list snapshot it was screened against


@dataclass(frozen=True)
class ClaimItem:
    id: str
    claim_id: str
    type: str
    summary: str
    start: date | None
    end: date | None
    submitted: date
    provisions: tuple[str, ...]
    entities: tuple[dict[str, Any], ...]
    grade: str
    data: dict[str, Any]
    source_id: int


@dataclass(frozen=True)
class ReportEntity:
    """An entity a member report defines: screened against the lists, and vessels'
    particulars (deadweight) for the petroleum estimates."""

    source_id: int
    subject_id: str  # report sha256 prefix : entity id
    entity: dict[str, Any]


@dataclass
class EvidenceSet:
    sources: dict[int, SourceInfo] = field(default_factory=dict)
    vessels: dict[int, Vessel] = field(default_factory=dict)
    events: list[EventItem] = field(default_factory=list)
    hits: list[HitItem] = field(default_factory=list)
    claims: list[ClaimItem] = field(default_factory=list)
    entities: list[ReportEntity] = field(default_factory=list)

    def events_of(self, *types: str) -> list[EventItem]:
        return [e for e in self.events if e.type in types]


def entity_subject(sha256: str, entity_id: str) -> str:
    return f"{sha256[:12]}:{entity_id}"


def source_info(row: Source) -> SourceInfo:
    return SourceInfo(
        row.id,
        row.sha256,
        row.provider_kind,
        row.provider,
        row.reliability,
        row.credibility,
        tuple(row.releasability),
    )


def load_evidence(ws: Workspace) -> EvidenceSet:
    with ws.catalog.reading() as session:
        evidence = EvidenceSet(
            sources={s.id: source_info(s) for s in session.scalars(select(Source))},
            hits=hits_in(session),
            claims=_claims(session),
            entities=_entities(session),
        )
    evidence.events = read_events_with_sources(ws.store)
    evidence.vessels = {
        int(v["mmsi"]): Vessel(
            int(v["mmsi"]),
            v["flag"],
            tuple(v["imos"]),
            tuple(v["names"]),
            tuple(v["shiptypes"]),
        )
        for v in ais_vessels(ws.store)
    }
    return evidence


def read_events_with_sources(store: AnalyticalStore) -> list[EventItem]:
    """Stored events with the sources of the positions they rest on."""
    if not store.has("events"):
        return []
    rows = store.query(
        'SELECT id, type, vessels, start, "end", lat, lon, attributes, source_ids '
        "FROM events ORDER BY start, type, id"
    )
    return [
        EventItem(
            id=r[0],
            type=r[1],
            vessels=tuple(int(v) for v in r[2]),
            start=r[3].astimezone(UTC),
            end=r[4].astimezone(UTC),
            lat=r[5],
            lon=r[6],
            attributes=json.loads(r[7]) if r[7] else {},
            source_ids=tuple(int(s) for s in (r[8] or [])),
        )
        for r in rows
    ]


def _snapshot_sources(session: Session) -> dict[str, int]:
    """The source of the newest snapshot of each list: what a hit was screened against."""
    newest = select(ListSnapshotRow.list, func.max(ListSnapshotRow.id)).group_by(
        ListSnapshotRow.list
    )
    found: dict[str, int] = {}
    for name, snapshot_id in session.execute(newest):
        row = session.get(ListSnapshotRow, snapshot_id)
        if row is not None:
            found[name] = row.source_id
    return found


def hits_in(session: Session) -> list[HitItem]:
    """Every screening hit the session sees (with the list snapshot it was screened against)."""
    lists = _snapshot_sources(session)
    rows = session.scalars(select(ScreeningHitRow).order_by(ScreeningHitRow.id))
    return [
        HitItem(
            id=h.id,
            subject_kind=h.subject_kind,
            subject_id=h.subject_id,
            list=h.list,
            entry_id=h.entry_id,
            basis=h.basis,
            renamed=h.renamed,
            status=h.status,
            evidence=dict(h.evidence),
            source_ids=(lists[h.list],) if h.list in lists else (),
        )
        for h in rows
    ]


def _claims(session: Session) -> list[ClaimItem]:
    rows = session.execute(
        select(ReportClaimRow, MemberReportRow.submitted)
        .join(MemberReportRow, MemberReportRow.source_id == ReportClaimRow.source_id)
        .order_by(ReportClaimRow.id)
    )
    return [
        ClaimItem(
            id=c.id,
            claim_id=c.claim_id,
            type=c.type,
            summary=c.summary,
            start=c.start,
            end=c.end,
            submitted=submitted,
            provisions=tuple(c.provisions),
            entities=tuple(c.entities),
            grade=f"{c.reliability}{c.credibility}",
            data=dict(c.data),
            source_id=c.source_id,
        )
        for c, submitted in rows
    ]


def _entities(session: Session) -> list[ReportEntity]:
    rows = session.execute(
        select(MemberReportRow.source_id, MemberReportRow.entities, Source.sha256).join(
            Source, Source.id == MemberReportRow.source_id
        )
    )
    return [
        ReportEntity(source_id, entity_subject(sha, str(e["id"])), dict(e))
        for source_id, entities, sha in rows
        for e in entities
    ]
