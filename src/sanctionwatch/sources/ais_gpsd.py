"""gpsd's AIS JSON ("class": "AIS") from pyais-decoded messages.

pyais does the bit decoding; this module only re-expresses a decoded message the way gpsd's
``json_aivdm_dump`` prints it (ntpsec/gpsd @ 46977faa, checked against gpsd's own regression
outputs in ``shared/conformance/gpsd-ais``), so that ``--format gpsd-json`` output can be fed to
gpsd tooling.

- :func:`gpsd_json` maps one message (``pyais.decode(...).asdict()``): gpsd's field names, key
  order, units and controlled-vocabulary ``*_text`` fields, in gpsd's scaled form (degrees,
  knots; floats rounded to the decimals gpsd prints) or unscaled form (raw integers).
- :class:`Type24Merger` reproduces gpsd's stream-level handling of type 24: a part A is held
  (per radio channel, 8 slots) until a part B of the same MMSI arrives, and only the merged
  report is printed; a lone part A or an unmatched part B prints nothing.
- :func:`sentence_bitlen` gives a message's payload bit length, which gpsd prints as the bit
  count of binary ``data`` and which pyais's dict does not carry.

Where pyais leaves an application payload (type 6/8 DAC/FID) as raw bytes but gpsd decodes it,
the few gpsd layouts seen in practice are decoded here from those bytes. pyais's values are
converted back to gpsd's raw integers (pyais scales and rounds: e.g. positions to 6 decimals,
rate of turn to whole degrees per minute, so tiny turn rates cannot be recovered exactly).
A DAC/FID that pyais decodes but gpsd has no layout for here keeps pyais's field names.

Not pinned by the reference outputs, so taken from gpsd's source and kept consistent with what
is: the legends of unseen codes (navigational status 6/10/11/13/14, EPFD 2/4-6/8-13), the
scaled "n/a"/"fast"/"high" strings of speed and altitude (the reference prints "n/a", not
gpsd's documented "nan", for turn), and a non-trivial scaled turn ("%.2f" like its "0.00").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Obj = dict[str, Any]

# --- gpsd's controlled vocabularies (as printed by the reference version) -----------------

NAV_STATUS = (
    "Under way using engine",
    "At anchor",
    "Not under command",
    "Restricted maneuverability",
    "Constrained by her draught",
    "Moored",
    "Aground",
    "Engaged in fishing",
    "Under way sailing",
    "Reserved for HSC",
    "Reserved for WIG",
    "Power-driven vessel towing astern",
    "Power-driven vessel pushing ahead or towing alongside",
    "Reserved",
    "AIS-SART is active",
    "Not defined",
)

EPFD = (
    "Undefined",
    "GPS",
    "GLONASS",
    "Combined GPS/GLONASS",
    "Loran-C",
    "Chayka",
    "Integrated navigation system",
    "Surveyed",
    "Galileo",
    *(f"Reserved ({code})" for code in range(9, 15)),
    "Internal GNSS",
)


def _ship_types() -> tuple[str, ...]:
    """The 100 ship and cargo type legends, 0-99."""
    categories = ("all ships of this type", *(f"Hazardous category {c}" for c in "ABCD"))
    categories += ("Reserved for future use",) * 4 + ("No additional information",)

    def decade(name: str, last: str = "No additional information") -> list[str]:
        return [f"{name} - {text}" for text in (*categories[:9], last)]

    reserved = ["Not available"] + ["Reserved for future use"] * 19
    wig = decade("Wing in ground (WIG)", "Reserved for future use")
    special = [
        "Fishing",
        "Towing",
        "Towing: length exceeds 200m or breadth exceeds 25m",
        "Dredging or underwater ops",
        "Diving ops",
        "Military ops",
        "Sailing",
        "Pleasure Craft",
        "Reserved",
        "Reserved",
    ]
    services = [
        "Pilot Vessel",
        "Search and Rescue vessel",
        "Tug",
        "Port Tender",
        "Anti-pollution equipment",
        "Law Enforcement",
        "Spare - Local Vessel",
        "Spare - Local Vessel",
        "Medical Transport",
        "Ship according to RR Resolution No. 18",
    ]
    rows = reserved + wig + special + decade("High speed craft (HSC)") + services
    rows += decade("Passenger") + decade("Cargo") + decade("Tanker")
    rows += decade("Other Type", "no additional information")
    return tuple(rows)


SHIP_TYPE = _ship_types()

STATION_TYPE = (
    "All types of mobiles",
    "Reserved for future use",
    "All types of Class B mobile stations",
    "SAR airborne mobile station",
    "Aid to Navigation station",
    "Class B shipborne mobile station",
    *("Regional use and inland waterways",) * 4,
    *("Reserved for future use",) * 6,
)

NAVAID_TYPE = (
    "Unspecified",
    "Reference point",
    "RACON",
    "Fixed offshore structure",
    "Spare, Reserved for future use.",
    "Light, without sectors",
    "Light, with sectors",
    "Leading Light Front",
    "Leading Light Rear",
    "Beacon, Cardinal N",
    "Beacon, Cardinal E",
    "Beacon, Cardinal S",
    "Beacon, Cardinal W",
    "Beacon, Port hand",
    "Beacon, Starboard hand",
    "Beacon, Preferred Channel port hand",
    "Beacon, Preferred Channel starboard hand",
    "Beacon, Isolated danger",
    "Beacon, Safe water",
    "Beacon, Special mark",
    "Cardinal Mark N",
    "Cardinal Mark E",
    "Cardinal Mark S",
    "Cardinal Mark W",
    "Port hand Mark",
    "Starboard hand Mark",
    "Preferred Channel Port hand",
    "Preferred Channel Starboard hand",
    "Isolated danger",
    "Safe Water",
    "Special Mark",
    "Light Vessel / LANBY / Rigs",
)

RACON_STATUS = ("No RACON installed", "RACON not monitored", "RACON operational", "RACON ERROR")
LIGHT_STATUS = ("No light or no monitoring", "Light ON", "Light OFF", "Light ERROR")
TRENDS = ("steady", "increasing", "decreasing", "N/A")
PRECIP_TYPES = (
    "reserved",
    "rain",
    "thunderstorm",
    "freezing rain",
    "mixed/ice",
    "snow",
    "reserved",
    "N/A",
)
ICE = ("no", "yes", "reserved", "N/A")
HAZARD = (
    "0 blue cones/lights",
    "1 blue cone/light",
    "2 blue cones/lights",
    "3 blue cones/lights",
    "4 B-Flag",
    "Unknown",
)
LOAD_STATUS = ("N/A (default)", "Unloaded", "Loaded")

# Inland (ERI) ship types: (ERI code, AIS code, legend). gpsd matches either code and stops at
# the first hit, the final row being its "illegal" sentinel.
INLAND_SHIP_TYPE: tuple[tuple[int, int, str], ...] = (
    (8000, 99, "Vessel, type unknown"),
    (8010, 79, "Motor freighter"),
    (8020, 89, "Motor tanker"),
    (8021, 80, "Motor tanker, liquid cargo, type N"),
    (8022, 80, "Motor tanker, liquid cargo, type C"),
    (8023, 89, "Motor tanker, dry cargo as if liquid (e.g. cement)"),
    (8030, 79, "Container vessel"),
    (8040, 80, "Gas tanker"),
    (8050, 79, "Motor freighter, tug"),
    (8060, 89, "Motor tanker, tug"),
    (8070, 79, "Motor freighter with one or more ships alongside"),
    (8080, 89, "Motor freighter with tanker"),
    (8090, 79, "Motor freighter pushing one or more freighters"),
    (8100, 89, "Motor freighter pushing at least one tank-ship"),
    (8110, 79, "Tug, freighter"),
    (8120, 89, "Tug, tanker"),
    (8130, 31, "Tug freighter, coupled"),
    (8140, 31, "Tug, freighter/tanker, coupled"),
    (8150, 99, "Freightbarge"),
    (8160, 99, "Tankbarge"),
    (8161, 90, "Tankbarge, liquid cargo, type N"),
    (8162, 90, "Tankbarge, liquid cargo, type C"),
    (8163, 99, "Tankbarge, dry cargo as if liquid (e.g. cement)"),
    (8170, 99, "Freightbarge with containers"),
    (8180, 90, "Tankbarge, gas"),
    (8210, 79, "Pushtow, one cargo barge"),
    *(
        (8200 + 10 * n, 79, f"Pushtow, {w} cargo barges")
        for n, w in enumerate(("two", "three", "four", "five", "six", "seven", "eigth"), 2)
    ),
    (8290, 79, "Pushtow, nine or more barges"),
    (8310, 80, "Pushtow, one tank/gas barge"),
    *(
        (8300 + 10 * n, 80, f"Pushtow, {w} barges at least one tanker or gas barge")
        for n, w in enumerate(("two", "three", "four", "five", "six"), 2)
    ),
    (8370, 80, "Pushtow, seven barges at least one tanker or gas barg"),
    (0, 0, "Illegal ship type value."),
)


def _legend(table: tuple[str, ...], code: int, invalid: str) -> str:
    return table[code] if 0 <= code < len(table) else invalid


def status_text(status: int) -> str:
    """gpsd's ``status_text`` for a navigational status (0-15)."""
    return _legend(NAV_STATUS, status, "INVALID STATUS")


def shiptype_text(shiptype: int) -> str:
    """gpsd's ``shiptype_text`` for an AIS ship and cargo type (0-99)."""
    return _legend(SHIP_TYPE, shiptype, "INVALID SHIP TYPE")


def epfd_text(epfd: int) -> str:
    """gpsd's ``epfd_text`` for a position-fixing device type (0-15)."""
    return _legend(EPFD, epfd, "INVALID EPFD")


def inland_shiptype_text(code: int) -> str:
    """gpsd's legend for an Inland AIS (ERI) ship type, matched on ERI or AIS code."""
    for eri, ais, legend in INLAND_SHIP_TYPE:
        if code in (eri, ais) or eri == 0:
            return legend
    raise AssertionError("unreachable: the table ends with a catch-all row")


# --- rate of turn ------------------------------------------------------------------------

TURN_NOT_AVAILABLE = -128


def turn_index(turn: Any) -> int:
    """The raw ROT index (-128..127) behind pyais's ``turn``.

    pyais reports ±127/-128 as themselves and anything else as signed whole degrees per minute
    ((index / 4.733)², rounded), so small indices collapse: 1-3 read back as 0, 4-6 as ±5.
    """
    if turn is None:
        return 0  # gpsd reads missing bits as zeros
    value = float(turn)
    if abs(value) in (127.0, 128.0):
        return int(value)
    return int(math.copysign(round(4.733 * math.sqrt(abs(value))), value))


def turn_scaled(index: int) -> str:
    """gpsd's scaled ``turn``: a legend, or signed degrees per minute to two decimals."""
    if index == TURN_NOT_AVAILABLE:
        return "n/a"
    if index == -127:
        return "fastleft"
    if index == 127:
        return "fastright"
    rate = math.copysign((index / 4.733) ** 2, index)
    return f"{rate + 0.0:.2f}"  # + 0.0: print -0.0 as 0.00


# --- reading pyais values ----------------------------------------------------------------


def gpsd_text(value: Any) -> str:
    """A six-bit text field as gpsd prints it: cut at the first '@', trailing blanks trimmed."""
    if value is None:
        return ""
    return str(value).split("@", 1)[0].rstrip(" ")


@dataclass(frozen=True)
class _Fields:
    """Typed access to a pyais dict; absent or None values read as gpsd's zeros."""

    values: Mapping[str, Any]
    scaled: bool
    bitlen: int | None

    def num(self, name: str) -> int:
        value = self.values.get(name)
        return 0 if value is None else int(value)

    def flag(self, name: str) -> bool:
        return bool(self.values.get(name))

    def text(self, name: str) -> str:
        return gpsd_text(self.values.get(name))

    def raw(self, name: str, scale: float, offset: float = 0.0) -> int:
        """Undo pyais's scaling: ``round((value + offset) * scale)``."""
        value = self.values.get(name)
        return 0 if value is None else round((float(value) + offset) * scale)

    def blob(self, name: str) -> bytes:
        value = self.values.get(name)
        return value if isinstance(value, bytes) else b""


def _fixed(value: float, decimals: int) -> float:
    """A value as gpsd's ``%.Nf`` prints it (Python and C both round the exact binary value)."""
    return round(value, decimals)


def _position(f: _Fields, div: float, decimals: int, scale: float) -> tuple[Any, Any]:
    """(lon, lat): raw integers, or degrees rounded like gpsd's printf."""
    lon, lat = f.raw("lon", scale), f.raw("lat", scale)
    if not f.scaled:
        return lon, lat
    return _fixed(lon / div, decimals), _fixed(lat / div, decimals)


def _cnb_position(f: _Fields) -> tuple[Any, Any]:
    # 1/10000 minute; gpsd prints seven decimals
    return _position(f, 600000.0, 7, 600000.0)


def _tenths(f: _Fields, name: str) -> Any:
    raw = f.raw(name, 10)
    return _fixed(raw / 10.0, 1) if f.scaled else raw


# --- binary payloads ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Bits:
    """An application payload: big-endian bits; reads past the end give zeros, as in gpsd."""

    value: int
    length: int

    @classmethod
    def of(cls, data: bytes, length: int | None = None) -> _Bits:
        total = len(data) * 8
        value = int.from_bytes(data, "big")
        if length is None:
            return cls(value, total)
        if length <= total:
            return cls(value >> (total - length), length)
        return cls(value << (length - total), length)

    def uint(self, start: int, width: int) -> int:
        end = start + width
        padded = self.value << max(0, end - self.length)
        return (padded >> max(0, self.length - end)) & ((1 << width) - 1)

    def sint(self, start: int, width: int) -> int:
        value = self.uint(start, width)
        return value - (1 << width) if value >> (width - 1) else value

    def text(self, start: int, chars: int) -> str:
        """Six-bit ASCII like gpsd's from_sixbit: stop at '@', trim trailing blanks."""
        out = []
        for i in range(chars):
            code = self.uint(start + 6 * i, 6)
            if code == 0:
                break
            out.append(chr(code + 64 if code < 32 else code))
        return "".join(out).rstrip(" ")


@dataclass(frozen=True)
class _Region:
    """A binary payload region as pyais gives it (byte-aligned at the region start)."""

    data: bytes
    length: int  # gpsd's bit count

    def bits(self) -> _Bits:
        return _Bits.of(self.data, self.length)

    def gpsd_data(self) -> str:
        """gpsd's ``"bitcount:hex"``: whole bytes copied from the message, so the last byte
        keeps whatever bits follow the region (zeros past the end of the message)."""
        nbytes = (self.length + 7) // 8
        copied = self.data[:nbytes].ljust(nbytes, bytes(1))
        return f"{self.length}:{copied.hex()}"


def _region(f: _Fields, data: bytes, start: int, trailer: int = 0) -> _Region:
    """``data`` (starting at message bit ``start``) with gpsd's bit count.

    With the message bit length known the count is ``bitlen - start - trailer``; without it,
    pyais's byte-padded length stands in.
    """
    total = f.bitlen if f.bitlen is not None else start + len(data) * 8
    return _Region(data, max(0, total - start - trailer))


# --- per-type bodies ---------------------------------------------------------------------


def _speed_legend(raw: int, not_available: int, fast: int) -> str | None:
    # gpsd's scaled legends; "n/a" follows the reference version's spelling for turn
    if raw == not_available:
        return "n/a"
    if raw == fast:
        return "fast"
    return None


def _type_1_3(f: _Fields) -> Obj:
    status = f.num("status")
    turn = turn_index(f.values.get("turn"))
    speed = f.raw("speed", 10)
    lon, lat = _cnb_position(f)
    scaled_speed = _speed_legend(speed, 1023, 1022) or _fixed(speed / 10.0, 1)
    return {
        "status": status,
        "status_text": status_text(status),
        "turn": turn_scaled(turn) if f.scaled else turn,
        "speed": scaled_speed if f.scaled else speed,
        "accuracy": f.flag("accuracy"),
        "lon": lon,
        "lat": lat,
        "course": _tenths(f, "course"),
        "heading": f.num("heading"),
        "second": f.num("second"),
        "maneuver": f.num("maneuver"),
        "raim": f.flag("raim"),
        "radio": f.num("radio"),
    }


def _type_4_11(f: _Fields) -> Obj:
    lon, lat = _cnb_position(f)
    stamp = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(
        *(f.num(n) for n in ("year", "month", "day", "hour", "minute", "second"))
    )
    epfd = f.num("epfd")
    return {
        "timestamp": stamp,
        "accuracy": f.flag("accuracy"),
        "lon": lon,
        "lat": lat,
        "epfd": epfd,
        "epfd_text": epfd_text(epfd),
        "raim": f.flag("raim"),
        "radio": f.num("radio"),
    }


def _month_time(month: int, day: int, hour: int, minute: int) -> str:
    """gpsd's partial ISO 8601 date ``MM-DDThh:mmZ`` (out-of-range values printed as is)."""
    return f"{month:02d}-{day:02d}T{hour:02d}:{minute:02d}Z"


def _eta(f: _Fields) -> str:
    return _month_time(*(f.num(n) for n in ("month", "day", "hour", "minute")))


def _dimensions(f: _Fields) -> Obj:
    return {n: f.num(n) for n in ("to_bow", "to_stern", "to_port", "to_starboard")}


def _type_5(f: _Fields) -> Obj:
    shiptype, epfd = f.num("ship_type"), f.num("epfd")
    draught = f.raw("draught", 10)
    return {
        "imo": f.num("imo"),
        "ais_version": f.num("ais_version"),
        "callsign": f.text("callsign"),
        "shipname": f.text("shipname"),
        "shiptype": shiptype,
        "shiptype_text": shiptype_text(shiptype),
        **_dimensions(f),
        "epfd": epfd,
        "epfd_text": epfd_text(epfd),
        "eta": _eta(f),
        "draught": _fixed(draught / 10.0, 1) if f.scaled else draught,
        "destination": f.text("destination"),
        "dte": f.num("dte"),
    }


def _type_7_13(f: _Fields) -> Obj:
    out: Obj = {}
    for n in range(1, 5):
        value, end = f.num(f"mmsi{n}"), 40 + 32 * n - 2
        if f.bitlen is not None and end - 30 < f.bitlen < end:
            # cut by the end of the message: pyais right-aligns the bits it has, gpsd reads
            # the missing low bits as zeros
            value <<= end - f.bitlen
        out[f"mmsi{n}"] = value
    return out


def _type_9(f: _Fields) -> Obj:
    alt, speed = f.num("alt"), f.raw("speed", 1)
    lon, lat = _cnb_position(f)
    if f.scaled:  # gpsd's legends for "not available" and the top of the range
        alt_out: Any = {4095: "n/a", 4094: "high"}.get(alt, alt)
        speed_out: Any = _speed_legend(speed, 1023, 1022) or speed
    else:
        alt_out, speed_out = alt, speed
    return {
        "alt": alt_out,
        "speed": speed_out,
        "accuracy": f.flag("accuracy"),
        "lon": lon,
        "lat": lat,
        "course": _tenths(f, "course"),
        "second": f.num("second"),
        "regional": f.num("reserved_1"),
        "dte": f.num("dte"),
        "raim": f.flag("raim"),
        "radio": f.num("radio"),
    }


def _type_10(f: _Fields) -> Obj:
    return {"dest_mmsi": f.num("dest_mmsi")}


def _type_12(f: _Fields) -> Obj:
    return {
        "seqno": f.num("seqno"),
        "dest_mmsi": f.num("dest_mmsi"),
        "retransmit": f.flag("retransmit"),
        "text": f.text("text"),
    }


def _type_14(f: _Fields) -> Obj:
    return {"text": f.text("text")}


def _type_15(f: _Fields) -> Obj:
    names = ("mmsi1", "type1_1", "offset1_1", "type1_2", "offset1_2", "mmsi2", "type2_1")
    return {name: f.num(name) for name in (*names, "offset2_1")}


def _type_16(f: _Fields) -> Obj:
    names = ("mmsi1", "offset1", "increment1", "mmsi2", "offset2", "increment2")
    return {name: f.num(name) for name in names}


def _type_17(f: _Fields) -> Obj:
    # 1/10 minute (pyais divides by 10); gpsd prints degrees to one decimal. pyais reads these
    # fields unsigned, so sign-extend them (17/18-bit two's complement) first.
    lon, lat = _signed(f.raw("lon", 10), 18), _signed(f.raw("lat", 10), 17)
    where: Obj = {"lon": lon, "lat": lat}
    if f.scaled:
        where = {"lon": _fixed(lon / 600.0, 1), "lat": _fixed(lat / 600.0, 1)}
    return where | {"data": _region(f, f.blob("data"), 80).gpsd_data()}


def _signed(value: int, width: int) -> int:
    value &= (1 << width) - 1
    return value - (1 << width) if value >> (width - 1) else value


def _class_b_head(f: _Fields) -> Obj:
    lon, lat = _cnb_position(f)
    return {
        "reserved": f.num("reserved_1"),
        "speed": _tenths(f, "speed"),
        "accuracy": f.flag("accuracy"),
        "lon": lon,
        "lat": lat,
        "course": _tenths(f, "course"),
        "heading": f.num("heading"),
        "second": f.num("second"),
        "regional": f.num("reserved_2"),
    }


def _type_18(f: _Fields) -> Obj:
    flags = ("cs", "display", "dsc", "band", "msg22", "raim")
    return {**_class_b_head(f), **{n: f.flag(n) for n in flags}, "radio": f.num("radio")}


def _type_19(f: _Fields) -> Obj:
    shiptype, epfd = f.num("ship_type"), f.num("epfd")
    return {
        **_class_b_head(f),
        "shipname": f.text("shipname"),
        "shiptype": shiptype,
        "shiptype_text": shiptype_text(shiptype),
        **_dimensions(f),
        "epfd": epfd,
        "epfd_text": epfd_text(epfd),
        "raim": f.flag("raim"),
        "dte": f.num("dte"),
        "assigned": f.flag("assigned"),
    }


def _type_20(f: _Fields) -> Obj:
    parts = ("offset", "number", "timeout", "increment")
    return {f"{p}{i}": f.num(f"{p}{i}") for i in range(1, 5) for p in parts}


def _type_21(f: _Fields) -> Obj:
    aid, epfd = f.num("aid_type"), f.num("epfd")
    lon, lat = _cnb_position(f)
    where = {"lon": lon, "lat": lat, "accuracy": f.flag("accuracy")}
    if not f.scaled:  # gpsd's unscaled format puts accuracy first
        where = {"accuracy": where.pop("accuracy"), **where}
    name = f.text("name")
    if len(name) == 20:
        # gpsd appends the extension only to a full 20-character name: one padded with '@'
        # ends early (pyais strips the padding, and appends the extension regardless)
        name = gpsd_text(f.values.get("full_name", name))
    return {
        "aid_type": aid,
        "aid_type_text": _legend(NAVAID_TYPE, aid, "INVALID NAVAID TYPE"),
        "name": name,
        **where,
        **_dimensions(f),
        "epfd": epfd,
        "epfd_text": epfd_text(epfd),
        "second": f.num("second"),
        "regional": f.num("reserved_1"),
        "off_position": f.flag("off_position"),
        "raim": f.flag("raim"),
        "virtual_aid": f.flag("virtual_aid"),
    }


def _corners(f: _Fields) -> Obj:
    """Channel-area corners: 1/10 minute; scaled, gpsd prints them as "%f" strings."""
    names = ("ne_lon", "ne_lat", "sw_lon", "sw_lat")
    raw = {n: f.raw(n, 10) for n in names}
    if not f.scaled:
        return raw
    return {n: f"{value / 600.0:f}" for n, value in raw.items()}


def _type_22(f: _Fields) -> Obj:
    out: Obj = {
        "channel_a": f.num("channel_a"),
        "channel_b": f.num("channel_b"),
        "txrx": f.num("txrx"),
        "power": f.flag("power"),
    }
    if f.flag("addressed"):
        out |= {"dest1": f.num("dest1"), "dest2": f.num("dest2")}
    else:
        out |= _corners(f)
    flags = {n: f.flag(n) for n in ("addressed", "band_a", "band_b")}
    return out | flags | {"zonesize": f.num("zonesize")}


def _type_23(f: _Fields) -> Obj:
    station, shiptype = f.num("station_type"), f.num("ship_type")
    return {
        **_corners(f),
        "stationtype": station,
        "stationtype_text": _legend(STATION_TYPE, station, "INVALID STATION TYPE"),
        "shiptype": shiptype,
        "shiptype_text": shiptype_text(shiptype),
        "interval": f.num("interval"),
        "quiet": f.num("quiet"),
    }


def is_auxiliary_mmsi(mmsi: int) -> bool:
    """98XXXYYYY: a craft associated with a parent ship (type 24 B carries its MMSI)."""
    return mmsi // 10000000 == 98


def _vendorid(f: _Fields) -> str:
    """gpsd reads vendorid as the old 7-character field, overlapping model and serial."""
    tail = _Bits((f.num("model") << 20) | f.num("serial"), 24).text(0, 4)
    head = gpsd_text(f.values.get("vendorid"))
    if len(head) < 3:  # the name ended ('@' or blanks) inside the 3-character field
        return head
    return (head + tail).rstrip(" ")


def _type_24(f: _Fields) -> Obj:
    if f.num("partno") == 0:
        return {"part": "A", "shipname": f.text("shipname")}
    shiptype = f.num("ship_type")
    out: Obj = {
        "part": "B",
        "shiptype": shiptype,
        "shiptype_text": shiptype_text(shiptype),
        "vendorid": _vendorid(f),
        "model": f.num("model"),
        "serial": f.num("serial"),
        "callsign": f.text("callsign"),
    }
    if is_auxiliary_mmsi(f.num("mmsi")):
        return out | {"mothership_mmsi": f.num("mothership_mmsi")}
    return out | _dimensions(f)


def _binary_broadcast(f: _Fields, msg_type: int) -> Obj:
    addressed, structured = f.flag("addressed"), f.flag("structured")
    start = 40 + 30 * addressed + 16 * structured
    trailer = 20 if msg_type == 26 else 0  # the type 26 radio status follows the data
    data = f.blob("data")
    if not structured and "app_id" in f.values:
        # pyais's addressed unstructured type 26 layout reads the first 16 data bits as an
        # app_id: put them back in front of the data
        data = f.num("app_id").to_bytes(2, "big") + data
    out: Obj = {
        "addressed": addressed,
        "structured": structured,
        "dest_mmsi": f.num("dest_mmsi"),
        "app_id": f.num("app_id") if structured else 0,
        "data": _region(f, data, start, trailer).gpsd_data(),
    }
    if msg_type == 26:
        out["radio"] = 0  # the reference gpsd never decodes the type 26 radio status
    return out


def _type_27(f: _Fields) -> Obj:
    status = f.num("status")
    lon, lat = _position(f, 600.0, 4, 600.0)
    head: Obj = {"status": status}
    if f.scaled:
        head["status_text"] = status_text(status)
    return {
        **head,
        "accuracy": f.flag("accuracy"),
        "lon": lon,
        "lat": lat,
        "speed": f.num("speed"),
        "course": f.num("course"),
        "raim": f.flag("raim"),
        "gnss": f.flag("gnss"),
    }


# --- types 6 and 8: application payloads -------------------------------------------------

_HEADER_KEYS = frozenset(
    ("msg_type", "repeat", "mmsi", "seqno", "dest_mmsi", "retransmit", "dac", "fid")
)

# pyais variants whose raw region starts right after the FID: gpsd prints them as data
_RAW_REGIONS = {(8, 1, 16): "target_data", (8, 367, 33): "reports_data"}


def _app_6_1_12(bits: _Bits, f: _Fields) -> Obj:
    """IMO236 dangerous cargo indication."""
    return {
        "lastport": bits.text(0, 5),
        "departure": _month_time(
            bits.uint(30, 4), bits.uint(34, 5), bits.uint(39, 5), bits.uint(44, 6)
        ),
        "nextport": bits.text(50, 5),
        "eta": _month_time(bits.uint(80, 4), bits.uint(84, 5), bits.uint(89, 5), bits.uint(94, 6)),
        "dangerous": bits.text(100, 20),
        "imdcat": bits.text(220, 4),
        "unid": bits.uint(244, 13),
        "amount": bits.uint(257, 10),
        "unit": bits.uint(267, 2),
    }


def _tidal_entries(bits: _Bits, size: int) -> range:
    """gpsd decodes an entry (at most 3) whenever its first bit lies within the message."""
    first = 9  # after month and day
    return range(min(3, (bits.length - first) // size + 1) if bits.length >= first else 0)


def _tidal(f: _Fields, lon: int, lat: int, rest: tuple[int, ...], cspeed: int) -> Obj:
    out: Obj = {"lon": lon, "lat": lat}
    if f.scaled:  # gpsd divides both tidal-window layouts by 60000 (1/1000 minute)
        out = {"lon": _fixed(lon / 60000.0, 6), "lat": _fixed(lat / 60000.0, 6)}
    names = ("from_hour", "from_min", "to_hour", "to_min", "cdir")
    out |= dict(zip(names, rest, strict=True))
    out["cspeed"] = _fixed(cspeed / 10.0, 1) if f.scaled else cspeed
    return out


def _app_6_1_14(bits: _Bits, f: _Fields) -> Obj:
    """IMO236 tidal window: lat then lon (1/10000 min, printed as gpsd divides: /60000)."""
    tidals = []
    for n in _tidal_entries(bits, 93):
        a = 9 + 93 * n
        widths = ((a + 55, 5), (a + 60, 6), (a + 66, 5), (a + 71, 6), (a + 77, 9))
        rest = tuple(bits.uint(s, w) for s, w in widths)
        lon, lat = bits.sint(a + 27, 28), bits.sint(a, 27)
        tidals.append(_tidal(f, lon, lat, rest, bits.uint(a + 86, 7)))
    return {"month": bits.uint(0, 4), "day": bits.uint(4, 5), "tidals": tidals}


def _app_6_1_32(bits: _Bits, f: _Fields) -> Obj:
    """IMO289 tidal window: lon then lat in 1/1000 minute."""
    tidals = []
    for n in _tidal_entries(bits, 88):
        a = 9 + 88 * n
        widths = ((a + 49, 5), (a + 54, 6), (a + 60, 5), (a + 65, 6), (a + 71, 9))
        rest = tuple(bits.uint(s, w) for s, w in widths)
        lon, lat = bits.sint(a, 25), bits.sint(a + 25, 24)
        tidals.append(_tidal(f, lon, lat, rest, bits.uint(a + 80, 8)))
    return {"month": bits.uint(0, 4), "day": bits.uint(4, 5), "tidals": tidals}


def _app_6_1_30(bits: _Bits, f: _Fields) -> Obj:
    """IMO289 text description (addressed)."""
    return {"linkage": bits.uint(0, 10), "text": bits.text(10, max(0, bits.length - 10) // 6)}


def _app_6_200_55(bits: _Bits, f: _Fields) -> Obj:
    """Inland AIS number of persons on board."""
    return {"crew": bits.uint(0, 8), "passengers": bits.uint(8, 13), "personnel": bits.uint(21, 8)}


def _analogue(f: _Fields, raw: int) -> Any:
    # scaled: 0.05 V steps, except 0 ("not used") which stays an integer
    return _fixed(raw * 0.05, 2) if f.scaled and raw else raw


def _app_6_235_10(bits: _Bits, f: _Fields) -> Obj:
    """GLA AtoN monitoring data (DAC 235 UK, 250 Ireland)."""
    racon, light = bits.uint(30, 2), bits.uint(32, 2)
    return {
        "off_pos": bool(bits.uint(43, 1)),
        "alarm": bool(bits.uint(34, 1)),
        "stat_ext": bits.uint(35, 8),
        "ana_int": _analogue(f, bits.uint(0, 10)),
        "ana_ext1": _analogue(f, bits.uint(10, 10)),
        "ana_ext2": _analogue(f, bits.uint(20, 10)),
        "racon": racon,
        "racon_text": RACON_STATUS[racon],
        "light": light,
        "light_text": LIGHT_STATUS[light],
    }


_APP_FROM_BITS: dict[tuple[int, int], Callable[[_Bits, _Fields], Obj]] = {
    (1, 12): _app_6_1_12,
    (1, 14): _app_6_1_14,
    (1, 30): _app_6_1_30,
    (1, 32): _app_6_1_32,
    (200, 55): _app_6_200_55,
    (235, 10): _app_6_235_10,
    (250, 10): _app_6_235_10,
}


def _app_6_1_18(f: _Fields) -> Obj:
    """IMO289 clearance time to enter port (decoded by pyais)."""
    lon, lat = _position(f, 60000.0, 6, 60000.0)
    return {
        "linkage": f.num("linkage"),
        "arrival": _eta(f),
        "portname": f.text("port_name"),
        "destination": f.text("destination"),
        "lon": lon,
        "lat": lat,
    }


def _met_common(f: _Fields) -> Obj:
    stamp = "{:02d}T{:02d}:{:02d}Z".format(*(f.num(n) for n in ("day", "hour", "minute")))
    winds = ("wspeed", "wgust", "wdir", "wgustdir", "humidity")
    return {"timestamp": stamp, **{n: f.num(n) for n in winds}}


def _met_currents(f: _Fields, speed: Callable[[str], Any]) -> Obj:
    out: Obj = {"cspeed": speed("cspeed"), "cdir": f.num("cdir")}
    for n in (2, 3):
        out |= {f"cspeed{n}": speed(f"cspeed{n}"), f"cdir{n}": f.num(f"cdir{n}")}
        out[f"cdepth{n}"] = f.num(f"cdepth{n}")
    return out


def _met_waves(f: _Fields, height: Callable[[str], Any]) -> Obj:
    return {
        "waveheight": height("waveheight"),
        "waveperiod": f.num("waveperiod"),
        "wavedir": f.num("wavedir"),
        "swellheight": height("swellheight"),
        "swellperiod": f.num("swellperiod"),
        "swelldir": f.num("swelldir"),
        "seastate": f.num("seastate"),
    }


def _scaled_raw(f: _Fields, raw: int, offset: int, div: float) -> Any:
    """gpsd's ``(raw - offset) / div`` to one decimal when scaled, else the raw value."""
    return _fixed((raw - offset) / div, 1) if f.scaled else raw


def _trend(f: _Fields, name: str) -> Any:
    code = f.num(name)
    return TRENDS[code & 3] if f.scaled else code


def _app_8_1_11(f: _Fields) -> Obj:
    """IMO236 meteorological and hydrological data (decoded by pyais, legacy offsets)."""
    lon, lat = _position(f, 60000.0, 6, 60000.0)

    def tenths(name: str) -> Any:
        return _scaled_raw(f, f.raw(name, 10), 0, 10.0)

    precip, ice = f.num("preciptype"), f.num("ice")
    return {
        "lat": lat,
        "lon": lon,
        **_met_common(f),
        "airtemp": _scaled_raw(f, f.raw("airtemp", 10, 60.0), 600, 10.0),
        "dewpoint": _scaled_raw(f, f.raw("dewpoint", 10, 20.0), 200, 10.0),
        "pressure": f.num("pressure") if f.scaled else f.num("pressure") - 800,
        "pressuretend": _trend(f, "pressuretend"),
        "visibility": tenths("visibility"),
        "waterlevel": _scaled_raw(f, f.raw("waterlevel", 10, 10.0), 100, 10.0),
        "leveltrend": _trend(f, "leveltrend"),
        **_met_currents(f, tenths),
        **_met_waves(f, tenths),
        "watertemp": _scaled_raw(f, f.raw("watertemp", 10, 10.0), 100, 10.0),
        "preciptype": precip,
        "preciptype_text": PRECIP_TYPES[precip & 7],
        "salinity": tenths("salinity"),
        "ice": ice,
        "ice_text": ICE[ice & 3],
    }


def _app_8_1_31(f: _Fields) -> Obj:
    """IMO289 meteorological and hydrological data (decoded by pyais)."""
    lon, lat = _position(f, 60000.0, 6, 60000.0)

    def tenths(name: str) -> Any:
        return _scaled_raw(f, f.raw(name, 10), 0, 10.0)

    precip, ice = f.num("preciptype"), f.num("ice")
    return {
        "lat": lat,
        "lon": lon,
        "accuracy": f.flag("accuracy"),
        **_met_common(f),
        "airtemp": tenths("airtemp"),
        "dewpoint": tenths("dewpoint"),
        "pressure": f.num("pressure") if f.scaled else f.num("pressure") - 799,
        "pressuretend": _trend(f, "pressuretend"),
        "visgreater": f.flag("visgreater"),
        "visibility": tenths("visibility"),
        "waterlevel": _scaled_raw(f, f.raw("waterlevel", 100, 10.0), 1000, 100.0),
        "leveltrend": _trend(f, "leveltrend"),
        **_met_currents(f, tenths),
        **_met_waves(f, tenths),
        "watertemp": tenths("watertemp"),
        "preciptype": PRECIP_TYPES[precip & 7] if f.scaled else precip,
        "salinity": tenths("salinity"),
        "ice": ICE[ice & 3] if f.scaled else ice,
    }


def _app_8_200_10(f: _Fields) -> Obj:
    """Inland ship static and voyage data (decoded by pyais; gpsd prints raw units)."""
    shiptype, hazard, loaded = f.num("shiptype"), f.num("hazard"), f.num("loaded")
    return {
        "vin": f.text("vin"),
        "length": f.raw("length", 10),
        "beam": f.raw("beam", 10),
        "shiptype": shiptype,
        "shiptype_text": inland_shiptype_text(shiptype),
        "hazard": hazard,
        "hazard_text": _legend(HAZARD, hazard, "INVALID HAZARD TYPE"),
        "draught": f.raw("draught", 100),
        "loaded": loaded,
        "loaded_text": _legend(LOAD_STATUS, loaded, "INVALID LOAD STATUS"),
        "speed_q": f.flag("speed_q"),
        "course_q": f.flag("course_q"),
        "heading_q": f.flag("heading_q"),
    }


_APP_FROM_PYAIS: dict[tuple[int, int, int], Callable[[_Fields], Obj]] = {
    (6, 1, 18): _app_6_1_18,
    (8, 1, 11): _app_8_1_11,
    (8, 1, 31): _app_8_1_31,
    (8, 200, 10): _app_8_200_10,
}


def _pyais_application(f: _Fields) -> Obj:
    """Fields pyais decoded that gpsd has no layout for here: pyais names, JSON-able values."""
    out: Obj = {}
    for name, value in f.values.items():
        if name in _HEADER_KEYS or name.startswith("spare"):
            continue
        if isinstance(value, bytes):
            out[name] = _Region(value, len(value) * 8).gpsd_data()
        elif isinstance(value, bool | str | float) or value is None:
            out[name] = value
        elif isinstance(value, int):  # plain or enum
            out[name] = int(value)
        else:
            out[name] = str(value)
    return out


def _application(f: _Fields, msg_type: int) -> Obj:
    dac, fid = f.num("dac"), f.num("fid")
    start = 88 if msg_type == 6 else 56
    mapper = _APP_FROM_PYAIS.get((msg_type, dac, fid))
    if mapper is not None:
        return mapper(f)
    name = _RAW_REGIONS.get((msg_type, dac, fid), "data")
    if name not in f.values:
        return _pyais_application(f)
    region = _region(f, f.blob(name), start)
    decoder = _APP_FROM_BITS.get((dac, fid)) if msg_type == 6 else None
    if decoder is not None:
        return decoder(region.bits(), f)
    return {"data": region.gpsd_data()}


def _type_6(f: _Fields) -> Obj:
    head = {
        "seqno": f.num("seqno"),
        "dest_mmsi": f.num("dest_mmsi"),
        "retransmit": f.flag("retransmit"),
        "dac": f.num("dac"),
        "fid": f.num("fid"),
    }
    return head | _application(f, 6)


def _type_8(f: _Fields) -> Obj:
    return {"dac": f.num("dac"), "fid": f.num("fid")} | _application(f, 8)


_BODIES: dict[int, Callable[[_Fields], Obj]] = {
    **dict.fromkeys((1, 2, 3), _type_1_3),
    **dict.fromkeys((4, 11), _type_4_11),
    5: _type_5,
    6: _type_6,
    **dict.fromkeys((7, 13), _type_7_13),
    8: _type_8,
    9: _type_9,
    10: _type_10,
    12: _type_12,
    14: _type_14,
    15: _type_15,
    16: _type_16,
    17: _type_17,
    18: _type_18,
    19: _type_19,
    20: _type_20,
    21: _type_21,
    22: _type_22,
    23: _type_23,
    24: _type_24,
    25: lambda f: _binary_broadcast(f, 25),
    26: lambda f: _binary_broadcast(f, 26),
    27: _type_27,
}


def gpsd_json(
    decoded: Mapping[str, Any],
    *,
    scaled: bool = True,
    device: str = "stdin",
    bitlen: int | None = None,
) -> Obj:
    """gpsd's JSON object for one pyais-decoded message (``pyais.decode(...).asdict()``).

    ``device`` is omitted when empty, as gpsd does. ``bitlen`` is the message's payload bit
    length (:func:`sentence_bitlen`); gpsd prints it in the bit count of binary ``data``
    (types 6, 8, 17, 25, 26); without it the count is pyais's byte-padded length. Type 24
    halves carry ``"part": "A"|"B"`` (gpsd's split24 form); pass them through
    :class:`Type24Merger` to get what gpsd prints. Types gpsd does not know (28+) get the
    header only.
    """
    msg_type = int(decoded["msg_type"])
    out: Obj = {"class": "AIS"}
    if device:
        out["device"] = device
    out |= {
        "type": msg_type,
        "repeat": int(decoded.get("repeat") or 0),
        "mmsi": int(decoded.get("mmsi") or 0),
        "scaled": scaled,
    }
    body = _BODIES.get(msg_type)
    if body is not None:
        out |= body(_Fields(decoded, scaled, bitlen))
    return out


def sentence_bitlen(*sentences: str | bytes) -> int:
    """Payload bit length of one message: 6 × payload characters − the last fill bits.

    Accepts the message's NMEA fragments (``!AIVDM,2,1,...``), with or without trailing
    receiver fields after the checksum.
    """
    total, fill = 0, 0
    for sentence in sentences:
        text = sentence.decode("ascii", "replace") if isinstance(sentence, bytes) else sentence
        parts = text[text.index("!") :].split(",") if "!" in text else text.split(",")
        total += 6 * len(parts[5])
        fill = int(parts[6].split("*", 1)[0] or 0)
    return total - fill


# --- type 24 merging ---------------------------------------------------------------------

TYPE24_SLOTS = 8  # gpsd's MAX_TYPE24_INTERLEAVE


@dataclass
class _Type24Queue:
    """gpsd's circular queue of part-A (MMSI, shipname) pairs for one channel."""

    slots: list[tuple[int, str]] = field(default_factory=lambda: [(0, "")] * TYPE24_SLOTS)
    index: int = 0

    def stash(self, mmsi: int, shipname: str) -> None:
        self.slots[self.index] = (mmsi, shipname)
        self.index = (self.index + 1) % TYPE24_SLOTS

    def take(self, mmsi: int) -> str | None:
        """The first slot holding ``mmsi`` (in slot order, as gpsd searches), then forget it.

        gpsd clears only the MMSI so a repeated B does not match again; like gpsd, an empty
        slot (MMSI 0) matches a part B from MMSI 0.
        """
        for i, (held, name) in enumerate(self.slots):
            if held == mmsi:
                self.slots[i] = (0, name)
                return name
        return None


class Type24Merger:
    """gpsd's default type 24 behaviour: print one report per matched part A + part B.

    ``feed(obj)`` takes :func:`gpsd_json` objects in stream order and returns those to print:
    non-24 objects pass through; a part A is held and prints nothing; a part B whose MMSI
    matches a held part A (same channel, one of the last 8 part As) prints the merged report
    (B's header, A's shipname, then B's fields) and releases that A; any other part B prints
    nothing. A B before its A is therefore lost, and an A is forgotten once 8 newer As arrived
    on its channel. ``split24=True`` mirrors gpsd's option of printing the halves as they come.
    """

    def __init__(self, *, split24: bool = False) -> None:
        self._split24 = split24
        self._queues: dict[str, _Type24Queue] = {}

    def feed(self, obj: Obj, *, channel: str = "") -> list[Obj]:
        """The objects to print after ``obj``; ``channel`` is the NMEA radio channel (A/B)."""
        part = obj.get("part")
        if obj.get("type") != 24 or part not in ("A", "B") or self._split24:
            return [obj]
        queue = self._queues.setdefault(channel, _Type24Queue())
        if part == "A":
            queue.stash(int(obj["mmsi"]), str(obj.get("shipname", "")))
            return []
        shipname = queue.take(int(obj["mmsi"]))
        return [] if shipname is None else [_merged(obj, shipname)]


_ENVELOPE = ("class", "device", "type", "repeat", "mmsi", "scaled")


def _merged(part_b: Obj, shipname: str) -> Obj:
    head = {k: part_b[k] for k in _ENVELOPE if k in part_b}
    rest = {k: v for k, v in part_b.items() if k not in head and k != "part"}
    return head | {"shipname": shipname} | rest
