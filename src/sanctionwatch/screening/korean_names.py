"""Does a name read as a Korean personal name? Family name plus one or two syllables.

The syllable grammar of ``korean.py`` reads many non-Korean words (Obama, Michelle), so
the strict rules that treat two Korean names with different syllables as different
people apply only to names that look like Korean names: two to four syllables, one of
the family names below at the front or the back.
"""

from __future__ import annotations

from functools import lru_cache

from sanctionwatch.screening.korean import korean_name_key

# The commonest Korean family names in the spellings lists and passports use (Statistics
# Korea's census ranks them; DPRK spellings from the UN and OFAC lists).
_FAMILY_NAME_TEXT = (
    "kim gim kimm ri lee yi rhee i li pak park bak paek baek back choe choi chwe jong jeong "
    "chong chung jung kang gang cho jo yun yoon jang chang im rim lim han o oh so seo suh "
    "sin shin kwon gwon hwang an ahn song ryu yu yoo hong jon jeon chon chun ko go koh mun "
    "moon yang son sohn pae bae ho heo hur nam sim shim no roh noh ha kwak gwak cha ju chu "
    "u woo ku koo gu min ra na jin chin ji chi om eom um chae won pang bang kong gong hyon "
    "hyun ham pyon byun byon yom yeom yo yeo to do sok seok ma kil gil wi tak thak ryom yom "
    "kye gye sol seol"
)
_FAMILY_NAMES = _FAMILY_NAME_TEXT.split()


@lru_cache(maxsize=1)
def family_name_keys() -> frozenset[str]:
    keys = set()
    for name in _FAMILY_NAMES:
        key = korean_name_key(name)
        if key is not None and len(key) == 1:
            keys.add(key[0])
    return frozenset(keys)


def looks_korean(key: tuple[str, ...] | None) -> bool:
    """True for the syllable key of a Korean-looking personal name."""
    if key is None or not 2 <= len(key) <= 4:
        return False
    families = family_name_keys()
    return key[0] in families or key[-1] in families
