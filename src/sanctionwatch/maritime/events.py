"""What detectors find: one event type per DESIGN.md definition, in the simulator's names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EVENT_TYPES = (
    "gap",
    "port_visit",
    "encounter",
    "loitering",
    "dark_transfer",
    "dark_port_call",
    "identity_change",
    "shared_mmsi",
    "spoofing",
    "draught_change",
)


@dataclass(frozen=True)
class Event:
    """A detected event: which vessels (MMSIs), when (UTC seconds), where, and its details.

    ``sources`` are the workspace source ids of the positions it rests on.
    """

    type: str
    vessels: tuple[int, ...]
    start: int
    end: int
    lat: float
    lon: float
    attributes: dict[str, Any] = field(default_factory=dict)
    sources: frozenset[int] = frozenset()
