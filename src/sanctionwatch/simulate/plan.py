"""A simulated ship's plan: where it is when (segments) and what it broadcasts when.

Times are whole seconds since the Unix epoch (UTC). A plan is a list of contiguous segments --
``Stay`` (moored or at anchor), ``Sail`` (along a route with a speed profile) and ``Drift``
(slow drift at sea, as ships do while waiting or lying alongside each other) -- plus timelines
of the identity broadcast, the draught reported, AIS switched off, and positions falsified.
Rendering evaluates a plan at any instants, so a window of time can be drawn on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sanctionwatch.simulate.fleet import Identity, Particulars
from sanctionwatch.simulate.geo import Ints
from sanctionwatch.simulate.lanes import Route

# AIS navigational status (ITU-R M.1371 table 45)
UNDER_WAY, AT_ANCHOR, MOORED, FISHING_STATUS = 0, 1, 5, 7


@dataclass(frozen=True)
class Stay:
    t0: int
    t1: int
    lat: float
    lon: float
    status: int  # MOORED or AT_ANCHOR
    heading: float
    swing_m: float  # an anchored ship swings round its anchor with the tide
    port: str | None  # port key when alongside in a port


@dataclass(frozen=True)
class Sail:
    """Along ``route`` from rest to rest: speeds up over ``ramp_s``, cruises, slows down."""

    t0: int
    t1: int
    route: Route
    speed_ms: float  # cruising speed, set so the route ends exactly at t1
    ramp_s: float
    status: int = UNDER_WAY

    def distance(self, tau: np.ndarray) -> np.ndarray:
        """Metres sailed ``tau`` seconds after t0."""
        v, ramp, total = self.speed_ms, self.ramp_s, float(self.t1 - self.t0)
        tau = np.clip(tau, 0.0, total)
        up = 0.5 * v * tau**2 / ramp
        cruise = 0.5 * v * ramp + v * (tau - ramp)
        down = self.route.length - 0.5 * v * (total - tau) ** 2 / ramp
        metres: np.ndarray = np.where(tau < ramp, up, np.where(tau > total - ramp, down, cruise))
        return metres

    def speed(self, tau: np.ndarray) -> np.ndarray:
        """Metres per second ``tau`` seconds after t0."""
        v, ramp, total = self.speed_ms, self.ramp_s, float(self.t1 - self.t0)
        tau = np.clip(tau, 0.0, total)
        speed: np.ndarray = v * np.minimum(np.minimum(tau, total - tau) / ramp, 1.0)
        return speed

    def time_at(self, s: np.ndarray) -> np.ndarray:
        """Seconds after t0 at which the ship has sailed ``s`` metres (inverse of distance)."""
        v, ramp, total = self.speed_ms, self.ramp_s, float(self.t1 - self.t0)
        s = np.clip(s, 0.0, self.route.length)
        edge = 0.5 * v * ramp
        up = np.sqrt(2 * s * ramp / v)
        down = total - np.sqrt(np.maximum(2 * (self.route.length - s) * ramp / v, 0.0))
        cruise = ramp + (s - edge) / v
        seconds: np.ndarray = np.where(
            s < edge, up, np.where(s > self.route.length - edge, down, cruise)
        )
        return seconds


@dataclass(frozen=True)
class Drift:
    t0: int
    t1: int
    lat: float  # at t0
    lon: float
    v_east: float  # metres per second
    v_north: float
    heading: float
    status: int = UNDER_WAY


Segment = Stay | Sail | Drift


@dataclass(frozen=True)
class Spoof:
    """Positions broadcast in [t0, t1) are false: shifted far away, or fixed on land."""

    t0: int
    t1: int
    kind: str  # "teleport" or "on_land"
    d_lat: float = 0.0  # teleport: the false track is the true one shifted by this much
    d_lon: float = 0.0
    lat: float = 0.0  # on_land: the false fix
    lon: float = 0.0


@dataclass
class Hull:
    """One physical ship and everything it does in the simulation."""

    index: int
    key: str  # SIM-0001: stable id of the hull in the vessels and truth files
    role: str
    size: Particulars
    true_identity: Identity  # what it is; what it broadcasts is in ``identities``
    segments: list[Segment] = field(default_factory=list)
    identities: list[tuple[int, Identity]] = field(default_factory=list)  # (from, identity)
    draughts: list[tuple[int, float]] = field(default_factory=list)  # (from, metres; 0 = none)
    destinations: list[tuple[int, str, int]] = field(default_factory=list)  # (from, to, eta)
    dark: list[tuple[int, int]] = field(default_factory=list)  # AIS off in [start, end)
    spoofs: list[Spoof] = field(default_factory=list)
    designated: bool = False  # designated in the scenario (not on any real list)
    notes: str = ""

    def starts(self) -> Ints:
        return np.array([s.t0 for s in self.segments], dtype=np.int64)

    def identity_at(self, t: int) -> Identity:
        current = self.identities[0][1]
        for start, ident in self.identities:
            if start <= t:
                current = ident
        return current

    def is_dark(self, t: Ints) -> np.ndarray:
        hidden = np.zeros(t.shape, dtype=np.bool_)
        for start, end in self.dark:
            hidden |= (t >= start) & (t < end)
        return hidden

    def segment_at(self, t: int) -> Segment:
        index = int(np.searchsorted(self.starts(), t, side="right")) - 1
        return self.segments[max(index, 0)]


def timeline_index(starts: list[int], t: Ints) -> Ints:
    """For each instant, the index of the timeline entry in force (the first before any)."""
    return np.maximum(np.searchsorted(np.asarray(starts, dtype=np.int64), t, side="right") - 1, 0)
