"""Company or organisation: the one rule every list reader applies.

An entity is a FollowTheMoney ``Company`` only when one of its names states a legal
form; everything else (ministries, banks, armed groups) stays ``Organization``,
which makes no claim about incorporation. "CORPORATION" does not count: the DPRK
uses it for state bodies and trading arms whose legal form is unknown (KOMID is
"KOREA MINING DEVELOPMENT TRADING CORPORATION").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Compared as tokens after removing dots, so "CO., LTD." → {"CO", "LTD"} and "S.A." → "SA";
# hyphenated words stay whole, so "CO-OPERATIVE" is not "CO". "AS" is left out: too many
# names hold it as a word.
LEGAL_FORMS = frozenset(
    {
        "AG", "AO", "BHD", "BV", "CJSC", "CO", "COMPANY", "CORP", "DMCC",
        "FZC", "FZCO", "FZE", "GMBH", "INC", "INCORPORATED", "JSC", "KFT", "LDA", "LIMITED",
        "LLC", "LLP", "LTD", "LTDA", "NV", "OAO", "OJSC", "OOO", "PAO", "PJSC", "PLC", "PTE",
        "PTY", "SA", "SAC", "SARL", "SAS", "SPA", "SRL", "SRO", "TOO", "ZAO",
        "AKTSIONERNOE", "OBSHCHESTVO",
    }
)  # fmt: skip
_TOKENS = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")


def is_company_name(name: str) -> bool:
    """True when ``name`` states a company legal form."""
    return not LEGAL_FORMS.isdisjoint(_TOKENS.findall(name.upper().replace(".", "")))


def entity_schema(names: Iterable[str]) -> str:
    """``Company`` when any of the names states a legal form, else ``Organization``."""
    return "Company" if any(is_company_name(n) for n in names) else "Organization"
