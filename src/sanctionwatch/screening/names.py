"""Screen names against every loaded list: candidates from the index, then scores.

Names are screened in batches (one name is a batch of one): the index gathers every
query's candidates in one compiled call, the best ``FULL_SCORES`` of each (by a quick
pre-score, and any reading as the same Korean syllables) are scored in full in another,
the best per query is picked with array arithmetic, and a third call reads back the
alignment that explains each pick, the only part put into words.

A weak alias (OFAC's "weak a.k.a.", a bare nickname) is never enough alone: its score is
scaled by ``WEAK_ALIAS_FACTOR`` and the explanation says it was a weak alias.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.screening.compare import Scored, check_schema, explanations, score_rows
from sanctionwatch.screening.encoded import FormTable
from sanctionwatch.screening.entries import ListedParty
from sanctionwatch.screening.index import DEFAULT_LIMIT, NameIndex, index_schema
from sanctionwatch.screening.normalize import name_forms

WEAK_ALIAS_FACTOR = 0.8
# Below this many queries a second process costs more (a fork, results sent back) than it saves.
PARALLEL_FROM = 1_000
# Candidates fully scored per query; the index gathers more, a quick score picks these.
FULL_SCORES = 8
# Queries scored per compiled call: large enough to amortise the calls, small enough that
# the per-slot outputs (feature vectors included) stay a few megabytes.
BATCH_ROWS = 2_048


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
class _Batch:
    """A batch of queries of one schema scored against their candidates (row = query)."""

    queries: Sequence[str]
    schema: str
    index: NameIndex
    table: FormTable  # the queries' forms
    candidates: NDArray[np.int64]  # rows × slots: positions in the index
    scored: Scored
    raw: NDArray[np.float64]  # rounded to 4 places
    final: NDArray[np.float64]  # after the weak-alias factor; -1 where no name was scored


def _final_scores(raw: NDArray[np.float64], weak: NDArray[np.bool_]) -> NDArray[np.float64]:
    return np.where(weak, np.round(raw * WEAK_ALIAS_FACTOR, 4), raw)


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

    def _score(self, queries: Sequence[str], schema: str, limit: int) -> _Batch:
        """Each query's candidates found and scored, in one compiled call each."""
        index = self.index(schema)
        # Found under the index's schema too: every kind of body (Company, LegalEntity…)
        # reads a name as an Organization does (``normalize.ORGANISATION_SCHEMAS``).
        forms = [name_forms(query, schema) for query in queries]
        # An empty index has no name for an empty slot to point at: no slots at all.
        candidates, counts = index.candidate_rows(forms, limit if len(index) else 0)
        table = FormTable(forms)
        rows = np.arange(len(queries), dtype=np.int64)
        scored = score_rows(table, rows, index.table, candidates, counts, schema, FULL_SCORES)
        raw = np.round(scored.scores, 4)
        filled = np.arange(candidates.shape[1]) < counts[:, None]
        final = np.where(scored.chosen & filled, _final_scores(raw, index.weak[candidates]), -1.0)
        return _Batch(queries, schema, index, table, candidates, scored, raw, final)

    def _explained(self, batch: _Batch, picks: Sequence[tuple[int, int]]) -> list[NameMatch]:
        """The (row, slot) ``picks`` of ``batch`` as matches, each explained in words."""
        if not picks:
            return []
        rows, slots = (np.array(axis, dtype=np.int64) for axis in zip(*picks, strict=True))
        found = explanations(
            batch.table, batch.index.table, batch.scored.forms[rows, slots], batch.schema
        )
        names = batch.index.names
        matches = []
        for row, position, raw, final, reasons in zip(
            rows.tolist(),
            batch.candidates[rows, slots].tolist(),
            batch.raw[rows, slots].tolist(),
            batch.final[rows, slots].tolist(),
            found,
            strict=True,
        ):
            candidate = names[position]
            explanation = f"{batch.queries[row]!r} vs {candidate.name!r}: {raw:.3f}; {reasons}"
            if candidate.weak:
                explanation += f"; weak alias (score × {WEAK_ALIAS_FACTOR})"
            matches.append(NameMatch(candidate.party, candidate.name, final, explanation))
        return matches

    def matches(
        self, query: str, schema: str, limit: int = DEFAULT_LIMIT, min_score: float = 0.0
    ) -> list[NameMatch]:
        """Every candidate party scoring at least ``min_score`` with its best name, best first."""
        return self.matches_many([query], schema, limit, min_score)[0]

    def matches_many(
        self,
        queries: Sequence[str],
        schema: str,
        limit: int = DEFAULT_LIMIT,
        min_score: float = 0.0,
    ) -> list[list[NameMatch]]:
        """``matches`` of each query, in order, scored in batches."""
        found: list[list[NameMatch]] = []
        for start in range(0, len(queries), BATCH_ROWS):
            batch = self._score(queries[start : start + BATCH_ROWS], schema, limit)
            picks = [
                (row, slot)
                for row in range(len(batch.queries))
                for slot in _ranked_slots(batch, row, min_score)
            ]
            per_row: list[list[NameMatch]] = [[] for _ in batch.queries]
            for (row, _), match in zip(picks, self._explained(batch, picks), strict=True):
                per_row[row].append(match)
            found += per_row
        return found

    def best(self, query: str, schema: str) -> NameMatch | None:
        """The best-scoring listed party for ``query`` (None: no candidate at all)."""
        return self._best_rows([(query, schema)])[0]

    def _best_rows(self, queries: Sequence[tuple[str, str]]) -> list[NameMatch | None]:
        """``best`` of each query, in batches of one schema, in this process."""
        results: list[NameMatch | None] = [None] * len(queries)
        by_schema: dict[str, list[int]] = {}
        for position, (_, schema) in enumerate(queries):
            by_schema.setdefault(check_schema(schema), []).append(position)
        for schema, positions in by_schema.items():
            for start in range(0, len(positions), BATCH_ROWS):
                chunk = positions[start : start + BATCH_ROWS]
                batch = self._score([queries[p][0] for p in chunk], schema, DEFAULT_LIMIT)
                picks = _best_slots(batch)
                rows = np.flatnonzero(picks >= 0).tolist()
                found = self._explained(batch, [(r, int(picks[r])) for r in rows])
                for row, match in zip(rows, found, strict=True):
                    results[chunk[row]] = match
        return results

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
            return self._best_rows(queries)
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
    for match in screener._best_rows(queries[span[0] : span[1]]):
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


def _best_slots(batch: _Batch) -> NDArray[np.int64]:
    """Each row's best slot (-1: none scored): the highest score, then the party first in
    (list, entry id) order, then the earliest slot."""
    final = batch.final
    if final.shape[1] == 0:
        return np.full(len(final), -1, dtype=np.int64)
    top = final.max(axis=1)
    tied = (final == top[:, None]) & (final >= 0)
    rank = np.where(tied, batch.index.party_rank[batch.candidates], np.iinfo(np.int64).max)
    tied &= rank == rank.min(axis=1)[:, None]
    return np.where(top >= 0, tied.argmax(axis=1), -1)


def _ranked_slots(batch: _Batch, row: int, min_score: float) -> list[int]:
    """A row's slots holding each party's best name (ties: the first slot), best first (ties:
    the party first in (list, entry id) order), those scoring at least ``min_score``."""
    final = batch.final[row].tolist()
    ranks = batch.index.party_rank[batch.candidates[row]].tolist()
    best: dict[int, int] = {}  # party rank → slot of its best name
    for slot, score in enumerate(final):
        if score < 0:
            continue
        party = ranks[slot]
        if party not in best or score > final[best[party]]:
            best[party] = slot
    ranked = sorted(best.items(), key=lambda item: (-final[item[1]], item[0]))
    return [slot for _, slot in ranked if final[slot] >= min_score]
