"""Provider AIS file formats: how each maps its columns onto the canonical fields, and detection.

Formats (canonical field ← column):

- ``marinecadastre`` (NOAA/BOEM): MMSI, BaseDateTime (ISO, UTC), LAT, LON, SOG, COG, Heading,
  Status, VesselName, IMO (``IMO9234567``), CallSign, VesselType → shiptype, Draft → draught (m).
  Length/Width/Cargo/TransceiverClass have no place in the canonical tables (Length and Width
  are overall sizes, not the to_bow/to_stern/to_port/to_starboard offsets) and are not read.
- ``spire`` (Spire-style export, 139 columns): MMSI, Message_ID → msg_type (and station: 4/11
  base station, 9 SAR aircraft, 21 aid to navigation, else vessel), Time (``20210701_185151``,
  UTC) + Millisecond, Latitude, Longitude, SOG, COG, Heading, Navigational_status, Accuracy,
  Vessel_Name, IMO, Call_sign, Ship_Type, Draught (raw AIS decimetres → metres), Destination,
  Dimension_to_*. Its decoder writes the AIS "not available" codes (SOG 102.3, COG 360, heading
  511) as ``None``: those become null with the matching not-available flag. Statics come only
  from the ship static messages 5, 19 and 24; rows with neither a position nor a static
  (types 6, 8, 12, 20, 25, 26 …) are ignored as ``msg_type_<n>``.
- ``generic`` CSV and ``parquet``: column names matched case-insensitively with ``_``, ``-`` and
  spaces removed: mmsi; timestamp|time|datetime|basedatetime; lat|latitude; lon|long|lng|
  longitude (these four required); sog|speed; cog|course; heading; status|navstatus;
  msgtype|messagetype; accuracy; name|vesselname|shipname; imo; callsign; shiptype|vesseltype;
  draught|draft; destination; tobow; tostern; toport; tostarboard (the first spelling present
  wins). Times are ISO 8601 (Parquet: also timestamp/date types; a bare number is refused, its
  unit unknown); a time without zone is UTC. ``None``/``NULL``/``NaN``/``NA`` in numeric
  columns mean null.

A header naming a mapped column twice is refused: which one is meant would be a guess.

``suez-2021-03-evergiven.csv`` (``ID,ais_pos_timestamp,longitude,latitude``) is refused: its
``ID`` is an anonymised vessel number, not an MMSI, and storing it as one would mix it with real
MMSIs; the error names the missing ``mmsi`` column.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from sanctionwatch.errors import InputError
from sanctionwatch.sources.compressed import GZIP_MAGIC

FORMATS = ("marinecadastre", "spire", "generic", "parquet")

_REQUIRED = ("mmsi", "time", "lat", "lon")
DIMENSIONS = ("to_bow", "to_stern", "to_port", "to_starboard")
# Identity fields: a row with any of them gives a static row; together they are the dedupe key.
IDENTITY = ("name", "imo", "callsign", "shiptype", "draught", "destination", *DIMENSIONS)

_MARINECADASTRE = {
    "mmsi": "MMSI",
    "time": "BaseDateTime",
    "lat": "LAT",
    "lon": "LON",
    "speed": "SOG",
    "course": "COG",
    "heading": "Heading",
    "status": "Status",
    "name": "VesselName",
    "imo": "IMO",
    "callsign": "CallSign",
    "shiptype": "VesselType",
    "draught": "Draft",
}
_SPIRE = {
    "mmsi": "MMSI",
    "msg_type": "Message_ID",
    "time": "Time",
    "millisecond": "Millisecond",
    "lat": "Latitude",
    "lon": "Longitude",
    "speed": "SOG",
    "course": "COG",
    "heading": "Heading",
    "status": "Navigational_status",
    "accuracy": "Accuracy",
    "name": "Vessel_Name",
    "imo": "IMO",
    "callsign": "Call_sign",
    "shiptype": "Ship_Type",
    "draught": "Draught",
    "destination": "Destination",
    "to_bow": "Dimension_to_Bow",
    "to_stern": "Dimension_to_stern",
    "to_port": "Dimension_to_port",
    "to_starboard": "Dimension_to_starboard",
}
_SPIRE_REQUIRED = ("mmsi", "msg_type", "time", "lat", "lon")
_SPIRE_STATIC_TYPES = (5, 19, 24)
# Generic names, compared after _normalise; the first alias present wins.
_GENERIC = {
    "mmsi": ("mmsi",),
    "time": ("timestamp", "time", "datetime", "basedatetime", "postimestamp", "aispostimestamp"),
    "lat": ("lat", "latitude"),
    "lon": ("lon", "long", "lng", "longitude"),
    "speed": ("sog", "speed"),
    "course": ("cog", "course"),
    "heading": ("heading",),
    "status": ("status", "navstatus", "navigationalstatus"),
    "msg_type": ("msgtype", "messagetype"),
    "accuracy": ("accuracy",),
    "name": ("name", "vesselname", "shipname"),
    "imo": ("imo",),
    "callsign": ("callsign",),
    "shiptype": ("shiptype", "vesseltype"),
    "draught": ("draught", "draft"),
    "destination": ("destination",),
    "to_bow": ("tobow",),
    "to_stern": ("tostern",),
    "to_port": ("toport",),
    "to_starboard": ("tostarboard",),
}

# Without an mmsi column, a vessel id column (anonymised data, e.g. VesselsValue's "ID")
# keys the tracks; every row is flagged FLAG_ANONYMISED_ID so it is never taken for an MMSI.
_ANONYMISED_ID = ("id", "vesselid", "shipid")

_EMPTY_ONLY = ("",)
_SPIRE_NULLS = ("", "None")
_GENERIC_NULLS = ("", "None", "none", "NULL", "null", "NaN", "nan", "NA")


@dataclass(frozen=True)
class ColumnSpec:
    """How one file's columns map onto the canonical fields."""

    columns: dict[str, str]  # canonical field → column name in the file
    nulls: tuple[str, ...]  # strings meaning "no value" in numeric and time columns
    time_kind: str = "iso"  # "iso" or "spire"
    na_flags: bool = False  # a null token in speed/course/heading means "not available"
    draught_scale: float = 1.0
    dedupe_statics: bool = True
    static_types: tuple[int, ...] | None = None


def detect_format(path: Path, head: bytes) -> str:
    """The provider format of a file from its first bytes; InputError when none matches."""
    if head.startswith(b"PAR1"):
        return "parquet"
    names = header_names(path, head)
    for fmt in ("marinecadastre", "spire"):
        if not _missing(fmt, names):
            return fmt
    missing = _missing("generic", names)
    if not missing:
        return "generic"
    raise InputError(
        path,
        f"header matches no AIS provider format (MarineCadastre, Spire-style, generic); "
        f"generic needs column(s) {', '.join(missing)}: header is {', '.join(names)[:300]}",
        field=missing[0],
    )


def header_names(path: Path, head: bytes) -> list[str]:
    """The column names on line 1 of a CSV; InputError for an empty, binary or header-less file."""
    if not head.strip():
        raise InputError(path, "empty file: no header")
    if b"\x00" in head or head.startswith((GZIP_MAGIC, b"PK\x03\x04")):
        raise InputError(path, "binary or compressed file, not a CSV of AIS positions")
    first = head.split(b"\n", 1)[0].rstrip(b"\r")
    text = decode_line(first).lstrip("\ufeff")
    names = [name.strip() for name in next(csv.reader([text]), [])]
    if not any(names):
        raise InputError(path, "no header on line 1")
    return names


def decode_line(data: bytes) -> str:
    """Text as UTF-8, or as Latin-1 when it is not UTF-8 (some exports are Latin-1)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _normalise(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name).lower()


def _missing(fmt: str, names: list[str]) -> list[str]:
    """Required columns of ``fmt`` that ``names`` lacks (file spelling, or generic aliases)."""
    if fmt in ("generic", "parquet"):
        found = _generic_columns(names)
        return [_generic_label(f) for f in _REQUIRED if f not in found]
    table = _MARINECADASTRE if fmt == "marinecadastre" else _SPIRE
    required = _REQUIRED if fmt == "marinecadastre" else _SPIRE_REQUIRED
    lower = {n.lower() for n in names}
    return [table[f] for f in required if table[f].lower() not in lower]


def _generic_label(canonical: str) -> str:
    """``mmsi``, or the accepted spellings (``timestamp|time|…``) of a generic column."""
    return "|".join(_GENERIC[canonical])


def _generic_columns(names: list[str]) -> dict[str, str]:
    by_norm: dict[str, str] = {}
    for name in names:
        by_norm.setdefault(_normalise(name), name)
    found: dict[str, str] = {}
    for canonical, aliases in _GENERIC.items():
        for alias in aliases:
            if alias in by_norm:
                found[canonical] = by_norm[alias]
                break
    if "mmsi" not in found:
        for alias in _ANONYMISED_ID:
            if alias in by_norm:
                found["mmsi"] = by_norm[alias]
                found["anonymised_id"] = by_norm[alias]
                break
    return found


def column_spec(path: Path, fmt: str, names: list[str]) -> ColumnSpec:
    """The column mapping of ``fmt`` for this header; InputError when it does not fit."""
    missing = _missing(fmt, names)
    if missing:
        raise InputError(
            path,
            f"not a {fmt} file: missing column(s) {', '.join(missing)}",
            field=missing[0],
        )
    spec = _mapping(fmt, names)
    normalised = [_normalise(n) for n in names]
    for column in spec.columns.values():
        if normalised.count(_normalise(column)) > 1:  # which one is meant would be a guess
            raise InputError(path, f"column {column} appears twice in the header", field=column)
    return spec


def _mapping(fmt: str, names: list[str]) -> ColumnSpec:
    if fmt in ("generic", "parquet"):
        return ColumnSpec(_generic_columns(names), _GENERIC_NULLS)
    exact = {n.lower(): n for n in names}
    table = _MARINECADASTRE if fmt == "marinecadastre" else _SPIRE
    columns = {f: exact[c.lower()] for f, c in table.items() if c.lower() in exact}
    if fmt == "marinecadastre":
        return ColumnSpec(columns, _EMPTY_ONLY)
    return ColumnSpec(
        columns,
        _SPIRE_NULLS,
        time_kind="spire",
        na_flags=True,
        draught_scale=0.1,  # raw AIS draught is in decimetres
        dedupe_statics=False,
        static_types=_SPIRE_STATIC_TYPES,
    )
