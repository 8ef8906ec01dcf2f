"""Catalog tables (SQLAlchemy). Schema changes go through an Alembic migration."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite would drop the zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the catalog; use UTC")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


class Source(Base):
    """One raw input, identified by its bytes, with provenance, grade and releasability."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(500))
    origin: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(BigInteger)
    retrieved_at: Mapped[datetime]
    provider_kind: Mapped[str] = mapped_column(String(40))
    provider: Mapped[str] = mapped_column(String(200))
    reliability: Mapped[str] = mapped_column(String(1))
    credibility: Mapped[int] = mapped_column(Integer)
    releasability: Mapped[list[str]] = mapped_column(JSON)
    archive_path: Mapped[str] = mapped_column(String(300))
    loaded_at: Mapped[datetime]


class ListSnapshotRow(Base):
    """A sanctions list as published once; ``key`` identifies the set of files it came from."""

    __tablename__ = "list_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    list: Mapped[str] = mapped_column(String(10), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    generated: Mapped[datetime | None]
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    entries: Mapped[int] = mapped_column(Integer)
    loaded_at: Mapped[datetime]


class SnapshotFile(Base):
    """Which sources (sdn, add, alt, list) make up a snapshot."""

    __tablename__ = "list_snapshot_files"

    snapshot_id: Mapped[int] = mapped_column(ForeignKey("list_snapshots.id"), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(10))


class ListEntryRow(Base):
    """One designation in one snapshot: the FollowTheMoney entity and its Sanction."""

    __tablename__ = "list_entries"
    __table_args__ = (UniqueConstraint("snapshot_id", "entry_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("list_snapshots.id"), index=True)
    entry_id: Mapped[str] = mapped_column(String(100), index=True)
    schema: Mapped[str] = mapped_column(String(40))
    caption: Mapped[str] = mapped_column(Text)
    dprk: Mapped[bool] = mapped_column(Boolean)
    programmes: Mapped[list[str]] = mapped_column(JSON)
    flags: Mapped[list[str]] = mapped_column(JSON)
    listed_on: Mapped[str | None] = mapped_column(String(10))
    line: Mapped[int | None] = mapped_column(Integer)
    entity: Mapped[dict[str, Any]] = mapped_column(JSON)
    sanction: Mapped[dict[str, Any]] = mapped_column(JSON)


class AisFileRow(Base):
    """One AIS file ingested: its source, how it was read, and where every line went."""

    __tablename__ = "ais_files"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    operation: Mapped[str] = mapped_column(String(32), index=True)
    format: Mapped[str] = mapped_column(String(20))
    lines: Mapped[int] = mapped_column(BigInteger)
    messages: Mapped[int] = mapped_column(BigInteger)
    positions: Mapped[int] = mapped_column(BigInteger)
    statics: Mapped[int] = mapped_column(BigInteger)
    raw_messages: Mapped[int] = mapped_column(BigInteger)
    rejected: Mapped[int] = mapped_column(BigInteger)
    account: Mapped[dict[str, Any]] = mapped_column(JSON)
    ingested_at: Mapped[datetime]


class ScreeningHitRow(Base):
    """A screening hit: a subject (an AIS vessel, a report entity) resembling a listed party.

    ``evidence_sha256`` hashes what the hit rests on (the subject's identifiers and names,
    the party's); an analyst's decision is kept with the hash it was made on, so a known
    false positive stays quiet until that evidence changes.
    """

    __tablename__ = "screening_hits"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(20), index=True)
    subject_id: Mapped[str] = mapped_column(String(100), index=True)
    list: Mapped[str] = mapped_column(String(10))
    entry_id: Mapped[str] = mapped_column(String(100), index=True)
    basis: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)
    renamed: Mapped[bool] = mapped_column(Boolean)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)
    evidence_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20))  # open, false_positive, confirmed
    decision_note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None]
    decided_evidence_sha256: Mapped[str | None] = mapped_column(String(64))
    first_seen: Mapped[datetime]
    last_screened: Mapped[datetime]


class HttpCacheRow(Base):
    """Validators of the last download of a URL, for conditional requests."""

    __tablename__ = "http_cache"

    url: Mapped[str] = mapped_column(String(1000), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    fetched_at: Mapped[datetime]


class AuditRow(Base):
    """What was done to the workspace, when, and with what result."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(60))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)


class MemberReportRow(Base):
    """A member state's report: its source (grade, releasability) and what it says about itself."""

    __tablename__ = "member_reports"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    report_id: Mapped[str] = mapped_column(String(200))
    submitting_member: Mapped[str] = mapped_column(String(2), index=True)
    submitted: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(Text)
    simulated: Mapped[bool] = mapped_column(Boolean)
    entities: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    claims: Mapped[int] = mapped_column(Integer)
    ingested_at: Mapped[datetime]


class ReportClaimRow(Base):
    """One claim of a member report, typed; ``id`` is stable (report bytes + claim id)
    so findings can cite it. ``entities`` holds the report's entities the claim involves."""

    __tablename__ = "report_claims"
    __table_args__ = (UniqueConstraint("source_id", "claim_id"),)

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    claim_id: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(30), index=True)
    summary: Mapped[str] = mapped_column(Text)
    start: Mapped[date | None] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
    provisions: Mapped[list[str]] = mapped_column(JSON)
    entities: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    reliability: Mapped[str] = mapped_column(String(1))
    credibility: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class PetroleumNotificationRow(Base):
    """An official notification of refined petroleum supplied to the DPRK (2397/5)."""

    __tablename__ = "petroleum_notifications"
    __table_args__ = (UniqueConstraint("source_id", "line"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    line: Mapped[int] = mapped_column(Integer)
    supplier_state: Mapped[str] = mapped_column(String(2), index=True)
    month: Mapped[str] = mapped_column(String(7), index=True)  # YYYY-MM
    barrels: Mapped[float] = mapped_column(Float)
    tonnes: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)


class FindingRow(Base):
    """A finding: what the rules concluded from the evidence, graded, with its provisions.

    ``id`` hashes category, parties and start, so re-running ``assess`` updates the row;
    the analyst's decision and the replies stay. ``current`` is false once the evidence no
    longer yields the finding (kept only when a decision or reply refers to it)."""

    __tablename__ = "findings"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    category: Mapped[str] = mapped_column(String(30), index=True)
    rules: Mapped[list[str]] = mapped_column(JSON)
    provisions: Mapped[list[str]] = mapped_column(JSON)
    parties: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    start: Mapped[datetime]
    end: Mapped[datetime]
    place: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    quantity: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    summary: Mapped[str] = mapped_column(Text)
    confidence: Mapped[str] = mapped_column(String(30), index=True)
    probability: Mapped[float] = mapped_column(Float)
    confirmed: Mapped[bool] = mapped_column(Boolean)
    single_source: Mapped[bool] = mapped_column(Boolean)
    single_member: Mapped[bool] = mapped_column(Boolean)
    providers: Mapped[list[str]] = mapped_column(JSON)
    releasability: Mapped[list[str]] = mapped_column(JSON)
    assumptions: Mapped[list[str]] = mapped_column(JSON)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    calibration_version: Mapped[str] = mapped_column(String(40))
    current: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(20))  # open, accepted, rejected
    decision_note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None]
    first_assessed: Mapped[datetime]
    last_assessed: Mapped[datetime]


class ReplyRow(Base):
    """A named party's reply to a finding, kept beside it word for word."""

    __tablename__ = "replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[str] = mapped_column(ForeignKey("findings.id"), index=True)
    party: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    origin: Mapped[str | None] = mapped_column(String(500))
    received_at: Mapped[datetime]
