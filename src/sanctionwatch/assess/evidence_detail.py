"""A finding's evidence in full: each event, hit and claim with the sources it rests on."""

from __future__ import annotations

from typing import Any

from sanctionwatch.assess.candidates import ENTITY_KIND
from sanctionwatch.assess.evidence import EvidenceSet, SourceInfo


def _source(s: SourceInfo) -> dict[str, Any]:
    return {
        "sha256": s.sha256,
        "provider_kind": s.provider_kind,
        "provider": s.provider,
        "grade": s.grade,
        "releasability": list(s.releasability),
    }


def expand(finding: dict[str, Any], evidence: EvidenceSet) -> list[dict[str, Any]]:
    """The finding's evidence refs with what each item says and where it came from."""
    events = {e.id: e for e in evidence.events}
    hits = {h.id: h for h in evidence.hits}
    claims = {c.id: c for c in evidence.claims}
    entities = {e.subject_id: e for e in evidence.entities}
    by_sha = {s.sha256: s for s in evidence.sources.values()}
    expanded = []
    for ref in finding["evidence"]:
        item: dict[str, Any] | None = None
        if ref["kind"] == "event" and ref["id"] in events:
            e = events[ref["id"]]
            item = {
                "type": e.type,
                "vessels": list(e.vessels),
                "start": e.start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "end": e.end.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "lat": e.lat,
                "lon": e.lon,
                "attributes": e.attributes,
            }
        elif ref["kind"] == "hit" and ref["id"] in hits:
            h = hits[ref["id"]]
            item = {"status": h.status, **h.evidence}
        elif ref["kind"] == "claim" and ref["id"] in claims:
            c = claims[ref["id"]]
            item = {"claim_id": c.claim_id, "type": c.type, "summary": c.summary, **c.data}
        elif ref["kind"] == ENTITY_KIND and ref["id"] in entities:
            item = dict(entities[ref["id"]].entity)
        expanded.append(
            {
                **ref,
                "found": item is not None,  # false: no longer in the workspace
                "item": item,
                "sources": [_source(by_sha[s]) for s in ref["sources"] if s in by_sha],
            }
        )
    return expanded
