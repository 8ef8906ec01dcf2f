"""Official notifications of refined petroleum supplied to the DPRK (resolution 2397/5), CSV.

Columns: ``supplier_state`` (ISO 3166-1 alpha-2), ``month`` (YYYY-MM), ``barrels`` as
notified, optional ``tonnes`` and ``note``. Lines starting with ``#`` are comments (a file
marks itself as an example or simulated that way). A supplier must be a country (``XX`` is
not), and a supplier notifies a month once (a repeated row is refused, not summed). A file
with any bad line is rejected whole, every bad line listed; nothing is quarantined silently.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from followthemoney.types import registry

from sanctionwatch.sources.validation import InvalidFileError, Problem

REQUIRED = ("supplier_state", "month", "barrels")
OPTIONAL = ("tonnes", "note")
MAX_NOTIFICATION_BYTES = 8 * 1024 * 1024
MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
DPRK = "KP"


@dataclass(frozen=True)
class Notification:
    line: int
    supplier_state: str
    month: str  # YYYY-MM
    barrels: float
    tonnes: float | None
    note: str | None

    @property
    def year(self) -> int:
        return int(self.month[:4])


def _quantity(raw: str, field: str, line: int, problems: list[Problem]) -> float | None:
    text = raw.strip().replace(",", "")  # "15,279" as notified tables print it
    try:
        value = float(text)
    except ValueError:
        problems.append(Problem(f"not a number: {raw!r}", field=field, line=line))
        return None
    if not math.isfinite(value) or value < 0:
        problems.append(Problem(f"must be a finite number >= 0, not {raw!r}", field, line))
        return None
    return value


def _row(row: dict[str, str], line: int, problems: list[Problem]) -> Notification | None:
    found = len(problems)
    state = (row.get("supplier_state") or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", state):
        problems.append(Problem(f"an ISO alpha-2 code, not {state!r}", "supplier_state", line))
    elif not is_country(state):
        problems.append(Problem(f"{state!r} is not a country code", "supplier_state", line))
    elif state == DPRK:
        problems.append(Problem("the DPRK does not supply itself", "supplier_state", line))
    month = (row.get("month") or "").strip()
    if not MONTH.fullmatch(month) or int(month[:4]) < 2018:
        problems.append(Problem(f"a month YYYY-MM from 2018 on, not {month!r}", "month", line))
    barrels = _quantity(row.get("barrels") or "", "barrels", line, problems)
    raw_tonnes = (row.get("tonnes") or "").strip()
    tonnes = _quantity(raw_tonnes, "tonnes", line, problems) if raw_tonnes else None
    if len(problems) > found or barrels is None:
        return None
    note = (row.get("note") or "").strip() or None
    return Notification(line, state, month, barrels, tonnes, note)


# Two-letter codes followthemoney knows that name no state able to supply petroleum: unions
# and organisations (EU, UN), "global" (ZZ), withdrawn codes (East Germany DD, Zaire ZR),
# ISO's exceptional reservations (AC, CP, DG, IC, TA and FtM's CQ, IP), uninhabited lands.
_NOT_SUPPLIERS = frozenset(
    {"eu", "un", "zz", "dd", "zr", "ac", "cp", "cq", "dg", "ic", "ip", "ta", "aq", "bv", "hm", "tf",
     "gs", "um"}
)  # fmt: skip


def is_country(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code of a country as written (followthemoney's table): not an
    alias (UK for GB would let one supplier's month be notified twice), not a union or a
    withdrawn code."""
    cleaned = registry.country.clean(code)
    return cleaned == code.lower() and cleaned not in _NOT_SUPPLIERS


def _duplicates(rows: list[Notification]) -> list[Problem]:
    """One supplier notifies one month once: a second row would be summed into the ledger."""
    first: dict[tuple[str, str], int] = {}
    problems = []
    for row in rows:
        key = (row.supplier_state, row.month)
        if key in first:
            problems.append(
                Problem(
                    f"{row.supplier_state} {row.month} already notified at line {first[key]}",
                    line=row.line,
                )
            )
        else:
            first[key] = row.line
    return problems


def _header(fields: Sequence[str] | None, line: int) -> list[Problem]:
    names = [f.strip() for f in fields or []]
    problems = [Problem(f"missing column {c}", line=line) for c in REQUIRED if c not in names]
    known = REQUIRED + OPTIONAL
    problems += [Problem(f"unknown column {c!r}", line=line) for c in names if c not in known]
    return problems


def parse_notifications(data: bytes, origin: str) -> list[Notification]:
    """Every notification in the file, or ``InvalidFileError`` listing every bad line."""
    if len(data) > MAX_NOTIFICATION_BYTES:
        raise InvalidFileError(origin, [Problem(f"{len(data)} bytes: too large")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidFileError(origin, [Problem(f"not UTF-8: {exc}")]) from None
    # Comment lines become blank lines, so csv's line numbers stay the file's own.
    lines = ["" if line.lstrip().startswith("#") else line for line in text.splitlines()]
    reader = csv.reader(io.StringIO("\n".join(lines)), skipinitialspace=True)
    problems: list[Problem] = []
    rows: list[Notification] = []
    header: list[str] | None = None
    try:
        for fields in reader:
            line = reader.line_num
            if not fields:
                continue
            if header is None:
                header = [f.strip() for f in fields]
                problems += _header(header, line)
                if problems:
                    break
            elif len(fields) != len(header):
                problems.append(
                    Problem(f"{len(fields)} fields, the header has {len(header)}", line=line)
                )
            elif (
                parsed := _row(dict(zip(header, fields, strict=True)), line, problems)
            ) is not None:
                rows.append(parsed)
    except csv.Error as exc:
        problems.append(Problem(f"not CSV: {exc}", line=reader.line_num))
    problems += _duplicates(rows)
    if not rows and not problems:
        problems.append(Problem("no notifications in the file"))
    if problems:
        raise InvalidFileError(origin, problems)
    return rows


def read_notifications(path: Path) -> tuple[list[Notification], bytes]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidFileError(path, [Problem(f"cannot read: {exc.strerror or exc}")]) from None
    return parse_notifications(data, str(path)), data
