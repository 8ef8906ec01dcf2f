from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import numpy as np

from sanctionwatch.maritime.gaps import find_gaps
from sanctionwatch.maritime.track import make_track
from tests.maritime.helpers import HOUR, T0, every, line, params


def _ts(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def _gfw_gaps(case: dict) -> list:
    p = {**params().section("gap"), "min_h": case["threshold_h"]}
    since = _ts(case["start_time"]) if "start_time" in case else None
    found = []
    by_vessel: dict[str, list[dict]] = {}
    for message in case["messages"]:
        by_vessel.setdefault(message["ssvid"], []).append(message)
    for ssvid, messages in sorted(by_vessel.items()):
        track = make_track(
            int(ssvid),
            [_ts(m["t"]) for m in messages],
            [m["lat"] if m["lat"] is not None else np.nan for m in messages],
            [m["lon"] if m["lon"] is not None else np.nan for m in messages],
        )
        found += find_gaps(track, p, since=since)
    return found


def test_gfw_conformance_all_cases(shared: Path) -> None:
    cases = json.loads((shared / "conformance/gfw-gaps/cases.json").read_text())["cases"]
    assert len(cases) == 9
    passed = []
    for case in cases:
        gaps = _gfw_gaps(case)
        expected = case["expected"]
        if "same_as_sorted" in expected:
            ordered = {**case, "messages": sorted(case["messages"], key=lambda m: m["t"])}
            ok = [(g.start, g.end) for g in gaps] == [(g.start, g.end) for g in _gfw_gaps(ordered)]
            ok = ok and len(gaps) == 4 - 1  # 0.5 h threshold: every step is a gap
        else:
            ok = len(gaps) == expected["gap_count"]
            for gap, want in zip(gaps, expected.get("gaps", []), strict=False):
                ok = ok and gap.vessels == (int(want["ssvid"]),)
                ok = ok and (gap.start, gap.end) == (_ts(want["start"]), _ts(want["end"]))
                ok = ok and round(gap.attributes["hours"]) == want["duration_h_approx"]
                ok = ok and gap.attributes["distance_km"] > 0
        if ok:
            passed.append(case["id"])
    assert len(passed) == 9, passed


def test_gap_is_strictly_longer_than_min() -> None:
    t = np.array([T0, T0 + 6 * HOUR, T0 + 12 * HOUR + 1], dtype=np.int64)
    track = make_track(1, t, [30.0, 30.0, 30.1], [120.0, 120.0, 120.1])
    gaps = find_gaps(track, params().section("gap"))
    assert [(g.start, g.end) for g in gaps] == [(T0 + 6 * HOUR, T0 + 12 * HOUR + 1)]


def test_likely_intentional_needs_length_distance_and_prior_positions() -> None:
    p = params().section("gap")
    busy = every(T0, T0 + 12 * HOUR, 20 * 60)  # 36 positions in the 12 h before
    after = np.array([busy[-1] + 13 * HOUR], dtype=np.int64)
    t = np.concatenate([busy, after])
    far = line(7, t, 35.0, 124.0, 10.0, shore_km=60 * 1.852)
    [gap] = find_gaps(far, p)
    assert gap.attributes["likely_intentional"] is True
    assert gap.attributes["positions_before"] == 36  # the fix it starts from included
    near = line(7, t, 35.0, 124.0, 10.0, shore_km=40 * 1.852)
    assert find_gaps(near, p)[0].attributes["likely_intentional"] is False
    sparse_t = np.concatenate([every(T0, T0 + 12 * HOUR, 2 * HOUR), [T0 + 30 * HOUR]])
    sparse = line(7, sparse_t.astype(np.int64), 35.0, 124.0, 10.0, shore_km=60 * 1.852)
    gaps = find_gaps(sparse, p)
    assert gaps[-1].attributes["positions_before"] == 6
    assert gaps[-1].attributes["likely_intentional"] is False
    short_t = np.concatenate([busy, [busy[-1] + 11 * HOUR]]).astype(np.int64)
    short = line(7, short_t, 35.0, 124.0, 10.0, shore_km=60 * 1.852)
    assert find_gaps(short, p)[0].attributes["likely_intentional"] is False
