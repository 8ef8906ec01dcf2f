"""The `sanctionwatch` command line: parse, call one function, print.

Exit status: 0 success, 1 bad input or failure (message on stderr), 2 usage error.
With --json every reporting command prints exactly one JSON document on stdout.
One module per command group; importing them registers their commands on ``app``.
"""

from __future__ import annotations

import sys

from rich.markup import escape

from sanctionwatch.cli import ais, assess, detect, lists, report, screen, simulate, workspace
from sanctionwatch.cli.common import app
from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.output import err

__all__ = [
    "ais",
    "app",
    "assess",
    "detect",
    "lists",
    "main",
    "report",
    "run",
    "screen",
    "simulate",
    "workspace",
]


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status instead of raising SystemExit."""
    try:
        app(args=argv, prog_name="sanctionwatch")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except SanctionwatchError as exc:
        err.print(f"[bold red]error:[/bold red] {escape(str(exc))}", highlight=False)
        return 1
    return 0


def run() -> None:
    sys.exit(main())
