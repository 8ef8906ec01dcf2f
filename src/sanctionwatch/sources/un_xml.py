"""Reader for the UN Security Council Consolidated List (XML).

The file has a ``CONSOLIDATED_LIST`` root with ``INDIVIDUALS/INDIVIDUAL`` and
``ENTITIES/ENTITY``. Each entry becomes a FollowTheMoney entity (``Person``,
``Organization`` or ``Company``) plus a ``Sanction`` pointing at it. The
published files vary in layout (one line per entry, pretty-printed, single or
double quotes) and carry stray whitespace in most text fields, so every value is
whitespace-normalised before use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from followthemoney import EntityProxy, model, registry

from sanctionwatch.errors import InputError
from sanctionwatch.sources.identifiers import imo_is_valid
from sanctionwatch.sources.legal_forms import entity_schema
from sanctionwatch.sources.records import UN_DPRK_PREFIX, ListEntry, ListFile, ListSnapshot
from sanctionwatch.sources.xml_safe import parse_xml

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

ROOT_TAG = "CONSOLIDATED_LIST"
AUTHORITY = "United Nations Security Council"
SOURCE_URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_ADDRESS_PARTS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE")
_BIRTH_PLACE_PARTS = ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE")
_BIRTH_DATE_PARTS = ("DATE", "YEAR", "FROM_YEAR", "TO_YEAR")

# Alias QUALITY → FtM property. Individuals use Good/Low, entities a.k.a./f.k.a.
_ALIAS_PROPERTY = {
    "good": "alias",
    "a.k.a.": "alias",
    "low": "weakAlias",
    "f.k.a.": "previousName",
}

# "IMO number: 5571322", "(IMO) Number: 1790183", "Company Number IMO 5434358".
_IMO_IN_TEXT = re.compile(
    r"\bIMO\b\)?\s*(?:(?:company\s+)?(?:number|no\.?)\s*)?:?\s*(\d{7})(?!\d)",
    re.IGNORECASE,
)

# xs:date may carry a zone suffix ("1964-07-17-05:00"); FtM wants the bare date.
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4})(?!\d)")

# Opening tags of entries in the raw bytes, for line numbers (ElementTree has none).
_ENTRY_TAG = re.compile(rb"<(?:INDIVIDUAL|ENTITY)(?=[\s/>])")


def read_un_list(data: bytes, path: Path) -> ListSnapshot:
    """Read one UN Consolidated List file into a snapshot of FtM entities.

    Raises InputError (naming ``path``) for unsafe or malformed XML, a foreign root
    element, an entry without a reference number, or a reference number used twice.
    """
    root = parse_xml(data, path)
    if root.tag != ROOT_TAG:
        raise InputError(path, f"not a UN consolidated list: root element is <{root.tag}>")
    elements = list(_entry_elements(root))
    lines = _entry_lines(data, len(elements))
    entries: list[ListEntry] = []
    first_line: dict[str, int | None] = {}
    for element, line in zip(elements, lines, strict=True):
        entry = _read_entry(element, path, line)
        if entry.id in first_line:
            where = first_line[entry.id]
            raise InputError(
                path,
                f"duplicate reference number {entry.id}"
                + (f" (first at line {where})" if where is not None else ""),
                line=line,
                field="REFERENCE_NUMBER",
            )
        first_line[entry.id] = line
        entries.append(entry)
    return ListSnapshot(
        list="un",
        generated=_generated(root, path),
        files=(ListFile("list", path, data),),
        entries=tuple(entries),
    )


# --- file level -------------------------------------------------------------------


def _generated(root: Element, path: Path) -> datetime | None:
    """``dateGenerated`` as an aware UTC datetime; a zone-less stamp is taken as UTC."""
    raw = root.get("dateGenerated")
    if raw is None or not raw.strip():
        return None
    try:
        stamp = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise InputError(path, f"bad dateGenerated {raw!r}", field="dateGenerated") from None
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC)


def _entry_elements(root: Element) -> Iterator[Element]:
    """INDIVIDUAL and ENTITY elements in document order."""
    for section in root:
        for element in section:
            if element.tag in ("INDIVIDUAL", "ENTITY"):
                yield element


def _entry_lines(data: bytes, count: int) -> list[int | None]:
    """1-based line of each entry's opening tag, or all None if the scan disagrees.

    A regex over the bytes is far cheaper than a line-tracking parse; when the number
    of tags found differs from the parsed entries (a tag inside a comment or CDATA,
    a non-ASCII-compatible encoding) the lines would be wrong, so none are given.
    """
    lines: list[int | None] = []
    line, pos = 1, 0
    for match in _ENTRY_TAG.finditer(data):
        line += data.count(b"\n", pos, match.start())
        pos = match.start()
        lines.append(line)
    return lines if len(lines) == count else [None] * count


# --- one entry --------------------------------------------------------------------


def _read_entry(element: Element, path: Path, line: int | None) -> ListEntry:
    stable_id = _reference_number(element, path, line)
    individual = element.tag == "INDIVIDUAL"
    flags: list[str] = []
    entity = model.make_entity(_schema_for(element))
    entity.id = stable_id
    entity.add("topics", "sanction", cleaned=True)
    flags.extend(_add_names(entity, element))
    _add_addresses(entity, element.findall(f"{element.tag}_ADDRESS"))
    comments = _text(element.find("COMMENTS1"))
    entity.add("notes", comments)
    if individual:
        _add_person_details(entity, element)
    else:
        flags.extend(_add_imo_numbers(entity, comments))
    programme = _text(element.find("UN_LIST_TYPE"))
    sanction = _make_sanction(stable_id, programme, _date(_text(element.find("LISTED_ON"))))
    return ListEntry(
        id=stable_id,
        schema=entity.schema.name,
        entity=entity,
        sanction=sanction,
        programmes=(programme,) if programme else (),
        dprk=stable_id.startswith(UN_DPRK_PREFIX),
        line=line,
        flags=tuple(flags),
    )


def _reference_number(element: Element, path: Path, line: int | None) -> str:
    """The stable id: REFERENCE_NUMBER with all whitespace removed (files pad some)."""
    reference = "".join((element.findtext("REFERENCE_NUMBER") or "").split())
    if not reference:
        dataid = _text(element.find("DATAID")) or "?"
        raise InputError(
            path,
            f"{element.tag} with DATAID {dataid} has no reference number",
            line=line,
            field="REFERENCE_NUMBER",
        )
    return reference


def _schema_for(element: Element) -> str:
    """Person for individuals; for entities the shared legal-form rule over all names."""
    if element.tag == "INDIVIDUAL":
        return "Person"
    names = [_full_name(element)]
    names.extend(_text(alias.find("ALIAS_NAME")) for alias in element.findall("ENTITY_ALIAS"))
    return entity_schema(names)


def _add_names(entity: EntityProxy, element: Element) -> list[str]:
    """Primary name, original-script name and aliases; returns data-quality flags."""
    flags: list[str] = []
    original = _text(element.find("NAME_ORIGINAL_SCRIPT"))
    entity.add("name", _full_name(element))
    entity.add("name", original)
    if "\ufffd" in original:
        flags.append("replacement_character:NAME_ORIGINAL_SCRIPT")
    for alias in element.findall(f"{element.tag}_ALIAS"):
        name = _text(alias.find("ALIAS_NAME"))
        if not name:
            continue
        quality = _text(alias.find("QUALITY")).lower()
        # An unknown or missing quality is treated as a full alias: safer for screening.
        entity.add(_ALIAS_PROPERTY.get(quality, "alias"), name)
        # A date of birth attached to an alias identity is still this person's.
        if entity.schema.is_a("Person"):
            entity.add("birthDate", _date(_text(alias.find("DATE_OF_BIRTH"))), cleaned=True)
    return flags


def _full_name(element: Element) -> str:
    return " ".join(part for tag in _NAME_PARTS if (part := _text(element.find(tag))))


def _add_addresses(entity: EntityProxy, addresses: Iterable[Element]) -> None:
    """Full address text into ``address`` (unless it is only a country) and ``country``."""
    for address in addresses:
        parts = {tag: _text(address.find(tag)) for tag in _ADDRESS_PARTS}
        entity.add("country", parts["COUNTRY"])
        if any(value for tag, value in parts.items() if tag != "COUNTRY"):
            entity.add("address", _join(parts.values()))


def _add_person_details(entity: EntityProxy, element: Element) -> None:
    gender = _text(element.find("GENDER")).lower()
    if gender in ("male", "female"):
        entity.add("gender", gender)
    entity.add("nationality", _values(element, "NATIONALITY"))
    entity.add("title", _values(element, "TITLE"))
    entity.add("position", _values(element, "DESIGNATION"))
    for birth in element.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        entity.add("birthDate", list(_birth_dates(birth)), cleaned=True)
    for place in element.findall("INDIVIDUAL_PLACE_OF_BIRTH"):
        entity.add("birthPlace", _join(_text(place.find(tag)) for tag in _BIRTH_PLACE_PARTS))
        entity.add("birthCountry", _text(place.find("COUNTRY")))
    for document in element.findall("INDIVIDUAL_DOCUMENT"):
        _add_document(entity, document)


def _birth_dates(birth: Element) -> Iterator[str]:
    """DATE or YEAR for EXACT/APPROXIMATELY, FROM_YEAR and TO_YEAR for BETWEEN.

    The fields are read whatever TYPE_OF_DATE says: FtM has no notion of an
    approximate date, and a range is kept as its two end years.
    """
    for tag in _BIRTH_DATE_PARTS:
        value = _date(_text(birth.find(tag)))
        if value:
            yield value


def _add_document(entity: EntityProxy, document: Element) -> None:
    """Passport numbers into ``passportNumber``, any other document into ``idNumber``.

    TYPE_OF_DOCUMENT is the controlled field (with French and Spanish variants);
    the free-text TYPE_OF_DOCUMENT2 is not trusted for the split.
    """
    number = _text(document.find("NUMBER"))
    if not number:
        return
    kind = _text(document.find("TYPE_OF_DOCUMENT")).lower()
    is_passport = any(word in kind for word in ("passport", "passeport", "pasaporte"))
    entity.add("passportNumber" if is_passport else "idNumber", number)


def _add_imo_numbers(entity: EntityProxy, comments: str) -> list[str]:
    """Company IMO numbers from COMMENTS1; a bad check digit is kept and flagged."""
    flags: list[str] = []
    for digits in dict.fromkeys(_IMO_IN_TEXT.findall(comments)):
        # cleaned=True: FtM would silently drop a number whose check digit fails.
        entity.add("imoNumber", f"IMO{digits}", cleaned=True)
        if not imo_is_valid(digits):
            flags.append(f"invalid_imo:{digits}")
    return flags


def _make_sanction(stable_id: str, programme: str, listed_on: str | None) -> EntityProxy:
    sanction = model.make_entity("Sanction")
    sanction.id = f"{stable_id}-sanction"
    # cleaned=True on constants and already-cleaned dates: FtM's cleaning costs more
    # than the rest of the reader for these fields and would not change them.
    sanction.add("entity", stable_id)
    sanction.add("authority", AUTHORITY, cleaned=True)
    sanction.add("program", programme)
    # UN_LIST_TYPE is the file's own machine key for the regime, hence also its id.
    sanction.add("programId", programme)
    sanction.add("unscId", stable_id)
    sanction.add("listingDate", listed_on, cleaned=True)
    sanction.add("startDate", listed_on, cleaned=True)
    sanction.add("sourceUrl", SOURCE_URL, cleaned=True)
    return sanction


# --- text helpers -----------------------------------------------------------------


def _text(element: Element | None) -> str:
    """Element text with runs of whitespace (including newlines) collapsed."""
    if element is None or element.text is None:
        return ""
    return " ".join(element.text.split())


def _values(element: Element, tag: str) -> list[str]:
    """Non-empty ``<tag><VALUE>…</VALUE></tag>`` texts."""
    return [value for node in element.findall(f"{tag}/VALUE") if (value := _text(node))]


def _join(parts: Iterable[str]) -> str:
    return ", ".join(part for part in parts if part)


@lru_cache(maxsize=8192)
def _date(value: str) -> str | None:
    """FtM-cleaned ISO date or year, zone suffix dropped; None when there is none.

    Cached because the same few thousand dates recur across entries and snapshots.
    """
    match = _ISO_DATE.match(value)
    return registry.date.clean(match.group(1)) if match else None
