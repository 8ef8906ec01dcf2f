"""Position rows of types 1-3, 4/11, 9, 18/19 and 27, each field and flag as ``nmea_decode``.

Positions are pyais's ``round(raw / 600000, 6)`` (type 27: ``/ 600``), speeds and courses
``raw / 10`` (type 9 speed, type 27 speed and course: raw); a field holding its "not
available" code keeps its value and sets its flag.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from sanctionwatch.sources.ais_records import (
    FLAG_COURSE_NOT_AVAILABLE,
    FLAG_HEADING_NOT_AVAILABLE,
    FLAG_POSITION_NOT_AVAILABLE,
    FLAG_POSITION_OUT_OF_RANGE,
    FLAG_SPEED_NOT_AVAILABLE,
)
from sanctionwatch.sources.fast_arrays import F64, I64, flag_where
from sanctionwatch.sources.fast_fields import Payloads, mmsi_flags, tenths
from sanctionwatch.sources.fast_rows import STATION_BASE, STATION_SAR, STATION_VESSEL, Rows


def moving(p: Payloads, at: int, *, status: bool) -> Rows:
    """Types 1-3 (``at`` 50, with status) and 18/19 (``at`` 46): speed, accuracy, lon, lat,
    course and heading at ``at`` + 0, 10, 11, 39, 66 and 78."""
    mmsi = p.get(8, 30)
    lat, lon = _latlon(p.signed(at + 39, 27), 600_000), _latlon(p.signed(at + 11, 28), 600_000)
    speed, course, heading = p.get(at, 10), p.get(at + 66, 12), p.get(at + 78, 9)
    flags = (
        _position_flags(mmsi, lat, lon)
        | flag_where(speed == 1023, FLAG_SPEED_NOT_AVAILABLE)
        | flag_where(course == 3600, FLAG_COURSE_NOT_AVAILABLE)
        | flag_where(heading == 511, FLAG_HEADING_NOT_AVAILABLE)
    )
    extra = {"status": p.get(38, 4)} if status else {}
    return _rows(
        p, STATION_VESSEL, mmsi=mmsi, lat=lat, lon=lon, speed=tenths(speed),
        course=tenths(course), heading=heading, accuracy=p.get(at + 10, 1), flags=flags,
        **extra,
    )  # fmt: skip


def base_station(p: Payloads) -> Rows:
    """Types 4 and 11: a fixed station's position, no motion fields."""
    mmsi = p.get(8, 30)
    lat, lon = _latlon(p.signed(107, 27), 600_000), _latlon(p.signed(79, 28), 600_000)
    flags = _position_flags(mmsi, lat, lon)
    return _rows(p, STATION_BASE, mmsi=mmsi, lat=lat, lon=lon, accuracy=p.get(78, 1), flags=flags)


def sar_aircraft(p: Payloads) -> Rows:
    """Type 9: speed in whole knots (1023 = n/a), course 0.1 degree, no heading or status."""
    mmsi = p.get(8, 30)
    lat, lon = _latlon(p.signed(89, 27), 600_000), _latlon(p.signed(61, 28), 600_000)
    speed, course = p.get(50, 10), p.get(116, 12)
    flags = (
        _position_flags(mmsi, lat, lon)
        | flag_where(speed == 1023, FLAG_SPEED_NOT_AVAILABLE)
        | flag_where(course == 3600, FLAG_COURSE_NOT_AVAILABLE)
    )
    return _rows(
        p, STATION_SAR, mmsi=mmsi, lat=lat, lon=lon, speed=speed, course=tenths(course),
        accuracy=p.get(60, 1), flags=flags,
    )  # fmt: skip


def long_range(p: Payloads) -> Rows:
    """Type 27: 1/10-minute position, whole knots (63 = n/a) and degrees (511 = n/a)."""
    mmsi = p.get(8, 30)
    lat, lon = _latlon(p.signed(62, 17), 600), _latlon(p.signed(44, 18), 600)
    speed, course = p.get(79, 6), p.get(85, 9)
    flags = (
        _position_flags(mmsi, lat, lon)
        | flag_where(speed == 63, FLAG_SPEED_NOT_AVAILABLE)
        | flag_where(course == 511, FLAG_COURSE_NOT_AVAILABLE)
    )
    rows = _rows(
        p, STATION_VESSEL, mmsi=mmsi, lat=lat, lon=lon, speed=speed, course=course,
        status=p.get(40, 4), accuracy=p.get(38, 1), flags=flags,
    )  # fmt: skip
    return rows


def _latlon(raw: I64, per_degree: int) -> F64:
    """pyais's round(raw / per_degree, 6), computed as it does: round(raw * 1e6 / per_degree)
    with integers (never a tie), then / 1e6."""
    factor = 6_000_000 // per_degree  # 10 for 1/600000 degree, 10000 for 1/600
    rounded: F64 = ((factor * raw + 3) // 6) / 1e6
    return rounded


def _position_flags(mmsi: I64, lat: F64, lon: F64) -> npt.NDArray[np.int32]:
    """As nmea_decode's, on the rounded degrees: 91 / 181 "not available", else the range."""
    missing = (lat == 91.0) | (lon == 181.0)
    inside = (lat >= -90.0) & (lat <= 90.0) & (lon >= -180.0) & (lon <= 180.0)
    return (
        flag_where(missing, FLAG_POSITION_NOT_AVAILABLE)
        | flag_where(~missing & ~inside, FLAG_POSITION_OUT_OF_RANGE)
        | mmsi_flags(mmsi)
    )


def _rows(p: Payloads, station: int, **columns: npt.NDArray[np.generic]) -> Rows:
    """Position rows; columns not given are null (motion, heading, status)."""
    n = p.index.size
    zeros = np.zeros(n, dtype=np.int64)
    null, present = np.ones(n, dtype=np.bool_), np.zeros(n, dtype=np.bool_)
    return Rows(
        index=p.index,
        msg_type=p.get(0, 6).astype(np.int8),
        station=np.full(n, station, dtype=np.int8),
        mmsi=columns["mmsi"].astype(np.int64),
        lat=columns["lat"].astype(np.float64),
        lon=columns["lon"].astype(np.float64),
        speed=columns.get("speed", zeros).astype(np.float32),
        course=columns.get("course", zeros).astype(np.float32),
        heading=columns.get("heading", zeros).astype(np.int16),
        status=columns.get("status", zeros).astype(np.int8),
        accuracy=columns["accuracy"].astype(np.bool_),
        flags=columns["flags"].astype(np.int32),
        time=p.time,
        speed_null=null if "speed" not in columns else present,
        course_null=null if "course" not in columns else present,
        heading_null=null if "heading" not in columns else present,
        status_null=null if "status" not in columns else present,
    )
