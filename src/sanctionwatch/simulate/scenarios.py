"""Scenarios: which ships, doing what, where and when; and turning one into plans and labels.

``dprk-2024``: spring 2024 around the Korean peninsula -- ordinary traffic between the ports of
China, both Koreas, Russia's Far East and Japan, with the evasion of that year woven in
(petroleum shuttles to Vostochny, ship-to-ship transfers in West Korea Bay, off Chodo and in the
East China Sea, arms runs between Rajin and Dunai, borrowed identities, a shared MMSI, spoofed
positions, a reflagging and a renaming). ``background-2024``: the same ordinary traffic and
nothing else, against which detectors can count false alarms.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

import numpy as np

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.simulate.disguise import borrow, clone, hop_flag, rename
from sanctionwatch.simulate.fleet import (
    FLAGS_BY_TYPE,
    FLAGS_OF_CONVENIENCE,
    SHIP_TYPES,
    Registry,
    identity,
    particulars,
)
from sanctionwatch.simulate.land import Region
from sanctionwatch.simulate.plan import Hull
from sanctionwatch.simulate.shuttles import arms_shuttle, merge_dark, petroleum_shuttle
from sanctionwatch.simulate.sts import TransferArea, transfer_pair
from sanctionwatch.simulate.truth import Label, clipped, plan_labels, sorted_labels
from sanctionwatch.simulate.voyages import fishing_plan, merchant_plan
from sanctionwatch.simulate.world import Area, World

NORTHEAST_ASIA = Region(lat_min=24.0, lat_max=48.0, lon_min=116.0, lon_max=143.0)

FISHING_GROUNDS = (
    Area("central Yellow Sea", 34.5, 37.0, 122.0, 124.5, min_shore_nm=15, max_shore_nm=80),
    Area("northern East China Sea", 31.0, 33.0, 123.0, 125.5, min_shore_nm=20),
    Area("waters west of Jeju", 33.0, 34.3, 124.8, 126.0, min_shore_nm=10, max_shore_nm=40),
    Area("East Sea off Uljin", 36.0, 38.0, 130.0, 131.5, min_shore_nm=15, max_shore_nm=80),
)
TRANSFER_AREAS = (
    TransferArea(Area("West Korea Bay", 38.5, 39.6, 123.0, 124.5, min_shore_nm=25), 0.4, True),
    TransferArea(Area("waters off Chodo", 38.4, 38.7, 124.5, 124.95, max_shore_nm=12), 0.3, False),
    TransferArea(Area("East China Sea", 30.5, 32.0, 123.8, 125.5, min_shore_nm=40), 0.3, True),
)
BACKGROUND_MIX = (
    ("container", 0.18),
    ("bulk", 0.22),
    ("tanker", 0.14),
    ("general_cargo", 0.16),
    ("fishing", 0.30),
)


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    start: str  # first day simulated (UTC)
    days: float
    vessels: int
    min_vessels: int
    evasion: bool
    region: Region = NORTHEAST_ASIA

    def start_epoch(self) -> int:
        return int(datetime.fromisoformat(self.start).replace(tzinfo=UTC).timestamp())


SCENARIOS: dict[str, Scenario] = {
    s.name: s
    for s in (
        Scenario(
            "dprk-2024",
            "Seas around the Korean peninsula from March 2024: ordinary "
            "traffic with DPRK sanctions evasion woven in (petroleum shuttles to Vostochny, "
            "ship-to-ship transfers, arms runs Rajin-Dunai, borrowed identities, a shared "
            "MMSI, spoofed positions) and every evasion event labelled.",
            "2024-03-01",
            7,
            60,
            14,
            True,
        ),
        Scenario(
            "background-2024",
            "The same seas and period with ordinary traffic only: "
            "no evasion (for counting false alarms).",
            "2024-03-01",
            7,
            60,
            1,
            False,
        ),
    )
}


@dataclass
class Simulation:
    """A scenario planned: the world, every ship's plan, and the labels the plans give."""

    scenario: Scenario
    seed: int
    world: World
    hulls: list[Hull]
    labels: list[Label]


def scenario(name: str) -> Scenario:
    try:
        return SCENARIOS[name]
    except KeyError:
        raise SanctionwatchError(
            f"unknown scenario {name!r} (one of {', '.join(SCENARIOS)})"
        ) from None


def _roles(s: Scenario, vessels: int) -> list[str]:
    """The role of each ship: evasion roles first, then ordinary traffic by the mix."""
    roles: list[str] = []
    if s.evasion:
        east = max(2, round(0.05 * vessels))
        pairs = max(2, round(0.03 * vessels))
        roles += [f"petroleum:{('chongjin', 'rajin')[i % 2]}" for i in range(east)]
        roles += ["transfer:dprk", "transfer:foreign"] * pairs
        roles += ["arms"] * max(1, round(0.02 * vessels))
        roles += ["launderer", "cloner", "background:tanker", "background:general_cargo"]
    left = vessels - len(roles)
    shares = np.array([share for _, share in BACKGROUND_MIX]) * left
    counts = np.floor(shares).astype(int)
    for index in np.argsort(-(shares - counts), kind="stable")[: left - counts.sum()]:
        counts[index] += 1  # largest remainders get the ships left over
    for (kind, _), count in zip(BACKGROUND_MIX, counts, strict=True):
        roles += [f"background:{kind}"] * int(count)
    return roles


def _kind(role: str) -> str:
    if role.startswith("background:"):
        return role.split(":", 1)[1]
    if role == "arms":
        return "ro_ro_cargo"
    if role == "transfer:foreign":
        return "tanker"
    return "dprk_tanker"


def plan(s: Scenario, seed: int, vessels: int, days: float) -> Simulation:
    """Every ship's plan for ``days`` from the scenario's start, and the plan labels."""
    if vessels < s.min_vessels:
        raise SanctionwatchError(f"scenario {s.name} needs at least {s.min_vessels} vessels")
    start = s.start_epoch()
    world = World(s.region, start, start + round(days * 86_400))
    registry = Registry(np.random.default_rng([seed, 1]))
    hulls = []
    for index, role in enumerate(_roles(s, vessels)):
        kind = SHIP_TYPES[_kind(role)]
        rng = np.random.default_rng([seed, 2, index])
        size = particulars(kind, rng)
        flags = FLAGS_OF_CONVENIENCE if role == "transfer:foreign" else FLAGS_BY_TYPE[kind.key]
        flag = flags[int(rng.integers(len(flags)))]
        ident = identity(registry, kind, size, flag)
        hull = Hull(
            index,
            f"SIM-{index + 1:04d}",
            role.split(":")[0],
            size,
            ident,
            identities=[(start - 30 * 86_400, ident)],
            designated=kind.key in ("dprk_tanker", "ro_ro_cargo"),
        )
        hulls.append(hull)
    labels = _resolve(_plans(world, hulls, seed, registry), hulls)
    for hull in hulls:
        merge_dark(hull)
    labels += plan_labels(hulls, world)
    kept = [c for c in (clipped(label, world.start, world.end) for label in labels) if c]
    return Simulation(s, seed, world, hulls, sorted_labels(kept))


def _resolve(labels: list[Label], hulls: list[Hull]) -> list[Label]:
    """MMSIs of labels made before identities were disguised, as broadcast at their start."""
    by_key = {hull.key: hull for hull in hulls}
    resolved = []
    for label in labels:
        if label.type == "encounter":
            mmsis = (by_key[k].identity_at(label.start).mmsi for k in label.hulls)
            label = replace(label, vessels=tuple(sorted(mmsis)))
        elif label.type in ("spoofing", "dark_transfer"):
            label = replace(label, vessels=(by_key[label.hulls[0]].identity_at(label.start).mmsi,))
        resolved.append(label)
    return resolved


def _plans(world: World, hulls: list[Hull], seed: int, registry: Registry) -> list[Label]:
    labels: list[Label] = []
    by_role: dict[str, list[Hull]] = {}
    for hull in hulls:
        by_role.setdefault(hull.role, []).append(hull)
    roles = {h.index: r for h, r in ((h, r) for r, hs in by_role.items() for h in hs)}
    transfer_hulls = by_role.get("transfer", [])
    shuttles = [h for h in hulls if roles[h.index] in ("petroleum", "launderer", "cloner")]
    for hull in hulls:
        rng = np.random.default_rng([seed, 3, hull.index])
        role, kind = roles[hull.index], hull.size.kind.key
        if role == "petroleum" or role in ("launderer", "cloner"):
            home = ("chongjin", "rajin")[hull.index % 2]
            labels += petroleum_shuttle(world, hull, rng, home, shuttles.index(hull))
        elif role == "arms":
            labels += arms_shuttle(world, hull, rng)
        elif role == "transfer" and kind == "dprk_tanker":
            partner = transfer_hulls[transfer_hulls.index(hull) + 1]
            pair = transfer_hulls.index(hull) // 2
            labels += transfer_pair(world, hull, partner, rng, TRANSFER_AREAS, pair)
        elif role == "background" and kind == "fishing":
            fishing_plan(world, hull, rng, tuple(a for a in FISHING_GROUNDS))
        elif role == "background":
            merchant_plan(world, hull, rng)
    if "launderer" in by_role:  # only a scenario with evasion disguises anyone
        labels += _disguises(world, by_role, seed, registry)
    return labels


def _disguises(
    world: World, by_role: dict[str, list[Hull]], seed: int, registry: Registry
) -> list[Label]:
    rng = np.random.default_rng([seed, 4])
    labels: list[Label] = []
    background = by_role.get("background", [])
    tankers = [h for h in background if h.size.kind.key == "tanker"]
    traders = [h for h in background if h.size.kind.key == "general_cargo"]
    for hull in by_role.get("launderer", []):
        flag = ("SL", "TG", "MN")[int(rng.integers(3))]
        labels += borrow(world, hull, tankers[0], registry, flag)
    for hull in by_role.get("cloner", []):
        labels += clone(world, hull, traders[0])
    foreign = [h for h in by_role.get("transfer", []) if h.size.kind.key == "tanker"]
    if foreign:
        labels += hop_flag(world, foreign[0], registry, rng)
    renamed = foreign[1] if len(foreign) > 1 else (tankers[1] if len(tankers) > 1 else None)
    if renamed is not None:
        labels += rename(world, renamed, registry, rng)
    return labels
