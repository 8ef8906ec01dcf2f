"""Where a ship truly is, how fast and which way, at given instants of its plan.

Ships under way follow their route exactly (their GPS fixes are smooth); a moored ship's fixes
scatter by a few metres of GPS noise; an anchored ship swings round its anchor with the tide;
a drifting ship moves with the current and yaws a little. Speeds, courses and headings carry
the small errors real AIS reports have.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sanctionwatch.simulate.geo import KNOT_MS, Floats, Ints, from_local
from sanctionwatch.simulate.plan import Drift, Hull, Sail, Segment, Stay

TIDE_S = 44_712.0  # the semi-diurnal tide (12 h 25 min) turns an anchored ship round
_GPS_NOISE_M = 3.0
_YAW_M, _YAW_S = 15.0, 1_800.0


@dataclass
class Track:
    """Parallel arrays, one element per instant."""

    t: Ints
    lat: Floats
    lon: Floats
    sog: Floats  # knots
    cog: Floats  # degrees
    heading: Floats  # degrees
    status: Ints

    def take(self, keep: np.ndarray) -> Track:
        return Track(
            self.t[keep],
            self.lat[keep],
            self.lon[keep],
            self.sog[keep],
            self.cog[keep],
            self.heading[keep],
            self.status[keep],
        )


def empty_track() -> Track:
    nothing = np.zeros(0)
    return Track(
        np.zeros(0, np.int64), nothing, nothing, nothing, nothing, nothing, np.zeros(0, np.int64)
    )


def segment_track(seg: Segment, t: Ints, rng: np.random.Generator) -> Track:
    """The ship's true state at instants ``t`` (all within the segment)."""
    n = t.size
    tau = (t - seg.t0).astype(np.float64)
    status = np.full(n, seg.status, dtype=np.int64)
    if isinstance(seg, Sail):
        lat, lon, cog = seg.route.at(seg.distance(tau))
        sog = seg.speed(tau) / KNOT_MS + rng.normal(0.0, 0.1, n)
        heading = cog + rng.normal(0.0, 1.0, n)
    elif isinstance(seg, Stay):
        if seg.swing_m > 0:
            phase = 2 * np.pi * t / TIDE_S
            x, y = seg.swing_m * np.sin(phase), seg.swing_m * np.cos(phase)
            heading = (np.degrees(phase) + 180.0) % 360.0  # the bow points at the anchor
            x, y = x + rng.normal(0.0, _GPS_NOISE_M, n), y + rng.normal(0.0, _GPS_NOISE_M, n)
        else:
            x, y = rng.normal(0.0, _GPS_NOISE_M, n), rng.normal(0.0, _GPS_NOISE_M, n)
            heading = np.full(n, seg.heading)
        lat, lon = from_local(x, y, seg.lat, seg.lon)
        sog = np.abs(rng.normal(0.0, 0.05, n))
        cog = rng.uniform(0.0, 360.0, n)  # a course over ground at rest is noise
    else:
        x = seg.v_east * tau + _YAW_M * np.sin(2 * np.pi * tau / _YAW_S)
        y = seg.v_north * tau + _YAW_M * (np.cos(2 * np.pi * tau / _YAW_S) - 1)
        lat, lon = from_local(x, y, seg.lat, seg.lon)
        drift_kn = float(np.hypot(seg.v_east, seg.v_north)) / KNOT_MS
        sog = np.abs(drift_kn + rng.normal(0.0, 0.1, n))
        cog = np.full(n, float(np.degrees(np.arctan2(seg.v_east, seg.v_north)) % 360.0))
        cog = cog + rng.normal(0.0, 8.0, n)
        heading = seg.heading + rng.normal(0.0, 3.0, n)
    return Track(t, lat, lon, np.maximum(sog, 0.0), cog % 360.0, heading % 360.0, status)


def anchor_for(at: tuple[float, float], t: int, swing_m: float) -> tuple[float, float]:
    """Where to drop anchor for the ship to lie at ``at`` at ``t`` (see ``swung``)."""
    phase = 2 * np.pi * t / TIDE_S
    lat, lon = from_local(-swing_m * np.sin(phase), -swing_m * np.cos(phase), *at)
    return float(lat), float(lon)


def swung(seg: Stay, t: int) -> tuple[float, float]:
    """Where an anchored ship lies at ``t`` (without GPS scatter)."""
    phase = 2 * np.pi * t / TIDE_S
    lat, lon = from_local(
        seg.swing_m * np.sin(phase), seg.swing_m * np.cos(phase), seg.lat, seg.lon
    )
    return float(lat), float(lon)


def drift_position(seg: Drift, t: int) -> tuple[float, float]:
    """Where a drifting ship is at ``t`` (without GPS scatter): to meet it there."""
    tau = float(t - seg.t0)
    x = seg.v_east * tau + _YAW_M * np.sin(2 * np.pi * tau / _YAW_S)
    y = seg.v_north * tau + _YAW_M * (np.cos(2 * np.pi * tau / _YAW_S) - 1)
    lat, lon = from_local(x, y, seg.lat, seg.lon)
    return float(lat), float(lon)


def hull_track(hull: Hull, t: Ints, rng: np.random.Generator) -> Track:
    """The ship's true state at sorted instants ``t`` across its segments."""
    if t.size == 0:
        return empty_track()
    index = np.clip(np.searchsorted(hull.starts(), t, side="right") - 1, 0, None)
    parts = []
    for seg_index in np.unique(index):
        parts.append(segment_track(hull.segments[int(seg_index)], t[index == seg_index], rng))
    if len(parts) == 1:
        return parts[0]
    return Track(*(np.concatenate([getattr(p, f) for p in parts]) for f in _FIELDS))


_FIELDS = ("t", "lat", "lon", "sog", "cog", "heading", "status")


def interval_s(seg: Segment, ais_class: str) -> int:
    """Seconds between position reports (ITU-R M.1371 reporting intervals).

    Class A: 10 s under way below 14 kn, 6 s to 23 kn, 2 s faster; 3 min at anchor or moored.
    Class B (CS): 30 s under way above 2 kn, 3 min slower.
    """
    if isinstance(seg, Stay):
        return 180
    speed_kn = seg.speed_ms / KNOT_MS if isinstance(seg, Sail) else 0.5
    if ais_class == "B":
        return 30 if speed_kn > 2 else 180
    if speed_kn > 23:
        return 2
    return 6 if speed_kn > 14 else 10
