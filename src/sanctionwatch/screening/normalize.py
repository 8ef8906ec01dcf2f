"""Names to comparable tokens: one Latin script, case, punctuation, legal forms, numbers.

Every name is normalised once (cached), so scoring a pair only compares tokens. A name
may have more than one comparable form: a Cyrillic name is read both as Russian and as
Russian spelling of Korean (Ким Чен Ын), and the scorer takes the better form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from normality import ascii_text
from rigour.names.org_types import replace_org_types_compare

from sanctionwatch.screening.korean import (
    cyrillic_korean_to_latin,
    hangul_syllables,
    hangul_to_latin,
    korean_name_key,
)

ORGANISATION_SCHEMAS = frozenset({"Organization", "Company", "LegalEntity", "PublicBody"})

# Words that name what kind of body something is rather than which one: they count for
# little when two names are compared ("Korea Ryonbong General Corporation" vs "Ryonbong").
WEAK_TOKENS = frozenset(
    {
        "the", "of", "and", "for", "de", "del", "la", "le", "du", "des", "al", "el", "bin", "ibn",
        "company", "corporation", "corp", "co", "group", "general", "trading", "holding",
        "holdings", "international", "intl", "limited", "ltd", "inc", "llc", "coop", "jsc",
        "ao", "pjsc", "ojsc", "cjsc", "oao", "zao", "ooo", "plc", "gmbh", "ag", "sa", "bv", "nv",
        "srl", "spa", "pte", "pty", "llp", "lp", "kg", "sarl", "sas", "ab", "oy", "as", "aps",
        "kk", "fze", "fzco", "fzc", "dmcc", "enterprise", "enterprises", "firm", "association",
        # The country in a body's name: "Korea Ryonbong" is "Ryonbong", "DPRK Namgang" too.
        "korea", "dprk", "choson", "chosun", "democratic", "peoples", "republic",
    }
)  # fmt: skip

# Honorifics and titles that are not part of who someone is.
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "monsieur", "madame", "herr",
        "frau", "senor", "senora", "sheikh", "shaykh", "haji", "hajji", "general", "colonel",
        "captain", "capt", "gen", "col", "lt", "maj", "major", "admiral", "president",
    }
)  # fmt: skip

_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "first": "1",
    "second": "2", "third": "3", "fourth": "4", "fifth": "5",
}  # fmt: skip
# Roman numerals that are not also common name tokens ("Xi", "Vi", "Di" stay names; "I" and
# "V" are too ambiguous outside vessel names).
_ROMAN = {
    "ii": "2", "iii": "3", "iv": "4", "vii": "7", "viii": "8", "ix": "9", "xii": "12",
    "xiii": "13", "xiv": "14", "xv": "15", "xvi": "16", "xvii": "17", "xviii": "18", "xix": "19",
    "xx": "20",
}  # fmt: skip
_VESSEL_ROMAN = {"i": "1", "v": "5", "vi": "6", "x": "10", "xi": "11"}
# Generic words of bodies' names, one spelling each (rigour leaves these whole).
_ORGANISATION_WORDS = {
    "corporation": "corp", "company": "co", "limited": "ltd", "incorporated": "inc",
    "international": "intl", "cooperation": "coop", "cooperative": "coop",
    "shpg": "shipping", "industrial": "industry", "banking": "bank", "korean": "korea",
}  # fmt: skip
_NUMBER_PREFIXES = frozenset({"no", "nr", "num", "number"})
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_ACRONYM_ASIDE = re.compile(r"\(\s*[A-Z][A-Z0-9&.\-]{1,11}\s*\)")
_APOSTROPHES = re.compile(r"['’‘`ʼʻ´]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_DIGIT_RUNS = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_NON_LATIN = re.compile(r"[^\x00-\x7f]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_SYLLABIC = re.compile(r"[\uac00-\ud7a3\u3400-\u4dbf\u4e00-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


_RIEUL, _NIEUN, _IEUNG = 5, 2, 11  # initial jamo indices of ㄹ, ㄴ, ㅇ
_I_OR_Y_VOWELS = frozenset({2, 3, 6, 7, 12, 17, 20})  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ


def syllabic_key(name: str) -> str | None:
    """The name's Hangul and Han characters, Hangul spelt the South's way at each syllable.

    North Korea writes 리, 룡, 라 where the South writes 이, 용, 나 (the initial-sound
    rule), so 리영길 and 이영길 are one spelling here; any other difference stays.
    """
    characters = _SYLLABIC.findall(name)
    if not characters:
        return None
    key = []
    for char in characters:
        if not _HANGUL.match(char):
            key.append(char)
            continue
        initial, medial, final = hangul_syllables(char)[0]
        if initial in (_RIEUL, _NIEUN) and medial in _I_OR_Y_VOWELS:
            initial = _IEUNG
        elif initial == _RIEUL:
            initial = _NIEUN
        key.append(chr(0xAC00 + (initial * 21 + medial) * 28 + final))
    return "".join(key)


@dataclass(frozen=True, slots=True)
class NameForm:
    """One comparable reading of a name.

    ``tokens`` are lower-case ASCII words in their written order, numbers as digits;
    ``korean`` is the lossy per-syllable key when every token reads as Korean syllables;
    ``syllabic`` is the name's Hangul and Han characters, kept to compare two such names
    character by character.
    """

    tokens: tuple[str, ...]
    korean: tuple[str, ...] | None
    syllabic: str | None
    transliterated: bool


def _to_latin(name: str) -> tuple[str, bool]:
    """The name in ASCII Latin, and whether that needed transliteration."""
    text = unicodedata.normalize("NFKC", name)
    if not _NON_LATIN.search(text):
        return text, False
    if _HANGUL.search(text):
        text = hangul_to_latin(text)
    # Strip apostrophe-like marks before ASCII-folding, which would turn some into quotes.
    return ascii_text(_APOSTROPHES.sub("", text)) or "", True


def _number_token(token: str, vessel: bool) -> str:
    ordinal = _ORDINAL.match(token)
    if ordinal:
        return ordinal.group(1).lstrip("0") or "0"
    if token.isdigit():
        return token.lstrip("0") or "0"
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS[token]
    if token in _ROMAN:
        return _ROMAN[token]
    if vessel and token in _VESSEL_ROMAN:
        return _VESSEL_ROMAN[token]
    return token


def _join_tens(words: list[str]) -> list[str]:
    """ "forty four" / "fourty-four" → "44"; "twenty" → "20"."""
    joined: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in _TENS:
            value = _TENS[word]
            following = words[index + 1] if index + 1 < len(words) else ""
            unit = _NUMBER_WORDS.get(following, "")
            if unit.isdigit() and int(unit) < 10:
                value += int(unit)
                index += 1
            joined.append(str(value))
        else:
            joined.append(word)
        index += 1
    return joined


def tokenize(text: str, schema: str) -> tuple[str, ...]:
    """Lower-case ASCII tokens of an already-Latin name, with numbers as digits."""
    organisation = schema in ORGANISATION_SCHEMAS
    vessel = schema == "Vessel"
    person = not organisation and not vessel
    if organisation:
        text = _ACRONYM_ASIDE.sub(" ", text)  # "FOREIGN TRADE BANK (FTB)": FTB is an alias
    text = text.lower().replace("&", " and ")
    if organisation:
        # Legal forms to one spelling each ("Limited" → "ltd", "Aktiengesellschaft" → "ag").
        text = replace_org_types_compare(text)
    text = _APOSTROPHES.sub("", text)
    words = _join_tens(_SEPARATORS.sub(" ", _DIGIT_RUNS.sub(" ", text)).split())
    tokens: list[str] = []
    for index, word in enumerate(words):
        if word in TITLES and not organisation and len(words) > 2:
            continue
        if word in _NUMBER_PREFIXES and index + 1 < len(words):
            following = _number_token(words[index + 1], vessel)
            if following.isdigit():
                continue  # "NO. 2" → "2"
        if organisation:
            word = _ORGANISATION_WORDS.get(word, word)
        # A person's first word stays a word ("Ten" is a name); a body's may be a number.
        tokens.append(_number_token(word, vessel) if index > 0 or not person else word)
    return tuple(_join_letters(tokens)) if organisation else tuple(tokens)


def _join_letters(tokens: list[str]) -> list[str]:
    """Runs of single letters are one abbreviation in a body's name: "A.B.C." → "abc"."""
    joined: list[str] = []
    run = ""
    for token in [*tokens, ""]:
        if len(token) == 1 and token.isalpha():
            run += token
            continue
        if run:
            joined.append(run)
            run = ""
        if token:
            joined.append(token)
    return joined


def person_order(name: str) -> str:
    """ "KIM, Yong Chol" → "Yong Chol KIM": lists put the family name first with a comma."""
    if name.count(",") == 1:
        family, given = (part.strip() for part in name.split(","))
        if family and given:
            return f"{given} {family}"
    return name


@lru_cache(maxsize=200_000)
def name_forms(name: str, schema: str) -> tuple[NameForm, ...]:
    """Every comparable reading of ``name`` (at least one; empty tokens if nothing is left)."""
    if schema == "Person":
        name = person_order(name)
    latin, transliterated = _to_latin(name)
    tokens = tokenize(latin, schema)
    syllabic = syllabic_key(name)
    person_like = schema not in ORGANISATION_SCHEMAS and schema != "Vessel"
    # DPRK ships carry Korean names too (CHON MA SAN), so vessels get the Korean key.
    korean_like = person_like or schema == "Vessel"
    words = [t for t in tokens if not t.isdigit()]  # numbers are compared apart
    korean = korean_name_key(" ".join(words)) if words and korean_like else None
    forms = [NameForm(tokens, korean, syllabic, transliterated)]
    if person_like and _CYRILLIC.search(name):
        # Russian writes Korean names its own way (Ким Чен Ын); read that way too.
        reading = cyrillic_korean_to_latin(unicodedata.normalize("NFKC", name))
        korean_tokens = tokenize(reading, schema)
        key = korean_name_key(" ".join(korean_tokens)) if korean_tokens else None
        if key is not None and korean_tokens != tokens:
            forms.append(NameForm(korean_tokens, key, None, True))
    return tuple(forms)


_BRACKETS = re.compile(r"\([^)]*\)")


def fingerprint(name: str) -> str:
    """A sorted, de-duplicated, lower-case ASCII key of a name, legal forms normalised.

    Two names with the same fingerprint differ only in case, punctuation, order,
    repetition, titles, a bracketed aside or the spelling of a legal form.
    """
    latin, _ = _to_latin(_BRACKETS.sub(" ", name))
    tokens = [t for t in tokenize(latin, "LegalEntity") if t not in TITLES]
    return " ".join(sorted(set(tokens)))
