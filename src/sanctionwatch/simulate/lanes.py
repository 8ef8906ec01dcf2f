"""Sea routes between two points: searoute's shipping-lane network, kept off the land mask.

searoute (Eurostat's MARNET network, shipped with the package) gives the lane between the
network nodes nearest the two ends. The route is then: the start, the lane's nodes (a node the
lane reaches only by a detour near the ends is dropped, as a ship leaving port heads for the
lane), the end. Every leg is checked against the land mask with a margin either side; a leg
that crosses land (lanes are drawn coarsely along coasts, harbours are narrow) is replaced by
the shortest 8-connected path over sea cells, pulled taut. Each voyage then moves the lane's
nodes by up to ``spread_m`` (ships do not all sail on one line) and rounds the corners, every
change kept only where it stays clear of land.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.simulate.geo import (
    METRES_PER_DEG_LAT,
    Bools,
    Floats,
    bearing_deg,
    from_local,
    haversine_m,
)
from sanctionwatch.simulate.grid_kernels import sea_path
from sanctionwatch.simulate.land import LandMask

LatLon = tuple[float, float]
MARGIN_M = 200.0  # a leg is clear when it and lines this far either side of it are sea
_SAMPLE_M = 150.0  # spacing of the points a leg is checked at
_DETOUR = 1.15  # a lane node near an end is dropped when keeping it lengthens the way this much
_BOX_CELLS = 40  # sea-path search box around a blocked stretch, cells each side (~35 km)
_PROBE_M = 500.0  # a leg is examined in pieces this long to find where land blocks it
_DETOUR_REACH_M = 5_000.0  # a detour starts and ends this far from the land it avoids


@dataclass(frozen=True)
class Route:
    """A polyline with cumulative distance: where a ship is after ``s`` metres along it."""

    lat: Floats
    lon: Floats
    cum: Floats  # metres from the start to each vertex

    @property
    def length(self) -> float:
        return float(self.cum[-1])

    @cached_property
    def bearings(self) -> Floats:
        """Bearing of each leg (one fewer than vertices)."""
        return bearing_deg(self.lat[:-1], self.lon[:-1], self.lat[1:], self.lon[1:])

    def at(self, s: Floats) -> tuple[Floats, Floats, Floats]:
        """Latitude, longitude and course (degrees) at distances ``s`` along the route."""
        s = np.clip(s, 0.0, self.length)
        leg = np.clip(np.searchsorted(self.cum, s, side="right") - 1, 0, len(self.cum) - 2)
        span = self.cum[leg + 1] - self.cum[leg]
        f = (s - self.cum[leg]) / span
        lat = self.lat[leg] + f * (self.lat[leg + 1] - self.lat[leg])
        lon = self.lon[leg] + f * (self.lon[leg + 1] - self.lon[leg])
        return lat, lon, self.bearings[leg]

    def reversed(self) -> Route:
        return make_route(self.lat[::-1].copy(), self.lon[::-1].copy())


def make_route(lat: Floats, lon: Floats) -> Route:
    """A route through the points, repeated points dropped."""
    keep = np.ones(len(lat), dtype=np.bool_)
    keep[1:] = (np.diff(lat) != 0) | (np.diff(lon) != 0)
    lat, lon = lat[keep], lon[keep]
    if len(lat) < 2:
        lat, lon = np.repeat(lat, 2), np.repeat(lon, 2)
        lon[1] += 1e-6  # a route needs length; a metre-long one is enough
    legs = haversine_m(lat[:-1], lon[:-1], lat[1:], lon[1:])
    return Route(lat, lon, np.concatenate([[0.0], np.cumsum(legs)]))


def legs_clear(mask: LandMask, lat: Floats, lon: Floats, margin_m: float) -> Bools:
    """For each leg of the polyline: is it, and are lines ``margin_m`` either side, all sea?"""
    legs = len(lat) - 1
    if legs < 1:
        return np.zeros(0, dtype=np.bool_)
    length = haversine_m(lat[:-1], lon[:-1], lat[1:], lon[1:])
    count = np.maximum(np.ceil(length / _SAMPLE_M).astype(np.int64), 1) + 1
    owner = np.repeat(np.arange(legs), count)
    starts = np.concatenate([[0], np.cumsum(count)[:-1]])
    f = (np.arange(owner.size) - starts[owner]) / (count[owner] - 1)
    s_lat = lat[owner] + f * (lat[owner + 1] - lat[owner])
    s_lon = lon[owner] + f * (lon[owner + 1] - lon[owner])
    ok = mask.is_ocean(s_lat, s_lon)
    if margin_m > 0:
        cos = np.cos(np.radians(s_lat))
        d_lat = (lat[owner + 1] - lat[owner]) / np.maximum(length[owner], 1e-9) * 111_195.0
        d_lon = (lon[owner + 1] - lon[owner]) / np.maximum(length[owner], 1e-9) * 111_195.0 * cos
        # unit normal in metres east/north, back to degrees
        n_east, n_north = -d_lat, d_lon
        n_lat = n_north * margin_m / 111_195.0
        n_lon = n_east * margin_m / (111_195.0 * cos)
        ok &= mask.is_ocean(s_lat + n_lat, s_lon + n_lon)
        ok &= mask.is_ocean(s_lat - n_lat, s_lon - n_lon)
    return np.asarray(np.logical_and.reduceat(ok, starts))


def segment_clear(mask: LandMask, a: LatLon, b: LatLon, margin_m: float) -> bool:
    lat = np.array([a[0], b[0]])
    lon = np.array([a[1], b[1]])
    return bool(legs_clear(mask, lat, lon, margin_m)[0])


@dataclass(frozen=True)
class _Waypoints:
    lat: Floats
    lon: Floats
    movable: Bools  # lane nodes in open water, which a voyage may shift


class SeaLanes:
    """Routes over one region, each pair of ends worked out once."""

    def __init__(self, mask: LandMask) -> None:
        import searoute  # here: loading the network takes a moment and ~60 MB

        self.mask = mask
        self._searoute: Any = searoute
        self._graphs = searoute.get_graphs()
        self._base: dict[tuple[LatLon, LatLon], _Waypoints] = {}
        self._detours: dict[tuple[LatLon, LatLon], list[LatLon]] = {}
        self._legs: dict[tuple[LatLon, LatLon], list[LatLon]] = {}

    # --- the lane between two points --------------------------------------------------------

    def lane_nodes(self, a: LatLon, b: LatLon) -> list[LatLon]:
        """searoute's lane from the node nearest ``a`` to the node nearest ``b``."""
        marnet, ports = self._graphs
        feature = self._searoute.searoute([a[1], a[0]], [b[1], b[0]], M=marnet, P=ports, units="km")
        return [(float(lat), float(lon)) for lon, lat in feature["geometry"]["coordinates"]]

    def _to_sea(self, point: LatLon) -> LatLon | None:
        """The point, or the nearest sea cell within ~5 km when it is on land."""
        lat, lon = np.array([point[0]]), np.array([point[1]])
        if self.mask.is_ocean(lat, lon)[0]:
            return point
        rows, cols, inside = self.mask.cells(lat, lon)
        if not inside[0]:
            return None
        grid_r, grid_c = np.mgrid[-6:7, -6:7]
        cand_r = np.clip(grid_r.ravel() + rows[0], 0, self.mask.ocean.shape[0] - 1)
        cand_c = np.clip(grid_c.ravel() + cols[0], 0, self.mask.ocean.shape[1] - 1)
        sea = self.mask.ocean[cand_r, cand_c]
        if not sea.any():
            return None
        c_lat, c_lon = self.mask.centre(cand_r[sea], cand_c[sea])
        best = int(np.argmin(haversine_m(point[0], point[1], c_lat, c_lon)))
        return float(c_lat[best]), float(c_lon[best])

    def _base_waypoints(self, a: LatLon, b: LatLon) -> _Waypoints:
        # Built once per pair in one direction, whatever order voyages ask in: the same seed
        # then gives the same routes however many simulations ran before in this process.
        first, second = min(a, b), max(a, b)
        if (first, second) not in self._base:
            self._base[(first, second)] = self._build(first, second)
        base = self._base[(first, second)]
        if (a, b) == (first, second):
            return base
        return _Waypoints(base.lat[::-1].copy(), base.lon[::-1].copy(), base.movable[::-1].copy())

    def _build(self, a: LatLon, b: LatLon) -> _Waypoints:
        nodes = [n for n in (self._to_sea(p) for p in self.lane_nodes(a, b)) if n is not None]
        points = _prune_ends([a, *nodes, b], self.mask)
        lat: list[float] = [points[0][0]]
        lon: list[float] = [points[0][1]]
        movable: list[bool] = [False]
        for index in range(1, len(points)):
            for middle in self._around_land(points[index - 1], points[index]):
                lat.append(middle[0])
                lon.append(middle[1])
                movable.append(False)
            lat.append(points[index][0])
            lon.append(points[index][1])
            movable.append(0 < index < len(points) - 1)
        return _Waypoints(np.array(lat), np.array(lon), np.array(movable))

    def _around_land(self, a: LatLon, b: LatLon) -> list[LatLon]:
        """Points to add between ``a`` and ``b`` to keep clear of land: none when the straight
        leg is clear; else, for each stretch of it that is not, a sea path from a clear point
        before the stretch to one after (so an island costs a local detour, not a new leg)."""
        if (b, a) < (a, b):  # worked out in one direction only, as lanes are
            return self._around_land(b, a)[::-1]
        if (a, b) not in self._legs:
            self._legs[(a, b)] = self._find_around(a, b)
        return self._legs[(a, b)]

    def _find_around(self, a: LatLon, b: LatLon) -> list[LatLon]:
        length = float(haversine_m(a[0], a[1], b[0], b[1]))
        count = max(int(length / _PROBE_M), 1) + 1
        f = np.linspace(0.0, 1.0, count)
        s_lat, s_lon = a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])
        blocked = ~legs_clear(self.mask, s_lat, s_lon, MARGIN_M)  # per short piece of the leg
        if not blocked.any():
            return []
        reach = int(_DETOUR_REACH_M / _PROBE_M) + 1
        spread = np.convolve(blocked, np.ones(2 * reach + 1, dtype=np.int64), "same") > 0
        edges = np.flatnonzero(np.diff(np.r_[0, spread.astype(np.int8), 0]))
        added: list[LatLon] = []
        for first, stop in zip(edges[::2], edges[1::2], strict=True):
            entry = (float(s_lat[first]), float(s_lon[first]))
            leave = min(stop, count - 1)  # pieces index their start point; stop is clear
            exit_ = (float(s_lat[leave]), float(s_lon[leave]))
            path = self._detour(entry, exit_)
            added += [p for p in path if p not in (a, b)]
        return added

    def _detour(self, a: LatLon, b: LatLon) -> list[LatLon]:
        """The taut shortest sea path from ``a`` to ``b`` (both included)."""
        if (b, a) < (a, b):
            return self._detour(b, a)[::-1]
        if (a, b) in self._detours:
            return self._detours[(a, b)]
        rows, cols, _ = self.mask.cells(np.array([a[0], b[0]]), np.array([a[1], b[1]]))
        shape = self.mask.ocean.shape
        dy = METRES_PER_DEG_LAT / 120
        dx = dy * float(np.cos(np.radians((a[0] + b[0]) / 2)))
        for pad in (_BOX_CELLS, _BOX_CELLS * 4, max(shape)):
            r0 = max(int(rows.min()) - pad, 0)
            c0 = max(int(cols.min()) - pad, 0)
            r1 = min(int(rows.max()) + pad + 1, shape[0])
            c1 = min(int(cols.max()) + pad + 1, shape[1])
            box = np.ascontiguousarray(self.mask.ocean[r0:r1, c0:c1])
            box[rows[0] - r0, cols[0] - c0] = True  # the ends are sea by construction
            box[rows[1] - r0, cols[1] - c0] = True
            cells = sea_path(
                box,
                int(rows[0] - r0),
                int(cols[0] - c0),
                int(rows[1] - r0),
                int(cols[1] - c0),
                dx,
                dy,
            )
            if len(cells):
                break
        else:
            raise SanctionwatchError(f"no sea path from {a} to {b} in the land mask")
        c_lat, c_lon = self.mask.centre(cells[:, 0] + r0, cells[:, 1] + c0)
        c_lat[0], c_lon[0], c_lat[-1], c_lon[-1] = a[0], a[1], b[0], b[1]
        path = _pull_taut(self.mask, c_lat, c_lon)
        self._detours[(a, b)] = path
        return path

    # --- one voyage ------------------------------------------------------------------------

    def route(
        self,
        a: LatLon,
        b: LatLon,
        rng: np.random.Generator,
        *,
        spread_m: float = 1_500.0,
        turn_radius_m: float = 1_500.0,
        hubs: tuple[LatLon | None, LatLon | None] = (None, None),
    ) -> Route:
        """A voyage from ``a`` to ``b``: the lane, its nodes shifted, its corners rounded.

        ``hubs`` name, for an end lying in a port, the port's berth it is in plain view of:
        the lane is then worked out (once) between the berths and the last hops added.
        """
        hub_a, hub_b = hubs[0] or a, hubs[1] or b
        base = self._base_waypoints(hub_a, hub_b)
        lat, lon, movable = base.lat, base.lon, base.movable
        if hub_a != a:
            lat, lon, movable = np.r_[a[0], lat], np.r_[a[1], lon], np.r_[False, movable]
        if hub_b != b:
            lat, lon, movable = np.r_[lat, b[0]], np.r_[lon, b[1]], np.r_[movable, False]
        # drawn whatever happens next, so one voyage's draws never shift another's
        radius = spread_m * np.sqrt(rng.random(len(lat)))
        angle = rng.random(len(lat)) * 2 * np.pi
        lat, lon = _shift_nodes(self.mask, lat, lon, movable, radius, angle)
        return make_route(*round_corners(self.mask, lat, lon, turn_radius_m))


def _shift_nodes(
    mask: LandMask, lat: Floats, lon: Floats, movable: Bools, radius: Floats, angle: Floats
) -> tuple[Floats, Floats]:
    """Lane nodes moved by (radius, angle) where every leg they touch stays clear of land.

    Legs already in the lane are clear; a moved node is put back when a leg it touches is not,
    until none is.
    """
    x, y = radius * np.cos(angle), radius * np.sin(angle)
    moved_lat, moved_lon = lat.copy(), lon.copy()
    for index in np.flatnonzero(movable):
        new_lat, new_lon = from_local(x[index], y[index], float(lat[index]), float(lon[index]))
        moved_lat[index], moved_lon[index] = float(new_lat), float(new_lon)
    moved = movable.copy()
    while moved.any():
        bad = ~legs_clear(mask, moved_lat, moved_lon, MARGIN_M)
        touching = np.zeros(len(lat), dtype=np.bool_)
        touching[:-1] |= bad
        touching[1:] |= bad
        revert = touching & moved
        if not revert.any():
            break
        moved_lat[revert], moved_lon[revert] = lat[revert], lon[revert]
        moved &= ~revert
    return moved_lat, moved_lon


def _prune_ends(points: list[LatLon], mask: LandMask) -> list[LatLon]:
    """Drop lane nodes next to either end that the way reaches only by a detour."""

    def detour(p: LatLon, q: LatLon, r: LatLon) -> bool:
        via = float(haversine_m(p[0], p[1], q[0], q[1]) + haversine_m(q[0], q[1], r[0], r[1]))
        direct = float(haversine_m(p[0], p[1], r[0], r[1]))
        return via > _DETOUR * direct + 1.0 and segment_clear(mask, p, r, MARGIN_M)

    points = list(points)
    while len(points) > 2 and detour(points[0], points[1], points[2]):
        del points[1]
    while len(points) > 2 and detour(points[-1], points[-2], points[-3]):
        del points[-2]
    return points


def _pull_taut(mask: LandMask, lat: Floats, lon: Floats) -> list[LatLon]:
    """A grid path with every corner cut that can be cut while staying clear of land.

    From each kept point, the furthest later point in clear view (found by doubling then
    halving); the next grid cell when none is, as neighbouring sea cells always connect.
    """
    kept = [0]
    last = len(lat) - 1
    while kept[-1] < last:
        i = kept[-1]

        def clear(j: int, i: int = i) -> bool:
            pair = np.array([i, j])
            return bool(legs_clear(mask, lat[pair], lon[pair], MARGIN_M)[0])

        good, step = i + 1, 1
        while good + step <= last and clear(good + step):
            good += step
            step *= 2
        bad = min(good + step, last + 1)
        while bad - good > 1:
            middle = (good + bad) // 2
            if clear(middle):
                good = middle
            else:
                bad = middle
        kept.append(good)
    return [(float(lat[k]), float(lon[k])) for k in kept]


def round_corners(
    mask: LandMask, lat: Floats, lon: Floats, radius_m: float
) -> tuple[Floats, Floats]:
    """Each corner replaced by a curve of about ``radius_m`` where that stays clear of land.

    The curve is a quadratic Bezier from the tangent point on the leg in to the one on the leg
    out, the corner its control point, using at most 45% of either leg; corners of less than
    3 or more than 150 degrees stay as they are.
    """
    if len(lat) < 3:
        return lat, lon
    scale = np.cos(np.radians(lat))
    x, y = lon * METRES_PER_DEG_LAT * scale, lat * METRES_PER_DEG_LAT  # local at each vertex
    d_in = np.stack([x[1:-1] - (lon[:-2] * METRES_PER_DEG_LAT * scale[1:-1]), y[1:-1] - y[:-2]], 1)
    d_out = np.stack([(lon[2:] * METRES_PER_DEG_LAT * scale[1:-1]) - x[1:-1], y[2:] - y[1:-1]], 1)
    len_in, len_out = np.hypot(*d_in.T), np.hypot(*d_out.T)
    safe_in, safe_out = np.maximum(len_in, 1e-9), np.maximum(len_out, 1e-9)
    cos_turn = np.clip((d_in * d_out).sum(1) / (safe_in * safe_out), -1.0, 1.0)
    turn = np.degrees(np.arccos(cos_turn))
    corner = (turn >= 3.0) & (turn <= 150.0) & (len_in >= 1.0) & (len_out >= 1.0)
    tangent = np.minimum(
        radius_m * np.tan(np.radians(turn) / 2), 0.45 * np.minimum(len_in, len_out)
    )
    points = np.maximum((turn / 5).astype(np.int64) + 2, 3)
    index = np.flatnonzero(corner)
    curves: list[tuple[int, Floats, Floats]] = []
    for i in index:
        t = np.linspace(0.0, 1.0, int(points[i]))[:, None]
        p_in = -tangent[i] * d_in[i] / safe_in[i]
        p_out = tangent[i] * d_out[i] / safe_out[i]
        curve = (1 - t) ** 2 * p_in + t**2 * p_out  # the control point is the corner, (0, 0)
        c_lat, c_lon = from_local(curve[:, 0], curve[:, 1], float(lat[i + 1]), float(lon[i + 1]))
        curves.append((int(i) + 1, c_lat, c_lon))
    if curves:  # every curve checked in one call; legs joining two curves are not legs
        all_lat = np.concatenate([c[1] for c in curves])
        all_lon = np.concatenate([c[2] for c in curves])
        sizes = np.array([len(c[1]) for c in curves])
        ok = legs_clear(mask, all_lat, all_lon, MARGIN_M / 2)
        firsts = np.r_[0, np.cumsum(sizes)[:-1]]
        inner = np.ones(len(ok), dtype=np.bool_)
        inner[np.cumsum(sizes)[:-1] - 1] = False
        good = np.logical_and.reduceat(ok | ~inner, firsts)
        curves = [c for c, g in zip(curves, good, strict=True) if g]
    by_vertex = {c[0]: c for c in curves}
    out_lat, out_lon = [lat[:1]], [lon[:1]]
    for vertex in range(1, len(lat) - 1):
        curve = by_vertex.get(vertex)
        out_lat.append(curve[1] if curve else lat[vertex : vertex + 1])
        out_lon.append(curve[2] if curve else lon[vertex : vertex + 1])
    out_lat.append(lat[-1:])
    out_lon.append(lon[-1:])
    return np.concatenate(out_lat), np.concatenate(out_lon)
