"""Screen a name against every loaded list: candidates from the index, then scores.

A weak alias (OFAC's "weak a.k.a.", a bare nickname) is never enough alone: its score is
scaled by ``WEAK_ALIAS_FACTOR`` and the explanation says it was a weak alias.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sanctionwatch.screening.compare import check_schema, compare_names
from sanctionwatch.screening.entries import ListedParty
from sanctionwatch.screening.index import DEFAULT_LIMIT, NameIndex, index_schema

WEAK_ALIAS_FACTOR = 0.8


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
        for candidate in self.index(schema).candidates(query, limit):
            scored = compare_names(query, candidate.name, schema)
            score, explanation = scored.score, scored.explanation
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
