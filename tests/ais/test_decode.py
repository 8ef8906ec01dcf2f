"""`ais decode --format gpsd-json` against gpsd's own regression output for its sample log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import cli

# Messages we print that gpsd's regression output for sample.aivdm leaves out, although
# gpsd's own expected decodes (cases.jsonl idx 7 for the type 6) include them: binary
# messages gpsd's daemon run did not report. We print every message pyais decodes.
EXTRA = [
    (6, 992509976),
    (8, 992509977),
    (8, 992509977),
    (25, 538734172),
    (25, 538734172),
    (21, 512000285),
]

Obj = dict[str, object]


def _same(mine: Obj, gpsd: Obj) -> int:
    return sum(mine.get(k) == v for k, v in gpsd.items() if k != "device")


def _align(ours: list[Obj], theirs: list[Obj]) -> tuple[list[tuple[Obj, Obj]], list[object]]:
    """Each gpsd object with the best-agreeing of our next few of the same (type, mmsi)."""
    pairs, extra, start = [], [], 0
    for gpsd in theirs:
        window = [
            i
            for i in range(start, min(start + 6, len(ours)))
            if (ours[i]["type"], ours[i]["mmsi"]) == (gpsd["type"], gpsd["mmsi"])
        ]
        assert window, ("gpsd printed a message we did not", gpsd["type"], gpsd["mmsi"])
        best = max(window, key=lambda i: _same(ours[i], gpsd))
        extra += [(o["type"], o["mmsi"]) for o in ours[start:best]]
        pairs.append((ours[best], gpsd))
        start = best + 1
    extra += [(o["type"], o["mmsi"]) for o in ours[start:]]
    return pairs, extra


def _agreement(pairs: list[tuple[Obj, Obj]]) -> float:
    compared = agreed = 0
    for mine, gpsd in pairs:
        for key, value in gpsd.items():
            if key == "device":
                continue
            compared += 1
            agreed += mine.get(key) == value
    return agreed / compared


@pytest.mark.parametrize(("flag", "suffix"), [([], "js"), (["--unscaled"], "ju")])
def test_sample_log_matches_gpsd(shared: Path, flag: list[str], suffix: str) -> None:
    folder = shared / "conformance" / "gpsd-ais" / "test"
    result = cli("ais", "decode", folder / "sample.aivdm", *flag)
    assert result.code == 0, result.stderr
    ours = [json.loads(line) for line in result.stdout.splitlines()]
    theirs = [
        json.loads(line)
        for line in (folder / f"sample.aivdm.{suffix}.chk").read_text().splitlines()
        if line.startswith("{")
    ]
    pairs, extra = _align(ours, theirs)
    assert extra == EXTRA
    assert len(pairs) == len(theirs)
    agreement = _agreement(pairs)
    print(f"ais decode vs gpsd sample.aivdm.{suffix}.chk: {agreement:.4%} of fields agree")
    assert agreement >= 0.995
    assert "messages decoded" in result.stderr


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    result = cli("ais", "decode", tmp_path / "nope.nmea")
    assert result.code == 1 and "nope.nmea" in result.stderr
