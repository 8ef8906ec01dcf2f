"""gpsd's JSON for the application payloads of types 6 and 8 (addressed and broadcast binary).

pyais decodes a few DAC/FID payloads and leaves the rest as raw bytes. Where gpsd decodes a
payload that pyais left raw, the few layouts seen in practice are decoded here from those bytes;
where pyais decoded it, its values are converted back to gpsd's. A payload neither knows is
printed as gpsd's ``"bitcount:hex"`` data; one that pyais decodes but gpsd has no layout for
here keeps pyais's field names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sanctionwatch.sources.gpsd_legends import (
    HAZARD,
    ICE,
    LIGHT_STATUS,
    LOAD_STATUS,
    PRECIP_TYPES,
    RACON_STATUS,
    TRENDS,
    inland_shiptype_text,
    legend,
)
from sanctionwatch.sources.gpsd_values import (
    Obj,
    PayloadBits,
    PayloadRegion,
    PyaisFields,
    eta,
    fixed,
    month_time,
    payload_region,
    position,
)

_HEADER_KEYS = frozenset(
    ("msg_type", "repeat", "mmsi", "seqno", "dest_mmsi", "retransmit", "dac", "fid")
)

# pyais variants whose raw region starts right after the FID: gpsd prints them as data
_RAW_REGIONS = {(8, 1, 16): "target_data", (8, 367, 33): "reports_data"}


def _app_6_1_12(bits: PayloadBits, f: PyaisFields) -> Obj:
    """IMO236 dangerous cargo indication."""
    return {
        "lastport": bits.text(0, 5),
        "departure": month_time(
            bits.uint(30, 4), bits.uint(34, 5), bits.uint(39, 5), bits.uint(44, 6)
        ),
        "nextport": bits.text(50, 5),
        "eta": month_time(bits.uint(80, 4), bits.uint(84, 5), bits.uint(89, 5), bits.uint(94, 6)),
        "dangerous": bits.text(100, 20),
        "imdcat": bits.text(220, 4),
        "unid": bits.uint(244, 13),
        "amount": bits.uint(257, 10),
        "unit": bits.uint(267, 2),
    }


def _tidal_entries(bits: PayloadBits, size: int) -> range:
    """gpsd decodes an entry (at most 3) whenever its first bit lies within the message."""
    first = 9  # after month and day
    return range(min(3, (bits.length - first) // size + 1) if bits.length >= first else 0)


def _tidal(f: PyaisFields, lon: int, lat: int, rest: tuple[int, ...], cspeed: int) -> Obj:
    out: Obj = {"lon": lon, "lat": lat}
    if f.scaled:  # gpsd divides both tidal-window layouts by 60000 (1/1000 minute)
        out = {"lon": fixed(lon / 60000.0, 6), "lat": fixed(lat / 60000.0, 6)}
    names = ("from_hour", "from_min", "to_hour", "to_min", "cdir")
    out |= dict(zip(names, rest, strict=True))
    out["cspeed"] = fixed(cspeed / 10.0, 1) if f.scaled else cspeed
    return out


def _app_6_1_14(bits: PayloadBits, f: PyaisFields) -> Obj:
    """IMO236 tidal window: lat then lon (1/10000 min, printed as gpsd divides: /60000)."""
    tidals = []
    for n in _tidal_entries(bits, 93):
        a = 9 + 93 * n
        widths = ((a + 55, 5), (a + 60, 6), (a + 66, 5), (a + 71, 6), (a + 77, 9))
        rest = tuple(bits.uint(s, w) for s, w in widths)
        lon, lat = bits.sint(a + 27, 28), bits.sint(a, 27)
        tidals.append(_tidal(f, lon, lat, rest, bits.uint(a + 86, 7)))
    return {"month": bits.uint(0, 4), "day": bits.uint(4, 5), "tidals": tidals}


def _app_6_1_32(bits: PayloadBits, f: PyaisFields) -> Obj:
    """IMO289 tidal window: lon then lat in 1/1000 minute."""
    tidals = []
    for n in _tidal_entries(bits, 88):
        a = 9 + 88 * n
        widths = ((a + 49, 5), (a + 54, 6), (a + 60, 5), (a + 65, 6), (a + 71, 9))
        rest = tuple(bits.uint(s, w) for s, w in widths)
        lon, lat = bits.sint(a, 25), bits.sint(a + 25, 24)
        tidals.append(_tidal(f, lon, lat, rest, bits.uint(a + 80, 8)))
    return {"month": bits.uint(0, 4), "day": bits.uint(4, 5), "tidals": tidals}


def _app_6_1_30(bits: PayloadBits, f: PyaisFields) -> Obj:
    """IMO289 text description (addressed)."""
    return {"linkage": bits.uint(0, 10), "text": bits.text(10, max(0, bits.length - 10) // 6)}


def _app_6_200_55(bits: PayloadBits, f: PyaisFields) -> Obj:
    """Inland AIS number of persons on board."""
    return {"crew": bits.uint(0, 8), "passengers": bits.uint(8, 13), "personnel": bits.uint(21, 8)}


def _analogue(f: PyaisFields, raw: int) -> Any:
    # scaled: 0.05 V steps, except 0 ("not used") which stays an integer
    return fixed(raw * 0.05, 2) if f.scaled and raw else raw


def _app_6_235_10(bits: PayloadBits, f: PyaisFields) -> Obj:
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


_APP_FROM_BITS: dict[tuple[int, int], Callable[[PayloadBits, PyaisFields], Obj]] = {
    (1, 12): _app_6_1_12,
    (1, 14): _app_6_1_14,
    (1, 30): _app_6_1_30,
    (1, 32): _app_6_1_32,
    (200, 55): _app_6_200_55,
    (235, 10): _app_6_235_10,
    (250, 10): _app_6_235_10,
}


def _app_6_1_18(f: PyaisFields) -> Obj:
    """IMO289 clearance time to enter port (decoded by pyais)."""
    lon, lat = position(f, 60000.0, 6, 60000.0)
    return {
        "linkage": f.num("linkage"),
        "arrival": eta(f),
        "portname": f.text("port_name"),
        "destination": f.text("destination"),
        "lon": lon,
        "lat": lat,
    }


def _met_common(f: PyaisFields) -> Obj:
    stamp = "{:02d}T{:02d}:{:02d}Z".format(*(f.num(n) for n in ("day", "hour", "minute")))
    winds = ("wspeed", "wgust", "wdir", "wgustdir", "humidity")
    return {"timestamp": stamp, **{n: f.num(n) for n in winds}}


def _met_currents(f: PyaisFields, speed: Callable[[str], Any]) -> Obj:
    out: Obj = {"cspeed": speed("cspeed"), "cdir": f.num("cdir")}
    for n in (2, 3):
        out |= {f"cspeed{n}": speed(f"cspeed{n}"), f"cdir{n}": f.num(f"cdir{n}")}
        out[f"cdepth{n}"] = f.num(f"cdepth{n}")
    return out


def _met_waves(f: PyaisFields, height: Callable[[str], Any]) -> Obj:
    return {
        "waveheight": height("waveheight"),
        "waveperiod": f.num("waveperiod"),
        "wavedir": f.num("wavedir"),
        "swellheight": height("swellheight"),
        "swellperiod": f.num("swellperiod"),
        "swelldir": f.num("swelldir"),
        "seastate": f.num("seastate"),
    }


def _scaled_raw(f: PyaisFields, raw: int, offset: int, div: float) -> Any:
    """gpsd's ``(raw - offset) / div`` to one decimal when scaled, else the raw value."""
    return fixed((raw - offset) / div, 1) if f.scaled else raw


def _trend(f: PyaisFields, name: str) -> Any:
    code = f.num(name)
    return TRENDS[code & 3] if f.scaled else code


def _app_8_1_11(f: PyaisFields) -> Obj:
    """IMO236 meteorological and hydrological data (decoded by pyais, legacy offsets)."""
    lon, lat = position(f, 60000.0, 6, 60000.0)

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


def _app_8_1_31(f: PyaisFields) -> Obj:
    """IMO289 meteorological and hydrological data (decoded by pyais)."""
    lon, lat = position(f, 60000.0, 6, 60000.0)

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


def _app_8_200_10(f: PyaisFields) -> Obj:
    """Inland ship static and voyage data (decoded by pyais; gpsd prints raw units)."""
    shiptype, hazard, loaded = f.num("shiptype"), f.num("hazard"), f.num("loaded")
    return {
        "vin": f.text("vin"),
        "length": f.raw("length", 10),
        "beam": f.raw("beam", 10),
        "shiptype": shiptype,
        "shiptype_text": inland_shiptype_text(shiptype),
        "hazard": hazard,
        "hazard_text": legend(HAZARD, hazard, "INVALID HAZARD TYPE"),
        "draught": f.raw("draught", 100),
        "loaded": loaded,
        "loaded_text": legend(LOAD_STATUS, loaded, "INVALID LOAD STATUS"),
        "speed_q": f.flag("speed_q"),
        "course_q": f.flag("course_q"),
        "heading_q": f.flag("heading_q"),
    }


_APP_FROM_PYAIS: dict[tuple[int, int, int], Callable[[PyaisFields], Obj]] = {
    (6, 1, 18): _app_6_1_18,
    (8, 1, 11): _app_8_1_11,
    (8, 1, 31): _app_8_1_31,
    (8, 200, 10): _app_8_200_10,
}


def _pyais_application(f: PyaisFields) -> Obj:
    """Fields pyais decoded that gpsd has no layout for here: pyais names, JSON-able values."""
    out: Obj = {}
    for name, value in f.values.items():
        if name in _HEADER_KEYS or name.startswith("spare"):
            continue
        if isinstance(value, bytes):
            out[name] = PayloadRegion(value, len(value) * 8).gpsd_data()
        elif isinstance(value, bool | str | float) or value is None:
            out[name] = value
        elif isinstance(value, int):  # plain or enum
            out[name] = int(value)
        else:
            out[name] = str(value)
    return out


def _application(f: PyaisFields, msg_type: int) -> Obj:
    dac, fid = f.num("dac"), f.num("fid")
    start = 88 if msg_type == 6 else 56
    mapper = _APP_FROM_PYAIS.get((msg_type, dac, fid))
    if mapper is not None:
        return mapper(f)
    name = _RAW_REGIONS.get((msg_type, dac, fid), "data")
    if name not in f.values:
        return _pyais_application(f)
    region = payload_region(f, f.blob(name), start)
    decoder = _APP_FROM_BITS.get((dac, fid)) if msg_type == 6 else None
    if decoder is not None:
        return decoder(region.bits(), f)
    return {"data": region.gpsd_data()}


def _type_6(f: PyaisFields) -> Obj:
    head = {
        "seqno": f.num("seqno"),
        "dest_mmsi": f.num("dest_mmsi"),
        "retransmit": f.flag("retransmit"),
        "dac": f.num("dac"),
        "fid": f.num("fid"),
    }
    return head | _application(f, 6)


def _type_8(f: PyaisFields) -> Obj:
    return {"dac": f.num("dac"), "fid": f.num("fid")} | _application(f, 8)


APPLICATION_BODIES: dict[int, Callable[[PyaisFields], Obj]] = {6: _type_6, 8: _type_8}
