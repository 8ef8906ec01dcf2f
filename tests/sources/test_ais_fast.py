"""The vectorised position decoder: gpsd's and pyais's expected decodes, aiscat and pyais on a
real AMSA log, an independent framing predicate, and crafted framing and field edge cases."""

from __future__ import annotations

import functools
import gzip
import json
import math
import operator
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest

from sanctionwatch.sources import ais_fast
from sanctionwatch.sources.ais_fast import FastResult, decode_lines
from sanctionwatch.sources.ais_records import (
    FLAG_COURSE_NOT_AVAILABLE,
    FLAG_HEADING_NOT_AVAILABLE,
    FLAG_MMSI_NOT_9_DIGITS,
    FLAG_NO_TIME,
    FLAG_POSITION_NOT_AVAILABLE,
    FLAG_POSITION_OUT_OF_RANGE,
    FLAG_SPEED_NOT_AVAILABLE,
    POSITIONS,
)

# Measured on amsa/ais.txt.gz: 17,952 type 1, 3,305 type 3, 2,622 type 18 lines.
AMSA_LINES = 44_687
AMSA_HANDLED = 23_879
GPSD_HANDLED = 1_269  # of 1,870 single-sentence cases
PYAIS_CHECKS = 58  # field assertions of pyais's cases checked on handled sentences
# Position-type gpsd cases the fast path leaves to the slow path, and why.
GPSD_NOT_HANDLED = {
    64: "type 27 sent as 168 bits (28 characters): not type 27's exact length",
    98: "fill bits 5",
    1395: "type 1 payload of 34 characters",
}
# (case idx, field) -> reason. None so far: every handled case agrees on every field.
GPSD_KNOWN_DISAGREEMENTS: dict[tuple[int, str], str] = {}

BASE = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A"  # gpsd sample: type 1, 371798000
TYPE27 = "!AIVDM,1,1,,A,KCQ9r=hrFUnH7P00,0*41"  # gpsd sample: type 27, 236091959


# --- helpers ---------------------------------------------------------------------------------


def checksum(body: str) -> int:
    return functools.reduce(operator.xor, body.encode("latin-1"), 0)


def sentence(body: str) -> str:
    """``!`` + body + ``*`` + its checksum."""
    return f"!{body}*{checksum(body):02X}"


def armour(*fields: tuple[int, int]) -> str:
    """(width, value) bit fields -> 6-bit armoured payload (negative values two's complement)."""
    bits = "".join(format(value & ((1 << width) - 1), f"0{width}b") for width, value in fields)
    assert len(bits) % 6 == 0
    sextets = (int(bits[i : i + 6], 2) for i in range(0, len(bits), 6))
    return "".join(chr(c + 48 if c < 40 else c + 56) for c in sextets)


def class_a(
    *,
    msg_type: int = 1,
    mmsi: int = 371798000,
    status: int = 5,
    speed: int = 123,
    accuracy: int = 1,
    lon: int = -74037230,
    lat: int = 29028980,
    course: int = 2240,
    heading: int = 215,
) -> str:
    """Types 1-3, raw (unscaled) field values, 168 bits."""
    return armour(
        (6, msg_type), (2, 0), (30, mmsi), (4, status), (8, -128), (10, speed), (1, accuracy),
        (28, lon), (27, lat), (12, course), (9, heading), (6, 33), (2, 0), (3, 0), (1, 0),
        (19, 34017),
    )  # fmt: skip


def class_b(
    *,
    mmsi: int = 338087471,
    speed: int = 1,
    accuracy: int = 0,
    lon: int = -44443279,
    lat: int = 24410724,
    course: int = 796,
    heading: int = 511,
) -> str:
    """Type 18, raw field values, 168 bits."""
    return armour(
        (6, 18), (2, 0), (30, mmsi), (8, 0), (10, speed), (1, accuracy), (28, lon), (27, lat),
        (12, course), (9, heading), (6, 49), (2, 0), (1, 1), (1, 0), (1, 1), (1, 1), (1, 1),
        (1, 0), (1, 1), (20, 917510),
    )  # fmt: skip


def long_range(
    *,
    mmsi: int = 236091959,
    accuracy: int = 0,
    status: int = 3,
    lon: int = -92521,
    lat: int = 52239,
    speed: int = 0,
    course: int = 0,
) -> str:
    """Type 27, raw field values, 96 bits."""
    return armour(
        (6, 27), (2, 1), (30, mmsi), (1, accuracy), (1, 0), (4, status), (18, lon), (17, lat),
        (6, speed), (9, course), (1, 0), (1, 0),
    )  # fmt: skip


def position(payload: str) -> str:
    return sentence(f"AIVDM,1,1,,A,{payload},0")


def decode_one(line: str) -> dict[str, Any] | None:
    """The row for a one-line buffer, or None when the fast path leaves it."""
    result = decode_lines(line.encode("latin-1"))
    assert result.line_count == 1
    rows: list[dict[str, Any]] = result.positions.to_pylist()
    assert len(rows) == int(result.handled.sum())
    return rows[0] if rows else None


def close(mine: Any, theirs: Any, tolerance: float) -> bool:
    return math.isclose(mine, theirs, rel_tol=0, abs_tol=tolerance)


# Independent statement of the framing contract (regex + Python checksum), for the real log.
FRAMING = re.compile(
    rb"![A-Z]{2}VD[MO],1,1,[0-9]?,[AB12]?,([0-W`-w]+),0\*([0-9A-Fa-f]{2})\r?", re.DOTALL
)


def reference_handled(line: bytes) -> bool:
    match = FRAMING.fullmatch(line)
    if match is None:
        return False
    body = line[1 : line.index(b"*")]
    if functools.reduce(operator.xor, body, 0) != int(match.group(2), 16):
        return False
    payload = match.group(1)
    if len(payload) == 28:
        return payload[:1] in (b"1", b"2", b"3", b"B")
    return len(payload) == 16 and payload[:1] == b"K"


# --- gpsd ------------------------------------------------------------------------------------


def _gpsd_single_cases(shared: Path) -> list[dict[str, Any]]:
    path = shared / "conformance" / "gpsd-ais" / "cases.jsonl"
    cases = [json.loads(line) for line in path.read_text().splitlines()]
    return [case for case in cases if len(case["sentences"]) == 1]


def _gpsd_field_checks(row: dict[str, Any], case: dict[str, Any]) -> dict[str, bool]:
    """gpsd prints either raw integers ("scaled": false) or values rounded to 7 places (type 27
    position: 4 places; type 27 speed and course are whole units either way)."""
    expected, scaled, kind = case["expected"], case["scaled"], case["expected"]["type"]
    per_degree, per_unit = (600, 1) if kind == 27 else (600_000, 10)
    checks = {"msg_type": row["msg_type"] == kind, "mmsi": row["mmsi"] == expected["mmsi"]}
    for name in ("lat", "lon"):
        if scaled:
            checks[name] = close(row[name], expected[name], 5.1e-5 if kind == 27 else 5.1e-8)
        else:
            checks[name] = round(row[name] * per_degree) == expected[name]
    for name in ("speed", "course"):
        if scaled:
            checks[name] = close(row[name], expected[name], 1e-4)
        else:
            checks[name] = round(row[name] * per_unit) == expected[name]
    # gpsd omits heading for type 27 and status for type 18: the row holds null there.
    checks["heading"] = row["heading"] == expected.get("heading")
    checks["status"] = row["status"] == expected.get("status")
    checks["accuracy"] = row["accuracy"] == expected["accuracy"]
    return checks


def test_agrees_with_gpsd(shared: Path) -> None:
    cases = _gpsd_single_cases(shared)
    result = decode_lines("\n".join(case["sentences"][0] for case in cases).encode())
    assert result.line_count == len(cases)
    rows = iter(result.positions.to_pylist())
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    disagreements: dict[tuple[int, str], str] = {}
    for case, handled in zip(cases, result.handled, strict=True):
        kind = (case["expected"] or {}).get("type")
        if not handled:
            if kind in (1, 2, 3, 18, 27):
                assert case["idx"] in GPSD_NOT_HANDLED, case["sentences"][0]
            continue
        assert kind is not None, f"handled a sentence gpsd rejects: {case['sentences'][0]}"
        row = next(rows)
        for name, ok in _gpsd_field_checks(row, case).items():
            total[name] += 1
            agree[name] += ok
            if not ok:
                disagreements[(case["idx"], name)] = f"{row[name]!r} vs {case['expected']}"
    report = {name: f"{agree[name]}/{total[name]}" for name in total}
    print("gpsd agreement per field:", report)
    assert total["mmsi"] == GPSD_HANDLED
    assert sum(agree.values()) >= 0.995 * sum(total.values()), report
    assert disagreements.keys() == GPSD_KNOWN_DISAGREEMENTS.keys(), disagreements


# --- pyais's own test assertions ----------------------------------------------------------------

PYAIS_NAMES = {"msg_type", "mmsi", "lat", "lon", "speed", "course", "heading", "status", "accuracy"}


def _pyais_check(op: dict[str, Any], mine: Any, name: str) -> bool:
    kind, value = op["op"], op.get("value")
    if kind == "round":
        return bool(round(mine, op["ndigits"]) == value)
    if kind == "truthy":
        return bool(mine)
    if kind == "falsy":
        return not mine
    if kind == "is":
        return mine is value
    assert kind == "eq", op
    if isinstance(value, float) or name in ("lat", "lon", "speed", "course"):
        # pyais rounds positions to 6 places; speed and course are float32 here
        return close(mine, value, 5.1e-7 if name in ("lat", "lon") else 1e-4)
    return bool(mine == value)


def test_agrees_with_pyais_cases(shared: Path) -> None:
    path = shared / "conformance" / "pyais-ais" / "cases.jsonl"
    cases = [json.loads(line) for line in path.read_text().splitlines()]
    single = [case for case in cases if len(case["sentences"]) == 1]
    result = decode_lines("\n".join(case["sentences"][0] for case in single).encode())
    rows = iter(result.positions.to_pylist())
    checked: Counter[str] = Counter()
    handled_idx = []
    for case, handled in zip(single, result.handled, strict=True):
        if not handled:
            continue
        handled_idx.append(case["idx"])
        row = next(rows)
        for name, op in case["fields"].items():
            if name in PYAIS_NAMES:
                assert _pyais_check(op, row[name], name), (case["idx"], name, op, row[name])
                checked[name] += 1
    # Position-type cases left: 4 (checksum 0x67, computed 0x7E), 50 (type 27 in 168 bits),
    # 61 (4-character payload), 88/89 (leading space), 96 (trailing fields).
    assert handled_idx == [
        0, 1, 2, 5, 32, 33, 51, 53, 54, 56, 67, 68, 69, 70, 71, 72, 73, 76, 77, 78, 79, 80, 81,
        90, 91, 92, 94,
    ]  # fmt: skip
    assert sum(checked.values()) == PYAIS_CHECKS, checked


# --- the real AMSA log -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def amsa(shared: Path) -> tuple[bytes, FastResult]:
    data = gzip.decompress((shared / "data/ais/nmea/amsa/ais.txt.gz").read_bytes())
    return data, decode_lines(data)


def _amsa_lines(data: bytes) -> list[bytes]:
    lines = data.split(b"\n")
    return lines[:-1] if lines[-1] == b"" else lines


def test_amsa_handled_lines_match_the_framing_contract(amsa: tuple[bytes, FastResult]) -> None:
    data, result = amsa
    lines = _amsa_lines(data)
    assert result.line_count == len(lines) == AMSA_LINES
    assert result.handled.tolist() == [reference_handled(line) for line in lines]
    assert int(result.handled.sum()) == result.positions.num_rows == AMSA_HANDLED
    handled = [line for line, h in zip(lines, result.handled, strict=True) if h]
    assert not [line for line in handled if not line.startswith(b"!")]  # $BSALR, $PSHI, ...
    assert not [line for line in handled if line.split(b",")[1:3] != [b"1", b"1"]]  # multipart
    assert not [line for line in handled if line.rstrip(b"\r")[-3] != ord("*")]  # trailing fields
    bad_checksum = [
        line
        for line in lines
        if line.startswith(b"!") and b"*" in line
        and checksum(line[1 : line.index(b"*")].decode("latin-1"))
        != int(line[line.index(b"*") + 1 : line.index(b"*") + 3] or b"0", 16)
    ]  # fmt: skip
    assert bad_checksum, "the log holds bad checksums"
    assert not set(bad_checksum) & set(handled)
    table = result.positions
    assert table.column("line").to_pylist() == (np.flatnonzero(result.handled) + 1).tolist()


def _aiscat_sentence(line: str) -> str:
    """aiscat skips own-ship VDO sentences: present the same payload as VDM."""
    if line[3:6] != "VDO":
        return line
    return sentence(line[1 : line.index("*")].replace("VDO", "VDM", 1))


def _aiscat_matches(row: dict[str, Any], decoded: dict[str, Any]) -> list[str]:
    """aiscat (float32 values) omits a field that holds its "not available" code."""
    missing = {
        "lat": row["lat"] == 91, "lon": row["lon"] == 181, "speed": row["flags"] & 4,
        "course": row["flags"] & 16, "heading": row["heading"] == 511,
        "status": row["status"] is None,
    }  # fmt: skip
    wrong = []
    for name in ("mmsi", "lat", "lon", "speed", "course", "heading", "status", "accuracy"):
        if name not in decoded:
            if not missing.get(name):
                wrong.append(name)
        elif isinstance(decoded[name], float):
            if not close(row[name], decoded[name], 3e-5 if name in ("lat", "lon") else 1e-4):
                wrong.append(name)
        elif row[name] != decoded[name]:
            wrong.append(name)
    return wrong


def test_amsa_agrees_with_aiscat(amsa: tuple[bytes, FastResult]) -> None:
    aiscat = pytest.importorskip("aiscat")
    data, result = amsa
    lines = _amsa_lines(data)
    refused: Counter[int] = Counter()
    for row in result.positions.to_pylist():
        line = lines[row["line"] - 1].decode("latin-1").rstrip("\r")
        try:
            decoded = aiscat.decode(_aiscat_sentence(line))
        except ValueError:
            refused[row["mmsi"]] += 1  # AIS-catcher drops MMSI 0 messages
            continue
        assert decoded["type"] == row["msg_type"]
        assert not _aiscat_matches(row, decoded), (line, row, decoded)
    assert set(refused) == {0} and refused[0] == 376


def test_amsa_agrees_with_pyais(amsa: tuple[bytes, FastResult]) -> None:
    import pyais

    data, result = amsa
    lines = _amsa_lines(data)
    for row in result.positions.to_pylist():
        decoded = pyais.decode(lines[row["line"] - 1]).asdict()
        assert decoded["msg_type"] == row["msg_type"]
        assert decoded["mmsi"] == row["mmsi"]
        assert close(row["lat"], decoded["lat"], 5.1e-7) and close(
            row["lon"], decoded["lon"], 5.1e-7
        )
        assert close(row["speed"], decoded["speed"], 1e-4)
        assert close(row["course"], decoded["course"], 1e-4)
        assert row["heading"] == decoded["heading"]
        assert row["status"] == (None if row["msg_type"] == 18 else decoded["status"])
        assert row["accuracy"] == bool(decoded["accuracy"])


def test_amsa_split_between_lines_gives_the_same_rows(amsa: tuple[bytes, FastResult]) -> None:
    data, whole = amsa
    cut = data.index(b"\n", len(data) // 3) + 1
    first = decode_lines(data[:cut])
    second = decode_lines(data[cut:], first_line=1 + first.line_count)
    assert first.line_count + second.line_count == whole.line_count
    assert pa.concat_tables([first.positions, second.positions]).equals(whole.positions)


@pytest.mark.parametrize(("block_bytes", "size"), [(1, 30_000), (100, 30_000), (65_536, None)])
def test_internal_blocks_do_not_change_the_result(
    amsa: tuple[bytes, FastResult],
    monkeypatch: pytest.MonkeyPatch,
    block_bytes: int,
    size: int | None,
) -> None:
    """decode_lines works through the buffer in blocks cut after a newline."""
    data = amsa[0] if size is None else amsa[0][: amsa[0].index(b"\n", size) + 1]
    crlf = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    cases = [data, data[:-1], crlf]  # also without the final "\n"
    references = [decode_lines(buffer) for buffer in cases]
    monkeypatch.setattr(ais_fast, "BLOCK_BYTES", block_bytes)
    for buffer, reference in zip(cases, references, strict=True):
        result = decode_lines(buffer)
        assert result.line_count == reference.line_count
        assert np.array_equal(result.handled, reference.handled)
        assert result.positions.equals(reference.positions)
    assert references[2].positions.equals(references[0].positions)
    assert references[0].handled.sum() > 100


# --- crafted framing edge cases ----------------------------------------------------------------

BODY = BASE[1 : BASE.index("*")]


@pytest.mark.parametrize(
    ("line", "handled"),
    [
        pytest.param(BASE, True, id="gpsd sample"),
        pytest.param(BASE[:-2] + "4B", False, id="bad checksum"),
        pytest.param(BASE[:-2] + "4a", True, id="lowercase hex checksum"),
        pytest.param(BASE[:-2] + "4", False, id="one hex digit"),
        pytest.param(BASE[:-2] + "4G", False, id="non-hex checksum"),
        pytest.param(BASE.replace("*", ""), False, id="no star"),
        pytest.param(sentence(BODY.replace("CQ,0", "C,0")), False, id="27 characters"),
        pytest.param(sentence(BODY.replace("CQ,0", "CQ0,0")), False, id="29 characters"),
        pytest.param(sentence(BODY.replace("Tgt", "TXt")), False, id="armour char X (88)"),
        pytest.param(sentence(BODY.replace("Tgt", "T_t")), False, id="armour char _ (95)"),
        pytest.param(sentence(BODY.replace("Tgt", "Txt")), False, id="armour char x (120)"),
        pytest.param(sentence(BODY[:-1] + "2"), False, id="fill bits 2"),
        pytest.param(BASE.replace(",0*", ",2*"), False, id="fill bits 2, checksum of fill 0"),
        pytest.param(sentence(BODY[:-1]), False, id="no fill bits"),
        pytest.param(BASE + ",1327664821", False, id="trailing receiver time"),
        pytest.param(BASE + " ", False, id="trailing space"),
        pytest.param(BASE + "\r", True, id="CR before LF"),
        pytest.param(BASE + "\r\r", False, id="two CR"),
        pytest.param("\\s:2573345,c:1671533231*0B\\" + BASE, False, id="tag block"),
        pytest.param(" " + BASE, False, id="leading space"),
        pytest.param(sentence(BODY.replace("VDM", "VDO")), True, id="own ship VDO"),
        pytest.param(sentence(BODY.replace("VDM", "VDX")), False, id="VDX"),
        pytest.param(sentence(BODY.replace("AI", "=I", 1)), False, id="talker =I"),
        pytest.param(sentence(BODY.replace("AI", "ai", 1)), False, id="lowercase talker"),
        pytest.param("$" + BASE[1:], False, id="$ start"),
        pytest.param(sentence(BODY.replace(",1,1,", ",2,1,")), False, id="fragment 1 of 2"),
        pytest.param(sentence(BODY.replace(",1,1,", ",1,2,")), False, id="fragment 2 of 1"),
        pytest.param(sentence(BODY.replace(",,A,", ",7,A,")), True, id="sequence id"),
        pytest.param(sentence(BODY.replace(",,A,", ",7,,")), True, id="sequence id, no channel"),
        pytest.param(sentence(BODY.replace(",,A,", ",,,")), True, id="no channel"),
        pytest.param(sentence(BODY.replace(",,A,", ",,2,")), True, id="channel 2"),
        pytest.param(sentence(BODY.replace(",,A,", ",,C,")), False, id="channel C"),
        pytest.param(sentence(BODY.replace(",,A,", ",12,A,")), False, id="two-digit sequence"),
        pytest.param(sentence(BODY.replace(",,A,", ",,AB,")), False, id="two-char channel"),
        pytest.param(sentence(BODY.replace(",,A,", ",A,,")), False, id="letter as sequence id"),
        pytest.param(sentence(BODY.replace(",,A,", ",,A,,")), False, id="extra field"),
        pytest.param(sentence(BODY.replace(",1,1,", ",1,1")), False, id="missing field"),
        pytest.param(TYPE27, True, id="type 27"),
        pytest.param(position(armour((6, 27), (96, 0))), False, id="type 27, 17 chars"),
        pytest.param(position(class_a(msg_type=4)), False, id="type 4, 28 chars"),
        pytest.param(position(class_a(msg_type=5)), False, id="type 5, 28 chars"),
        pytest.param(position(class_a(msg_type=2)), True, id="type 2"),
        pytest.param(position(class_a(msg_type=3)), True, id="type 3"),
        pytest.param(position(class_b()), True, id="type 18"),
        pytest.param(position(class_b())[:-3] + "\n" + "3F", False, id="split line"),
        pytest.param("", False, id="empty line"),
    ],
)
def test_framing(line: str, handled: bool) -> None:
    result = decode_lines((line + "\n").encode("latin-1"))
    assert result.line_count == line.count("\n") + 1
    assert result.handled.tolist()[0] is handled
    assert result.positions.num_rows == int(result.handled.sum())


def test_line_ends() -> None:
    lines = [BASE, "$BSALR,,006,V,V,general failure*62", BASE, TYPE27]
    mixed = "\n".join(lines[:2]) + "\r\n" + "\n".join(lines[2:])
    for text in ["\n".join(lines), "\n".join(lines) + "\n", "\r\n".join(lines) + "\r\n", mixed]:
        result = decode_lines(text.encode())
        assert result.line_count == 4
        assert result.handled.tolist() == [True, False, True, True]
        assert result.positions.column("line").to_pylist() == [1, 3, 4]
    assert decode_lines(b"\n").line_count == 1
    assert decode_lines(b"\n\n" + BASE.encode()).handled.tolist() == [False, False, True]


def test_empty_buffer() -> None:
    result = decode_lines(b"")
    assert result.line_count == 0
    assert result.handled.shape == (0,)
    assert result.positions.schema.equals(POSITIONS)
    assert result.positions.num_rows == 0


# --- fields and flags ----------------------------------------------------------------------------


def test_row_contract_and_gpsd_sample_values() -> None:
    result = decode_lines(f"junk\n{BASE}\n".encode(), first_line=41)
    assert result.positions.schema.equals(POSITIONS)
    (row,) = result.positions.to_pylist()
    assert row == {
        "source_id": None, "line": 42, "mmsi": 371798000, "timestamp": None, "msg_type": 1,
        "station": "vessel", "lat": 29028980 / 600000.0, "lon": -74037230 / 600000.0,
        "speed": pytest.approx(12.3), "course": 224.0, "heading": 215, "status": 0,
        "accuracy": True, "flags": FLAG_NO_TIME,
    }  # fmt: skip
    assert isinstance(result.handled, np.ndarray) and result.handled.dtype == np.bool_


def test_type18_has_no_status_and_type27_no_heading() -> None:
    row18 = decode_one(position(class_b()))
    assert row18 is not None
    assert (row18["msg_type"], row18["status"], row18["heading"]) == (18, None, 511)
    assert row18["flags"] == FLAG_NO_TIME | FLAG_HEADING_NOT_AVAILABLE
    assert (row18["lat"], row18["lon"]) == (24410724 / 600000.0, -44443279 / 600000.0)
    assert (row18["speed"], row18["course"]) == (pytest.approx(0.1), pytest.approx(79.6))
    row27 = decode_one(TYPE27)
    assert row27 is not None
    assert (row27["msg_type"], row27["mmsi"], row27["status"]) == (27, 236091959, 3)
    assert row27["heading"] is None and row27["flags"] == FLAG_NO_TIME
    assert (row27["lat"], row27["lon"]) == (52239 / 600.0, -92521 / 600.0)
    assert (row27["speed"], row27["course"], row27["accuracy"]) == (0.0, 0.0, False)


@pytest.mark.parametrize(
    ("payload", "flags"),
    [
        pytest.param(class_a(lat=91 * 600000), FLAG_POSITION_NOT_AVAILABLE, id="lat 91"),
        pytest.param(class_a(lon=181 * 600000), FLAG_POSITION_NOT_AVAILABLE, id="lon 181"),
        pytest.param(
            class_a(lat=91 * 600000, lon=181 * 600000), FLAG_POSITION_NOT_AVAILABLE, id="91/181"
        ),
        pytest.param(class_a(lat=-91 * 600000), FLAG_POSITION_OUT_OF_RANGE, id="lat -91"),
        pytest.param(class_a(lat=90 * 600000 + 1), FLAG_POSITION_OUT_OF_RANGE, id="lat > 90"),
        pytest.param(class_a(lon=-180 * 600000 - 1), FLAG_POSITION_OUT_OF_RANGE, id="lon < -180"),
        pytest.param(class_a(lat=-90 * 600000, lon=180 * 600000), 0, id="lat -90 lon 180"),
        pytest.param(class_a(speed=1023), FLAG_SPEED_NOT_AVAILABLE, id="speed 102.3"),
        pytest.param(class_a(speed=1022), 0, id="speed 102.2"),
        pytest.param(class_a(course=3600), FLAG_COURSE_NOT_AVAILABLE, id="course 360"),
        pytest.param(class_a(course=3601), 0, id="course 360.1 kept unflagged"),
        pytest.param(class_a(heading=511), FLAG_HEADING_NOT_AVAILABLE, id="heading 511"),
        pytest.param(class_a(mmsi=99999999), FLAG_MMSI_NOT_9_DIGITS, id="mmsi 8 digits"),
        pytest.param(class_a(mmsi=100000000), 0, id="mmsi 100000000"),
        pytest.param(class_a(mmsi=999999999), 0, id="mmsi 999999999"),
        pytest.param(class_a(mmsi=1000000000), FLAG_MMSI_NOT_9_DIGITS, id="mmsi 10 digits"),
        pytest.param(class_b(speed=1023, course=3600, heading=511), 4 | 16 | 8, id="18 n/a"),
        pytest.param(class_b(lat=91 * 600000, heading=0), 1, id="18 lat 91"),
        pytest.param(long_range(lat=91 * 600, lon=181 * 600), 1, id="27 position n/a"),
        pytest.param(long_range(lat=-90 * 600 - 1), FLAG_POSITION_OUT_OF_RANGE, id="27 lat < -90"),
        pytest.param(long_range(speed=63), FLAG_SPEED_NOT_AVAILABLE, id="27 speed 63"),
        pytest.param(long_range(course=511), FLAG_COURSE_NOT_AVAILABLE, id="27 course 511"),
        pytest.param(long_range(course=360), 0, id="27 course 360 is a value"),
        pytest.param(long_range(mmsi=1234567), FLAG_MMSI_NOT_9_DIGITS, id="27 mmsi"),
    ],
)
def test_flags_keep_raw_values(payload: str, flags: int) -> None:
    import pyais

    line = position(payload)
    row = decode_one(line)
    assert row is not None
    assert row["flags"] == flags | FLAG_NO_TIME
    theirs = pyais.decode(line).asdict()  # raw values kept, as pyais reads them
    assert row["mmsi"] == theirs["mmsi"]
    assert close(row["lat"], theirs["lat"], 5.1e-7) and close(row["lon"], theirs["lon"], 5.1e-7)
    assert close(row["speed"], theirs["speed"], 1e-4)
    assert close(row["course"], theirs["course"], 1e-4)


@pytest.mark.parametrize(
    ("payload", "lat", "lon"),
    [
        (class_a(lat=-(1 << 26), lon=-(1 << 27)), -(1 << 26) / 600000.0, -(1 << 27) / 600000.0),
        (class_a(lat=(1 << 26) - 1, lon=(1 << 27) - 1), 111.8481, 223.6962),
        (class_a(lat=-1, lon=-1), -1 / 600000.0, -1 / 600000.0),
        (class_b(lat=-600000, lon=600000), -1.0, 1.0),
        (long_range(lat=-(1 << 16), lon=-(1 << 17)), -(1 << 16) / 600.0, -(1 << 17) / 600.0),
        (long_range(lat=-1, lon=1), -1 / 600.0, 1 / 600.0),
    ],
)
def test_signed_positions(payload: str, lat: float, lon: float) -> None:
    row = decode_one(position(payload))
    assert row is not None
    assert close(row["lat"], lat, 1e-4) and close(row["lon"], lon, 1e-4)


def test_every_status_and_bit_pattern_round_trips() -> None:
    """Field boundaries: all-ones neighbours must not leak into a field."""
    lines = [
        position(class_a(status=s, speed=s * 60, course=s * 240, heading=s * 23)) for s in range(16)
    ]
    lines += [
        position(long_range(status=s, speed=s * 4, course=s * 31, accuracy=s % 2))
        for s in range(16)
    ]
    result = decode_lines("\n".join(lines).encode())
    assert result.handled.all()
    rows = result.positions.to_pylist()
    for s, row in enumerate(rows[:16]):
        assert (row["status"], row["heading"]) == (s, s * 23)
        assert close(row["speed"], s * 6.0, 1e-4) and close(row["course"], s * 24.0, 1e-4)
    for s, row in enumerate(rows[16:]):
        assert (row["status"], row["speed"], row["course"]) == (s, s * 4, s * 31)
        assert row["accuracy"] is bool(s % 2)


def test_mixed_lengths_stay_in_line_order() -> None:
    lines = [TYPE27, BASE, "$X", position(class_b()), TYPE27, BASE.replace("15RT", "15Rt")]
    result = decode_lines("\n".join(lines).encode(), first_line=10)
    assert result.handled.tolist() == [True, True, False, True, True, False]
    table = result.positions
    assert table.column("line").to_pylist() == [10, 11, 13, 14]
    assert table.column("msg_type").to_pylist() == [27, 1, 18, 27]
    assert table.column("heading").to_pylist() == [None, 215, 511, None]
    assert table.column("status").to_pylist() == [3, 0, None, 3]
