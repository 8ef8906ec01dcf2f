"""Dark port calls: a gap whose two ends are both within reach of a port at plausible speed.

DESIGN.md: the port lies inside the ellipse the gap allows: the distance from where the vessel
went dark to the port plus the distance from the port to where it reappeared is no more than
what it could sail in the gap less ``port_dwell_h`` spent there. The plausible speed is the
vessel's own (``speed_quantile`` of its reported speeds under way, times ``speed_margin``),
capped at ``max_speed_kn``, so a ship that kept steaming through a gap had no time for a call.
Gaps that begin and end in the same port are in-port gaps (port visits), not dark calls; ports
the vessel was at when it went dark or reappeared are not candidates. Of the ports inside the
ellipse, the one that costs the least detour is reported.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.gaps import gap_indices
from sanctionwatch.maritime.ports import Gazetteer
from sanctionwatch.maritime.track import Track
from sanctionwatch.maritime.units import KM_PER_NM, SECONDS_PER_HOUR, haversine_km


def plausible_speed_kn(track: Track, p: dict[str, Any]) -> float:
    """The speed the vessel could have made good during a gap."""
    under_way = track.speed[np.isfinite(track.speed) & (track.speed > 1.0) & (track.speed < 40.0)]
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
