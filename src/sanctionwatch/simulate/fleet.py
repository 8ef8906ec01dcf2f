"""Simulated ships: their types, sizes and speeds, and the identities they broadcast.

Every name, call sign, MMSI and IMO number is made up. IMO numbers are drawn from 3000000-
3999999 with a valid ship check digit: a block no ship in service is known to hold, so a
simulated ship does not collide with a real one (or a designated one) when screened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

T = TypeVar("T")

# AIS ship and cargo type codes (ITU-R M.1371 table 53): 30 fishing, 70-79 cargo, 80-89 tanker.
FISHING, CARGO, CONTAINER, GENERAL, TANKER = 30, 70, 71, 79, 80


@dataclass(frozen=True)
class ShipType:
    key: str
    ais_type: int
    ais_class: str  # "A" (SOTDMA, 2-10 s under way) or "B" (CS, 30 s)
    cruise_kn: tuple[float, float]
    max_kn: float  # no honest report of this type goes faster (the plausibility limit)
    length_m: tuple[float, float]
    dwt_t: tuple[float, float]
    laden_draught_m: tuple[float, float]
    ballast_ratio: tuple[float, float]  # ballast draught as a share of laden
    stay_h: tuple[float, float]  # time alongside in port
    loads: bool  # cargo in bulk: laden one way, in ballast the other
    ports: tuple[str, ...] = ()


# fmt: off
SHIP_TYPES: dict[str, ShipType] = {t.key: t for t in (
    ShipType("container", CONTAINER, "A", (15.0, 20.0), 22.0, (150, 300), (15_000, 100_000),
             (9.0, 13.0), (0.78, 0.9), (10, 30), False,
             ("busan", "dalian", "qingdao", "tianjin", "zhoushan", "incheon", "ulsan",
              "gwangyang", "pyeongtaek", "yantai", "lianyungang", "niigata", "toyama", "hakata",
              "vladivostok", "rizhao", "tsuruga")),
    ShipType("bulk", CARGO, "A", (10.0, 13.5), 15.0, (180, 230), (35_000, 82_000),
             (10.0, 13.0), (0.45, 0.55), (24, 72), True,
             ("qinhuangdao", "tianjin", "dalian", "qingdao", "rizhao", "lianyungang", "pohang",
              "gwangyang", "donghae", "vostochny", "nakhodka", "posyet", "maizuru",
              "sakaiminato", "tsuruga")),
    ShipType("tanker", TANKER, "A", (11.0, 14.0), 15.5, (120, 250), (10_000, 110_000),
             (8.0, 14.0), (0.4, 0.55), (20, 48), True,
             ("ulsan", "yantai", "dalian", "qingdao", "zhoushan", "incheon", "tianjin",
              "nakhodka", "vostochny", "longkou", "busan", "weihai")),
    ShipType("general_cargo", GENERAL, "A", (9.0, 12.5), 14.0, (80, 140), (3_000, 15_000),
             (5.0, 8.5), (0.55, 0.7), (24, 72), True,
             ("dandong", "longkou", "weihai", "yantai", "nakhodka", "zarubino", "posyet",
              "vladivostok", "busan", "mokpo", "gunsan", "sakaiminato", "dalian", "qingdao")),
    ShipType("fishing", FISHING, "B", (7.0, 10.0), 12.0, (25, 55), (100, 600),
             (2.5, 4.5), (0.9, 1.0), (12, 48), False,
             ("weihai", "yantai", "qingdao", "rizhao", "lianyungang", "dalian", "zhoushan",
              "mokpo", "gunsan", "busan", "pohang")),
    # DPRK coastal tankers of the petroleum trade: 1,000-9,000 t deadweight
    ShipType("dprk_tanker", TANKER, "A", (8.0, 11.0), 12.5, (60, 110), (1_000, 9_000),
             (4.5, 6.8), (0.45, 0.55), (24, 72), True, ("nampo", "chongjin", "rajin")),
    ShipType("ro_ro_cargo", CARGO, "A", (11.0, 14.0), 15.5, (100, 140), (4_000, 12_000),
             (5.5, 7.5), (0.7, 0.8), (24, 48), True, ("rajin", "dunai", "vostochny")),
)}
# fmt: on
TRAWL_KN = (2.5, 4.5)  # fishing speed while towing gear: above the 2 kn of loitering

# Flag state → MIDs (ITU-R M.585) and the start of its call signs (ITU prefixes).
FLAGS: dict[str, tuple[tuple[int, ...], str]] = {
    "CN": ((412, 413, 414), "B"),
    "KR": ((440, 441), "DS"),
    "KP": ((445,), "HM"),
    "JP": ((431, 432), "7J"),
    "RU": ((273,), "U"),
    "PA": ((351, 352, 353, 354, 355, 356, 357, 370, 371, 372, 373), "3E"),
    "LR": ((636,), "D5"),
    "MH": ((538,), "V7"),
    "HK": ((477,), "VR"),
    "SG": ((563, 564), "9V"),
    "SL": ((667,), "9L"),
    "TG": ((671,), "5V"),
    "MN": ((457,), "JV"),
    "KM": ((616,), "D6"),
    "CM": ((613,), "TJ"),
}
FLAGS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "container": ("PA", "LR", "MH", "HK", "SG", "CN", "KR", "JP"),
    "bulk": ("PA", "LR", "MH", "HK", "CN", "KR", "JP"),
    "tanker": ("PA", "LR", "MH", "HK", "SG", "CN", "KR"),
    "general_cargo": ("CN", "KR", "RU", "PA", "SL", "TG", "HK"),
    "fishing": ("CN", "CN", "CN", "KR"),
    "dprk_tanker": ("KP",),
    "ro_ro_cargo": ("RU",),
}
FLAGS_OF_CONVENIENCE = ("SL", "TG", "MN", "KM", "CM", "PA")

_CN = ("HAI", "JIN", "XIN", "HUA", "YUAN", "HONG", "SHUN", "FU", "TAI", "RUI", "KANG", "LONG")
_KP = ("HWA", "RIM", "PYOL", "CHONG", "MORAN", "SOL", "HAN", "ONG", "GIL", "BIT", "RYOM", "TAN")
_KR = ("HANBIT", "DAEYANG", "SEOHAE", "DONGBANG", "NAMHAE", "GEUMSEONG", "SAEROM", "HAEDAL")
_JP = ("KAIYO", "SHINSEI", "TOKO", "HOKUYO", "NANKAI", "SEIWA", "KYOEI", "FUKUJU")
_RU = ("ZARYA", "BEREG", "VOLNA", "SEVER", "PRIMORYE", "TAIGA", "UTES", "RASSVET")
_EN_A = ("BLUE", "GOLDEN", "SILVER", "OCEAN", "NORTHERN", "EASTERN", "BRIGHT", "GRAND", "PACIFIC")
_EN_B = ("HARMONY", "PIONEER", "GLORY", "WAVE", "HORIZON", "VENTURE", "BREEZE", "CREST", "DAWN")
_FISHING_CN = ("LU", "LIAO", "ZHE", "SU", "JI")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ALNUM = _LETTERS + "0123456789"


@dataclass(frozen=True)
class Identity:
    """What a ship broadcasts about itself (AIS type 5 / 24)."""

    mmsi: int
    name: str
    imo: int | None
    callsign: str
    ais_type: int
    flag: str  # the flag its MMSI's MID declares
    to_bow: int
    to_stern: int
    to_port: int
    to_starboard: int


@dataclass(frozen=True)
class Particulars:
    """What a ship is (the vessels file), whatever it broadcasts."""

    kind: ShipType
    length_m: float
    beam_m: float
    dwt_t: float
    laden_m: float
    ballast_m: float
    cruise_kn: float


def imo_number(serial: int) -> int:
    """A ship IMO number from six digits, with its check digit (weights 7..2, mod 10)."""
    digits = [int(c) for c in f"{serial:06d}"]
    check = sum(d * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
    return serial * 10 + check


class Registry:
    """Hands out identities without repeats: MMSIs, IMO numbers, names and call signs."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self._used: set[object] = set()

    def _unique(self, make: Callable[[], T]) -> T:
        for _ in range(1000):
            value = make()
            if value not in self._used:
                self._used.add(value)
                return value
        raise RuntimeError("identity space exhausted")  # 10^5 and more per kind: never

    def mmsi(self, flag: str) -> int:
        mids = FLAGS[flag][0]

        def make() -> int:
            mid = mids[int(self.rng.integers(len(mids)))]
            return mid * 1_000_000 + int(self.rng.integers(100_000, 1_000_000))

        return self._unique(make)

    def imo(self) -> int:
        return self._unique(lambda: imo_number(int(self.rng.integers(300_000, 400_000))))

    def callsign(self, flag: str) -> str:
        prefix = FLAGS[flag][1]

        def make() -> str:
            picks = self.rng.integers(0, len(_ALNUM), 6 - len(prefix))
            return prefix + "".join(_ALNUM[int(i)] for i in picks)

        return self._unique(make)

    def name(self, flag: str, kind: str) -> str:
        rng = self.rng

        def pick(words: tuple[str, ...]) -> str:
            return words[int(rng.integers(len(words)))]

        def make() -> str:
            number = int(rng.integers(1, 30))
            if kind == "fishing" and flag == "CN":
                return f"{pick(_FISHING_CN)} YU {int(rng.integers(1000, 9999))}"
            if flag in ("CN", "HK"):
                return f"{pick(_CN)} {pick(_CN)} {number}"
            if flag == "KP":
                return f"{pick(_KP)} {pick(_KP)} {number}"
            if flag == "KR":
                return f"{pick(_KR)} {number}" if kind != "fishing" else f"{pick(_KR)} HO {number}"
            if flag == "JP":
                return f"{pick(_JP)} MARU NO.{number}"
            if flag == "RU":
                return f"{pick(_RU)} {number}"
            return f"{pick(_EN_A)} {pick(_EN_B)}"

        return self._unique(make)


def particulars(kind: ShipType, rng: np.random.Generator) -> Particulars:
    """Size, load lines and service speed of one ship of ``kind``, consistent with each other."""
    size = float(rng.random())  # one draw sizes the ship: bigger hulls draw deeper
    length = kind.length_m[0] + size * (kind.length_m[1] - kind.length_m[0])
    dwt = kind.dwt_t[0] + size * (kind.dwt_t[1] - kind.dwt_t[0])
    laden = kind.laden_draught_m[0] + size * (kind.laden_draught_m[1] - kind.laden_draught_m[0])
    ratio = float(rng.uniform(*kind.ballast_ratio))
    cruise = float(rng.uniform(*kind.cruise_kn))
    return Particulars(
        kind=kind,
        length_m=round(length, 1),
        beam_m=round(length * float(rng.uniform(0.14, 0.17)), 1),
        dwt_t=float(round(dwt, -1)),
        laden_m=round(laden, 1),
        ballast_m=round(laden * ratio, 1),
        cruise_kn=round(cruise, 1),
    )


def identity(
    registry: Registry, kind: ShipType, size: Particulars, flag: str, *, imo: bool = True
) -> Identity:
    """A fresh identity for a ship of ``kind`` under ``flag`` (fishing boats have no IMO)."""
    bow = round(size.length_m * 0.85)
    port_side = round(size.beam_m / 2)
    return Identity(
        mmsi=registry.mmsi(flag),
        name=registry.name(flag, kind.key),
        imo=registry.imo() if imo and kind.key != "fishing" else None,
        callsign=registry.callsign(flag),
        ais_type=kind.ais_type,
        flag=flag,
        to_bow=min(bow, 511),
        to_stern=min(round(size.length_m) - bow, 511),
        to_port=min(port_side, 63),
        to_starboard=min(round(size.beam_m) - port_side, 63),
    )
