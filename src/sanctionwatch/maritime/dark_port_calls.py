"""Dark port calls: a gap whose two ends are both within reach of a port at plausible speed.

DESIGN.md: the port lies inside the ellipse the gap allows: the distance from where the vessel
went dark to the port plus the distance from the port to where it reappeared is no more than
what it could sail in the gap less ``port_dwell_h`` spent there. The plausible speed is the
vessel's own (``speed_quantile`` of its reported speeds under way, or of its speeds between
fixes where no speed is reported, times ``speed_margin``), capped at ``max_speed_kn`` (also
the speed of a vessel never seen under way), so a ship that kept steaming through a gap had no
time for a call.
Gaps that begin and end in the same port are in-port gaps (port visits), not dark calls; ports
the vessel was at when it went dark or reappeared are not candidates. Of the ports inside the
ellipse, the one that costs the least detour is reported.

A gap that several vessels around began together is a receiver outage, not a dark call
(``shared_silences``; read after every vessel, from all the gaps). This goes beyond DESIGN.md's
words, deliberately: the Suez 2021 file's outages gave 137 "dark port calls" without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.gaps import gap_indices
from sanctionwatch.maritime.ports import Gazetteer
from sanctionwatch.maritime.track import Track
from sanctionwatch.maritime.units import (
    KM_PER_NM,
    SECONDS_PER_HOUR,
    Knots,
    haversine_km,
    implied_speed_kn,
)

MIN_STEP_S = 300  # speeds between closer fixes are mostly position noise


def _under_way(speed: Knots) -> Knots:
    kept: Knots = speed[np.isfinite(speed) & (speed > 1.0) & (speed < 40.0)]
    return kept


def plausible_speed_kn(track: Track, p: dict[str, Any]) -> float:
    """The speed the vessel could have made good during a gap: from the speeds it reported,
    or, in data without them, from its speeds between fixes at least ``MIN_STEP_S`` apart
    (a provider file without speeds still shows how fast the ship goes)."""
    under_way = _under_way(track.speed)
    if under_way.size == 0 and len(track) > 1:
        step = np.diff(track.t) >= MIN_STEP_S
        under_way = _under_way(implied_speed_kn(track.t, track.lat, track.lon, track.step_km)[step])
    if under_way.size == 0:
        return float(p["max_speed_kn"])
    own = float(np.quantile(under_way, p["speed_quantile"])) * p["speed_margin"]
    return float(min(own, float(p["max_speed_kn"])))


def find_dark_port_calls(
    track: Track, gazetteer: Gazetteer, p: dict[str, Any], port: dict[str, Any]
) -> list[Event]:
    """``dark_port_call`` events; ``p`` the ``dark_port_call`` section, ``port`` the ``port``
    section (its ``exit_km`` says when the vessel was at a port)."""
    idx = gap_indices(track, p["min_gap_h"])
    if idx.size == 0:
        return []
    speed = plausible_speed_kn(track, p)
    near = float(port["exit_km"])
    at_start, _ = gazetteer.nearest(track.lat[idx], track.lon[idx], near)
    at_end, _ = gazetteer.nearest(track.lat[idx + 1], track.lon[idx + 1], near)
    events = []
    for k, i in enumerate(idx.tolist()):
        if at_start[k] >= 0 and at_start[k] == at_end[k]:
            continue  # silent in one port: an in-port gap
        hours = (track.t[i + 1] - track.t[i]) / SECONDS_PER_HOUR
        budget = speed * KM_PER_NM * (hours - p["port_dwell_h"])
        if budget <= 0 or not np.isfinite(track.lat[i] + track.lon[i + 1]):
            continue
        ports, d1 = gazetteer.within(float(track.lat[i]), float(track.lon[i]), budget)
        if ports.size == 0:
            continue
        d2 = haversine_km(
            np.full(ports.size, track.lat[i + 1]),
            np.full(ports.size, track.lon[i + 1]),
            gazetteer.lat[ports],
            gazetteer.lon[ports],
        )
        ok = (d1 + d2 <= budget) & (d1 > near) & (d2 > near)
        if not ok.any():
            continue
        detour = np.where(ok, d1 + d2, np.inf)
        best = int(np.argmin(detour))
        where = gazetteer.ports[int(ports[best])]
        events.append(
            Event(
                "dark_port_call",
                (track.mmsi,),
                int(track.t[i]),
                int(track.t[i + 1]),
                where.lat,
                where.lon,
                {
                    "port": where.name,
                    "country": where.country,
                    "locode": where.locode,
                    "wpi": where.wpi,
                    "gap_hours": round(hours, 2),
                    "plausible_speed_kn": round(speed, 1),
                    "detour_km": round(float(d1[best] + d2[best]), 1),
                    "reachable_km": round(budget, 1),
                    "candidates": int(ok.sum()),
                },
                track.sources(i, i + 1),
            )
        )
    return events


def shared_silences(gaps: Sequence[Event], p: dict[str, Any]) -> set[tuple[int, int]]:
    """(vessel, start) of the gaps that ``outage_vessels`` or more other vessels within
    ``outage_km`` also began within ``outage_h``: the receiver fell silent, not the ship.

    A dark port call is one ship's silence; when the ships around it go quiet at the same
    moment (a coastal station down, the edge of a satellite pass), the gap says nothing about
    that ship, and near ports every such gap would otherwise read as a call. ``outage_vessels``
    = 0 turns the test off."""
    need = int(p["outage_vessels"])
    if need <= 0 or len(gaps) <= need:
        return set()
    order = sorted(gaps, key=lambda g: g.start)
    t = np.array([g.start for g in order], np.int64)
    lat = np.array([g.lat for g in order])
    lon = np.array([g.lon for g in order])
    mmsi = np.array([g.vessels[0] for g in order], np.int64)
    window = int(float(p["outage_h"]) * SECONDS_PER_HOUR)
    low = np.searchsorted(t, t - window, side="left")
    high = np.searchsorted(t, t + window, side="right")
    found = set()
    for i in range(t.size):
        others = np.arange(low[i], high[i])
        others = others[mmsi[others] != mmsi[i]]
        if others.size < need:
            continue
        km = haversine_km(np.full(others.size, lat[i]), np.full(others.size, lon[i]),
                          lat[others], lon[others])  # fmt: skip
        if np.unique(mmsi[others[km <= float(p["outage_km"])]]).size >= need:
            found.add((int(mmsi[i]), int(t[i])))
    return found


def without_shared_silences(
    calls: Sequence[Event], gaps: Sequence[Event], p: dict[str, Any]
) -> list[Event]:
    """The dark port calls whose gap was the vessel's own silence (``shared_silences``)."""
    shared = shared_silences(gaps, p)
    return [c for c in calls if (c.vessels[0], c.start) not in shared]
