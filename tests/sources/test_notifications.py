"""Official petroleum notifications (CSV): rows with their lines, every bad line listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.sources.notifications import parse_notifications, read_notifications
from sanctionwatch.sources.validation import InvalidFileError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "notifications-example.csv"


def rejected(text: str) -> str:
    with pytest.raises(InvalidFileError) as caught:
        parse_notifications(text.encode(), "n.csv")
    return str(caught.value)


def test_the_example_reads_with_the_file_s_own_line_numbers() -> None:
    rows, data = read_notifications(EXAMPLE)
    assert data.startswith(b"# SIMULATED")
    assert [(r.line, r.supplier_state, r.month, r.barrels, r.tonnes) for r in rows] == [
        (4, "RU", "2024-01", 1200.5, 166.0),
        (5, "RU", "2024-02", 950.0, None),
        (6, "CN", "2024-01", 3100.0, None),
        (7, "CN", "2024-03", 2800.0, None),
    ]
    assert rows[0].note == "example" and rows[0].year == 2024


def test_thousands_separators_and_a_bom_are_read() -> None:
    rows = parse_notifications(
        '\ufeffsupplier_state,month,barrels\nRU,2024-03,"15,279"\n'.encode(), "n.csv"
    )
    assert rows[0].barrels == 15279.0


def test_every_bad_line_is_listed_with_line_and_field() -> None:
    message = rejected(
        "supplier_state,month,barrels,tonnes\n"
        "RU,2024-01,100,\n"
        "Russia,2024-13,lots,\n"
        "KP,2024-02,-5,\n"
        "CN,2024-02,10,1,extra\n"
        "CN,2017-12,10,x\n"
    )
    for expected in (
        "n.csv:3 (field supplier_state): an ISO alpha-2 code, not 'RUSSIA'",
        "n.csv:3 (field month): a month YYYY-MM from 2018 on, not '2024-13'",
        "n.csv:3 (field barrels): not a number: 'lots'",
        "n.csv:4 (field supplier_state): the DPRK does not supply itself",
        "n.csv:4 (field barrels): must be a finite number >= 0, not '-5'",
        "n.csv:5: 5 fields, the header has 4",
        "n.csv:6 (field month)",
        "n.csv:6 (field tonnes): not a number: 'x'",
    ):
        assert expected in message, (expected, message)
    assert "rejected, 8 problems" in message
    assert "n.csv:2" not in message


def test_the_header_is_checked_before_any_row() -> None:
    message = rejected("# comment\nsupplier,month,barrels,gallons\nRU,2024-01,1,2\n")
    assert "n.csv:2: missing column supplier_state" in message
    assert "n.csv:2: unknown column 'supplier'" in message
    assert "n.csv:2: unknown column 'gallons'" in message


def test_empty_and_undecodable_files_are_rejected() -> None:
    assert "no notifications" in rejected("supplier_state,month,barrels\n")
    assert "no notifications" in rejected("# only a comment\n")
    with pytest.raises(InvalidFileError, match="not UTF-8"):
        parse_notifications(b"supplier_state,month,barrels\n\xff,2024-01,1\n", "n.csv")
