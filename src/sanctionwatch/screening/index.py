"""Candidate generation: which listed names are worth scoring against a query.

Names are indexed by the character trigrams of their tokens and by their Korean
syllable keys (so "Lee Yeong-ho" finds "RI YONG HO", which shares few letters). A query
gathers the names that share the most IDF-weighted terms with it (one ``numpy.bincount``
over the postings), keeps the best ``limit`` and only those are scored. Terms held by
more than ``COMMON_SHARE`` of all names ("kim", "ion") carry no signal and are skipped,
so a query costs its rare terms' postings, never a scan of the list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from math import log

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.screening.entries import ListedParty
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
    sorted_text: str  # the first reading's tokens, sorted and joined: for the quick pre-score


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
                forms = name_forms(name, schema)
                text = " ".join(sorted(forms[0].tokens))
                self.names.append(IndexedName(party, name, weak, forms, text))
                for term in name_terms(name, schema):
                    postings[term].append(position)
        total = max(1, len(self.names))
        cutoff = max(50, int(total * COMMON_SHARE))
        self._postings: dict[str, tuple[NDArray[np.int64], float]] = {
            term: (np.array(ids, dtype=np.int64), log(total / len(ids)))
            for term, ids in postings.items()
            if len(ids) <= cutoff
        }

    def __len__(self) -> int:
        return len(self.names)

    def candidates(self, query: str, limit: int = DEFAULT_LIMIT) -> list[IndexedName]:
        """The ``limit`` indexed names sharing the most weighted terms with ``query``."""
        if not self.names:
            return []
        found = [self._postings[t] for t in name_terms(query, self.schema) if t in self._postings]
        if not found:
            return []
        ids = np.concatenate([ids for ids, _ in found])
        weights = np.concatenate([np.full(len(ids), w) for ids, w in found])
        scores = np.bincount(ids, weights=weights, minlength=len(self.names))
        hit = np.flatnonzero(scores)
        if len(hit) > limit:
            hit = hit[np.argpartition(-scores[hit], limit)[:limit]]
        order = hit[np.lexsort((hit, -scores[hit]))]
        return [self.names[int(i)] for i in order]
