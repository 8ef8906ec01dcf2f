"""Listed parties named in member claims: screening hits on report entities.

A listed vessel in a claim cites the designated-vessel provision; a listed person or body
the asset freeze (1718/8(d)): the claim says someone dealt with them.
"""

from __future__ import annotations

from sanctionwatch.assess.candidates import Candidate, Party, Ref
from sanctionwatch.assess.evidence import EvidenceSet, entity_subject
from sanctionwatch.assess.regime import Regime
from sanctionwatch.assess.rules.claims import at_midnight, claim_party, claim_place
from sanctionwatch.assess.rules.designated import PROVISIONS as VESSEL_PROVISIONS

FREEZE = ("1718/8(d)",)


def listed_party_rule(evidence: EvidenceSet, regime: Regime) -> list[Candidate]:
    hits_by_subject: dict[str, list[Ref]] = {}
    listed: dict[str, list[Party]] = {}
    for hit in evidence.hits:
        if hit.subject_kind != "report_entity" or hit.status == "false_positive":
            continue
        hits_by_subject.setdefault(hit.subject_id, []).append(Ref("hit", hit.id, hit.source_ids))
        listed.setdefault(hit.subject_id, []).append(
            Party(
                (f"list:{hit.list}:{hit.entry_id}",),
                str(hit.evidence.get("list_name") or hit.entry_id),
                "listed_party",
            )
        )
    shas = {s.id: s.sha256 for s in evidence.sources.values()}
    found = []
    for claim in evidence.claims:
        for entity in claim.entities:
            subject = entity_subject(shas.get(claim.source_id, ""), str(entity.get("id")))
            if subject not in hits_by_subject:
                continue
            vessel = entity.get("schema") == "Vessel"
            start = claim.start or claim.end or claim.submitted
            found.append(
                Candidate(
                    rule="listed_party_in_claim",
                    provisions=VESSEL_PROVISIONS if vessel else FREEZE,
                    parties=(claim_party(entity), *listed[subject]),
                    start=at_midnight(start),
                    end=at_midnight(claim.end or start),
                    summary=f"Listed party {entity.get('name')} named in a member's claim: "
                    f"{claim.summary}",
                    evidence=(
                        Ref("claim", claim.id, (claim.source_id,), claim.grade),
                        *hits_by_subject[subject],
                    ),
                    place=claim_place(claim),
                    details={"claim_type": claim.type},
                )
            )
    return found
