"""STATICS rows of types 5, 24 (parts A and B) and 19, each column as ``nmea_decode``'s.

Text is 6-bit ASCII without trailing ``@``/spaces and leading spaces (null when empty); an
IMO number is null when 0 and flagged when its check digit is wrong; columns a type does not
carry are null. Type 19 also yields its position row.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from sanctionwatch.sources.ais_records import FLAG_IMO_INVALID, FLAG_NO_TIME, STATICS
from sanctionwatch.sources.fast_arrays import I64, NO_TIME, Bools, flag_where
from sanctionwatch.sources.fast_fields import Payloads, mmsi_flags, tenths
from sanctionwatch.sources.fast_positions import moving
from sanctionwatch.sources.fast_rows import Rows, optional_array, timestamp_array


def voyage(p: Payloads, first_line: int) -> pa.Table:
    """Type 5: IMO, call sign, name, ship type, dimensions, draught (0.1 m), destination."""
    mmsi, imo = p.get(8, 30), p.get(40, 30)
    return _statics_table(
        p, first_line, mmsi=pa.array(mmsi), imo=optional_array(imo, imo == 0),
        name=p.text(112, 20), callsign=p.text(70, 7), shiptype=pa.array(p.get(232, 8), pa.int16()),
        draught=pa.array(tenths(p.get(294, 8))), destination=p.text(302, 20),
        **_dimensions(p, 240), flags=pa.array(mmsi_flags(mmsi) | _imo_flags(imo)),
    )  # fmt: skip


def static_report_a(p: Payloads, first_line: int) -> pa.Table:
    """Type 24 part A: the name."""
    mmsi = p.get(8, 30)
    return _statics_table(
        p, first_line, mmsi=pa.array(mmsi), name=p.text(40, 20), flags=pa.array(mmsi_flags(mmsi))
    )


def static_report_b(p: Payloads, first_line: int) -> pa.Table:
    """Type 24 part B: ship type, call sign and dimensions (null for an auxiliary craft, MMSI
    98XXXYYYY, whose part B holds its mother ship's MMSI instead)."""
    mmsi = p.get(8, 30)
    auxiliary = (mmsi >= 980_000_000) & (mmsi <= 989_999_999)
    return _statics_table(
        p, first_line, mmsi=pa.array(mmsi), callsign=p.text(90, 7),
        shiptype=pa.array(p.get(40, 8), pa.int16()), **_dimensions(p, 132, auxiliary),
        flags=pa.array(mmsi_flags(mmsi)),
    )  # fmt: skip


def extended_class_b(p: Payloads, first_line: int) -> tuple[Rows, pa.Table]:
    """Type 19: a class B position and a name, ship type and dimensions."""
    mmsi = p.get(8, 30)
    static = _statics_table(
        p, first_line, mmsi=pa.array(mmsi), name=p.text(143, 20),
        shiptype=pa.array(p.get(263, 8), pa.int16()), **_dimensions(p, 271),
        flags=pa.array(mmsi_flags(mmsi)),
    )  # fmt: skip
    return moving(p, 46, status=False), static


def _statics_table(p: Payloads, first_line: int, **columns: pa.Array) -> pa.Table:
    """STATICS rows; ``flags`` (numpy) gets FLAG_NO_TIME where the time is missing."""
    n = p.index.size
    flags = columns.pop("flags").to_numpy() | flag_where(p.time == NO_TIME, FLAG_NO_TIME)
    names = [f.name for f in STATICS][5:-1]
    return pa.Table.from_arrays(
        [
            pa.nulls(n, pa.int64()),
            pa.array(p.index + np.int64(first_line)),
            columns.pop("mmsi"),
            timestamp_array(p.time),
            pa.array(p.get(0, 6).astype(np.int8)),
            *[columns.get(name, pa.nulls(n, STATICS.field(name).type)) for name in names],
            pa.array(flags.astype(np.int32)),
        ],
        schema=STATICS,
    )


def _imo_flags(imo: I64) -> npt.NDArray[np.int32]:
    """FLAG_IMO_INVALID unless 0 or seven digits whose last is sum(d_i * (7 - i)) mod 10."""
    digits = (imo[:, None] // 10 ** np.arange(6, -1, -1)) % 10
    check = (digits[:, :6] * np.arange(7, 1, -1)).sum(axis=1) % 10
    valid = (imo >= 1_000_000) & (imo <= 9_999_999) & (check == digits[:, 6])
    return flag_where((imo != 0) & ~valid, FLAG_IMO_INVALID)


def _dimensions(p: Payloads, at: int, null: Bools | None = None) -> dict[str, pa.Array]:
    widths = {"to_bow": 9, "to_stern": 9, "to_port": 6, "to_starboard": 6}
    columns = {}
    for name, width in widths.items():
        columns[name] = pa.array(p.get(at, width).astype(np.int16), mask=null)
        at += width
    return columns
