"""UN Consolidated List reader, against the real published files and small inline XML."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest

from sanctionwatch.errors import InputError
from sanctionwatch.sources.identifiers import imo_is_valid
from sanctionwatch.sources.records import ListEntry, ListSnapshot
from sanctionwatch.sources.un_xml import AUTHORITY, SOURCE_URL, read_un_list

SYNTHETIC = Path("synthetic/un.xml")


@cache
def _read_file(path: Path) -> ListSnapshot:
    return read_un_list(path.read_bytes(), path)


def _snapshot(lists_dir: Path, date: str) -> ListSnapshot:
    return _read_file(lists_dir / "un" / f"consolidated-{date}.xml")


def _by_id(snapshot: ListSnapshot) -> dict[str, ListEntry]:
    return {entry.id: entry for entry in snapshot.entries}


def _un_xml(individuals: str = "", entities: str = "", root: str = "CONSOLIDATED_LIST") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{root} dateGenerated="2025-01-02T03:04:05.000Z">\n'
        f"<INDIVIDUALS>\n{individuals}</INDIVIDUALS>\n"
        f"<ENTITIES>\n{entities}</ENTITIES>\n"
        f"</{root}>\n"
    ).encode()


def _entity_xml(reference: str, name: str, comments: str = "", aliases: str = "") -> str:
    return (
        "<ENTITY><DATAID>900</DATAID>"
        f"<FIRST_NAME>{name}</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>"
        f"<REFERENCE_NUMBER>{reference}</REFERENCE_NUMBER><LISTED_ON>2018-03-30</LISTED_ON>"
        f"<COMMENTS1>{comments}</COMMENTS1>{aliases}</ENTITY>\n"
    )


def _schema_counts(snapshot: ListSnapshot, *, dprk_only: bool = False) -> tuple[int, int]:
    counts = Counter(
        "individual" if entry.schema == "Person" else "entity"
        for entry in snapshot.entries
        if entry.dprk or not dprk_only
    )
    return counts["individual"], counts["entity"]


# --- whole files --------------------------------------------------------------------


def test_2025_counts_dprk_and_generated(lists_dir: Path) -> None:
    snapshot = _snapshot(lists_dir, "2025-08-02")
    assert snapshot.list == "un"
    assert snapshot.generated == datetime(2025, 8, 2, 23, 0, 0, 935000, tzinfo=UTC)
    assert _schema_counts(snapshot) == (684, 195)
    assert _schema_counts(snapshot, dprk_only=True) == (80, 75)
    (listed,) = snapshot.files
    assert listed.role == "list"
    assert listed.path == lists_dir / "un" / "consolidated-2025-08-02.xml"
    assert listed.data == listed.path.read_bytes()


@pytest.mark.parametrize(
    ("date", "individuals", "entities", "generated"),
    [
        ("2024-09-26", 682, 193, datetime(2024, 9, 26, 0, 0, 7, 514000, tzinfo=UTC)),
        # Published as 20:31:19.923-05:00: converted to UTC.
        ("2020-11-30", 713, 305, datetime(2020, 12, 1, 1, 31, 19, 923000, tzinfo=UTC)),
    ],
)
def test_older_layouts_parse(
    lists_dir: Path, date: str, individuals: int, entities: int, generated: datetime
) -> None:
    snapshot = _snapshot(lists_dir, date)
    assert _schema_counts(snapshot) == (individuals, entities)
    assert snapshot.generated == generated
    assert snapshot.generated.tzinfo == UTC


@pytest.mark.parametrize("date", ["2020-11-30", "2024-09-26", "2025-08-02"])
def test_every_entry_is_consistent(lists_dir: Path, date: str) -> None:
    snapshot = _snapshot(lists_dir, date)
    lines = snapshot.files[0].data.decode("utf-8").splitlines()
    for entry in snapshot.entries:
        assert entry.entity.id == entry.id
        assert entry.id == entry.id.strip() and " " not in entry.id
        assert entry.sanction.get("entity") == [entry.id]
        assert entry.sanction.get("unscId") == [entry.id]
        assert entry.sanction.get("authority") == [AUTHORITY]
        assert entry.sanction.get("sourceUrl") == [SOURCE_URL]
        assert entry.sanction.get("program") == list(entry.programmes)
        assert entry.entity.get("topics") == ["sanction"]
        assert entry.entity.get("name"), entry.id
        assert entry.dprk == entry.id.startswith("KP")
        # The line points at the entry's own opening tag.
        assert entry.line is not None
        assert "<INDIVIDUAL>" in lines[entry.line - 1] or "<ENTITY>" in lines[entry.line - 1]
        assert entry.id in "\n".join(lines[entry.line - 1 : entry.line + 12])


def test_gender_is_male_or_female_only(lists_dir: Path) -> None:
    # 2020-11-30 has "Male", "MALE", "Female" and three "Unknown".
    genders = Counter(
        gender
        for e in _snapshot(lists_dir, "2020-11-30").entries
        if e.schema == "Person"
        for gender in e.entity.get("gender")
    )
    assert genders == {"male": 59, "female": 2}


def test_reference_numbers_lose_padding(lists_dir: Path) -> None:
    # The file has "KPe.023 " with a trailing space.
    raw = (lists_dir / "un" / "consolidated-2025-08-02.xml").read_bytes()
    assert b"<REFERENCE_NUMBER>KPe.023 </REFERENCE_NUMBER>" in raw
    entry = _by_id(_snapshot(lists_dir, "2025-08-02"))["KPe.023"]
    assert entry.caption == "DAEDONG CREDIT BANK (DCB)"


# --- one DPRK person ----------------------------------------------------------------


def test_dprk_person_ri_won_ho(lists_dir: Path) -> None:
    entry = _by_id(_snapshot(lists_dir, "2025-08-02"))["KPi.033"]
    entity = entry.entity
    assert entry.schema == "Person"
    assert entry.dprk
    assert entry.programmes == ("DPRK",)
    assert entity.get("name") == ["RI WON HO"]
    assert entity.get("birthDate") == ["1964-07-17"]
    assert entity.get("passportNumber") == ["381310014"]  # leading space in the file
    assert entity.get("nationality") == ["kp"]
    assert entity.get("position") == ["DPRK Ministry of State Security Official"]
    assert entry.sanction.get("listingDate") == ["2016-11-30"]
    assert entry.sanction.get("startDate") == ["2016-11-30"]
    assert entry.sanction.get("programId") == ["DPRK"]


def test_dprk_person_aliases_and_birth_place(lists_dir: Path) -> None:
    entity = _by_id(_snapshot(lists_dir, "2025-08-02"))["KPi.006"].entity
    assert entity.get("name") == ["PAEK CHANG-HO"]
    assert sorted(entity.get("alias")) == ["Paek Ch'ang-Ho", "Pak Chang-Ho"]
    assert entity.get("birthPlace") == ["Kaesong, Democratic People's Republic of Korea"]
    assert entity.get("birthCountry") == ["kp"]


def test_weak_and_strong_aliases(lists_dir: Path) -> None:
    entity = _by_id(_snapshot(lists_dir, "2025-08-02"))["TAi.005"].entity
    assert "Mohammad Taher Anwari" in entity.get("alias")
    assert entity.get("weakAlias") == ["Haji Mudir"]
    assert "Haji Mudir" not in entity.get("alias")
    assert entity.get("name") == ["MUHAMMAD TAHER ANWARI", "محمد طاهر أنوري"]
    assert entity.get("title") == ["Mullah"]
    assert entity.get("birthDate") == ["1961"]


def test_formerly_known_as_is_previous_name(lists_dir: Path) -> None:
    entity = _by_id(_snapshot(lists_dir, "2025-08-02"))["KPe.003"].entity
    assert sorted(entity.get("previousName")) == [
        "CHANGGWANG CREDIT BANK",
        "KOREA CHANGGWANG CREDIT BANK",
    ]
    assert entity.get("alias") == []


def test_damaged_original_script_is_flagged(lists_dir: Path) -> None:
    flagged = [e for e in _snapshot(lists_dir, "2025-08-02").entries if e.flags]
    assert [(e.id, e.flags) for e in flagged] == [
        ("QDi.203", ("replacement_character:NAME_ORIGINAL_SCRIPT",))
    ]


# --- entities, schemas and IMO numbers -----------------------------------------------


def test_dprk_company_imo_numbers(lists_dir: Path) -> None:
    entries = _snapshot(lists_dir, "2025-08-02").entries
    with_imo = [e for e in entries if e.dprk and e.schema != "Person" and e.entity.get("imoNumber")]
    assert len(with_imo) == 16
    for entry in with_imo:
        (imo,) = entry.entity.get("imoNumber")
        assert imo.startswith("IMO") and imo_is_valid(imo)
        assert not any(flag.startswith("invalid_imo") for flag in entry.flags)
    by_id = {e.id: e for e in with_imo}
    assert by_id["KPe.056"].entity.get("imoNumber") == ["IMO5571322"]  # "IMO number: …"
    assert by_id["KPe.020"].entity.get("imoNumber") == ["IMO1790183"]  # "(IMO) Number: …"
    assert by_id["KPe.066"].entity.get("imoNumber") == ["IMO5434358"]  # "Number IMO …"


def test_company_only_for_explicit_legal_forms(lists_dir: Path) -> None:
    by_id = _by_id(_snapshot(lists_dir, "2025-08-02"))
    assert by_id["KPe.056"].schema == "Company"  # CHONMYONG SHIPPING CO
    assert by_id["KPe.061"].schema == "Company"  # KOREA ACHIM SHIPPING CO, no aliases
    assert by_id["KPe.075"].schema == "Company"  # YUK TUNG ENERGY PTE LTD
    assert by_id["IQe.200"].schema == "Company"  # LOGARCHEO S.A.
    assert by_id["KPe.001"].schema == "Organization"  # ... TRADING CORPORATION
    assert by_id["KPe.003"].schema == "Organization"  # TANCHON COMMERCIAL BANK
    assert by_id["YEe.001"].schema == "Organization"


def test_legal_form_must_be_a_whole_word() -> None:
    data = _un_xml(
        entities=_entity_xml("KPe.901", "CO-OPERATIVE CORPORATION OF COLTD FARMS")
        + _entity_xml(
            "KPe.902",
            "TAESONG BANK",
            aliases=(
                "<ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY>"
                "<ALIAS_NAME>Taesong Trading Co., Ltd.</ALIAS_NAME></ENTITY_ALIAS>"
            ),
        )
    )
    by_id = _by_id(read_un_list(data, SYNTHETIC))
    assert by_id["KPe.901"].schema == "Organization"
    assert by_id["KPe.902"].schema == "Company"
    assert by_id["KPe.902"].entity.get("alias") == ["Taesong Trading Co., Ltd."]


def test_invalid_imo_is_kept_and_flagged() -> None:
    # 5571322 is valid by the company rule; 5571323 fails both check-digit rules.
    data = _un_xml(
        entities=_entity_xml("KPe.901", "GOOD SHIPPING CO", "IMO number: 5571322.")
        + _entity_xml("KPe.902", "BAD SHIPPING CO", "Registered owner. IMO number: 5571323.")
    )
    by_id = _by_id(read_un_list(data, SYNTHETIC))
    assert by_id["KPe.901"].flags == ()
    assert by_id["KPe.901"].entity.get("imoNumber") == ["IMO5571322"]
    assert by_id["KPe.902"].flags == ("invalid_imo:5571323",)
    assert by_id["KPe.902"].entity.get("imoNumber") == ["IMO5571323"]
    assert by_id["KPe.902"].entity.get("notes") == ["Registered owner. IMO number: 5571323."]


# --- synthetic individuals -------------------------------------------------------------


def test_birth_date_forms_documents_and_addresses() -> None:
    individual = """<INDIVIDUAL>
<DATAID>1</DATAID><FIRST_NAME> KIM </FIRST_NAME><SECOND_NAME>IL
  SONG</SECOND_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
<REFERENCE_NUMBER> KPi.901 </REFERENCE_NUMBER><LISTED_ON>2017-06-02-04:00</LISTED_ON>
<GENDER>MALE</GENDER>
<INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Kim Il-song</ALIAS_NAME>
  <DATE_OF_BIRTH>1960-02-03</DATE_OF_BIRTH></INDIVIDUAL_ALIAS>
<INDIVIDUAL_ADDRESS><STREET>1 Main St</STREET><CITY>Pyongyang</CITY>
  <COUNTRY>Democratic People's Republic of Korea</COUNTRY></INDIVIDUAL_ADDRESS>
<INDIVIDUAL_ADDRESS><COUNTRY>China</COUNTRY></INDIVIDUAL_ADDRESS>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE>
  <DATE>1964-07-17-05:00</DATE></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE>
  <FROM_YEAR>1966</FROM_YEAR><TO_YEAR>1968</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT>
  <NUMBER>745310010</NUMBER><ISSUING_COUNTRY>DPRK</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>
<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Numéro de passeport </TYPE_OF_DOCUMENT>
  <NUMBER>A 123</NUMBER></INDIVIDUAL_DOCUMENT>
<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>National Identification Number</TYPE_OF_DOCUMENT>
  <NUMBER>ID-9</NUMBER></INDIVIDUAL_DOCUMENT>
<INDIVIDUAL_DOCUMENT/>
</INDIVIDUAL>
"""
    snapshot = read_un_list(_un_xml(individuals=individual), SYNTHETIC)
    assert snapshot.generated == datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    (entry,) = snapshot.entries
    entity = entry.entity
    assert entry.id == "KPi.901"
    assert entry.line == 4  # the <INDIVIDUAL> tag
    assert entity.get("name") == ["KIM IL SONG"]
    assert entity.get("alias") == ["Kim Il-song"]
    assert entity.get("gender") == ["male"]
    assert sorted(entity.get("birthDate")) == ["1960-02-03", "1964-07-17", "1966", "1968"]
    assert entity.get("passportNumber") == ["745310010", "A 123"]
    assert entity.get("idNumber") == ["ID-9"]
    # A country-only address adds the country but no address text.
    assert entity.get("address") == ["1 Main St, Pyongyang, Democratic People's Republic of Korea"]
    assert sorted(entity.get("country")) == ["cn", "kp"]
    assert entry.sanction.get("listingDate") == ["2017-06-02"]


def test_real_between_birth_years(lists_dir: Path) -> None:
    # Find the BETWEEN 1973-1974 date in the raw file, then the entry enclosing it.
    raw = (lists_dir / "un" / "consolidated-2025-08-02.xml").read_bytes()
    at = raw.index(b"<FROM_YEAR>1973</FROM_YEAR>")
    line = raw.count(b"\n", 0, at) + 1
    entries = _snapshot(lists_dir, "2025-08-02").entries
    enclosing = max(
        (e for e in entries if e.line is not None and e.line <= line), key=lambda e: e.line or 0
    )
    assert {"1973", "1974"} <= set(enclosing.entity.get("birthDate"))


# --- bad input ---------------------------------------------------------------------------


def _raises(data: bytes, path: Path = SYNTHETIC) -> InputError:
    with pytest.raises(InputError) as info:
        read_un_list(data, path)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    return info.value


def test_external_entity_is_refused() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        b'<CONSOLIDATED_LIST dateGenerated="2025-01-01T00:00:00Z"><INDIVIDUALS>'
        b"<INDIVIDUAL><FIRST_NAME>&e;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS>"
        b"</CONSOLIDATED_LIST>"
    )
    error = _raises(data)
    assert "unsafe" in error.reason
    assert "root" not in error.reason


def test_billion_laughs_is_refused() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
        b'<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
        b'<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">\n'
        b"]>\n<CONSOLIDATED_LIST>&lol2;</CONSOLIDATED_LIST>\n"
    )
    assert "unsafe" in _raises(data).reason


def test_truncated_real_file_names_the_line(lists_dir: Path) -> None:
    path = lists_dir / "un" / "consolidated-2025-08-02.xml"
    head = path.read_bytes()[:5000]
    error = _raises(head, path)
    assert error.line is not None
    assert error.line >= head.count(b"\n")
    assert f":{error.line}" in str(error)


def test_wrong_root_element() -> None:
    data = b'<?xml version="1.0"?><sdnList><sdnEntry/></sdnList>'
    error = _raises(data)
    assert error.reason == "not a UN consolidated list: root element is <sdnList>"


def test_missing_reference_number() -> None:
    individual = (
        "<INDIVIDUAL><DATAID>6908555</DATAID><FIRST_NAME>RI</FIRST_NAME>"
        "<REFERENCE_NUMBER>  </REFERENCE_NUMBER></INDIVIDUAL>\n"
    )
    error = _raises(_un_xml(individuals=individual))
    assert error.field == "REFERENCE_NUMBER"
    assert "6908555" in error.reason
    assert error.line == 4


def test_duplicate_reference_number() -> None:
    data = _un_xml(entities=_entity_xml("KPe.001", "A CO") + _entity_xml("KPe.001 ", "B CO"))
    error = _raises(data)
    assert error.field == "REFERENCE_NUMBER"
    assert "KPe.001" in error.reason
    assert error.line == 7  # the second <ENTITY>
    assert "first at line 6" in error.reason


@pytest.mark.parametrize("data", [b"", b"  \n\t "])
def test_empty_input(data: bytes) -> None:
    assert _raises(data).reason == "empty file"


def test_bad_generated_date() -> None:
    data = _un_xml().replace(b"2025-01-02T03:04:05.000Z", b"yesterday")
    error = _raises(data)
    assert error.field == "dateGenerated"
