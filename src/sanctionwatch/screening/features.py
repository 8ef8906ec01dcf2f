"""What two names have in common, as numbers: the features the name model weighs.

Tokens are compared by similarity: 1 when equal, 0 for different numbers, 0.8 for an
initial against a name it starts, 0.9 for a nickname (``nicknames.py``), else
Levenshtein's normalised similarity. Where the names have different token counts, runs of
two or three tokens are first joined where the other name writes them as one word
("Good Will" / "Goodwill", "CHON MA SAN" / "CHONMASAN"). Tokens are then aligned greedily
(best pair first, ties to the earlier tokens, each token used once, pairs at or below
0.5 left out: John ~ Juan is two names), so word order does not matter to the alignment; whether the
order was kept is a feature of its own. Numbers compare strictly: "SAM JONG 1" is not
"SAM JONG 2". "Strong" tokens are those not in ``WEAK_TOKENS``.

The definitions are below, in ``FEATURE_NAMES``; ``pair_kernel.py`` computes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from math import sqrt

from sanctionwatch.screening.normalize import WEAK_TOKENS

FEATURE_NAMES = (
    "cover_both",  # share of both names' token weight that aligns, by similarity
    "cover_short",  # the same, over the lighter name only
    "weakest",  # similarity of the worst-aligned strong token pair
    "unmatched_long",  # strong tokens of the heavier name left unaligned (≤ 3)
    "unmatched_short",  # strong tokens of the lighter name left unaligned (≤ 3)
    "joined",  # similarity of the names without spaces (as written or sorted: the better)
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
