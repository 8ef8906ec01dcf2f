"""The rules: each a pure function from the evidence to candidate findings citing provisions."""

from __future__ import annotations

from collections.abc import Callable

from sanctionwatch.assess.candidates import Candidate
from sanctionwatch.assess.evidence import EvidenceSet
from sanctionwatch.assess.regime import Regime
from sanctionwatch.assess.rules.arms import arms_shuttle_rule
from sanctionwatch.assess.rules.claims import claims_rule
from sanctionwatch.assess.rules.designated import designated_vessel_rule
from sanctionwatch.assess.rules.encounters import dprk_encounters
from sanctionwatch.assess.rules.listed import listed_party_rule
from sanctionwatch.assess.rules.petroleum import petroleum_rule

Rule = Callable[[EvidenceSet, Regime], list[Candidate]]
RULES: dict[str, Rule] = {
    "dprk_encounter": dprk_encounters,
    "designated_vessel": designated_vessel_rule,
    "petroleum": petroleum_rule,
    "arms_shuttle": arms_shuttle_rule,
    "member_claims": claims_rule,
    "listed_parties": listed_party_rule,
}


def run_rules(evidence: EvidenceSet, regime: Regime) -> list[Candidate]:
    return [c for rule in RULES.values() for c in rule(evidence, regime)]
