"""Validation problems of one input file, all listed at once, and pydantic's errors as such."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from sanctionwatch.errors import SanctionwatchError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (line, field path) and why."""

    reason: str
    field: str | None = None
    line: int | None = None

    def describe(self, path: str) -> str:
        place = path if self.line is None else f"{path}:{self.line}"
        if self.field:
            place += f" (field {self.field})"
        return f"{place}: {self.reason}"


class InvalidFileError(SanctionwatchError):
    """A file rejected whole; the message lists every problem found, one a line."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = str(path)
        self.problems = problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        lines = "\n".join(f"  {p.describe(self.path)}" for p in problems)
        super().__init__(f"{self.path}: rejected, {count}:\n{lines}")


def field_path(location: tuple[int | str, ...], tags: frozenset[str] = frozenset()) -> str:
    """pydantic's error location as a dotted path (``claims.2.route.0.name``).

    A discriminated union puts the member's tag after the list index; steps in ``tags``
    that follow an index are dropped so the path is the JSON document's own.
    """
    steps = [
        str(step)
        for i, step in enumerate(location)
        if not (step in tags and i > 0 and isinstance(location[i - 1], int))
    ]
    return ".".join(steps)


def problems_of(error: ValidationError, tags: frozenset[str] = frozenset()) -> list[Problem]:
    return [
        Problem(reason=_reason(e), field=field_path(tuple(e["loc"]), tags) or None)
        for e in error.errors(include_url=False)
    ]


def _reason(error: ErrorDetails) -> str:
    context = error.get("ctx", {})
    if error["type"] == "union_tag_invalid":
        tag, expected = context.get("tag"), context.get("expected_tags")
        field = str(context.get("discriminator", "tag")).strip("'")
        return f"unknown {field} {tag!r}, expected one of {expected}"
    # pydantic prefixes our own messages with the exception's kind; the reader needs neither.
    return error["msg"].removeprefix("Value error, ").replace("Tuple should", "List should")
