"""Korean names in any script or romanisation, to one Latin form and one lossy phonetic key.

DPRK names reach sanctions lists as McCune–Reischauer with or without breves and apostrophes
("Ch'oe Ch'un-yo'ng", "Choe Chun Yong"), Revised Romanization ("Lee Yeong-ho"), ad hoc
spellings ("Young-Chul", "Rhee", "Park", "Choi"), Hangul (리영호) and Russian Cyrillic
(Ли Ён Хо). Three functions bring them together:

* :func:`hangul_to_latin` writes Hangul the way UN and OFAC lists write DPRK names: lower case,
  family name first as one word, then each given-name syllable as its own word
  (김정은 → ``"kim jong un"``, 남궁민 → ``"namgung min"``).
* :func:`cyrillic_korean_to_latin` reads Russian spelling of Korean (Ким Чен Ын →
  ``"kim chon un"``) into the same kind of Latin.
* :func:`korean_name_key` parses any of these into syllables and gives each a **lossy key**
  that every romanisation of the same Hangul shares. It is a recall device: it also merges
  some genuinely different syllables (see "What the key merges"), so a caller compares the
  written forms, or the Hangul (:func:`hangul_syllables`), before calling two names one.

What the key merges, and why:

* aspirated, plain and tense consonants (k g kk kh k'; t d tt th; p b pp ph; ch j jj tch):
  lists drop the apostrophes and voicing follows position, not the name;
* r and l, and ㄹ/ㄴ before i or y (Ri, Li, Lee, Yi, I, Rhee; Ryu, Yu): South Korea drops
  them at the start of a word, the North keeps them; otherwise ㄹ reads as ㄴ (Ra, Na);
* ㅓ with ㅗ (MR without breves writes both "o"), ㅡ with ㅜ, ㅐ with ㅔ, ㅙ ㅚ ㅞ together,
  ㅢ with ㅣ; and in a syllable with a final consonant ㅜ/ㅡ with ㅓ/ㅗ and ㅠ with ㅕ/ㅛ,
  because "Chul", "Sung", "Kyung", "Young" are the usual ad hoc spellings of 철 성 경 영;
* final ng with n, because Russian writes both as н (Чен = 정, Ын = 은).

So 김정은 and 김종은 share a key, and so do Son and Song, Chun and Chon; Pak and Paek, Cho
and Choe, Han and Hwan, Sik and Sok, Chol and Chun stay apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from sanctionwatch.screening.korean_tables import (
    CYRILLIC_DIGRAPHS,
    CYRILLIC_LETTERS,
    CYRILLIC_VOWELS,
    FINAL_CLASSES,
    FINAL_COUNT,
    FINAL_LATIN,
    FINALS,
    HANGUL_FIRST,
    HANGUL_LAST,
    INITIAL_CLASSES,
    INITIAL_LATIN,
    MEDIAL_CLASSES,
    MEDIAL_COUNT,
    MEDIAL_LATIN,
    ONSETS,
    TWO_SYLLABLE_SURNAMES,
    VOICED_LATIN,
    VOWELS,
)

__all__ = [
    "cyrillic_korean_to_latin",
    "hangul_syllables",
    "hangul_to_latin",
    "korean_key",
    "korean_name_key",
]

_APOSTROPHES = "'’‘ʼʻ`´ʹʾʿ"  # the marks MR is typed with
_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")
# MR writes an apostrophe after n only to split syllables (Han'guk, Sin'ŭiju), never for
# aspiration, so it is a boundary like a hyphen.
_N_APOSTROPHE = re.compile(f"n[{_APOSTROPHES}]")
_SEPARATORS = re.compile(r"[\s,./;:()\[\]_\-‐‑‒–—]+")  # spaces, punctuation, dashes
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_WORD = re.compile(r"[a-z]+")

_CACHE_SIZE = 1 << 17
_VOWEL_STARTS = frozenset("aeiouwy")
_SINGLE_CODAS = frozenset({"n", "m", "k", "p", "t", "l", "b"})
_CLOSED_VOWELS = {"u": "o", "yu": "yo"}
_VOICED_FINALS = frozenset({"", "n", "l", "m", "ng"})
_CYRILLIC_CODAS = frozenset("нмклпрт")
_CYRILLIC_GLIDES = {"а": "wa", "о": "wo", "и": "wi", "е": "oe", "э": "wae", "у": "u", "ы": "u"}


# --- Hangul -------------------------------------------------------------------------------


def _jamo(char: str) -> tuple[int, int, int]:
    index = ord(char) - HANGUL_FIRST
    return (
        index // (MEDIAL_COUNT * FINAL_COUNT),
        (index // FINAL_COUNT) % MEDIAL_COUNT,
        index % FINAL_COUNT,
    )


def _is_hangul(char: str) -> bool:
    return HANGUL_FIRST <= ord(char) <= HANGUL_LAST


def hangul_syllables(text: str) -> list[tuple[int, int, int]]:
    """The (initial, medial, final) jamo indices of each Hangul syllable in ``text``.

    Other characters are skipped. Two Hangul names are the same name exactly when these
    lists are equal; use it where the lossy key is not enough (김정은 vs 김종은).
    """
    return [_jamo(char) for char in text if _is_hangul(char)]


def _latin_syllable(jamo: list[tuple[int, int, int]], index: int, voice: bool) -> str:
    initial, medial, final = jamo[index]
    onset = INITIAL_LATIN[initial]
    if voice and initial in VOICED_LATIN and FINAL_CLASSES[jamo[index - 1][2]] in _VOICED_FINALS:
        onset = VOICED_LATIN[initial]
    return onset + MEDIAL_LATIN[medial] + FINAL_LATIN[final]


def _join(run: str, jamo: list[tuple[int, int, int]], stop: int) -> str:
    """Syllables ``0..stop`` of ``run`` as one word, hyphenated where a reader would split
    them elsewhere (선우 → "son-u", not "sonu", which reads as 소누)."""
    word = _latin_syllable(jamo, 0, voice=False)
    for index in range(1, stop):
        syllable = _latin_syllable(jamo, index, voice=True)
        pair = _latin_syllable(jamo, index - 1, voice=index > 1) + syllable
        expected = (_hangul_key(run[index - 1]), _hangul_key(run[index]))
        word += syllable if _token_keys(pair) == expected else "-" + syllable
    return word


def _romanise_run(run: str, names: bool) -> str:
    jamo = [_jamo(char) for char in run]
    if not (names and 2 <= len(run) <= 4):
        return _join(run, jamo, len(run))
    surname = 2 if len(run) >= 3 and run[:2] in TWO_SYLLABLE_SURNAMES else 1
    family = _join(run, jamo, surname)
    # The given name is a word of its own: its first syllable is not voiced (Pak Pong Nam),
    # the later ones are (Jon Myong Guk).
    given = [_latin_syllable(jamo, i, voice=i > surname) for i in range(surname, len(run))]
    return " ".join([family, *given])


def hangul_to_latin(text: str, *, names: bool = True) -> str:
    """Romanise the Hangul in ``text`` as DPRK names appear on UN and OFAC lists.

    McCune–Reischauer without breves or apostrophes, in DPRK usage: initial ㄹ is "r"
    (리 → "ri", 류 → "ryu"), ㅓ is "o", ㅡ is "u", ㅈ is "j", ㅊ is "ch", ㅅ is "s";
    ㄱ ㄷ ㅂ are voiced (g d b) after a vowel or n/l/m/ng inside a word. Output is lower case.

    With ``names`` (the default) a run of 2 to 4 Hangul syllables is read as a person's name:
    the family name (one syllable, or two for 남궁 황보 제갈 선우 독고 …) as one word, then
    each syllable of the given name as its own word, as the lists write them:
    김정은 → "kim jong un", 리영호 → "ri yong ho", 남궁민 → "namgung min". Other runs
    become one word. Characters that are not Hangul syllables pass through unchanged.
    """
    return _HANGUL_RUN.sub(lambda match: _romanise_run(match.group(), names), text)


@cache
def _hangul_key(char: str) -> str:
    initial, medial, final = _jamo(char)
    return _syllable_key(INITIAL_CLASSES[initial], MEDIAL_CLASSES[medial], FINAL_CLASSES[final])


# --- Cyrillic -----------------------------------------------------------------------------


def _cyrillic_closed(text: str, index: int) -> bool:
    """Whether the vowel at ``index`` ends in a consonant (a coda, not the next onset)."""
    following = text[index + 1 : index + 2]
    if not following or following not in _CYRILLIC_CODAS:
        return False
    return text[index + 2 : index + 3] not in CYRILLIC_VOWELS


def cyrillic_korean_to_latin(text: str) -> str:
    """Read Russian spelling of Korean names (Kontsevich and older practice) as Latin.

    Ким Чен Ын → "kim chon un", Ли Ён Хо → "li yon ho", Пак → "pak", Кён → "kyon",
    Чхве → "choe", Ким Ир Сен → "kim il son". Aspirates lose their х (чх → ch), чж is "j",
    в before a vowel is the w of ㅘ ㅝ ㅟ ("Гван" → "gwan"), and р not followed by a vowel is
    a final l ("Ир" → "il"). Russian е is ㅓ in a closed syllable (Чен, Сен) and ㅔ in an
    open one (Се); at the start of a syllable it is ㅕ/ㅖ (Ен → "yon"). Russian н is both
    final n and final ng, so the Latin says "n"; :func:`korean_key` merges n and ng for that
    reason. The result is lower case; non-Cyrillic characters pass through.
    """
    source = text.lower()
    out: list[str] = []
    index = 0
    while index < len(source):
        char = source[index]
        pair = source[index : index + 2]
        previous = source[index - 1] if index else ""
        following = source[index + 1 : index + 2]
        if pair in CYRILLIC_DIGRAPHS:
            out.append(CYRILLIC_DIGRAPHS[pair])
            index += 2
            continue
        if char == "в" and following in _CYRILLIC_GLIDES:
            out.append(_CYRILLIC_GLIDES[following])
            index += 2
            continue
        if char == "в":
            out.append("b")
        elif char == "е":
            starts = not previous or not _CYRILLIC.match(previous) or previous in "ьъй"
            starts = starts or previous in CYRILLIC_VOWELS
            closed = _cyrillic_closed(source, index)
            out.append(("yo" if closed else "ye") if starts else ("o" if closed else "e"))
        elif char == "й":
            # After a vowel it closes a diphthong (Цой, ый); before one, the vowel after it
            # already carries the y (йе is read like a syllable-initial е).
            out.append("i" if previous in CYRILLIC_VOWELS else "")
        elif char == "р":
            out.append("r" if following in CYRILLIC_VOWELS else "l")
        else:
            out.append(CYRILLIC_LETTERS.get(char, char))
        index += 1
    return "".join(out)


# --- Latin: a syllable grammar, every reading weighed by dynamic programming ---------------


class _Syllable(NamedTuple):
    onset: str  # as spelled, keys of ONSETS
    vowel: str  # keys of VOWELS
    silent: str  # "h" (Ahn, Suh, Roh) or "r" (Park), else ""
    final: str  # keys of FINALS, or ""
    length: int  # letters in all


@lru_cache(maxsize=1)
def _spellings() -> dict[str, tuple[_Syllable, ...]]:
    """Every written form of a syllable, with the readings it can have."""
    table: dict[str, list[_Syllable]] = {}
    for onset in ONSETS:
        for vowel in VOWELS:
            # "uh" is ㅓ ("Suh", "Huh"), so a silent h never follows u.
            silents = ["", "h"] if vowel[-1] not in "uh" else [""]
            silents += ["r"] if VOWELS[vowel] == "a" else []
            for silent in silents:
                for final in ["", *FINALS]:
                    if silent == "r" and final != "k":
                        continue  # only "Park"
                    spelled = onset + vowel + silent + final
                    syllable = _Syllable(onset, vowel, silent, final, len(spelled))
                    table.setdefault(spelled, []).append(syllable)
    return {spelled: tuple(readings) for spelled, readings in table.items()}


_LONGEST_SPELLING = 3 + 3 + 1 + 2  # tch/woo/yeo…, a silent h or r, ng
_LETTERS = frozenset("abcdeghijklmnoprstuwy")


def _candidates(word: str, start: int) -> list[_Syllable]:
    """Every syllable the grammar can read at ``start``: onset? vowel silent? final?"""
    table = _spellings()
    found: list[_Syllable] = []
    for end in range(start + 1, min(len(word), start + _LONGEST_SPELLING) + 1):
        for syllable in table.get(word[start:end], ()):
            # A written h after the vowel is silent only if it does not start the next
            # syllable: at the end of the word or before a consonant (Ahn, Suh, Roh).
            silent_h = syllable.silent == "h" or syllable.vowel.endswith("h")
            if silent_h and not syllable.final and word[end : end + 1] in _VOWEL_STARTS:
                continue
            found.append(syllable)
    return found


def _prefers_onset(consonant: str, vowel_start: str) -> bool:
    """Between two vowels, does ``consonant`` start the next syllable rather than end this?

    Chosen to read joined given names the way they are hyphenated: "Sunam" is Su-nam but
    "Sunil" is Sun-il; "Sukwang" is Su-kwang but "Sokil" is Sok-il; ng and l always end
    a syllable ("Yongil", "Chollima"); m starts one ("Sumin").
    """
    if consonant in ("ng", "l"):
        return False
    if consonant == "n":
        return vowel_start in "aeou"
    if consonant == "m":
        return vowel_start not in "wy"
    if consonant in ("k", "p", "t"):
        return vowel_start in "wy"
    return True  # b, and letters that cannot end a syllable at all


def _boundary_penalty(left: _Syllable, right: _Syllable) -> int:
    if left.silent:
        return 0
    vowel_start = right.vowel[0]
    if left.final and not right.onset:
        return int(_prefers_onset(left.final, vowel_start))
    if not left.final and right.onset in _SINGLE_CODAS:
        return int(not _prefers_onset(right.onset, vowel_start))
    if left.final == "n" and right.onset == "g":
        return 1  # "Pyongyang" is Pyong-yang, not Pyon-gyang
    return 0


# A reading's cost: fewest syllables, then fewest dispreferred boundaries, then the longest
# syllables first (negated lengths, compared in order); and the syllables themselves.
_Reading = tuple[int, int, tuple[int, ...], tuple[_Syllable, ...]]
_END: dict[tuple[str, str], _Reading] = {("", ""): (0, 0, (), ())}


def _parse(word: str) -> tuple[_Syllable, ...] | None:
    """The preferred reading of one Latin word as Korean syllables, or None.

    Dynamic programming from the right: for each position, the best reading of the rest
    for each kind of first syllable (its onset and the first letter of its vowel), which is
    all the boundary preference of the syllable before it depends on.
    """
    if not word or not _LETTERS.issuperset(word):
        return None
    best: list[dict[tuple[str, str], _Reading]] = [{} for _ in word]
    best.append(_END)
    for start in range(len(word) - 1, -1, -1):
        here = best[start]
        for syllable in _candidates(word, start):
            rests = best[start + syllable.length]
            choice: _Reading | None = None
            for count, penalty, lengths, rest in rests.values():
                if rest:
                    penalty += _boundary_penalty(syllable, rest[0])
                cost = (count + 1, penalty, (-syllable.length, *lengths), (syllable, *rest))
                if choice is None or cost[:3] < choice[:3]:
                    choice = cost
            head = (syllable.onset, syllable.vowel[0])
            if choice is not None and (head not in here or choice[:3] < here[head][:3]):
                here[head] = choice
    if not best[0]:
        return None
    return min(best[0].values(), key=lambda reading: reading[:3])[3]


@lru_cache(maxsize=1)
def _last_letters() -> frozenset[str]:
    """The letters a Korean syllable's spelling can end with (no word ends in c, d, j, s…)."""
    return frozenset(spelled[-1] for spelled in _spellings())


def _may_read(token: str) -> bool:
    """False when a plain Latin token cannot read as Korean syllables: a cheap necessary
    test ahead of the parse (its last letter ends no syllable); other tokens may."""
    if not (token.isascii() and token.isalpha()):
        return True
    return token[-1].lower() in _last_letters()


def _syllable_key(onset: str, vowel: str, final: str) -> str:
    """The key of one syllable from its classes; every merge that depends on context."""
    if final:
        vowel = _CLOSED_VOWELS.get(vowel, vowel)
        if final == "ng":
            final = "n"
    if onset in ("r", "n"):
        onset = "" if vowel[0] in "iy" else "n"
    return onset + vowel + final


def _latin_words(token: str) -> list[str] | None:
    """``token`` as lower-case a–z words (breves, apostrophes and hyphens gone), or None."""
    text = _APOSTROPHE.sub("", _N_APOSTROPHE.sub("n-", token.lower()))
    text = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    words = [word for word in _SEPARATORS.split(text) if word]
    if not all(_LATIN_WORD.fullmatch(word) for word in words):
        return None
    return words


@lru_cache(maxsize=_CACHE_SIZE)
def _token_keys(token: str) -> tuple[str, ...] | None:
    """The syllable keys of one token in any script, or None if it is not Korean."""
    if _HANGUL.search(token):
        if not all(_is_hangul(char) for char in token):
            return None
        return tuple(_hangul_key(char) for char in token)
    if _CYRILLIC.search(token):
        token = cyrillic_korean_to_latin(token)
    words = _latin_words(token)
    if not words:
        return None
    keys: list[str] = []
    for word in words:
        parse = _parse(word)
        if parse is None:
            return None
        keys.extend(
            _syllable_key(ONSETS[s.onset], VOWELS[s.vowel], FINALS.get(s.final, "")) for s in parse
        )
    return tuple(keys)


def korean_key(token: str) -> str | None:
    """The lossy phonetic key of one romanised (or Hangul, or Cyrillic) Korean token.

    The token may hold one syllable or several, joined or hyphenated ("yong-ho", "yongho",
    "Ch'oe", "kyo'ng", "yeong", "young" → "yon"); the key is the syllable keys run together,
    so ``korean_key("yongho") == korean_key("yong") + korean_key("ho")``. Returns None when
    the token cannot be read as Korean syllables ("Mohammed", "Bank", "Scholz"); many short
    words of other languages do read ("Bin", "Son"), which is fine for a key used only to
    compare names that both read as Korean. See the module docstring for what it merges.
    """
    keys = _token_keys(token)
    return "".join(keys) if keys else None


@lru_cache(maxsize=_CACHE_SIZE)
def korean_name_key(name: str) -> tuple[str, ...] | None:
    """Per-syllable keys of a whole name, in written order, or None if any token is not Korean.

    Tokens split on spaces, hyphens and punctuation, then into syllables, so "Ri Yong Ho",
    "Lee Yeong-ho", "Yi Yong-ho", "Ли Ён Хо" and 리영호 all give ``("i", "yon", "ho")``.
    Order is kept: comparing "Han Jang Su" with "Chang-Su Han" is the caller's rotation.
    """
    tokens = [token for token in _SEPARATORS.split(name) if token]
    if not all(map(_may_read, tokens)):  # most foreign names: no syllable parse at all
        return None
    keys: list[str] = []
    for token in tokens:
        token_keys = _token_keys(token)
        if token_keys is None:
            return None
        keys.extend(token_keys)
    return tuple(keys) or None
