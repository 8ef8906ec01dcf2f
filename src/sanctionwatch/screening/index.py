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
from collections.abc import Iterable
from dataclasses import dataclass
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


def name_terms(name: str, schema: str) -> set[str]:
    """The index terms of a name: token trigrams (whole short tokens) and Korean keys."""
    terms: set[str] = set()
    for form in name_forms(name, schema):
        for token in form.tokens:
            padded = f"_{token}_"
            if len(token) <= 2:
                terms.add(padded)
            terms.update(padded[i : i + 3] for i in range(len(padded) - 2))
        if form.korean is not None:
            terms.update(f"#{key}" for key in form.korean)
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
        found = [self._term_ids[t] for t in name_terms(query, self.schema) if t in self._term_ids]
        if not found or limit <= 0:
            return np.zeros(0, dtype=np.int64)
        scratch = self._scratch
        if not hasattr(scratch, "scores"):
            scratch.scores = np.zeros(len(self.names), dtype=np.float64)
            scratch.touched = np.zeros(len(self.names), dtype=np.int64)
        # Sorted, so the weights add up in one order whatever the string hashes.
        terms = np.array(sorted(found), dtype=np.int64)
        out = np.zeros(limit, dtype=np.int64)
        kept = top_names(
            terms,
            self._post_start,
            self._post_names,
            self._weights,
            scratch.scores,
            scratch.touched,
            limit,
            out,
        )
        return out[:kept]
