"""Spoofing: a ship at a berth is never the false side against a handful of stale records."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import numpy as np

from sanctionwatch.maritime.evaluate import epoch
from sanctionwatch.maritime.spoofing import find_spoofing
from sanctionwatch.maritime.track import make_track
from sanctionwatch.maritime.units import haversine_km
from tests.helpers import cli
from tests.maritime.helpers import HOUR, T0, every, params

SAMPLE = "marinecadastre-2022-01-03-sample.csv"
DAY = epoch("2022-01-03T00:00:00Z")
# Two positions 2,800 km apart (Santa Barbara, Pensacola) interleaved on one MMSI over ten
# minutes: neither side is a handful of records before or after the other, so only the jumps
# (the fix either side of each) are reported, a berth fix among them.
UNDECIDED = {211002010}


def _island(la: np.ndarray, lo: np.ndarray) -> np.ndarray:
    return (np.abs(la - 36.0) < 0.2) & (np.abs(lo - 124.0) < 0.2)


def test_stale_records_before_a_berth_on_land_are_the_false_side() -> None:
    """Three records stamped at midnight 40 km out at sea, then a day at a berth that the land
    mask covers: the three are false (one way, no excursion), the berth is not spoofing."""
    p = params().section("spoofing")
    t = np.r_[[T0, T0, T0 + 1], every(T0 + 60, T0 + 20 * HOUR, 180)]
    lat = np.r_[[36.35, 36.352, 36.351], np.full(t.size - 3, 36.1)]
    lon = np.full(t.size, 124.0)
    speed = np.r_[[10.0, 10.0, 10.0], np.zeros(t.size - 3)]
    assert _island(lat[3:], lon[3:]).all()
    berth = make_track(8, t, lat, lon, speed=speed)
    [event] = find_spoofing(berth, p, _island)
    assert (event.start, event.end) == (T0, T0 + 1)
    assert event.attributes["fixes"] == 3 and event.attributes["on_land_fixes"] == 0
    # read for fixes on land alone, the berth was jumped onto, but from a handful of records
    assert find_spoofing(berth, p, _island, teleports=False) == []
    # a long stretch out at sea before is no handful: then the land is spoofing, as before
    long_t = every(T0, T0 + 2 * HOUR, 60)
    before = make_track(8, np.r_[long_t, long_t[-1] + 60], np.r_[np.full(long_t.size, 36.35),
                        36.1], np.full(long_t.size + 1, 124.0))  # fmt: skip
    [put] = find_spoofing(before, p, _island, teleports=False)
    assert put.attributes["on_land_fixes"] == 1


def _fixes(source: Path, mmsis: set[int]) -> dict[int, np.ndarray]:
    rows: dict[int, list[tuple[float, ...]]] = defaultdict(list)
    with source.open(newline="") as handle:
        for row in csv.DictReader(handle):
            if int(row["MMSI"]) in mmsis:
                rows[int(row["MMSI"])].append(
                    (epoch(row["BaseDateTime"] + "Z"), float(row["LAT"]), float(row["LON"]),
                     float(row["SOG"] or "nan"))
                )  # fmt: skip
    return {mmsi: np.array(r) for mmsi, r in rows.items()}


def _berth(fixes: np.ndarray) -> np.ndarray | None:
    """Which fixes are the ship's berth: where it lies still (<= 1 kn) after the first minute
    of the day, all fixes within 250 m of there, over at least 10 minutes; None if it has none."""
    t = fixes[:, 0]
    still = (t >= DAY + 60) & (fixes[:, 3] <= 1.0)
    if still.sum() < 2 or np.ptp(t[still]) < 600:
        return None
    n = len(fixes)
    lat, lon = np.median(fixes[still, 1]), np.median(fixes[still, 2])
    km = haversine_km(np.full(n, lat), np.full(n, lon), fixes[:, 1], fixes[:, 2])
    at: np.ndarray = km <= 0.25
    return at if np.ptp(t[at]) >= 600 else None


def test_marinecadastre_berths_are_not_the_false_side(shared: Path, tmp_path: Path) -> None:
    """The sample's spoofing was 59 events, 21 of them flagging ships at their berths (on land
    cells of the 1 km mask, or beside a stale midnight record): now every event's flagged fixes
    fit among the brief side's fixes in its span, never a berth's."""
    ws = tmp_path / "ws"
    source = shared / "data" / "ais" / "csv" / SAMPLE
    assert cli("ingest", "ais", source, "--json", workspace=ws).code == 0
    found = cli("detect", "--only", "spoofing", "--json", workspace=ws)
    assert found.code == 0, found.stderr
    events = cli("events", "--type", "spoofing", "--json", workspace=ws).json()["events"]
    assert len(events) == 53
    tracks = _fixes(source, {e["vessels"][0] for e in events})
    at_berth = 0
    for event in events:
        mmsi = event["vessels"][0]
        fixes = tracks[mmsi]
        berth = _berth(fixes)
        if berth is None or mmsi in UNDECIDED:
            continue
        at_berth += 1
        t = fixes[:, 0]
        span = (t >= epoch(event["start"])) & (t <= epoch(event["end"]))
        brief = int((span & ~berth).sum())
        assert event["attributes"]["fixes"] <= brief, (mmsi, event)
    assert at_berth >= 25  # ships at berths with a stale record are most of what is left
