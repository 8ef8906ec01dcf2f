"""Screen a name against every loaded list: candidates from the index, then scores.

The candidates the index gathers are pre-scored quickly and the best ``FULL_SCORES`` (and
any reading as the same Korean syllables) scored in full by the compiled scorer, all in one
call per query; only the matches returned are explained in words.

A weak alias (OFAC's "weak a.k.a.", a bare nickname) is never enough alone: its score is
scaled by ``WEAK_ALIAS_FACTOR`` and the explanation says it was a weak alias.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context

from sanctionwatch.screening.compare import check_schema, explain, score_candidates
from sanctionwatch.screening.encoded import FormTable
from sanctionwatch.screening.entries import ListedParty
from sanctionwatch.screening.index import DEFAULT_LIMIT, IndexedName, NameIndex, index_schema
from sanctionwatch.screening.normalize import name_forms

WEAK_ALIAS_FACTOR = 0.8
# Below this many queries a second process costs more (a fork, results sent back) than it saves.
PARALLEL_FROM = 1_000
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


@dataclass(frozen=True, slots=True)
class _Scored:
    """A candidate name's score for the query, and where to find why."""

    score: float  # after the weak-alias factor
    raw: float
    candidate: IndexedName
    forms: tuple[int, int]  # the (query, candidate) form pair that scored best


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

    def _scored(
        self, query: str, schema: str, limit: int
    ) -> tuple[FormTable, NameIndex, list[_Scored]]:
        """Each candidate party's best name, best first."""
        index = self.index(schema)
        table = FormTable([name_forms(query, schema)])
        found = index.candidate_ids(query, limit)
        if not len(found):
            return table, index, []
        scored = score_candidates(table, index.table, found, schema, FULL_SCORES)
        best: dict[tuple[str, str], _Scored] = {}
        for n, position in enumerate(found.tolist()):
            if not scored.chosen[n]:
                continue
            candidate = index.names[position]
            raw = round(float(scored.scores[n]), 4)
            score = round(raw * WEAK_ALIAS_FACTOR, 4) if candidate.weak else raw
            key = (candidate.party.list, candidate.party.entry_id)
            if key not in best or score > best[key].score:
                forms = (int(scored.forms[n, 0]), int(scored.forms[n, 1]))
                best[key] = _Scored(score, raw, candidate, forms)
        ranked = sorted(
            best.values(),
            key=lambda m: (-m.score, m.candidate.party.list, m.candidate.party.entry_id),
        )
        return table, index, ranked

    def _match(
        self, query: str, schema: str, table: FormTable, index: NameIndex, found: _Scored
    ) -> NameMatch:
        reasons = explain(table, found.forms[0], index.table, found.forms[1], schema)
        explanation = f"{query!r} vs {found.candidate.name!r}: {found.raw:.3f}; {reasons}"
        if found.candidate.weak:
            explanation += f"; weak alias (score × {WEAK_ALIAS_FACTOR})"
        return NameMatch(found.candidate.party, found.candidate.name, found.score, explanation)

    def matches(
        self, query: str, schema: str, limit: int = DEFAULT_LIMIT, min_score: float = 0.0
    ) -> list[NameMatch]:
        """Every candidate party scoring at least ``min_score`` with its best name, best first."""
        table, index, ranked = self._scored(query, schema, limit)
        return [
            self._match(query, schema, table, index, found)
            for found in ranked
            if found.score >= min_score
        ]

    def best(self, query: str, schema: str) -> NameMatch | None:
        table, index, ranked = self._scored(query, schema, DEFAULT_LIMIT)
        return self._match(query, schema, table, index, ranked[0]) if ranked else None

    def best_many(
        self, queries: Sequence[tuple[str, str]], workers: int | None = None
    ) -> list[NameMatch | None]:
        """``best`` of each ``(query, schema)``, in order: on ``workers`` processes (default:
        the cores this process may use) when there are at least ``PARALLEL_FROM`` queries
        and the platform forks, else in this one."""
        if workers is not None and workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        count = batch_workers(len(queries), workers)
        if count < 2:
            return [self.best(query, schema) for query, schema in queries]
        for schema in {schema for _, schema in queries}:
            self.index(schema)  # built once, here, and shared with the workers by the fork
        global _batch
        step = -(-len(queries) // count)
        spans = [(start, min(start + step, len(queries))) for start in range(0, len(queries), step)]
        with _batch_lock:  # one batch at a time hands its screener to forked workers
            _batch = (self, queries)
            try:
                with get_context("fork").Pool(len(spans)) as pool:
                    parts = pool.map(_best_span, spans)
            finally:
                _batch = None
        parties = {(p.list, p.entry_id): p for p in self._parties}
        return [
            None if found is None else NameMatch(parties[found[0]], *found[1:])
            for part in parts
            for found in part
        ]


def batch_workers(queries: int, workers: int | None = None) -> int:
    """How many processes ``best_many`` screens ``queries`` names on."""
    if queries < PARALLEL_FROM or "fork" not in get_all_start_methods():
        return 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(workers or usable or 1, queries // 2))


_batch_lock = threading.Lock()
# What a forked worker of ``best_many`` screens (set in the parent just before the fork).
_batch: tuple[NameScreener, Sequence[tuple[str, str]]] | None = None

_Found = tuple[tuple[str, str], str, float, str]


def _best_span(span: tuple[int, int]) -> list[_Found | None]:
    """A worker's share of ``best_many``: each match as plain values, cheap to send back."""
    assert _batch is not None
    screener, queries = _batch
    found: list[_Found | None] = []
    for query, schema in queries[span[0] : span[1]]:
        match = screener.best(query, schema)
        found.append(
            None
            if match is None
            else (
                (match.party.list, match.party.entry_id),
                match.name,
                match.score,
                match.explanation,
            )
        )
    return found
