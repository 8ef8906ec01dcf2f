"""Which kernel finds which event type, called with what, in what order.

Per vessel (in the workers): shared MMSIs first (a shared MMSI is split into one track per ship
for the rest), spoofing (per ship: a jump within one ship's track is a teleport), then gaps,
port visits and loitering (both without the spoofed stretches) and dark port calls. After all
vessels (in the parent, ``engines/cross.py``): dark port calls in receiver outages dropped,
encounters, possible dark transfers (loitering with no one near), draught changes (read across
every other event of the vessel, encounters included) and identity changes (from the
identities table, across MMSIs too).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sanctionwatch.maritime.dark_port_calls import find_dark_port_calls
from sanctionwatch.maritime.draught import CONTEXT_TYPES
from sanctionwatch.maritime.events import EVENT_TYPES, Event
from sanctionwatch.maritime.gaps import find_gaps
from sanctionwatch.maritime.loitering import find_loitering
from sanctionwatch.maritime.params import Params
from sanctionwatch.maritime.port_visits import find_port_visits
from sanctionwatch.maritime.ports import Gazetteer
from sanctionwatch.maritime.segments import find_shared_mmsi, split_shared
from sanctionwatch.maritime.shore import is_land
from sanctionwatch.maritime.spoofing import PortTest, find_spoofing
from sanctionwatch.maritime.track import Track, subtrack
from sanctionwatch.maritime.units import Degrees, Mask

PER_VESSEL = ("shared_mmsi", "spoofing", "gap", "port_visit", "dark_port_call", "loitering")
# a type's detection needs these others run first (their events feed it)
NEEDS: dict[str, tuple[str, ...]] = {
    "dark_transfer": ("loitering",),
    "dark_port_call": ("gap",),  # every vessel's gaps tell a receiver outage
    "loitering": ("spoofing",),
    "spoofing": ("shared_mmsi",),
    "draught_change": CONTEXT_TYPES,
}
GRID_TYPES = frozenset({"encounter", "dark_transfer", "draught_change"})


@dataclass(frozen=True)
class Context:
    """What every kernel may use besides the track: the parameters and the port gazetteer."""

    params: Params
    gazetteer: Gazetteer


def available() -> tuple[str, ...]:
    """Event types this installation detects, in EVENT_TYPES order."""
    return EVENT_TYPES


def needed(types: tuple[str, ...]) -> frozenset[str]:
    """The types to run for ``types``: they and, transitively, what they need."""
    run: set[str] = set()
    todo = list(types)
    while todo:
        kind = todo.pop()
        if kind not in run:
            run.add(kind)
            todo.extend(NEEDS.get(kind, ()))
    return frozenset(run)


def without(track: Track, events: list[Event]) -> Track:
    """The track without the fixes inside ``events`` (spoofed stretches)."""
    if not events:
        return track
    keep = np.ones(len(track), np.bool_)
    for event in events:
        keep &= ~((track.t >= event.start) & (track.t <= event.end))
    return subtrack(track, keep)


def _near_port(gazetteer: Gazetteer, km: float) -> PortTest:
    def near(lat: Degrees, lon: Degrees) -> Mask:
        found: Mask = gazetteer.nearest(lat, lon, km)[0] >= 0
        return found

    return near


def run_vessel(track: Track, ctx: Context, run: frozenset[str]) -> tuple[list[Event], list[Track]]:
    """The per-vessel events of one MMSI's track, and the track as one per ship."""
    section = ctx.params.section
    events: list[Event] = []
    shared = find_shared_mmsi(track, section("segment")) if "shared_mmsi" in run else []
    events += shared
    # two ships on one MMSI are read as two tracks, not one ship teleporting
    parts = split_shared(track, section("segment")) if shared else [track]
    spoofed: list[Event] = []
    if "spoofing" in run:
        near_port = _near_port(ctx.gazetteer, float(section("port")["entry_km"]))
        for part in parts:
            spoofed += find_spoofing(part, section("spoofing"), is_land, near_port=near_port)
        events += spoofed
    for part in parts:
        if "gap" in run:
            events += find_gaps(part, section("gap"))
        if "port_visit" in run:
            visible = without(part, spoofed)
            events += find_port_visits(visible, ctx.gazetteer, section("port"), section("stop"))
        if "dark_port_call" in run:
            events += find_dark_port_calls(
                part, ctx.gazetteer, section("dark_port_call"), section("port")
            )
        if "loitering" in run:
            events += find_loitering(part, section("loitering"), spoofed)
    return events, parts
