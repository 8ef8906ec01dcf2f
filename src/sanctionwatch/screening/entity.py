"""Compare two parties given as FollowTheMoney properties: identifiers first, then names.

A shared identifier decides (IMO number, the bank part of a SWIFT/BIC code); otherwise the
best pair of their names scores, and family names given on both sides must agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sanctionwatch.screening.compare import NameScore, compare_names
from sanctionwatch.sources.identifiers import imo_digits

Properties = Mapping[str, Sequence[str] | str]
NAME_PROPERTIES = ("name", "alias", "previousName", "weakAlias")
FAMILY_NAME_CAP = 0.4


def _values(props: Properties, key: str) -> list[str]:
    value = props.get(key, [])
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _imos(props: Properties) -> set[str]:
    return {d for v in _values(props, "imoNumber") if (d := imo_digits(v)) is not None}


def _banks(props: Properties) -> set[str]:
    """The first 8 characters of BIC-like codes (bank, country, location)."""
    codes = _values(props, "swiftBic") + _values(props, "registrationNumber")
    return {c.strip().upper()[:8] for c in codes if len(c.strip()) >= 8}


def _names(props: Properties) -> list[str]:
    names = [n for key in NAME_PROPERTIES for n in _values(props, key)]
    first, last = _values(props, "firstName"), _values(props, "lastName")
    names += [f"{f} {la}" for f in first for la in last]
    return names


def compare_entities(a: Properties, b: Properties, schema: str) -> tuple[float, str]:
    """A score in [0, 1] for two parties of ``schema``, and why."""
    shared_imo = _imos(a) & _imos(b)
    if shared_imo:
        return 1.0, f"same IMO number {', '.join(sorted(shared_imo))}"
    shared_bank = _banks(a) & _banks(b)
    if shared_bank:
        return 1.0, f"same bank code {', '.join(sorted(shared_bank))}"
    best: NameScore | None = None
    for name_a in _names(a):
        for name_b in _names(b):
            scored = compare_names(name_a, name_b, schema)
            if best is None or scored.score > best.score:
                best = scored
    if best is None:
        return 0.0, "nothing comparable: no shared identifier, no names"
    score, explanation = best.score, best.explanation
    last_a, last_b = _values(a, "lastName"), _values(b, "lastName")
    if last_a and last_b:
        family = max(compare_names(x, y, schema).score for x in last_a for y in last_b)
        if family < 0.5:
            score = min(score, FAMILY_NAME_CAP)
            explanation += f"; family names differ ({'/'.join(last_a)} vs {'/'.join(last_b)})"
    return score, explanation
