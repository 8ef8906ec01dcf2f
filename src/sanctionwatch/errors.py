"""Errors the CLI turns into exit status 1 with a message naming the place."""

from __future__ import annotations

from pathlib import Path


class SanctionwatchError(Exception):
    """Any failure the user can act on; the CLI prints it and exits 1."""


class InputError(SanctionwatchError):
    """Bad input: names the file and, where known, the line and field."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        self.reason = message
        super().__init__(self.describe())

    def describe(self) -> str:
        place = self.path
        if self.line is not None:
            place += f":{self.line}"
        if self.field is not None:
            place += f" (field {self.field})"
        return f"{place}: {self.reason}"


class NetworkError(SanctionwatchError):
    """A download failed; nothing was changed."""
