"""Reader for the OFAC SDN legacy CSV set: ``sdn.csv`` plus the optional ``add.csv``/``alt.csv``.

Format (no header, CRLF, csv-module quoting, Windows-1252 text, a trailing 0x1A byte):

- ``sdn``: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
  Vess_flag, Vess_owner, Remarks
- ``add``: ent_num, add_num, address, city/state/postal, country, add_remarks
- ``alt``: ent_num, alt_num, alt_type, alt_name, alt_remarks

``-0-`` (usually ``-0- ``) marks an empty field. Program holds the tags with the outer brackets
removed (``NPWMD] [DPRK2``). Remarks is a list of ``;``-separated clauses, cut off at 1,000
characters in the legacy files (the last clause of such a record is partial and is kept as a
note, never parsed).

Mapping decisions (each record becomes one FollowTheMoney entity plus a Sanction):

- SDN_Type ``individual`` → Person, ``vessel`` → Vessel, ``aircraft`` → Airplane; empty →
  Company when the name states a legal form (``legal_forms.is_company_name``), else
  Organization.
- A Remarks clause whose information lands fully in properties is consumed; anything the entity
  cannot hold exactly (unknown clause, a value the schema rejects, an identifier's country or
  dates, an approximate birth date) is kept verbatim in ``notes``. Nothing is dropped.
- IMO numbers are stored as ``IMO1234567``; an invalid one stays on the entity and is flagged
  ``invalid_imo:<digits>`` (ship rule for vessels, ship-or-company rule for everyone else).
- add.csv / alt.csv rows whose ent_num is not in sdn.csv are not an error (the publisher's set
  is consistent; a mismatched set is still usable): they are counted and logged as a warning.
  Neither 2021-04 file holds such rows.
- Weak aliases: an alt_remarks or an a.k.a. clause marked "weak" or "low quality" becomes
  ``weakAlias``. The legacy files seen so far carry no such mark.
"""

from __future__ import annotations

import csv
import gc
import io
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from followthemoney import EntityProxy, model

from sanctionwatch.errors import InputError
from sanctionwatch.sources.identifiers import imo_is_valid, ship_imo_is_valid
from sanctionwatch.sources.legal_forms import is_company_name
from sanctionwatch.sources.records import (
    OFAC_DPRK_PROGRAMMES,
    ListEntry,
    ListFile,
    ListSnapshot,
)

log = logging.getLogger(__name__)

SOURCE_URL = "https://www.treasury.gov/ofac/downloads/sdn.csv"
AUTHORITY = "US Treasury Office of Foreign Assets Control"

_NULL = "-0-"
_FIELD_COUNTS = {"sdn": 12, "add": 6, "alt": 5}
# The legacy export truncates Remarks at this length.
_REMARKS_LIMIT = 1000
_SCHEMAS = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
# A birth-year range longer than this is kept as its two ends only.
_MAX_RANGE_YEARS = 10


# --- companion files ------------------------------------------------------------------------


def companion_files(sdn_path: Path) -> tuple[Path | None, Path | None]:
    """``add.csv`` and ``alt.csv`` in the folder of ``sdn_path`` (any letter case), or None."""
    folder = sdn_path.parent
    try:
        names = sorted(p for p in folder.iterdir() if p.is_file())
    except OSError:
        return None, None
    return _pick(names, "add.csv"), _pick(names, "alt.csv")


def _pick(paths: list[Path], wanted: str) -> Path | None:
    # Prefer the exact lower-case name on case-sensitive file systems holding both spellings.
    matches = [p for p in paths if p.name.lower() == wanted]
    exact = [p for p in matches if p.name == wanted]
    chosen = exact or matches
    return chosen[0] if chosen else None


# --- bytes to rows --------------------------------------------------------------------------

# Windows-1252 for the bytes it defines; its five undefined bytes fall back to Latin-1 so
# decoding never fails. Latin-1 alone would turn 0x80-0x9F (curly quotes, dashes) into controls.
_C1 = range(0x80, 0xA0)
_CP1252_FIXES = {
    byte: char
    for byte, char in zip(_C1, bytes(_C1).decode("cp1252", errors="replace"), strict=True)
    if char != "\ufffd"
}
_HIGH_CONTROL = re.compile(rb"[\x80-\x9f]")


def _decode(data: bytes) -> str:
    text = data.decode("latin-1")
    if _HIGH_CONTROL.search(data):
        text = text.translate(_CP1252_FIXES)
    return text


def _rows(file: ListFile) -> Iterator[tuple[int, list[str]]]:
    """(starting line, fields) of each record; InputError for anything not this CSV."""
    data = file.data
    if not data.strip(b"\x1a \t\r\n"):
        raise InputError(file.path, "empty file")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(file.path, "binary data, not a CSV", line=data.count(b"\n", 0, nul) + 1)
    # The DOS end-of-file byte (Ctrl-Z) is not a record.
    text = _decode(data).rstrip("\x1a")
    expected = _FIELD_COUNTS[file.role]
    # strict: a stray quote is an error here instead of silently swallowing later records.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(file.path, f"malformed CSV: {exc}", line=start) from None
        if not fields or fields == [""]:
            continue
        if len(fields) != expected:
            raise InputError(
                file.path, f"expected {expected} fields, found {len(fields)}", line=start
            )
        yield start, fields


def _value(raw: str) -> str | None:
    text = raw.strip()
    return None if not text or text == _NULL else text


def _ent_num(file: ListFile, line: int, raw: str) -> int:
    text = raw.strip()
    if not text.isdigit():
        raise InputError(
            file.path, f"ent_num is not an integer: {text!r}", line=line, field="ent_num"
        )
    return int(text)


def programme_tags(raw: str) -> tuple[str, ...]:
    """``NPWMD] [DPRK2`` → ("NPWMD", "DPRK2"): the file drops only the outermost brackets."""
    text = _value(raw)
    if text is None:
        return ()
    return tuple(t for t in (p.strip(" []") for p in text.split("] [")) if t)


# --- schema choice --------------------------------------------------------------------------


def _schema_for(file: ListFile, line: int, sdn_type: str | None, name: str) -> str:
    if sdn_type is None:
        return "Company" if is_company_name(name) else "Organization"
    schema = _SCHEMAS.get(sdn_type.lower())
    if schema is None:
        raise InputError(file.path, f"unknown SDN_Type {sdn_type!r}", line=line, field="SDN_Type")
    return schema


# --- the entity under construction ---------------------------------------------------------


@dataclass
class _Draft:
    entity: EntityProxy
    programmes: tuple[str, ...]
    line: int
    title: str | None = None
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def schema(self) -> str:
        return str(self.entity.schema.name)

    def put(
        self, props: str | tuple[str, ...], value: str, clause: str, *, cleaned: bool = False
    ) -> bool:
        """Add ``value`` to the first of ``props`` the schema has; else note ``clause``."""
        for name in (props,) if isinstance(props, str) else props:
            prop = self.entity.schema.get(name)
            if prop is None or prop.stub:
                continue
            if self.entity.unsafe_add(prop, value, cleaned=cleaned) is not None:
                return True
            break  # the schema has the property but rejects this value
        self.note(clause)
        return False

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def flag(self, text: str) -> None:
        if text not in self.flags:
            self.flags.append(text)


# --- dates ----------------------------------------------------------------------------------

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3})[a-z]* (\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(.+?)\s*(?: to |-)\s*(.+)$")
_CIRCA = re.compile(r"^(?:circa|c\.|approximately)\s+(.+)$", re.IGNORECASE)


def iso_date(text: str) -> str | None:
    """``17 Jul 1964`` → ``1964-07-17``, ``Jan 1960`` → ``1960-01``, ``1964`` → ``1964``."""
    text = text.strip()
    if match := _DAY_MONTH_YEAR.match(text):
        month = _MONTHS.get(match.group(2).lower())
        if month is None:
            return None
        try:
            return date(int(match.group(3)), month, int(match.group(1))).isoformat()
        except ValueError:  # 31 Feb and the like
            return None
    if match := _MONTH_YEAR.match(text):
        month = _MONTHS.get(match.group(1).lower())
        return None if month is None else f"{match.group(2)}-{month:02d}"
    if match := _YEAR.match(text):
        return match.group(1)
    return None


def date_values(text: str) -> tuple[list[str], bool]:
    """ISO values for an OFAC date expression and whether they say it exactly.

    ``circa X`` gives X; a range ``A to B`` (or ``1979-1982``) gives every year from A to B
    (both ends only when longer than ten years). Both are inexact: the caller keeps the text.
    """
    exact = iso_date(text)
    if exact is not None:
        return [exact], True
    if match := _CIRCA.match(text.strip()):
        values, _ = date_values(match.group(1))
        return values, False
    if match := _RANGE.match(text.strip()):
        low, high = iso_date(match.group(1)), iso_date(match.group(2))
        if low is None or high is None:
            return [], False
        first, last = int(low[:4]), int(high[:4])
        if first > last:
            return [], False
        if last - first > _MAX_RANGE_YEARS:
            return [low, high], False
        return [str(year) for year in range(first, last + 1)], False
    return [], False


# --- Remarks clauses ------------------------------------------------------------------------

_Handler = Callable[[_Draft, re.Match[str], str], None]
# What follows an identifier's number: "(Country)", "issued …", "expires …".
_IDENTIFIER_TAIL = re.compile(r"\s+(?:\(|issued\b|expires\b).*$", re.IGNORECASE)


def _identifier(props: str | tuple[str, ...]) -> _Handler:
    """The number goes to ``props``; a country or dates after it keep the clause in notes."""

    def handle(draft: _Draft, match: re.Match[str], clause: str) -> None:
        value = match.group("v").strip()
        number = _IDENTIFIER_TAIL.sub("", value).strip(" :")
        if not number:
            draft.note(clause)
            return
        if draft.put(props, number, clause) and number != value:
            draft.note(clause)

    return handle


def _plain(props: str | tuple[str, ...]) -> _Handler:
    def handle(draft: _Draft, match: re.Match[str], clause: str) -> None:
        draft.put(props, match.group("v").strip(), clause)

    return handle


def _dated(props: str) -> _Handler:
    def handle(draft: _Draft, match: re.Match[str], clause: str) -> None:
        values, exact = date_values(match.group("v"))
        # iso_date only builds valid ISO prefixes, so FtM's date parsing can be skipped.
        added = [draft.put(props, value, clause, cleaned=True) for value in values]
        if not exact or not all(added) or not values:
            draft.note(clause)

    return handle


def _noted(draft: _Draft, match: re.Match[str], clause: str) -> None:
    draft.note(clause)


def _alias(draft: _Draft, match: re.Match[str], clause: str) -> None:
    label = match.group("label").lower()
    if label.startswith(("weak", "low")):
        prop = "weakAlias"
    else:
        prop = "previousName" if label.startswith("f") else "alias"
    draft.put(prop, match.group("v"), clause)


def _imo(draft: _Draft, match: re.Match[str], clause: str) -> None:
    digits = match.group("v")
    valid = ship_imo_is_valid(digits) if draft.schema == "Vessel" else imo_is_valid(digits)
    if not valid:
        draft.flag(f"invalid_imo:{digits}")
    # Stored as given even when invalid: FtM's own IMO check would silently drop it.
    draft.put("imoNumber", f"IMO{digits}", clause, cleaned=True)


def _registration(draft: _Draft, match: re.Match[str], clause: str) -> None:
    """A bare seven-digit registration: kept as the list states it, not promoted to an IMO.

    One with a valid ship check digit is flagged ``probable_imo:<digits>`` so screening can
    still match it against AIS (RYONG GUN BONG, ofac:17104, writes its IMO 8606173 this way).
    """
    digits = match.group("v")
    if draft.schema == "Vessel" and ship_imo_is_valid(digits):
        draft.flag(f"probable_imo:{digits}")
    draft.put("registrationNumber", digits, clause)


@dataclass(frozen=True)
class _Clause:
    """One kind of Remarks clause: its labels, the value after the label, the handler."""

    labels: tuple[str, ...]
    value: str
    handler: _Handler

    def pattern(self) -> re.Pattern[str]:
        # Longest label first, so "Passport Booklet" is not read as "Passport" + "Booklet …".
        labels = "|".join(re.escape(label) for label in sorted(self.labels, key=len, reverse=True))
        return re.compile(f"^(?P<label>{labels}){self.value}", re.IGNORECASE)


_ID = r"\s*:?\s+(?P<v>.+)$"  # "Label 123 (Country)" or "Label: 123"
_TEXT = r"\s+(?P<v>.+)$"
_WORD = r"\s+(?P<v>\S+)$"
# Order matters: the first kind whose pattern matches a clause (without "alt. ") wins.
_CLAUSE_KINDS = (
    # IMO numbers before the generic identifiers whose labels they share.
    _Clause(("Vessel Registration Identification",), r"\s+IMO\s*(?P<v>\d+)$", _imo),
    _Clause(("Vessel Registration Identification",), r"\s+(?P<v>\d{7})$", _registration),
    _Clause(("Identification Number", "Company Number"), r"\s+IMO\s*(?P<v>\d+)$", _imo),
    _Clause(("Vessel Registration Identification",), _ID, _identifier("registrationNumber")),
    # names
    _Clause(
        ("a.k.a.", "f.k.a.", "n.k.a.", "weak a.k.a.", "low quality a.k.a."),
        r",?\s*'(?P<v>.+)'$",
        _alias,
    ),
    # people
    _Clause(("DOB",), _TEXT, _dated("birthDate")),
    _Clause(("POB",), _TEXT, _plain("birthPlace")),
    _Clause(("Nationality of Registration",), _TEXT, _plain(("jurisdiction", "country"))),
    _Clause(("nationality", "citizen"), _TEXT, _plain(("nationality", "country"))),
    _Clause(("Gender",), _TEXT, _plain("gender")),
    _Clause(
        ("Passport", "Passport Booklet", "Diplomatic Passport"),
        _ID,
        _identifier(("passportNumber", "idNumber")),
    ),
    _Clause(("SSN",), _ID, _identifier(("socialSecurityNumber", "idNumber"))),
    _Clause(
        (
            "National ID No.", "National Foreign ID Number", "Personal ID Card", "Cedula No.",
            "D.N.I.", "C.U.R.P.", "C.U.I.", "C.U.I.P.", "Turkish Identification Number",
            "Citizen's Card Number", "Kenyan ID No.", "Travel Document Number",
            "Residency Number", "Numero de Identidad", "Birth Certificate Number",
            "Driver's License No.", "Electoral Registry No.", "Credencial electoral", "I.F.E.",
            "Refugee ID Card", "Tazkira National ID Card", "LE Number",
            "Cartilla de Servicio Militar Nacional", "Identification Number",
        ),
        _ID,
        _identifier(("idNumber", "registrationNumber")),
    ),
    # vessels
    _Clause(("MMSI",), r"\s+(?P<v>\d+)$", _plain("mmsi")),
    _Clause(("Call Sign", "Other Vessel Call Sign"), _WORD, _plain("callSign")),
    _Clause(("Former Vessel Flag",), _TEXT, _plain("pastFlags")),
    _Clause(("Vessel Year of Build",), _TEXT, _dated("buildDate")),
    # aircraft
    _Clause(("Aircraft Model",), _TEXT, _plain("model")),
    _Clause(("Aircraft Manufacturer",), r"(?!'s)" + _TEXT, _plain("manufacturer")),
    _Clause(("Aircraft Manufacture Date",), _TEXT, _dated("buildDate")),
    _Clause(
        ("Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Serial Identification"),
        _ID,
        _identifier("serialNumber"),
    ),
    _Clause(("Aircraft Tail Number",), _TEXT, _plain("registrationNumber")),
    # organisations
    _Clause(("Organization Established Date",), _TEXT, _dated("incorporationDate")),
    _Clause(("SWIFT/BIC",), _ID, _identifier("swiftBic")),
    _Clause(("D-U-N-S Number",), _ID, _identifier("dunsCode")),
    _Clause(("Legal Entity Number",), _ID, _identifier("leiCode")),
    _Clause(
        ("Unified Social Credit Code (USCC)",), _ID, _identifier(("uscCode", "registrationNumber"))
    ),
    _Clause(("BIK (RU)",), _ID, _identifier(("bikCode", "registrationNumber"))),
    _Clause(("V.A.T. Number",), _ID, _identifier(("vatCode", "taxNumber"))),
    _Clause(
        (
            "Tax ID No.", "R.F.C.", "NIT #", "RUC #", "C.U.I.T.", "US FEIN",
            "Italian Fiscal Code", "Paraguayan tax identification number",
        ),
        _ID,
        _identifier("taxNumber"),
    ),
    _Clause(
        (
            "Registration Number", "Registration ID", "Registration No.",
            "Business Registration Number", "Business Registration Document #",
            "Commercial Registry Number", "Public Registration Number",
            "Central Registration System Number", "Company Number", "UK Company Number",
            "Business Number", "Enterprise Number", "Chamber of Commerce Number",
            "Certificate of Incorporation Number", "Folio Mercantil No.",
            "Matricula Mercantil No", "Matricula Mercantil No.", "Trade License No.",
            "Government Gazette Number", "Organization Code",
            "Economic Register Number (CBLS)", "C.R. No.", "File Number",
            "Branch Unit Number", "Registered Charity No.", "Permit Number",
            "Istanbul Chamber of Comm. No.", "Dubai Chamber of Commerce Membership No.",
        ),
        _ID,
        _identifier("registrationNumber"),
    ),
    # contact
    _Clause(("Website",), _WORD, _plain("website")),
    _Clause(("Email Address", "EMAIL"), _WORD, _plain("email")),
    # Relationships and sanction information stay readable text.
    _Clause(
        ("Linked To:", "Secondary sanctions risk:", "Transactions Prohibited For"), "", _noted
    ),
)  # fmt: skip


def _index_clause_kinds() -> dict[str, tuple[tuple[re.Pattern[str], _Handler], ...]]:
    """Clause kinds by the lower-cased first word of their labels, in table order.

    A clause is tried only against the kinds its first word can start: a handful of
    regexes instead of the whole table (most clauses are notes that match nothing).
    """
    index: dict[str, list[tuple[re.Pattern[str], _Handler]]] = {}
    for kind in _CLAUSE_KINDS:
        compiled = (kind.pattern(), kind.handler)
        for word in dict.fromkeys(_first_word(label) for label in kind.labels):
            index.setdefault(word, []).append(compiled)
    return {word: tuple(kinds) for word, kinds in index.items()}


def _first_word(text: str) -> str:
    # "a.k.a., 'X'" and "Label: value" share their index key with "a.k.a." and "Label".
    return text.split(None, 1)[0].lower().rstrip(",:") if text else ""


_CLAUSE_INDEX = _index_clause_kinds()
_ALT_PREFIX = "alt. "


def split_remarks(raw: str) -> tuple[list[str], str | None]:
    """The complete clauses of a Remarks field, and the cut-off tail when it was truncated."""
    text = _value(raw)
    if text is None:
        return [], None
    truncated = len(raw) >= _REMARKS_LIMIT and not text.endswith(".")
    if not truncated and text.endswith("."):
        text = text[:-1]  # the sentence stop closing the whole field
    clauses = [c.strip() for c in text.split(";")]
    tail = clauses.pop() if truncated else None
    return [c for c in clauses if c], tail


def _apply_clause(draft: _Draft, clause: str) -> None:
    if draft.title is not None and clause == draft.title:
        return  # repeats the Title column, already on the entity
    body = clause[len(_ALT_PREFIX) :] if clause[:5].lower() == _ALT_PREFIX else clause
    for pattern, handler in _CLAUSE_INDEX.get(_first_word(body), ()):
        match = pattern.match(body)
        if match:
            handler(draft, match, clause)
            return
    draft.note(clause)


def _apply_remarks(draft: _Draft, raw: str) -> None:
    clauses, tail = split_remarks(raw)
    for clause in clauses:
        _apply_clause(draft, clause)
    if tail is not None:
        draft.note(f"{tail} [remarks truncated in the source file]")
        draft.flag("remarks_truncated")


# --- sdn.csv records ------------------------------------------------------------------------


def _set_names(draft: _Draft, name: str) -> None:
    draft.put("name", name, f"Name: {name}")
    if draft.schema == "Person" and "," in name:
        last, first = (part.strip() for part in name.split(",", 1))
        if last:
            draft.put("lastName", last, f"Name: {name}")
        if first:
            draft.put("firstName", first, f"Name: {name}")
    elif draft.schema == "Airplane":
        if name.upper().startswith("MSN "):
            draft.put("serialNumber", name[4:].strip(), f"Name: {name}")
        else:
            draft.put("registrationNumber", name, f"Name: {name}")


def _set_title(draft: _Draft, title: str | None) -> None:
    if title is None:
        return
    draft.title = title
    if draft.schema == "Person":
        draft.put("title", title, f"Title: {title}")
        draft.put("position", title, f"Title: {title}")
    else:
        draft.note(f"Title: {title}")


def _number(text: str) -> str:
    return text.replace(",", "")


def _set_vessel_columns(draft: _Draft, fields: list[str]) -> None:
    call_sign, vess_type, tonnage, grt, flag, owner = (_value(f) for f in fields[5:11])
    if call_sign:
        draft.put("callSign", call_sign, f"Call Sign: {call_sign}")
    if vess_type:
        draft.put("type", vess_type, f"Vessel Type: {vess_type}")
    if tonnage:
        draft.put("tonnage", _number(tonnage), f"Tonnage: {tonnage}")
    if grt:
        draft.put("grossRegisteredTonnage", _number(grt), f"GRT: {grt}")
    if flag:
        draft.put("flag", flag, f"Flag: {flag}")
    if owner:
        # FtM "owner" is an entity reference; the file gives only a name.
        draft.note(f"Owner: {owner}")


def _draft_record(file: ListFile, line: int, fields: list[str]) -> _Draft:
    ent_num = _ent_num(file, line, fields[0])
    name = _value(fields[1])
    if name is None:
        raise InputError(file.path, "empty SDN_Name", line=line, field="SDN_Name")
    schema = _schema_for(file, line, _value(fields[2]), name)
    entity = model.make_entity(schema)
    entity.id = f"ofac:{ent_num}"
    draft = _Draft(entity=entity, programmes=programme_tags(fields[3]), line=line)
    _set_names(draft, name)
    _set_title(draft, _value(fields[4]))
    _set_vessel_columns(draft, fields)
    _apply_remarks(draft, fields[11])
    return draft


def _read_sdn(file: ListFile) -> dict[str, _Draft]:
    drafts: dict[str, _Draft] = {}
    for line, fields in _rows(file):
        draft = _draft_record(file, line, fields)
        key = str(draft.entity.id)
        if key in drafts:
            raise InputError(
                file.path,
                f"duplicate ent_num {key.removeprefix('ofac:')} (first on line {drafts[key].line})",
                line=line,
                field="ent_num",
            )
        drafts[key] = draft
    return drafts


# --- add.csv and alt.csv --------------------------------------------------------------------


def _attach_addresses(drafts: dict[str, _Draft], file: ListFile) -> int:
    """Addresses onto their entities; returns the number of rows naming no sdn record."""
    orphans = 0
    for line, fields in _rows(file):
        draft = drafts.get(f"ofac:{_ent_num(file, line, fields[0])}")
        if draft is None:
            orphans += 1
            continue
        street, city, country, remarks = (_value(f) for f in fields[2:6])
        if street or city:
            text = ", ".join(p for p in (street, city, country) if p)
            draft.put("address", text, f"Address: {text}")
        if country:
            draft.put("country", country, f"Address country: {country}")
        if remarks:
            draft.note(f"Address remarks: {remarks}")
    return orphans


_ALT_PROPS = {"aka": "alias", "fka": "previousName", "nka": "alias"}
_WEAK = re.compile(r"\bweak\b|\blow quality\b", re.IGNORECASE)


def _attach_aliases(drafts: dict[str, _Draft], file: ListFile) -> int:
    """Aliases onto their entities; returns the number of rows naming no sdn record."""
    orphans = 0
    for line, fields in _rows(file):
        draft = drafts.get(f"ofac:{_ent_num(file, line, fields[0])}")
        if draft is None:
            orphans += 1
            continue
        alt_type, alt_name, remarks = (_value(f) for f in fields[2:5])
        if alt_name is None:
            continue
        kind = (alt_type or "aka").lower()
        prop = "weakAlias" if remarks and _WEAK.search(remarks) else _ALT_PROPS.get(kind, "alias")
        draft.put(prop, alt_name, f"{kind}: {alt_name}")
        if remarks:
            draft.note(f"{kind} {alt_name}: {remarks}")
    return orphans


# --- snapshot -------------------------------------------------------------------------------


def _sanction(draft: _Draft) -> EntityProxy:
    sanction = model.make_entity("Sanction")
    sanction.id = f"{draft.entity.id}-sanction"
    # Constants and our own id need no cleaning; skipping it (URL parsing above all) saves
    # about a third of the reading time.
    sanction.add("entity", draft.entity.id, cleaned=True)
    sanction.add("authority", AUTHORITY, cleaned=True)
    sanction.add("sourceUrl", SOURCE_URL, cleaned=True)
    sanction.add("program", list(draft.programmes))
    return sanction


def _entry(draft: _Draft) -> ListEntry:
    entity = draft.entity
    entity.add("topics", "sanction", cleaned=True)
    if draft.notes:
        entity.add("notes", draft.notes)
    return ListEntry(
        id=str(entity.id),
        schema=draft.schema,
        entity=entity,
        sanction=_sanction(draft),
        programmes=draft.programmes,
        dprk=bool(set(draft.programmes) & OFAC_DPRK_PROGRAMMES),
        line=draft.line,
        flags=tuple(draft.flags),
    )


def _check_role(file: ListFile | None, role: str) -> None:
    if file is not None and file.role != role:
        raise ValueError(f"expected a ListFile with role {role!r}, got {file.role!r}")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic objects.

    A snapshot is ~30,000 entities; the collector rescans them again and again as they
    accumulate, which costs about 40% of the reading time and frees nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_ofac_sdn(
    sdn: ListFile, add: ListFile | None = None, alt: ListFile | None = None
) -> ListSnapshot:
    """One OFAC SDN snapshot from the legacy CSV set (see the module docstring for the mapping).

    Raises InputError naming the file, line and field for empty, binary or malformed input,
    a non-integer or duplicate ent_num, or an unknown SDN_Type.
    """
    for file, role in ((sdn, "sdn"), (add, "add"), (alt, "alt")):
        _check_role(file, role)
    with _gc_paused():
        return _read_snapshot(sdn, add, alt)


def _read_snapshot(sdn: ListFile, add: ListFile | None, alt: ListFile | None) -> ListSnapshot:
    drafts = _read_sdn(sdn)
    for file, attach in ((add, _attach_addresses), (alt, _attach_aliases)):
        if file is None:
            continue
        orphans = attach(drafts, file)
        if orphans:
            log.warning("%s: %d rows name an ent_num not in %s", file.path, orphans, sdn.path)
    files = tuple(f for f in (sdn, add, alt) if f is not None)
    entries = tuple(_entry(draft) for draft in drafts.values())
    return ListSnapshot(list="ofac", generated=None, files=files, entries=entries)
