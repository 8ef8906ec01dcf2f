"""Name forms as flat arrays, the shape the compiled scorer (``pair_kernel.py``) reads.

A ``FormTable`` holds the forms of many names: each distinct token once, with what the scorer
asks of it precomputed (its characters, weight, digits or weak word, metaphone, Korean key,
nickname groups), and each form as a run of token ids plus its form-level readings (Korean
syllable key, Hangul/Han characters, transliterated, looks like a Korean personal name).
The index encodes its names once; a query encodes its own few forms per call.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain, pairwise
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray
from rigour.text.phonetics import metaphone

from sanctionwatch.screening.features import token_weight
from sanctionwatch.screening.korean import korean_key
from sanctionwatch.screening.korean_names import looks_korean
from sanctionwatch.screening.nicknames import NICKNAME_GROUPS
from sanctionwatch.screening.normalize import WEAK_TOKENS, NameForm
from sanctionwatch.screening.pair_kernel import (
    CHAR_FIELDS,
    FORM_LOOKS_KOREAN,
    FORM_TRANSLITERATED,
    HEADER,
    INT_FIELDS,
    KOREAN_UNKNOWN,
    TOKEN_DIGITS,
    TOKEN_WEAK,
)

# Korean keys are only compared for tokens longer than this (see pair_kernel's rule).
KOREAN_KEY_MIN_LENGTH = 4
_SUMMED_FORMS = 4


def _nickname_bits() -> dict[str, tuple[int, int]]:
    """Per token of the nickname table: (groups it is the full name of, groups it shortens)."""
    assert len(NICKNAME_GROUPS) < 63, "one bit per group in an int64"
    bits: dict[str, tuple[int, int]] = {}
    for group, (name, *shorts) in enumerate(NICKNAME_GROUPS):
        full, short = bits.get(name, (0, 0))
        bits[name] = (full | 1 << group, short)
        for diminutive in shorts:
            full, short = bits.get(diminutive, (0, 0))
            bits[diminutive] = (full, short | 1 << group)
    return bits


_NICKNAME_BITS = _nickname_bits()
_NO_BITS = (0, 0)


def _offsets(lengths: Iterable[int], first: int = 0) -> list[int]:
    """Where each of a run of items starts, and where the last ends."""
    return list(accumulate(lengths, initial=first))


def _starts(texts: Sequence[str]) -> list[int]:
    return _offsets([len(t) for t in texts])


def _korean_key(token: str) -> str | None:
    """The token's Korean key, when it is long enough for the rule that compares them."""
    return korean_key(token) if len(token) >= KOREAN_KEY_MIN_LENGTH else None


class Packed(NamedTuple):
    """A table's arrays as the kernels take them: ``pair_kernel.INT_FIELDS`` one after the
    other in ``ints`` behind a header of offsets, ``CHAR_FIELDS`` likewise in ``chars``."""

    ints: NDArray[np.int64]
    chars: NDArray[np.int32]
    flags: NDArray[np.int8]  # each token's, then each form's
    weights: NDArray[np.float64]  # each token's


class FormTable:
    """The forms of a sequence of names, encoded; name i's forms are ``name_start[i]:[i + 1]``.

    ``korean="eager"`` computes every long token's Korean key up front (an index, built
    once); ``"lazy"`` leaves them "not computed" until the scorer reports which it needs
    (``fill_korean_keys``): reading a token as Korean syllables costs tens of microseconds,
    and a query rarely needs any.
    """

    def __init__(self, names: Sequence[Sequence[NameForm]], korean: str = "lazy") -> None:
        token_ids: dict[str, int] = {}
        tokens: list[str] = []
        forms: list[NameForm] = []
        form_tokens: list[int] = []
        name_start = [0]
        for name in names:
            for form in name:
                for text in form.tokens:
                    found = token_ids.get(text)
                    if found is None:
                        found = token_ids[text] = len(tokens)
                        tokens.append(text)
                    form_tokens.append(found)
                forms.append(form)
            name_start.append(len(forms))
        self.tokens = tokens
        self.forms = forms
        self.name_start = np.array(name_start, dtype=np.int64)
        self.korean_known = korean == "eager"  # every key computed: none to ask for
        self._filling = threading.Lock()
        metaphones = [metaphone(t) for t in tokens]
        nicknames = [_NICKNAME_BITS.get(t, _NO_BITS) for t in tokens]
        syllables = [s for f in forms for s in (f.korean or ())]
        sorted_texts = [" ".join(sorted(f.tokens)) for f in forms]
        form_start = _offsets([len(f.tokens) for f in forms])
        self._ints: dict[str, list[int]] = {
            "token_start": _starts(tokens),
            "metaphone_start": _starts(metaphones),
            "nickname_full": [full for full, _ in nicknames],
            "nickname_short": [short for _, short in nicknames],
            "form_start": form_start,
            "form_tokens": form_tokens,
            "syllable_start": _offsets([len(f.korean or ()) for f in forms]),
            "syllable_count": [-1 if f.korean is None else len(f.korean) for f in forms],
            "syllable_chars_start": _starts(syllables),
            "syllabic_start": _starts([f.syllabic or "" for f in forms]),
            "syllabic_length": [-1 if f.syllabic is None else len(f.syllabic) for f in forms],
            "sorted_start": _starts(sorted_texts),
        }
        self._texts: dict[str, str] = {
            "chars": "".join(tokens),
            "metaphone_chars": "".join(metaphones),
            "syllable_chars": "".join(syllables),
            "syllabic_chars": "".join(f.syllabic or "" for f in forms),
            "sorted_chars": "".join(sorted_texts),
        }
        self._set_keys(
            [_korean_key(t) for t in tokens] if self.korean_known else [None] * len(tokens)
        )
        if not self.korean_known:
            self._ints["korean_length"] = [KOREAN_UNKNOWN] * len(tokens)
        self._flags = np.array(
            [
                (TOKEN_DIGITS if t.isdigit() else 0) | (TOKEN_WEAK if t in WEAK_TOKENS else 0)
                for t in tokens
            ]
            + [
                (FORM_TRANSLITERATED if f.transliterated else 0)
                | (FORM_LOOKS_KOREAN if looks_korean(f.korean) else 0)
                for f in forms
            ],
            dtype=np.int8,
        )
        self._weights = np.array([token_weight(t) for t in tokens], dtype=np.float64)
        self._pack()

    def _set_keys(self, keys: Sequence[str | None]) -> None:
        texts = [k or "" for k in keys]
        self._ints["korean_start"] = _starts(texts)
        self._ints["korean_length"] = [-1 if k is None else len(k) for k in keys]
        self._texts["korean_chars"] = "".join(texts)

    def _pack(self) -> None:
        ints = [self._ints[name] for name in INT_FIELDS]
        texts = [self._texts[name] for name in CHAR_FIELDS]
        header = [
            *_offsets([len(values) for values in ints], HEADER),
            *_offsets([len(text) for text in texts]),
            len(self.tokens),
        ]
        arrays = Packed(
            ints=np.fromiter(chain(header, *ints), dtype=np.int64),
            chars=np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.int32),
            flags=self._flags,
            weights=self._weights,
        )
        # One assignment: a reader (another thread, the kernels run without the GIL) gets
        # arrays and the sizes they need together, never new arrays with old sizes.
        self.packed = (arrays, self._widest())

    @property
    def arrays(self) -> Packed:
        return self.packed[0]

    def _widest(self) -> tuple[int, int, int, int]:
        """At least the most tokens, characters, metaphone and Korean key characters of one
        form: what a pair's scratch must hold. A few forms are summed (cheaper than exact)."""
        form_tokens, form_start = self._ints["form_tokens"], self._ints["form_start"]
        token_start, meta_start = self._ints["token_start"], self._ints["metaphone_start"]
        if len(self.forms) <= _SUMMED_FORMS:  # a token may recur: count every position
            chars = [b - a for a, b in pairwise(token_start)]
            meta = [b - a for a, b in pairwise(meta_start)]
            keys = [max(0, n) for n in self._ints["korean_length"]]
            return (
                len(form_tokens),
                sum(chars[t] for t in form_tokens),
                sum(meta[t] for t in form_tokens),
                sum(keys[t] for t in form_tokens),
            )
        # Many forms (an index, a batch of queries): per-token sizes summed per form at once.
        per_token = np.array(
            [
                np.diff(token_start),
                np.diff(meta_start),
                np.maximum(self._ints["korean_length"], 0),
            ],
            dtype=np.int64,
        )
        running = np.zeros((3, len(form_tokens) + 1), dtype=np.int64)
        np.cumsum(per_token[:, form_tokens], axis=1, out=running[:, 1:])
        starts = np.array(form_start, dtype=np.int64)
        per_form = running[:, starts[1:]] - running[:, starts[:-1]]
        most_chars, most_meta, most_keys = (int(x) for x in per_form.max(axis=1, initial=0))
        return int(np.diff(starts).max(initial=0)), most_chars, most_meta, most_keys

    def fill_korean_keys(self, needed: NDArray[np.bool_]) -> None:
        """Compute the Korean keys of the tokens marked in ``needed`` (the rest stay unknown)."""
        with self._filling:  # one thread at a time edits the lists ``_pack`` reads
            self._fill_korean_keys(needed)

    def _fill_korean_keys(self, needed: NDArray[np.bool_]) -> None:
        known = [
            bool(needed[t]) or n != KOREAN_UNKNOWN
            for t, n in enumerate(self._ints["korean_length"])
        ]
        keys = [
            _korean_key(text) if is_known else None
            for text, is_known in zip(self.tokens, known, strict=True)
        ]
        self._set_keys(keys)
        lengths = self._ints["korean_length"]
        for token, is_known in enumerate(known):
            if not is_known:
                lengths[token] = KOREAN_UNKNOWN
        self._pack()
