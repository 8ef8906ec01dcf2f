"""Screen a name against every loaded list: candidates from the index, then scores.

A weak alias (OFAC's "weak a.k.a.", a bare nickname) is never enough alone: its score is
scaled by ``WEAK_ALIAS_FACTOR`` and the explanation says it was a weak alias.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from sanctionwatch.screening.compare import check_schema, compare_forms
from sanctionwatch.screening.entries import ListedParty
from sanctionwatch.screening.features import korean_equal
from sanctionwatch.screening.index import DEFAULT_LIMIT, IndexedName, NameIndex, index_schema
from sanctionwatch.screening.normalize import NameForm, name_forms

WEAK_ALIAS_FACTOR = 0.8
# Candidates fully scored per query; the index gathers more, a quick score picks these.
FULL_SCORES = 8


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A listed party's best-scoring name for a query."""

    party: ListedParty
    name: str
    score: float
    explanation: str

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.party.entry_id,
            "list": self.party.list,
            "name": self.name,
            "caption": self.party.caption,
            "schema": self.party.schema,
            "programmes": list(self.party.programmes),
            "score": self.score,
            "explanation": self.explanation,
        }


def _worth_scoring(
    query_forms: tuple[NameForm, ...], candidates: list[IndexedName]
) -> list[IndexedName]:
    """The candidates the full model should score: the ``FULL_SCORES`` best by a quick
    string score (one C call over all of them), and any that read as the same Korean
    syllables (which can share few letters: Lee Yeong-ho, RI YONG HO)."""
    if len(candidates) <= FULL_SCORES:
        return candidates
    texts = [" ".join(sorted(form.tokens)) for form in query_forms]
    quick = cdist(texts, [c.sorted_text for c in candidates], scorer=fuzz.ratio).max(axis=0)
    keep = set(np.argsort(-quick, kind="stable")[:FULL_SCORES].tolist())
    for position, candidate in enumerate(candidates):
        if any(korean_equal(q, c) for q in query_forms for c in candidate.forms):
            keep.add(position)
    return [candidates[i] for i in sorted(keep)]


class NameScreener:
    """Screens names of one or more schemas against a fixed set of listed parties."""

    def __init__(self, parties: Iterable[ListedParty]) -> None:
        self._parties = list(parties)
        self._indexes: dict[str, NameIndex] = {}

    def index(self, schema: str) -> NameIndex:
        key = index_schema(check_schema(schema))
        if key not in self._indexes:
            self._indexes[key] = NameIndex(key, self._parties)
        return self._indexes[key]

    def matches(self, query: str, schema: str, limit: int = DEFAULT_LIMIT) -> list[NameMatch]:
        """Every candidate party with its best name's score, best first."""
        best: dict[tuple[str, str], NameMatch] = {}
        query_forms = name_forms(query, schema)
        for candidate in _worth_scoring(query_forms, self.index(schema).candidates(query, limit)):
            score, reasons, _ = compare_forms(query_forms, candidate.forms, schema)
            score = round(score, 4)
            explanation = f"{query!r} vs {candidate.name!r}: {score:.3f}; {reasons}"
            if candidate.weak:
                score = round(score * WEAK_ALIAS_FACTOR, 4)
                explanation += f"; weak alias (score × {WEAK_ALIAS_FACTOR})"
            key = (candidate.party.list, candidate.party.entry_id)
            if key not in best or score > best[key].score:
                best[key] = NameMatch(candidate.party, candidate.name, score, explanation)
        return sorted(best.values(), key=lambda m: (-m.score, m.party.list, m.party.entry_id))

    def best(self, query: str, schema: str) -> NameMatch | None:
        found = self.matches(query, schema)
        return found[0] if found else None
