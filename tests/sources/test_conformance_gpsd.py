"""Conformance with gpsd: our gpsd JSON (pyais decode + ``ais_gpsd``) against gpsd's outputs.

Every case of ``shared/conformance/gpsd-ais/cases.jsonl`` is decoded with pyais, mapped with
``gpsd_json`` (type 24 halves through ``Type24Merger``) and compared field by field with what
gpsd printed. Floats are compared to half a unit of the last decimal gpsd prints. The remaining
disagreements are listed below with their reason; the test fails on an unlisted one and on a
listed one that went away. ``pytest -s`` prints the per-field agreement table.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyais
import pytest
from pyais import AISSentence
from pyais.decode import decode_nmea_and_ais

from sanctionwatch.sources.ais_gpsd import (
    Type24Merger,
    gpsd_json,
    sentence_bitlen,
    shiptype_text,
    status_text,
    turn_index,
    turn_scaled,
)

Obj = dict[str, Any]
THRESHOLD = 0.995
CORE = (
    "type",
    "mmsi",
    "lat",
    "lon",
    "speed",
    "course",
    "heading",
    "status",
    "shipname",
    "callsign",
    "imo",
    "shiptype",
    "draught",
    "destination",
)
ENVELOPE = frozenset(("class", "device", "scaled"))  # constants, checked by the key-order test

_TURN = "pyais rounds the rate of turn to whole degrees/min; raw ROT index {} is not recoverable"
_SHIPTYPE = "pyais's ShipType enum folds code {} (no member) into {}"
_LEADING = "pyais strips the leading blank gpsd keeps in {!r}"
_EXT_BLANK = "pyais strips the blank that starts the type 21 name extension ('LB 6')"
_INLAND_424 = (
    "a 424-bit 8/200/10: gpsd falls back to raw data for a length other than 168 bits; pyais "
    "decodes the inland fields and its dict keeps no raw bits to print"
)
_EPFD = "pyais's EpfdType enum maps reserved code 14 to Undefined (0)"

# (case idx, field) -> reason; "unscaled:" prefixes a field of expected_unscaled.
KNOWN: dict[tuple[int, str], str] = {
    (21, "data"): _INLAND_424,
    (21, "unscaled:data"): _INLAND_424,
    (74, "epfd"): _EPFD,
    (74, "epfd_text"): _EPFD,
    (74, "unscaled:epfd"): _EPFD,
    (74, "unscaled:epfd_text"): _EPFD,
    **{
        (idx, "turn"): _TURN.format(raw)
        for idx, raw in (
            (525, -6),
            (675, -2),
            (813, 4),
            (963, -4),
            (1051, -2),
            (1147, -4),
            (1499, -1),
            (1513, -1),
            (1893, 2),
            (1922, 2),
            (1938, 2),
            (1955, 2),
            (1963, 1),
            (2060, 2),
            (2067, 1),
        )
    },
    **{(idx, "shiptype"): _SHIPTYPE.format(9, 0) for idx in (384, 882, 886, 1627)},
    **{(idx, "shiptype_text"): _SHIPTYPE.format(9, 0) for idx in (384, 882, 886, 1627)},
    **{(idx, "shiptype"): _SHIPTYPE.format(38, 0) for idx in (440, 1976)},
    **{(idx, "shiptype_text"): _SHIPTYPE.format(38, 0) for idx in (440, 1976)},
    (563, "shiptype"): _SHIPTYPE.format(66, 65),
    (1620, "shiptype"): _SHIPTYPE.format(77, 75),
    (896, "shipname"): _LEADING.format(" TINA"),
    (1626, "callsign"): _LEADING.format(" PD8288"),
    (1979, "name"): _EXT_BLANK,
    (1983, "name"): _EXT_BLANK,
}

# case idx -> why our key order differs from gpsd's
KNOWN_ORDER = {21: _INLAND_424}


# --- running the cases -------------------------------------------------------------------


@dataclass
class Case:
    idx: int
    source: str
    sentences: list[str]
    expected: Obj | None
    expected_unscaled: Obj | None
    scaled: bool

    @property
    def device(self) -> str:
        # gpsdecode on a file says "stdin"; the daemon logs were replayed without a device
        return "stdin" if self.source == "test/sample.aivdm" else ""


@cache
def _load(path: Path) -> tuple[Case, ...]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        cases.append(
            Case(
                raw["idx"],
                raw["source"],
                raw["sentences"],
                raw["expected"],
                raw.get("expected_unscaled"),
                raw["scaled"],
            )
        )
    return tuple(cases)


@pytest.fixture(scope="module")
def cases(shared: Path) -> tuple[Case, ...]:
    return _load(shared / "conformance" / "gpsd-ais" / "cases.jsonl")


def _nmea_fields(sentence: str) -> list[str]:
    return sentence[sentence.index("!") :].split(",")


def messages(sentences: list[str]) -> Iterator[list[str]]:
    """Group NMEA fragments into messages (a part B after a part A is a second message)."""
    group: list[str] = []
    for sentence in sentences:
        parts = _nmea_fields(sentence)
        group.append(sentence)
        if parts[1] == parts[2]:  # last fragment
            yield group
            group = []
    if group:
        yield group


def decode(group: list[str]) -> tuple[AISSentence, Obj] | None:
    """pyais's sentence and decoded dict for one message; None where pyais refuses it."""
    try:
        nmea, msg = decode_nmea_and_ais(*group)
    except pyais.exceptions.AISBaseException:
        return None
    assert isinstance(nmea, AISSentence)
    return nmea, msg.asdict()


def gpsd_objects(sentences: list[str], scaled: bool, device: str) -> list[Obj]:
    """What our pipeline prints for these sentences (pyais failures print nothing)."""
    merger, out = Type24Merger(), []
    for group in messages(sentences):
        decoded = decode(group)
        if decoded is None:
            continue
        nmea, values = decoded
        obj = gpsd_json(values, scaled=scaled, device=device, bitlen=sentence_bitlen(*group))
        out += merger.feed(obj, channel=nmea.channel)
    return out


# --- comparing ---------------------------------------------------------------------------

_POSITION_DECIMALS = {17: 1, 27: 4}


def printed_decimals(obj: Obj, name: str) -> int:
    """Decimals gpsd prints for a float field (from its regression outputs)."""
    if name in ("lat", "lon"):
        if obj.get("dac") is not None:  # application payloads: 1/1000 minute
            return 6
        return _POSITION_DECIMALS.get(obj["type"], 7)
    return 2 if name.startswith("ana_") else 1


def _text(value: str) -> str:
    return value.rstrip("@ ")


def same(actual: Any, expected: Any, obj: Obj, name: str) -> bool:
    """Equal as gpsd would print them: same JSON type; floats to the printed decimals."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(expected, float):
        tolerance = 0.5 * 10.0 ** -printed_decimals(obj, name) + 1e-9
        return isinstance(actual, float) and math.isclose(actual, expected, abs_tol=tolerance)
    if isinstance(expected, str):
        return isinstance(actual, str) and _text(actual) == _text(expected)
    if isinstance(expected, list):  # tidal windows: a list of objects
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(_same_items(a, e, obj) for a, e in zip(actual, expected, strict=True))
        )
    return type(actual) is type(expected) and actual == expected


def _same_items(actual: Any, expected: Obj, obj: Obj) -> bool:
    return isinstance(actual, dict) and all(
        same(actual.get(k, "<missing>"), v, obj, k) for k, v in expected.items()
    )


@dataclass
class Report:
    compared: Counter[str] = field(default_factory=Counter)
    matched: Counter[str] = field(default_factory=Counter)
    disagreements: dict[tuple[int, str], str] = field(default_factory=dict)
    order: dict[int, tuple[list[str], list[str]]] = field(default_factory=dict)
    null_cases: int = 0
    null_printed: dict[int, list[Obj]] = field(default_factory=dict)

    @property
    def agreement(self) -> float:
        return sum(self.matched.values()) / sum(self.compared.values())


def _compare(report: Report, case: Case, expected: Obj, scaled: bool, prefix: str) -> None:
    printed = gpsd_objects(case.sentences, scaled, case.device)
    actual = printed[0] if len(printed) == 1 else {}
    if list(actual) != list(expected):
        report.order[case.idx] = (list(actual), list(expected))
    for name, value in expected.items():
        if name in ENVELOPE:
            continue
        report.compared[name] += 1
        got = actual.get(name, "<missing>")
        if same(got, value, expected, name):
            report.matched[name] += 1
        else:
            report.disagreements[(case.idx, prefix + name)] = f"{got!r} != {value!r}"


@pytest.fixture(scope="module")
def report(cases: tuple[Case, ...]) -> Report:
    report = Report()
    for case in cases:
        if case.expected is None:
            report.null_cases += 1
            printed = gpsd_objects(case.sentences, case.scaled, case.device)
            if printed:
                report.null_printed[case.idx] = printed
            continue
        _compare(report, case, case.expected, case.scaled, "")
        if case.expected_unscaled is not None:
            _compare(report, case, case.expected_unscaled, False, "unscaled:")
    return report


def _print_table(report: Report) -> None:
    print(f"\n{'field':<18}{'agree':>8}{'of':>8}{'%':>9}")
    for name in sorted(report.compared):
        n, ok = report.compared[name], report.matched[name]
        print(f"{name:<18}{ok:>8}{n:>8}{100.0 * ok / n:>9.2f}")
    core_n = sum(report.compared[n] for n in CORE)
    core_ok = sum(report.matched[n] for n in CORE)
    print(f"{'CORE FIELDS':<18}{core_ok:>8}{core_n:>8}{100.0 * core_ok / core_n:>9.3f}")
    total, ok = sum(report.compared.values()), sum(report.matched.values())
    print(f"{'ALL':<18}{ok:>8}{total:>8}{100.0 * report.agreement:>9.3f}")
    print(f"no-output cases: {report.null_cases - len(report.null_printed)}/{report.null_cases}")


# --- the conformance tests ---------------------------------------------------------------


def test_field_agreement_with_gpsd(report: Report) -> None:
    _print_table(report)
    for key, detail in sorted(report.disagreements.items()):
        print(f"  {key}: {detail}  [{KNOWN.get(key, 'UNLISTED')}]")
    assert report.agreement >= THRESHOLD
    unlisted = {k: v for k, v in report.disagreements.items() if k not in KNOWN}
    assert not unlisted, f"disagreements not listed in KNOWN: {unlisted}"
    resolved = sorted(set(KNOWN) - set(report.disagreements))
    assert not resolved, f"listed disagreements that no longer occur: {resolved}"


def test_key_order_matches_gpsd(report: Report) -> None:
    unlisted = {i: v for i, v in report.order.items() if i not in KNOWN_ORDER}
    assert not unlisted
    assert set(report.order) == set(KNOWN_ORDER)


def test_nothing_printed_where_gpsd_printed_nothing(report: Report) -> None:
    """Mostly lone type 24 halves (and part 2/3 subtypes that pyais rejects)."""
    assert report.null_cases == 201
    assert report.null_printed == {}


def test_sentence_bitlen_matches_pyais(cases: tuple[Case, ...]) -> None:
    for case in cases:
        for group in messages(case.sentences):
            if not group[-1].rstrip().split("*")[-1].isalnum():
                continue  # receiver fields after the checksum: pyais misreads the fill bits
            decoded = decode(group)
            if decoded is not None:
                assert sentence_bitlen(*group) == len(decoded[0].bv)  # the bits pyais decoded


def test_sentence_bitlen_with_trailing_fields() -> None:
    sentence = "!AIVDM,1,1,,B,?h3Ovn1GP<K0<P@59a0,2*04,d-077,S1832,t004248.00,r07RPAL1,12724"
    assert sentence_bitlen(sentence) == 19 * 6 - 2
    assert sentence_bitlen(sentence.encode()) == 112


# --- type 24 merging over gpsd's whole input streams ---------------------------------------


def _stream(lines: list[str]) -> Iterator[list[str]]:
    """Complete messages of an NMEA log in completion order (fragments keyed by seq/channel)."""
    pending: dict[tuple[str, str], list[str]] = {}
    for line in lines:
        if "!" not in line or line.lstrip().startswith("#"):
            continue
        parts = _nmea_fields(line)
        if len(parts) < 7 or not parts[1].isdigit() or not parts[2].isdigit():
            continue
        if parts[1] == "1":
            yield [line]
            continue
        key = (parts[3], parts[4])
        if parts[2] == "1":
            pending[key] = []
        if key in pending:
            pending[key].append(line)
            if parts[1] == parts[2]:
                yield pending.pop(key)


STREAMS = [
    "test/sample.aivdm",
    "test/daemon/ais-nmea.log",
    "test/daemon/ais-nmea-type6-fid55.log",
    "test/daemon/ais-raw-messages.log",
    "test/daemon/ais-18-27.log",
    "test/daemon/ais_unpack_sixbit.log",
    "test/daemon/ait250.log",
]


def _gpsd_type24(check: Path) -> list[tuple[int, str, str]]:
    """gpsd's type 24 reports, minus the daemon's re-reports of the last AIS object.

    A daemon log's ``.chk`` echoes each input line before its output; an AIS object not
    preceded by a fresh AIVDM line is gpsd re-reporting at a cycle end (``gpsd_repeats``).
    """
    lines = check.read_text(encoding="utf-8", errors="replace").splitlines()
    echoed = any(line.startswith("!") for line in lines)
    out, fresh = [], False
    for line in lines:
        if line.startswith("!"):
            fresh = True
        elif line.startswith("{") and '"class":"AIS"' in line:
            obj = json.loads(line)
            if obj["type"] == 24 and (fresh or not echoed):
                out.append((obj["mmsi"], obj.get("shipname", ""), obj.get("callsign", "")))
            fresh = False
    return out


@pytest.mark.parametrize("name", STREAMS)
def test_type24_stream_matches_gpsd(shared: Path, name: str) -> None:
    """Replaying a whole gpsd input through one merger prints gpsd's type 24 reports."""
    base = shared / "conformance" / "gpsd-ais"
    source = base / name
    check = source.with_name(source.name + (".js.chk" if name.endswith(".aivdm") else ".chk"))
    lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    merger, printed = Type24Merger(), []
    for group in _stream(lines):
        decoded = decode(group)
        if decoded is None:
            continue
        nmea, values = decoded
        obj = gpsd_json(values, bitlen=sentence_bitlen(*group))
        for out in merger.feed(obj, channel=nmea.channel):
            if out["type"] == 24:
                printed.append((out["mmsi"], out["shipname"], out["callsign"]))
    assert printed == _gpsd_type24(check)


# --- Type24Merger units ------------------------------------------------------------------


def _part_a(mmsi: int, name: str) -> Obj:
    return {"class": "AIS", "type": 24, "repeat": 0, "mmsi": mmsi, "scaled": True} | {
        "part": "A",
        "shipname": name,
    }


def _part_b(mmsi: int, callsign: str) -> Obj:
    head = {"class": "AIS", "type": 24, "repeat": 1, "mmsi": mmsi, "scaled": True}
    return head | {
        "part": "B",
        "shiptype": 37,
        "shiptype_text": "Pleasure Craft",
        "vendorid": "ABC",
        "model": 1,
        "serial": 2,
        "callsign": callsign,
        "to_bow": 1,
        "to_stern": 2,
        "to_port": 3,
        "to_starboard": 4,
    }


def test_merger_a_then_b_prints_one_merged_report() -> None:
    merger = Type24Merger()
    assert merger.feed(_part_a(211000001, "ALPHA")) == []
    [merged] = merger.feed(_part_b(211000001, "DA1"))
    assert list(merged) == [
        "class",
        "type",
        "repeat",
        "mmsi",
        "scaled",
        "shipname",
        "shiptype",
        "shiptype_text",
        "vendorid",
        "model",
        "serial",
        "callsign",
        "to_bow",
        "to_stern",
        "to_port",
        "to_starboard",
    ]
    assert merged["shipname"] == "ALPHA"
    assert merged["callsign"] == "DA1"
    assert merged["repeat"] == 1  # the header is part B's
    # the A was used up: a repeated B prints nothing
    assert merger.feed(_part_b(211000001, "DA1")) == []


def test_merger_b_then_a_prints_nothing() -> None:
    merger = Type24Merger()
    assert merger.feed(_part_b(211000002, "DB2")) == []
    assert merger.feed(_part_a(211000002, "BRAVO")) == []
    # the A is still held: a later B completes it
    assert merger.feed(_part_b(211000002, "DB2"))[0]["shipname"] == "BRAVO"


def test_merger_other_mmsi_in_between() -> None:
    merger = Type24Merger()
    assert merger.feed(_part_a(211000003, "CHARLIE")) == []
    assert merger.feed(_part_a(211000004, "DELTA")) == []
    [merged] = merger.feed(_part_b(211000003, "DC3"))
    assert (merged["mmsi"], merged["shipname"]) == (211000003, "CHARLIE")
    [merged] = merger.feed(_part_b(211000004, "DD4"))
    assert (merged["mmsi"], merged["shipname"]) == (211000004, "DELTA")


def test_merger_keeps_eight_part_a_per_channel() -> None:
    merger = Type24Merger()
    merger.feed(_part_a(211000010, "OLDEST"), channel="A")
    for n in range(8):
        merger.feed(_part_a(211000020 + n, f"NEWER{n}"), channel="A")
    assert merger.feed(_part_b(211000010, "X"), channel="A") == []  # evicted
    merger.feed(_part_a(211000030, "OTHER CHANNEL"), channel="B")
    assert merger.feed(_part_b(211000030, "Y"), channel="A") == []
    assert merger.feed(_part_b(211000030, "Y"), channel="B")[0]["shipname"] == "OTHER CHANNEL"


def test_merger_passes_other_messages_and_split24() -> None:
    position = {"class": "AIS", "type": 1, "mmsi": 1}
    assert Type24Merger().feed(position) == [position]
    split = Type24Merger(split24=True)
    assert split.feed(_part_a(211000005, "ECHO")) == [_part_a(211000005, "ECHO")]


# --- mapping units -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pyais_turn", "index", "scaled"),
    [
        (-128.0, -128, "n/a"),
        (-127.0, -127, "fastleft"),
        (127.0, 127, "fastright"),
        (0.0, 0, "0.00"),
        (1.0, 5, "1.12"),
        (-1.0, -5, "-1.12"),
        (720.0, 127, "fastright"),  # 4.733·√720 rounds to 127
        (None, 0, "0.00"),
    ],
)
def test_turn(pyais_turn: float | None, index: int, scaled: str) -> None:
    assert turn_index(pyais_turn) == index
    assert turn_scaled(index) == scaled


def test_turn_in_objects() -> None:
    base = {"msg_type": 1, "repeat": 0, "mmsi": 1, "status": 0}
    assert gpsd_json(base | {"turn": -128.0})["turn"] == "n/a"
    assert gpsd_json(base | {"turn": -128.0}, scaled=False)["turn"] == -128
    assert gpsd_json(base | {"turn": 10.0}, scaled=False)["turn"] == 15


def test_status_text() -> None:
    assert status_text(0) == "Under way using engine"
    assert status_text(3) == "Restricted maneuverability"
    assert status_text(12) == "Power-driven vessel pushing ahead or towing alongside"
    assert status_text(15) == "Not defined"
    assert status_text(16) == "INVALID STATUS"


def test_shiptype_text() -> None:
    assert shiptype_text(0) == "Not available"
    assert shiptype_text(9) == "Reserved for future use"
    assert shiptype_text(20) == "Wing in ground (WIG) - all ships of this type"
    assert shiptype_text(29) == "Wing in ground (WIG) - Reserved for future use"
    assert shiptype_text(37) == "Pleasure Craft"
    assert shiptype_text(38) == "Reserved"
    assert shiptype_text(52) == "Tug"
    assert shiptype_text(69) == "Passenger - No additional information"
    assert shiptype_text(71) == "Cargo - Hazardous category A"
    assert shiptype_text(99) == "Other Type - no additional information"
    assert shiptype_text(100) == "INVALID SHIP TYPE"


def test_device_omitted_when_empty() -> None:
    decoded = {"msg_type": 10, "repeat": 0, "mmsi": 1, "dest_mmsi": 2}
    assert gpsd_json(decoded)["device"] == "stdin"
    assert list(gpsd_json(decoded, device="")) == [
        "class",
        "type",
        "repeat",
        "mmsi",
        "scaled",
        "dest_mmsi",
    ]


def test_binary_data_without_bitlen_uses_the_padded_length() -> None:
    decoded = {"msg_type": 8, "repeat": 0, "mmsi": 1, "dac": 366, "fid": 56, "data": b"\xab\xc0"}
    assert gpsd_json(decoded)["data"] == "16:abc0"
    assert gpsd_json(decoded, bitlen=56 + 10)["data"] == "10:abc0"


def _armor(bits: str) -> tuple[str, int]:
    """Six-bit armoring of a bit string: (payload, fill bits)."""
    fill = -len(bits) % 6
    padded = bits + "0" * fill
    codes = (int(padded[i : i + 6], 2) for i in range(0, len(padded), 6))
    return "".join(chr(c + 48 if c < 40 else c + 56) for c in codes), fill


def _sentence(bits: str) -> str:
    payload, fill = _armor(bits)
    body = f"AIVDM,1,1,,A,{payload},{fill}"
    checksum = 0
    for char in body:
        checksum ^= ord(char)
    return f"!{body}*{checksum:02X}"


def test_every_message_type_maps_to_json() -> None:
    """Random payloads of every type (and the DAC/FIDs mapped here) never break the mapping."""
    rnd = random.Random(1)
    heads: list[tuple[int, tuple[int, int] | None]] = [(t, None) for t in range(1, 29)]
    heads += [(6, pair) for pair in ((1, 12), (1, 14), (1, 18), (1, 30), (1, 32), (200, 55))]
    heads += [(6, (235, 10)), (8, (1, 11)), (8, (1, 31)), (8, (200, 10)), (8, (1, 16))]
    for msg_type, pair in heads * 25:
        bits = format(msg_type, "06b") + "".join(rnd.choice("01") for _ in range(400))
        bits = bits[: rnd.randint(40, len(bits))]
        if pair is not None:
            at = 72 if msg_type == 6 else 40
            bits = bits[:at].ljust(at, "0") + format(pair[0], "010b") + format(pair[1], "06b")
            bits += bits[at:]
        sentence = _sentence(bits)
        try:
            values = pyais.decode(sentence).asdict()
        except pyais.exceptions.AISBaseException:
            continue
        for scaled in (True, False):
            obj = gpsd_json(values, scaled=scaled, bitlen=sentence_bitlen(sentence))
            json.dumps(obj, allow_nan=False)
            assert obj["type"] == msg_type
