"""Who a report is for and what period it covers, and the evidence that audience may see.

The evidence is cut down to the audience's sources *before* anything is computed, so no
figure, finding or entity can rest on material the audience may not see.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sanctionwatch.assess.confidence import visible_to
from sanctionwatch.assess.evidence import PUBLIC, EvidenceSet, SourceInfo


@dataclass(frozen=True)
class Scope:
    audience: str = PUBLIC  # "public" or a member code
    start: date | None = None
    end: date | None = None  # inclusive
    inputs: frozenset[str] | None = None  # sha256s a rebuild may use (None: every visible one)

    def as_dict(self) -> dict[str, str | None]:
        return {
            "audience": self.audience,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
        }

    def admits(self, source: SourceInfo) -> bool:
        if self.inputs is not None and source.sha256 not in self.inputs:
            return False
        return visible_to(source.releasability, self.audience)

    def overlaps(self, first: date | datetime, last: date | datetime) -> bool:
        low = first.date() if isinstance(first, datetime) else first
        high = last.date() if isinstance(last, datetime) else last
        return (self.start is None or high >= self.start) and (self.end is None or low <= self.end)


def restrict(evidence: EvidenceSet, scope: Scope) -> EvidenceSet:
    """The evidence made only of sources the scope admits (an item needs all its sources)."""
    sources = {i: s for i, s in evidence.sources.items() if scope.admits(s)}
    prefixes = {s.sha256[:12] for s in sources.values()}

    def hit_ok(subject_kind: str, subject_id: str, source_ids: tuple[int, ...]) -> bool:
        if subject_kind == "report_entity" and subject_id.split(":", 1)[0] not in prefixes:
            return False
        return all(s in sources for s in source_ids)

    return replace(
        evidence,
        sources=sources,
        events=[e for e in evidence.events if e.source_ids and set(e.source_ids) <= set(sources)],
        hits=[h for h in evidence.hits if hit_ok(h.subject_kind, h.subject_id, h.source_ids)],
        claims=[c for c in evidence.claims if c.source_id in sources],
        entities=[e for e in evidence.entities if e.source_id in sources],
    )
