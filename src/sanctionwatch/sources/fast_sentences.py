"""Non-AIS sentences the slow path ignores (``$BSALR``, ``!AIPWR``…), counted by kind.

``fast_framing`` checks these lines (its docstring says how) and gives each its kind as a
number: the address bytes as codes 1-37 (``A-Z``, ``0-9``, ``=``) in base 38, first byte
lowest, plus DOLLAR_KEY for a ``$`` sentence. ``count_kinds`` turns them into the slow path's
names, "$" or "!" and the address.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from sanctionwatch.sources.fast_arrays import I64
from sanctionwatch.sources.fast_framing import ADDRESS_BASE, DOLLAR_KEY

ADDRESS_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789="


def count_kinds(keys: I64) -> Counter[str]:
    found, counts = np.unique(keys, return_counts=True)
    return Counter(
        {kind_name(key): count for key, count in zip(found.tolist(), counts.tolist(), strict=True)}
    )


def kind_name(key: int) -> str:
    head, key = ("$", key - DOLLAR_KEY) if key >= DOLLAR_KEY else ("!", key)
    address = []
    while key:
        key, code = divmod(key, ADDRESS_BASE)
        address.append(ADDRESS_CHARS[code - 1])
    return head + "".join(address)
