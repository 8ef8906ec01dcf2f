"""Every label says what the reports show, by DESIGN.md's definitions."""

from __future__ import annotations

from collections import Counter

import global_land_mask
import numpy as np

from sanctionwatch.simulate.geo import KNOT_MS, METRES_PER_NM, haversine_m
from sanctionwatch.simulate.plan import Stay
from sanctionwatch.simulate.ports import PORTS_BY_KEY
from sanctionwatch.simulate.truth import TYPES, Label, shared_mmsis
from tests.simulate.conftest import Drawn

HOUR = 3600


def _of(drawn: Drawn, kind: str) -> list[Label]:
    return [label for label in drawn.labels if label.type == kind]


def _fixes(drawn: Drawn, mmsi: int, start: int, end: int) -> dict[str, np.ndarray]:
    pos = drawn.pos
    hit = (pos["mmsi"] == mmsi) & (pos["t"] >= start) & (pos["t"] <= end)
    return {name: column[hit] for name, column in pos.items()}


def _statics(drawn: Drawn, mmsi: int) -> dict[str, np.ndarray]:
    static = drawn.static
    hit = (drawn.cat.mmsi[static["ident"]] == mmsi) & (static["part"] == 0)
    return {name: column[hit] for name, column in static.items()}


def test_every_type_is_labelled_in_the_period_on_mmsis_seen(drawn: Drawn) -> None:
    found = Counter(label.type for label in drawn.labels)
    assert set(found) == set(TYPES), found
    start, end = drawn.sim.world.start, drawn.sim.world.end
    seen = set(drawn.pos["mmsi"].tolist())
    keys = {hull.key for hull in drawn.sim.hulls}
    for label in drawn.labels:
        assert start <= label.start <= label.end <= end, label
        assert set(label.vessels) <= seen, label
        assert label.hulls and set(label.hulls) <= keys
        assert label.to_json()["simulated"] is True


def test_gaps_are_exactly_the_silences_over_six_hours(drawn: Drawn) -> None:
    pos = drawn.pos
    expected = set()
    shared = shared_mmsis(drawn.sim.hulls)  # followed ship by ship, as the detectors split it
    ship = np.where(np.isin(pos["mmsi"], shared), pos["hull"], -1)
    for mmsi, hull in set(zip(pos["mmsi"].tolist(), ship.tolist(), strict=True)):
        t = np.sort(pos["t"][(pos["mmsi"] == mmsi) & (ship == hull)])
        for i in np.flatnonzero(np.diff(t) > 6 * HOUR):
            expected.add((int(mmsi), int(t[i]), int(t[i + 1])))
    labelled = {(g.vessels[0], g.start, g.end) for g in _of(drawn, "gap")}
    assert labelled == expected and expected
    assert all(g.attributes["ais_off"] for g in _of(drawn, "gap"))  # reception never loses 6 h


def test_port_visits_are_seen_within_three_km_of_the_port(drawn: Drawn) -> None:
    for visit in _of(drawn, "port_visit"):
        port = PORTS_BY_KEY[visit.attributes["port"]]
        fixes = _fixes(drawn, visit.vessels[0], visit.start, visit.end)
        near = haversine_m(port.lat, port.lon, fixes["lat"], fixes["lon"]) < 3_000
        assert near.any(), visit


def _apart_m(drawn: Drawn, label: Label) -> np.ndarray:
    a = _fixes(drawn, label.vessels[0], label.start, label.end)
    b = _fixes(drawn, label.vessels[1], label.start, label.end)
    lat = np.interp(a["t"], b["t"], b["lat"])
    lon = np.interp(a["t"], b["t"], b["lon"])
    return haversine_m(a["lat"], a["lon"], lat, lon)


def test_encounters_are_side_by_side_slow_and_away_from_ports(drawn: Drawn) -> None:
    encounters = _of(drawn, "encounter")
    assert encounters
    for label in encounters:
        assert label.end - label.start >= 2 * HOUR
        assert np.percentile(_apart_m(drawn, label), 95) < 500, label
        for mmsi in label.vessels:
            fixes = _fixes(drawn, mmsi, label.start + 600, label.end - 600)
            assert np.median(fixes["sog_dkn"]) < 20  # under 2 kn
        ports = np.array([[p.lat, p.lon] for p in PORTS_BY_KEY.values()])
        assert haversine_m(label.lat, label.lon, ports[:, 0], ports[:, 1]).min() > 10_000


def test_loitering_and_dark_transfers_are_slow_alone_and_far_out(drawn: Drawn) -> None:
    by_key = {hull.key: hull for hull in drawn.sim.hulls}
    for label in _of(drawn, "loitering") + _of(drawn, "dark_transfer"):
        assert label.end - label.start >= 4 * HOUR
        fixes = _fixes(drawn, label.vessels[0], label.start, label.end)
        moved = haversine_m(
            fixes["lat"][:-1], fixes["lon"][:-1], fixes["lat"][1:], fixes["lon"][1:]
        )
        assert moved.sum() / (label.end - label.start) / KNOT_MS < 2.0, label
        shore = drawn.sim.world.mask.exact_shore_m(label.lat, label.lon) / METRES_PER_NM
        assert shore >= 20, label
    for label in _of(drawn, "dark_transfer"):
        partner = by_key[label.attributes["partner_hidden"]]
        pos = drawn.pos
        mine = (pos["hull"] == partner.index) & (pos["t"] >= label.start) & (pos["t"] <= label.end)
        near = haversine_m(label.lat, label.lon, pos["lat"][mine], pos["lon"][mine]) < 50_000
        assert not near.any()  # the partner is never seen anywhere near while it is there


def test_dark_port_calls_are_gaps_with_a_port_inside_their_ellipse(drawn: Drawn) -> None:
    """DESIGN.md's definition: a gap whose ends are both within reach of the port at the ship's
    plausible speed; the calls the ships did make with AIS off are among them."""
    calls = _of(drawn, "dark_port_call")
    gaps = {(g.vessels, g.start, g.end): g for g in _of(drawn, "gap")}
    by_key = {hull.key: hull for hull in drawn.sim.hulls}
    assert any(c.attributes["called"] for c in calls)
    for label in calls:
        hull = by_key[label.hulls[0]]
        gap = gaps[(label.vessels, label.start, label.end)]
        port = PORTS_BY_KEY[label.attributes["port"]]
        sent = drawn.pos["hull"] == hull.index
        after = int(np.argmax(sent & (drawn.pos["t"] == label.end)))
        there = haversine_m(gap.lat, gap.lon, port.lat, port.lon)
        back = haversine_m(port.lat, port.lon, drawn.pos["lat"][after], drawn.pos["lon"][after])
        own = sent & (drawn.pos["mmsi"] == label.vessels[0])
        knots = drawn.pos["sog_dkn"][own] / 10
        knots = knots[(knots > 1) & (knots < 40)]
        speed = min(float(np.quantile(knots, 0.9)) * 1.1, 15.0)
        assert abs(label.attributes["plausible_speed_kn"] - speed) < 0.01
        reach = speed * METRES_PER_NM * (gap.attributes["hours"] - 1.0)
        assert there + back <= reach + 1.0, label
        stays = [
            s for s in hull.segments if isinstance(s, Stay) and label.start <= s.t0 < label.end
        ]
        assert label.attributes["called"] == any(s.port == port.key for s in stays), label


def test_spoofed_positions_are_far_away_or_on_land(drawn: Drawn) -> None:
    from sanctionwatch.simulate.motion import hull_track

    by_key = {hull.key: hull for hull in drawn.sim.hulls}
    for label in _of(drawn, "spoofing"):
        fixes = _fixes(drawn, label.vessels[0], label.start, label.end - 1)
        mine = fixes["hull"] == by_key[label.hulls[0]].index  # an MMSI may be shared
        fixes = {name: column[mine] for name, column in fixes.items()}
        assert fixes["t"].size
        if label.attributes["kind"] == "on_land":
            assert global_land_mask.is_land(fixes["lat"], fixes["lon"]).all()
        else:
            truth = hull_track(by_key[label.hulls[0]], fixes["t"], np.random.default_rng(0))
            off = haversine_m(truth.lat, truth.lon, fixes["lat"], fixes["lon"])
            assert off.min() > 150_000


def test_identity_labels_match_the_static_reports(drawn: Drawn) -> None:
    kinds = set()
    for label in _of(drawn, "identity_change"):
        kind = label.attributes["kind"]
        kinds.add(kind)
        reports = [_statics(drawn, m) for m in label.vessels]
        imos = [set(drawn.cat.imo[r["ident"]].tolist()) for r in reports]
        if kind == "imo_on_two_mmsis":  # the same IMO on two MMSIs in the same hours
            assert label.attributes["imo"] in imos[0] & imos[1]
        elif kind == "flag_change":  # the old MMSI stops, a new one carries on with its IMO
            old, new = sorted(reports, key=lambda r: r["t"].min())
            assert old["t"].max() <= label.end and new["t"].min() >= label.start
            assert imos[0] == imos[1] == {label.attributes["imo"]}
        else:
            names = {drawn.cat.identities[i].name for i in reports[0]["ident"]}
            assert names == {label.attributes["from_name"], label.attributes["to_name"]}
    assert kinds == {"imo_on_two_mmsis", "flag_change", "name_change"}
    for label in _of(drawn, "shared_mmsi"):
        names = {drawn.cat.identities[i].name for i in _statics(drawn, label.vessels[0])["ident"]}
        assert names == set(label.attributes["names"])
        hulls = set(drawn.pos["hull"][drawn.pos["mmsi"] == label.vessels[0]].tolist())
        assert len(hulls) == 2  # two ships, one MMSI


def test_draught_changes_are_every_metre_or_more_in_the_reports(drawn: Drawn) -> None:
    expected = set()
    static = drawn.static
    first = static["part"] == 0
    mmsi = drawn.cat.mmsi[static["ident"]]
    for one in np.unique(mmsi[first]):
        mine = first & (mmsi == one) & (static["draught_dm"] > 0)
        t, dm = static["t"][mine], static["draught_dm"][mine]
        for i in np.flatnonzero(np.abs(np.diff(dm)) >= 10):
            expected.add((int(one), int(t[i]), int(t[i + 1])))
    labelled = {(d.vessels[0], d.start, d.end) for d in _of(drawn, "draught_change")}
    assert labelled == expected and expected
