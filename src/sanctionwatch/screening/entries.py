"""What screening compares against: the newest snapshot of every loaded list.

Each list entry becomes a ``ListedParty``: its names (strong and weak), identifiers
(IMO, MMSI, call sign) and programmes, read from the FollowTheMoney entity the list
reader stored in the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctionwatch.lists.query import latest_snapshots
from sanctionwatch.sources.identifiers import imo_digits
from sanctionwatch.workspace.models import ListEntryRow

STRONG_NAME_PROPERTIES = ("name", "alias", "previousName")
WEAK_NAME_PROPERTIES = ("weakAlias",)
SCREENED_SCHEMAS = ("Person", "Organization", "Company", "LegalEntity", "Vessel")


@dataclass(frozen=True, slots=True)
class ListedParty:
    """One list entry as screening sees it."""

    list: str
    snapshot_sha256: str
    entry_id: str
    schema: str
    caption: str
    names: tuple[str, ...]  # name, aliases and former names
    weak_names: tuple[str, ...]  # weak aliases: only ever a supporting match
    previous_names: tuple[str, ...]
    imos: tuple[str, ...]  # seven digits
    mmsis: tuple[str, ...]
    callsigns: tuple[str, ...]
    programmes: tuple[str, ...]
    dprk: bool


def _values(entity: dict[str, Any], prop: str) -> list[str]:
    values = entity.get("properties", {}).get(prop, [])
    return [str(v) for v in values if str(v).strip()]


def party_from_row(row: ListEntryRow, list_name: str, sha256: str) -> ListedParty | None:
    """A ``ListedParty`` from a catalog row, or None for schemas screening ignores."""
    entity = row.entity
    if row.schema not in SCREENED_SCHEMAS:
        return None
    names = [n for p in STRONG_NAME_PROPERTIES for n in _values(entity, p)]
    weak = _values(entity, "weakAlias")
    imos = [d for v in _values(entity, "imoNumber") if (d := imo_digits(v)) is not None]
    return ListedParty(
        list=list_name,
        snapshot_sha256=sha256,
        entry_id=row.entry_id,
        schema=row.schema,
        caption=row.caption,
        names=tuple(dict.fromkeys(names)),
        weak_names=tuple(dict.fromkeys(n for n in weak if n not in names)),
        previous_names=tuple(_values(entity, "previousName")),
        imos=tuple(dict.fromkeys(imos)),
        mmsis=tuple(dict.fromkeys(_values(entity, "mmsi"))),
        callsigns=tuple(dict.fromkeys(c.upper() for c in _values(entity, "callSign"))),
        programmes=tuple(row.programmes),
        dprk=row.dprk,
    )


def load_parties(session: Session) -> list[ListedParty]:
    """Every screenable entry of the newest snapshot of each loaded list."""
    parties: list[ListedParty] = []
    for list_name, snapshot in latest_snapshots(session).items():
        query = select(ListEntryRow).where(ListEntryRow.snapshot_id == snapshot.id)
        for row in session.scalars(query.order_by(ListEntryRow.entry_id)):
            party = party_from_row(row, list_name, snapshot.sha256)
            if party is not None:
                parties.append(party)
    return parties
