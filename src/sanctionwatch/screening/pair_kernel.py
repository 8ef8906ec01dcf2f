"""The name scorer, compiled: features, alignment, hard rules and the logistic model of a pair.

This is the only implementation of the scoring that ``features.py`` and ``compare.py``
describe (they hold the definitions and the words); it runs on the arrays of
``encoded.py`` so a query is scored against all its candidates in one call, with no
Python object per token pair. A pair's tokens are first copied into one local buffer
(``Pair``), so every helper reads one character array.

Everything the kernels read is an argument or a constant of this module: numba's cache
only notices edits to the file of the function Python calls.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.sources.fast_jit import helper, kernel

FEATURE_COUNT = 16
MIN_ALIGNED = 0.5  # token pairs at or below this similarity are not aligned

# Schema kinds the rules tell apart.
PERSON, VESSEL, BODY = 0, 1, 2

# Hard rules: floor and caps no model weight may overrule (compare.py says why).
KOREAN_EQUAL_SCORE = 0.95
SAME_WORDS_SCORE = 1.0
SAME_WORDS_REORDERED_SCORE = 0.99
SYLLABIC_DIFFERS_CAP = 0.3
NUMBERS_DIFFER_CAP = 0.3
VESSEL_SPELLING_CAP = 0.45
ONE_WORD_CAP = 0.45
KOREAN_DIFFERS_CAP = 0.4

# Reason bits a scored pair carries.
NO_TOKENS = 1
SYLLABIC_DIFFERS = 2
KOREAN_EQUAL = 4
KOREAN_NAMES_DIFFER = 8
VESSEL_SPELLING = 16
KOREAN_WORD_DIFFERS = 32
ONE_WORD = 64
NUMBERS_DIFFER = 128
SAME_WORDS = 256

# Token and form flags, and the Korean key length of a token whose key is not computed yet.
TOKEN_DIGITS = 1
TOKEN_WEAK = 2
FORM_TRANSLITERATED = 1
FORM_LOOKS_KOREAN = 2
KOREAN_UNKNOWN = -2

Ints = NDArray[np.int64]
Chars = NDArray[np.int32]


class EncodedForms(NamedTuple):
    """A ``FormTable`` as the kernels read it: views into its packed arrays (``_forms``)."""

    token_start: Ints  # token t's characters are chars[token_start[t]:token_start[t + 1]]
    chars: Chars
    token_flags: NDArray[np.int8]
    token_weight: NDArray[np.float64]
    metaphone_start: Ints  # metaphone of tokens longer than one letter, else empty
    metaphone_chars: Chars
    korean_start: Ints  # korean_key of long tokens; -1 in korean_length where there is none
    korean_length: Ints
    korean_chars: Chars
    nickname_full: Ints  # bit g: the token is the full name of nickname group g
    nickname_short: Ints  # bit g: the token is a diminutive in group g
    form_start: Ints  # form f's token ids are form_tokens[form_start[f]:form_start[f + 1]]
    form_tokens: Ints
    form_flags: NDArray[np.int8]
    syllable_start: Ints  # form f's Korean syllables: syllable ids syllable_start[f]..[f + 1]
    syllable_count: Ints  # -1 where the form has no Korean key
    syllable_chars_start: Ints  # syllable s's characters: syllable_chars[...[s]:...[s + 1]]
    syllable_chars: Chars
    syllabic_start: Ints  # the form's Hangul/Han characters; -1 in syllabic_length if none
    syllabic_length: Ints
    syllabic_chars: Chars
    sorted_start: Ints  # the form's tokens sorted and joined by spaces: the quick pre-score's text
    sorted_chars: Chars


# How ``encoded.FormTable`` packs a table (``_forms`` reads it back): these int fields one
# after the other in ``ints`` behind a header (each field's offset, then each char field's
# offset in ``chars``, then the token count), the char fields one after the other in
# ``chars``; flags are each token's then each form's; weights each token's.
INT_FIELDS = (
    "token_start", "metaphone_start", "korean_start", "korean_length", "nickname_full",
    "nickname_short", "form_start", "form_tokens", "syllable_start", "syllable_count",
    "syllable_chars_start", "syllabic_start", "syllabic_length", "sorted_start",
)  # fmt: skip
CHAR_FIELDS = (
    "chars", "metaphone_chars", "korean_chars", "syllable_chars", "syllabic_chars",
    "sorted_chars",
)  # fmt: skip
_CHAR_OFFSETS = len(INT_FIELDS) + 1
_TOKEN_COUNT = _CHAR_OFFSETS + len(CHAR_FIELDS) + 1
HEADER = _TOKEN_COUNT + 1

# Feature positions (features.FEATURE_NAMES order).
(
    _COVER_BOTH, _COVER_SHORT, _WEAKEST, _UNMATCHED_LONG, _UNMATCHED_SHORT, _JOINED,
    _ORDER_CHANGED, _NUMBERS_DIFFER, _KOREAN_EQUAL, _PHONETIC, _INITIALS, _TRANSLITERATED,
    _MAX_EDITS, _EDITED_PAIRS, _SHORT_TOKENS, _ONE_TYPO,
) = range(FEATURE_COUNT)  # fmt: skip


class Pair(NamedTuple):
    """Scratch for one pair: its tokens (both names') copied side by side, and the work."""

    chars: NDArray[np.int32]  # every token's characters
    start: NDArray[np.int64]  # local token k: chars[start[k]:start[k] + length[k]]
    length: NDArray[np.int64]
    flags: NDArray[np.int8]
    weight: NDArray[np.float64]
    meta: NDArray[np.int32]  # metaphones, side by side
    meta_start: NDArray[np.int64]
    meta_length: NDArray[np.int64]
    korean: NDArray[np.int32]  # Korean keys of long tokens
    korean_start: NDArray[np.int64]
    korean_length: NDArray[np.int64]  # -1: none
    nick_full: NDArray[np.int64]
    nick_short: NDArray[np.int64]
    origin: NDArray[np.int64]  # the local token's id in its own table
    tokens_a: NDArray[np.int64]  # the first name's tokens (local ids), words merged
    tokens_b: NDArray[np.int64]
    merged: NDArray[np.int64]
    counts: NDArray[np.int64]  # tokens in a, in b, aligned pairs, a's own tokens, keys asked
    pair_i: NDArray[np.int64]  # aligned pairs: positions in tokens_a and tokens_b
    pair_j: NDArray[np.int64]
    pair_s: NDArray[np.float64]
    used_a: NDArray[np.bool_]
    used_b: NDArray[np.bool_]
    similarity: NDArray[np.float64]  # tokens_a × tokens_b, row-major
    joined_a: NDArray[np.int32]
    joined_b: NDArray[np.int32]
    order: NDArray[np.int64]
    row: NDArray[np.int64]
    rows: NDArray[np.int64]  # three DP rows for OSA
    vector: NDArray[np.float64]
    peq: NDArray[np.uint64]  # per ASCII character, its positions in a pattern (zeros at rest)
    bounds: NDArray[np.float64]  # the hard rules' floor and cap


def new_pair(tokens: int, chars: int, meta: int, korean: int) -> Pair:
    """Scratch for pairs of at most so many tokens, characters, metaphone and key characters."""
    tokens, chars, meta, korean = max(tokens, 1), max(chars, 1), max(meta, 1), max(korean, 1)

    def ints(n: int) -> NDArray[np.int64]:
        return np.zeros(n, dtype=np.int64)

    return Pair(
        chars=np.zeros(chars, dtype=np.int32),
        start=ints(tokens),
        length=ints(tokens),
        flags=np.zeros(tokens, dtype=np.int8),
        weight=np.zeros(tokens, dtype=np.float64),
        meta=np.zeros(meta, dtype=np.int32),
        meta_start=ints(tokens),
        meta_length=ints(tokens),
        korean=np.zeros(korean, dtype=np.int32),
        korean_start=ints(tokens),
        korean_length=ints(tokens),
        nick_full=ints(tokens),
        nick_short=ints(tokens),
        origin=ints(tokens),
        tokens_a=ints(tokens),
        tokens_b=ints(tokens),
        merged=ints(tokens),
        counts=ints(5),
        pair_i=ints(tokens),
        pair_j=ints(tokens),
        pair_s=np.zeros(tokens, dtype=np.float64),
        used_a=np.zeros(tokens, dtype=np.bool_),
        used_b=np.zeros(tokens, dtype=np.bool_),
        similarity=np.zeros(tokens * tokens, dtype=np.float64),
        joined_a=np.zeros(chars, dtype=np.int32),
        joined_b=np.zeros(chars, dtype=np.int32),
        order=ints(tokens),
        row=ints(chars + tokens + 1),  # a sorted text has its spaces too
        rows=np.zeros((3, chars + 1), dtype=np.int64),
        vector=np.zeros(FEATURE_COUNT, dtype=np.float64),
        peq=np.zeros(128, dtype=np.uint64),
        bounds=np.zeros(2, dtype=np.float64),
    )


# --- strings ---------------------------------------------------------------------------------


@helper
def _equal(xc: Any, xs: int, xl: int, yc: Any, ys: int, yl: int) -> bool:
    """Two runs of characters are the same text."""
    if xl != yl:
        return False
    for k in range(xl):  # noqa: SIM110 - numba compiles loops, not generators
        if xc[xs + k] != yc[ys + k]:
            return False
    return True


@helper
def _same(p: Pair, x: int, y: int) -> bool:
    return _equal(p.chars, p.start[x], p.length[x], p.chars, p.start[y], p.length[y])


@helper
def _before(p: Pair, x: int, y: int) -> bool:
    """Token x sorts before token y (code point order, as Python sorts str)."""
    sx, sy, lx, ly = p.start[x], p.start[y], p.length[x], p.length[y]
    for k in range(min(lx, ly)):
        if p.chars[sx + k] != p.chars[sy + k]:
            return bool(p.chars[sx + k] < p.chars[sy + k])
    return bool(lx < ly)


@helper
def _levenshtein_rows(xc: Any, xs: int, xl: int, yc: Any, ys: int, yl: int, row: Any) -> int:
    """Levenshtein distance by the textbook dynamic programme, one row at a time."""
    for j in range(yl + 1):
        row[j] = j
    for i in range(1, xl + 1):
        diagonal = row[0]
        row[0] = i
        xi = xc[xs + i - 1]
        for j in range(1, yl + 1):
            above = row[j]
            best = diagonal + (0 if xi == yc[ys + j - 1] else 1)
            if above + 1 < best:
                best = above + 1
            if row[j - 1] + 1 < best:
                best = row[j - 1] + 1
            row[j] = best
            diagonal = above
    return int(row[yl])


@helper
def _fits_word(c: Any, start: int, length: int) -> bool:
    """The text is ASCII and at most 64 characters: a pattern the bit-parallel forms take."""
    if length > 64:
        return False
    for i in range(length):  # noqa: SIM110 - numba compiles loops, not generators
        if c[start + i] >= 128:
            return False
    return True


@helper
def _levenshtein(xc: Any, xs: int, xl: int, yc: Any, ys: int, yl: int, row: Any, peq: Any) -> int:
    """Levenshtein distance; bit-parallel (Hyyrö 2003) when either text can be the pattern
    (ASCII, at most 64 characters: the distance is symmetric), else by rows.

    The bit-parallel form computes a whole column of the programme per character of the
    other text, which is what makes whole names (tens of letters) cheap to compare; ``peq``
    is 128 zeros on entry and on exit.
    """
    if xl == 0 or yl == 0:
        return max(xl, yl)
    if _fits_word(xc, xs, xl):
        return _levenshtein_bits(xc, xs, xl, yc, ys, yl, peq)
    if _fits_word(yc, ys, yl):
        return _levenshtein_bits(yc, ys, yl, xc, xs, xl, peq)
    return _levenshtein_rows(xc, xs, xl, yc, ys, yl, row)


@helper
def _levenshtein_bits(xc: Any, xs: int, xl: int, yc: Any, ys: int, yl: int, peq: Any) -> int:
    """Levenshtein distance of the pattern x (ASCII, 1 to 64 characters) and the text y."""
    one = np.uint64(1)
    for i in range(xl):
        peq[xc[xs + i]] |= one << np.uint64(i)
    last = one << np.uint64(xl - 1)
    positive = ~np.uint64(0)
    negative = np.uint64(0)
    distance = xl
    for j in range(yl):
        c = yc[ys + j]
        match = peq[c] if c < 128 else np.uint64(0)
        vertical = match | negative
        horizontal = (((match & positive) + positive) ^ positive) | match
        up = negative | ~(horizontal | positive)
        down = positive & horizontal
        if up & last:
            distance += 1
        elif down & last:
            distance -= 1
        up = (up << one) | one
        down = down << one
        positive = down | ~(vertical | up)
        negative = up & vertical
    for i in range(xl):
        peq[xc[xs + i]] = np.uint64(0)
    return distance


@helper
def _similarity(distance: int, xl: int, yl: int) -> float:
    """Levenshtein's normalised similarity, computed as rapidfuzz does."""
    longest = max(xl, yl)
    if longest == 0:
        return 1.0
    return 1.0 - distance / longest


@helper
def _osa(p: Pair, x: int, y: int) -> int:
    """Optimal string alignment distance (adjacent transpositions count one edit)."""
    c, xs, ys, xl, yl, d = p.chars, p.start[x], p.start[y], p.length[x], p.length[y], p.rows
    for j in range(yl + 1):
        d[0, j] = j
    for i in range(1, xl + 1):
        now, before, twice = i % 3, (i - 1) % 3, (i - 2) % 3
        d[now, 0] = i
        for j in range(1, yl + 1):
            cost = 0 if c[xs + i - 1] == c[ys + j - 1] else 1
            best = min(d[before, j] + 1, d[now, j - 1] + 1, d[before, j - 1] + cost)
            if (
                i > 1
                and j > 1
                and c[xs + i - 1] == c[ys + j - 2]
                and c[xs + i - 2] == c[ys + j - 1]
                and d[twice, j - 2] + 1 < best
            ):
                best = d[twice, j - 2] + 1
            d[now, j] = best
    return int(d[xl % 3, yl])


@helper
def _nicknames(p: Pair, x: int, y: int) -> bool:
    return bool(((p.nick_full[x] & p.nick_short[y]) | (p.nick_short[x] & p.nick_full[y])) != 0)


@helper
def _token_similarity(p: Pair, x: int, y: int) -> float:
    """1 for equal tokens, 0 for different numbers, else normalised Levenshtein similarity."""
    if _same(p, x, y):
        return 1.0
    if (p.flags[x] & TOKEN_DIGITS) or (p.flags[y] & TOKEN_DIGITS):
        return 0.0
    if p.length[x] == 1 or p.length[y] == 1:
        return 0.8 if p.chars[p.start[x]] == p.chars[p.start[y]] else 0.0
    if _nicknames(p, x, y):
        return 0.9
    distance = _levenshtein(
        p.chars, p.start[x], p.length[x], p.chars, p.start[y], p.length[y], p.row, p.peq
    )
    return _similarity(distance, p.length[x], p.length[y])


# --- loading a pair ----------------------------------------------------------------------------


@helper
def _load(
    p: Pair, e: EncodedForms, form: int, first: int, at: int, meta_at: int, kor_at: int
) -> Any:
    """Copy form ``form`` of ``e`` into local tokens from ``first``; the buffers' new ends."""
    local = first
    for position in range(e.form_start[form], e.form_start[form + 1]):
        token = e.form_tokens[position]
        s, n = e.token_start[token], e.token_start[token + 1] - e.token_start[token]
        p.start[local], p.length[local] = at, n
        for k in range(n):
            p.chars[at + k] = e.chars[s + k]
        at += n
        ms, mn = e.metaphone_start[token], e.metaphone_start[token + 1] - e.metaphone_start[token]
        p.meta_start[local], p.meta_length[local] = meta_at, mn
        for k in range(mn):
            p.meta[meta_at + k] = e.metaphone_chars[ms + k]
        meta_at += mn
        kn = e.korean_length[token]
        p.korean_start[local], p.korean_length[local] = kor_at, kn
        for k in range(max(kn, 0)):
            p.korean[kor_at + k] = e.korean_chars[e.korean_start[token] + k]
        kor_at += max(kn, 0)
        p.flags[local] = e.token_flags[token]
        p.weight[local] = e.token_weight[token]
        p.nick_full[local] = e.nickname_full[token]
        p.nick_short[local] = e.nickname_short[token]
        p.origin[local] = token
        local += 1
    return local, at, meta_at, kor_at


@helper
def _in_words(p: Pair, source: Any, index: int, size: int, words: Any, count: int) -> int:
    """The word among ``words[:count]`` spelt as ``source[index:index + size]`` run together."""
    total = 0
    for k in range(size):
        total += p.length[source[index + k]]
    for w in range(count):
        word = words[w]
        if p.length[word] != total:
            continue
        at = p.start[word]
        equal = True
        for k in range(size):
            part = source[index + k]
            for c in range(p.length[part]):
                if p.chars[p.start[part] + c] != p.chars[at]:
                    equal = False
                    break
                at += 1
            if not equal:
                break
        if equal:
            return int(word)
    return -1


@helper
def _merge_split_words(p: Pair, words: Any, count: int, source: Any, n: int, out: Any) -> int:
    """``source`` with runs of 3 or 2 tokens joined where ``words`` writes them as one word."""
    index = 0
    written = 0
    while index < n:
        found = -1
        for size in (3, 2):
            if index + size <= n:
                found = _in_words(p, source, index, size, words, count)
                if found >= 0:
                    out[written] = found
                    index += size
                    break
        if found < 0:
            out[written] = source[index]
            index += 1
        written += 1
    return written


# --- features ----------------------------------------------------------------------------------


@helper
def _align(p: Pair, na: int, nb: int) -> int:
    """Greedy best-first alignment (ties: first a token, then first b token); pairs by a."""
    for i in range(na):
        p.used_a[i] = False
        for j in range(nb):
            p.similarity[i * nb + j] = _token_similarity(p, p.tokens_a[i], p.tokens_b[j])
    for j in range(nb):
        p.used_b[j] = False
    pairs = 0
    while True:
        best, bi, bj = -1.0, -1, -1
        for i in range(na):
            if p.used_a[i]:
                continue
            for j in range(nb):
                if not p.used_b[j] and p.similarity[i * nb + j] > best:
                    best, bi, bj = p.similarity[i * nb + j], i, j
        if bi < 0 or best <= MIN_ALIGNED:
            break
        p.used_a[bi] = True
        p.used_b[bj] = True
        # Insert keeping pairs ordered by position in a.
        k = pairs
        while k > 0 and p.pair_i[k - 1] > bi:
            p.pair_i[k], p.pair_j[k], p.pair_s[k] = (
                p.pair_i[k - 1],
                p.pair_j[k - 1],
                p.pair_s[k - 1],
            )
            k -= 1
        p.pair_i[k], p.pair_j[k], p.pair_s[k] = bi, bj, best
        pairs += 1
    return pairs


@helper
def _join(p: Pair, tokens: Any, n: int, out: Any, sort: bool) -> int:
    """The tokens' characters run together (in code point order of the tokens if ``sort``)."""
    for k in range(n):
        p.order[k] = tokens[k]
    if sort:
        for k in range(1, n):
            current = p.order[k]
            m = k
            while m > 0 and _before(p, current, p.order[m - 1]):
                p.order[m] = p.order[m - 1]
                m -= 1
            p.order[m] = current
    at = 0
    for k in range(n):
        token = p.order[k]
        for c in range(p.length[token]):
            out[at] = p.chars[p.start[token] + c]
            at += 1
    return at


@helper
def _joined_similarity(p: Pair, na: int, nb: int, sort: bool) -> float:
    la = _join(p, p.tokens_a, na, p.joined_a, sort)
    lb = _join(p, p.tokens_b, nb, p.joined_b, sort)
    return _similarity(_levenshtein(p.joined_a, 0, la, p.joined_b, 0, lb, p.row, p.peq), la, lb)


@helper
def _numbers_differ(p: Pair, na: int, nb: int) -> bool:
    """The two names' digit tokens, as sorted lists, differ (and there are some)."""
    count_a, count_b = 0, 0
    for k in range(na):
        if p.flags[p.tokens_a[k]] & TOKEN_DIGITS:
            p.joined_a[count_a] = p.tokens_a[k]
            count_a += 1
    for k in range(nb):
        if p.flags[p.tokens_b[k]] & TOKEN_DIGITS:
            p.joined_b[count_b] = p.tokens_b[k]
            count_b += 1
    if count_a == 0 and count_b == 0:
        return False
    if count_a != count_b:
        return True
    # Multisets equal iff every token of a matches a distinct, equal token of b.
    for k in range(count_b):
        p.used_b[k] = False
    for k in range(count_a):
        found = False
        for m in range(count_b):
            if not p.used_b[m] and _same(p, p.joined_a[k], p.joined_b[m]):
                p.used_b[m] = True
                found = True
                break
        if not found:
            return True
    return False


@helper
def _same_meta(p: Pair, x: int, y: int) -> bool:
    return _equal(
        p.meta, p.meta_start[x], p.meta_length[x], p.meta, p.meta_start[y], p.meta_length[y]
    )


@helper
def _korean_keys_differ(p: Pair, x: int, y: int, need_a: Any, need_b: Any) -> bool:
    """Both tokens read as Korean, to different keys; marks keys not computed yet as needed
    (unless the other token is known not to read as Korean: the answer is no either way)."""
    lx, ly = p.korean_length[x], p.korean_length[y]
    if lx == -1 or ly == -1:
        return False
    if lx == KOREAN_UNKNOWN or ly == KOREAN_UNKNOWN:
        for token, length in ((x, lx), (y, ly)):
            if length == KOREAN_UNKNOWN:
                p.counts[4] += 1
                if token < p.counts[3]:
                    need_a[p.origin[token]] = True
                else:
                    need_b[p.origin[token]] = True
        return False
    return not _equal(p.korean, p.korean_start[x], lx, p.korean, p.korean_start[y], ly)


@helper
def _syllables_equal(a: EncodedForms, fa: int, b: EncodedForms, fb: int, shift: int) -> bool:
    """Form fa's Korean syllables equal form fb's rotated left by ``shift``."""
    n = a.syllable_count[fa]
    if n != b.syllable_count[fb]:
        return False
    for k in range(n):
        sa = a.syllable_start[fa] + k
        sb = b.syllable_start[fb] + (k + shift) % n
        xs, xe = a.syllable_chars_start[sa], a.syllable_chars_start[sa + 1]
        ys, ye = b.syllable_chars_start[sb], b.syllable_chars_start[sb + 1]
        if not _equal(a.syllable_chars, xs, xe - xs, b.syllable_chars, ys, ye - ys):
            return False
    return True


@helper
def _korean_equal(a: EncodedForms, fa: int, b: EncodedForms, fb: int) -> bool:
    """Both read as the same Korean syllables, the family name first or last, or run together."""
    n, m = a.syllable_count[fa], b.syllable_count[fb]
    if n < 0 or m < 0:
        return False
    if _syllables_equal(a, fa, b, fb, 0):
        return True
    if n > 1 and (_syllables_equal(a, fa, b, fb, n - 1) or _syllables_equal(a, fa, b, fb, 1)):
        return True
    if n != m:
        return False
    xs, xe = (
        a.syllable_chars_start[a.syllable_start[fa]],
        a.syllable_chars_start[a.syllable_start[fa + 1]],
    )
    ys, ye = (
        b.syllable_chars_start[b.syllable_start[fb]],
        b.syllable_chars_start[b.syllable_start[fb + 1]],
    )
    return _equal(a.syllable_chars, xs, xe - xs, b.syllable_chars, ys, ye - ys)


@helper
def _syllabic_differs(a: EncodedForms, fa: int, b: EncodedForms, fb: int) -> bool:
    la, lb = a.syllabic_length[fa], b.syllabic_length[fb]
    if la < 0 or lb < 0:
        return False
    return not _equal(
        a.syllabic_chars, a.syllabic_start[fa], la, b.syllabic_chars, b.syllabic_start[fb], lb
    )


@helper
def _features(
    p: Pair, a: EncodedForms, fa: int, b: EncodedForms, fb: int, na: int, nb: int
) -> None:
    """Fill ``p.vector`` (features.FEATURE_NAMES order); tokens and alignment in ``p``."""
    v = p.vector
    pairs = _align(p, na, nb)
    p.counts[0], p.counts[1], p.counts[2] = na, nb, pairs
    weight_a, weight_b = 0.0, 0.0
    for k in range(na):
        weight_a += p.weight[p.tokens_a[k]]
    for k in range(nb):
        weight_b += p.weight[p.tokens_b[k]]
    short_is_a = weight_a <= weight_b
    aligned_a, aligned_b = 0.0, 0.0
    for k in range(pairs):
        aligned_a += p.pair_s[k] * p.weight[p.tokens_a[p.pair_i[k]]]
    for k in range(pairs):
        aligned_b += p.pair_s[k] * p.weight[p.tokens_b[p.pair_j[k]]]
    total = weight_a + weight_b
    v[_COVER_BOTH] = (aligned_a + aligned_b) / total if total else 0.0
    short_weight = weight_a if short_is_a else weight_b
    v[_COVER_SHORT] = (
        (aligned_a if short_is_a else aligned_b) / short_weight if short_weight else 0.0
    )
    strong, weakest, sounding, initials, edited, max_edits, first_edit = 0, 1e300, 0, 0, 0, 0, -1
    previous_b, order_changed = -1, False
    for k in range(pairs):
        x, y, s = p.tokens_a[p.pair_i[k]], p.tokens_b[p.pair_j[k]], p.pair_s[k]
        if p.length[x] == 1 or p.length[y] == 1:
            initials += 1
        if p.flags[x] & TOKEN_WEAK:
            continue
        strong += 1
        weakest = min(weakest, s)
        if s == 1.0 or (p.length[x] > 1 and _same_meta(p, x, y)):
            sounding += 1
        if s < 1.0 and not _nicknames(p, x, y):
            edited += 1
            distance = _osa(p, x, y)
            max_edits = max(max_edits, distance)
            if first_edit < 0:
                first_edit = distance
        # Where y first appears in b, as list.index finds it.
        position = 0
        while not _same(p, p.tokens_b[position], y):
            position += 1
        if position < previous_b:
            order_changed = True
        previous_b = position
    v[_WEAKEST] = weakest if strong else 0.0
    for j in range(nb):
        p.used_b[j] = False
    for k in range(pairs):
        p.used_b[p.pair_j[k]] = True
    left_a, left_b = 0, 0
    for i in range(na):
        if not p.used_a[i] and not (p.flags[p.tokens_a[i]] & TOKEN_WEAK):
            left_a += 1
    for j in range(nb):
        if not p.used_b[j] and not (p.flags[p.tokens_b[j]] & TOKEN_WEAK):
            left_b += 1
    v[_UNMATCHED_LONG] = float(min(3, left_b if short_is_a else left_a))
    v[_UNMATCHED_SHORT] = float(min(3, left_a if short_is_a else left_b))
    v[_JOINED] = max(_joined_similarity(p, na, nb, False), _joined_similarity(p, na, nb, True))
    v[_ORDER_CHANGED] = 1.0 if order_changed else 0.0
    v[_NUMBERS_DIFFER] = 1.0 if _numbers_differ(p, na, nb) else 0.0
    v[_KOREAN_EQUAL] = 1.0 if _korean_equal(a, fa, b, fb) else 0.0
    v[_PHONETIC] = sounding / strong if strong else 0.0
    v[_INITIALS] = float(min(initials, 2))
    translit = (a.form_flags[fa] | b.form_flags[fb]) & FORM_TRANSLITERATED
    v[_TRANSLITERATED] = 1.0 if translit else 0.0
    v[_MAX_EDITS] = float(min(4, max_edits))
    v[_EDITED_PAIRS] = float(min(3, edited))
    short_tokens = 0
    tokens, n = (p.tokens_a, na) if short_is_a else (p.tokens_b, nb)
    for k in range(n):
        if not (p.flags[tokens[k]] & TOKEN_WEAK):
            short_tokens += 1
    v[_SHORT_TOKENS] = float(min(3, short_tokens))
    v[_ONE_TYPO] = 1.0 if edited == 1 and first_edit == 1 else 0.0


@helper
def _korean_words_differ(p: Pair, need_a: Any, need_b: Any) -> bool:
    """An aligned pair of different long words that both read as Korean, to different keys."""
    for k in range(p.counts[2]):
        x, y = p.tokens_a[p.pair_i[k]], p.tokens_b[p.pair_j[k]]
        if (
            p.pair_s[k] < 1.0
            and p.length[x] > 3
            and p.length[y] > 3
            and _korean_keys_differ(p, x, y, need_a, need_b)
        ):
            return True
    return False


@helper
def _rules(
    p: Pair, a: EncodedForms, fa: int, b: EncodedForms, fb: int, kind: int, need_a: Any, need_b: Any
) -> Any:
    """The floor and cap the hard rules put on the pair, and the reason bits."""
    v = p.vector
    floor, cap, reasons = 0.0, 1.0, 0
    korean_equal = v[_KOREAN_EQUAL] != 0.0
    if v[_COVER_BOTH] == 1.0:
        # Every word of both names aligned with its equal: the model weighs partial matches
        # (a typo, a word missing) and would score some above the exact name; this one is at
        # least as good as any, the order kept or not. The caps below still win.
        floor = SAME_WORDS_SCORE if v[_ORDER_CHANGED] == 0.0 else SAME_WORDS_REORDERED_SCORE
        reasons |= SAME_WORDS
    if _syllabic_differs(a, fa, b, fb):
        cap = SYLLABIC_DIFFERS_CAP
        reasons |= SYLLABIC_DIFFERS
    elif korean_equal:
        floor = max(floor, KOREAN_EQUAL_SCORE)
        reasons |= KOREAN_EQUAL
    elif kind == PERSON and a.form_flags[fa] & b.form_flags[fb] & FORM_LOOKS_KOREAN:
        cap = KOREAN_DIFFERS_CAP
        reasons |= KOREAN_NAMES_DIFFER
    if (
        kind == VESSEL
        and v[_EDITED_PAIRS] != 0.0
        and not korean_equal
        and (v[_SHORT_TOKENS] < 2 or v[_ONE_TYPO] == 0.0)
    ):
        cap = min(cap, VESSEL_SPELLING_CAP)
        reasons |= VESSEL_SPELLING
    if kind != PERSON and not korean_equal and _korean_words_differ(p, need_a, need_b):
        cap = min(cap, KOREAN_DIFFERS_CAP)
        reasons |= KOREAN_WORD_DIFFERS
    if v[_SHORT_TOKENS] == 1.0 and v[_UNMATCHED_LONG] >= 1.0 and not korean_equal:
        cap = min(cap, ONE_WORD_CAP)
        reasons |= ONE_WORD
    if v[_NUMBERS_DIFFER] != 0.0 and kind != PERSON:
        cap = min(cap, NUMBERS_DIFFER_CAP)
        reasons |= NUMBERS_DIFFER
    return floor, cap, reasons


@helper
def _score_pair(
    p: Pair,
    a: EncodedForms,
    fa: int,
    b: EncodedForms,
    fb: int,
    kind: int,
    weights: Any,
    bias: float,
    need_a: Any,
    need_b: Any,
) -> Any:
    """The pair's score and reason bits; its features, tokens and alignment stay in ``p``.

    A Korean key the rules needed but ``a`` or ``b`` has not computed is marked in
    ``need_a`` or ``need_b``: the score is then to be computed again once it is there.
    """
    first_b, at, meta_at, kor_at = _load(p, a, fa, 0, 0, 0, 0)
    nb_end, at, meta_at, kor_at = _load(p, b, fb, first_b, at, meta_at, kor_at)
    na, nb = first_b, nb_end - first_b
    p.counts[3] = first_b
    if na == 0 or nb == 0:
        for k in range(FEATURE_COUNT):
            p.vector[k] = 0.0
        p.counts[0], p.counts[1], p.counts[2] = 0, 0, 0
        p.bounds[0], p.bounds[1] = 0.0, 1.0
        return 0.0, NO_TOKENS
    for k in range(na):
        p.tokens_a[k] = k
    for k in range(nb):
        p.tokens_b[k] = first_b + k
    if na != nb:  # only then can one name join what the other splits
        na = _merge_split_words(p, p.tokens_b, nb, p.tokens_a, na, p.merged)
        for k in range(na):
            p.tokens_a[k] = p.merged[k]
        nb = _merge_split_words(p, p.tokens_a, na, p.tokens_b, nb, p.merged)
        for k in range(nb):
            p.tokens_b[k] = p.merged[k]
    _features(p, a, fa, b, fb, na, nb)
    total = 0.0
    for k in range(FEATURE_COUNT):
        total += weights[k] * p.vector[k]
    score = 1.0 / (1.0 + math.exp(-(bias + total)))
    floor, cap, reasons = _rules(p, a, fa, b, fb, kind, need_a, need_b)
    p.bounds[0], p.bounds[1] = floor, cap
    return min(max(score, floor), cap), reasons


@helper
def _lcs_rows(xc: Any, xs: int, xl: int, yc: Any, ys: int, yl: int, row: Any) -> int:
    """Longest common subsequence by the dynamic programme, one row at a time."""
    for j in range(yl + 1):
        row[j] = 0
    for i in range(1, xl + 1):
        diagonal = 0
        for j in range(1, yl + 1):
            above = row[j]
            if xc[xs + i - 1] == yc[ys + j - 1]:
                row[j] = diagonal + 1
            elif row[j - 1] > above:
                row[j] = row[j - 1]
            diagonal = above
    return int(row[yl])


@helper
def _indel_similarity(xc: Any, xs: int, xl: int, yc: Any, ys: int, yl: int, p: Pair) -> float:
    """1 - (insertions + deletions) / (both lengths): rapidfuzz's ``fuzz.ratio`` / 100.

    The longest common subsequence bit-parallel (Hyyrö 2004) when either text can be the
    pattern (ASCII, at most 64 characters: the subsequence is symmetric), else by rows.
    """
    total = xl + yl
    if total == 0:
        return 1.0
    if _fits_word(xc, xs, xl):
        common = _lcs_bits(xc, xs, xl, yc, ys, yl, p.peq)
    elif _fits_word(yc, ys, yl):
        common = _lcs_bits(yc, ys, yl, xc, xs, xl, p.peq)
    else:
        common = _lcs_rows(xc, xs, xl, yc, ys, yl, p.row)
    return 1.0 - (total - 2 * common) / total


@helper
def _lcs_bits(xc: Any, xs: int, xl: int, yc: Any, ys: int, yl: int, peq: Any) -> int:
    """Longest common subsequence of the pattern x (ASCII, at most 64 characters) and y."""
    one = np.uint64(1)
    for i in range(xl):
        peq[xc[xs + i]] |= one << np.uint64(i)
    state = ~np.uint64(0)
    for j in range(yl):
        c = yc[ys + j]
        if c < 128:
            u = state & peq[c]
            state = (state + u) | (state - u)
    for i in range(xl):
        peq[xc[xs + i]] = np.uint64(0)
    common = 0
    for i in range(xl):
        if not (state >> np.uint64(i)) & one:
            common += 1
    return common


@helper
def _choose(
    p: Pair,
    a: EncodedForms,
    a_first: int,
    a_end: int,
    b: EncodedForms,
    b_name_start: Any,
    names: Any,
    full: int,
    quick: Any,
    chosen: Any,
) -> None:
    """Mark the names worth the full score: the ``full`` best by the quick pre-score (ties:
    the earlier name), and any that reads as the same Korean syllables as the query.

    The quick pre-score is the best, over a's forms, Indel similarity of the tokens sorted
    and joined, against the name's first form.
    """
    count = len(names)
    if full <= 0 or count <= full:
        for n in range(count):
            chosen[n] = True
        return
    for n in range(count):
        chosen[n] = False
        quick[n] = -1.0
    for fa in range(a_first, a_end):
        xs, xe = a.sorted_start[fa], a.sorted_start[fa + 1]
        for n in range(count):
            fb = b_name_start[names[n]]
            ys, ye = b.sorted_start[fb], b.sorted_start[fb + 1]
            similar = _indel_similarity(a.sorted_chars, xs, xe - xs, b.sorted_chars, ys, ye - ys, p)
            if similar > quick[n]:
                quick[n] = similar
    for _ in range(full):
        best, pick = -2.0, -1
        for n in range(count):
            if not chosen[n] and quick[n] > best:
                best, pick = quick[n], n
        chosen[pick] = True
    for n in range(count):
        if chosen[n]:
            continue
        for fa in range(a_first, a_end):
            for fb in range(b_name_start[names[n]], b_name_start[names[n] + 1]):
                if _korean_equal(a, fa, b, fb):
                    chosen[n] = True


@helper
def _forms(ints: Any, chars: Any, flags: Any, weights: Any) -> EncodedForms:
    """A packed table's fields as views (see ``INT_FIELDS``)."""
    c = _CHAR_OFFSETS
    tokens = ints[_TOKEN_COUNT]
    return EncodedForms(
        ints[ints[0] : ints[1]],  # token_start
        chars[ints[c] : ints[c + 1]],  # chars
        flags[:tokens],  # token_flags
        weights,  # token_weight
        ints[ints[1] : ints[2]],  # metaphone_start
        chars[ints[c + 1] : ints[c + 2]],  # metaphone_chars
        ints[ints[2] : ints[3]],  # korean_start
        ints[ints[3] : ints[4]],  # korean_length
        chars[ints[c + 2] : ints[c + 3]],  # korean_chars
        ints[ints[4] : ints[5]],  # nickname_full
        ints[ints[5] : ints[6]],  # nickname_short
        ints[ints[6] : ints[7]],  # form_start
        ints[ints[7] : ints[8]],  # form_tokens
        flags[tokens:],  # form_flags
        ints[ints[8] : ints[9]],  # syllable_start
        ints[ints[9] : ints[10]],  # syllable_count
        ints[ints[10] : ints[11]],  # syllable_chars_start
        chars[ints[c + 3] : ints[c + 4]],  # syllable_chars
        ints[ints[11] : ints[12]],  # syllabic_start
        ints[ints[12] : ints[13]],  # syllabic_length
        chars[ints[c + 4] : ints[c + 5]],  # syllabic_chars
        ints[ints[13] : ints[14]],  # sorted_start
        chars[ints[c + 5] : ints[c + 6]],  # sorted_chars
    )


# Kernels take their arrays one by one (numba types a tuple of arrays element by element on
# every call, at ten times the cost of plain arguments) and rebuild the tuples inside.
_PAIR = len(Pair._fields)
_FORMS = 4  # a packed table: ints, chars, flags, weights
_A = _PAIR + _FORMS
_B = _A + _FORMS
_MODEL = _B + 3  # weights, need_a, need_b
_ROWS = _MODEL + 4  # a's name starts, each row's a name, b's name starts, candidates
_OUT = _ROWS + 8  # counts, scores, reasons, forms, vectors, keys asked, quick, chosen
_PAIRS = _MODEL + 1  # the (a form, b form) pairs
_ALIGNMENT = _PAIRS + 5  # scores, reasons, vectors, bounds, counts
_DETAIL = _ALIGNMENT + 6  # tokens a and b, pairs i, j and s, keys asked


@kernel
def score_rows(kind: int, bias: float, full: int, first_pass: bool, *arrays: Any) -> None:
    """Row r: a's name ``rows[r]`` (all its forms) against b's names ``candidates[r]``, the
    best form pair of each.

    With ``full`` > 0 only the candidates ``_choose`` picks are scored (``chosen``). A pass
    after the first rescores only the candidates whose scoring asked for a Korean key (the
    caller has computed it since).

    ``arrays``: the ``Pair`` scratch, a's and b's ``EncodedForms``, the model's weights,
    need_a and need_b, a's name starts, each row's a name, b's name starts, the candidates
    (rows × slots) and how many each row has, then the outputs per slot: score, reason
    bits, best (a form, b form), feature vector, whether it asked for a Korean key not yet
    computed, and whether it was scored; ``quick`` is scratch of one row's slots. Ties keep
    the first form pair met.
    """
    p = Pair(*arrays[:_PAIR])
    a = _forms(*arrays[_PAIR:_A])
    b = _forms(*arrays[_A:_B])
    weights, need_a, need_b = arrays[_B:_MODEL]
    a_name_start, rows, b_name_start, candidates = arrays[_MODEL:_ROWS]
    counts, scores, reasons, best_forms, vectors, asked, quick, chosen = arrays[_ROWS:_OUT]
    for r in range(len(rows)):
        a_first, a_end = a_name_start[rows[r]], a_name_start[rows[r] + 1]
        names = candidates[r, : counts[r]]
        if first_pass:
            _choose(p, a, a_first, a_end, b, b_name_start, names, full, quick, chosen[r])
        for n in range(counts[r]):
            if not chosen[r, n] or not (first_pass or asked[r, n]):
                continue
            name = names[n]
            best = -1.0
            before = p.counts[4]
            for fa in range(a_first, a_end):
                for fb in range(b_name_start[name], b_name_start[name + 1]):
                    score, why = _score_pair(p, a, fa, b, fb, kind, weights, bias, need_a, need_b)
                    if score > best:
                        best = score
                        scores[r, n] = score
                        reasons[r, n] = why
                        best_forms[r, n, 0], best_forms[r, n, 1] = fa, fb
                        for k in range(FEATURE_COUNT):
                            vectors[r, n, k] = p.vector[k]
            asked[r, n] = p.counts[4] != before


@kernel
def detail_pairs(kind: int, bias: float, *arrays: Any) -> None:
    """Score each (a form, b form) pair and copy out what explains it: the score, reason
    bits, features, the rules' floor and cap, and the alignment (token counts, each name's
    tokens as local ids, aligned positions and similarities).

    ``arrays``: the ``Pair`` scratch, a's and b's ``EncodedForms``, the model's weights,
    need_a and need_b, the pairs (n × 2), then the outputs, one row per pair: scores,
    reasons, vectors, bounds (floor, cap), counts (a's tokens, b's, aligned pairs), tokens
    a, tokens b, pair i, pair j, pair similarity (as wide as the scratch's tokens), and
    whether it asked for a Korean key not yet computed.
    """
    p = Pair(*arrays[:_PAIR])
    a = _forms(*arrays[_PAIR:_A])
    b = _forms(*arrays[_A:_B])
    weights, need_a, need_b = arrays[_B:_MODEL]
    pairs = arrays[_MODEL]
    scores, reasons, vectors, bounds, counts = arrays[_PAIRS:_ALIGNMENT]
    tokens_a, tokens_b, pair_i, pair_j, pair_s, asked = arrays[_ALIGNMENT:_DETAIL]
    for n in range(len(pairs)):
        before = p.counts[4]
        score, why = _score_pair(
            p, a, pairs[n, 0], b, pairs[n, 1], kind, weights, bias, need_a, need_b
        )
        asked[n] = p.counts[4] != before
        scores[n], reasons[n] = score, why
        for k in range(FEATURE_COUNT):
            vectors[n, k] = p.vector[k]
        bounds[n, 0], bounds[n, 1] = p.bounds[0], p.bounds[1]
        for k in range(3):
            counts[n, k] = p.counts[k]
        for k in range(p.counts[0]):
            tokens_a[n, k] = p.tokens_a[k]
        for k in range(p.counts[1]):
            tokens_b[n, k] = p.tokens_b[k]
        for k in range(p.counts[2]):
            pair_i[n, k], pair_j[n, k], pair_s[n, k] = p.pair_i[k], p.pair_j[k], p.pair_s[k]
