"""Flag state from an MMSI's Maritime Identification Digits (ITU-R M.585; 445 = DPRK).

The MID → country table is the one aiscat ships (its ``country=True`` decoding),
read out once per process by decoding one synthetic report per MID. Keeping a
second copy of ITU's table here would only drift from the decoder's.
"""

from __future__ import annotations

from functools import cache

import aiscat
from pyais.encode import encode_dict

DPRK_MID = 445
# Where aiscat's table lacks or misplaces a MID, ITU's MID list (MARS) decides.
ITU_CORRECTIONS = {550: "TL", 608: "SH", 638: "SS"}  # Timor-Leste; Ascension (UK); South Sudan


def mid_of(mmsi: int) -> int | None:
    """The MID of a ship station MMSI (9 digits, first digit 2-7); None for other stations."""
    if 200_000_000 <= mmsi <= 799_999_999:
        return mmsi // 1_000_000
    return None


@cache
def mid_table() -> dict[int, str]:
    """MID → ISO 3166 alpha-2 country code, as aiscat knows it."""
    table: dict[int, str] = {}
    for mid in range(200, 800):
        sentence = encode_dict({"type": 1, "mmsi": mid * 1_000_000})[0]
        code = aiscat.decode(sentence, country=True).get("country_code")
        if code:
            table[mid] = str(code)
    table.update(ITU_CORRECTIONS)
    return table


def flag_of(mmsi: int) -> str | None:
    """ISO alpha-2 flag state implied by the MMSI, or None when the MID is unallocated."""
    mid = mid_of(mmsi)
    return None if mid is None else mid_table().get(mid)
