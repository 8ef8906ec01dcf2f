"""The compiled scorer's string measures against rapidfuzz, and its lazy Korean keys."""

from __future__ import annotations

import random

import numba
import numpy as np
import pytest
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from sanctionwatch.screening import pair_kernel
from sanctionwatch.screening.compare import compare_names, score_candidates
from sanctionwatch.screening.encoded import FormTable
from sanctionwatch.screening.normalize import name_forms

ALPHABETS = {
    "ascii": "abcdefgh ",
    "wide": "abcdéfghü한",  # non-ASCII characters take the row-by-row path
}


@numba.njit(cache=False)
def _distance(x: np.ndarray, y: np.ndarray, row: np.ndarray, peq: np.ndarray) -> int:
    return pair_kernel._levenshtein(x, 0, len(x), y, 0, len(y), row, peq)


@numba.njit(cache=False)
def _indel(x: np.ndarray, y: np.ndarray, scratch: pair_kernel.Pair) -> float:
    return pair_kernel._indel_similarity(x, 0, len(x), y, 0, len(y), scratch)


def _codes(text: str) -> np.ndarray:
    return np.array([ord(c) for c in text], dtype=np.int32)


def _strings(alphabet: str, count: int, longest: int) -> list[tuple[str, str]]:
    rng = random.Random(f"{alphabet}{longest}")
    return [
        (
            "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))),
            "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))),
        )
        for _ in range(count)
    ]


@pytest.mark.parametrize("alphabet", sorted(ALPHABETS))
@pytest.mark.parametrize("longest", [12, 90])  # 90: patterns past one 64-bit word
def test_levenshtein_agrees_with_rapidfuzz(alphabet: str, longest: int) -> None:
    row = np.zeros(200, dtype=np.int64)
    peq = np.zeros(128, dtype=np.uint64)
    for x, y in _strings(ALPHABETS[alphabet], 300, longest):
        assert _distance(_codes(x), _codes(y), row, peq) == Levenshtein.distance(x, y), (x, y)
    assert not peq.any()  # left as found


@pytest.mark.parametrize("alphabet", sorted(ALPHABETS))
@pytest.mark.parametrize("longest", [12, 90])
def test_indel_similarity_is_fuzz_ratio(alphabet: str, longest: int) -> None:
    scratch = pair_kernel.new_pair(4, 200, 8, 8)
    for x, y in _strings(ALPHABETS[alphabet], 300, longest):
        expected = fuzz.ratio(x, y) / 100 if x or y else 1.0
        assert _indel(_codes(x), _codes(y), scratch) == pytest.approx(expected, abs=1e-12), (x, y)


def test_korean_keys_computed_when_needed_score_as_if_known() -> None:
    """A query's keys start unknown; the scorer asks for those it needs, then rescores."""
    names = ["PYONGJIN TRADING", "YONGJIN TRADING CO", "DAEDONG BANK", "DAESONG BANK", "SUNSHINE"]
    schema = "Organization"
    listed = FormTable([name_forms(n, schema) for n in names], korean="eager")
    everything = np.arange(len(names), dtype=np.int64)
    for query in ("YONGJIN TRADING", "DAESONG BANK LTD", "SUNSHINES"):
        lazy = FormTable([name_forms(query, schema)])
        eager = FormTable([name_forms(query, schema)], korean="eager")
        found = score_candidates(lazy, listed, everything, schema)
        known = score_candidates(eager, listed, everything, schema)
        assert found.scores.tolist() == known.scores.tolist(), query
        assert found.reasons.tolist() == known.reasons.tolist(), query
    # The rule the keys serve: Korean words that differ cap the score.
    assert compare_names("YONGJIN TRADING", "PYONGJIN TRADING", schema).score <= 0.4


def test_packed_table_reads_back() -> None:
    forms = name_forms("Ri Yong Ho", "Person") + name_forms("리영호", "Person")
    table = FormTable([forms], korean="eager")
    view = pair_kernel._forms(*table.arrays)  # a helper runs as plain Python too
    assert len(view.token_weight) == len(table.tokens)
    for f, form in enumerate(table.forms):
        ids = view.form_tokens[view.form_start[f] : view.form_start[f + 1]]
        texts = [
            "".join(chr(c) for c in view.chars[view.token_start[t] : view.token_start[t + 1]])
            for t in ids
        ]
        assert texts == list(form.tokens)
        start, end = view.sorted_start[f], view.sorted_start[f + 1]
        assert "".join(chr(c) for c in view.sorted_chars[start:end]) == " ".join(
            sorted(form.tokens)
        )
        assert view.syllable_count[f] == (-1 if form.korean is None else len(form.korean))
