"""Printing for the CLI: one JSON document on stdout, or rich text; messages on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

err = Console(stderr=True, soft_wrap=True)


def out() -> Console:
    # Created per call so output follows sys.stdout when it is replaced (tests, pipes).
    return Console(file=sys.stdout, soft_wrap=True)


def emit_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Table:
    grid = Table(title=title, title_justify="left")
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*("" if v is None else str(v) for v in row))
    return grid


@contextmanager
def working(message: str, *, quiet: bool) -> Iterator[None]:
    """A spinner on stderr while long work runs (never with --json or when not a terminal)."""
    if quiet or not err.is_terminal:
        yield
        return
    with err.status(message):
        yield


@contextmanager
def ingest_progress(*, quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A bar per file (bytes read of its size) on stderr; a no-op with --json or off a tty."""
    if quiet or not err.is_terminal:
        yield lambda _name, _done, _total: None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err) as progress:
        tasks: dict[str, TaskID] = {}

        def update(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(name, total=total)
            progress.update(tasks[name], completed=done)

        yield update
