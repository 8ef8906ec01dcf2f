"""Score two names of one kind of party, in [0, 1], with the reasons in words.

The score is a logistic model over the features of ``features.py`` (weights in
``model.py``), then two hard rules no weight may overrule: two Hangul names that differ
are different names (김종은 is not 김정은), and vessels with different numbers are
different vessels. Names that read as the same Korean syllables score high however
they were romanised.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import exp

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.screening.features import FEATURE_NAMES, Alignment, features
from sanctionwatch.screening.korean import korean_key
from sanctionwatch.screening.korean_names import looks_korean
from sanctionwatch.screening.model import MODEL_VERSION, MODELS, model_for
from sanctionwatch.screening.normalize import NameForm, name_forms
from sanctionwatch.screening.threshold import DEFAULT_THRESHOLD

KOREAN_EQUAL_SCORE = 0.95
SYLLABIC_DIFFERS_CAP = 0.3
NUMBERS_DIFFER_CAP = 0.3
VESSEL_SPELLING_CAP = 0.45
ONE_WORD_CAP = 0.45
KOREAN_DIFFERS_CAP = 0.4
SCHEMAS = ("Person", "Organization", "Company", "LegalEntity", "Vessel")

__all__ = [
    "DEFAULT_THRESHOLD",
    "MODELS",
    "MODEL_VERSION",
    "SCHEMAS",
    "NameScore",
    "check_schema",
    "compare_forms",
    "compare_names",
    "rules",
]


@dataclass(frozen=True, slots=True)
class NameScore:
    """A pair's score, the name forms and features it rests on, and why in words."""

    score: float
    explanation: str
    name1: str
    name2: str
    features: tuple[float, ...]


def check_schema(schema: str) -> str:
    """``schema`` if it is one the matcher knows, else a clear error."""
    if schema not in SCHEMAS:
        raise SanctionwatchError(f"unknown schema {schema!r}: expected one of {', '.join(SCHEMAS)}")
    return schema


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + exp(-z))


def _syllabic_differs(a: NameForm, b: NameForm) -> bool:
    """Both names written in Hangul or Han characters, and not the same characters.

    In a syllabic script one character is one syllable of the name: 김종은 and 김정은,
    习近平 and 习近朋, are different names, whatever their romanisations share.
    """
    return a.syllabic is not None and b.syllabic is not None and a.syllabic != b.syllabic


def _describe(alignment: Alignment) -> str:
    parts = [f"{x}={y}" if s == 1.0 else f"{x}~{y} ({s:.2f})" for x, y, s in alignment.pairs]
    left = alignment.left_a + alignment.left_b
    text = "aligned " + ", ".join(parts) if parts else "no tokens align"
    return text + (f"; unaligned {' '.join(left)}" if left else "")


def _korean_words_differ(alignment: Alignment) -> bool:
    """An aligned pair of different words that both read as Korean, to different keys."""
    for x, y, similarity in alignment.pairs:
        if similarity < 1.0 and len(x) > 3 and len(y) > 3:
            key_x, key_y = korean_key(x), korean_key(y)
            if key_x is not None and key_y is not None and key_x != key_y:
                return True
    return False


def rules(
    a: NameForm, b: NameForm, schema: str, vector: tuple[float, ...], alignment: Alignment
) -> tuple[float, float, list[str]]:
    """The floor and cap the hard rules put on a pair's score, and the reasons."""
    named = dict(zip(FEATURE_NAMES, vector, strict=True))
    floor, cap, reasons = 0.0, 1.0, []
    if _syllabic_differs(a, b):
        cap = SYLLABIC_DIFFERS_CAP
        reasons.append("the Hangul or Han characters differ")
    elif named["korean_equal"]:
        floor = KOREAN_EQUAL_SCORE
        reasons.append("same Korean syllables in another romanisation")
    elif schema == "Person" and looks_korean(a.korean) and looks_korean(b.korean):
        # Korean given names are two syllables from a small stock: one syllable changed
        # (Kim Jong Sik, Kim Jong Sok) or swapped (Kim Chol Nam, Kim Nam Chol) is someone else.
        cap = KOREAN_DIFFERS_CAP
        reasons.append("both read as Korean, and the syllables differ")
    if (
        schema == "Vessel"
        and named["edited_pairs"]
        and not named["korean_equal"]
        and (named["short_tokens"] < 2 or not named["one_typo"])
    ):
        # Ship names are short and shared by many hulls: AMINA is not TAMINA. One typo in
        # a longer name (SNOW STOM 1) is still the same name.
        cap = min(cap, VESSEL_SPELLING_CAP)
        reasons.append("vessel names are spelt differently")
    if schema != "Person" and not named["korean_equal"] and _korean_words_differ(alignment):
        # Korean words in bodies' and ships' names: YONGJIN is not PYONGJIN, DAEDONG is
        # not DAESONG, however close the letters.
        cap = min(cap, KOREAN_DIFFERS_CAP)
        reasons.append("a Korean word differs")
    if named["short_tokens"] == 1 and named["unmatched_long"] >= 1 and not named["korean_equal"]:
        # One word against a fuller name: "PUTIN" is a family, not a person; "Z" is a letter.
        cap = min(cap, ONE_WORD_CAP)
        reasons.append("one word against a longer name")
    if named["numbers_differ"] and schema != "Person":
        # SAM JONG 1 and SAM JONG 2 are sister ships; Fund VIII and Fund IX sister funds.
        cap = min(cap, NUMBERS_DIFFER_CAP)
        reasons.append("the numbers differ")
    return floor, cap, reasons


def _score_forms(a: NameForm, b: NameForm, schema: str) -> tuple[float, str, tuple[float, ...]]:
    if not a.tokens or not b.tokens:
        return 0.0, "a name has no comparable tokens", (0.0,) * len(FEATURE_NAMES)
    vector, alignment = features(a, b)
    weights, bias = model_for(schema)
    score = _sigmoid(bias + sum(w * f for w, f in zip(weights, vector, strict=True)))
    floor, cap, reasons = rules(a, b, schema, vector, alignment)
    score = min(max(score, floor), cap)
    named = dict(zip(FEATURE_NAMES, vector, strict=True))
    if named["order_changed"]:
        reasons.append("word order differs")
    if named["transliterated"]:
        reasons.append("transliterated")
    return score, "; ".join([_describe(alignment), *reasons]), vector


def compare_forms(
    forms1: tuple[NameForm, ...], forms2: tuple[NameForm, ...], schema: str
) -> tuple[float, str, tuple[float, ...]]:
    """The best score over two names' readings, its reasons and its feature vector."""
    best: tuple[float, str, tuple[float, ...]] | None = None
    for a in forms1:
        for b in forms2:
            scored = _score_forms(a, b, schema)
            if best is None or scored[0] > best[0]:
                best = scored
    assert best is not None  # name_forms always yields at least one form
    return best


def compare_names(name1: str, name2: str, schema: str) -> NameScore:
    """Score two names as names of the same ``schema`` party (best of their readings)."""
    check_schema(schema)
    score, reasons, vector = compare_forms(
        name_forms(name1, schema), name_forms(name2, schema), schema
    )
    explanation = f"{name1!r} vs {name2!r}: {score:.3f}; {reasons}"
    return NameScore(round(score, 4), explanation, name1, name2, vector)
