"""Draught changes: the reported draught differs by ``min_change_m`` or more between two
consecutive reports, across a gap, port visit or encounter (cargo loaded or discharged), or
an event that stands for one of them (``CONTEXT_TYPES``).

The change is dated from the last report of the old draught to the first of the new one; it is
*across* an event when that interval overlaps the event (``context_slack_h`` either side, for
reports that straddle its ends). With ``require_context`` false every change is reported, and
the events it spans are still named.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.track import Track
from sanctionwatch.maritime.units import SECONDS_PER_HOUR

# DESIGN.md's gap, port visit and encounter, and the events where one of them hides: a dark
# port call or spoofed positions (a port visit not seen), loitering or a dark transfer (a
# transfer whose partner is not seen).
CONTEXT_TYPES = (
    "gap",
    "port_visit",
    "encounter",
    "dark_port_call",
    "spoofing",
    "loitering",
    "dark_transfer",
)


def find_draught_changes(track: Track, context: list[Event], p: dict[str, Any]) -> list[Event]:
    """``draught_change`` events of one vessel, given its gaps, port visits and encounters."""
    known = np.isfinite(track.draught_m) & (track.draught_m > 0)
    t, m = track.draught_t[known], track.draught_m[known]
    if t.size < 2:
        return []
    change = np.flatnonzero(np.abs(np.diff(m)) >= p["min_change_m"])
    slack = int(p["context_slack_h"] * SECONDS_PER_HOUR)
    spans = [e for e in context if e.type in CONTEXT_TYPES]
    events = []
    for i in change.tolist():
        start, end = int(t[i]), int(t[i + 1])
        across = [e for e in spans if e.start <= end + slack and e.end >= start - slack]
        if p["require_context"] and not across:
            continue
        where = _position_at(track, end)
        events.append(
            Event(
                "draught_change",
                (track.mmsi,),
                start,
                end,
                where[0],
                where[1],
                {
                    "from_m": float(m[i]),
                    "to_m": float(m[i + 1]),
                    "change_m": round(float(m[i + 1] - m[i]), 2),
                    "direction": "loaded" if m[i + 1] > m[i] else "discharged",
                    "across": sorted({e.type for e in across}),
                    "port": next(
                        (e.attributes.get("port") for e in across if e.type == "port_visit"), None
                    ),
                },
            )
        )
    return events


def _position_at(track: Track, t: int) -> tuple[float, float]:
    """The last fix at or before ``t`` (else the first), NaN when the track is empty."""
    if len(track) == 0:
        return float("nan"), float("nan")
    i = max(int(np.searchsorted(track.t, t, side="right")) - 1, 0)
    return float(track.lat[i]), float(track.lon[i])
