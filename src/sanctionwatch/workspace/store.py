"""The analytical store: Parquet tables queried with DuckDB.

A table is a folder of Parquet parts (``store/<table>/<part>.parquet``). Parts
are written under a temporary name and renamed, so readers never see half a
file, and a failed load can remove exactly the parts it wrote.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from sanctionwatch.workspace.atomic import atomic_path

_NAME = re.compile(r"^[A-Za-z0-9_.=-]+$")


def _checked(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"invalid table or part name: {name!r}")
    return name


class AnalyticalStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def part_path(self, table: str, part: str) -> Path:
        return self.root / _checked(table) / f"{_checked(part)}.parquet"

    def write_part(self, table: str, part: str, rows: pa.Table) -> Path:
        target = self.part_path(table, part)
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            pq.write_table(rows, tmp, compression="zstd")
        return target

    def remove_part(self, table: str, part: str) -> None:
        self.part_path(table, part).unlink(missing_ok=True)

    def parts(self, table: str) -> list[Path]:
        """Every Parquet file of ``table``, partition folders (``day=2024-01-31/``) included."""
        folder = self.root / _checked(table)
        return sorted(folder.rglob("*.parquet")) if folder.is_dir() else []

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection with every table as a view of the same name."""
        connection = duckdb.connect()
        for folder in sorted(p for p in self.root.glob("*") if p.is_dir()):
            if not _NAME.match(folder.name) or not self.parts(folder.name):
                continue
            pattern = (folder / "**" / "*.parquet").as_posix().replace("'", "''")
            connection.execute(
                f"CREATE VIEW {folder.name} AS "  # noqa: S608 - name checked, path quoted
                f"SELECT * FROM read_parquet('{pattern}', hive_partitioning = true, "
                "union_by_name = true)"
            )
        return connection

    def has(self, table: str) -> bool:
        return bool(self.parts(table))

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run ``sql`` with every table available as a view of the same name."""
        with self.connect() as connection:
            return connection.execute(sql, params or []).fetchall()
