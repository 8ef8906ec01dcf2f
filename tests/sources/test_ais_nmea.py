"""Raw NMEA AIS reader, against the real logs in ../shared and small synthetic lines.

Run with ``-s`` to see each file's line account.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

import aiscat
import pyais
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from pyais.bit_vector import bit_vector
from pyais.encode import encode_dict

from sanctionwatch.errors import InputError
from sanctionwatch.sources.ais_nmea import (
    READ_BYTES,
    NmeaReader,
    NmeaState,
    process_lines,
)
from sanctionwatch.sources.ais_records import (
    BAD_ARMOURING,
    BAD_CHECKSUM,
    BAD_FIELD,
    FLAG_COURSE_NOT_AVAILABLE,
    FLAG_HEADING_NOT_AVAILABLE,
    FLAG_IMO_INVALID,
    FLAG_MMSI_NOT_9_DIGITS,
    FLAG_NO_TIME,
    FLAG_POSITION_NOT_AVAILABLE,
    FLAG_POSITION_OUT_OF_RANGE,
    FLAG_SPEED_NOT_AVAILABLE,
    ORPHAN_FRAGMENT,
    POSITIONS,
    QUARANTINE,
    RAW_MESSAGES,
    STATICS,
    UNDECODABLE,
    UNKNOWN_SENTENCE,
    LineAccount,
)
from sanctionwatch.sources.compressed import open_maybe_gzip
from sanctionwatch.sources.identifiers import ship_imo_is_valid
from sanctionwatch.sources.nmea_framing import AIS_FRAMED, checksum, receiver_time_ms

NMEA = Path("data/ais/nmea")
REASONS = {BAD_CHECKSUM, ORPHAN_FRAGMENT, BAD_ARMOURING, UNKNOWN_SENTENCE, UNDECODABLE, BAD_FIELD}

# (lines, consumed, messages, ignored, quarantined) as measured with the default options.
ACCOUNTS: dict[str, tuple[int, int, int, dict[str, int], dict[str, int]]] = {
    "aisdb/test_data_201201.nmea": (26, 26, 26, {}, {}),
    "aisdb/test_data_20211101.nm4": (1000, 997, 979, {"blank": 3}, {}),
    "amsa/ais.txt.gz": (
        44687,
        34007,
        34007,
        {
            "!AIPWR": 151,
            "$=IALR": 21,
            "$=IBRF": 6,
            "$ABADS": 100,
            "$ABALR": 928,
            "$ABVSI": 634,
            "$AIALR": 930,
            "$AITXT": 34,
            "$AIVSI": 1365,
            "$ASADS": 12,
            "$ASALR": 108,
            "$BSALR": 1240,
            "$BSBRF": 58,
            "$GPGBS": 384,
            "$GPGGA": 384,
            "$GPRMC": 383,
            "$GPVTG": 385,
            "$GPZDA": 384,
            "$PAIS": 1357,
            "$PGHP": 26,
            "$PJRC": 76,
            "$PJRCD": 61,
            "$PSHI": 1376,
            "$PSTT": 126,
            "$PVOL": 33,
        },
        {"bad_checksum": 8, "orphan_fragment": 4, "undecodable": 2, "unknown_sentence": 104},
    ),
    "amsa/exact-earth-augmented-2.txt": (2138, 1133, 1133, {"$PGHP": 1003}, {"undecodable": 2}),
    "amsa/exact-earth-augmented-3.txt": (
        7672,
        4290,
        4290,
        {"$PGHP": 3355},
        {"orphan_fragment": 4, "undecodable": 23},
    ),
    "amsa/exact-earth-augmented.txt": (7160, 3966, 3966, {"$PGHP": 3188}, {"undecodable": 6}),
    "amsa/exact-earth-with-tag-block.txt": (221, 221, 200, {}, {}),
    # Every tag block here carries the placeholder checksum *00: counted, the lines are kept.
    "amsa/nmea-timestamped.txt": (100, 100, 100, {}, {}),
    # A web page around gpsd's sample file: "   9 !AIVDM..." lines, the rest is prose.
    "amsa/samples.txt": (698, 57, 50, {"blank": 2}, {"unknown_sentence": 639}),
    # The 246 lines with a g: tag (123 two-part type-5 messages) have wrong tag checksums.
    "kystverket/Ais1000Lines.nm4": (1000, 1000, 877, {}, {}),
    "pyais-aegean/ais_test_messages": (9, 8, 7, {"comment": 1}, {}),
    # Two tag blocks there end "*A" (one digit): lenient, their sentences are read too.
    "pyais-aegean/mixed.txt": (
        35,
        14,
        12,
        {
            "$GPGGA": 1,
            "$GPR00": 1,
            "$GPRTE": 1,
            "$IIMWV": 1,
            "$PGHP": 1,
            "blank": 7,
            "comment": 5,
        },
        {"bad_checksum": 1, "unknown_sentence": 3},
    ),
    "pyais-aegean/nmea_data_sample.txt": (
        898,
        778,
        778,
        {},
        {"bad_armouring": 100, "orphan_fragment": 20},
    ),
}


@dataclass(frozen=True)
class Read:
    positions: pa.Table
    statics: pa.Table
    raw: pa.Table
    quarantine: pa.Table
    account: LineAccount
    types: Counter[int]
    batches: int


def _collect(reader: NmeaReader, stream: BinaryIO, path: Path, batch_lines: int) -> Read:
    batches = list(reader.read(stream, path, batch_lines=batch_lines))
    return Read(
        pa.concat_tables([POSITIONS.empty_table(), *(b.positions for b in batches)]),
        pa.concat_tables([STATICS.empty_table(), *(b.statics for b in batches)]),
        pa.concat_tables([RAW_MESSAGES.empty_table(), *(b.raw for b in batches)]),
        pa.concat_tables([QUARANTINE.empty_table(), *(b.quarantine for b in batches)]),
        reader.account,
        reader.message_types,
        len(batches),
    )


@cache
def read_file(
    path: Path, strict: bool = False, batch_lines: int = 200_000, fast: bool = True
) -> Read:
    reader = NmeaReader(strict_tag_checksums=strict, fast=fast)
    with open_maybe_gzip(path) as stream:
        return _collect(reader, stream, path, batch_lines)


def read_text(text: str, batch_lines: int = 200_000, **options: Any) -> Read:
    reader = NmeaReader(**options)
    return _collect(reader, io.BytesIO(text.encode("latin-1")), Path("t.nmea"), batch_lines)


def raw_lines(path: Path) -> list[bytes]:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return data.split(b"\n")


def nmea(body: str, trailer: str = "", tag: str | None = None) -> str:
    """``!body*hh`` with a correct checksum, optionally behind a tag block and before fields."""
    line = f"!{body}*{checksum(body.encode()):02X}{trailer}"
    if tag is not None:
        line = f"\\{tag}*{checksum(tag.encode()):02X}\\{line}"
    return line


def ms(when: datetime) -> int:
    return round(when.timestamp() * 1000)


def rows(table: pa.Table) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = table.to_pylist()
    return result


def reasons(result: Read) -> dict[int, str]:
    return dict(
        zip(
            result.quarantine["line"].to_pylist(),
            result.quarantine["reason"].to_pylist(),
            strict=True,
        )
    )


NOISE = "$GPZDA,114702.51,27,01,2012,,*66"  # a well-formed non-AIS sentence (ignored)
# Known messages: gpsd's sample type 1 and two-part type 5 (EVER DIADEM).
TYPE1 = "AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0"
TYPE5_A = "AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0"
TYPE5_B = "AIVDM,2,2,1,A,88888888880,2"


# --- every real file ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ACCOUNTS))
def test_every_nmea_file_reads_and_its_account_balances(shared: Path, name: str) -> None:
    result = read_file(shared / NMEA / name)
    account = result.account
    print(
        f"\n{name}: {account.lines} lines = {account.consumed} consumed "
        f"({account.messages} messages) + ignored {dict(account.ignored)} "
        f"+ quarantined {dict(account.quarantined)}"
    )
    assert account.balanced()
    lines, consumed, messages, ignored, quarantined = ACCOUNTS[name]
    assert (account.lines, account.consumed, account.messages) == (lines, consumed, messages)
    assert dict(account.ignored) == ignored
    assert dict(account.quarantined) == quarantined
    # The tables agree with the account: one line per message, one row per quarantined line.
    message_lines = set(result.positions["line"].to_pylist())
    message_lines |= set(result.statics["line"].to_pylist())
    message_lines |= set(result.raw["line"].to_pylist())
    assert len(message_lines) == messages == sum(result.types.values())
    assert result.quarantine.num_rows == sum(quarantined.values())
    assert Counter(result.quarantine["reason"].to_pylist()) == Counter(quarantined)
    assert set(quarantined) <= REASONS
    quarantined_lines = result.quarantine["line"].to_pylist()
    assert len(set(quarantined_lines)) == len(quarantined_lines)
    assert not message_lines & set(quarantined_lines)
    for table, schema in (
        (result.positions, POSITIONS),
        (result.statics, STATICS),
        (result.raw, RAW_MESSAGES),
        (result.quarantine, QUARANTINE),
    ):
        assert table.schema == schema
        assert table["source_id"].null_count == table.num_rows
    # Quarantined text is the line as read.
    text = raw_lines(shared / NMEA / name)
    for line, body in zip(quarantined_lines, result.quarantine["text"].to_pylist(), strict=True):
        assert body == text[line - 1].rstrip(b"\r").decode("latin-1")[:1000]


def test_every_file_under_the_nmea_folder_is_covered(shared: Path) -> None:
    found = {str(p.relative_to(shared / NMEA)) for p in (shared / NMEA).rglob("*") if p.is_file()}
    licences = {name for name in found if "LICENSE" in name}
    assert found - licences == set(ACCOUNTS)
    for name in licences:
        with pytest.raises(InputError, match="no NMEA sentence"):
            read_file(shared / NMEA / name)


def test_amsa_log_types_statics_and_noise(shared: Path) -> None:
    path = shared / NMEA / "amsa" / "ais.txt.gz"
    result = read_file(path)
    assert result.account.lines == 44687
    assert dict(result.types) == {
        1: 19337,
        3: 3717,
        4: 5237,
        5: 1778,
        6: 57,
        7: 1,
        8: 1,
        9: 44,
        10: 13,
        11: 15,
        12: 1,
        13: 1,
        14: 2,
        15: 4,
        16: 3,
        17: 116,
        18: 2745,
        20: 262,
        21: 312,
        22: 1,
        23: 2,
        24: 357,
        25: 1,
    }
    type5 = result.statics.filter(pc.equal(result.statics["msg_type"], 5))
    assert type5.num_rows == result.types[5] == 1778
    assert result.account.ignored["$BSALR"] == 1240
    every_mmsi = {
        *result.positions["mmsi"].to_pylist(),
        *result.statics["mmsi"].to_pylist(),
        *result.raw["mmsi"].to_pylist(),
    }
    assert (pc.count_distinct(result.positions["mmsi"]).as_py(), len(every_mmsi)) == (1696, 2322)
    # SOURCES.md counts 1,728 type-5 sentences: single-sentence ones with a two-LETTER talker.
    # The log also holds 51 with the talker "=I" (valid checksums, unique payloads: decoded
    # here too) and one of them is 216 bits of noise (undecodable): 1,728 + 51 - 1 = 1,778.
    text = raw_lines(path)
    letters = [
        n for n, t in enumerate(text, 1) if re.match(rb"![A-Z]{2}VD[MO],1,1,[^,]*,[^,]*,5", t)
    ]
    other = [n for n, t in enumerate(text, 1) if re.match(rb"!=IVD[MO],1,1,[^,]*,[^,]*,5", t)]
    assert (len(letters), len(other)) == (1728, 51)
    decoded = set(type5["line"].to_pylist())
    assert decoded == set(letters + other) - {1965}
    assert reasons(result)[1965] == UNDECODABLE
    # The log has no times of its own, except receiver fields on a few lines and 26 $PGHP.
    assert result.positions["timestamp"].null_count == 30319
    assert all(
        f & FLAG_NO_TIME
        for f in pc.filter(
            result.positions["flags"], pc.is_null(result.positions["timestamp"])
        ).to_pylist()
    )


def test_aegean_sample_keeps_good_lines_and_quarantines_the_rest(shared: Path) -> None:
    result = read_file(shared / NMEA / "pyais-aegean" / "nmea_data_sample.txt")
    assert result.account.lines == 898
    assert result.account.messages == 778
    by_reason: dict[str, list[str]] = {}
    for row in rows(result.quarantine):
        by_reason.setdefault(row["reason"], []).append(row["text"])
    # 100 sentences with an empty payload, 20 first halves of type 5 whose second never came.
    assert len(by_reason[BAD_ARMOURING]) == 100
    assert all(re.fullmatch(r"!AIVDM,1,1,,[AB],,0\*2[56]", t) for t in by_reason[BAD_ARMOURING])
    assert len(by_reason[ORPHAN_FRAGMENT]) == 20
    assert all(t.startswith("!AIVDM,2,1,") for t in by_reason[ORPHAN_FRAGMENT])
    assert result.positions.num_rows == 768


# --- times ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "day", "pghp_dated"),
    [
        ("exact-earth-augmented.txt", "2012-01-31", 3059),
        ("exact-earth-augmented-2.txt", "2012-02-01", 924),
        ("exact-earth-augmented-3.txt", "2012-02-02", 3140),
    ],
)
def test_exact_earth_pghp_dates_the_satellite_messages(
    shared: Path, name: str, day: str, pghp_dated: int
) -> None:
    path = shared / NMEA / "amsa" / name
    result = read_file(path)
    text = raw_lines(path)
    timed = pa.concat_tables(
        [t.select(["line", "timestamp"]) for t in (result.positions, result.statics, result.raw)]
    )
    assert timed["timestamp"].null_count == 0
    days = {str(d) for d in pc.unique(pc.strftime(timed["timestamp"], "%Y-%m-%d")).to_pylist()}
    assert days == {day}
    # Each line ends with the receive time at AMSA (ms); a $PGHP gives an earlier one.
    dated = 0
    for line, when in zip(timed["line"].to_pylist(), timed["timestamp"].to_pylist(), strict=True):
        sentence = text[line - 1]
        received = receiver_time_ms(sentence[sentence.index(b"*") + 3 :])
        assert received is not None
        if ms(when) != received:
            dated += 1
            assert ms(when) < received
    pghp_lines = result.account.ignored["$PGHP"]
    assert dated == pghp_dated
    assert dated > 0.9 * pghp_lines
    # The matches are right: a $PGHP time and the UTC second inside the position report
    # differ by one clock offset per satellite pass (random matches would spread over 60 s).
    offsets: Counter[int] = Counter()
    for row in rows(result.positions):
        sentence = text[row["line"] - 1]
        received = receiver_time_ms(sentence[sentence.index(b"*") + 3 :])
        if row["msg_type"] not in (1, 2, 3, 18) or ms(row["timestamp"]) == received:
            continue
        fields = sentence.split(b",")
        second = bit_vector(fields[5], int(fields[6][:1])).get(
            137 if row["msg_type"] <= 3 else 133, 6
        )
        if second < 60:
            offsets[(row["timestamp"].second - second) % 60] += 1
    assert sum(n for _, n in offsets.most_common(10)) > 0.85 * sum(offsets.values())


def test_tag_block_times(shared: Path) -> None:
    kystverket = read_file(shared / NMEA / "kystverket" / "Ais1000Lines.nm4")
    stamps = kystverket.positions["timestamp"]
    assert stamps.null_count == 0
    assert pc.min(stamps).as_py() == datetime(2019, 8, 7, 22, 59, 58, tzinfo=UTC)
    assert pc.max(stamps).as_py() == datetime(2019, 8, 7, 23, 0, 27, tzinfo=UTC)

    aisdb = read_file(shared / NMEA / "aisdb" / "test_data_20211101.nm4")
    timed = pa.concat_tables(
        [aisdb.positions.select(["timestamp"]), aisdb.statics.select(["timestamp"])]
    )
    assert timed["timestamp"].null_count == 0
    assert pc.min(timed["timestamp"]).as_py() == datetime(2021, 11, 1, 1, 58, 7, tzinfo=UTC)
    assert pc.max(timed["timestamp"]).as_py() == datetime(2021, 11, 1, 1, 59, 6, tzinfo=UTC)
    assert aisdb.types[27] == 127  # long-range messages, 1/10-minute positions
    assert aisdb.statics.filter(pc.equal(aisdb.statics["msg_type"], 5)).num_rows == 18

    tagged = read_file(shared / NMEA / "amsa" / "exact-earth-with-tag-block.txt")
    assert tagged.positions["timestamp"].null_count == 0
    assert tagged.statics.num_rows == 21  # two-part type 5 grouped by g: tags
    first = rows(tagged.statics)[0]
    assert first["line"] == 2
    assert first["timestamp"] == datetime.fromtimestamp(1334337317, UTC)


def test_placeholder_tag_checksums_are_kept_unless_strict(shared: Path) -> None:
    path = shared / NMEA / "amsa" / "nmea-timestamped.txt"
    assert reasons(read_file(path, strict=True)) == dict.fromkeys(range(1, 101), BAD_CHECKSUM)
    lenient = read_file(path)
    assert lenient.account.messages == 100
    assert lenient.account.balanced()
    stamps = lenient.positions["timestamp"]
    assert stamps.null_count == 0
    assert pc.min(stamps).as_py() == datetime(2014, 12, 31, 12, 59, 57, tzinfo=UTC)
    assert pc.max(stamps).as_py() == datetime(2014, 12, 31, 13, 0, 1, tzinfo=UTC)

    kystverket_path = shared / NMEA / "kystverket" / "Ais1000Lines.nm4"
    assert read_file(kystverket_path, strict=True).account.quarantined == {BAD_CHECKSUM: 246}
    kystverket = read_file(kystverket_path)
    assert kystverket.account.quarantined == Counter()
    assert kystverket.account.messages == 754 + 123
    type5 = kystverket.statics.filter(pc.equal(kystverket.statics["msg_type"], 5))
    assert type5.num_rows == 123
    assert type5["timestamp"].null_count == 0


def test_receive_time_is_the_first_unix_field_after_the_checksum(shared: Path) -> None:
    # "…,t050056.00,T56.13718694,r003669946,1325394060,1325394001": the receiver clock says
    # 05:00:56; 1325394060 is 05:01:00 (logged 4 s later), 1325394001 is 05:00:01 (before it).
    result = read_file(shared / NMEA / "aisdb" / "test_data_201201.nmea")
    by_line = {
        row["line"]: row["timestamp"]
        for table in (result.positions, result.statics, result.raw)
        for row in rows(table)
    }
    assert len(by_line) == 26
    assert None not in by_line.values()
    assert by_line[1] == datetime(2012, 1, 1, 5, 1, 0, tzinfo=UTC)
    assert by_line[26] == datetime.fromtimestamp(1325984926, UTC)
    assert receiver_time_ms(b",d-109,S2105,t050056.00,1325394060,1325394001") == 1325394060000
    assert receiver_time_ms(b",1327992119173") == 1327992119173
    assert receiver_time_ms(b",1325394060.25") == 1325394060250
    assert receiver_time_ms(b",316000002,r003669946,x") is None


def test_time_priority_tag_then_pghp_then_receiver_field() -> None:
    pghp = "$PGHP,1,2012,1,31,5,7,2,151,316,2,316000002,1AIS_S,{cs}"
    body = TYPE1
    cs = f"{checksum(body.encode()):02X}"
    pghp_line = "$" + pghp[1:].format(cs=cs)
    pghp_line = f"{pghp_line}*{checksum(pghp_line[1:].encode()):02X}"
    pghp_time = datetime(2012, 1, 31, 5, 7, 2, 151000, tzinfo=UTC)
    tagged = nmea(body, ",1327992119173", tag="c:1565218798")
    plain = nmea(body, ",1327992119173")
    bare = nmea(body)
    cases = {
        "tag beats $PGHP and receiver": ([pghp_line, tagged], datetime(2019, 8, 7, 22, 59, 58)),
        "$PGHP after the message": ([plain, NOISE, pghp_line], pghp_time),
        "$PGHP before the message": ([pghp_line, plain], pghp_time),
        "receiver field": ([plain], datetime(2012, 1, 31, 6, 41, 59, 173000)),
        "nothing": ([bare], None),
    }
    for name, (lines, expected) in cases.items():
        result = read_text("\n".join(lines) + "\n")
        [row] = rows(result.positions)
        if expected is not None and expected.tzinfo is None:
            expected = expected.replace(tzinfo=UTC)
        assert row["timestamp"] == expected, name
        assert bool(row["flags"] & FLAG_NO_TIME) == (expected is None), name
    # A $PGHP naming another checksum, or more than 50 lines away, dates nothing.
    other = "$" + pghp[1:].format(cs="00" if cs != "00" else "01")
    other = f"{other}*{checksum(other[1:].encode()):02X}"
    for lines in ([pghp_line] + [NOISE] * 51 + [plain], [other, plain, other]):
        [row] = rows(read_text("\n".join(lines)).positions)
        assert row["timestamp"] == datetime(2012, 1, 31, 6, 41, 59, 173000, tzinfo=UTC)
    # Milliseconds above 1e11 in c:, seconds below.
    [row] = rows(read_text(nmea(body, tag="c:1565218798123")).positions)
    assert row["timestamp"] == datetime(2019, 8, 7, 22, 59, 58, 123000, tzinfo=UTC)


# --- multipart -----------------------------------------------------------------------------


def test_multipart_reassembly_with_an_interleaved_message() -> None:
    lines = [nmea(TYPE5_A), nmea(TYPE1), NOISE, nmea(TYPE5_B)]
    result = read_text("\n".join(lines))
    assert result.account.balanced()
    assert (result.account.consumed, result.account.messages) == (3, 2)
    [static] = rows(result.statics)
    assert static == {
        "source_id": None,
        "line": 4,
        "mmsi": 351759000,
        "timestamp": None,
        "msg_type": 5,
        "imo": 9134270,
        "name": "EVER DIADEM",
        "callsign": "3FOF8",
        "shiptype": 70,
        "draught": pytest.approx(12.2),
        "destination": "NEW YORK",
        "to_bow": 225,
        "to_stern": 70,
        "to_port": 1,
        "to_starboard": 31,
        "flags": FLAG_NO_TIME,
    }
    [position] = rows(result.positions)
    assert position["line"] == 2


def test_multipart_time_comes_from_the_first_fragment() -> None:
    lines = [nmea(TYPE5_A, tag="g:1-2-7,c:1635731893"), nmea(TYPE5_B, tag="g:2-2-7")]
    [static] = rows(read_text("\n".join(lines)).statics)
    assert static["timestamp"] == datetime.fromtimestamp(1635731893, UTC)
    assert static["line"] == 2


def test_orphan_fragments_are_quarantined_line_by_line() -> None:
    # A repeated fragment 1 replaces the first group; a lone fragment 2 waits until the end.
    lines = [nmea(TYPE5_A), nmea(TYPE1), nmea(TYPE5_A), nmea(TYPE5_B), nmea(TYPE5_B)]
    result = read_text("\n".join(lines))
    assert reasons(result) == {1: ORPHAN_FRAGMENT, 5: ORPHAN_FRAGMENT}
    assert result.account.balanced()
    assert result.statics["line"].to_pylist() == [4]
    # Fragments further apart than the window never join.
    far = [nmea(TYPE5_A)] + [NOISE] * 100 + [nmea(TYPE5_B)]
    result = read_text("\n".join(far))
    assert reasons(result) == {1: ORPHAN_FRAGMENT, 102: ORPHAN_FRAGMENT}
    assert result.statics.num_rows == 0
    # Other channel or sequential id: another group.
    other = [nmea(TYPE5_A), nmea(TYPE5_B.replace(",1,A,", ",1,B,"))]
    assert reasons(read_text("\n".join(other))) == {1: ORPHAN_FRAGMENT, 2: ORPHAN_FRAGMENT}


def test_out_of_order_fragments_and_batch_boundaries() -> None:
    reversed_order = read_text("\n".join([nmea(TYPE5_B), nmea(TYPE5_A)]))
    assert reversed_order.statics["line"].to_pylist() == [2]
    lines = [nmea(TYPE5_A), nmea(TYPE1), nmea(TYPE1), nmea(TYPE5_B)]
    one_by_one = read_text("\n".join(lines), batch_lines=1)
    assert one_by_one.statics["line"].to_pylist() == [4]
    assert one_by_one.positions["line"].to_pylist() == [2, 3]
    assert one_by_one.account.balanced()


def test_undecodable_multipart_quarantines_each_line() -> None:
    # Type 5 cut to 300 bits: both lines are undecodable.
    short = TYPE5_A.replace("2222222216L961O5Gf0NSQEp6ClRp8", "")
    result = read_text("\n".join([nmea(short), nmea(TYPE5_B)]))
    assert reasons(result) == {1: UNDECODABLE, 2: UNDECODABLE}


# --- decoding ------------------------------------------------------------------------------


def test_positions_agree_with_aiscat(shared: Path) -> None:
    path = shared / NMEA / "amsa" / "ais.txt.gz"
    result = read_file(path)
    text = raw_lines(path)
    by_line = {row["line"]: row for row in rows(result.positions) if row["msg_type"] <= 3}
    # aiscat rejects the talker "=I"; take two-letter talkers only.
    candidates = sorted(n for n in by_line if re.match(rb"![A-Z]{2}VD[MO],1,1,", text[n - 1]))
    sample = random.Random(20240501).sample(candidates, 500)
    for n in sample:
        ours = by_line[n]
        sentence = text[n - 1]
        theirs = aiscat.decode(sentence[: sentence.index(b"*") + 3].decode())  # no trailer
        assert ours["mmsi"] == theirs["mmsi"]
        assert ours["msg_type"] == theirs["type"]
        sentinels = {"lat": 91.0, "lon": 181.0, "speed": 102.3, "course": 360.0, "heading": 511}
        flags = {
            "lat": FLAG_POSITION_NOT_AVAILABLE,
            "lon": FLAG_POSITION_NOT_AVAILABLE,
            "speed": FLAG_SPEED_NOT_AVAILABLE,
            "course": FLAG_COURSE_NOT_AVAILABLE,
            "heading": FLAG_HEADING_NOT_AVAILABLE,
        }
        tolerance = {"lat": 3e-5, "lon": 3e-5, "speed": 0.05, "course": 0.05, "heading": 0}
        for key, sentinel in sentinels.items():
            if key in theirs:
                assert abs(ours[key] - theirs[key]) <= tolerance[key], (n, key)
            else:  # aiscat leaves out "not available" values; they are kept here, flagged
                assert ours[key] == pytest.approx(sentinel), (n, key)
                assert ours["flags"] & flags[key], (n, key)


def test_not_available_values_are_kept_and_flagged() -> None:
    sentences = [
        *encode_dict(
            {
                "type": 1,
                "mmsi": 12345,
                "lat": 91,
                "lon": 181,
                "speed": 102.3,
                "course": 360,
                "heading": 511,
                "status": 15,
            }
        ),
        *encode_dict(
            {
                "type": 27,
                "mmsi": 412345678,
                "lat": 91,
                "lon": 181,
                "speed": 63,
                "course": 511,
                "status": 1,
            }
        ),
        *encode_dict(
            {"type": 9, "mmsi": 111265591, "lat": 12, "lon": 13, "speed": 1023, "course": 360}
        ),
        *encode_dict({"type": 4, "mmsi": 2573010, "lat": 60.5, "lon": 5.25}),
        *encode_dict(
            {
                "type": 18,
                "mmsi": 412345678,
                "lat": 95.0,
                "lon": 5.25,
                "speed": 1.5,
                "course": 10,
                "heading": 12,
            }
        ),
    ]
    result = read_text("\n".join(sentences))
    class_a, long_range, sar, base, class_b = rows(result.positions)
    assert class_a["lat"] == 91 and class_a["lon"] == 181 and class_a["status"] == 15
    assert class_a["flags"] == (
        FLAG_POSITION_NOT_AVAILABLE
        | FLAG_SPEED_NOT_AVAILABLE
        | FLAG_COURSE_NOT_AVAILABLE
        | FLAG_HEADING_NOT_AVAILABLE
        | FLAG_MMSI_NOT_9_DIGITS
        | FLAG_NO_TIME
    )
    assert (long_range["speed"], long_range["course"], long_range["heading"]) == (63, 511, None)
    assert long_range["flags"] == (
        FLAG_POSITION_NOT_AVAILABLE
        | FLAG_SPEED_NOT_AVAILABLE
        | FLAG_COURSE_NOT_AVAILABLE
        | FLAG_NO_TIME
    )
    assert (sar["station"], sar["speed"], sar["heading"]) == ("sar_aircraft", 1023, None)
    assert sar["flags"] == FLAG_SPEED_NOT_AVAILABLE | FLAG_COURSE_NOT_AVAILABLE | FLAG_NO_TIME
    assert (base["station"], base["lat"], base["lon"], base["speed"]) == (
        "base_station",
        60.5,
        5.25,
        None,
    )
    assert base["flags"] == FLAG_MMSI_NOT_9_DIGITS | FLAG_NO_TIME
    assert (class_b["station"], class_b["status"]) == ("vessel", None)
    assert class_b["flags"] == FLAG_POSITION_OUT_OF_RANGE | FLAG_NO_TIME


def test_flags_on_the_amsa_log(shared: Path) -> None:
    positions = read_file(shared / NMEA / "amsa" / "ais.txt.gz").positions
    for row in rows(positions):
        flags = row["flags"]
        assert bool(flags & FLAG_NO_TIME) == (row["timestamp"] is None)
        assert bool(flags & FLAG_MMSI_NOT_9_DIGITS) == (not 1e8 <= row["mmsi"] < 1e9)
        not_available = row["lat"] == 91 or row["lon"] == 181
        assert bool(flags & FLAG_POSITION_NOT_AVAILABLE) == not_available
        if row["msg_type"] in (1, 2, 3, 18):
            assert bool(flags & FLAG_HEADING_NOT_AVAILABLE) == (row["heading"] == 511)
            assert bool(flags & FLAG_SPEED_NOT_AVAILABLE) == (row["speed"] == pytest.approx(102.3))
            assert bool(flags & FLAG_COURSE_NOT_AVAILABLE) == (row["course"] == 360)
        station = {4: "base_station", 11: "base_station", 9: "sar_aircraft"}
        assert row["station"] == station.get(row["msg_type"], "vessel")
    stations = Counter(positions["station"].to_pylist())
    assert stations == {
        "vessel": 19337 + 3717 + 2745,
        "base_station": 5237 + 15,
        "sar_aircraft": 44,
    }


def test_statics_are_cleaned_and_imo_checked(shared: Path) -> None:
    statics = read_file(shared / NMEA / "amsa" / "ais.txt.gz").statics
    type5 = rows(statics.filter(pc.equal(statics["msg_type"], 5)))
    for row in type5:
        for key in ("name", "callsign", "destination"):
            value = row[key]
            assert value is None or (value and value == value.rstrip("@ ")), row
        assert row["imo"] != 0
        invalid = row["imo"] is not None and not ship_imo_is_valid(str(row["imo"]))
        assert bool(row["flags"] & FLAG_IMO_INVALID) == invalid
    assert sum(1 for r in type5 if r["imo"] is None) == 225
    assert sum(1 for r in type5 if r["flags"] & FLAG_IMO_INVALID) == 79
    # Type 24: part A carries only a name (one is empty), part B a ship type and the rest.
    parts = Counter(
        "A" if r["shiptype"] is None else "B"
        for r in rows(statics.filter(pc.equal(statics["msg_type"], 24)))
    )
    assert parts == {"A": 192, "B": 165}

    synthetic = [
        *encode_dict(
            {
                "type": 5,
                "mmsi": 412345678,
                "imo": 1234568,
                "shipname": "MY SHIP",
                "callsign": "",
                "destination": "NAMPO",
                "draught": 7.5,
                "ship_type": 84,  # pyais encodes only codes it knows
            }
        ),
        *encode_dict({"type": 5, "mmsi": 412345679, "imo": 0, "shipname": "", "callsign": "X"}),
        *encode_dict(
            {
                "type": 19,
                "mmsi": 412345678,
                "lat": 39.0,
                "lon": 125.5,
                "speed": 5.5,
                "course": 90,
                "heading": 88,
                "shipname": "CHON MA SAN",
                "ship_type": 80,
                "to_bow": 100,
                "to_stern": 20,
                "to_port": 10,
                "to_starboard": 10,
            }
        ),
        *encode_dict({"type": 24, "mmsi": 412345678, "partno": 0, "shipname": "KUM UN SAN"}),
        *encode_dict(
            {
                "type": 24,
                "mmsi": 412345678,
                "partno": 1,
                "ship_type": 70,
                "callsign": "HMXY",
                "to_bow": 50,
                "to_stern": 20,
                "to_port": 5,
                "to_starboard": 6,
            }
        ),
    ]
    result = read_text("\n".join(synthetic))
    bad_imo, no_imo, extended, part_a, part_b = rows(result.statics)
    assert (bad_imo["imo"], bad_imo["callsign"], bad_imo["shiptype"]) == (1234568, None, 84)
    assert bad_imo["flags"] == FLAG_IMO_INVALID | FLAG_NO_TIME
    assert bad_imo["draught"] == pytest.approx(7.5)
    assert (no_imo["imo"], no_imo["name"], no_imo["flags"]) == (None, None, FLAG_NO_TIME)
    assert (extended["name"], extended["shiptype"], extended["to_bow"]) == ("CHON MA SAN", 80, 100)
    assert result.positions["line"].to_pylist() == [5]  # type 19: a position and a static
    assert (part_a["name"], part_a["callsign"], part_a["shiptype"]) == ("KUM UN SAN", None, None)
    assert (part_b["name"], part_b["callsign"], part_b["shiptype"]) == (None, "HMXY", 70)
    assert (part_b["to_bow"], part_b["to_starboard"]) == (50, 6)


def test_fast_text_reading_equals_pyais(shared: Path) -> None:
    """The reader swaps in a faster ``get_str``; every text-bearing message decodes the same."""
    from pyais.messages import MSG_CLASS

    from sanctionwatch.sources.nmea_decode import _TextVector

    compared = 0
    for name in ("amsa/ais.txt.gz", "amsa/exact-earth-augmented-3.txt"):
        for line in raw_lines(shared / NMEA / name):
            match = AIS_FRAMED.match(line)  # text: types 5, 19, 24, 14, 6, 8
            if match is None or match.group(1) != b"1" or match.group(5)[:1] not in b"5CH>68":
                continue
            payload, fill = match.group(5), int(match.group(6))
            kind = payload[0] - 48 - (8 if payload[0] - 48 > 40 else 0)
            try:
                expected = MSG_CLASS[kind].from_vector(bit_vector(payload, fill)).asdict()
            except Exception:
                continue
            assert MSG_CLASS[kind].from_vector(_TextVector(payload, fill)).asdict() == expected
            compared += 1
    assert compared > 3000


def test_other_types_become_raw_messages(shared: Path) -> None:
    result = read_file(shared / NMEA / "aisdb" / "test_data_201201.nmea")
    raw = {row["msg_type"]: row for row in rows(result.raw)}
    assert sorted(raw) == [6, 7, 8, 10, 12, 13, 14, 15, 16, 17, 20, 21, 22, 23, 25, 26]
    eight = raw[8]
    assert eight["payload"] == "803Ovrh0EP:024`@02PN04da=3V<>N0000"
    assert eight["fill_bits"] == 4
    assert eight["mmsi"] == 3669739
    for kind, row in raw.items():  # the MMSI read from the bits equals pyais's
        decoded = pyais.decode(
            f"!AIVDM,1,1,,A,{row['payload']},{row['fill_bits']}*00", error_if_checksum_invalid=False
        )
        assert (decoded.msg_type, decoded.mmsi) == (kind, row["mmsi"])
    multipart = rows(read_file(shared / NMEA / "amsa" / "ais.txt.gz").raw)
    assert all(re.fullmatch(r"[0-W`-w]+", r["payload"]) for r in multipart)


def test_agreement_with_gpsd_conformance_cases(shared: Path) -> None:
    """gpsd's expected decodes for the types that make rows, field by field.

    Deliberate differences: gpsd ends 6-bit text at the first "@" (cases 382, 415, 1209 with
    call sign "@@J130B" give ""), here only trailing "@" is removed; pyais (and so this
    reader) also strips leading spaces (cases 896 " TINA", 1626 " PD8288").
    """
    differences = {
        (382, "callsign"),
        (415, "callsign"),
        (1209, "callsign"),
        (896, "shipname"),
        (1626, "callsign"),
    }
    cases = [
        json.loads(line)
        for line in (shared / "conformance" / "gpsd-ais" / "cases.jsonl").read_text().splitlines()
    ]
    agree, disagree = 0, []
    for case in cases:
        expected = case["expected"]
        if expected is None or expected["type"] not in (1, 2, 3, 4, 5, 9, 11, 18, 19, 24, 27):
            continue
        kind = expected["type"]
        if not case["scaled"]:
            per_degree = 600 if kind == 27 else 600_000
            for key in ("lat", "lon"):
                if key in expected:
                    expected[key] /= per_degree
            tenths = ["course"] if kind in (1, 2, 3, 9, 18, 19) else []
            tenths += ["speed"] if kind in (1, 2, 3, 18, 19) else []
            tenths += ["draught"] if kind == 5 else []
            for key in tenths:
                if key in expected:
                    expected[key] /= 10
        result = read_text("\n".join(case["sentences"]))
        assert not result.quarantine.num_rows, case["idx"]
        checks: list[tuple[str, Any, Any, float]] = []
        if kind not in (5, 24):
            [row] = rows(result.positions)
            position_tolerance = 1e-4 if kind == 27 else 1e-5
            for key, tolerance in (
                ("mmsi", 0),
                ("lat", position_tolerance),
                ("lon", position_tolerance),
                ("speed", 0.05),
                ("course", 0.05),
                ("heading", 0),
                ("status", 0),
            ):
                if key in expected:
                    checks.append((key, expected[key], row[key], tolerance))
        if kind in (5, 19, 24):
            statics = rows(result.statics)
            merged = {
                k: next((s[k] for s in statics if s[k] is not None), None) for k in statics[0]
            }
            for key, ours in (
                ("shipname", "name"),
                ("callsign", "callsign"),
                ("imo", "imo"),
                ("shiptype", "shiptype"),
                ("to_bow", "to_bow"),
                ("to_starboard", "to_starboard"),
                ("draught", "draught"),
                ("destination", "destination"),
            ):
                if key in expected:
                    value = expected[key]
                    if isinstance(value, str):
                        value = value.rstrip("@ ") or None
                    checks.append(
                        (
                            key,
                            value or None if key == "imo" else value,
                            merged[ours],
                            0.05 if key == "draught" else 0,
                        )
                    )
        for key, theirs, mine, tolerance in checks:
            if tolerance and theirs is not None and mine is not None:
                same = abs(theirs - mine) <= tolerance
            else:
                same = theirs == mine
            if same:
                agree += 1
            else:
                disagree.append((case["idx"], key))
    print(f"\ngpsd conformance: {agree} fields agree, differences {disagree}")
    assert set(disagree) == differences
    assert agree == 10083


# --- bad lines and bad input ---------------------------------------------------------------


def test_each_bad_line_gets_its_reason() -> None:
    good = nmea(TYPE1)
    lines = {
        "good": good,
        "bad checksum": good[:-2] + ("00" if not good.endswith("00") else "01"),
        "lower-case checksum is fine": good[:-2] + good[-2:].lower(),
        "payload outside the alphabet": nmea("AIVDM,1,1,,A,15RTgt0PAso;90TKc~M8h6g208CQ,0"),
        "fill bits 7": nmea("AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,7"),
        "empty payload": nmea("AIVDM,1,1,,B,,0"),
        "fragment 3 of 2": nmea("AIVDM,2,3,1,A,88888888880,2"),
        "extra field": nmea("AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0,X"),
        "truncated": good[:30],
        "garbage": "hello world",
        "type 0": nmea("AIVDM,1,1,,A,05RTgt0PAso;90TKcjM8h6g208CQ,0"),
        "too short": nmea("AIVDM,1,1,,A,15RTgt0PAso;90,0"),
        "bad tag checksum": "\\c:1565218798*54\\" + good,
        "unterminated tag": "\\c:1565218798*53" + good,
        "tag without sentence": "\\c:1565218798*53\\",
        "noise sentence": "$BSALR,,006,V,V,general failure*62",
        "noise with bad checksum": "$BSALR,,006,V,V,general failure*63",
        "prefix": "2012-01-27 11:47:02 " + good,
        "comment": "# a comment",
        "blank": "   \r",
        "talker =I": nmea(TYPE1.replace("AIVDM", "=IVDM")),
        "own vessel": nmea(TYPE1.replace("AIVDM", "AIVDO")),
    }
    # Strict tag checksums here, so the bad tag checksum line shows its reason.
    result = read_text("\r\n".join(lines.values()) + "\r\n", strict_tag_checksums=True)
    by_line = reasons(result)
    got = {name: by_line.get(n, "decoded") for n, name in enumerate(lines, 1)}
    assert got == {
        "good": "decoded",
        "bad checksum": BAD_CHECKSUM,
        "lower-case checksum is fine": "decoded",
        "payload outside the alphabet": BAD_ARMOURING,
        "fill bits 7": BAD_ARMOURING,
        "empty payload": BAD_ARMOURING,
        "fragment 3 of 2": UNKNOWN_SENTENCE,
        "extra field": UNKNOWN_SENTENCE,
        "truncated": UNKNOWN_SENTENCE,
        "garbage": UNKNOWN_SENTENCE,
        "type 0": UNDECODABLE,
        "too short": UNDECODABLE,
        "bad tag checksum": BAD_CHECKSUM,
        "unterminated tag": UNKNOWN_SENTENCE,
        "tag without sentence": UNKNOWN_SENTENCE,
        "noise sentence": "decoded",  # ignored, see below
        "noise with bad checksum": BAD_CHECKSUM,
        "prefix": "decoded",
        "comment": "decoded",  # ignored
        "blank": "decoded",  # ignored
        "talker =I": "decoded",
        "own vessel": "decoded",
    }
    assert dict(result.account.ignored) == {"$BSALR": 1, "comment": 1, "blank": 1}
    assert result.account.messages == 5
    assert result.account.balanced()
    texts = dict(
        zip(
            result.quarantine["line"].to_pylist(),
            result.quarantine["text"].to_pylist(),
            strict=True,
        )
    )
    assert texts[10] == "hello world"  # \r\n removed


def test_lenient_tag_checksums_are_counted() -> None:
    reader = NmeaReader(strict_tag_checksums=False)
    line = "\\c:1565218798*54\\" + nmea(TYPE1)
    [batch] = reader.read(io.BytesIO(line.encode()), Path("t"))
    assert batch.positions["timestamp"].to_pylist() == [
        datetime(2019, 8, 7, 22, 59, 58, tzinfo=UTC)
    ]
    assert reader.tag_checksum_mismatches == 1


def test_bad_input_as_a_whole(tmp_path: Path) -> None:
    binary = bytes(range(256)) * 100
    with pytest.raises(InputError, match=r"garbage\.nmea:1: binary data"):
        list(NmeaReader().read(io.BytesIO(binary), tmp_path / "garbage.nmea"))
    with pytest.raises(InputError) as caught:
        list(NmeaReader().read(io.BytesIO(b"!AIVDM\nsecond\nthird\x00"), Path("x")))
    assert caught.value.line == 3
    with pytest.raises(InputError, match="empty file"):
        list(NmeaReader().read(io.BytesIO(b""), Path("empty.nmea")))
    prose = b"This is a readme.\nIt has $5 and ! marks but no sentence.\n" * 10
    with pytest.raises(InputError, match="no NMEA sentence"):
        list(NmeaReader().read(io.BytesIO(prose), Path("readme.txt")))
    # Judged before anything is yielded: nothing reaches the caller.
    reader = NmeaReader()
    batches = reader.read(io.BytesIO(b"just text\n" * 20_000), Path("big.txt"), batch_lines=10)
    with pytest.raises(InputError, match="first 10,000 lines"):
        next(batches)
    # One NMEA line anywhere is enough (noise sentences included).
    result = read_text("prose\n" * 50 + "$GPZDA,114702.51,27,01,2012,,*66\n", batch_lines=7)
    assert result.account.quarantined == {UNKNOWN_SENTENCE: 50}
    assert result.quarantine.num_rows == 50


def test_a_damaged_gzip_file_fails_naming_the_line(tmp_path: Path) -> None:
    data = gzip.compress((nmea(TYPE1) + "\n").encode() * 20_000)
    path = tmp_path / "cut.nmea.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"cut\.nmea\.gz:\d+: corrupt or truncated") as caught:
        list(NmeaReader().read_path(path, batch_lines=1000))
    assert caught.value.line is not None
    assert 1 < caught.value.line < 20_000
    path.write_bytes(data[:10] + b"not deflate data" * 10)
    with pytest.raises(InputError, match="corrupt compressed data"):
        list(NmeaReader().read_path(path))


def test_an_overlong_line_is_cut_and_quarantined() -> None:
    text = nmea(TYPE1) + "\n" + "x" * 200_000 + "\n" + nmea(TYPE1) + "\n"
    result = read_text(text)
    assert reasons(result) == {2: UNKNOWN_SENTENCE}
    assert len(result.quarantine["text"][0].as_py()) == 1000
    assert result.positions["line"].to_pylist() == [1, 3]


# --- streaming -----------------------------------------------------------------------------


class _GuardedStream(io.BytesIO):
    """A stream that refuses to hand out more than a bounded piece at a time."""

    def read(self, size: int | None = -1, /) -> bytes:
        assert size is not None and 0 < size <= READ_BYTES, size
        return super().read(size)

    def readline(self, size: int | None = -1, /) -> bytes:
        assert size is not None and 0 < size <= 65_536, size
        return super().readline(size)

    def readlines(self, hint: int | None = -1, /) -> list[bytes]:
        raise AssertionError("readlines would read the whole file")


def test_reading_is_bounded_and_batched(shared: Path) -> None:
    path = shared / NMEA / "amsa" / "ais.txt.gz"
    data = gzip.decompress(path.read_bytes())
    reader = NmeaReader()
    batches = list(reader.read(_GuardedStream(data), path, batch_lines=5000))
    assert len(batches) == 10  # 9 chunks, then what end of input releases
    assert max(b.positions.num_rows for b in batches) <= 5000
    assert reader.account == read_file(path).account


@pytest.mark.parametrize(
    "name", ["amsa/ais.txt.gz", "amsa/exact-earth-augmented-3.txt", "kystverket/Ais1000Lines.nm4"]
)
def test_batch_size_and_chunking_do_not_change_the_result(shared: Path, name: str) -> None:
    path = shared / NMEA / name
    whole = read_file(path)
    small = read_file(path, batch_lines=333)
    for table in ("positions", "statics", "raw", "quarantine"):
        ours = getattr(small, table).sort_by("line")
        assert ours.equals(getattr(whole, table).sort_by("line")), table
    assert small.account == whole.account
    # process_lines over uneven chunks of consecutive lines, as an integration would call it.
    text = raw_lines(path)
    if text[-1] == b"":
        text.pop()
    state = NmeaState()
    start = 0
    for size in [1, 2, 3, 5, 8, 13, 21, 34, 55, 89] * 1000:
        if start >= len(text):
            break
        process_lines(text[start : start + size], start + 1, state)
        start += size
    state.finish()
    batch = state.take_batch()
    assert state.account == whole.account
    assert batch.positions.sort_by("line").equals(whole.positions.sort_by("line"))
    assert batch.quarantine.sort_by("line").equals(whole.quarantine.sort_by("line"))


def test_rows_come_out_in_line_order(shared: Path) -> None:
    result = read_file(shared / NMEA / "amsa" / "exact-earth-augmented.txt")
    lines = result.positions["line"].to_pylist()
    assert lines == sorted(lines)


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("stamp", ["1.e400", "99999999999999999999", "nan", "-5"])
def test_impossible_tag_times_mean_no_time_not_a_crash(stamp: str, fast: bool) -> None:
    body = "AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0"
    good = nmea(body, tag="c:1577836800")
    odd = nmea(body, tag=f"c:{stamp}")
    read = read_text(f"{good}\n{odd}\n", fast=fast)
    times = read.positions.column("timestamp").to_pylist()
    assert len(times) == 2 and times[0] is not None and times[1] is None
