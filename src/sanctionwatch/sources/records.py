"""Canonical records that the list readers produce and the workspace stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from followthemoney import EntityProxy

ListKind = Literal["un", "ofac"]

# Programme tags that make an entry part of the DPRK regime.
UN_DPRK_PREFIX = "KP"
OFAC_DPRK_PROGRAMMES = frozenset({"DPRK", "DPRK2", "DPRK3", "DPRK4", "DPRK-NKSPEA"})


@dataclass(frozen=True)
class ListEntry:
    """One designation: the designated party as a FollowTheMoney entity plus its Sanction.

    ``id`` is the stable identifier used across snapshots: the UN reference number
    (``KPi.033``) or ``ofac:<ent_num>``. ``entity.id`` equals ``id``.
    """

    id: str
    schema: str
    entity: EntityProxy
    sanction: EntityProxy
    programmes: tuple[str, ...]
    dprk: bool
    line: int | None = None
    # Data-quality flags, e.g. "invalid_imo:1234567"; the values stay in the entity.
    flags: tuple[str, ...] = ()

    @property
    def caption(self) -> str:
        return str(self.entity.caption)


@dataclass(frozen=True)
class ListFile:
    """One raw file of a snapshot, with its role: ``list``, ``sdn``, ``add`` or ``alt``."""

    role: str
    path: Path
    data: bytes


@dataclass(frozen=True)
class ListSnapshot:
    """A whole list as published at one time."""

    list: ListKind
    generated: datetime | None
    files: tuple[ListFile, ...]
    entries: tuple[ListEntry, ...] = field(default_factory=tuple)
