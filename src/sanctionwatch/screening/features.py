"""What two names have in common, as numbers: token alignment and its features.

Tokens are aligned greedily by similarity (best pair first, each token used once), so
word order does not matter to the alignment; whether the order was kept is a feature
of its own. Numbers compare strictly: "SAM JONG 1" is not "SAM JONG 2".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from math import sqrt

from rapidfuzz.distance import OSA, Levenshtein
from rigour.text.phonetics import metaphone

from sanctionwatch.screening.nicknames import are_nicknames
from sanctionwatch.screening.normalize import WEAK_TOKENS, NameForm

# Token pairs at or below this similarity are not aligned (John ~ Juan is two names).
MIN_ALIGNED = 0.5

FEATURE_NAMES = (
    "cover_both",  # share of both names' token weight that aligns, by similarity
    "cover_short",  # the same, over the lighter name only
    "weakest",  # similarity of the worst-aligned strong token pair
    "unmatched_long",  # strong tokens of the heavier name left unaligned (≤ 3)
    "unmatched_short",  # strong tokens of the lighter name left unaligned (≤ 3)
    "joined",  # similarity of the names written without spaces
    "order_changed",  # aligned strong tokens appear in another order
    "numbers_differ",  # the names' numbers differ
    "korean_equal",  # both read as Korean and their syllable keys agree
    "phonetic",  # aligned strong pairs that sound alike, as a share
    "initials",  # aligned pairs where one side is an initial
    "transliterated",  # one name was in another script
    "max_edits",  # edits (OSA distance, ≤ 4) in the worst-aligned strong pair
    "edited_pairs",  # aligned strong pairs that are not equal (≤ 3)
    "short_tokens",  # strong tokens in the lighter name (≤ 3)
    "one_typo",  # everything aligns exactly but one strong pair, one edit apart
)


@dataclass(frozen=True, slots=True)
class Alignment:
    """The token pairs two names were aligned on, and the left-over tokens."""

    pairs: tuple[tuple[str, str, float], ...]
    left_a: tuple[str, ...]
    left_b: tuple[str, ...]


@lru_cache(maxsize=100_000)
def token_weight(token: str) -> float:
    """Longer words say more; generic words ("corporation", "of") little; initials little."""
    if token in WEAK_TOKENS:
        return 0.3
    if len(token) == 1 and not token.isdigit():
        return 0.5
    return sqrt(min(len(token), 9))


def token_similarity(a: str, b: str) -> float:
    """1 for equal tokens, 0 for different numbers, else normalised Levenshtein similarity."""
    if a == b:
        return 1.0
    if a.isdigit() or b.isdigit():
        return 0.0
    if len(a) == 1 or len(b) == 1:
        return 0.8 if a[0] == b[0] else 0.0  # an initial stands for any name it starts
    if are_nicknames(a, b):
        return 0.9
    return float(Levenshtein.normalized_similarity(a, b))


def merge_split_words(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """``b`` with runs of adjacent tokens joined where ``a`` writes them as one word.

    "Good Will" against "Goodwill", "Pricewaterhouse Coopers" against
    "PricewaterhouseCoopers", "Yong Ho" against "Yongho", "CHON MA SAN" against "CHONMASAN".
    """
    if len(b) < 2:
        return b
    words = set(a)
    merged: list[str] = []
    index = 0
    while index < len(b):
        for size in (3, 2):
            run = "".join(b[index : index + size])
            if index + size <= len(b) and run in words:
                merged.append(run)
                index += size
                break
        else:
            merged.append(b[index])
            index += 1
    return tuple(merged)


def align(a: tuple[str, ...], b: tuple[str, ...]) -> Alignment:
    """Greedy best-first alignment of two token lists."""
    scored = sorted(
        ((token_similarity(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for similarity, i, j in scored:
        if similarity <= MIN_ALIGNED:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j, similarity))
    pairs.sort()
    return Alignment(
        pairs=tuple((a[i], b[j], s) for i, j, s in pairs),
        left_a=tuple(t for i, t in enumerate(a) if i not in used_a),
        left_b=tuple(t for j, t in enumerate(b) if j not in used_b),
    )


def _order_changed(a: tuple[str, ...], b: tuple[str, ...], alignment: Alignment) -> bool:
    strong = [(x, y) for x, y, _ in alignment.pairs if x not in WEAK_TOKENS]
    positions_b = [b.index(y) for _, y in strong]
    return positions_b != sorted(positions_b)


def _numbers(tokens: tuple[str, ...]) -> list[str]:
    return sorted(t for t in tokens if t.isdigit())


def korean_equal(a: NameForm, b: NameForm) -> float:
    """1 when both read as the same Korean syllables, the family name first or last.

    Syllable order within the name counts: Kim Chol Nam and Kim Nam Chol are two people.
    """
    if a.korean is None or b.korean is None:
        return 0.0
    x, y = a.korean, b.korean
    if x == y or (len(x) > 1 and (x == y[-1:] + y[:-1] or x == y[1:] + y[:1])):
        return 1.0
    # Where a joined word was cut into syllables differently (BOTONG as bot-ong), the
    # sounds still run the same.
    if len(x) == len(y) and "".join(x) == "".join(y):
        return 1.0
    return 0.0


def features(a: NameForm, b: NameForm) -> tuple[tuple[float, ...], Alignment]:
    """The feature vector of two name forms (in ``FEATURE_NAMES`` order) and the alignment."""
    if len(a.tokens) != len(b.tokens):  # only then can one name join what the other splits
        tokens_a = merge_split_words(b.tokens, a.tokens)
        tokens_b = merge_split_words(tokens_a, b.tokens)
        a, b = replace(a, tokens=tokens_a), replace(b, tokens=tokens_b)
    alignment = align(a.tokens, b.tokens)
    weight_a = sum(token_weight(t) for t in a.tokens)
    weight_b = sum(token_weight(t) for t in b.tokens)
    short_is_a = weight_a <= weight_b
    aligned_a = sum(s * token_weight(x) for x, _, s in alignment.pairs)
    aligned_b = sum(s * token_weight(y) for _, y, s in alignment.pairs)
    total = weight_a + weight_b
    cover_both = (aligned_a + aligned_b) / total if total else 0.0
    short_weight = weight_a if short_is_a else weight_b
    cover_short = (aligned_a if short_is_a else aligned_b) / short_weight if short_weight else 0.0
    strong_pairs = [(x, y, s) for x, y, s in alignment.pairs if x not in WEAK_TOKENS]
    weakest = min((s for _, _, s in strong_pairs), default=0.0)
    edited = [(x, y) for x, y, s in strong_pairs if s < 1.0 and not are_nicknames(x, y)]
    left_short, left_long = (
        (alignment.left_a, alignment.left_b) if short_is_a else (alignment.left_b, alignment.left_a)
    )
    unmatched_short = min(3, sum(1 for t in left_short if t not in WEAK_TOKENS))
    unmatched_long = min(3, sum(1 for t in left_long if t not in WEAK_TOKENS))
    joined = float(Levenshtein.normalized_similarity("".join(a.tokens), "".join(b.tokens)))
    joined_sorted = float(
        Levenshtein.normalized_similarity("".join(sorted(a.tokens)), "".join(sorted(b.tokens)))
    )
    numbers_a, numbers_b = _numbers(a.tokens), _numbers(b.tokens)
    numbers_differ = 1.0 if (numbers_a or numbers_b) and numbers_a != numbers_b else 0.0
    sounding = [
        1.0 for x, y, s in strong_pairs if s == 1.0 or (len(x) > 1 and metaphone(x) == metaphone(y))
    ]
    phonetic = len(sounding) / len(strong_pairs) if strong_pairs else 0.0
    initials = sum(1 for x, y, _ in alignment.pairs if len(x) == 1 or len(y) == 1)
    vector = (
        cover_both,
        cover_short,
        weakest,
        float(unmatched_long),
        float(unmatched_short),
        max(joined, joined_sorted),
        1.0 if _order_changed(a.tokens, b.tokens, alignment) else 0.0,
        numbers_differ,
        korean_equal(a, b),
        phonetic,
        float(min(initials, 2)),
        1.0 if a.transliterated or b.transliterated else 0.0,
        float(min(4, max((OSA.distance(x, y) for x, y in edited), default=0))),
        float(min(3, len(edited))),
        float(
            min(3, sum(1 for t in (a.tokens if short_is_a else b.tokens) if t not in WEAK_TOKENS))
        ),
        1.0 if len(edited) == 1 and OSA.distance(edited[0][0], edited[0][1]) == 1 else 0.0,
    )
    return vector, alignment
