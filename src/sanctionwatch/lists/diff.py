"""Compare two snapshots of a list by stable id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sanctionwatch.sources.records import ListSnapshot
from sanctionwatch.workspace.models import ListEntryRow

# What "changed" means: a name, alias, identifier or programme differs.
COMPARED_PROPERTIES = (
    "name",
    "alias",
    "weakAlias",
    "previousName",
    "imoNumber",
    "mmsi",
    "callSign",
    "passportNumber",
    "idNumber",
    "registrationNumber",
    "serialNumber",
)


@dataclass(frozen=True)
class EntryView:
    """The comparable part of an entry, from a file or from the catalog."""

    id: str
    schema: str
    caption: str
    values: dict[str, frozenset[str]]


def views_from_snapshot(snapshot: ListSnapshot) -> dict[str, EntryView]:
    views = {}
    for entry in snapshot.entries:
        values = {p: frozenset(entry.entity.get(p, quiet=True)) for p in COMPARED_PROPERTIES}
        values["programme"] = frozenset(entry.programmes)
        views[entry.id] = EntryView(entry.id, entry.schema, entry.caption, values)
    return views


def views_from_rows(rows: Iterable[ListEntryRow]) -> dict[str, EntryView]:
    views = {}
    for row in rows:
        props: dict[str, list[str]] = row.entity.get("properties", {})
        values = {p: frozenset(props.get(p, [])) for p in COMPARED_PROPERTIES}
        values["programme"] = frozenset(row.programmes)
        views[row.entry_id] = EntryView(row.entry_id, row.schema, row.caption, values)
    return views


def _brief(view: EntryView) -> dict[str, Any]:
    return {"id": view.id, "schema": view.schema, "name": view.caption}


def diff_views(
    old: dict[str, EntryView], new: dict[str, EntryView], *, detail: bool = False
) -> dict[str, Any]:
    """Entries added, removed and changed; ``detail`` adds what was added and removed per field."""
    added = [_brief(new[i]) for i in sorted(new.keys() - old.keys())]
    removed = [_brief(old[i]) for i in sorted(old.keys() - new.keys())]
    changed = []
    for entry_id in sorted(old.keys() & new.keys()):
        before, after = old[entry_id].values, new[entry_id].values
        fields = [f for f in after if before.get(f, frozenset()) != after[f]]
        if not fields:
            continue
        item: dict[str, Any] = {**_brief(new[entry_id]), "fields": fields}
        if detail:
            item["changes"] = {
                f: {
                    "added": sorted(after[f] - before.get(f, frozenset())),
                    "removed": sorted(before.get(f, frozenset()) - after[f]),
                }
                for f in fields
            }
        changed.append(item)
    return {
        "added": added,
        "removed": removed,
        "changed": changed,
        "counts": {"added": len(added), "removed": len(removed), "changed": len(changed)},
    }
