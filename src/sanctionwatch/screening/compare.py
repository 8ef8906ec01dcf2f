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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

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
    "Scored",
    "check_schema",
    "compare_many",
    "compare_names",
    "details",
    "explanations",
    "pair_detail",
    "score_candidates",
    "score_rows",
    "words",
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
    """Per row and candidate slot: the best score over the form pairs, which pair, why, and
    its features (or the same for one row, each array without its first axis)."""

    scores: NDArray[np.float64]
    reasons: NDArray[np.int64]
    forms: NDArray[np.int64]  # (query form, candidate form) of the best pair
    vectors: NDArray[np.float64]
    chosen: NDArray[np.bool_]  # scored in full (the rest were left after the quick pre-score)

    def row(self, r: int) -> Scored:
        return Scored(
            self.scores[r], self.reasons[r], self.forms[r], self.vectors[r], self.chosen[r]
        )


def _empty(rows: int, slots: int) -> Scored:
    return Scored(
        scores=np.zeros((rows, slots), dtype=np.float64),
        reasons=np.zeros((rows, slots), dtype=np.int64),
        forms=np.zeros((rows, slots, 2), dtype=np.int64),
        vectors=np.zeros((rows, slots, len(FEATURE_NAMES)), dtype=np.float64),
        chosen=np.zeros((rows, slots), dtype=np.bool_),
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


def score_rows(
    query: FormTable,
    rows: NDArray[np.int64],
    table: FormTable,
    candidates: NDArray[np.int64],
    counts: NDArray[np.int64],
    schema: str,
    full: int = 0,
) -> Scored:
    """Row r: every form of ``query``'s name ``rows[r]`` against each of ``table``'s names
    ``candidates[r, :counts[r]]``, in one compiled call for all rows.

    With ``full`` > 0, only the ``full`` names a quick string score ranks best in a row (and
    any that read as the same Korean syllables) are scored in full: ``chosen`` marks them.
    """
    scored = _empty(*candidates.shape)
    weights, bias = _model(schema)
    need_a, need_b = _needs(query), _needs(table)
    asked = np.zeros(candidates.shape, dtype=np.bool_)
    quick = np.zeros(candidates.shape[1], dtype=np.float64)
    first_pass = True
    while True:
        (query_arrays, query_widest), (table_arrays, table_widest) = query.packed, table.packed
        kernel.score_rows(
            _kind(schema),
            bias,
            full,
            first_pass,
            *_pair_scratch(query_widest, table_widest),
            *query_arrays,
            *table_arrays,
            weights,
            need_a,
            need_b,
            query.name_start,
            rows,
            table.name_start,
            candidates,
            counts,
            scored.scores,
            scored.reasons,
            scored.forms,
            scored.vectors,
            asked,
            quick,
            scored.chosen,
        )
        # Passes after the first rescore only the slots that asked for the keys just computed.
        if not _fill(query, need_a, table, need_b):
            return scored
        first_pass = False


def score_candidates(
    query: FormTable, table: FormTable, names: NDArray[np.int64], schema: str, full: int = 0
) -> Scored:
    """Every form of ``query``'s first name against each of ``table``'s ``names``."""
    return score_rows(
        query,
        np.zeros(1, dtype=np.int64),
        table,
        np.ascontiguousarray(names, dtype=np.int64).reshape(1, -1),
        np.array([len(names)], dtype=np.int64),
        schema,
        full,
    ).row(0)


def _run_details(a: FormTable, b: FormTable, pairs: NDArray[np.int64], schema: str) -> _DetailOut:
    """``pair_kernel.detail_pairs`` over ``pairs``; the token columns cut to those filled."""
    weights, bias = _model(schema)
    need_a, need_b = _needs(a), _needs(b)
    count = len(pairs)
    while True:
        (a_arrays, a_widest), (b_arrays, b_widest) = a.packed, b.packed
        scratch = _pair_scratch(a_widest, b_widest)
        width = len(scratch.tokens_a)
        out = _DetailOut(
            scores=np.zeros(count, dtype=np.float64),
            reasons=np.zeros(count, dtype=np.int64),
            vectors=np.zeros((count, len(FEATURE_NAMES)), dtype=np.float64),
            bounds=np.zeros((count, 2), dtype=np.float64),
            counts=np.zeros((count, 3), dtype=np.int64),
            tokens_a=np.zeros((count, width), dtype=np.int64),
            tokens_b=np.zeros((count, width), dtype=np.int64),
            pair_i=np.zeros((count, width), dtype=np.int64),
            pair_j=np.zeros((count, width), dtype=np.int64),
            pair_s=np.zeros((count, width), dtype=np.float64),
            asked=np.zeros(count, dtype=np.bool_),
        )
        kernel.detail_pairs(
            _kind(schema),
            bias,
            *scratch,
            *a_arrays,
            *b_arrays,
            weights,
            need_a,
            need_b,
            pairs,
            *out,
        )
        if not _fill(a, need_a, b, need_b):
            break
    # The scratch is as wide as the widest forms of either table: keep the columns used.
    used = int(out.counts[:, :2].max(initial=0))
    return out._replace(**{name: getattr(out, name)[:, :used] for name in _TOKEN_COLUMNS})


def details(a: FormTable, b: FormTable, pairs: NDArray[np.int64], schema: str) -> list[PairDetail]:
    """Score each (``a`` form, ``b`` form) pair of ``pairs`` and read back its tokens and
    alignment, in one compiled call."""
    out = _run_details(a, b, pairs, schema)
    found = []
    for (fa, fb), score, reasons, vector, bounds, *alignment in zip(
        pairs.tolist(), *(column.tolist() for column in out[:-1]), strict=True
    ):
        pairs_text, left_a, left_b = _aligned(a.forms[fa].tokens, b.forms[fb].tokens, *alignment)
        found.append(
            PairDetail(
                score=score,
                vector=tuple(vector),
                floor=bounds[0],
                cap=bounds[1],
                reasons=reasons,
                alignment=Alignment(tuple(pairs_text), tuple(left_a), tuple(left_b)),
            )
        )
    return found


def explanations(a: FormTable, b: FormTable, pairs: NDArray[np.int64], schema: str) -> list[str]:
    """``words`` of each pair's detail, read straight from the compiled call's arrays (no
    ``PairDetail`` built: what screening a batch explains its picks with)."""
    out = _run_details(a, b, pairs, schema)
    texts = []
    for (fa, fb), reasons, order_changed, transliterated, *alignment in zip(
        pairs.tolist(),
        out.reasons.tolist(),
        out.vectors[:, _ORDER_CHANGED].tolist(),
        out.vectors[:, _TRANSLITERATED].tolist(),
        *(getattr(out, name).tolist() for name in _ALIGNMENT_COLUMNS),
        strict=True,
    ):
        if reasons & kernel.NO_TOKENS:
            texts.append(_NO_TOKENS)
            continue
        pairs_text, left_a, left_b = _aligned(a.forms[fa].tokens, b.forms[fb].tokens, *alignment)
        texts.append(
            _phrase(reasons, bool(order_changed), bool(transliterated), pairs_text, left_a + left_b)
        )
    return texts


class _DetailOut(NamedTuple):
    """``pair_kernel.detail_pairs``'s outputs, one row per pair."""

    scores: NDArray[np.float64]
    reasons: NDArray[np.int64]
    vectors: NDArray[np.float64]
    bounds: NDArray[np.float64]
    counts: NDArray[np.int64]
    tokens_a: NDArray[np.int64]
    tokens_b: NDArray[np.int64]
    pair_i: NDArray[np.int64]
    pair_j: NDArray[np.int64]
    pair_s: NDArray[np.float64]
    asked: NDArray[np.bool_]


_TOKEN_COLUMNS = ("tokens_a", "tokens_b", "pair_i", "pair_j", "pair_s")
_ALIGNMENT_COLUMNS = ("counts", *_TOKEN_COLUMNS)


def _aligned(
    first: tuple[str, ...],
    second: tuple[str, ...],
    counts: list[int],
    tokens_a: list[int],
    tokens_b: list[int],
    pair_i: list[int],
    pair_j: list[int],
    pair_s: list[float],
) -> tuple[list[tuple[str, str, float]], list[str], list[str]]:
    """A pair's alignment from ``detail_pairs``'s row, local token ids read back as words:
    the aligned pairs, then each side's words left unaligned."""
    texts = first + second  # local ids: a's form's tokens, then b's (merged words: either's)
    na, nb, aligned = counts
    local_a, local_b = tokens_a[:na], tokens_b[:nb]
    used_a, used_b = set(pair_i[:aligned]), set(pair_j[:aligned])
    pairs = [
        (texts[local_a[i]], texts[local_b[j]], s)
        for i, j, s in zip(pair_i[:aligned], pair_j[:aligned], pair_s[:aligned], strict=True)
    ]
    left_a = [texts[t] for i, t in enumerate(local_a) if i not in used_a]
    left_b = [texts[t] for j, t in enumerate(local_b) if j not in used_b]
    return pairs, left_a, left_b


def detail(a: FormTable, form_a: int, b: FormTable, form_b: int, schema: str) -> PairDetail:
    """Score one form pair and read back its tokens and alignment."""
    return details(a, b, np.array([[form_a, form_b]], dtype=np.int64), schema)[0]


_NO_TOKENS = "a name has no comparable tokens"


def _phrase(
    reasons: int,
    order_changed: bool,
    transliterated: bool,
    pairs: Sequence[tuple[str, str, float]],
    left: Sequence[str],
) -> str:
    """The aligned words, the words left over, then the rules that bit."""
    parts = [f"{x}={y}" if s == 1.0 else f"{x}~{y} ({s:.2f})" for x, y, s in pairs]
    text = "aligned " + ", ".join(parts) if parts else "no tokens align"
    if left:
        text += f"; unaligned {' '.join(left)}"
    said = [text, *(words for bit, words in _REASONS if reasons & bit)]
    if order_changed:
        said.append("word order differs")
    if transliterated:
        said.append("transliterated")
    return "; ".join(said)


def words(found: PairDetail) -> str:
    """Why a form pair scores what it does: the aligned tokens, then the rules that bit."""
    if found.reasons & kernel.NO_TOKENS:
        return _NO_TOKENS
    alignment = found.alignment
    return _phrase(
        found.reasons,
        bool(found.vector[_ORDER_CHANGED]),
        bool(found.vector[_TRANSLITERATED]),
        alignment.pairs,
        alignment.left_a + alignment.left_b,
    )


def explain(a: FormTable, form_a: int, b: FormTable, form_b: int, schema: str) -> str:
    """Why a form pair scores what it does, in words."""
    return words(detail(a, form_a, b, form_b, schema))


def pair_detail(a: NameForm, b: NameForm, schema: str) -> PairDetail:
    """One form pair scored on its own (what ``scripts/fit_name_model.py`` fits on)."""
    return detail(FormTable([(a,)]), 0, FormTable([(b,)]), 0, schema)


def _compare_tables(
    first: FormTable, second: FormTable, schema: str
) -> tuple[float, str, tuple[float, ...]]:
    if len(first.forms) == 1 and len(second.forms) == 1:  # the usual case: one kernel call
        found = detail(first, 0, second, 0, schema)
        return found.score, words(found), found.vector
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


def compare_many(pairs: Sequence[tuple[str, str, str]]) -> list[NameScore]:
    """``compare_names`` of each ``(name1, name2, schema)``, in order: the pairs of a schema
    scored in one compiled call over one table of their distinct names."""
    results: list[NameScore | None] = [None] * len(pairs)
    by_schema: dict[str, list[int]] = {}
    for position, (_, _, schema) in enumerate(pairs):
        by_schema.setdefault(check_schema(schema), []).append(position)
    for schema, positions in by_schema.items():
        names: dict[str, int] = {}
        for position in positions:
            for name in pairs[position][:2]:
                names.setdefault(name, len(names))
        table = FormTable([name_forms(name, schema) for name in names])
        firsts = np.array([names[pairs[p][0]] for p in positions], dtype=np.int64)
        seconds = np.array([[names[pairs[p][1]]] for p in positions], dtype=np.int64)
        counts = np.ones(len(positions), dtype=np.int64)
        scored = score_rows(table, firsts, table, seconds, counts, schema)
        found = details(table, table, np.ascontiguousarray(scored.forms[:, 0]), schema)
        for position, score, vector, detail in zip(
            positions,
            scored.scores[:, 0].tolist(),
            scored.vectors[:, 0].tolist(),
            found,
            strict=True,
        ):
            name1, name2, _ = pairs[position]
            explanation = f"{name1!r} vs {name2!r}: {score:.3f}; {words(detail)}"
            results[position] = NameScore(round(score, 4), explanation, name1, name2, tuple(vector))
    return [r for r in results if r is not None]
