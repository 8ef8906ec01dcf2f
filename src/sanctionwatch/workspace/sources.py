"""Source records: every raw input with its provenance, Admiralty grade and releasability."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctionwatch.workspace.archive import Archive, sha256_hex
from sanctionwatch.workspace.models import Source

RELIABILITY = "ABCDEF"  # A completely reliable … E unreliable, F cannot be judged
CREDIBILITY = range(1, 7)  # 1 confirmed by other sources … 5 improbable, 6 cannot be judged
PROVIDER_KINDS = ("member_state", "osint", "official_list", "commercial")
PUBLIC = "public"


@dataclass(frozen=True)
class Provenance:
    """Where bytes came from and how far they are trusted and may be shared."""

    origin: str
    retrieved_at: datetime
    provider_kind: str
    provider: str
    reliability: str = "F"
    credibility: int = 6
    releasability: tuple[str, ...] = field(default=(PUBLIC,))

    def __post_init__(self) -> None:
        if self.reliability not in RELIABILITY or len(self.reliability) != 1:
            raise ValueError(f"reliability must be one of A-F, not {self.reliability!r}")
        if self.credibility not in CREDIBILITY:
            raise ValueError(f"credibility must be 1-6, not {self.credibility!r}")
        if self.provider_kind not in PROVIDER_KINDS:
            raise ValueError(f"provider kind must be one of {PROVIDER_KINDS}")
        if not self.releasability:
            raise ValueError("releasability needs at least one audience (or 'public')")

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"


def find_source(session: Session, digest: str) -> Source | None:
    return session.scalar(select(Source).where(Source.sha256 == digest))


def record_source(
    session: Session,
    archive: Archive,
    data: bytes,
    *,
    kind: str,
    file_name: str,
    provenance: Provenance,
    now: datetime,
    created_files: list[str],
) -> Source:
    """The Source for ``data``, archiving the bytes and adding the row when new.

    Digests of archive files written here are appended to ``created_files`` so the
    caller can remove them if its transaction fails.
    """
    digest = sha256_hex(data)
    existing = find_source(session, digest)
    if existing is not None:
        return existing
    _, created = archive.put(data)
    if created:
        created_files.append(digest)
    return add_source(
        session,
        archive,
        digest=digest,
        size=len(data),
        kind=kind,
        file_name=file_name,
        provenance=provenance,
        now=now,
    )


def add_source(
    session: Session,
    archive: Archive,
    *,
    digest: str,
    size: int,
    kind: str,
    file_name: str,
    provenance: Provenance,
    now: datetime,
) -> Source:
    """The catalog row of bytes the caller archives (or stages for the archive) itself."""
    source = Source(
        sha256=digest,
        kind=kind,
        file_name=file_name,
        origin=provenance.origin,
        size=size,
        retrieved_at=provenance.retrieved_at,
        provider_kind=provenance.provider_kind,
        provider=provenance.provider,
        reliability=provenance.reliability,
        credibility=provenance.credibility,
        releasability=list(provenance.releasability),
        archive_path=archive.relative_path(digest),
        loaded_at=now,
    )
    session.add(source)
    session.flush()
    return source


def source_as_dict(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "sha256": source.sha256,
        "kind": source.kind,
        "file_name": source.file_name,
        "origin": source.origin,
        "size": source.size,
        "retrieved_at": source.retrieved_at.isoformat(),
        "provider_kind": source.provider_kind,
        "provider": source.provider,
        "grade": f"{source.reliability}{source.credibility}",
        "reliability": source.reliability,
        "credibility": source.credibility,
        "releasability": source.releasability,
        "archive_path": source.archive_path,
        "loaded_at": source.loaded_at.isoformat(),
    }


def list_sources(session: Session) -> list[dict[str, Any]]:
    return [source_as_dict(s) for s in session.scalars(select(Source).order_by(Source.id))]
