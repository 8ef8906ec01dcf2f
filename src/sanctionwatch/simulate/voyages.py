"""Plans of ordinary traffic: merchant ships calling port to port, fishing boats.

``Builder`` appends segments to a hull's plan from where and when the previous one ended, so a
plan is contiguous by construction. The background plans start before the simulated period
(ships are already in port or at sea when it begins) and run past its end.
"""

from __future__ import annotations

import math

import numpy as np

from sanctionwatch.simulate.fleet import TRAWL_KN
from sanctionwatch.simulate.geo import KNOT_MS, from_local, haversine_m
from sanctionwatch.simulate.lanes import LatLon, Route, legs_clear, make_route, round_corners
from sanctionwatch.simulate.motion import anchor_for, drift_position, swung
from sanctionwatch.simulate.plan import (
    AT_ANCHOR,
    FISHING_STATUS,
    MOORED,
    UNDER_WAY,
    Drift,
    Hull,
    Sail,
    Stay,
)
from sanctionwatch.simulate.world import Area, World

HOUR = 3600
DAY = 86_400
ACCELERATION = 0.012  # m/s^2: a merchant ship takes ~10 minutes to reach service speed


class Builder:
    """Appends to one hull's plan from the current time and place."""

    def __init__(
        self, world: World, hull: Hull, rng: np.random.Generator, t: int, at: LatLon
    ) -> None:
        self.world = world
        self.hull = hull
        self.rng = rng
        self.t = t
        self.at = at

    def stay(
        self, seconds: float, *, status: int = MOORED, port: str | None = None, swing_m: float = 0.0
    ) -> Stay:
        """Lie here; at anchor, swing round an anchor dropped so that the ship lies where it
        arrived (and leaves from where the tide has swung it)."""
        end = self.t + max(int(seconds), 60)
        lat, lon = self.at
        if swing_m > 0:
            lat, lon = anchor_for(self.at, self.t, swing_m)
        seg = Stay(self.t, end, lat, lon, status, float(self.rng.uniform(0, 360)), swing_m, port)
        self.hull.segments.append(seg)
        self.t = end
        if swing_m > 0:
            self.at = swung(seg, end)
        return seg

    def sail_route(self, route: Route, speed_kn: float, *, status: int = UNDER_WAY) -> Sail | None:
        """Sail ``route`` (which starts here) at ``speed_kn``, from rest to rest."""
        if route.length < 50.0:
            return None
        speed = speed_kn * KNOT_MS
        accel = ACCELERATION if self.hull.size.length_m > 60 else 3 * ACCELERATION
        ramp = min(speed / accel, route.length / speed)
        duration = math.ceil(route.length / speed + ramp)
        seg = Sail(self.t, self.t + duration, route, route.length / (duration - ramp), ramp, status)
        self.hull.segments.append(seg)
        self.t = seg.t1
        self.at = (float(route.lat[-1]), float(route.lon[-1]))
        return seg

    def sail(self, to: LatLon, speed_kn: float, *, status: int = UNDER_WAY) -> Sail | None:
        route = self.world.route(self.at, to, self.rng, self.hull.size.length_m)
        return self.sail_route(route, speed_kn, status=status)

    def drift(self, seconds: float, v_east: float, v_north: float) -> Drift:
        end = self.t + max(int(seconds), 60)
        seg = Drift(
            self.t, end, self.at[0], self.at[1], v_east, v_north, float(self.rng.uniform(0, 360))
        )
        self.hull.segments.append(seg)
        self.t = end
        self.at = drift_position(seg, end)
        return seg

    def call(self, port: str, stay_h: tuple[float, float], *, anchor_chance: float = 0.35) -> None:
        """Arrive at ``port`` (perhaps waiting at anchor first) and lie alongside."""
        speed = self.cruise()
        anchorage = self.world.anchorage(port, self.rng)
        if anchorage is not None and self.rng.random() < anchor_chance:
            self.sail(anchorage, speed)
            self.stay(
                self.rng.uniform(2, 18) * HOUR,
                status=AT_ANCHOR,
                swing_m=float(self.rng.uniform(40, 150)),
            )
            speed = min(speed, 8.0)
        self.sail(self.world.spot(port, self.rng), speed)
        self.stay(self.rng.uniform(*stay_h) * HOUR, status=MOORED, port=port)

    def cruise(self) -> float:
        """This voyage's service speed: the ship's own, varied a little."""
        size = self.hull.size
        low, high = size.kind.cruise_kn
        return float(np.clip(size.cruise_kn + self.rng.normal(0, 0.4), low, high))

    def set_draught(self, metres: float) -> None:
        self.hull.draughts.append((self.t, round(metres, 1)))

    def set_destination(self, port: str, eta: int) -> None:
        self.hull.destinations.append((self.t, self.world.port(port).name.upper()[:20], eta))

    def eta(self, port: str, speed_kn: float) -> int:
        distance = float(haversine_m(self.at[0], self.at[1], *self.world.berth(port)))
        return self.t + int(1.3 * distance / (speed_kn * KNOT_MS))  # lanes are not straight


def load_draught(hull: Hull, rng: np.random.Generator, laden: bool) -> float:
    size = hull.size
    if size.kind.loads:
        base = size.laden_m if laden else size.ballast_m
        return base + float(rng.uniform(-0.2, 0.2))
    return size.ballast_m + float(rng.random()) * (size.laden_m - size.ballast_m)


def merchant_plan(world: World, hull: Hull, rng: np.random.Generator) -> None:
    """Port to port among the ports of the ship's type until past the end of the period."""
    kind = hull.size.kind
    here = kind.ports[int(rng.integers(len(kind.ports)))]
    start = world.start - int(rng.uniform(0, kind.stay_h[1] * HOUR))
    build = Builder(world, hull, rng, start, world.spot(here, rng))
    laden = bool(rng.random() < 0.5)
    build.set_draught(load_draught(hull, rng, laden))
    build.stay(rng.uniform(0.2, 1.0) * kind.stay_h[1] * HOUR, port=here)
    while build.t < world.end:
        choices = [p for p in kind.ports if p != here]
        there = choices[int(rng.integers(len(choices)))]
        laden = not laden if kind.loads else laden
        build.set_draught(load_draught(hull, rng, laden))  # entered on leaving
        build.set_destination(there, build.eta(there, build.cruise()))
        build.call(there, kind.stay_h)
        here = there


def fishing_plan(
    world: World, hull: Hull, rng: np.random.Generator, grounds: tuple[Area, ...]
) -> None:
    """Trips from a home port to trawl on nearby grounds, and back."""
    kind = hull.size.kind
    home = kind.ports[int(rng.integers(len(kind.ports)))]
    home_at = world.berth(home)
    near = [a for a in grounds if _area_distance_km(a, home_at) < 400] or list(grounds)
    build = Builder(
        world, hull, rng, world.start - int(rng.uniform(0, 2 * DAY)), world.spot(home, rng)
    )
    build.set_draught(0.0)  # Class B reports carry no draught
    while build.t < world.end:
        build.stay(rng.uniform(*kind.stay_h) * HOUR, port=home)
        area = near[int(rng.integers(len(near)))]
        ground = _on_grid(world, world.point_in(area, rng))
        pattern = trawl_pattern(world, ground, rng, hours=float(rng.uniform(12, 48)))
        if pattern is None:
            continue
        build.sail((float(pattern.lat[0]), float(pattern.lon[0])), build.cruise())
        build.sail_route(pattern, float(rng.uniform(*TRAWL_KN)), status=FISHING_STATUS)
        build.sail(world.spot(home, rng), build.cruise())


def trawl_pattern(
    world: World, start: LatLon, rng: np.random.Generator, hours: float
) -> Route | None:
    """Parallel tows 6-12 km long, 1 km apart, turning at each end: about ``hours`` of towing.
    None when the pattern would touch land."""
    tow = float(rng.uniform(6_000, 12_000))
    heading = float(rng.uniform(0, np.pi))
    towing = hours * HOUR * float(np.mean(TRAWL_KN)) * KNOT_MS
    leg = np.arange(max(2, int(towing / (tow + 1_000))))
    first = np.where(leg % 2 == 0, 0.0, tow)  # tows go out and back, 1 km further across
    x_along = np.stack([first, tow - first], axis=1).ravel()
    x_across = np.repeat(leg * 1_000.0, 2)
    x = x_along * np.sin(heading) + x_across * np.cos(heading)
    y = x_along * np.cos(heading) - x_across * np.sin(heading)
    lat, lon = from_local(x, y, start[0], start[1])
    if not legs_clear(world.mask, lat, lon, 500.0).all():
        return None
    return make_route(*round_corners(world.mask, lat, lon, 300.0))


def _on_grid(world: World, point: LatLon) -> LatLon:
    """The point moved to a 0.05-degree grid, where routes to it are worked out once; the
    point itself when the grid point is not at sea."""
    snapped = (round(point[0] * 20) / 20, round(point[1] * 20) / 20)
    at_sea = world.mask.is_ocean(np.array([snapped[0]]), np.array([snapped[1]]))[0]
    return snapped if at_sea else point


def _area_distance_km(area: Area, at: LatLon) -> float:
    centre = ((area.lat_min + area.lat_max) / 2, (area.lon_min + area.lon_max) / 2)
    return float(haversine_m(at[0], at[1], centre[0], centre[1])) / 1000.0
