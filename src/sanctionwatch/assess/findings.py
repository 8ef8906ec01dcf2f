"""Candidates into findings: corroboration (merging), stable ids, confidence, releasability.

Candidates of one category that name the same vessel or party (any shared identifier)
within ``merge_days`` of each other are one finding when they come from different rules
or different member reports: a member's claim and an observed port call of the same ship
corroborate each other. Voyages or events found by one rule stay separate (counted one by
one). A finding's id hashes its category, its parties' keys and its start, so running the
rules again on the same evidence gives the same ids.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sanctionwatch.assess.candidates import Candidate, Party, Quantity, Ref
from sanctionwatch.assess.confidence import Confidence, assess_confidence, releasability
from sanctionwatch.assess.evidence import EvidenceSet
from sanctionwatch.assess.regime import Regime
from sanctionwatch.errors import SanctionwatchError


@dataclass(frozen=True)
class Finding:
    id: str
    category: str
    candidates: tuple[Candidate, ...]
    confidence: Confidence
    releasability: tuple[str, ...]

    @property
    def lead(self) -> Candidate:
        return self.candidates[0]

    @property
    def provisions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for c in self.candidates for p in c.provisions))

    @property
    def parties(self) -> tuple[Party, ...]:
        seen: dict[str, Party] = {}
        for c in self.candidates:
            for party in c.parties:
                seen.setdefault(party.key, party)
        return tuple(seen.values())

    @property
    def evidence(self) -> tuple[Ref, ...]:
        seen: dict[tuple[str, str], Ref] = {}
        for c in self.candidates:
            for ref in c.evidence:
                seen.setdefault((ref.kind, ref.id), ref)
        return tuple(seen.values())

    @property
    def quantity(self) -> Quantity | None:
        return next((c.quantity for c in self.candidates if c.quantity), None)

    def as_dict(self, evidence: EvidenceSet) -> dict[str, Any]:
        lead, conf = self.lead, self.confidence
        return {
            "id": self.id,
            "category": self.category,
            "rules": sorted({c.rule for c in self.candidates}),
            "provisions": list(self.provisions),
            "parties": [p.as_dict() for p in self.parties],
            "start": iso(min(c.start for c in self.candidates)),
            "end": iso(max(c.end for c in self.candidates)),
            "place": lead.place,
            "quantity": self.quantity.as_dict() if self.quantity else None,
            "summary": " / ".join(dict.fromkeys(c.summary for c in self.candidates)),
            "confidence": conf.word,
            "probability": conf.probability,
            "confirmed": conf.confirmed,
            "single_source": conf.single_source,
            "single_member": conf.single_member,
            "providers": list(conf.providers),
            "releasability": list(self.releasability),
            "assumptions": sorted({a for c in self.candidates for a in c.assumptions}),
            "details": {k: v for c in self.candidates for k, v in c.details.items()},
            "evidence": [
                {
                    "kind": r.kind,
                    "id": r.id,
                    "grade": r.grade,
                    "sources": [
                        evidence.sources[s].sha256 for s in r.source_ids if s in evidence.sources
                    ],
                }
                for r in self.evidence
            ],
        }


def iso(moment: Any) -> str:
    return str(moment.strftime("%Y-%m-%dT%H:%M:%SZ"))


def finding_id(category: str, party_keys: list[str], start: Any) -> str:
    key = f"{category}|{','.join(sorted(party_keys))}|{iso(start)}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _handles(c: Candidate) -> set[str]:
    return {h for p in c.parties for h in p.handles}


def _claim_sources(c: Candidate) -> set[int]:
    return {s for r in c.evidence if r.kind == "claim" for s in r.source_ids}


def _may_merge(a: Candidate, b: Candidate, slack: timedelta) -> bool:
    if not _handles(a) & _handles(b):
        return False
    if a.start - slack > b.end or b.start - slack > a.end:
        return False
    if a.rule != b.rule:
        return True
    return bool(_claim_sources(a)) and not _claim_sources(a) & _claim_sources(b)


def category_of(candidate: Candidate, regime: Regime) -> str:
    return regime.provision(candidate.provisions[0]).category


def group_candidates(candidates: list[Candidate], regime: Regime) -> list[list[Candidate]]:
    """Corroborating candidates together (see the module docstring)."""
    assessment = regime.assessment
    if assessment is None:
        raise SanctionwatchError(f"regime {regime.regime} has no assessment section")
    slack = timedelta(days=assessment.rules.merge_days)
    groups: list[list[Candidate]] = []
    for candidate in sorted(candidates, key=lambda c: (c.start, c.rule, c.summary)):
        category = category_of(candidate, regime)
        home = next(
            (
                g
                for g in groups
                if category_of(g[0], regime) == category
                and all(_may_merge(candidate, member, slack) for member in g)
            ),
            None,
        )
        if home is None:
            groups.append([candidate])
        else:
            home.append(candidate)
    return groups


def assemble(candidates: list[Candidate], evidence: EvidenceSet, regime: Regime) -> list[Finding]:
    """Findings from the rules' candidates, graded and with their releasability."""
    assert regime.assessment is not None  # group_candidates checks
    table = regime.assessment.confidence
    findings: dict[str, Finding] = {}
    for group in group_candidates(candidates, regime):
        category = category_of(group[0], regime)
        keys = sorted({p.key for c in group for p in c.parties})
        identifier = finding_id(category, keys, min(c.start for c in group))
        refs = [r for c in group for r in c.evidence]
        if identifier in findings:
            # Two findings the groups keep apart (e.g. two claims of one report about one
            # tanker on one day) share category, parties and start: the evidence tells them
            # apart, so neither is lost and both ids stay stable.
            evidence_key = ",".join(sorted(f"{r.kind}:{r.id}" for r in refs))
            identifier = finding_id(category, [*keys, evidence_key], min(c.start for c in group))
        rule = max(group, key=lambda c: table.inference[c.rule]).rule
        findings[identifier] = Finding(
            identifier,
            category,
            tuple(group),
            assess_confidence(rule, refs, evidence.sources, table),
            releasability(refs, evidence.sources),
        )
    return sorted(findings.values(), key=lambda f: (f.lead.start, f.id))
