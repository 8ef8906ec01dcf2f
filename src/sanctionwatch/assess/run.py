"""`assess`: screen report entities, run every rule, grade, store; the summary it prints."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from sanctionwatch.assess.entity_screening import SUBJECT_KIND, screen_entities
from sanctionwatch.assess.evidence import EvidenceSet, hits_in, load_evidence
from sanctionwatch.assess.finding_store import store_findings
from sanctionwatch.assess.findings import assemble
from sanctionwatch.assess.regime import Regime
from sanctionwatch.assess.rules import run_rules
from sanctionwatch.assess.rules.common import assessment_of
from sanctionwatch.screening.entries import load_parties
from sanctionwatch.screening.hits import record_hits
from sanctionwatch.workspace.models import AuditRow
from sanctionwatch.workspace.workspace import Workspace, utc_now


def findings_of(evidence: EvidenceSet, regime: Regime) -> list[dict[str, Any]]:
    """Every finding the evidence yields, as JSON-ready dicts (pure: nothing stored)."""
    return [f.as_dict(evidence) for f in assemble(run_rules(evidence, regime), evidence, regime)]


def run_assessment(ws: Workspace, regime: Regime) -> dict[str, Any]:
    """Screen report entities, run the rules and store the findings in ONE transaction: a
    failure anywhere leaves the previous hits and findings exactly as they were."""
    version = f"{regime.regime}-{regime.version}/assessment-{assessment_of(regime).version}"
    evidence = load_evidence(ws)
    with ws.catalog.reading() as session:
        parties = load_parties(session) if evidence.entities else []
    with ws.catalog.transaction() as session:
        entity_hits = 0
        if evidence.entities and parties:
            hits = screen_entities(evidence.entities, parties)
            record_hits(session, SUBJECT_KIND, hits)
            session.flush()
            evidence = replace(evidence, hits=hits_in(session))  # this run's hits, uncommitted
            entity_hits = len(hits)
        found = findings_of(evidence, regime)
        stored = store_findings(session, found, version)
        summary = {
            "calibration_version": version,
            "count": len(found),
            "by_category": dict(sorted(Counter(f["category"] for f in found).items())),
            "by_confidence": dict(sorted(Counter(f["confidence"] for f in found).items())),
            "confirmed": sum(1 for f in found if f["confirmed"]),
            "single_member": sum(1 for f in found if f["single_member"]),
            "report_entity_hits": entity_hits,
            **stored,
        }
        session.add(AuditRow(at=utc_now(), action="assess", detail=summary))
    return {**summary, "findings": found}
