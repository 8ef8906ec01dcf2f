"""The compiled fast path (``ais_fast``): gpsd's and pyais's expected decodes, aiscat and pyais
on a real AMSA log, an independent framing predicate, crafted framing and field edge cases, and
the new kinds (base stations, type 5 and 24 text, raw types, other sentences, blank lines), each
checked against the per-line path (``NmeaState``), whose output the fast path must equal
exactly."""

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

# Measured on amsa/ais.txt.gz: 17,952 type 1, 3,305 type 3, 2,622 type 18 lines with a
# two-letter talker, no receive time and channel A/B/1/2/none (the first contract).
AMSA_LINES = 44_687
AMSA_FIRST_CONTRACT = 23_879
AMSA_HANDLED = 44_506  # everything but $PGHP, its matches, bad and multipart lines
GPSD_HANDLED = 1_316  # position rows of 1,870 single-sentence cases
PYAIS_CHECKS = 84  # field assertions of pyais's cases checked on handled sentences
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


def tagged(fields: str, line: str = BASE, stated: str | None = None) -> str:
    """``line`` behind the tag block ``\\fields*hh\\`` (``stated``: another ``hh``)."""
    return f"\\{fields}*{stated or format(checksum(fields), '02X')}\\{line}"


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
    for name in ("lat", "lon"):  # pyais (so the row) rounds degrees to 6 places
        if scaled:
            checks[name] = close(row[name], expected[name], 5.1e-5 if kind == 27 else 5.1e-7)
        else:
            checks[name] = round(row[name] * per_degree) == expected[name]
    checks["accuracy"] = row["accuracy"] == expected["accuracy"]
    if kind in (4, 11):  # base stations: a position only
        return checks
    if kind == 9:  # speed in whole knots, course 0.1 degree
        checks["speed"] = row["speed"] == expected["speed"]
        checks["course"] = close(row["course"], expected["course"] / (1 if scaled else 10), 1e-4)
        return checks
    for name in ("speed", "course"):
        if scaled:
            checks[name] = close(row[name], expected[name], 1e-4)
        else:
            checks[name] = round(row[name] * per_unit) == expected[name]
    # gpsd omits heading for type 27 and status for type 18: the row holds null there.
    checks["heading"] = row["heading"] == expected.get("heading")
    checks["status"] = row["status"] == expected.get("status")
    return checks


def test_agrees_with_gpsd(shared: Path) -> None:
    cases = _gpsd_single_cases(shared)
    result = decode_lines("\n".join(case["sentences"][0] for case in cases).encode())
    assert result.line_count == len(cases)
    rows = {row["line"]: row for row in result.positions.to_pylist()}
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    disagreements: dict[tuple[int, str], str] = {}
    for line, (case, handled) in enumerate(zip(cases, result.handled, strict=True), 1):
        kind = (case["expected"] or {}).get("type")
        if not handled:
            if kind in (1, 2, 3, 18, 27):
                assert case["idx"] in GPSD_NOT_HANDLED, case["sentences"][0]
            continue
        if line not in rows:  # a static or raw message
            continue
        assert kind is not None, f"handled a sentence gpsd rejects: {case['sentences'][0]}"
        row = rows[line]
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
    rows = {row["line"]: row for row in result.positions.to_pylist()}
    checked: Counter[str] = Counter()
    handled_idx = []
    for line, case in enumerate(single, 1):
        if line not in rows:
            continue
        handled_idx.append(case["idx"])
        row = rows[line]
        for name, op in case["fields"].items():
            if name in PYAIS_NAMES:
                assert _pyais_check(op, row[name], name), (case["idx"], name, op, row[name])
                checked[name] += 1
    # Position-type cases left: 4 (checksum 0x67, computed 0x7E), 50 (type 27 in 168 bits),
    # 61 (4-character payload), 88/89 (leading space), 96 (trailing fields that are no time).
    assert handled_idx == [
        0, 1, 2, 5, 6, 7, 16, 19, 32, 33, 34, 51, 53, 54, 56, 67, 68, 69, 70, 71, 72, 73, 74,
        75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 90, 91, 92, 94,
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
    first = np.array([reference_handled(line) for line in lines])
    assert sum(first) == AMSA_FIRST_CONTRACT
    # The first contract's lines are all still handled, but 8 that a nearby $PGHP may date.
    assert int((result.handled[first] == 0).sum()) == 8
    assert int(result.handled.sum()) == AMSA_HANDLED
    handled = [line for line, h in zip(lines, result.handled, strict=True) if h]
    assert not [line for line in handled if line[1:5] == b"PGHP"]
    vdm = [line for line in handled if line[3:6] in (b"VDM", b"VDO")]
    assert not [line for line in vdm if line.split(b",")[1:3] != [b"1", b"1"]]  # multipart
    assert result.messages == len(vdm)
    assert result.positions.num_rows + result.statics.num_rows + result.raw.num_rows == len(vdm)
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
    assert table.column("line").to_pylist() == sorted(table.column("line").to_pylist())


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
        if row["msg_type"] not in (1, 2, 3, 18, 27) or row["timestamp"] is not None:
            continue
        line = lines[row["line"] - 1].decode("latin-1").rstrip("\r")
        if line[1:3] == "=I":
            continue  # aiscat takes two-letter talkers only
        try:
            decoded = aiscat.decode(line)  # VDO (own ship) too: aiscat decodes it as VDM
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
        if row["msg_type"] not in (1, 2, 3, 18, 27):
            continue
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


@pytest.mark.parametrize("size", [30_000, None])
def test_line_endings_do_not_change_the_result(
    amsa: tuple[bytes, FastResult], size: int | None
) -> None:
    """CRLF line endings and a last line without "\\n" give the same rows."""
    data = amsa[0] if size is None else amsa[0][: amsa[0].index(b"\n", size) + 1]
    crlf = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    reference, *others = [decode_lines(buffer) for buffer in (data, data[:-1], crlf)]
    for result in others:
        assert result.line_count == reference.line_count
        assert np.array_equal(result.handled, reference.handled)
        for name in ("positions", "statics", "raw"):  # statics and raw: in no fixed order
            mine, theirs = getattr(result, name), getattr(reference, name)
            assert mine.sort_by("line").equals(theirs.sort_by("line")), name
        assert (result.ignored, result.message_types) == (
            reference.ignored,
            reference.message_types,
        )
    assert reference.handled.sum() > 100


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
        pytest.param(BASE + ",1327664821", True, id="trailing receiver time"),
        pytest.param(BASE + " ", False, id="trailing space"),
        pytest.param(BASE + "\r", True, id="CR before LF"),
        pytest.param(BASE + "\r\r", False, id="two CR"),
        pytest.param("\\s:2573345,c:1671533231*0B\\" + BASE, True, id="tag block"),
        pytest.param(tagged("s:2573345,c:1671533231", stated="00"), True, id="tag *00"),
        pytest.param(tagged("c:1671533231", stated="0"), True, id="tag *h: a mismatch"),
        pytest.param("\\c:1671533231\\" + BASE, True, id="tag block without *hh"),
        pytest.param(tagged("c:1", "") + tagged("s:x"), True, id="two tag blocks"),
        pytest.param("\\\\" + BASE, True, id="empty tag block"),
        pytest.param(tagged("g:1-2-73,c:1671533231"), True, id="tag g: on a single fragment"),
        pytest.param("\\c:1671533231*0B" + BASE, False, id="tag block not terminated"),
        pytest.param(tagged("c:1671533231.5"), False, id="tag c: with a fraction"),
        pytest.param(tagged("c:+1671533231"), False, id="tag c: with a sign"),
        pytest.param(tagged("c: 1671533231"), False, id="tag c: with a space"),
        pytest.param(tagged("c:1_671_533_231"), False, id="tag c: with underscores"),
        pytest.param(tagged("c:1" + "0" * 16), False, id="tag c: of 17 digits"),
        pytest.param(tagged("s:PGHP,c:1"), False, id="tag block holding PGHP"),
        pytest.param(tagged("s:" + "x" * 600), False, id="tag block over MAX_TAGS"),
        pytest.param(tagged("c:1", " " + BASE), False, id="tag block, space"),
        pytest.param(tagged("c:1", "x" + BASE), False, id="tag block, prefix"),
        pytest.param(tagged("c:1", ""), False, id="tag block alone"),
        pytest.param(tagged("c:1", TYPE27), True, id="tag block, type 27"),
        pytest.param(tagged("c:1", BASE + ",1327664821"), True, id="tag block, receive time"),
        pytest.param(
            tagged("c:1", sentence(BODY.replace(",1,1,", ",2,1,"))), False, id="tag, fragment"
        ),
        pytest.param(" " + BASE, False, id="leading space"),
        pytest.param(sentence(BODY.replace("VDM", "VDO")), True, id="own ship VDO"),
        pytest.param(sentence(BODY.replace("VDM", "VDX")), True, id="VDX: ignored as !AIVDX"),
        pytest.param(sentence(BODY.replace("AI", "=I", 1)), True, id="talker =I"),
        pytest.param(sentence(BODY.replace("AI", "ai", 1)), True, id="lowercase talker"),
        pytest.param("$" + BASE[1:], True, id="$ start"),
        pytest.param(sentence(BODY.replace(",1,1,", ",2,1,")), False, id="fragment 1 of 2"),
        pytest.param(sentence(BODY.replace(",1,1,", ",1,2,")), False, id="fragment 2 of 1"),
        pytest.param(sentence(BODY.replace(",,A,", ",7,A,")), True, id="sequence id"),
        pytest.param(sentence(BODY.replace(",,A,", ",7,,")), True, id="sequence id, no channel"),
        pytest.param(sentence(BODY.replace(",,A,", ",,,")), True, id="no channel"),
        pytest.param(sentence(BODY.replace(",,A,", ",,2,")), True, id="channel 2"),
        pytest.param(sentence(BODY.replace(",,A,", ",,C,")), True, id="channel C"),
        pytest.param(sentence(BODY.replace(",,A,", ",12,A,")), False, id="two-digit sequence"),
        pytest.param(sentence(BODY.replace(",,A,", ",,AB,")), False, id="two-char channel"),
        pytest.param(sentence(BODY.replace(",,A,", ",A,,")), True, id="letter as sequence id"),
        pytest.param(sentence(BODY.replace(",,A,", ",,A,,")), False, id="extra field"),
        pytest.param(sentence(BODY.replace(",1,1,", ",1,1")), False, id="missing field"),
        pytest.param(TYPE27, True, id="type 27"),
        pytest.param(position(armour((6, 27), (96, 0))), False, id="type 27, 17 chars"),
        pytest.param(position(class_a(msg_type=4)), True, id="type 4, 28 chars"),
        pytest.param(position(class_a(msg_type=5)), False, id="type 5, 28 chars"),
        pytest.param(position(class_a(msg_type=2)), True, id="type 2"),
        pytest.param(position(class_a(msg_type=3)), True, id="type 3"),
        pytest.param(position(class_b()), True, id="type 18"),
        pytest.param(position(class_b())[:-3] + "\n" + "3F", False, id="split line"),
        pytest.param("", True, id="empty line"),
    ],
)
def test_framing(line: str, handled: bool) -> None:
    result = decode_lines((line + "\n").encode("latin-1"))
    assert result.line_count == line.count("\n") + 1
    assert result.handled.tolist()[0] is handled
    rows = result.positions.num_rows + result.statics.num_rows + result.raw.num_rows
    assert rows + sum(result.ignored.values()) == int(result.handled.sum())


def test_line_ends() -> None:
    lines = [BASE, "$BSALR,,006,V,V,general failure*62", BASE, TYPE27]
    mixed = "\n".join(lines[:2]) + "\r\n" + "\n".join(lines[2:])
    for text in ["\n".join(lines), "\n".join(lines) + "\n", "\r\n".join(lines) + "\r\n", mixed]:
        result = decode_lines(text.encode())
        assert result.line_count == 4
        assert result.handled.tolist() == [True, True, True, True]
        assert result.ignored == {"$BSALR": 1}
        assert result.positions.column("line").to_pylist() == [1, 3, 4]
    assert decode_lines(b"\n").line_count == 1
    blank = decode_lines(b"\n\n" + BASE.encode())
    assert blank.handled.tolist() == [True, True, True]
    assert blank.ignored == {"blank": 2}


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
        "station": "vessel", "lat": round(29028980 / 600000.0, 6),
        "lon": round(-74037230 / 600000.0, 6),
        "speed": pytest.approx(12.3), "course": 224.0, "heading": 215, "status": 0,
        "accuracy": True, "flags": FLAG_NO_TIME,
    }  # fmt: skip
    assert isinstance(result.handled, np.ndarray) and result.handled.dtype == np.bool_


def test_type18_has_no_status_and_type27_no_heading() -> None:
    row18 = decode_one(position(class_b()))
    assert row18 is not None
    assert (row18["msg_type"], row18["status"], row18["heading"]) == (18, None, 511)
    assert row18["flags"] == FLAG_NO_TIME | FLAG_HEADING_NOT_AVAILABLE
    assert (row18["lat"], row18["lon"]) == (40.68454, -74.072132)  # pyais: 6 places
    assert (row18["speed"], row18["course"]) == (pytest.approx(0.1), pytest.approx(79.6))
    row27 = decode_one(TYPE27)
    assert row27 is not None
    assert (row27["msg_type"], row27["mmsi"], row27["status"]) == (27, 236091959, 3)
    assert row27["heading"] is None and row27["flags"] == FLAG_NO_TIME
    assert (row27["lat"], row27["lon"]) == (round(52239 / 600, 6), round(-92521 / 600, 6))
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


# --- the kinds beyond position reports: equal to the per-line path ---------------------------


def slow_rows(lines: list[str]) -> dict[str, pa.Table]:
    """The per-line path's tables (and quarantine) for the same lines."""
    from sanctionwatch.sources.ais_nmea import NmeaState

    state = NmeaState()
    state.process([line.encode("latin-1") for line in lines], 1)
    state.finish()
    batch = state.take_batch()
    return {"positions": batch.positions, "statics": batch.statics, "raw": batch.raw}


def agree(lines: list[str]) -> FastResult:
    """decode_lines on ``lines``; every row it makes equals the per-line path's row."""
    result = decode_lines("\n".join(lines).encode("latin-1"))
    slow = slow_rows(lines)
    handled = set((np.flatnonzero(result.handled) + 1).tolist())
    for name, table in slow.items():
        expected = [row for row in table.to_pylist() if row["line"] in handled]
        assert getattr(result, name).sort_by("line").to_pylist() == expected, name
    return result


def text(value: str, chars: int) -> tuple[int, int]:
    """A 6-bit text field: "@" (0) to "_" (31), " " (32) to "?" (63)."""
    codes = [ord(c) - 64 if ord(c) >= 64 else ord(c) for c in value.ljust(chars, "@")]
    return 6 * chars, int("".join(format(c, "06b") for c in codes), 2)


def voyage(
    name: str, *, callsign: str = "3FOF8", destination: str = "NEW YORK", imo: int = 9134270
) -> str:
    """Type 5 (424 bits + 2 fill bits = 71 characters)."""
    return armour(
        (6, 5), (2, 0), (30, 351759000), (2, 0), (30, imo), text(callsign, 7), text(name, 20),
        (8, 70), (9, 225), (9, 70), (6, 1), (6, 31), (4, 1), (4, 5), (5, 15), (5, 14),
        (6, 0), (8, 122), text(destination, 20), (1, 0), (1, 0), (2, 0),
    )  # fmt: skip


def fill2(payload: str) -> str:
    return sentence(f"AIVDM,1,1,,A,{payload},2")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("EVER DIADEM", "EVER DIADEM"),  # "@" padding stripped
        ("@" * 20, None),  # all padding: null
        (" " * 20, None),
        ("  LEADING SPACES", "LEADING SPACES"),
        ("A@B", "A@B"),  # an inner "@" stays
        ("TRAILING @ @", "TRAILING"),
        ("X" * 20, "X" * 20),
    ],
)
def test_type5_text_as_the_slow_path(name: str, expected: str | None) -> None:
    result = agree([fill2(voyage(name))])
    assert result.handled.all()
    [row] = result.statics.to_pylist()
    assert row["name"] == expected
    assert (row["callsign"], row["destination"], row["imo"]) == ("3FOF8", "NEW YORK", 9134270)
    assert row["draught"] == pytest.approx(12.2) and row["shiptype"] == 70
    assert (row["to_bow"], row["to_stern"], row["to_port"], row["to_starboard"]) == (225, 70, 1, 31)


@pytest.mark.parametrize(
    ("imo", "flagged"), [(9134270, False), (9134271, True), (0, False), (123456, True)]
)
def test_type5_imo(imo: int, flagged: bool) -> None:
    from sanctionwatch.sources.ais_records import FLAG_IMO_INVALID

    [row] = agree([fill2(voyage("SHIP", imo=imo))]).statics.to_pylist()
    assert row["imo"] == (imo or None)
    assert bool(row["flags"] & FLAG_IMO_INVALID) is flagged


def test_type5_of_other_lengths_stays_with_the_slow_path() -> None:
    short = voyage("SHIP")[:70]  # 420 bits: the slow path decodes it (gpsd's minimum)
    result = agree([sentence(f"AIVDM,1,1,,A,{short},0"), fill2(voyage("SHIP")[:60])])
    assert result.handled.tolist() == [False, False]


def test_base_station_sar_and_type24() -> None:
    base = armour(
        (6, 4), (2, 0), (30, 3669702), (14, 2007), (4, 5), (5, 14), (5, 19), (6, 57), (6, 39),
        (1, 1), (28, -76 * 600000), (27, 36 * 600000), (4, 7), (10, 0), (1, 0), (19, 67039),
    )  # fmt: skip
    sar = armour(
        (6, 9), (2, 0), (30, 111232511), (12, 303), (10, 1023), (1, 0), (28, 181 * 600000),
        (27, 91 * 600000), (12, 3600), (6, 15), (8, 0), (1, 0), (3, 0), (1, 0), (1, 0), (20, 0),
    )  # fmt: skip
    part_a = armour((6, 24), (2, 0), (30, 271041815), (2, 0), text("PROGUY", 20), (2, 0))

    def part_b_of(mmsi: int) -> str:
        return armour(
            (6, 24), (2, 0), (30, mmsi), (2, 1), (8, 60), (18, 0), (4, 0), (20, 0),
            text("TC6163", 7), (9, 0), (9, 15), (6, 0), (6, 5), (6, 0),
        )  # fmt: skip

    part_b, auxiliary = part_b_of(271041815), part_b_of(981234567)
    part_c = armour((6, 24), (2, 0), (30, 271041815), (2, 2), (128, 0))
    lines = [position(base), position(base.replace("4", ";", 1)), position(sar)]
    lines += [fill2(part_a), position(part_b), position(auxiliary), position(part_c)]
    result = agree(lines)
    assert result.handled.tolist() == [True] * 6 + [False]  # part 2: undecodable
    stations = [(r["msg_type"], r["station"]) for r in result.positions.to_pylist()]
    assert stations == [(4, "base_station"), (11, "base_station"), (9, "sar_aircraft")]
    names = [(r["msg_type"], r["name"], r["callsign"]) for r in result.statics.to_pylist()]
    assert names[:2] == [(24, "PROGUY", None), (24, None, "TC6163")]
    assert result.message_types == {4: 1, 11: 1, 9: 1, 24: 3}


def test_raw_types_keep_payload_and_fill() -> None:
    lines = [
        "!AIVDM,1,1,,A,H52KsnQ8DDj1Lu9@PhE=>222220,2*30",  # type 24 part 1 of the AMSA log
        "!AIVDM,1,1,,B,6B?n;be:cbapalgc;i6?Ow4,2*4A",  # type 6
        "!AIVDM,1,1,,A,85Mv070j2d>=<e<<=PQhhg`59P00,0*26",  # type 8
        "!AIVDM,1,1,,A,E>k`sUoJK@@@@@@@@@@@@@@@@@@MAjD@>G1F@20@000,4*68",  # type 21, fill 4
        "!AIVDM,1,1,,B,Dh3Ovk1UAN>4,0*0A",  # type 20, 72 bits
        sentence("AIVDM,1,1,,A,8000000,5"),  # 37 bits: undecodable
        sentence("AIVDM,1,1,,A,0000000000000000000000000000,0"),  # type 0: undecodable
    ]
    lines = [sentence(line[1 : line.index("*")]) for line in lines]
    result = agree(lines)
    assert result.handled.tolist() == [True] * 5 + [False, False]
    raw = result.raw.sort_by("line").to_pylist()
    assert [r["msg_type"] for r in raw] == [6, 8, 21, 20]
    assert raw[2]["payload"] == "E>k`sUoJK@@@@@@@@@@@@@@@@@@MAjD@>G1F@20@000"
    assert raw[2]["fill_bits"] == 4


@pytest.mark.parametrize(
    ("line", "handled", "kind"),
    [
        ("$BSALR,,006,V,V,general failure*62", True, "$BSALR"),
        ("!AIPWR,1,2,3*00", None, "!AIPWR"),  # checksum filled in below
        ("$GPZDA,114702.51,27,01,2012,,*66", True, "$GPZDA"),
        ("$BSALR,,006,V,V,general failure*63", False, None),  # bad checksum: quarantined
        ("$BSALR,,006,V,V,general failure*6", False, None),  # one hex digit
        ("$BSALR,,006,V,V,general failure", False, None),  # no checksum
        ("$bsALR,,006*00", False, None),  # lower-case address
        ("$AB,1*00", False, None),  # two-letter address
        ("$ABCDEFGHIJK,1*00", False, None),  # eleven letters
        ("$AIVDM*00", False, None),  # an AIS sentence with broken fields
        ("$PGHP,1,2012,1,27,9,58,26,36,316,2,316000002,1AIS_S,0F*32", False, None),
        (" $GPZDA,114702.51,27,01,2012,,*66", False, None),  # leading space: slow path
        ("", True, "blank"),
        ("# a comment", True, "comment"),
    ],
)
def test_other_sentences_are_ignored_as_the_slow_path_does(
    line: str, handled: bool | None, kind: str | None
) -> None:
    if handled is None or line.endswith("*00"):
        line = line[: line.rindex("*")] + f"*{checksum(line[1 : line.rindex('*')]):02X}"
        handled = handled if handled is not None else True
    result = decode_lines((line + "\n").encode())
    from sanctionwatch.sources.ais_nmea import NmeaState

    state = NmeaState()
    state.process([line.encode()], 1)
    if result.handled[0]:
        assert dict(result.ignored) == dict(state.account.ignored) == {kind: 1}
        assert result.sentences == (kind not in ("blank", "comment"))
    assert bool(result.handled[0]) is handled


def test_talkers_the_slow_path_accepts() -> None:
    lines = [sentence(BODY.replace("AI", talker, 1)) for talker in ("=I", "ai", "A ", "1_")]
    lines += [sentence(BODY.replace("AI", talker, 1)) for talker in ("A,", "A*", "A!", "A$")]
    result = agree(lines)
    assert result.handled.tolist() == [True] * 4 + [False] * 4


def test_receive_times_after_the_checksum() -> None:
    lines = [BASE + ",1327664821", BASE + ",1327992119173", BASE + ",0327664821", BASE + ",13"]
    result = agree(lines)
    assert result.handled.tolist() == [True, True, False, False]
    stamps = [r["timestamp"].timestamp() for r in result.positions.to_pylist()]
    assert stamps == [1327664821.0, 1327992119.173]
    assert not any(r["flags"] & FLAG_NO_TIME for r in result.positions.to_pylist())


def test_lines_near_a_pghp_naming_their_checksum_stay_slow() -> None:
    cs = BASE[-2:]
    pghp = f"PGHP,1,2012,1,31,5,7,2,151,316,2,316000002,1AIS_S,{cs}"
    pghp = f"${pghp}*{checksum(pghp):02X}"
    other = sentence(BODY.replace(",,A,", ",,B,"))  # another checksum
    lines = [BASE, other, pghp, *[other] * 49, BASE, BASE, other]
    result = decode_lines("\n".join(lines).encode())
    assert result.handled.tolist() == [False, True, False, *[True] * 49, False, True, True]
    assert decode_lines("\n".join(lines).encode(), pghp_window=60).pghp == [(3, int(cs, 16))]
    held = decode_lines("\n".join([other] * 60).encode(), hold_tail=True, pghp_window=10)
    assert held.handled.tolist() == [True] * 50 + [False] * 10


# --- tag blocks --------------------------------------------------------------------------------


def test_tag_block_times_as_the_slow_path_reads_them() -> None:
    """``c:`` in seconds or ms (above 1e11), leading zeros, the last ``c:`` winning, one
    that gives no time (0, empty: then the receive time), over a receive time."""
    lines = [
        tagged("s:SIMULATED,c:1709251202"),
        tagged("c:1709251202123"),
        tagged("c:100000000000"),  # 1e11: still seconds
        tagged("c:100000000001"),  # above: ms
        tagged("c:0001709251202"),
        tagged("c:1,s:x,c:1709251203"),
        tagged("c:1709251203", "") + "\\c:1709251204\\" + BASE,
        tagged("c:1709251202", BASE + ",1327664821"),
        tagged("c:0", BASE + ",1327664821"),
        tagged("c:", BASE + ",1327664821"),
        tagged("c:1709251202,c:", BASE),
        tagged("s:x,t:1709251299"),
    ]
    result = agree(lines)
    assert result.handled.all()
    stamps = [r["timestamp"] for r in result.positions.to_pylist()]
    seconds = [None if t is None else t.timestamp() for t in stamps]
    assert seconds == [
        1709251202.0, 1709251202.123, 1e11, 100000000.001, 1709251202.0, 1709251203.0,
        1709251204.0, 1709251202.0, 1327664821.0, 1327664821.0, None, None,
    ]  # fmt: skip
    flags = [r["flags"] & FLAG_NO_TIME for r in result.positions.to_pylist()]
    assert flags == [0] * 10 + [FLAG_NO_TIME] * 2


def test_tag_checksum_mismatches_count_unless_strict() -> None:
    lines = [
        tagged("c:1709251202", stated="00"),
        tagged("c:1709251202"),
        tagged("c:1", stated="zz"),
    ]
    data = "\n".join(lines).encode()
    lenient = decode_lines(data)
    assert lenient.handled.tolist() == [True, True, True]
    assert lenient.tag_checksum_mismatches == 2
    strict = decode_lines(data, strict_tag_checksums=True)
    assert strict.handled.tolist() == [False, True, False]
    assert strict.tag_checksum_mismatches == 0
    # Only lines handled count: the slow path counts the others itself.
    broken = decode_lines(tagged("c:1", BASE[:-1] + "0", stated="00").encode())
    assert broken.handled.tolist() == [False]
    assert broken.tag_checksum_mismatches == 0


def test_other_sentences_behind_a_tag_block_are_ignored() -> None:
    line = tagged("c:1709251202", "$BSALR,,006,V,V,general failure*62")
    result = decode_lines(line.encode())
    assert result.handled.tolist() == [True]
    assert result.ignored == {"$BSALR": 1}
    assert result.sentences == 1


def test_a_pghp_dates_no_sentence_with_a_tag_time() -> None:
    """The slow path takes ``c:`` before a ``$PGHP`` naming the sentence's checksum: such a
    sentence stays fast; one whose tag block gives no time stays with the slow path."""
    cs = BASE[-2:]
    pghp = f"PGHP,1,2012,1,31,5,7,2,151,316,2,316000002,1AIS_S,{cs}"
    pghp = f"${pghp}*{checksum(pghp):02X}"
    lines = [tagged("c:1709251202"), tagged("s:x"), pghp, BASE, tagged("c:1709251203")]
    result = decode_lines("\n".join(lines).encode())
    assert result.handled.tolist() == [True, False, False, False, True]
    stamps = [r["timestamp"].timestamp() for r in result.positions.to_pylist()]
    assert stamps == [1709251202.0, 1709251203.0]
    held = decode_lines("\n".join([tagged("c:1")] * 60).encode(), hold_tail=True, pghp_window=10)
    assert held.handled.tolist() == [True] * 50 + [False] * 10  # the tail waits all the same
