"""Ship-to-ship transfers: a DPRK tanker and a foreign-flagged tanker side by side at sea.

The foreign tanker loads at a Chinese port, sails to a point in a transfer area and drifts there
(waiting is loitering); the DPRK tanker from Nampo comes alongside (40-60 m off, both under 2 kn)
for 2.5-12 h, then each goes home: the DPRK tanker laden, the foreign one in ballast. In the
areas far from shore one of the two sometimes keeps its AIS off from well before the meeting to
well after it: the other is then seen loitering alone, a possible dark transfer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sanctionwatch.simulate.geo import KNOT_MS, from_local
from sanctionwatch.simulate.lanes import LatLon, Route
from sanctionwatch.simulate.motion import drift_position
from sanctionwatch.simulate.plan import Drift, Hull, Sail, Stay
from sanctionwatch.simulate.shuttles import time_after_start, time_before_end
from sanctionwatch.simulate.truth import Label
from sanctionwatch.simulate.voyages import ACCELERATION, HOUR, Builder, load_draught
from sanctionwatch.simulate.world import Area, World

SUPPLIERS = ("dalian", "longkou", "yantai", "qingdao", "weihai", "zhoushan")


@dataclass(frozen=True)
class TransferArea:
    area: Area
    weight: float
    far_offshore: bool  # loitering (and so a dark transfer) can be seen only 20 nm out


def _duration(route: Route, speed_kn: float, length_m: float) -> tuple[int, float]:
    """Whole seconds a ship takes over ``route`` from rest to rest, and its ramp (as Builder)."""
    speed = speed_kn * KNOT_MS
    accel = ACCELERATION if length_m > 60 else 3 * ACCELERATION
    ramp = min(speed / accel, route.length / speed)
    return math.ceil(route.length / speed + ramp), ramp


def _sail_arriving(build: Builder, route: Route, arrive: int, speed_kn: float) -> Sail:
    """Leave after waiting where it is, to come to rest at the end of ``route`` at ``arrive``."""
    duration, ramp = _duration(route, speed_kn, build.hull.size.length_m)
    if arrive - duration > build.t:
        build.stay(arrive - duration - build.t, port=_port_of(build))
    duration = arrive - build.t
    seg = Sail(build.t, arrive, route, route.length / (duration - ramp), ramp)
    build.hull.segments.append(seg)
    build.t = arrive
    build.at = (float(route.lat[-1]), float(route.lon[-1]))
    return seg


def _port_of(build: Builder) -> str | None:
    last = build.hull.segments[-1] if build.hull.segments else None
    return last.port if isinstance(last, Stay) else None


def transfer(
    world: World,
    dprk: Builder,
    foreign: Builder,
    rng: np.random.Generator,
    areas: tuple[TransferArea, ...],
    home: str,
    supplier: str,
    dark: str | None = None,
) -> list[Label]:
    """One transfer from the builders' current states; each then sails for its port (the
    DPRK tanker ``home``, the foreign one ``supplier``) and arrives there at rest.

    ``dark`` ("none", "dprk" or "foreign": whose AIS is off) is drawn when not given; a dark
    transfer happens in an area far offshore, where it can be told by loitering.
    """
    weights = np.array([a.weight for a in areas])
    if dark in ("dprk", "foreign"):
        weights = weights * np.array([a.far_offshore for a in areas])
    place = areas[int(rng.choice(len(areas), p=weights / weights.sum()))]
    point = world.point_in(place.area, rng)
    drawn = ("none", "dprk", "foreign")[int(rng.choice(3, p=(0.5, 0.35, 0.15)))]
    dark = dark or (drawn if place.far_offshore else "none")
    wait = float(rng.uniform(2, 8) if dark != "none" else rng.uniform(0.5, 6)) * HOUR
    alongside = float(rng.uniform(4.5, 12) if dark == "foreign" else rng.uniform(2.5, 12)) * HOUR
    linger = float(rng.uniform(0.2, 1.5)) * HOUR
    v_east, v_north = _current(world, point, rng, int(wait + alongside + linger) + 3600)

    speed_f, speed_d = foreign.cruise(), dprk.cruise()
    route_f = world.route(foreign.at, point, rng, foreign.hull.size.length_m)
    time_f, _ = _duration(route_f, speed_f, foreign.hull.size.length_m)
    guess_d = world.route(dprk.at, point, rng, dprk.hull.size.length_m)
    time_d, _ = _duration(guess_d, speed_d, dprk.hull.size.length_m)
    arrive_f = max(foreign.t + time_f, dprk.t + time_d + int(2 * HOUR) - int(wait))
    heading = float(rng.uniform(0, 360))
    meet = arrive_f + int(wait)
    probe = Drift(arrive_f, arrive_f + 10**7, point[0], point[1], v_east, v_north, heading)
    side = float(rng.uniform(0, 2 * np.pi))
    top_kn = dprk.hull.size.kind.max_kn - 0.5
    for _ in range(6):  # a late DPRK tanker means a later meeting, further down the drift
        here = drift_position(probe, meet)
        beside = from_local(50 * np.sin(side), 50 * np.cos(side), *here)
        target: LatLon = (float(beside[0]), float(beside[1]))
        route_d = world.route(dprk.at, target, rng, dprk.hull.size.length_m)
        time_d, _ = _duration(route_d, speed_d, dprk.hull.size.length_m)
        fastest, _ = _duration(route_d, top_kn, dprk.hull.size.length_m)
        if meet - dprk.t >= fastest:
            break
        meet = dprk.t + time_d
    meet = max(meet, dprk.t + fastest)  # never faster than the ship can go
    speed_d = min(max(speed_d, route_d.length / max(meet - dprk.t, 1) / KNOT_MS), top_kn)

    separate = meet + int(alongside)
    in_f = _sail_arriving(foreign, route_f, arrive_f, speed_f)
    foreign.hull.draughts.append((in_f.t0, round(load_draught(foreign.hull, rng, True), 1)))
    foreign.hull.segments.append(
        Drift(arrive_f, separate + int(linger), point[0], point[1], v_east, v_north, heading)
    )
    foreign.t = separate + int(linger)
    foreign.at = drift_position(probe, foreign.t)
    in_d = _sail_arriving(dprk, route_d, meet, speed_d)
    dprk.hull.draughts.append((in_d.t0, round(load_draught(dprk.hull, rng, False), 1)))
    beside_drift = Drift(
        meet,
        separate,
        target[0],
        target[1],
        v_east,
        v_north,
        (heading + float(rng.uniform(-5, 5))) % 360,
    )
    dprk.hull.segments.append(beside_drift)
    dprk.t = separate
    dprk.at = drift_position(beside_drift, separate)

    dprk.set_draught(load_draught(dprk.hull, rng, laden=True))
    out_d = dprk.sail(world.spot(home, rng), dprk.cruise())
    foreign.set_draught(load_draught(foreign.hull, rng, laden=False))
    out_f = foreign.sail(world.spot(supplier, rng), foreign.cruise())

    dark_hull = {"dprk": dprk.hull, "foreign": foreign.hull}.get(dark)
    if dark_hull is not None:
        arriving, leaving = (in_d, out_d) if dark == "dprk" else (in_f, out_f)
        assert isinstance(arriving, Sail) and isinstance(leaving, Sail)
        dark_hull.dark.append(
            (
                time_before_end(arriving, rng.uniform(30_000, 80_000)),
                time_after_start(leaving, rng.uniform(30_000, 80_000)),
            )
        )
    return _labels(
        world,
        place,
        dprk.hull,
        foreign.hull,
        dark,
        (meet, separate),
        (arrive_f, separate + int(linger)),
        point,
    )


def _current(
    world: World, point: LatLon, rng: np.random.Generator, seconds: int
) -> tuple[float, float]:
    """A surface current (0.1-0.3 m/s) that does not carry drifting ships onto land."""
    for _ in range(30):
        speed, direction = float(rng.uniform(0.1, 0.3)), float(rng.uniform(0, 2 * np.pi))
        v_east, v_north = speed * np.sin(direction), speed * np.cos(direction)
        if world.clear_drift(point[0], point[1], v_east, v_north, seconds):
            return v_east, v_north
    return 0.0, 0.0


def _labels(
    world: World,
    place: TransferArea,
    dprk: Hull,
    foreign: Hull,
    dark: str,
    together: tuple[int, int],
    foreign_drift: tuple[int, int],
    point: LatLon,
) -> list[Label]:
    meet, separate = together
    shore = round(world.shore_nm(*point), 1)
    details = {"area": place.area.name, "shore_nm": shore}
    if dark == "none":
        mmsis = tuple(sorted((dprk.identity_at(meet).mmsi, foreign.identity_at(meet).mmsi)))
        return [
            Label(
                "encounter",
                mmsis,
                meet,
                separate,
                point[0],
                point[1],
                f"{dprk.key} took petroleum from {foreign.key} alongside in the {place.area.name}",
                (dprk.key, foreign.key),
                details,
            )
        ]
    seen, hidden = (foreign, dprk) if dark == "dprk" else (dprk, foreign)
    start, end = foreign_drift if seen is foreign else together
    return [
        Label(
            "dark_transfer",
            (seen.identity_at(start).mmsi,),
            start,
            end,
            point[0],
            point[1],
            f"{seen.key} loitered in the {place.area.name} while {hidden.key} "
            "came alongside with AIS off",
            (seen.key, hidden.key),
            {**details, "partner_hidden": hidden.key},
        )
    ]


def transfer_pair(
    world: World,
    dprk: Hull,
    foreign: Hull,
    rng: np.random.Generator,
    areas: tuple[TransferArea, ...],
    pair: int = 0,
) -> list[Label]:
    """A DPRK tanker based at Nampo and its supplier, meeting again and again.

    The first meeting of pair ``pair`` cycles through a dark DPRK tanker, both visible and a
    dark supplier, so a few pairs show each early on; later ones are drawn at random.
    """
    home = "nampo"
    build_d = Builder(
        world, dprk, rng, world.start - int(rng.uniform(0, 12 * HOUR)), world.spot(home, rng)
    )
    build_d.set_draught(load_draught(dprk, rng, laden=False))
    build_d.stay(rng.uniform(2, 20) * HOUR, port=home)
    supplier = SUPPLIERS[int(rng.integers(len(SUPPLIERS)))]
    build_f = Builder(
        world, foreign, rng, world.start - int(rng.uniform(0, 12 * HOUR)), world.spot(supplier, rng)
    )
    build_f.set_draught(load_draught(foreign, rng, laden=True))
    build_f.stay(rng.uniform(2, 20) * HOUR, port=supplier)
    labels: list[Label] = []
    first: str | None = ("dprk", "none", "foreign")[pair % 3]
    while min(build_d.t, build_f.t) < world.end:
        supplier = SUPPLIERS[int(rng.integers(len(SUPPLIERS)))]
        labels += transfer(world, build_d, build_f, rng, areas, home, supplier, first)
        first = None
        build_d.stay(rng.uniform(*dprk.size.kind.stay_h) * HOUR, port=home)
        build_f.stay(rng.uniform(*foreign.size.kind.stay_h) * HOUR, port=supplier)
    return labels
