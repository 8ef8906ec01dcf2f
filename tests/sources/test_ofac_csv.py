"""OFAC SDN legacy CSV reader, against the real published files and small synthetic rows."""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from sanctionwatch.errors import InputError
from sanctionwatch.sources.legal_forms import is_company_name
from sanctionwatch.sources.ofac_csv import (
    AUTHORITY,
    SOURCE_URL,
    companion_files,
    date_values,
    programme_tags,
    read_ofac_sdn,
)
from sanctionwatch.sources.records import ListEntry, ListFile, ListSnapshot

SYNTHETIC = Path("synthetic/sdn.csv")
NULL = "-0- "


@cache
def _read_set(folder: Path, with_companions: bool = True) -> ListSnapshot:
    sdn_path = folder / "sdn.csv"
    add_path, alt_path = companion_files(sdn_path) if with_companions else (None, None)
    return read_ofac_sdn(
        ListFile("sdn", sdn_path, sdn_path.read_bytes()),
        ListFile("add", add_path, add_path.read_bytes()) if add_path else None,
        ListFile("alt", alt_path, alt_path.read_bytes()) if alt_path else None,
    )


@pytest.fixture(scope="module")
def snap_2024(lists_dir: Path) -> ListSnapshot:
    return _read_set(lists_dir / "ofac" / "2024-05-03")


@pytest.fixture(scope="module")
def snap_2021(lists_dir: Path) -> ListSnapshot:
    return _read_set(lists_dir / "ofac" / "2021-04")


def _by_id(snapshot: ListSnapshot) -> dict[str, ListEntry]:
    return {entry.id: entry for entry in snapshot.entries}


def _dprk_schemas(snapshot: ListSnapshot) -> Counter[str]:
    counts = Counter(entry.schema for entry in snapshot.entries if entry.dprk)
    # OFAC's "entity" type is one type here, split into Company and Organization by name.
    counts["Organization+Company"] = counts.pop("Organization") + counts.pop("Company")
    return counts


def _field(value: str) -> str:
    return NULL if value == "" else '"' + value.replace('"', '""') + '"'


def _sdn_row(
    ent_num: str, name: str, sdn_type: str = "", program: str = "DPRK", **cols: str
) -> str:
    """One sdn.csv line in the published layout; empty fields become the ``-0-`` marker."""
    names = ("title", "call_sign", "vess_type", "tonnage", "grt", "flag", "owner", "remarks")
    fields = [ent_num, _field(name), _field(sdn_type), _field(program)]
    fields += [_field(cols.get(column, "")) for column in names]
    return ",".join(fields) + "\r\n"


def _sdn(*rows: str) -> ListFile:
    return ListFile("sdn", SYNTHETIC, ("".join(rows) + "\x1a").encode("cp1252"))


def _one(*rows: str, add: str | None = None, alt: str | None = None) -> ListEntry:
    snapshot = read_ofac_sdn(
        _sdn(*rows),
        ListFile("add", Path("synthetic/add.csv"), add.encode()) if add is not None else None,
        ListFile("alt", Path("synthetic/alt.csv"), alt.encode()) if alt is not None else None,
    )
    return snapshot.entries[0]


# --- the real files -------------------------------------------------------------------------


def test_2024_counts_match_the_published_file(snap_2024: ListSnapshot) -> None:
    assert len(snap_2024.entries) == 14_965
    assert sum(entry.dprk for entry in snap_2024.entries) == 484
    assert _dprk_schemas(snap_2024) == {
        "Person": 164,
        "Organization+Company": 199,
        "Vessel": 105,
        "Airplane": 16,
    }


def test_2024_dprk_vessel_imo_numbers(snap_2024: ListSnapshot, lists_dir: Path) -> None:
    vessels = [e for e in snap_2024.entries if e.dprk and e.schema == "Vessel"]
    lines = (lists_dir / "ofac/2024-05-03/sdn.csv").read_bytes().decode("cp1252").split("\r\n")
    # 104 Remarks write "IMO nnnnnnn"; ent 17104 writes a bare registration number that
    # passes the IMO check: kept as the list states it, and flagged as a probable IMO.
    written_with_prefix = [e for e in vessels if re.search(r"IMO \d{7}", lines[e.line - 1])]
    assert len(written_with_prefix) == 104
    assert len([e for e in vessels if e.entity.get("imoNumber")]) == 104
    bare = _by_id(snap_2024)["ofac:17104"]
    assert bare.caption == "RYONG GUN BONG"
    assert bare.entity.get("imoNumber") == []
    assert bare.entity.get("registrationNumber") == ["8606173"]
    assert bare.flags == ("probable_imo:8606173",)


def test_records_carry_their_line_and_stable_id(snap_2024: ListSnapshot) -> None:
    first, last = snap_2024.entries[0], snap_2024.entries[-1]
    assert (first.id, first.line, first.entity.id) == ("ofac:36", 1, "ofac:36")
    # The file has 14,965 CRLF lines and a trailing Ctrl-Z: that byte is not a record.
    assert last.line == 14_965
    assert snap_2024.list == "ofac"
    assert snap_2024.generated is None
    assert [f.role for f in snap_2024.files] == ["sdn"]


def test_trailing_ctrl_z_is_not_a_record(lists_dir: Path) -> None:
    data = (lists_dir / "ofac/2021-04/alt.csv").read_bytes()
    assert data.endswith(b"\r\n\x1a")
    sdn = (lists_dir / "ofac/2021-04/sdn.csv").read_bytes()
    with_byte = read_ofac_sdn(ListFile("sdn", SYNTHETIC, sdn))
    without_byte = read_ofac_sdn(ListFile("sdn", SYNTHETIC, sdn.rstrip(b"\x1a")))
    assert len(with_byte.entries) == len(without_byte.entries) == 8_890
    assert with_byte.entries[-1].id == "ofac:31651"


def test_programme_field_is_split_into_tags(snap_2024: ListSnapshot) -> None:
    komid = _by_id(snap_2024)["ofac:9345"]
    assert komid.caption == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert komid.programmes == ("NPWMD", "DPRK2")
    assert komid.dprk
    assert sorted(komid.sanction.get("program")) == ["DPRK2", "NPWMD"]
    assert programme_tags("NPWMD] [CYBER2] [CAATSA - RUSSIA] [RUSSIA-EO") == (
        "NPWMD",
        "CYBER2",
        "CAATSA - RUSSIA",
        "RUSSIA-EO",
    )
    assert programme_tags("-0- ") == ()
    assert not _by_id(snap_2024)["ofac:36"].dprk  # CUBA only


def test_dprk_vessel_star_18(snap_2024: ListSnapshot) -> None:
    star = _by_id(snap_2024)["ofac:28716"]
    assert star.schema == "Vessel"
    assert star.line == 7311
    assert star.entity.get("name") == ["STAR 18"]
    assert star.entity.get("imoNumber") == ["IMO9020015"]
    assert star.entity.get("flag") == ["vn"]
    assert star.entity.get("type") == ["General Cargo"]
    assert star.programmes == ("DPRK4",)
    assert sorted(star.entity.get("previousName")) == ["SAM 5", "THINH CUONG"]
    assert "Linked To: THINH CUONG COMPANY LIMITED" in star.entity.get("notes")
    # No DPRK vessel in these files has a call sign; the column is checked on ARTAVIL below.
    assert star.entity.get("callSign") == []


def test_vessel_columns_and_vessel_remarks(snap_2024: ListSnapshot) -> None:
    artavil = _by_id(snap_2024)["ofac:15036"].entity
    assert artavil.get("callSign") == ["T2EU4"]
    assert artavil.get("type") == ["Crude/Oil Products Tanker"]
    assert artavil.get("tonnage") == ["99144"]
    assert artavil.get("grossRegisteredTonnage") == ["56068"]
    assert artavil.get("flag") == ["ir"]
    assert artavil.get("mmsi") == ["572469210"]
    assert artavil.get("imoNumber") == ["IMO9187629"]
    assert sorted(artavil.get("pastFlags")) == ["mt", "tv", "tz"]
    assert artavil.get("previousName") == ["ALPHA"]
    assert "Former Vessel Flag None Identified" in " ".join(artavil.get("notes"))


def test_dprk_people(snap_2024: ListSnapshot) -> None:
    entries = _by_id(snap_2024)
    ri = entries["ofac:19609"]  # "citizen Korea, North"
    assert ri.schema == "Person"
    assert ri.entity.get("name") == ["RI, Won Ho"]
    assert (ri.entity.get("lastName"), ri.entity.get("firstName")) == (["RI"], ["Won Ho"])
    assert ri.entity.get("birthDate") == ["1964-07-17"]
    assert ri.entity.get("passportNumber") == ["381310014"]
    assert ri.entity.get("nationality") == ["kp"]
    assert ri.entity.get("position") == ["North Korea's Ministry of State Security Official"]
    # The passport's country and expiry have no property: the clause stays as a note.
    assert "Passport 381310014 (Korea, North) expires 12 Jul 2016" in ri.entity.get("notes")
    ryu = entries["ofac:17616"]  # "nationality Korea, North"
    assert ryu.entity.get("birthDate") == ["1965-08-07"]
    assert ryu.entity.get("passportNumber") == ["563410081"]
    assert ryu.entity.get("nationality") == ["kp"]
    sun = entries["ofac:23170"]
    assert sun.entity.get("gender") == ["male"]
    assert sun.entity.get("birthPlace") == ["Dandong, China"]
    assert sun.entity.get("idNumber") == ["210623197605112215"]


def test_dprk_aircraft_name_is_its_registration(snap_2024: ListSnapshot) -> None:
    plane = _by_id(snap_2024)["ofac:20540"]
    assert plane.schema == "Airplane"
    assert plane.entity.get("registrationNumber") == ["P-532"]
    assert plane.entity.get("model") == ["AN24-RV"]
    assert plane.entity.get("buildDate") == ["1974"]
    assert "Aircraft Operator Air Koryo" in plane.entity.get("notes")


def test_company_imo_checked_with_the_company_rule(snap_2024: ListSnapshot) -> None:
    entries = _by_id(snap_2024)
    omm = entries["ofac:17068"]
    assert omm.schema == "Company"
    assert omm.entity.get("imoNumber") == ["IMO1790183"]
    assert omm.flags == ()
    # "Company Number IMO 543400" has six digits: kept, and flagged.
    hwasong = entries["ofac:23513"]
    assert hwasong.entity.get("imoNumber") == ["IMO543400"]
    assert hwasong.flags == ("invalid_imo:543400",)


def test_truncated_remarks_are_flagged_not_parsed(snap_2024: ListSnapshot) -> None:
    lazarus = _by_id(snap_2024)["ofac:27307"]
    assert "remarks_truncated" in lazarus.flags
    assert "THE NEW ROMANTIC CYBER ARMY TEAM" in lazarus.entity.get("alias")
    assert not any("WHOIS" in alias for alias in lazarus.entity.get("alias"))
    assert "a.k.a. 'WHOIS HACKIN [remarks truncated in the source file]" in lazarus.entity.get(
        "notes"
    )
    assert sum("remarks_truncated" in e.flags for e in snap_2024.entries) == 17


def test_sanction_entity(snap_2024: ListSnapshot) -> None:
    entry = _by_id(snap_2024)["ofac:12209"]
    assert entry.schema == "Organization"  # "OFFICE 39": no legal form in the name
    assert entry.sanction.id == "ofac:12209-sanction"
    assert entry.sanction.schema.name == "Sanction"
    assert entry.sanction.get("entity") == ["ofac:12209"]
    assert entry.sanction.get("authority") == [AUTHORITY]
    assert entry.sanction.get("sourceUrl") == [SOURCE_URL]
    assert entry.sanction.get("program") == ["DPRK"]
    assert entry.entity.get("topics") == ["sanction"]
    assert entry.entity.get("alias") == ["THIRD FLOOR"]


def test_2021_triple_counts(snap_2021: ListSnapshot) -> None:
    assert len(snap_2021.entries) == 8_890
    assert sum(entry.dprk for entry in snap_2021.entries) == 414
    assert _dprk_schemas(snap_2021) == {
        "Person": 130,
        "Organization+Company": 162,
        "Vessel": 106,
        "Airplane": 16,
    }
    assert [f.role for f in snap_2021.files] == ["sdn", "add", "alt"]
    assert [f.path.name for f in snap_2021.files] == ["sdn.csv", "add.csv", "alt.csv"]


def test_2021_addresses_and_aliases_land_on_komid(snap_2021: ListSnapshot) -> None:
    komid = _by_id(snap_2021)["ofac:9345"].entity
    assert komid.get("address") == [
        "Central District, Pyongyang, Korea, North",
        "Beijing, China",
        "Moscow, Russia",
        "Tehran, Iran",
        "Damascus, Syria",
    ]
    assert sorted(komid.get("country")) == ["cn", "ir", "kp", "ru", "sy"]
    aliases = set(komid.get("alias"))
    assert "KOMID" in aliases  # from Remarks
    assert "CHANGGWANG SINYONG CORPORATION" in aliases  # from alt.csv
    assert len(aliases) == 7
    # An address row with only a country adds the country and no address line.
    omm = _by_id(snap_2021)["ofac:17068"].entity
    assert "sg" in omm.get("country")
    assert not any(address.startswith("Singapore") for address in omm.get("address"))


def test_2021_fka_from_alt_csv(snap_2021: ListSnapshot) -> None:
    asia_bridge = _by_id(snap_2021)["ofac:27408"]
    assert asia_bridge.schema == "Vessel"
    assert asia_bridge.entity.get("previousName") == ["ASIA BRIDGE 2"]


def test_without_alt_csv_aliases_come_from_remarks_only(lists_dir: Path) -> None:
    alone = _read_set(lists_dir / "ofac" / "2021-04", with_companions=False)
    komid = _by_id(alone)["ofac:9345"].entity
    assert komid.get("alias") == ["KOMID"]
    assert komid.get("address") == []
    assert [f.role for f in alone.files] == ["sdn"]


def test_companion_files(lists_dir: Path, tmp_path: Path) -> None:
    folder = lists_dir / "ofac" / "2021-04"
    assert companion_files(folder / "sdn.csv") == (folder / "add.csv", folder / "alt.csv")
    assert companion_files(lists_dir / "ofac/2024-05-03/sdn.csv") == (None, None)
    (tmp_path / "SDN.CSV").write_bytes(b"")
    (tmp_path / "ADD.CSV").write_bytes(b"")
    (tmp_path / "Alt.Csv").write_bytes(b"")
    assert companion_files(tmp_path / "SDN.CSV") == (tmp_path / "ADD.CSV", tmp_path / "Alt.Csv")
    assert companion_files(tmp_path / "missing" / "sdn.csv") == (None, None)


# --- mapping rules on synthetic rows --------------------------------------------------------


def test_invalid_ship_imo_is_kept_and_flagged() -> None:
    bad = _one(
        _sdn_row(
            "90001",
            "TEST SHIP",
            "vessel",
            remarks="Vessel Registration Identification IMO 9020016.",
        )
    )
    assert bad.entity.get("imoNumber") == ["IMO9020016"]
    assert bad.flags == ("invalid_imo:9020016",)
    good = _one(
        _sdn_row(
            "90001",
            "TEST SHIP",
            "vessel",
            remarks="Vessel Registration Identification IMO 9020015.",
        )
    )
    assert good.flags == ()


def test_company_imo_rule_does_not_apply_to_ships() -> None:
    # 5342883 is a valid company number (OMM's "Identification Number IMO"), not a ship number.
    ship = _one(
        _sdn_row(
            "90002", "SHIP", "vessel", remarks="Vessel Registration Identification IMO 5342883."
        )
    )
    assert ship.flags == ("invalid_imo:5342883",)
    company = _one(
        _sdn_row("90002", "X SHIPPING CO LTD", remarks="Identification Number IMO 5342883.")
    )
    assert company.flags == ()


@pytest.mark.parametrize(
    ("remarks", "dates", "noted"),
    [
        ("DOB 17 Jul 1964", ["1964-07-17"], False),
        ("DOB Jan 1960", ["1960-01"], False),
        ("DOB 1964", ["1964"], False),
        ("DOB circa 1947; alt. DOB circa 1946", ["1947", "1946"], True),
        ("DOB 1958 to 1960", ["1958", "1959", "1960"], True),
        ("DOB 01 Jan 1953 to 31 Dec 1953", ["1953"], True),
        ("DOB circa 1979-1982", ["1979", "1980", "1981", "1982"], True),
        ("DOB 31 Feb 1950", [], True),
    ],
)
def test_birth_dates(remarks: str, dates: list[str], noted: bool) -> None:
    person = _one(_sdn_row("90003", "KIM, Test", "individual", remarks=remarks + ".")).entity
    assert person.get("birthDate") == dates
    assert any(note.startswith(("DOB", "alt. DOB")) for note in person.get("notes")) is noted


def test_date_values_handles_long_ranges_by_their_ends() -> None:
    assert date_values("1900 to 1960") == (["1900", "1960"], False)
    assert date_values("sometime") == ([], False)


def test_aliases_from_remarks() -> None:
    entity = _one(
        _sdn_row(
            "90004",
            "ABU-'UMAR, Test",
            "individual",
            remarks="a.k.a. 'ABU-'UMAR'; f.k.a. 'OLD NAME'; n.k.a. 'NEW NAME'; weak a.k.a. 'ABU'.",
        )
    ).entity
    assert entity.get("alias") == ["ABU-'UMAR", "NEW NAME"]
    assert entity.get("previousName") == ["OLD NAME"]
    assert entity.get("weakAlias") == ["ABU"]


def test_unknown_clauses_and_unfit_values_go_to_notes() -> None:
    entity = _one(
        _sdn_row(
            "90005",
            "KOREA TEST BUREAU",
            remarks="Favourite colour blue; DOB 1960; Gender Male; Website example.org.",
        )
    ).entity
    assert entity.schema.name == "Organization"
    # Organizations have no birthDate or gender: the clauses are kept, not dropped.
    assert entity.get("notes") == ["Favourite colour blue", "DOB 1960", "Gender Male"]
    assert entity.get("website") == ["http://example.org/"]


def test_title_column_and_its_repeat_in_remarks() -> None:
    person = _one(
        _sdn_row(
            "90006",
            "PAK, Test",
            "individual",
            title="Minister of Labor",
            remarks="Minister of Labor.",
        )
    ).entity
    assert person.get("title") == ["Minister of Labor"]
    assert person.get("position") == ["Minister of Labor"]
    assert person.get("notes") == []


def test_vessel_owner_goes_to_notes() -> None:
    ship = _one(_sdn_row("90007", "TEST SHIP", "vessel", owner="NITC", tonnage="1,000")).entity
    assert ship.get("notes") == ["Owner: NITC"]
    assert ship.get("tonnage") == ["1000"]


def test_aircraft_listed_by_msn() -> None:
    plane = _one(
        _sdn_row("90008", "MSN 550", "aircraft", remarks="Aircraft Tail Number YI-AQY.")
    ).entity
    assert plane.get("serialNumber") == ["550"]
    assert plane.get("registrationNumber") == ["YI-AQY"]


def test_company_or_organization_by_legal_form() -> None:
    assert is_company_name("DANDONG XIANGHE TRADING CO., LTD.")
    assert is_company_name("SUEX OTC, S.R.O.")
    assert is_company_name("APOLLON OOO")
    assert not is_company_name("KOREA DAESONG BANK")
    assert not is_company_name("AS-SAHAB MEDIA")
    assert not is_company_name("MINISTRY OF STATE SECURITY")


def test_windows_1252_text() -> None:
    row = _sdn_row("90009", "CAF\u00c9 \u2019T\u2019 LIMITED")  # É (0xC9) and ’ (0x92)
    assert _one(row).entity.get("name") == ["CAF\u00c9 \u2019T\u2019 LIMITED"]


def test_records_spanning_lines_keep_their_starting_line() -> None:
    rows = (
        _sdn_row("1", "A", remarks="first line\r\nsecond line")
        + _sdn_row("2", "B")
        + '3,"C",-0- ,"DPRK"\r\n'
    )
    with pytest.raises(InputError) as caught:
        read_ofac_sdn(_sdn(rows))
    assert caught.value.line == 4
    entries = read_ofac_sdn(_sdn(_sdn_row("1", "A", remarks="x\r\ny"), _sdn_row("2", "B"))).entries
    assert [e.line for e in entries] == [1, 3]


def test_weak_alias_from_alt_remarks_and_orphans_are_counted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    alt = (
        '90010,1,"aka","TEST",-0- \r\n90010,2,"aka","TST","weak"\r\n77777,3,"aka","NOBODY",-0- \r\n'
    )
    with caplog.at_level(logging.WARNING, logger="sanctionwatch.sources.ofac_csv"):
        entity = _one(_sdn_row("90010", "TEST GROUP"), alt=alt).entity
    assert entity.get("alias") == ["TEST"]
    assert entity.get("weakAlias") == ["TST"]
    assert "1 rows name an ent_num not in" in caplog.text


# --- bad input ------------------------------------------------------------------------------


def _error(sdn: ListFile, add: ListFile | None = None, alt: ListFile | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        read_ofac_sdn(sdn, add, alt)
    return caught.value


def test_wrong_field_count_names_path_and_line(lists_dir: Path) -> None:
    path = lists_dir / "ofac/2024-05-03/sdn.csv"
    data = path.read_bytes().rstrip(b"\x1a") + b'99999,"BROKEN ROW","vessel"\r\n\x1a'
    error = _error(ListFile("sdn", path, data))
    assert error.path == str(path)
    assert error.line == 14_966
    assert error.reason == "expected 12 fields, found 3"
    assert f"{path}:14966" in str(error)


def test_wrong_field_count_in_alt_csv(lists_dir: Path) -> None:
    folder = lists_dir / "ofac/2021-04"
    alt = ListFile("alt", folder / "alt.csv", b'36,12,"aka"\r\n')
    error = _error(ListFile("sdn", folder / "sdn.csv", (folder / "sdn.csv").read_bytes()), alt=alt)
    assert (error.path, error.line, error.reason) == (
        str(folder / "alt.csv"),
        1,
        "expected 5 fields, found 3",
    )


@pytest.mark.parametrize("data", [b"", b"\x1a", b"\r\n\r\n\x1a"])
def test_empty_file(data: bytes) -> None:
    error = _error(ListFile("sdn", SYNTHETIC, data))
    assert (error.path, error.reason) == (str(SYNTHETIC), "empty file")


def test_binary_data() -> None:
    data = _sdn_row("1", "A").encode() + b"PK\x03\x04\x00\x00binary"
    error = _error(ListFile("sdn", SYNTHETIC, data))
    assert (error.reason, error.line) == ("binary data, not a CSV", 2)


def test_ent_num_not_an_integer() -> None:
    error = _error(_sdn(_sdn_row("1", "A"), _sdn_row("12a", "B")))
    assert (error.line, error.field) == (2, "ent_num")
    assert "'12a'" in error.reason


def test_ent_num_not_an_integer_in_add_csv() -> None:
    add = ListFile(
        "add", Path("synthetic/add.csv"), b'x1,2,-0- ,"Pyongyang","Korea, North",-0- \r\n'
    )
    error = _error(_sdn(_sdn_row("1", "A")), add=add)
    assert (error.path, error.line, error.field) == ("synthetic/add.csv", 1, "ent_num")


def test_duplicate_ent_num(lists_dir: Path) -> None:
    path = lists_dir / "ofac/2021-04/sdn.csv"
    data = path.read_bytes()
    first_line = data.split(b"\r\n", 1)[0]
    error = _error(ListFile("sdn", path, data.rstrip(b"\x1a") + first_line + b"\r\n"))
    assert (error.line, error.field) == (8_891, "ent_num")
    assert error.reason == "duplicate ent_num 36 (first on line 1)"


def test_unknown_sdn_type_and_broken_quoting() -> None:
    error = _error(_sdn(_sdn_row("1", "A", "submarine")))
    assert (error.line, error.field) == (1, "SDN_Type")
    error = _error(_sdn('1,"A"B",-0- \r\n'))
    assert error.line == 1
    assert error.reason.startswith("malformed CSV")
