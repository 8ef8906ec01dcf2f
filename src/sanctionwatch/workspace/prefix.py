"""Find catalog rows by a unique prefix of their id, as users type them from printed tables."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sanctionwatch.errors import SanctionwatchError

Row = TypeVar("Row")


def rows_by_prefix(
    session: Session,
    model: type[Row],
    column: InstrumentedAttribute[Any],
    reference: str,
    *,
    what: str,
    min_length: int,
    hint: str = "",
) -> list[Row]:
    """Every row whose ``column`` starts with ``reference`` (at least one).

    ``%`` and ``_`` in the reference are literal characters, not SQL wildcards.
    """
    if len(reference) < min_length:
        raise SanctionwatchError(
            f"{what} reference {reference!r}: give at least {min_length} characters"
        )
    query = select(model).where(column.startswith(reference, autoescape=True))
    rows = list(session.scalars(query))
    if not rows:
        raise SanctionwatchError(f"no {what} matches {reference!r}{hint}")
    return rows


def ambiguous(what: str, reference: str) -> SanctionwatchError:
    return SanctionwatchError(f"{what} reference {reference!r} is ambiguous")
