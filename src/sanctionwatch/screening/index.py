"""Candidate generation: which listed names are worth scoring against a query.

Names are indexed by the character trigrams of their tokens and by their Korean
syllable keys (so "Lee Yeong-ho" finds "RI YONG HO", which shares few letters). A query
gathers the names that share the most IDF-weighted terms with it (``index_kernel.py``
adds up the postings), keeps the best ``limit`` and only those are scored. Terms held by
more than ``COMMON_SHARE`` of all names ("kim", "ion") carry no signal and are skipped,
so a query costs its rare terms' postings, never a scan of the list.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from math import log

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.screening.encoded import FormTable
from sanctionwatch.screening.entries import ListedParty
from sanctionwatch.screening.index_kernel import top_names
from sanctionwatch.screening.normalize import ORGANISATION_SCHEMAS, NameForm, name_forms

COMMON_SHARE = 0.05
DEFAULT_LIMIT = 30


def index_schema(schema: str) -> str:
    """The index a schema is screened in: people, bodies or vessels."""
    if schema == "Person":
        return "Person"
    if schema == "Vessel":
        return "Vessel"
    return "Organization" if schema in ORGANISATION_SCHEMAS else schema


@dataclass(frozen=True, slots=True)
class IndexedName:
    """A listed name with its readings, normalised once when the index is built."""

    party: ListedParty
    name: str
    weak: bool
    forms: tuple[NameForm, ...]


def token_terms(token: str) -> list[str]:
    """A token's index terms: its trigrams, padded at both ends (and itself when short)."""
    padded = f"_{token}_"
    trigrams = [padded[i : i + 3] for i in range(len(padded) - 2)]
    return [padded, *trigrams] if len(token) <= 2 else trigrams


def korean_terms(form: NameForm) -> list[str]:
    """A form's Korean syllable key as index terms (none when it does not read as Korean)."""
    return [f"#{key}" for key in form.korean] if form.korean is not None else []


def name_terms(name: str, schema: str) -> set[str]:
    """The index terms of a name: token trigrams (whole short tokens) and Korean keys."""
    terms: set[str] = set()
    for form in name_forms(name, schema):
        for token in form.tokens:
            terms.update(token_terms(token))
        terms.update(korean_terms(form))
    return terms


class NameIndex:
    """An in-memory inverted index over the names of listed parties of one index schema."""

    def __init__(self, schema: str, parties: Iterable[ListedParty]) -> None:
        self.schema = schema
        self.names: list[IndexedName] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for party in parties:
            if index_schema(party.schema) != schema:
                continue
            for name, weak in [(n, False) for n in party.names] + [
                (n, True) for n in party.weak_names
            ]:
                position = len(self.names)
                self.names.append(IndexedName(party, name, weak, name_forms(name, schema)))
                for term in name_terms(name, schema):
                    postings[term].append(position)
        # For picking a query's best: each name's party in (list, entry id) order, and weak.
        keys = sorted({(n.party.list, n.party.entry_id) for n in self.names})
        rank = {key: r for r, key in enumerate(keys)}
        self.party_rank = np.array(
            [rank[(n.party.list, n.party.entry_id)] for n in self.names], dtype=np.int64
        )
        self.weak = np.array([n.weak for n in self.names], dtype=np.bool_)
        total = max(1, len(self.names))
        cutoff = max(50, int(total * COMMON_SHARE))
        kept = sorted(term for term, ids in postings.items() if len(ids) <= cutoff)
        # Postings as one array (term t's names: post_names[post_start[t]:post_start[t + 1]]).
        self._term_ids = {term: t for t, term in enumerate(kept)}
        self._post_start = np.zeros(len(kept) + 1, dtype=np.int64)
        np.cumsum([len(postings[term]) for term in kept], out=self._post_start[1:])
        self._post_names = np.array(
            [name for term in kept for name in postings[term]], dtype=np.int64
        )
        # Smoothed IDF: a term every name has still counts (a one-vessel list finds its vessel).
        self._weights = np.array([log(1 + total / len(postings[term])) for term in kept])
        self._scratch = threading.local()  # per thread: scores (zeros at rest), touched names
        # The names' forms encoded for the compiled scorer, name i as ``self.names[i]``.
        self.table = FormTable([n.forms for n in self.names], korean="eager")

    def __len__(self) -> int:
        return len(self.names)

    def candidates(self, query: str, limit: int = DEFAULT_LIMIT) -> list[IndexedName]:
        """The ``limit`` indexed names sharing the most weighted terms with ``query``."""
        return [self.names[int(i)] for i in self.candidate_ids(query, limit)]

    def candidate_ids(self, query: str, limit: int = DEFAULT_LIMIT) -> NDArray[np.int64]:
        """Positions in ``names`` of the ``candidates``, best first (ties: earlier first)."""
        found, counts = self.candidate_rows([name_forms(query, self.schema)], limit)
        return found[0, : counts[0]]

    def candidate_rows(
        self, queries: Sequence[tuple[NameForm, ...]], limit: int = DEFAULT_LIMIT
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """``candidate_ids`` of many queries (each given by its forms under this index's
        schema) at once: row q holds query q's, its first ``counts[q]`` slots filled."""
        found = np.zeros((len(queries), max(limit, 0)), dtype=np.int64)
        counts = np.zeros(len(queries), dtype=np.int64)
        if limit <= 0 or not queries:
            return found, counts
        term_ids = self._term_ids
        of_token: dict[str, list[int]] = {}  # tokens recur across a batch: looked up once
        rows: list[list[int]] = []
        for forms in queries:
            ids: set[int] = set()
            for form in forms:
                for token in form.tokens:
                    known = of_token.get(token)
                    if known is None:
                        known = of_token[token] = [
                            term_ids[t] for t in token_terms(token) if t in term_ids
                        ]
                    ids.update(known)
                ids.update(term_ids[t] for t in korean_terms(form) if t in term_ids)
            rows.append(sorted(ids))  # sorted: weights add up in one order, whatever the hashes
        term_start = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum([len(r) for r in rows], out=term_start[1:])
        terms = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(term_start[-1]))
        scratch = self._scratch
        if not hasattr(scratch, "scores"):
            scratch.scores = np.zeros(len(self.names), dtype=np.float64)
            scratch.touched = np.zeros(len(self.names), dtype=np.int64)
        top_names(
            term_start,
            terms,
            self._post_start,
            self._post_names,
            self._weights,
            scratch.scores,
            scratch.touched,
            found,
            counts,
        )
        return found, counts
