"""Identifier checks shared by readers and screening."""

from __future__ import annotations

import re

_IMO_DIGITS = re.compile(r"^(?:IMO)?\s*(\d{7})$", re.IGNORECASE)


def imo_digits(value: str) -> str | None:
    """The seven digits of an IMO number written as ``IMO 1234567`` or ``1234567``."""
    match = _IMO_DIGITS.match(value.strip())
    return match.group(1) if match else None


def imo_is_valid(value: str) -> bool:
    """IMO ship numbers: the 7th digit is sum(d_i * (7 - i)) mod 10 over the first six.

    Company and registered-owner IMO numbers use a different weighting
    (8,6,4,2,9,7; check = (11 - sum mod 11) mod 10), so they are accepted by either rule.
    """
    digits = imo_digits(value)
    if digits is None:
        return False
    d = [int(c) for c in digits]
    ship = sum(x * w for x, w in zip(d[:6], range(7, 1, -1), strict=True)) % 10
    if ship == d[6]:
        return True
    company = (11 - sum(x * w for x, w in zip(d[:6], (8, 6, 4, 2, 9, 7), strict=True)) % 11) % 10
    return company == d[6]


def ship_imo_is_valid(value: str) -> bool:
    """True when ``value`` is a ship IMO number with a correct check digit."""
    digits = imo_digits(value)
    if digits is None:
        return False
    d = [int(c) for c in digits]
    return sum(x * w for x, w in zip(d[:6], range(7, 1, -1), strict=True)) % 10 == d[6]
