"""Which inputs are simulated: the simulator and the examples say so in their own bytes."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctionwatch.workspace.models import MemberReportRow, Source

_MARK = b"SIMULATED"
_PEEK = 4096  # headers and tag blocks carry the mark in the first lines


def _file_says_simulated(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        head = handle.read(_PEEK)
    if head.startswith(b"PAR1"):
        import pyarrow.parquet as pq  # only Parquet needs it

        metadata = pq.read_schema(path).metadata or {}
        return bool(metadata.get(b"simulated", b"").lower() == b"true")
    return _MARK in head.upper()


def simulated_sources(session: Session, workspace_root: Path) -> set[str]:
    """sha256 of every source that is made up (member reports flag it; files carry a mark)."""
    flagged = set(
        session.scalars(
            select(Source.sha256)
            .join(MemberReportRow, MemberReportRow.source_id == Source.id)
            .where(MemberReportRow.simulated.is_(True))
        )
    )
    for source in session.scalars(select(Source)):
        if source.sha256 in flagged:
            continue
        if "SIMULATED" in source.provider.upper() or _file_says_simulated(
            workspace_root / source.archive_path
        ):
            flagged.add(source.sha256)
    return flagged
