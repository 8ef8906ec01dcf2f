"""`ingest ais`: AIS files into the workspace, all or nothing.

Each file is copied into the archive's staging area while it is hashed, decoded
from that copy (so the archived bytes are the bytes decoded), and streamed into
staged Parquet. Only when every file is done are the staged files published and
the catalog committed; a crash at any point leaves the workspace as it was.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from sqlalchemy.orm import Session

from sanctionwatch.ais.files import AisFile, discover, read_batches
from sanctionwatch.ais.writer import IDENTITY_KEY, SourceWriter
from sanctionwatch.sources.ais_records import LineAccount
from sanctionwatch.workspace.models import AisFileRow, AuditRow
from sanctionwatch.workspace.sources import Provenance, add_source, find_source
from sanctionwatch.workspace.staging import Staging
from sanctionwatch.workspace.workspace import Workspace, utc_now

COPY_CHUNK = 8 * 1024 * 1024

Progress = Callable[[str, int, int], None]  # (file name, bytes read, file size) as it goes


@dataclass(frozen=True)
class IngestOptions:
    provider: str = "AIS receiver log"
    provider_kind: str = "osint"
    reliability: str = "B"  # usually reliable: real receptions, spoofable content
    credibility: int = 3  # possibly true until corroborated
    releasability: tuple[str, ...] = field(default=("public",))


def _stage_copy(path: Path, staging: Staging) -> tuple[Path, str, int]:
    """Copy ``path`` into scratch while hashing it: one read of the input."""
    digest = hashlib.sha256()
    target = staging.dir / "incoming" / uuid.uuid4().hex
    target.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with path.open("rb") as source, target.open("wb") as copy:
        while chunk := source.read(COPY_CHUNK):
            digest.update(chunk)
            copy.write(chunk)
            size += len(chunk)
    target.chmod(0o444)
    return target, digest.hexdigest(), size


def _identities(staging: Staging, writer: SourceWriter) -> int:
    """One row per (mmsi, identity fields) of this source, with first/last seen and count."""
    statics = staging.path(f"store/statics/source-{writer.source_id}.parquet")
    if not statics.exists():
        return 0
    target = staging.path(f"store/identities/source-{writer.source_id}.parquet")
    key = ", ".join(IDENTITY_KEY)
    with duckdb.connect() as connection:
        connection.execute(
            f"""COPY (
                SELECT {key}, min(timestamp) AS first_seen, max(timestamp) AS last_seen,
                       count(*) AS count, any_value(source_id) AS source_id
                FROM read_parquet(?) GROUP BY ALL ORDER BY ALL
            ) TO '{target.as_posix().replace("'", "''")}' (FORMAT parquet, COMPRESSION zstd)""",  # noqa: S608
            [statics.as_posix()],
        )
        [(rows,)] = connection.execute(
            "SELECT count(*) FROM read_parquet(?)", [target.as_posix()]
        ).fetchall()
    return int(rows)


def _file_report(
    item: AisFile, digest: str, account: LineAccount, counts: dict[str, int], identities: int
) -> dict[str, Any]:
    return {
        "path": str(item.path),
        "format": item.format,
        "sha256": digest,
        "status": "ingested",
        "lines": account.lines,
        "consumed": account.consumed,
        "messages": account.messages,
        "ignored": dict(account.ignored),
        "positions": counts["positions"],
        "statics": counts["statics"],
        "raw_messages": counts["raw_messages"],
        "identities": identities,
        "rejected": sum(account.quarantined.values()),
        "rejected_by_reason": dict(account.quarantined),
    }


def _ingest_file(
    ws: Workspace,
    session: Session,
    staging: Staging,
    item: AisFile,
    options: IngestOptions,
    progress: Progress,
) -> tuple[dict[str, Any], set[int]]:
    copy, digest, size = _stage_copy(item.path, staging)
    source = find_source(session, digest)
    if source is not None and session.get(AisFileRow, source.id) is not None:
        already = {
            "path": str(item.path),
            "format": item.format,
            "sha256": digest,
            "status": "already_ingested",
        }
        return already, set()
    now = utc_now()
    if source is None:
        provenance = Provenance(
            origin=item.path.resolve().as_posix(),
            retrieved_at=now,
            provider_kind=options.provider_kind,
            provider=options.provider,
            reliability=options.reliability,
            credibility=options.credibility,
            releasability=options.releasability,
        )
        source = add_source(
            session,
            ws.archive,
            digest=digest,
            size=size,
            kind=f"ais_{item.format}",
            file_name=item.path.name,
            provenance=provenance,
            now=now,
        )
        if not ws.archive.has(digest):
            staging.adopt(source.archive_path, copy)
    writer = SourceWriter(staging, source.id)
    reading = read_batches(copy, item.format, shown_as=item.path)
    progress(item.path.name, 0, size)
    try:
        for batch in reading.batches:
            writer.write(batch)
            progress(item.path.name, reading.bytes_read(), size)
    finally:
        writer.close()
    progress(item.path.name, size, size)
    account = reading.account()
    identities = _identities(staging, writer)
    report = _file_report(item, digest, account, writer.counts, identities)
    session.add(
        AisFileRow(
            source_id=source.id,
            operation=staging.op,
            format=item.format,
            lines=account.lines,
            messages=account.messages,
            positions=writer.counts["positions"],
            statics=writer.counts["statics"],
            raw_messages=writer.counts["raw_messages"],
            rejected=report["rejected"],
            account={
                k: report[k]
                for k in ("lines", "consumed", "messages", "ignored", "rejected_by_reason")
            },
            ingested_at=now,
        )
    )
    return report, writer.mmsis


def _totals(reports: list[dict[str, Any]], skipped: list[dict[str, str]]) -> dict[str, Any]:
    done = [r for r in reports if r["status"] == "ingested"]
    reasons: Counter[str] = Counter()
    for report in done:
        reasons.update(report["rejected_by_reason"])
    return {
        "files": len(done),
        "already_ingested": len(reports) - len(done),
        "lines": sum(r["lines"] for r in done),
        "messages": sum(r["messages"] for r in done),
        "positions": sum(r["positions"] for r in done),
        "identities": sum(r["identities"] for r in done),
        "rejected": sum(reasons.values()),
        "rejected_by_reason": dict(sorted(reasons.items())),
        "details": reports,
        "skipped": skipped,
    }


def ingest_ais(
    ws: Workspace,
    paths: list[Path],
    fmt: str = "auto",
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Ingest every AIS file named (folders searched); all or nothing."""
    options = options or IngestOptions()
    files, skipped = discover(paths, fmt)
    staging = Staging(ws.root)
    reports: list[dict[str, Any]] = []
    vessels: set[int] = set()  # distinct MMSIs of the files ingested now
    try:
        with ws.catalog.transaction() as session:
            for item in files:
                report, mmsis = _ingest_file(
                    ws, session, staging, item, options, progress or _quiet
                )
                reports.append(report)
                vessels |= mmsis
            session.add(
                AuditRow(
                    at=utc_now(),
                    action="ingest.ais",
                    detail={
                        "operation": staging.op,
                        "files": [{k: r[k] for k in ("path", "sha256", "status")} for r in reports],
                    },
                )
            )
            session.flush()
            staging.publish()
    except BaseException:
        staging.abort()
        raise
    staging.finish()
    result = _totals(reports, skipped)
    result["vessels"] = len(vessels)
    return result


def _quiet(_name: str, _done: int, _total: int) -> None:
    return None
