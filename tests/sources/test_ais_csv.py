"""Provider AIS readers, against the real shared files and small files written by the tests."""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from sanctionwatch.errors import InputError
from sanctionwatch.sources.ais_csv import detect_format, read_provider
from sanctionwatch.sources.ais_records import (
    BAD_FIELD,
    FLAG_ANONYMISED_ID,
    FLAG_COURSE_NOT_AVAILABLE,
    FLAG_HEADING_NOT_AVAILABLE,
    FLAG_IMO_INVALID,
    FLAG_MMSI_NOT_9_DIGITS,
    FLAG_NO_TIME,
    FLAG_POSITION_NOT_AVAILABLE,
    FLAG_POSITION_OUT_OF_RANGE,
    FLAG_SPEED_NOT_AVAILABLE,
    POSITIONS,
    QUARANTINE,
    STATICS,
    LineAccount,
)
from sanctionwatch.sources.identifiers import ship_imo_is_valid

MC_2022 = "marinecadastre-2022-01-03-sample.csv"
MC_2023 = "marinecadastre-2023-01-11-sample.csv"
SPIRE = "spire-style-2021-07-01.csv"
SUEZ = "suez-2021-03-evergiven.csv"


@dataclass
class Result:
    positions: pa.Table
    statics: pa.Table
    quarantine: pa.Table
    account: LineAccount
    batches: int


def _read(path: Path, fmt: str | None = None, batch_rows: int = 500_000) -> Result:
    batches, account = read_provider(path, fmt, batch_rows=batch_rows)
    parts = list(batches)
    for part in parts:
        assert part.positions.schema.equals(POSITIONS)
        assert part.statics.schema.equals(STATICS)
        assert part.quarantine.schema.equals(QUARANTINE)
        assert part.raw.num_rows == 0
    return Result(
        pa.concat_tables([POSITIONS.empty_table()] + [p.positions for p in parts]),
        pa.concat_tables([STATICS.empty_table()] + [p.statics for p in parts]),
        pa.concat_tables([QUARANTINE.empty_table()] + [p.quarantine for p in parts]),
        account,
        len(parts),
    )


@cache
def _read_cached(path: Path) -> Result:
    return _read(path)


@pytest.fixture(scope="module")
def csv_dir(shared: Path) -> Path:
    return shared / "data" / "ais" / "csv"


def _flagged(table: pa.Table, flag: int) -> int:
    return int(pc.sum(pc.not_equal(pc.bit_wise_and(table["flags"], flag), 0)).as_py() or 0)


def _rows(table: pa.Table, column: str, value: object) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = table.filter(pc.equal(table[column], value)).to_pylist()
    return rows


def _distinct(column: pa.ChunkedArray) -> int:
    return len(pc.unique(column))


# --- format detection ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"), [(MC_2022, "marinecadastre"), (MC_2023, "marinecadastre"), (SPIRE, "spire")]
)
def test_detect_format_of_each_file(csv_dir: Path, name: str, fmt: str) -> None:
    path = csv_dir / name
    assert detect_format(path, path.read_bytes()[:65536]) == fmt


def test_suez_ids_key_tracks_but_are_never_taken_for_mmsis(csv_dir: Path) -> None:
    # Its ID column numbers anonymised vessels: the tracks are kept (they are the
    # false-positive material for encounters), every row flagged as not an MMSI.
    path = csv_dir / SUEZ
    assert detect_format(path, path.read_bytes()[:65536]) == "generic"
    batch = _read(path)
    positions = batch.positions
    assert positions.num_rows == 22287
    assert batch.account.balanced() and not batch.account.quarantined
    flags = positions["flags"].to_numpy()
    assert ((flags & FLAG_ANONYMISED_ID) != 0).all()
    assert ((flags & FLAG_MMSI_NOT_9_DIGITS) != 0).all()
    assert len(set(positions["mmsi"].to_pylist())) == 256
    first = positions.slice(0, 1).to_pylist()[0]
    assert first["timestamp"].isoformat() == "2021-03-20T00:22:00+00:00"  # 20/03/2021 00:22


def test_month_first_slash_dates_are_quarantined_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "us.csv"
    path.write_text("mmsi,timestamp,lat,lon\n366000001,03/20/2021 00:22,1,2\n")
    batch = _read(path)
    assert batch.positions.num_rows == 0
    assert batch.account.quarantined == {"bad_field": 1}


@pytest.mark.parametrize(
    ("name", "fmt", "missing"),
    [
        (SPIRE, "marinecadastre", "BaseDateTime"),
        (MC_2023, "spire", "Message_ID"),
        (SUEZ, "marinecadastre", "MMSI"),
    ],
)
def test_forced_format_that_does_not_fit(csv_dir: Path, name: str, fmt: str, missing: str) -> None:
    with pytest.raises(InputError) as error:
        read_provider(csv_dir / name, fmt)
    assert missing in str(error.value)
    assert str(csv_dir / name) in str(error.value)


def test_forced_format_that_fits_reads_the_same(csv_dir: Path) -> None:
    assert _read(csv_dir / MC_2023, "marinecadastre").account == _read(csv_dir / MC_2023).account


def test_unknown_format_name(csv_dir: Path) -> None:
    with pytest.raises(InputError, match="unknown AIS provider format"):
        read_provider(csv_dir / MC_2023, "nmea")


# --- MarineCadastre ------------------------------------------------------------------------


def test_marinecadastre_2022_counts_and_account(csv_dir: Path) -> None:
    result = _read_cached(csv_dir / MC_2022)
    assert result.positions.num_rows == 99_999
    assert _distinct(result.positions["mmsi"]) == 10_631
    assert result.quarantine.num_rows == 0
    # Identity changes per MMSI are kept (15 extra rows: alternating draughts, see below);
    # four MMSIs never send an identity field.
    assert result.statics.num_rows == 10_646
    assert _distinct(result.statics["mmsi"]) == 10_627
    account = result.account
    assert account.balanced()
    assert (account.lines, account.consumed) == (100_000, 99_999)
    assert account.ignored == Counter({"header": 1})
    assert result.positions["line"][0].as_py() == 2
    assert result.positions["line"][-1].as_py() == 100_000


def test_marinecadastre_2022_values(csv_dir: Path) -> None:
    positions = _read_cached(csv_dir / MC_2022).positions
    first = positions.slice(0, 1).to_pylist()[0]
    assert first["mmsi"] == 338148873
    assert first["timestamp"] == datetime(2022, 1, 3, tzinfo=UTC)
    assert (first["lat"], first["lon"]) == (33.60716, -117.91483)
    assert (first["msg_type"], first["station"], first["status"]) == (0, "vessel", None)
    assert first["heading"] == 511
    assert first["flags"] == FLAG_HEADING_NOT_AVAILABLE
    # The file's own "not available" codes, counted in it with the csv module.
    assert _flagged(positions, FLAG_HEADING_NOT_AVAILABLE) == 52_249
    assert _flagged(positions, FLAG_COURSE_NOT_AVAILABLE) == 14_023
    speed_na = int(pc.sum(pc.equal(positions["speed"], pa.scalar(102.3, pa.float32()))).as_py())
    assert _flagged(positions, FLAG_SPEED_NOT_AVAILABLE) == speed_na > 0
    assert _flagged(positions, FLAG_POSITION_NOT_AVAILABLE | FLAG_POSITION_OUT_OF_RANGE) == 0
    assert _flagged(positions, FLAG_NO_TIME) == 0
    short = pc.or_(pc.less(positions["mmsi"], 10**8), pc.greater(positions["mmsi"], 10**9 - 1))
    assert _flagged(positions, FLAG_MMSI_NOT_9_DIGITS) == pc.sum(short).as_py() > 0


def test_marinecadastre_2022_imo_and_draught(csv_dir: Path) -> None:
    statics = _read_cached(csv_dir / MC_2022).statics
    eagle = _rows(statics, "mmsi", 367379190)
    assert [(r["imo"], r["name"], r["callsign"], r["shiptype"]) for r in eagle] == [
        (8207721, "EAGLE", "WTD4583", 31)
    ]
    assert eagle[0]["draught"] == pytest.approx(3.3, abs=1e-6)
    assert eagle[0]["flags"] == 0
    # IMO0000000 means "none"; the field also holds numbers that are no IMO at all.
    assert not _rows(statics, "imo", 0)
    (signet,) = _rows(statics, "mmsi", 368139720)
    assert signet["imo"] == 1001301448
    assert signet["flags"] & FLAG_IMO_INVALID
    flagged = statics.filter(pc.not_equal(pc.bit_wise_and(statics["flags"], FLAG_IMO_INVALID), 0))
    imos = [imo for imo in statics["imo"].to_pylist() if imo is not None]
    invalid = [i for i in imos if not (10**6 <= i < 10**7 and ship_imo_is_valid(str(i)))]
    assert flagged.num_rows == len(invalid) == 163
    assert len(imos) == 3_780
    draughts = pc.min_max(statics["draught"]).as_py()
    assert (draughts["min"], draughts["max"]) == (0.0, 25.5)


def test_marinecadastre_statics_are_emitted_on_change_only(csv_dir: Path) -> None:
    # 367102000 alternates between two draughts (two transceivers or two readings): every
    # switch is a new static row, repeats of the same tuple are not.
    statics = _read_cached(csv_dir / MC_2022).statics
    garden = _rows(statics, "mmsi", 367102000)
    assert [round(r["draught"], 1) for r in garden] == [11.2, 8.6, 11.2, 8.6, 11.2, 8.6, 11.2, 8.6]
    assert {r["name"] for r in garden} == {"GARDEN STATE"}
    positions = _read_cached(csv_dir / MC_2022).positions
    assert len(_rows(positions, "mmsi", 367102000)) > len(garden)


def test_marinecadastre_2023_one_row_per_mmsi(csv_dir: Path) -> None:
    result = _read(csv_dir / MC_2023)
    assert result.positions.num_rows == 1_000
    assert _distinct(result.positions["mmsi"]) == 1_000
    assert result.statics.num_rows == 1_000
    assert result.account.balanced()
    assert result.account.lines == 1_001
    # This export writes integers as floats: Heading 95.0, Status 0.0.
    (first,) = _rows(result.positions, "mmsi", 367752440)
    assert (first["heading"], first["status"], first["course"]) == (95, 0, 360.0)
    assert first["flags"] == FLAG_COURSE_NOT_AVAILABLE
    (msc,) = _rows(result.statics, "mmsi", 636021061)
    assert (msc["imo"], msc["name"], msc["draught"]) == (9307839, "MSC NAISHA III", 8.0)


# --- Spire-style ---------------------------------------------------------------------------


def test_spire_counts(csv_dir: Path) -> None:
    path = csv_dir / SPIRE
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2_498
    assert len({r["MMSI"] for r in rows}) == 2_362
    result = _read(path)
    assert result.positions.num_rows == 2_405  # every row with Latitude/Longitude
    assert Counter(result.statics["msg_type"].to_pylist()) == {19: 41, 24: 33, 5: 31}
    assert _distinct(result.positions["mmsi"]) == 2_275
    used = set(result.positions["mmsi"].to_pylist()) | set(result.statics["mmsi"].to_pylist())
    assert len(used) == 2_334  # 28 MMSIs only send messages with neither (types 20, 25 …)
    account = result.account
    assert account.balanced()
    assert (account.lines, account.consumed) == (2_499, 2_469)
    ignored = {"header": 1, "msg_type_25": 17, "msg_type_20": 7, "msg_type_8": 2}
    ignored |= {"msg_type_6": 1, "msg_type_12": 1, "msg_type_26": 1}
    assert account.ignored == Counter(ignored)
    assert result.quarantine.num_rows == 0


def test_spire_values(csv_dir: Path) -> None:
    result = _read(csv_dir / SPIRE)
    positions = result.positions
    first = positions.slice(0, 1).to_pylist()[0]
    assert (first["line"], first["mmsi"], first["msg_type"]) == (2, 432905000, 1)
    assert first["timestamp"] == datetime(2021, 7, 1, 18, 51, 51, 680_000, tzinfo=UTC)
    assert (first["heading"], first["status"], first["accuracy"]) == (315, 0, False)
    assert Counter(positions["station"].to_pylist()) == {
        "vessel": 2_372,
        "base_station": 19,
        "aid_to_navigation": 13,
        "sar_aircraft": 1,
    }
    # The decoder wrote the not-available codes as None: 323 headings, 24 speeds, 220 courses.
    assert _flagged(positions, FLAG_HEADING_NOT_AVAILABLE) == 323
    assert _flagged(positions, FLAG_SPEED_NOT_AVAILABLE) == 24
    assert _flagged(positions, FLAG_COURSE_NOT_AVAILABLE) == 220
    assert _flagged(positions, FLAG_POSITION_NOT_AVAILABLE) == 11  # 91 / 181
    (zonda,) = _rows(result.statics, "mmsi", 538007407)
    assert (zonda["imo"], zonda["name"], zonda["callsign"]) == (9436472, "GH ZONDA", "V7MF3")
    assert zonda["draught"] == pytest.approx(8.7, abs=1e-6)  # raw 87 decimetres
    assert (zonda["destination"], zonda["to_bow"], zonda["shiptype"]) == ("BLUFF", 182, 71)
    statics = result.statics
    invalid = pc.not_equal(pc.bit_wise_and(statics["flags"], FLAG_IMO_INVALID), 0)
    assert sorted(statics.filter(invalid)["imo"].to_pylist()) == [12, 901265400]


# --- generic CSV and Parquet written here --------------------------------------------------

GENERIC_HEADER = "MMSI,Timestamp,Lat,Lon,SOG,COG,Heading,Name,IMO,Call_Sign,Ship_Type,Draft\n"
GENERIC_ROWS = [
    "273000001,2024-05-01T00:00:00,45.0,140.0,10.5,90.0,91,SEA STAR,IMO9436472,UBCD,70,7.5",
    "273000001,2024-05-01T00:10:00Z,45.1,140.1,10.4,91.0,92,SEA STAR,IMO9436472,UBCD,70,7.5",
    "273000001,2024-05-01T00:20:00,abc,140.2,10.4,91.0,92,SEA STAR,IMO9436472,UBCD,70,7.5",
    "273000001,2024-05-01T03:30:00+03:00,45.3,140.3,102.3,360,511,SEA STAR,9436472,UBCD,70,8.0",
    "",
    "273000002,2022-13-45,46.0,141.0,1,1,1,RIVER,IMO1234567,,,",
    "273000002,2024-05-01T00:00:00,46.0,141.0",
    "12x,2024-05-01T00:00:00,46.0,141.0,1,1,1,,,,,",
    "273000003,,91,181,,,,CANAL,0,,,",
    "273000004,2024-05-01 00:00:00.250,47.0,142.0,,,,,,,,",
]


def _write_generic(tmp_path: Path) -> Path:
    path = tmp_path / "generic.csv"
    path.write_text(GENERIC_HEADER + "\n".join(GENERIC_ROWS) + "\n", encoding="utf-8")
    return path


def test_generic_csv_keeps_good_rows_and_quarantines_bad(tmp_path: Path) -> None:
    path = _write_generic(tmp_path)
    assert detect_format(path, path.read_bytes()) == "generic"
    result = _read(path)
    assert result.positions["line"].to_pylist() == [2, 3, 5, 10, 11]
    times = result.positions["timestamp"].to_pylist()
    assert times[:3] == [datetime(2024, 5, 1, 0, m, tzinfo=UTC) for m in (0, 10, 30)]
    assert times[3] is None
    assert times[4] == datetime(2024, 5, 1, 0, 0, 0, 250_000, tzinfo=UTC)
    flags = result.positions["flags"].to_pylist()
    na = FLAG_SPEED_NOT_AVAILABLE | FLAG_COURSE_NOT_AVAILABLE | FLAG_HEADING_NOT_AVAILABLE
    assert flags == [0, 0, na, FLAG_POSITION_NOT_AVAILABLE | FLAG_NO_TIME, 0]
    quarantine = result.quarantine.to_pylist()
    assert [(q["line"], q["reason"]) for q in quarantine] == [
        (4, BAD_FIELD),
        (7, BAD_FIELD),
        (8, BAD_FIELD),
        (9, BAD_FIELD),
    ]
    texts = [q["text"] for q in quarantine]
    assert texts[0] == f"Lat='abc' | {GENERIC_ROWS[2]}"
    assert texts[1] == f"Timestamp='2022-13-45' | {GENERIC_ROWS[5]}"
    assert texts[2] == f"field count: expected 12, got 4 | {GENERIC_ROWS[6]}"
    assert texts[3].startswith("MMSI='12x' | 12x,")
    account = result.account
    assert account.balanced()
    assert account.lines == 11
    assert account.consumed == 5
    assert account.ignored == Counter(header=1, blank=1)
    assert account.quarantined == Counter({BAD_FIELD: 4})


def test_generic_csv_statics(tmp_path: Path) -> None:
    statics = _read(_write_generic(tmp_path)).statics.to_pylist()
    # Line 3 repeats line 2's identity; line 5 changes the draught; line 10 has a name only.
    assert [(s["line"], s["mmsi"]) for s in statics] == [
        (2, 273000001),
        (5, 273000001),
        (10, 273000003),
    ]
    assert [s["draught"] for s in statics] == [7.5, 8.0, None]
    assert statics[0]["imo"] == statics[1]["imo"] == 9436472
    assert [s["flags"] for s in statics] == [0, 0, FLAG_NO_TIME]
    assert statics[0]["callsign"] == "UBCD"
    assert statics[2]["imo"] is None  # IMO 0
    assert statics[2]["flags"] == FLAG_NO_TIME


def test_generic_csv_in_small_batches_matches(tmp_path: Path) -> None:
    path = _write_generic(tmp_path)
    whole = _read(path)
    for size in (1, 2, 3):
        small = _read(path, batch_rows=size)
        assert small.batches > 3
        assert small.positions.equals(whole.positions)
        assert small.statics.equals(whole.statics)
        assert small.quarantine.equals(whole.quarantine)
        assert small.account == whole.account


def test_generic_csv_odd_lines(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    lines = [
        b"\xef\xbb\xbfmmsi;time;lat;lon;name".replace(b";", b","),
        b'273000001,2024-05-01T00:00:00,45,140,"SEA, STAR"',
        b'273000001,2024-05-01T00:01:00,45,140,"NOT CLOSED',
        b"273000001,2024-05-01T00:02:00,45,140,CAF\xc9",  # Latin-1
        b"273000001,2024-05-01T00:03:00,45,140,LAST",
    ]
    path.write_bytes(b"\r\n".join(lines))  # CRLF, no final newline
    result = _read(path)
    assert result.positions["line"].to_pylist() == [2, 4, 5]
    assert [s["name"] for s in result.statics.to_pylist()] == ["SEA, STAR", "CAFÉ", "LAST"]
    (quarantined,) = result.quarantine.to_pylist()
    assert quarantined["line"] == 3
    assert quarantined["text"].startswith("quote not closed | 273000001,")
    assert result.account.balanced()
    assert result.account.lines == 5


def _parquet_rows() -> dict[str, list[object]]:
    return {
        "MMSI": [273000001, 273000001, 273000002, 273000003],
        "timestamp": ["2024-05-01T00:00:00", "yesterday", "2024-05-01T00:00:00", None],
        "Lat": ["45.0", "45.1", "north", "47"],
        "lon": [140.0, 140.1, 141.0, 142.0],
        "speed": [10.5, None, 1.0, 2.0],
        "vessel_name": ["SEA STAR", "SEA STAR", None, "X"],
        "imo": ["IMO9436472", None, None, "9234567"],
        "cargo": ["oil", "oil", "oil", "oil"],  # not mapped: never read
    }


def test_parquet_keeps_good_rows_and_quarantines_bad(tmp_path: Path) -> None:
    path = tmp_path / "positions.parquet"
    pq.write_table(pa.table(_parquet_rows()), path)
    assert detect_format(path, path.read_bytes()[:4]) == "parquet"
    result = _read(path)
    assert result.positions["line"].to_pylist() == [1, 4]
    assert result.positions["timestamp"].to_pylist() == [datetime(2024, 5, 1, tzinfo=UTC), None]
    assert result.positions["speed"].to_pylist() == [10.5, 2.0]
    quarantine = result.quarantine.to_pylist()
    assert [(q["line"], q["reason"]) for q in quarantine] == [(2, BAD_FIELD), (3, BAD_FIELD)]
    assert quarantine[0]["text"].startswith("timestamp='yesterday' | ")
    assert quarantine[1]["text"].startswith("Lat='north' | ")
    statics = result.statics.to_pylist()
    assert [(s["line"], s["imo"], s["flags"]) for s in statics] == [
        (1, 9436472, 0),
        (4, 9234567, FLAG_IMO_INVALID | FLAG_NO_TIME),  # bad check digit
    ]
    assert result.account.balanced()
    assert (result.account.lines, result.account.consumed) == (4, 2)
    assert result.account.quarantined == Counter({BAD_FIELD: 2})


def test_parquet_with_typed_times(tmp_path: Path) -> None:
    path = tmp_path / "typed.parquet"
    naive = [datetime(2024, 5, 1, 12, 0, 0, 123_456)]
    table = pa.table(
        {
            "mmsi": pa.array([273000001], pa.int64()),
            "datetime": pa.array(naive, pa.timestamp("us")),  # naive: UTC
            "latitude": pa.array([45.0], pa.float32()),
            "longitude": [140.0],
        }
    )
    pq.write_table(table, path)
    (row,) = _read(path).positions.to_pylist()
    assert row["timestamp"] == datetime(2024, 5, 1, 12, 0, 0, 123_000, tzinfo=UTC)
    assert (row["lat"], row["lon"]) == (45.0, 140.0)


def test_parquet_without_required_columns(tmp_path: Path) -> None:
    path = tmp_path / "anonymous.parquet"
    columns = {"vessel": [1], "time": ["2024-05-01T00:00:00"], "lat": [1.0], "lon": [2.0]}
    pq.write_table(pa.table(columns), path)
    with pytest.raises(InputError, match="missing column"):
        read_provider(path)


# --- bounded memory ------------------------------------------------------------------------


def test_small_batches_concatenate_to_one_batch(csv_dir: Path) -> None:
    path = csv_dir / MC_2022
    whole = _read_cached(path)
    small = _read(path, batch_rows=1_000)
    assert whole.batches == 1
    assert small.batches == 100
    assert small.positions.equals(whole.positions)
    assert small.statics.equals(whole.statics)  # the change-only rule spans batches
    assert small.account == whole.account


def test_batches_are_lazy_and_bounded(csv_dir: Path) -> None:
    batches, account = read_provider(csv_dir / MC_2022, batch_rows=5_000)
    first = next(batches)
    assert first.positions.num_rows == 5_000
    assert (account.lines, account.consumed) == (5_001, 5_000)  # grows as batches are read
    assert account.balanced()
    assert sum(1 for _ in batches) == 19


# --- unreadable files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\n\n", "empty"),
        (b"MMSI,BaseDateTime\x00\x01\x02", "binary"),
        (b"\x1f\x8b\x08\x00abc", "cannot read"),  # a broken gzip stream
        (b"PK\x03\x04\x14\x00", "binary or compressed"),  # zip: not unpacked here
        (b"338148873,2022-01-03T00:00:00,33.6,-117.9\n", "no AIS provider format"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as error:
        read_provider(path)
    assert error.value.path == str(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_provider(tmp_path / "absent.csv")


def test_header_only(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("MMSI,BaseDateTime,LAT,LON\n")
    result = _read(path)
    assert result.batches == 0
    assert result.account.lines == 1
    assert result.account.balanced()


@pytest.mark.parametrize(
    "header", ["MMSI,BaseDateTime,LAT,LON,LAT", "mmsi,time,lat,lon,MMSI", "mmsi,time,lat,lon,Lat"]
)
def test_ambiguous_header(tmp_path: Path, header: str) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(f"{header}\n273000001,2024-05-01T00:00:00,45,140,1\n")
    with pytest.raises(InputError, match="appears twice"):
        read_provider(path)


def test_chunk_of_set_aside_lines_only(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text('mmsi,time,lat,lon\n"273000001,2024-05-01T00:00:00,45,140\n\n')
    result = _read(path, batch_rows=1)
    assert result.quarantine["line"].to_pylist() == [2]
    assert result.account.ignored == Counter(header=1, blank=1)
    assert result.account.balanced()


def test_parquet_time_as_bare_number_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "epoch.parquet"
    pq.write_table(pa.table({"mmsi": [1], "time": [1714521600], "lat": [1.0], "lon": [2.0]}), path)
    with pytest.raises(InputError, match="column time has type int64"):
        read_provider(path)  # refused before any batch is asked for


def test_gzip_csv_reads_as_its_content(csv_dir: Path, tmp_path: Path) -> None:
    plain = csv_dir / MC_2023
    packed = tmp_path / "mc.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    whole, unpacked = _read(plain), _read(packed, batch_rows=300)
    assert unpacked.positions.equals(whole.positions)
    assert unpacked.statics.equals(whole.statics)
    assert unpacked.account == whole.account


def test_errors_name_the_file_shown(tmp_path: Path) -> None:
    staged = tmp_path / "staged-copy"
    staged.write_bytes(b"vessel,when,longitude,latitude\n1,20/03/2021 00:22,32.3,31.4\n")
    with pytest.raises(InputError) as error:
        read_provider(staged, shown_as=Path("suez.csv"))
    assert error.value.path == "suez.csv"
    truncated = tmp_path / "truncated.csv.gz"
    rows = "".join(
        f"{273000000 + i},2024-05-01T00:00:00,{i % 89},{i % 179}\n" for i in range(10**5)
    )
    packed = gzip.compress(f"mmsi,time,lat,lon\n{rows}".encode())
    truncated.write_bytes(packed[: len(packed) // 2])
    batches, _ = read_provider(truncated, shown_as=Path("ais.csv.gz"))
    with pytest.raises(InputError) as late:
        list(batches)
    assert late.value.path == "ais.csv.gz"
