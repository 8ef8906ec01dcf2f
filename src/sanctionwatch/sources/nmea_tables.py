"""Arrow tables of the rows the NMEA reader makes (schemas in ``ais_records``).

Rows arrive as ``(line, time in ms or None, core, FLAG_NO_TIME or 0)`` with the cores of
``nmea_decode``; quarantine rows as ``(line, reason, text)``. ``source_id`` stays null.
"""

from __future__ import annotations

import pyarrow as pa

from sanctionwatch.sources.ais_records import (
    BASE_STATION,
    POSITIONS,
    QUARANTINE,
    RAW_MESSAGES,
    SAR_AIRCRAFT,
    STATICS,
    TIMESTAMP,
    VESSEL,
)
from sanctionwatch.sources.nmea_decode import PositionCore, RawCore, StaticCore

# Station names in the order of nmea_decode's STATION_VESSEL, STATION_BASE, STATION_SAR.
_STATION_NAMES = pa.array([VESSEL, BASE_STATION, SAR_AIRCRAFT], pa.string())


def positions_table(rows: list[tuple[int, int | None, PositionCore, int]]) -> pa.Table:
    if not rows:
        return POSITIONS.empty_table()
    mmsi, kind, station, lat, lon, speed, course, heading, status, accuracy, flags = zip(
        *[r[2] for r in rows], strict=True
    )
    columns = [
        pa.nulls(len(rows), pa.int64()),
        pa.array([r[0] for r in rows], pa.int64()),
        pa.array(mmsi, pa.int64()),
        pa.array([r[1] for r in rows], TIMESTAMP),
        pa.array(kind, pa.int8()),
        pa.DictionaryArray.from_arrays(pa.array(station, pa.int8()), _STATION_NAMES),
        pa.array(lat, pa.float64()),
        pa.array(lon, pa.float64()),
        pa.array(speed, pa.float32()),
        pa.array(course, pa.float32()),
        pa.array(heading, pa.int16()),
        pa.array(status, pa.int8()),
        pa.array(accuracy, pa.bool_()),
        pa.array([f | r[3] for f, r in zip(flags, rows, strict=True)], pa.int32()),
    ]
    return pa.Table.from_arrays(columns, schema=POSITIONS)


def statics_table(rows: list[tuple[int, int | None, StaticCore, int]]) -> pa.Table:
    if not rows:
        return STATICS.empty_table()
    (mmsi, kind, imo, name, callsign, shiptype, draught, destination,
     bow, stern, port, starboard, flags) = zip(*[r[2] for r in rows], strict=True)  # fmt: skip
    columns = [
        pa.nulls(len(rows), pa.int64()),
        pa.array([r[0] for r in rows], pa.int64()),
        pa.array(mmsi, pa.int64()),
        pa.array([r[1] for r in rows], TIMESTAMP),
        pa.array(kind, pa.int8()),
        pa.array(imo, pa.int64()),
        pa.array(name, pa.string()),
        pa.array(callsign, pa.string()),
        pa.array(shiptype, pa.int16()),
        pa.array(draught, pa.float32()),
        pa.array(destination, pa.string()),
        pa.array(bow, pa.int16()),
        pa.array(stern, pa.int16()),
        pa.array(port, pa.int16()),
        pa.array(starboard, pa.int16()),
        pa.array([f | r[3] for f, r in zip(flags, rows, strict=True)], pa.int32()),
    ]
    return pa.Table.from_arrays(columns, schema=STATICS)


def raw_table(rows: list[tuple[int, int | None, RawCore]]) -> pa.Table:
    if not rows:
        return RAW_MESSAGES.empty_table()
    mmsi, kind, payload, fill = zip(*[r[2] for r in rows], strict=True)
    columns = [
        pa.nulls(len(rows), pa.int64()),
        pa.array([r[0] for r in rows], pa.int64()),
        pa.array(mmsi, pa.int64()),
        pa.array([r[1] for r in rows], TIMESTAMP),
        pa.array(kind, pa.int8()),
        pa.array(payload, pa.string()),
        pa.array(fill, pa.int8()),
    ]
    return pa.Table.from_arrays(columns, schema=RAW_MESSAGES)


def quarantine_table(rows: list[tuple[int, str, str]]) -> pa.Table:
    if not rows:
        return QUARANTINE.empty_table()
    line, reason, text = zip(*rows, strict=True)
    columns = [
        pa.nulls(len(rows), pa.int64()),
        pa.array(line, pa.int64()),
        pa.array(reason, pa.string()),
        pa.array(text, pa.string()),
    ]
    return pa.Table.from_arrays(columns, schema=QUARANTINE)
