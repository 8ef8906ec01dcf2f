"""The simulated traffic is physically plausible: at sea, at sane speeds, on lanes, in ports."""

from __future__ import annotations

import itertools

import global_land_mask
import numpy as np
import searoute

from sanctionwatch.simulate.geo import KNOT_MS, haversine_m
from sanctionwatch.simulate.plan import AT_ANCHOR, MOORED, Sail, Stay
from sanctionwatch.simulate.ports import PORTS
from sanctionwatch.simulate.scenarios import Simulation
from tests.simulate.conftest import Drawn


def _spoofed(drawn: Drawn, kind: str | None = None) -> np.ndarray:
    """Reports whose position was falsified (of ``kind``, or any)."""
    pos = drawn.pos
    hit = np.zeros(pos["t"].size, dtype=np.bool_)
    for hull in drawn.sim.hulls:
        for spoof in hull.spoofs:
            if kind is None or spoof.kind == kind:
                hit |= (pos["hull"] == hull.index) & (pos["t"] >= spoof.t0) & (pos["t"] < spoof.t1)
    return hit


def test_no_fix_on_land_except_labelled_spoofing(drawn: Drawn) -> None:
    pos = drawn.pos
    on_land = global_land_mask.is_land(pos["lat"], pos["lon"])  # the package's own lookup
    falsified = _spoofed(drawn, "on_land")
    assert falsified.any() and on_land[falsified].all()  # the labelled ones really are ashore
    assert not on_land[~falsified].any()
    labelled = [s for s in drawn.sim.labels if s.type == "spoofing"]
    assert {h.key for h in drawn.sim.hulls if h.spoofs} == {s.hulls[0] for s in labelled}


def test_speeds_stay_within_each_type_except_labelled_teleports(drawn: Drawn) -> None:
    pos = drawn.pos
    honest = ~_spoofed(drawn)
    jumps = 0
    for hull in drawn.sim.hulls:
        mine = pos["hull"] == hull.index
        limit = hull.size.kind.max_kn
        assert pos["sog_dkn"][mine & honest].max() <= limit * 10, hull.key
        t, lat, lon = pos["t"][mine], pos["lat"][mine], pos["lon"][mine]
        dt = np.diff(t)
        assert (dt > 0).all()  # one ship never reports twice in a second
        knots = haversine_m(lat[:-1], lon[:-1], lat[1:], lon[1:]) / dt / KNOT_MS
        both_honest = honest[mine][:-1] & honest[mine][1:]
        assert knots[both_honest].max() <= limit * 1.05, hull.key
        jumps += int((knots[~both_honest] > 50).sum())
    assert jumps >= 2  # each teleport jumps out and back at more than 50 kn


def test_port_stays_lie_at_real_port_positions(drawn: Drawn) -> None:
    pos = drawn.pos
    port_lat = np.array([p.lat for p in PORTS])
    port_lon = np.array([p.lon for p in PORTS])
    for status, low, high in ((MOORED, 0, 3_000), (AT_ANCHOR, 4_000, 10_000)):
        lying = (pos["status"] == status) & ~_spoofed(drawn) & (pos["msg_type"] == 1)
        assert lying.sum() > 100
        nearest = haversine_m(pos["lat"][lying, None], pos["lon"][lying, None], port_lat, port_lon)
        # alongside within 3 km of a WPI port point; at anchor outside the port, but off it
        assert (nearest.min(axis=1) < high).all() and (nearest.min(axis=1) > low).all()


def test_draught_rises_at_loading(sim: Simulation) -> None:
    checked = 0
    for hull in sim.hulls:
        if hull.role not in ("petroleum", "launderer"):
            continue
        times = np.array([t for t, _ in hull.draughts])
        values = np.array([d for _, d in hull.draughts])
        for seg in hull.segments:
            if isinstance(seg, Stay) and seg.port == "vostochny":
                before = values[times <= seg.t0][-1]
                after = values[times <= seg.t1][-1]
                assert after >= before + 1.0, hull.key  # loaded: a metre deeper at least
                checked += 1
    assert checked >= 3


def _lane(a: tuple[float, float], b: tuple[float, float]) -> np.ndarray:
    """searoute's line from ``a`` to ``b`` (with the ends), as (lon, lat) every ~500 m."""
    nodes = searoute.searoute([a[1], a[0]], [b[1], b[0]])["geometry"]["coordinates"]
    line = np.array([[a[1], a[0]], *nodes, [b[1], b[0]]], dtype=float)
    pieces = []
    for p, q in itertools.pairwise(line):
        count = max(2, int(haversine_m(p[1], p[0], q[1], q[0]) / 500))
        pieces.append(np.linspace(p, q, count))
    return np.vstack(pieces)


def test_tracks_follow_sea_lanes(sim: Simulation) -> None:
    """Away from the ports (the middle 60% of a long voyage) merchant ships keep to searoute's
    lane between the two ports: nodes shifted up to 2.5 km, islands passed, corners rounded.
    (Fishing boats go where the fish are.)"""
    distances = []
    for hull in sim.hulls:
        if hull.size.kind.key == "fishing":
            continue
        for seg in hull.segments:
            if not isinstance(seg, Sail):
                continue
            if seg.route.length < 300_000:
                continue
            r = seg.route
            lane = _lane((r.lat[0], r.lon[0]), (r.lat[-1], r.lon[-1]))
            lat, lon, _ = r.at(np.linspace(0.2 * r.length, 0.8 * r.length, 120))
            d = haversine_m(lat[:, None], lon[:, None], lane[None, :, 1], lane[None, :, 0])
            distances.append(d.min(axis=1))
    assert len(distances) >= 10
    every = np.concatenate(distances)
    assert np.median(every) < 2_500
    assert np.percentile(every, 99) < 15_000
