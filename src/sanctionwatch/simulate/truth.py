"""Ground truth: one label per event, in the detectors' type names and DESIGN.md's definitions.

A label says what happened and when to the MMSIs a detector sees (``vessels``), which physical
ships did it (``hulls``), and the hidden facts in ``attributes`` and ``notes``. Labels come from
two places:

- the plans (this module's ``plan_labels`` and the evasion behaviours): port visits, loitering,
  encounters, dark transfers, identity changes, shared MMSIs, spoofing;
- the AIS actually written (``GapTracker``, ``DraughtTracker``): gaps (> 6 h between fixes of an
  MMSI), dark port calls (gaps with a port inside the ellipse they allow, DESIGN.md) and
  draught changes (>= 1 m between static reports of an MMSI), so that what a detector can see
  and what the truth says agree by construction.

Planned encounters pass through the AIS written too (``EncounterCheck``): one is labelled only
if the fixes the receivers heard show the two ships together by DESIGN.md's definition, on the
detector's grid and with its parameters (interpolating only across silences under 1 h). Far
offshore, where a satellite hears a ship every 15 minutes or so, a transfer can last hours and
still not show for the 2 h required; it is then no encounter in the AIS, and not labelled.

Only what falls in the simulated period and can be seen in the AIS is labelled: a port call
made with AIS off is a ``dark_port_call``, not a ``port_visit``; so is a silence at sea that
could have hidden one (a ship that switched AIS off for a transfer near a port), since AIS
cannot tell the two apart (``attributes["called"]`` says which it was).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from sanctionwatch.maritime.encounters import EncounterParams, GridPoints, find_encounters
from sanctionwatch.maritime.events import EVENT_TYPES
from sanctionwatch.maritime.params import default_params
from sanctionwatch.maritime.resample import Grid, resample
from sanctionwatch.maritime.segments import segment_ids
from sanctionwatch.maritime.track import make_track
from sanctionwatch.simulate.geo import METRES_PER_NM, Floats, Ints, haversine_m
from sanctionwatch.simulate.plan import Drift, Hull, Sail, Stay
from sanctionwatch.simulate.ports import PORTS, Port
from sanctionwatch.simulate.world import World

TYPES = EVENT_TYPES  # the detectors' type names: labels and events must agree
GAP_S = 6 * 3600  # DESIGN.md: a gap is more than 6 h between consecutive fixes
ENTRY_M, EXIT_M = 3_000.0, 4_000.0  # port visit: enter within 3 km, leave beyond 4 km
LOITER_S, LOITER_SHORE_NM = 4 * 3600, 20.0
_INTENTIONAL_S, _INTENTIONAL_SHORE_NM, _INTENTIONAL_FIXES = 12 * 3600, 50.0, 14
# dark port calls follow the detector's definition and parameters (DESIGN.md is the reference)
_DARK_CALL = default_params().section("dark_port_call")
_NEAR_PORT_M = float(default_params().section("port")["exit_km"]) * 1000.0
# and so do encounters: the detector's grid and thresholds
_ENCOUNTER = EncounterParams.of(default_params().section("resample"),
                                default_params().section("encounter"))  # fmt: skip
_MAX_GAP_S = float(default_params().section("resample")["max_gap_h"]) * 3600.0
_SEGMENT = default_params().section("segment")


def iso(t: int) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Label:
    type: str
    vessels: tuple[int, ...]  # MMSIs as broadcast
    start: int
    end: int
    lat: float
    lon: float
    notes: str
    hulls: tuple[str, ...] = ()
    attributes: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple[int, str, tuple[int, ...], int]:
        return (self.start, self.type, self.vessels, self.end)

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "vessels": list(self.vessels),
            "start": iso(self.start),
            "end": iso(self.end),
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "notes": self.notes,
            "hulls": list(self.hulls),
            "attributes": self.attributes,
            "simulated": True,
        }


def clipped(label: Label, start: int, end: int) -> Label | None:
    """The label cut to the period [start, end]; None when it lies outside."""
    if label.end < start or label.start > end:
        return None
    if label.start >= start and label.end <= end:
        return label
    return Label(
        label.type,
        label.vessels,
        max(label.start, start),
        min(label.end, end),
        label.lat,
        label.lon,
        label.notes,
        label.hulls,
        label.attributes,
    )


# --- visibility ----------------------------------------------------------------------------


def hidden_intervals(hull: Hull) -> list[tuple[int, int]]:
    """When the ship's true position cannot be seen: AIS off, or positions falsified."""
    return sorted([*hull.dark, *((s.t0, s.t1) for s in hull.spoofs)])


def visible_seconds(hull: Hull, start: int, end: int) -> int:
    """Seconds of [start, end) in which the ship broadcasts its true position."""
    if end <= start:
        return 0
    t = np.arange(start, end, 60, dtype=np.int64)
    hidden = np.zeros(t.shape, dtype=np.bool_)
    for a, b in hidden_intervals(hull):
        hidden |= (t >= a) & (t < b)
    return int((~hidden).sum()) * 60


# --- port visits ---------------------------------------------------------------------------


class PortIndex:
    """Nearest port of the table to many points at once, through a 0.02-degree raster."""

    _CELL = 0.02
    _REACH = 4  # cells either side (~9 km): a point within 4 km of a port always finds it

    def __init__(self, ports: tuple[Port, ...] = PORTS) -> None:
        self.ports = ports
        self.lat = np.array([p.lat for p in ports])
        self.lon = np.array([p.lon for p in ports])
        cells: dict[int, list[int]] = {}
        for index, p in enumerate(ports):
            row, col = int(p.lat // self._CELL), int(p.lon // self._CELL)
            for dr in range(-self._REACH, self._REACH + 1):
                for dc in range(-self._REACH, self._REACH + 1):
                    cells.setdefault(self._key(row + dr, col + dc), []).append(index)
        self._cells = cells
        self._known = np.array(sorted(cells), dtype=np.int64)

    @staticmethod
    def _key(row: int | Ints, col: int | Ints) -> Any:
        return (row + 10_000) * 100_000 + (col + 20_000)

    def nearest(self, lat: Floats, lon: Floats) -> tuple[Ints, Floats]:
        """Index of the nearest port within ~9 km (else -1) and the distance in metres."""
        keys = self._key(
            np.floor(lat / self._CELL).astype(np.int64), np.floor(lon / self._CELL).astype(np.int64)
        )
        best = np.full(lat.shape, -1, dtype=np.int64)
        dist = np.full(lat.shape, np.inf)
        near = np.flatnonzero(np.isin(keys, self._known))
        near = near[np.argsort(keys[near], kind="stable")]
        bounds = np.flatnonzero(np.diff(keys[near])) + 1
        for group in np.split(near, bounds) if near.size else []:
            candidates = self._cells[int(keys[group[0]])]
            d = haversine_m(
                lat[group, None], lon[group, None], self.lat[candidates], self.lon[candidates]
            )
            pick = np.argmin(d, axis=1)
            best[group] = np.asarray(candidates)[pick]
            dist[group] = d[np.arange(group.size), pick]
        return best, dist


def _samples(hull: Hull) -> tuple[Ints, Floats, Floats]:
    """The ship's true path as (time, lat, lon) points dense enough to see 3-4 km rings."""
    times: list[Ints] = []
    lats: list[Floats] = []
    lons: list[Floats] = []
    for seg in hull.segments:
        if isinstance(seg, Stay):
            t = np.array([seg.t0, seg.t1 - 1], dtype=np.int64)
            lat, lon = np.full(2, seg.lat), np.full(2, seg.lon)
        elif isinstance(seg, Sail):
            s = np.append(np.arange(0.0, seg.route.length, 300.0), seg.route.length)
            t = seg.t0 + np.round(seg.time_at(s)).astype(np.int64)
            lat, lon, _ = seg.route.at(s)
        else:
            t = np.arange(seg.t0, seg.t1, 1800, dtype=np.int64)
            lat, lon = np.full(t.size, seg.lat), np.full(t.size, seg.lon)
        times.append(t)
        lats.append(lat)
        lons.append(lon)
    return np.concatenate(times), np.concatenate(lats), np.concatenate(lons)


def port_visits(hull: Hull, world: World, index: PortIndex) -> list[Label]:
    """Entries within 3 km of a port point and exits beyond 4 km, seen in AIS."""
    t, lat, lon = _samples(hull)
    nearest, dist = index.nearest(lat, lon)
    event = np.where(dist < ENTRY_M, 1, np.where(dist > EXIT_M, -1, 0))
    last = np.maximum.accumulate(np.where(event != 0, np.arange(event.size), -1))
    state = np.where(last >= 0, event[np.maximum(last, 0)], -1)
    entries = (np.flatnonzero((state[1:] == 1) & (state[:-1] == -1)) + 1).tolist()
    exits = (np.flatnonzero((state[1:] == -1) & (state[:-1] == 1)) + 1).tolist()
    if state[0] == 1:
        entries.insert(0, 0)
    labels = []
    for entry in entries:
        leave = next((x for x in exits if x > entry), None)
        start = max(int(t[entry]), world.start)
        end = min(int(t[leave]) if leave is not None else int(t[-1]), world.end)
        where = index.ports[int(nearest[entry])]
        labels += _visit_labels(hull, world, where, start, end)
    return labels


def _visit_labels(hull: Hull, world: World, where: Port, start: int, end: int) -> list[Label]:
    """One label per MMSI the ship broadcast during the visit (a reflagging in port splits
    it: each MMSI is seen arriving or leaving on its own), if it was seen at all."""
    changes = [
        t
        for t, ident in hull.identities
        if start < t < end and ident.mmsi != hull.identity_at(t - 1).mmsi
    ]
    labels = []
    for low, high in itertools.pairwise([start, *changes, end]):
        if high - low < 600 or visible_seconds(hull, low, high) < 600:
            continue
        notes = f"{hull.key} at {where.name} ({where.country})"
        if low == world.start:
            notes += "; in port when the simulation starts"
        if high == world.end:
            notes += "; still in port when it ends"
        if low != start or high != end:
            notes += "; its MMSI changed during the visit"
        labels.append(
            Label(
                "port_visit",
                (hull.identity_at(low).mmsi,),
                low,
                high,
                where.lat,
                where.lon,
                notes,
                (hull.key,),
                {"port": where.key, "locode": where.locode, "wpi": where.wpi},
            )
        )
    return labels


# --- loitering and dark port calls -----------------------------------------------------------


def loitering(hull: Hull, world: World) -> list[Label]:
    """Drifts of 4 h or more, 20 nm or more from shore, with AIS on and true."""
    labels = []
    runs: list[list[Drift]] = []
    for seg in hull.segments:
        if isinstance(seg, Drift) and runs and runs[-1][-1].t1 == seg.t0:
            runs[-1].append(seg)
        elif isinstance(seg, Drift):
            runs.append([seg])
    for run in runs:
        start, end = max(run[0].t0, world.start), min(run[-1].t1, world.end)
        if end - start < LOITER_S or visible_seconds(hull, start, end) < 0.95 * (end - start):
            continue
        shore = world.shore_nm(run[0].lat, run[0].lon)
        if shore < LOITER_SHORE_NM:
            continue
        labels.append(
            Label(
                "loitering",
                (hull.identity_at(start).mmsi,),
                start,
                end,
                run[0].lat,
                run[0].lon,
                f"{hull.key} drifting {shore:.0f} nm from shore",
                (hull.key,),
                {"shore_nm": round(shore, 1)},
            )
        )
    return labels


def plausible_speed_kn(speeds_dkn: Ints) -> float:
    """The speed a ship could make good during a gap, as the detector reckons it from the
    speeds it reported under way (``dark_port_call`` parameters): the quantile of its reported
    speeds between 1 and 40 kn, times the margin, capped. ``speeds_dkn`` counts its reports by
    speed in tenths of a knot (index = speed)."""
    p = _DARK_CALL
    counts = speeds_dkn[11:400]
    n = int(counts.sum())
    if n == 0:
        return float(p["max_speed_kn"])
    # np.quantile's linear interpolation between the two order statistics around the rank
    rank = float(p["speed_quantile"]) * (n - 1)
    edges = np.cumsum(counts)
    low = 11 + int(np.searchsorted(edges, int(np.floor(rank)), side="right"))
    high = 11 + int(np.searchsorted(edges, int(np.ceil(rank)), side="right"))
    own = (low + (high - low) * (rank - float(np.floor(rank)))) / 10
    return min(own * float(p["speed_margin"]), float(p["max_speed_kn"]))


def dark_port_call(
    hull: Hull,
    mmsi: int,
    span: tuple[int, int],
    off: tuple[float, float],
    on: tuple[float, float],
    speed_kn: float,
) -> Label | None:
    """DESIGN.md's dark port call over one gap in the AIS written: a port lies inside the
    ellipse the gap allows (there and back at the ship's plausible speed with an hour in
    port), other than a port the ship was at when it fell silent or was heard again. Labelled
    whether or not the ship did call (an AIS-off transfer near a port looks the same in AIS);
    ``attributes["called"]`` says which."""
    p, near = _DARK_CALL, _NEAR_PORT_M
    start, end = span
    hours = (end - start) / 3600
    budget = speed_kn * METRES_PER_NM * (hours - float(p["port_dwell_h"]))
    if hours < float(p["min_gap_h"]) or budget <= 0:
        return None
    lat, lon = np.array([x.lat for x in PORTS]), np.array([x.lon for x in PORTS])
    d1, d2 = haversine_m(off[0], off[1], lat, lon), haversine_m(on[0], on[1], lat, lon)
    if d1.min() <= near and int(np.argmin(d1)) == int(np.argmin(d2)) and d2.min() <= near:
        return None  # silent in one port: an in-port gap
    ok = (d1 + d2 <= budget) & (d1 > near) & (d2 > near)
    if not ok.any():
        return None
    stays = [
        s.port for s in hull.segments if isinstance(s, Stay) and s.port and start <= s.t0 < end
    ]
    reachable = {PORTS[i].key for i in np.flatnonzero(ok)}
    called = next((key for key in stays if key in reachable), None)
    where = (
        next(x for x in PORTS if x.key == called)
        if called
        else PORTS[int(np.argmin(np.where(ok, d1 + d2, np.inf)))]
    )
    notes = (
        f"{hull.key} called at {where.name} with AIS off"
        if called
        else f"{hull.key} could have called at {where.name} with AIS off (it did not)"
    )
    return Label(
        "dark_port_call",
        (mmsi,),
        start,
        end,
        where.lat,
        where.lon,
        notes,
        (hull.key,),
        {
            "port": where.key,
            "locode": where.locode,
            "called": called is not None,
            "plausible_speed_kn": round(speed_kn, 2),
        },
    )


def plan_labels(hulls: Iterable[Hull], world: World) -> list[Label]:
    """The labels every plan yields whatever its role: port visits and loitering."""
    index = PortIndex()
    labels: list[Label] = []
    for hull in hulls:
        labels += port_visits(hull, world, index)
        labels += loitering(hull, world)
    return labels


# --- from the AIS written --------------------------------------------------------------------


def shared_mmsis(hulls: Iterable[Hull]) -> Ints:
    """MMSIs that two ships broadcast at the same time (a shared MMSI)."""
    spans: dict[int, list[tuple[int, int, int]]] = {}  # mmsi: (from, until, hull)
    for hull in hulls:
        starts = [t for t, _ in hull.identities]
        for (t, ident), until in zip(hull.identities, [*starts[1:], 2**62], strict=True):
            spans.setdefault(ident.mmsi, []).append((t, until, hull.index))
    shared = [
        mmsi
        for mmsi, own in spans.items()
        if any(
            a[2] != b[2] and a[0] < b[1] and b[0] < a[1] for a, b in itertools.combinations(own, 2)
        )
    ]
    return np.array(sorted(shared), dtype=np.int64)


class GapTracker:
    """Gaps of more than 6 h between consecutive fixes of one MMSI, and the dark port calls
    among them, fed window by window. An MMSI two ships share is followed ship by ship, as the
    detectors split it (DESIGN.md: two tracks), so each ship's own silences are its gaps."""

    def __init__(self, world: World, hulls: list[Hull]) -> None:
        self.world = world
        self.hulls = hulls
        self.labels: list[Label] = []
        self._shared = shared_mmsis(hulls)
        # (mmsi, hull or -1 when the MMSI is not shared): t, lat, lon, hull of the last fix
        self._last: dict[tuple[int, int], tuple[int, float, float, int]] = {}
        self._recent: dict[tuple[int, int], Ints] = {}  # times of its last 14 fixes
        self._speeds: dict[tuple[int, int], Ints] = {}  # reports by speed (tenths of a knot)
        self._silences: list[
            tuple[tuple[int, int], Hull, tuple[int, int], tuple[float, float], tuple[float, float]]
        ] = []

    def feed(
        self, mmsi: Ints, t: Ints, lat: Floats, lon: Floats, hull: Ints, sog_dkn: Ints
    ) -> None:
        """Fixes of one window, in time order, with the speeds reported (tenths of a knot)."""
        ship = np.where(np.isin(mmsi, self._shared), hull, -1)
        order = np.lexsort((t, ship, mmsi))
        mmsi, t, lat, lon, hull = mmsi[order], t[order], lat[order], lon[order], hull[order]
        ship, sog_dkn = ship[order], sog_dkn[order]
        bounds = np.flatnonzero((np.diff(mmsi) != 0) | (np.diff(ship) != 0)) + 1
        for first, stop in zip(np.r_[0, bounds], np.r_[bounds, mmsi.size], strict=True):
            key = (int(mmsi[first]), int(ship[first]))
            counts = np.bincount(np.clip(sog_dkn[first:stop], 0, 1023), minlength=1024)
            self._speeds[key] = self._speeds.get(key, 0) + counts
            times = t[first:stop]
            previous = self._last.get(key)
            prev_t = np.r_[previous[0] if previous else times[0], times[:-1]]
            for i in np.flatnonzero(times - prev_t > GAP_S):
                at = first + i
                if i == 0 and previous is not None:
                    start, s_lat, s_lon, s_hull = previous
                else:
                    start, s_lat, s_lon, s_hull = (
                        int(t[at - 1]),
                        lat[at - 1],
                        lon[at - 1],
                        hull[at - 1],
                    )
                before = np.r_[self._recent.get(key, np.zeros(0, np.int64)), times[:i]]
                count = int((before >= start - 12 * 3600).sum())
                off = (float(s_lat), float(s_lon))
                on = (float(lat[at]), float(lon[at]))
                self._gap(key, start, int(t[at]), off, on, int(s_hull), count)
            self._last[key] = (
                int(times[-1]),
                float(lat[stop - 1]),
                float(lon[stop - 1]),
                int(hull[stop - 1]),
            )
            self._recent[key] = np.r_[self._recent.get(key, np.zeros(0, np.int64)), times][-14:]

    def _gap(
        self,
        key: tuple[int, int],
        start: int,
        end: int,
        at_off: tuple[float, float],
        at_on: tuple[float, float],
        hull_index: int,
        fixes_before: int,
    ) -> None:
        hull, mmsi = self.hulls[hull_index], key[0]
        lat, lon = at_off
        shore = self.world.shore_nm(lat, lon)
        off = any(a < end and b > start for a, b in hull.dark)
        intentional = (
            end - start >= _INTENTIONAL_S
            and shore >= _INTENTIONAL_SHORE_NM
            and fixes_before >= _INTENTIONAL_FIXES
        )
        why = "AIS switched off" if off else "no reception"
        self.labels.append(
            Label(
                "gap",
                (mmsi,),
                start,
                end,
                lat,
                lon,
                f"{hull.key}: {(end - start) / 3600:.1f} h without fixes ({why})",
                (hull.key,),
                {
                    "hours": round((end - start) / 3600, 2),
                    "ais_off": off,
                    "shore_nm": round(shore, 1),
                    "fixes_12h_before": min(fixes_before, 14),
                    "likely_intentional": intentional,
                },
            )
        )
        self._silences.append((key, hull, (start, end), at_off, at_on))

    def dark_port_calls(self) -> list[Label]:
        """The gaps that are dark port calls, at each ship's speeds over the whole period."""
        found = []
        for key, hull, span, off, on in self._silences:
            speed = plausible_speed_kn(self._speeds.get(key, np.zeros(1024, np.int64)))
            call = dark_port_call(hull, key[0], span, off, on, speed)
            if call is not None:
                found.append(call)
        return found


class DraughtTracker:
    """Changes of 1 m or more in the draught an MMSI reports, fed window by window."""

    def __init__(self, hulls: list[Hull]) -> None:
        self.hulls = hulls
        self.labels: list[Label] = []
        self._last: dict[int, tuple[int, int]] = {}  # mmsi: (decimetres, last time reported)

    def feed(
        self, mmsi: Ints, t: Ints, draught_dm: Ints, hull: Ints, lat: Floats, lon: Floats
    ) -> None:
        """Static reports of one window, in time order; 0 decimetres means not reported."""
        for i in np.flatnonzero(draught_dm > 0):
            key, value, when = int(mmsi[i]), int(draught_dm[i]), int(t[i])
            previous = self._last.get(key)
            if previous is not None and abs(value - previous[0]) >= 10:
                ship = self.hulls[int(hull[i])]
                seg = ship.segment_at(previous[1])
                where = f" at {seg.port}" if isinstance(seg, Stay) and seg.port else ""
                change = "loaded" if value > previous[0] else "discharged"
                self.labels.append(
                    Label(
                        "draught_change",
                        (key,),
                        previous[1],
                        when,
                        float(lat[i]),
                        float(lon[i]),
                        f"{ship.key} {change}{where}: {previous[0] / 10:.1f} m -> "
                        f"{value / 10:.1f} m",
                        (ship.key,),
                        {"from_m": previous[0] / 10, "to_m": value / 10},
                    )
                )
            self._last[key] = (value, when)


def _port_km(lat: Floats, lon: Floats) -> Floats:
    """Kilometres from each point to the nearest port of the table."""
    ports_lat, ports_lon = np.array([p.lat for p in PORTS]), np.array([p.lon for p in PORTS])
    metres = haversine_m(lat[:, None], lon[:, None], ports_lat[None, :], ports_lon[None, :])
    km: Floats = metres.min(axis=1) / 1000.0
    return km


class EncounterCheck:
    """Planned encounters as the AIS written shows them: each ship's fixes around the meeting
    (under the MMSI labelled) are kept as they are written, window by window; at the end the
    pair's tracks are put on the detector's grid (``resample``, never across a silence of 1 h
    or more, nor across an implausible jump) and the detector's ``find_encounters`` is run on
    them. A planned encounter it finds (overlapping the plan) is labelled, with the hours the
    AIS shows; one it does not find is not (the receivers did not hear enough of it)."""

    def __init__(self, hulls: list[Hull], planned: Iterable[Label]) -> None:
        self.planned = [label for label in planned if label.type == "encounter"]
        index = {hull.key: hull.index for hull in hulls}
        margin = int(_MAX_GAP_S) + _ENCOUNTER.interval_s  # a fix this far out still counts
        spans: dict[int, list[tuple[int, int]]] = {}
        self._ships: list[tuple[tuple[int, int], tuple[int, int]]] = []  # (hull, mmsi) x 2
        for label in self.planned:
            pair = []
            for key in label.hulls:
                hull = hulls[index[key]]
                pair.append((hull.index, hull.identity_at(label.start).mmsi))
                spans.setdefault(hull.index, []).append((label.start - margin, label.end + margin))
            self._ships.append((pair[0], pair[1]))
        self._spans = {h: np.array(sorted(s), dtype=np.int64) for h, s in spans.items()}
        self._hulls = np.array(sorted(spans), dtype=np.int64)
        self._fixes: dict[int, list[Floats]] = {}  # hull: rows of (t, mmsi, lat, lon, knots)

    def feed(
        self, mmsi: Ints, t: Ints, lat: Floats, lon: Floats, hull: Ints, sog_dkn: Ints
    ) -> None:
        """Fixes of one window as written (speeds in tenths of a knot, 1023: not available)."""
        if self._hulls.size == 0:
            return
        mine = np.flatnonzero(np.isin(hull, self._hulls))
        for ship in np.unique(hull[mine]):
            at = mine[hull[mine] == ship]
            spans = self._spans[int(ship)]
            which = np.searchsorted(spans[:, 0], t[at], side="right") - 1
            inside = (which >= 0) & (
                t[at] <= np.maximum.accumulate(spans[:, 1])[np.maximum(which, 0)]
            )
            at = at[inside]
            if at.size:
                knots = np.where(sog_dkn[at] >= 1023, np.nan, sog_dkn[at] / 10.0)
                rows = np.column_stack([t[at], mmsi[at], lat[at], lon[at], knots])
                self._fixes.setdefault(int(ship), []).append(rows)

    def _grid(self, ship: tuple[int, int], start: int, end: int) -> Grid:
        parts = self._fixes.get(ship[0], [])
        rows = np.concatenate(parts) if parts else np.zeros((0, 5))
        rows = rows[(rows[:, 1] == ship[1]) & (rows[:, 0] >= start) & (rows[:, 0] <= end)]
        track = make_track(
            ship[1], rows[:, 0].astype(np.int64), rows[:, 2], rows[:, 3], speed=rows[:, 4]
        )
        segments = segment_ids(
            track.t, track.lat, track.lon, _SEGMENT["max_speed_kn"], _SEGMENT["max_gap_h"]
        )
        return resample(track, _ENCOUNTER.interval_s, _MAX_GAP_S, segments)

    def labels(self) -> list[Label]:
        """The planned encounters the AIS written shows."""
        kept = []
        margin = int(_MAX_GAP_S) + _ENCOUNTER.interval_s
        for label, (a, b) in zip(self.planned, self._ships, strict=True):
            start, end = label.start - margin, label.end + margin
            points = GridPoints.of([(a[1], self._grid(a, start, end)),
                                    (b[1], self._grid(b, start, end))])  # fmt: skip
            seen = [
                e
                for e in find_encounters(points, _ENCOUNTER, _port_km)
                if e.start <= label.end and label.start <= e.end
            ]
            if seen:
                hours = round(sum(float(e.attributes["hours"]) for e in seen), 2)
                attributes = {**label.attributes, "seen_h": hours}
                kept.append(
                    Label(
                        label.type,
                        label.vessels,
                        label.start,
                        label.end,
                        label.lat,
                        label.lon,
                        label.notes,
                        label.hulls,
                        attributes,
                    )
                )
        return kept


class Observer:
    """Gaps, dark port calls and draught changes in the reports written, window after window,
    and the planned labels as the AIS written shows them (encounters through
    ``EncounterCheck``; the others as planned)."""

    def __init__(
        self,
        world: World,
        hulls: list[Hull],
        mmsi_of_identity: Ints,
        planned: Iterable[Label] = (),
    ) -> None:
        self.planned = list(planned)
        self.gaps = GapTracker(world, hulls)
        self.draughts = DraughtTracker(hulls)
        self.encounters = EncounterCheck(hulls, self.planned)
        self._mmsi = mmsi_of_identity

    def feed(self, pos: dict[str, np.ndarray], static: dict[str, np.ndarray]) -> None:
        self.gaps.feed(pos["mmsi"], pos["t"], pos["lat"], pos["lon"], pos["hull"], pos["sog_dkn"])
        self.encounters.feed(
            pos["mmsi"], pos["t"], pos["lat"], pos["lon"], pos["hull"], pos["sog_dkn"]
        )
        first = static["part"] == 0  # a Class B report's part B repeats its time
        self.draughts.feed(
            self._mmsi[static["ident"][first]],
            static["t"][first],
            static["draught_dm"][first],
            static["hull"][first],
            static["lat"][first],
            static["lon"][first],
        )

    @property
    def labels(self) -> list[Label]:
        """Every label: the planned ones the AIS written shows, and those read from it."""
        planned = [label for label in self.planned if label.type != "encounter"]
        return [
            *planned,
            *self.encounters.labels(),
            *self.gaps.labels,
            *self.gaps.dark_port_calls(),
            *self.draughts.labels,
        ]


def sorted_labels(labels: Iterable[Label]) -> list[Label]:
    return sorted(labels, key=Label.sort_key)


def counts(labels: Iterable[Label]) -> dict[str, int]:
    found = {name: 0 for name in TYPES}
    for label in labels:
        found[label.type] += 1
    return found


def nm(metres: float) -> float:
    return metres / METRES_PER_NM
