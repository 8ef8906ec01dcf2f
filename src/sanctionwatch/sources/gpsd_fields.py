"""gpsd's JSON body of each AIS message type, except the application payloads of types 6 and 8.

One function per type (or group of types with one layout) maps a pyais-decoded message to the
fields gpsd prints after the envelope, in gpsd's order; ``MESSAGE_BODIES`` indexes them by type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sanctionwatch.sources.gpsd_legends import (
    NAVAID_TYPE,
    STATION_TYPE,
    epfd_text,
    legend,
    shiptype_text,
    status_text,
)
from sanctionwatch.sources.gpsd_values import (
    Obj,
    PayloadBits,
    PyaisFields,
    cnb_position,
    eta,
    fixed,
    gpsd_text,
    payload_region,
    position,
    scaled_tenths,
    turn_index,
    turn_scaled,
)


def _speed_legend(raw: int, not_available: int, fast: int) -> str | None:
    # gpsd's scaled legends; "n/a" follows the reference version's spelling for turn
    if raw == not_available:
        return "n/a"
    if raw == fast:
        return "fast"
    return None


def _type_1_3(f: PyaisFields) -> Obj:
    status = f.num("status")
    turn = turn_index(f.values.get("turn"))
    speed = f.raw("speed", 10)
    lon, lat = cnb_position(f)
    scaled_speed = _speed_legend(speed, 1023, 1022) or fixed(speed / 10.0, 1)
    return {
        "status": status,
        "status_text": status_text(status),
        "turn": turn_scaled(turn) if f.scaled else turn,
        "speed": scaled_speed if f.scaled else speed,
        "accuracy": f.flag("accuracy"),
        "lon": lon,
        "lat": lat,
        "course": scaled_tenths(f, "course"),
        "heading": f.num("heading"),
        "second": f.num("second"),
        "maneuver": f.num("maneuver"),
        "raim": f.flag("raim"),
        "radio": f.num("radio"),
    }


def _type_4_11(f: PyaisFields) -> Obj:
    lon, lat = cnb_position(f)
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


def _dimensions(f: PyaisFields) -> Obj:
    return {n: f.num(n) for n in ("to_bow", "to_stern", "to_port", "to_starboard")}


def _type_5(f: PyaisFields) -> Obj:
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
        "eta": eta(f),
        "draught": fixed(draught / 10.0, 1) if f.scaled else draught,
        "destination": f.text("destination"),
        "dte": f.num("dte"),
    }


def _type_7_13(f: PyaisFields) -> Obj:
    out: Obj = {}
    for n in range(1, 5):
        value, end = f.num(f"mmsi{n}"), 40 + 32 * n - 2
        if f.bitlen is not None and end - 30 < f.bitlen < end:
            # cut by the end of the message: pyais right-aligns the bits it has, gpsd reads
            # the missing low bits as zeros
            value <<= end - f.bitlen
        out[f"mmsi{n}"] = value
    return out


def _type_9(f: PyaisFields) -> Obj:
    alt, speed = f.num("alt"), f.raw("speed", 1)
    lon, lat = cnb_position(f)
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
        "course": scaled_tenths(f, "course"),
        "second": f.num("second"),
        "regional": f.num("reserved_1"),
        "dte": f.num("dte"),
        "raim": f.flag("raim"),
        "radio": f.num("radio"),
    }


def _type_10(f: PyaisFields) -> Obj:
    return {"dest_mmsi": f.num("dest_mmsi")}


def _type_12(f: PyaisFields) -> Obj:
    return {
        "seqno": f.num("seqno"),
        "dest_mmsi": f.num("dest_mmsi"),
        "retransmit": f.flag("retransmit"),
        "text": f.text("text"),
    }


def _type_14(f: PyaisFields) -> Obj:
    return {"text": f.text("text")}


def _type_15(f: PyaisFields) -> Obj:
    names = ("mmsi1", "type1_1", "offset1_1", "type1_2", "offset1_2", "mmsi2", "type2_1")
    return {name: f.num(name) for name in (*names, "offset2_1")}


def _type_16(f: PyaisFields) -> Obj:
    names = ("mmsi1", "offset1", "increment1", "mmsi2", "offset2", "increment2")
    return {name: f.num(name) for name in names}


def _type_17(f: PyaisFields) -> Obj:
    # 1/10 minute (pyais divides by 10); gpsd prints degrees to one decimal. pyais reads these
    # fields unsigned, so sign-extend them (17/18-bit two's complement) first.
    lon, lat = _signed(f.raw("lon", 10), 18), _signed(f.raw("lat", 10), 17)
    where: Obj = {"lon": lon, "lat": lat}
    if f.scaled:
        where = {"lon": fixed(lon / 600.0, 1), "lat": fixed(lat / 600.0, 1)}
    return where | {"data": payload_region(f, f.blob("data"), 80).gpsd_data()}


def _signed(value: int, width: int) -> int:
    value &= (1 << width) - 1
    return value - (1 << width) if value >> (width - 1) else value


def _class_b_head(f: PyaisFields) -> Obj:
    lon, lat = cnb_position(f)
    return {
        "reserved": f.num("reserved_1"),
        "speed": scaled_tenths(f, "speed"),
        "accuracy": f.flag("accuracy"),
        "lon": lon,
        "lat": lat,
        "course": scaled_tenths(f, "course"),
        "heading": f.num("heading"),
        "second": f.num("second"),
        "regional": f.num("reserved_2"),
    }


def _type_18(f: PyaisFields) -> Obj:
    flags = ("cs", "display", "dsc", "band", "msg22", "raim")
    return {**_class_b_head(f), **{n: f.flag(n) for n in flags}, "radio": f.num("radio")}


def _type_19(f: PyaisFields) -> Obj:
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


def _type_20(f: PyaisFields) -> Obj:
    parts = ("offset", "number", "timeout", "increment")
    return {f"{p}{i}": f.num(f"{p}{i}") for i in range(1, 5) for p in parts}


def _type_21(f: PyaisFields) -> Obj:
    aid, epfd = f.num("aid_type"), f.num("epfd")
    lon, lat = cnb_position(f)
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
        "aid_type_text": legend(NAVAID_TYPE, aid, "INVALID NAVAID TYPE"),
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


def _corners(f: PyaisFields) -> Obj:
    """Channel-area corners: 1/10 minute; scaled, gpsd prints them as "%f" strings."""
    names = ("ne_lon", "ne_lat", "sw_lon", "sw_lat")
    raw = {n: f.raw(n, 10) for n in names}
    if not f.scaled:
        return raw
    return {n: f"{value / 600.0:f}" for n, value in raw.items()}


def _type_22(f: PyaisFields) -> Obj:
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


def _type_23(f: PyaisFields) -> Obj:
    station, shiptype = f.num("station_type"), f.num("ship_type")
    return {
        **_corners(f),
        "stationtype": station,
        "stationtype_text": legend(STATION_TYPE, station, "INVALID STATION TYPE"),
        "shiptype": shiptype,
        "shiptype_text": shiptype_text(shiptype),
        "interval": f.num("interval"),
        "quiet": f.num("quiet"),
    }


def is_auxiliary_mmsi(mmsi: int) -> bool:
    """98XXXYYYY: a craft associated with a parent ship (type 24 B carries its MMSI)."""
    return mmsi // 10000000 == 98


def _vendorid(f: PyaisFields) -> str:
    """gpsd reads vendorid as the old 7-character field, overlapping model and serial."""
    tail = PayloadBits((f.num("model") << 20) | f.num("serial"), 24).text(0, 4)
    head = gpsd_text(f.values.get("vendorid"))
    if len(head) < 3:  # the name ended ('@' or blanks) inside the 3-character field
        return head
    return (head + tail).rstrip(" ")


def _type_24(f: PyaisFields) -> Obj:
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


def _binary_broadcast(f: PyaisFields, msg_type: int) -> Obj:
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
        "data": payload_region(f, data, start, trailer).gpsd_data(),
    }
    if msg_type == 26:
        out["radio"] = 0  # the reference gpsd never decodes the type 26 radio status
    return out


def _type_27(f: PyaisFields) -> Obj:
    status = f.num("status")
    lon, lat = position(f, 600.0, 4, 600.0)
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


MESSAGE_BODIES: dict[int, Callable[[PyaisFields], Obj]] = {
    **dict.fromkeys((1, 2, 3), _type_1_3),
    **dict.fromkeys((4, 11), _type_4_11),
    5: _type_5,
    **dict.fromkeys((7, 13), _type_7_13),
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
