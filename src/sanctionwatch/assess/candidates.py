"""What a rule proposes: a candidate finding, its parties and the evidence it cites."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Party:
    """A vessel, person or body a finding names. ``handles`` are every identifier known
    (``mmsi:…``, ``imo:…``, ``list:ofac:…``, ``name:…``); the first is the party's key."""

    handles: tuple[str, ...]
    name: str | None = None
    role: str | None = None
    flag: str | None = None

    @property
    def key(self) -> str:
        return self.handles[0]

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "role": self.role,
            "flag": self.flag,
            "identifiers": list(self.handles),
        }


ENTITY_KIND = "report_entity"  # a member report's entity an estimate uses (e.g. deadweight)


@dataclass(frozen=True)
class Ref:
    """One item of evidence: an event, a screening hit or a member's claim.

    ``grade`` is the item's own Admiralty grade (a claim may grade itself); without it the
    grades of its sources count."""

    kind: str  # event, hit, claim, report_entity
    id: str
    source_ids: tuple[int, ...]
    grade: str | None = None


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float
    unit: str

    def as_dict(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "unit": self.unit}


@dataclass(frozen=True)
class Candidate:
    """A finding as one rule sees it, before corroboration and grading."""

    rule: str
    provisions: tuple[str, ...]
    parties: tuple[Party, ...]
    start: datetime
    end: datetime
    summary: str
    evidence: tuple[Ref, ...]
    place: dict[str, Any] | None = None
    quantity: Quantity | None = None
    assumptions: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)


def vessel_party(
    mmsi: int | None,
    imos: tuple[int, ...] | tuple[str, ...] = (),
    name: str | None = None,
    role: str | None = None,
    flag: str | None = None,
) -> Party:
    handles = ([f"mmsi:{mmsi}"] if mmsi else []) + [f"imo:{i}" for i in imos]
    if not handles:
        handles = [f"name:{(name or '?').upper()}"]
    return Party(tuple(handles), name, role, flag)
