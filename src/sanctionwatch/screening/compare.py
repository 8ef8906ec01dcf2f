"""Score two names of one kind of party, in [0, 1], with the reasons in words.

The score is a logistic model over the features of ``features.py`` (weights in
``model.py``), then hard rules no weight may overrule: two Hangul names that differ
are different names (김종은 is not 김정은), vessels with different numbers are
different vessels, and more (``pair_kernel.py``, where the scoring runs compiled, says
each rule's reason). Names that read as the same Korean syllables score high however
they were romanised.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.screening import pair_kernel as kernel
from sanctionwatch.screening.encoded import FormTable
from sanctionwatch.screening.features import FEATURE_NAMES, Alignment
from sanctionwatch.screening.model import MODEL_VERSION, MODELS, model_for
from sanctionwatch.screening.normalize import NameForm, name_forms
from sanctionwatch.screening.threshold import DEFAULT_THRESHOLD

SCHEMAS = ("Person", "Organization", "Company", "LegalEntity", "Vessel")

__all__ = [
    "DEFAULT_THRESHOLD",
    "MODELS",
    "MODEL_VERSION",
    "SCHEMAS",
    "NameScore",
    "PairDetail",
    "check_schema",
    "compare_names",
    "pair_detail",
]

# The hard rules' reasons, in the order they are written.
_REASONS = (
    (kernel.SAME_WORDS, "the same words"),
    (kernel.SYLLABIC_DIFFERS, "the Hangul or Han characters differ"),
    (kernel.KOREAN_EQUAL, "same Korean syllables in another romanisation"),
    (kernel.KOREAN_NAMES_DIFFER, "both read as Korean, and the syllables differ"),
    (kernel.VESSEL_SPELLING, "vessel names are spelt differently"),
    (kernel.KOREAN_WORD_DIFFERS, "a Korean word differs"),
    (kernel.ONE_WORD, "one word against a longer name"),
    (kernel.NUMBERS_DIFFER, "the numbers differ"),
)
_ORDER_CHANGED = FEATURE_NAMES.index("order_changed")
_TRANSLITERATED = FEATURE_NAMES.index("transliterated")


@dataclass(frozen=True, slots=True)
class NameScore:
    """A pair's score, the name forms and features it rests on, and why in words."""

    score: float
    explanation: str
    name1: str
    name2: str
    features: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Scored:
    """Each candidate's best score over the form pairs, which pair, why, and its features."""

    scores: NDArray[np.float64]
    reasons: NDArray[np.int64]
    forms: NDArray[np.int64]  # (query form, candidate form) of the best pair
    vectors: NDArray[np.float64]
    chosen: NDArray[np.bool_]  # scored in full (the rest were left after the quick pre-score)

    def arrays(self) -> tuple[NDArray[Any], ...]:
        return self.scores, self.reasons, self.forms, self.vectors, self.chosen


def _empty(count: int) -> Scored:
    return Scored(
        scores=np.zeros(count, dtype=np.float64),
        reasons=np.zeros(count, dtype=np.int64),
        forms=np.zeros((count, 2), dtype=np.int64),
        vectors=np.zeros((count, len(FEATURE_NAMES)), dtype=np.float64),
        chosen=np.zeros(count, dtype=np.bool_),
    )


@dataclass(frozen=True, slots=True)
class PairDetail:
    """Everything about one form pair: for explanations and for fitting the model."""

    score: float
    vector: tuple[float, ...]
    floor: float
    cap: float
    reasons: int
    alignment: Alignment


def check_schema(schema: str) -> str:
    """``schema`` if it is one the matcher knows, else a clear error."""
    if schema not in SCHEMAS:
        raise SanctionwatchError(f"unknown schema {schema!r}: expected one of {', '.join(SCHEMAS)}")
    return schema


def _kind(schema: str) -> int:
    if schema == "Person":
        return kernel.PERSON
    return kernel.VESSEL if schema == "Vessel" else kernel.BODY


@lru_cache(maxsize=8)
def _model(schema: str) -> tuple[NDArray[np.float64], float]:
    weights, bias = model_for(schema)
    return np.array(weights, dtype=np.float64), bias


_scratch = threading.local()  # one Pair per thread, grown to the widest forms met


def _pair_scratch(a: tuple[int, ...], b: tuple[int, ...]) -> kernel.Pair:
    """This thread's scratch, grown to hold pairs of forms as wide as ``a`` and ``b``."""
    need = tuple(x + y for x, y in zip(a, b, strict=True))
    have: tuple[int, ...] | None = getattr(_scratch, "size", None)
    if have is None or any(n > h for n, h in zip(need, have, strict=True)):
        size = need if have is None else tuple(max(n, h) for n, h in zip(need, have, strict=True))
        _scratch.pair, _scratch.size = kernel.new_pair(*size), size
    pair: kernel.Pair = _scratch.pair
    return pair


def _needs(table: FormTable) -> NDArray[np.bool_]:
    """Where the scorer marks the Korean keys it needs (none: a table that has them all)."""
    return np.zeros(1 if table.korean_known else len(table.tokens), dtype=np.bool_)


def _fill(a: FormTable, need_a: NDArray[np.bool_], b: FormTable, need_b: NDArray[np.bool_]) -> bool:
    """Compute the Korean keys the scorer asked for; False when it asked for none."""
    asked = False
    for table, needed in ((a, need_a), (b, need_b)):
        if needed.any():
            table.fill_korean_keys(needed)
            needed[:] = False
            asked = True
    return asked


def score_candidates(
    query: FormTable, table: FormTable, names: NDArray[np.int64], schema: str, full: int = 0
) -> Scored:
    """Score every form of ``query``'s first name against each of ``table``'s ``names``.

    With ``full`` > 0, only the ``full`` names a quick string score ranks best (and any that
    read as the same Korean syllables) are scored in full: ``chosen`` marks them.
    """
    count = len(names)
    scored = _empty(count)
    weights, bias = _model(schema)
    need_a, need_b = _needs(query), _needs(table)
    todo = np.arange(count)
    while len(todo):
        # Scored again: the names whose scoring asked for Korean keys just computed.
        part = scored if len(todo) == count else _empty(len(todo))
        asked = np.zeros(len(todo), dtype=np.bool_)
        (query_arrays, query_widest), (table_arrays, table_widest) = query.packed, table.packed
        kernel.score_names(
            int(query.name_start[0]),
            int(query.name_start[1]),
            _kind(schema),
            bias,
            full if len(todo) == count else 0,
            *_pair_scratch(query_widest, table_widest),
            *query_arrays,
            *table_arrays,
            weights,
            need_a,
            need_b,
            table.name_start,
            names[todo],
            part.scores,
            part.reasons,
            part.forms,
            part.vectors,
            asked,
            np.zeros(len(todo), dtype=np.float64),
            part.chosen,
        )
        if part is not scored:
            for mine, theirs in zip(scored.arrays(), part.arrays(), strict=True):
                mine[todo] = theirs
        if not _fill(query, need_a, table, need_b):
            break
        todo = todo[asked]
    return scored


def detail(a: FormTable, form_a: int, b: FormTable, form_b: int, schema: str) -> PairDetail:
    """Score one form pair and read back its tokens and alignment."""
    weights, bias = _model(schema)
    need_a, need_b = _needs(a), _needs(b)
    while True:
        (a_arrays, a_widest), (b_arrays, b_widest) = a.packed, b.packed
        pair = _pair_scratch(a_widest, b_widest)
        score, reasons = kernel.score_one(
            form_a,
            form_b,
            _kind(schema),
            bias,
            *pair,
            *a_arrays,
            *b_arrays,
            weights,
            need_a,
            need_b,
        )
        if not _fill(a, need_a, b, need_b):
            break
    first = a.forms[form_a].tokens
    second = b.forms[form_b].tokens

    def text(local: int) -> str:
        return first[local] if local < len(first) else second[local - len(first)]

    na, nb, pairs = (int(n) for n in pair.counts[:3])
    tokens_a = [int(t) for t in pair.tokens_a[:na]]
    tokens_b = [int(t) for t in pair.tokens_b[:nb]]
    aligned = [
        (int(i), int(j), float(s))
        for i, j, s in zip(
            pair.pair_i[:pairs], pair.pair_j[:pairs], pair.pair_s[:pairs], strict=True
        )
    ]
    used_a = {i for i, _, _ in aligned}
    used_b = {j for _, j, _ in aligned}
    alignment = Alignment(
        pairs=tuple((text(tokens_a[i]), text(tokens_b[j]), s) for i, j, s in aligned),
        left_a=tuple(text(t) for i, t in enumerate(tokens_a) if i not in used_a),
        left_b=tuple(text(t) for j, t in enumerate(tokens_b) if j not in used_b),
    )
    return PairDetail(
        score=float(score),
        vector=tuple(float(x) for x in pair.vector),
        floor=float(pair.bounds[0]),
        cap=float(pair.bounds[1]),
        reasons=int(reasons),
        alignment=alignment,
    )


def _describe(alignment: Alignment) -> str:
    parts = [f"{x}={y}" if s == 1.0 else f"{x}~{y} ({s:.2f})" for x, y, s in alignment.pairs]
    left = alignment.left_a + alignment.left_b
    text = "aligned " + ", ".join(parts) if parts else "no tokens align"
    return text + (f"; unaligned {' '.join(left)}" if left else "")


def _words(found: PairDetail) -> str:
    """Why a form pair scores what it does: the aligned tokens, then the rules that bit."""
    if found.reasons & kernel.NO_TOKENS:
        return "a name has no comparable tokens"
    reasons = [text for bit, text in _REASONS if found.reasons & bit]
    if found.vector[_ORDER_CHANGED]:
        reasons.append("word order differs")
    if found.vector[_TRANSLITERATED]:
        reasons.append("transliterated")
    return "; ".join([_describe(found.alignment), *reasons])


def explain(a: FormTable, form_a: int, b: FormTable, form_b: int, schema: str) -> str:
    """Why a form pair scores what it does, in words."""
    return _words(detail(a, form_a, b, form_b, schema))


def pair_detail(a: NameForm, b: NameForm, schema: str) -> PairDetail:
    """One form pair scored on its own (what ``scripts/fit_name_model.py`` fits on)."""
    return detail(FormTable([(a,)]), 0, FormTable([(b,)]), 0, schema)


def _compare_tables(
    first: FormTable, second: FormTable, schema: str
) -> tuple[float, str, tuple[float, ...]]:
    if len(first.forms) == 1 and len(second.forms) == 1:  # the usual case: one kernel call
        found = detail(first, 0, second, 0, schema)
        return found.score, _words(found), found.vector
    scored = score_candidates(first, second, np.zeros(1, dtype=np.int64), schema)
    form_a, form_b = (int(f) for f in scored.forms[0])
    return (
        float(scored.scores[0]),
        explain(first, form_a, second, form_b, schema),
        tuple(float(x) for x in scored.vectors[0]),
    )


@lru_cache(maxsize=100_000)
def _name_table(name: str, schema: str) -> FormTable:
    """A name's readings encoded once, as ``name_forms`` normalises them once."""
    return FormTable([name_forms(name, schema)])


def compare_names(name1: str, name2: str, schema: str) -> NameScore:
    """Score two names as names of the same ``schema`` party (best of their readings)."""
    check_schema(schema)
    score, reasons, vector = _compare_tables(
        _name_table(name1, schema), _name_table(name2, schema), schema
    )
    explanation = f"{name1!r} vs {name2!r}: {score:.3f}; {reasons}"
    return NameScore(round(score, 4), explanation, name1, name2, vector)
