"""Helpers for tests that drive the real command line and inspect a workspace."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, text


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def cli(
    *args: str | Path, workspace: Path | None = None, env: dict[str, str] | None = None
) -> Result:
    """Run `python -m sanctionwatch ARGS` in a subprocess, as a user would."""
    command = [sys.executable, "-m", "sanctionwatch"]
    if workspace is not None:
        command += ["--workspace", str(workspace)]
    command += [str(a) for a in args]
    environment = {**os.environ, "COLUMNS": "200", **(env or {})}
    environment.pop("SANCTIONWATCH_WORKSPACE", None)
    done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=600)
    return Result(done.returncode, done.stdout, done.stderr)


def workspace_state(root: Path) -> dict[str, Any]:
    """Every file (with its hash) and every catalog row: equal states mean nothing changed."""
    files = {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith("catalog.sqlite")
    }
    rows: dict[str, list[Any]] = {}
    settings = json.loads((root / "workspace.json").read_text())
    engine = create_engine(settings["catalog_url"])
    with engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            result = connection.execute(text(f'SELECT * FROM "{table}"'))
            rows[table] = sorted(repr(tuple(r)) for r in result)
    engine.dispose()
    return {"files": files, "rows": rows}
