"""Shuttles: DPRK tankers fetching refined petroleum from Vostochny, arms runs to Rajin.

Petroleum: a DPRK tanker (MID 445, 1,000-9,000 t) sails in ballast from Chongjin or Rajin to
Vostochny, loads (its reported draught rises when it leaves), returns and discharges. Each call
is made in one of four ways: openly (a port visit); with AIS off from some 40-90 km before the
port to as far after it (a dark port call); broadcasting a position shifted hundreds of km out to
sea (teleport spoofing); or broadcasting fixes on land while alongside (on-land spoofing).
Some return legs go dark midway.

Arms: Russian-flagged cargo ships between Dunai (or Vostochny) and Rajin, AIS off around Rajin
every time and around the Russian port half the time; laden when leaving Rajin.
"""

from __future__ import annotations

import numpy as np

from sanctionwatch.simulate.geo import haversine_m, offset
from sanctionwatch.simulate.motion import hull_track
from sanctionwatch.simulate.plan import Hull, Sail, Segment, Spoof, Stay
from sanctionwatch.simulate.truth import Label
from sanctionwatch.simulate.voyages import HOUR, Builder, load_draught
from sanctionwatch.simulate.world import World

SUPPLY_PORT = "vostochny"
CALL_WAYS = ("open", "dark", "teleport", "on_land")
_CALL_WEIGHTS = (0.35, 0.35, 0.15, 0.15)


def _arrival(segments: list[Segment], start: int) -> tuple[Sail, Stay]:
    """The first sail (from sea) and the stay alongside among segments added since ``start``."""
    sails = [s for s in segments if isinstance(s, Sail) and s.t0 >= start]
    stays = [s for s in segments if isinstance(s, Stay) and s.port and s.t0 >= start]
    return sails[0], stays[-1]


def time_before_end(sail: Sail, metres: float) -> int:
    """When the ship is ``metres`` (along its route) short of the end of ``sail``."""
    left = max(sail.route.length - metres, 0.0)
    return sail.t0 + int(sail.time_at(np.array([left]))[0])


def time_after_start(sail: Sail, metres: float) -> int:
    return sail.t0 + int(sail.time_at(np.array([min(metres, sail.route.length)]))[0])


def petroleum_shuttle(
    world: World, hull: Hull, rng: np.random.Generator, home: str, first_way: int = 0
) -> list[Label]:
    """Round trips home -> Vostochny -> home until the period ends; labels for spoofing.

    The first call is made in way ``first_way`` (an index into CALL_WAYS), so that a few
    shuttles show every way early on; later ways are drawn at random.
    """
    labels: list[Label] = []
    build = Builder(
        world, hull, rng, world.start - int(rng.uniform(0, 12 * HOUR)), world.spot(home, rng)
    )
    build.set_draught(load_draught(hull, rng, laden=True))
    build.stay(rng.uniform(12, 36) * HOUR, port=home)
    calls = 0
    while build.t < world.end:
        way = CALL_WAYS[int(rng.choice(len(CALL_WAYS), p=_CALL_WEIGHTS))]
        if calls == 0:
            way = CALL_WAYS[first_way % len(CALL_WAYS)]
        calls += 1
        build.set_draught(load_draught(hull, rng, laden=False))
        build.set_destination(SUPPLY_PORT, build.eta(SUPPLY_PORT, build.cruise()))
        begun = build.t
        build.call(SUPPLY_PORT, hull.size.kind.stay_h, anchor_chance=0.4)
        inbound, alongside = _arrival(hull.segments, begun)
        build.set_draught(load_draught(hull, rng, laden=True))
        build.set_destination(home, build.eta(home, build.cruise()))
        outbound = build.sail(world.spot(home, rng), build.cruise())
        if outbound is None:
            continue
        if way == "dark":
            hull.dark.append(
                (
                    time_before_end(inbound, rng.uniform(40_000, 90_000)),
                    time_after_start(outbound, rng.uniform(40_000, 90_000)),
                )
            )
        elif way == "teleport":
            labels += teleport(
                world,
                hull,
                rng,
                time_before_end(inbound, rng.uniform(20_000, 40_000)),
                time_after_start(outbound, rng.uniform(20_000, 40_000)),
            )
        elif way == "on_land":
            labels += on_land(world, hull, rng, alongside)
        elif rng.random() < 0.3 and outbound.t1 - outbound.t0 > 16 * HOUR:
            middle = (outbound.t0 + outbound.t1) // 2
            hull.dark.append((middle - int(4 * HOUR), middle + int(rng.uniform(4, 8) * HOUR)))
        build.stay(rng.uniform(*hull.size.kind.stay_h) * HOUR, port=home)
    return labels


def arms_shuttle(world: World, hull: Hull, rng: np.random.Generator) -> list[Label]:
    """Between Rajin and a Russian port (Dunai mostly), AIS off around Rajin every time."""
    russian = "dunai" if rng.random() < 0.7 else "vostochny"
    here = "rajin" if rng.random() < 0.5 else russian
    build = Builder(
        world, hull, rng, world.start - int(rng.uniform(0, 24 * HOUR)), world.spot(here, rng)
    )
    first = build.stay(rng.uniform(6, 30) * HOUR, port=here)
    dark_since: int | None = first.t0 - int(12 * HOUR) if here == "rajin" else None
    while build.t < world.end:
        there = russian if here == "rajin" else "rajin"
        build.set_draught(load_draught(hull, rng, laden=here == "rajin"))  # munitions aboard
        build.set_destination(there, build.eta(there, build.cruise()))
        begun = build.t
        build.call(there, hull.size.kind.stay_h, anchor_chance=0.0)
        leg, _ = _arrival(hull.segments, begun)
        if dark_since is not None:  # AIS back on once well clear of the last port
            hull.dark.append((dark_since, time_after_start(leg, rng.uniform(30_000, 60_000))))
            dark_since = None
        if there == "rajin" or rng.random() < 0.5:
            dark_since = time_before_end(leg, rng.uniform(30_000, 60_000))
        here = there
    if dark_since is not None:
        hull.dark.append((dark_since, build.t + 30 * 24 * HOUR))
    return []


def merge_dark(hull: Hull) -> None:
    """Overlapping AIS-off intervals joined into one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(hull.dark):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    hull.dark[:] = merged


def teleport(
    world: World, hull: Hull, rng: np.random.Generator, start: int, end: int
) -> list[Label]:
    """Broadcast positions shifted 200-400 km (onto open sea) from ``start`` to ``end``."""
    true_lat, true_lon = _true_position(hull, start)
    for _ in range(50):
        bearing, distance = float(rng.uniform(0, 360)), float(rng.uniform(200_000, 400_000))
        lat, lon = offset(true_lat, true_lon, bearing, distance)
        probe = np.array([lat, lat + 0.05, lat - 0.05]), np.array([lon, lon + 0.05, lon - 0.05])
        if world.mask.is_ocean(*probe).all() and world.shore_nm(lat, lon) > 15:
            break
    else:
        return []
    hull.spoofs.append(Spoof(start, end, "teleport", d_lat=lat - true_lat, d_lon=lon - true_lon))
    return [
        _spoof_label(
            hull,
            start,
            end,
            lat,
            lon,
            "teleport",
            f"{hull.key} broadcast a position {distance / 1000:.0f} km from where it "
            f"was (a call at Vostochny hidden)",
        )
    ]


def on_land(world: World, hull: Hull, rng: np.random.Generator, alongside: Stay) -> list[Label]:
    """Fixes on land 5-20 km inland for part of a stay (GPS interference or falsification)."""
    for _ in range(100):
        lat, lon = offset(
            alongside.lat,
            alongside.lon,
            float(rng.uniform(0, 360)),
            float(rng.uniform(5_000, 20_000)),
        )
        probe_lat = lat + np.array([0.0, 0.02, -0.02, 0.0, 0.0])
        probe_lon = lon + np.array([0.0, 0.0, 0.0, 0.02, -0.02])
        if not world.mask.is_ocean(probe_lat, probe_lon).any():
            break
    else:
        return []
    length = alongside.t1 - alongside.t0
    start = alongside.t0 + int(length * rng.uniform(0.2, 0.5))
    end = min(start + int(rng.uniform(2, 8) * HOUR), alongside.t1 - 1800)
    if end <= start:
        return []
    hull.spoofs.append(Spoof(start, end, "on_land", lat=lat, lon=lon))
    inland = float(haversine_m(alongside.lat, alongside.lon, lat, lon)) / 1000
    return [
        _spoof_label(
            hull,
            start,
            end,
            lat,
            lon,
            "on_land",
            f"{hull.key} broadcast fixes on land {inland:.0f} km from its berth",
        )
    ]


def _true_position(hull: Hull, t: int) -> tuple[float, float]:
    track = hull_track(hull, np.array([t], dtype=np.int64), np.random.default_rng(0))
    return float(track.lat[0]), float(track.lon[0])


def _spoof_label(
    hull: Hull, start: int, end: int, lat: float, lon: float, kind: str, notes: str
) -> Label:
    return Label(
        "spoofing",
        (hull.identity_at(start).mmsi,),
        start,
        end,
        lat,
        lon,
        notes,
        (hull.key,),
        {"kind": kind},
    )
