"""gpsd's controlled vocabularies: the ``*_text`` legends it prints beside AIS codes.

The texts are those the reference gpsd version prints (see ``ais_gpsd``); the legends of codes
its regression outputs never show (navigational status 6/10/11/13/14, EPFD 2/4-6/8-13) are
taken from gpsd's source.
"""

from __future__ import annotations

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


def legend(table: tuple[str, ...], code: int, invalid: str) -> str:
    """``table[code]``, or gpsd's ``invalid`` text for a code past the table."""
    return table[code] if 0 <= code < len(table) else invalid


def status_text(status: int) -> str:
    """gpsd's ``status_text`` for a navigational status (0-15)."""
    return legend(NAV_STATUS, status, "INVALID STATUS")


def shiptype_text(shiptype: int) -> str:
    """gpsd's ``shiptype_text`` for an AIS ship and cargo type (0-99)."""
    return legend(SHIP_TYPE, shiptype, "INVALID SHIP TYPE")


def epfd_text(epfd: int) -> str:
    """gpsd's ``epfd_text`` for a position-fixing device type (0-15)."""
    return legend(EPFD, epfd, "INVALID EPFD")


def inland_shiptype_text(code: int) -> str:
    """gpsd's legend for an Inland AIS (ERI) ship type, matched on ERI or AIS code."""
    for eri, ais, text in INLAND_SHIP_TYPE:
        if code in (eri, ais) or eri == 0:
            return text
    raise AssertionError("unreachable: the table ends with a catch-all row")
