"""Identity laundering: borrowed names and IMO numbers, new flags, new names, shared MMSIs.

- ``borrow``: a designated tanker broadcasts another ship's name, call sign and IMO number
  under an MMSI of its own: one IMO on two MMSIs at once.
- ``hop_flag``: a ship takes a new flag (a new MMSI with another MID), name and call sign,
  keeping its IMO number, while alongside in port.
- ``rename``: same MMSI and IMO, new name.
- ``clone``: a ship broadcasts another ship's MMSI under its own name (no IMO, no draught): one
  MMSI, two identities and two tracks at once.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from sanctionwatch.simulate.fleet import FLAGS_OF_CONVENIENCE, Identity, Registry
from sanctionwatch.simulate.motion import hull_track
from sanctionwatch.simulate.plan import Hull, Stay
from sanctionwatch.simulate.truth import Label, hidden_intervals
from sanctionwatch.simulate.world import World

HOUR = 3600
SHARED_MIN_S = 24 * HOUR  # DESIGN.md: shared MMSI when it lasts more than 24 h


def borrow(world: World, hull: Hull, victim: Hull, registry: Registry, flag: str) -> list[Label]:
    """``hull`` broadcasts ``victim``'s name, call sign and IMO under its own ``flag`` MMSI."""
    own = hull.true_identity
    fake = replace(
        victim.true_identity,
        mmsi=registry.mmsi(flag),
        flag=flag,
        to_bow=own.to_bow,
        to_stern=own.to_stern,
        to_port=own.to_port,
        to_starboard=own.to_starboard,
    )
    hull.identities[:] = [(world.start - 30 * 24 * HOUR, fake)]
    start, end = _both_broadcasting(world, hull, victim)
    if end - start <= 0:
        return []
    return [
        Label(
            "identity_change",
            tuple(sorted((fake.mmsi, victim.true_identity.mmsi))),
            start,
            end,
            *_where(hull, start),
            f"designated tanker {hull.key} ({own.name}, IMO {own.imo}) broadcasts the "
            f"name and IMO of {victim.key} ({fake.name}, IMO {fake.imo}) under MMSI "
            f"{fake.mmsi}",
            (hull.key, victim.key),
            {"kind": "imo_on_two_mmsis", "imo": fake.imo, "true_imo": own.imo},
        )
    ]


def hop_flag(world: World, hull: Hull, registry: Registry, rng: np.random.Generator) -> list[Label]:
    """A new flag, MMSI, name and call sign (same IMO) taken while alongside in port."""
    chosen = _switch_time(world, hull, rng)
    if chosen is None:
        return []
    stay, at = chosen
    old = hull.identity_at(at)
    flag = [f for f in FLAGS_OF_CONVENIENCE if f != old.flag][int(rng.integers(5))]
    kind = hull.size.kind.key
    new = replace(
        old,
        mmsi=registry.mmsi(flag),
        flag=flag,
        name=registry.name(flag, kind),
        callsign=registry.callsign(flag),
    )
    hull.identities.append((at, new))
    return [
        Label(
            "identity_change",
            tuple(sorted((old.mmsi, new.mmsi))),
            at - HOUR,
            at + HOUR,
            stay.lat,
            stay.lon,
            f"{hull.key} reflagged {old.flag} -> {flag} in port {stay.port}: MMSI "
            f"{old.mmsi} -> {new.mmsi}, {old.name} -> {new.name}, same IMO {old.imo}",
            (hull.key,),
            {"kind": "flag_change", "imo": old.imo, "from_flag": old.flag, "to_flag": flag},
        )
    ]


def rename(world: World, hull: Hull, registry: Registry, rng: np.random.Generator) -> list[Label]:
    """A new name on the same MMSI and IMO, taken while alongside in port."""
    chosen = _switch_time(world, hull, rng)
    if chosen is None:
        return []
    stay, at = chosen
    old = hull.identity_at(at)
    new = replace(old, name=registry.name(old.flag, hull.size.kind.key))
    hull.identities.append((at, new))
    return [
        Label(
            "identity_change",
            (old.mmsi,),
            at - HOUR,
            at + HOUR,
            stay.lat,
            stay.lon,
            f"{hull.key} renamed {old.name} -> {new.name} (MMSI {old.mmsi}, IMO {old.imo})",
            (hull.key,),
            {"kind": "name_change", "from_name": old.name, "to_name": new.name},
        )
    ]


def clone(world: World, hull: Hull, original: Hull) -> list[Label]:
    """``hull`` broadcasts ``original``'s MMSI with a name of its own and no IMO or draught."""
    own = hull.true_identity
    target = original.true_identity
    fake = Identity(
        target.mmsi,
        own.name,
        None,
        own.callsign,
        own.ais_type,
        target.flag,
        own.to_bow,
        own.to_stern,
        own.to_port,
        own.to_starboard,
    )
    hull.identities[:] = [(world.start - 30 * 24 * HOUR, fake)]
    hull.draughts[:] = [(world.start - 30 * 24 * HOUR, 0.0)]
    start, end = _both_broadcasting(world, hull, original)
    if end - start <= SHARED_MIN_S:
        return []
    return [
        Label(
            "shared_mmsi",
            (target.mmsi,),
            start,
            end,
            *_where(hull, start),
            f"{hull.key} ({own.name}) broadcasts the MMSI of {original.key} "
            f"({target.name}): two tracks, two names",
            (hull.key, original.key),
            {"names": sorted((own.name, target.name))},
        )
    ]


def _both_broadcasting(world: World, a: Hull, b: Hull) -> tuple[int, int]:
    """The period (within the simulation) from when both first broadcast to when one last
    does, ignoring short silences."""
    spans = []
    for hull in (a, b):
        quiet = [(s, e) for s, e in hidden_intervals(hull) if e > world.start and s < world.end]
        first = world.start
        last = world.end
        for s, e in quiet:  # silent at an end of the period: broadcasting starts later
            if s <= first:
                first = max(first, e)
            if e >= last:
                last = min(last, s)
        spans.append((first, last))
    return max(spans[0][0], spans[1][0]), min(spans[0][1], spans[1][1])


def _where(hull: Hull, t: int) -> tuple[float, float]:
    seg = hull.segment_at(t)
    if isinstance(seg, Stay):
        return seg.lat, seg.lon
    track = hull_track(hull, np.array([t], dtype=np.int64), np.random.default_rng(0))
    return float(track.lat[0]), float(track.lon[0])


def _switch_time(world: World, hull: Hull, rng: np.random.Generator) -> tuple[Stay, int] | None:
    """A stay alongside and an instant in it, at least 2 h inside the period and with AIS on
    an hour either side, for an identity change; None when the plan has none."""
    hidden = hidden_intervals(hull)
    found = []
    for stay in hull.segments:
        if not isinstance(stay, Stay) or not stay.port:
            continue
        low, high = max(stay.t0, world.start + 2 * HOUR), min(stay.t1, world.end - 2 * HOUR)
        at = (low + high) // 2
        if high - low >= 2 * HOUR and not any(a < at + HOUR and b > at - HOUR for a, b in hidden):
            found.append((stay, at))
    return found[int(rng.integers(len(found)))] if found else None
