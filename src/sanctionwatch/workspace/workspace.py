"""A workspace directory: archive, catalog and analytical store together.

Layout::

    workspace.json   settings (catalog URL); written once by `init`
    archive/         raw inputs by sha256, read-only
    catalog.sqlite   the catalog, unless workspace.json names another database
    store/           Parquet tables for DuckDB
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.workspace.archive import Archive
from sanctionwatch.workspace.atomic import atomic_path
from sanctionwatch.workspace.catalog import Catalog
from sanctionwatch.workspace.models import AisFileRow, AuditRow
from sanctionwatch.workspace.staging import recover
from sanctionwatch.workspace.store import AnalyticalStore

SETTINGS_FILE = "workspace.json"
FORMAT_VERSION = 1
CATALOG_URL_ENV = "SANCTIONWATCH_CATALOG_URL"


def utc_now() -> datetime:
    return datetime.now(UTC)


def default_catalog_url(root: Path) -> str:
    return f"sqlite:///{(root / 'catalog.sqlite').as_posix()}"


@dataclass
class Workspace:
    root: Path
    catalog: Catalog
    archive: Archive
    store: AnalyticalStore

    @classmethod
    def open(cls, root: Path, *, catalog_url: str | None = None) -> Workspace:
        """Open ``root``, creating it on first use (the catalog schema is migrated to head)."""
        root = root.resolve()
        settings = read_settings(root)
        if settings is None:
            url = catalog_url or os.environ.get(CATALOG_URL_ENV) or default_catalog_url(root)
            root.mkdir(parents=True, exist_ok=True)
            write_settings(root, {"format": FORMAT_VERSION, "catalog_url": url})
        else:
            url = catalog_url or str(settings["catalog_url"])
        catalog = Catalog(url)
        recover(root, lambda op: operation_committed(catalog, op))
        return cls(root, catalog, Archive(root / "archive"), AnalyticalStore(root / "store"))

    def audit(self, action: str, detail: dict[str, Any]) -> None:
        with self.catalog.transaction() as session:
            session.add(AuditRow(at=utc_now(), action=action, detail=detail))

    def close(self) -> None:
        self.catalog.close()


def operation_committed(catalog: Catalog, operation: str) -> bool:
    """Did the operation that wrote a staging journal reach its catalog commit?"""
    with catalog.reading() as session:
        found = session.scalar(
            select(AisFileRow.source_id).where(AisFileRow.operation == operation)
        )
    return found is not None


def read_settings(root: Path) -> dict[str, Any] | None:
    path = root / SETTINGS_FILE
    if not path.is_file():
        if root.exists() and not root.is_dir():
            raise SanctionwatchError(f"{root}: workspace path exists and is not a directory")
        return None
    try:
        settings: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SanctionwatchError(f"{path}: unreadable workspace settings: {exc}") from None
    if "catalog_url" not in settings:
        raise SanctionwatchError(f"{path}: missing field catalog_url")
    return settings


def write_settings(root: Path, settings: dict[str, Any]) -> None:
    with atomic_path(root / SETTINGS_FILE) as tmp:
        tmp.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
