"""The tables behind ``korean.py``: Hangul jamo, their Latin and Cyrillic spellings, key classes.

A precomposed Hangul syllable is U+AC00 + (initial * 21 + medial) * 28 + final, with 19
initials, 21 medials and 28 finals (final 0 = none). Each jamo gets

* a **class** for the lossy phonetic key: the letters every romanisation agrees on once
  aspiration, tenseness and voicing are ignored (ㄱ ㄲ ㅋ are all ``k``), and
* a **Latin spelling** in the style DPRK names take on UN and OFAC lists: McCune–Reischauer
  without breves or apostrophes, ㅈ as ``j``, initial ㄹ as ``r``, ㅅ always ``s``.

The Latin spelling tables (``ONSETS``, ``VOWELS``, ``FINALS``) list every way the three main
systems and ad hoc usage write each class, so a romanised token can be parsed back to classes.
"""

from __future__ import annotations

HANGUL_FIRST = 0xAC00
HANGUL_LAST = 0xD7A3
MEDIAL_COUNT = 21
FINAL_COUNT = 28

# One row per jamo, in Unicode order: (jamo, key class, Latin spelling).
# Initial classes: k t p c(ㅈ ㅉ ㅊ) s h m n r, and "" for ㅇ, which has no sound.
INITIALS: tuple[tuple[str, str, str], ...] = (
    ("ㄱ", "k", "k"), ("ㄲ", "k", "kk"), ("ㄴ", "n", "n"), ("ㄷ", "t", "t"), ("ㄸ", "t", "tt"),
    ("ㄹ", "r", "r"), ("ㅁ", "m", "m"), ("ㅂ", "p", "p"), ("ㅃ", "p", "pp"), ("ㅅ", "s", "s"),
    ("ㅆ", "s", "ss"), ("ㅇ", "", ""), ("ㅈ", "c", "j"), ("ㅉ", "c", "jj"), ("ㅊ", "c", "ch"),
    ("ㅋ", "k", "k"), ("ㅌ", "t", "t"), ("ㅍ", "p", "p"), ("ㅎ", "h", "h"),
)  # fmt: skip
# MR voices plain ㄱ ㄷ ㅂ after a voiced sound inside a name ("Jon Myong Guk", "Ri Man Gon").
VOICED_LATIN = {0: "g", 3: "d", 7: "b"}

# Vowel classes: ㅓ joins ㅗ as "o" (MR without breves cannot tell them apart), ㅡ joins ㅜ as
# "u", ㅐ joins ㅔ, the three w-e vowels (ㅙ ㅚ ㅞ) are one, ㅢ reads as ㅣ ("Hui" / "Hee").
MEDIALS: tuple[tuple[str, str, str], ...] = (
    ("ㅏ", "a", "a"), ("ㅐ", "e", "ae"), ("ㅑ", "ya", "ya"), ("ㅒ", "ye", "yae"),
    ("ㅓ", "o", "o"), ("ㅔ", "e", "e"), ("ㅕ", "yo", "yo"), ("ㅖ", "ye", "ye"),
    ("ㅗ", "o", "o"), ("ㅘ", "wa", "wa"), ("ㅙ", "we", "wae"), ("ㅚ", "we", "oe"),
    ("ㅛ", "yo", "yo"), ("ㅜ", "u", "u"), ("ㅝ", "wo", "wo"), ("ㅞ", "we", "we"),
    ("ㅟ", "wi", "wi"), ("ㅠ", "yu", "yu"), ("ㅡ", "u", "u"), ("ㅢ", "i", "ui"), ("ㅣ", "i", "i"),
)  # fmt: skip

# Finals as pronounced at the end of a syllable (ㅅ ㅈ ㅊ ㅌ ㅎ → t; clusters by their usual
# reading), spelled as classed. "ng" stays distinct here; the key merges it with "n".
FINALS_BY_JAMO: tuple[tuple[str, str], ...] = (
    ("", ""), ("ㄱ", "k"), ("ㄲ", "k"), ("ㄳ", "k"), ("ㄴ", "n"), ("ㄵ", "n"), ("ㄶ", "n"),
    ("ㄷ", "t"), ("ㄹ", "l"), ("ㄺ", "k"), ("ㄻ", "m"), ("ㄼ", "l"), ("ㄽ", "l"), ("ㄾ", "l"),
    ("ㄿ", "p"), ("ㅀ", "l"), ("ㅁ", "m"), ("ㅂ", "p"), ("ㅄ", "p"), ("ㅅ", "t"), ("ㅆ", "t"),
    ("ㅇ", "ng"), ("ㅈ", "t"), ("ㅊ", "t"), ("ㅋ", "k"), ("ㅌ", "t"), ("ㅍ", "p"), ("ㅎ", "t"),
)  # fmt: skip

INITIAL_CLASSES = tuple(row[1] for row in INITIALS)
INITIAL_LATIN = tuple(row[2] for row in INITIALS)
MEDIAL_CLASSES = tuple(row[1] for row in MEDIALS)
MEDIAL_LATIN = tuple(row[2] for row in MEDIALS)
FINAL_CLASSES = tuple(row[1] for row in FINALS_BY_JAMO)
FINAL_LATIN = FINAL_CLASSES

# Family names of two syllables, romanised as one word ("Namgung Min").
TWO_SYLLABLE_SURNAMES = frozenset(
    {"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방", "어금", "망절"}
)

# Latin spellings → class. Covers MR (breves and apostrophes already stripped), the DPRK's
# own system (kh th ph for aspirates), Revised Romanization and common ad hoc spellings.
ONSETS: dict[str, str] = {
    "": "",
    "k": "k", "g": "k", "kk": "k", "kh": "k", "gg": "k",
    "t": "t", "d": "t", "tt": "t", "th": "t", "dd": "t",
    "p": "p", "b": "p", "pp": "p", "ph": "p", "bb": "p",
    "ch": "c", "j": "c", "jj": "c", "tch": "c", "chh": "c", "cch": "c",
    "s": "s", "ss": "s", "sh": "s",
    "h": "h", "m": "m", "n": "n",
    "r": "r", "l": "r", "rh": "r",
}  # fmt: skip

VOWELS: dict[str, str] = {
    "a": "a",
    "ae": "e", "ai": "e", "e": "e",
    "ya": "ya",
    "yae": "ye", "ye": "ye",
    "o": "o", "eo": "o", "uh": "o",
    "yo": "yo", "yeo": "yo",
    "wa": "wa",
    "wae": "we", "oe": "we", "oi": "we", "we": "we",
    "u": "u", "eu": "u", "oo": "u", "ou": "u", "woo": "u", "wu": "u",
    "wo": "wo", "weo": "wo",
    "wi": "wi",
    "yu": "yu", "yoo": "yu", "you": "yu",
    "i": "i", "ee": "i", "yi": "i", "ui": "i", "eui": "i",
}  # fmt: skip

# "b" is ad hoc for ㅂ ("Seung Sub"); "d" and "g" are left out so that "Mohammed" and the
# like do not read as Korean.
FINALS: dict[str, str] = {
    "k": "k", "n": "n", "ng": "ng", "l": "l", "m": "m", "p": "p", "t": "t", "b": "p",
}  # fmt: skip

# Cyrillic (Kontsevich and the older Russian practice: Ким Чен Ын, Ким Ир Сен) → Latin.
# Digraphs first; vowels, в, е, й and р depend on their neighbours (see korean.py).
CYRILLIC_DIGRAPHS: dict[str, str] = {
    "чх": "ch", "чж": "j", "чч": "jj", "кх": "k", "тх": "t", "пх": "p",
    "кк": "kk", "тт": "tt", "пп": "pp", "сс": "ss",
}  # fmt: skip
CYRILLIC_LETTERS: dict[str, str] = {
    "к": "k", "г": "g", "т": "t", "д": "d", "п": "p", "б": "b", "ф": "p",
    "с": "s", "ш": "sh", "щ": "sh", "ч": "ch", "ц": "ch", "ж": "j", "з": "j",
    "х": "h", "м": "m", "н": "n", "л": "l",
    "а": "a", "о": "o", "у": "u", "ы": "u", "и": "i", "э": "ae",
    "ё": "yo", "ю": "yu", "я": "ya",
    "ь": "", "ъ": "",
}  # fmt: skip
CYRILLIC_VOWELS = frozenset("аоуыиэеёюя")
