"""FollowTheMoney JSON lines of the loaded lists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.lists.query import latest_snapshots, snapshot_entries
from sanctionwatch.workspace.atomic import atomic_path
from sanctionwatch.workspace.workspace import Workspace


def export_ftm(ws: Workspace, out: Path) -> dict[str, Any]:
    """Write the entities and Sanctions of the newest snapshot of each list to ``out``.

    Older snapshots are left out because they reuse the same ids; the file is
    written under a temporary name and renamed, so a failure leaves no half file.
    """
    counts: dict[str, int] = {}
    out = out.resolve()
    if out.is_dir():
        raise SanctionwatchError(f"{out}: is a directory; give a file name")
    if not out.parent.is_dir():
        raise SanctionwatchError(f"{out.parent}: no such directory")
    with (
        atomic_path(out) as tmp,
        tmp.open("w", encoding="utf-8") as handle,
        ws.catalog.reading() as session,
    ):
        for kind, snapshot in latest_snapshots(session).items():
            rows = snapshot_entries(session, snapshot.id)
            for row in rows:
                handle.write(json.dumps(row.entity, ensure_ascii=False, sort_keys=True) + "\n")
                handle.write(json.dumps(row.sanction, ensure_ascii=False, sort_keys=True) + "\n")
            counts[kind] = len(rows)
    return {"out": str(out), "entities": sum(counts.values()) * 2, "by_list": counts}
