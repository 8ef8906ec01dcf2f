"""The files of a simulation folder, written as the windows come in.

- ``ais.nmea`` (``--format nmea``): raw NMEA lines with tag blocks, after a ``#`` header that
  says the data is simulated (readers skip comment lines);
- ``positions.parquet`` and ``statics.parquet`` (``--format parquet``): the columns the generic
  Parquet reader takes (``sources/ais_csv_formats.py``), one row group per window, the file
  metadata marking them simulated;
- ``vessels.jsonl``, ``identities.jsonl``, ``truth.jsonl``, ``manifest.json``, ``README.txt``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from sanctionwatch.simulate.nmea import (
    Positions,
    Statics,
    channels,
    join,
    lines,
    position_payloads,
    static_payloads,
    voyage_payloads,
)
from sanctionwatch.simulate.render import Catalogue, Rendered, eta_fields, texts

NMEA_FILE = "ais.nmea"
POSITIONS_FILE = "positions.parquet"
STATICS_FILE = "statics.parquet"
_TIME = pa.timestamp("ms", tz="UTC")


def encode_nmea(rendered: Rendered, cat: Catalogue, rng: np.random.Generator) -> bytes:
    """The window's messages as NMEA lines in report order."""
    pos, static = rendered.pos, rendered.static
    blocks = []
    if pos["t"].size:
        payload = position_payloads(
            Positions(
                pos["msg_type"],
                pos["mmsi"],
                pos["status"],
                pos["sog_dkn"],
                pos["lon"],
                pos["lat"],
                pos["cog_ddeg"],
                pos["heading"],
                pos["t"] % 60,
            )
        )
        blocks.append((pos["rank"], lines(payload, 0, channels(rng, payload.shape[0]), pos["t"])))
    for kind in (5, 24):
        rows = np.flatnonzero(static["msg_type"] == kind)
        if not rows.size:
            continue
        fields = statics_of(static, rows, cat)
        channel = channels(rng, rows.size)
        t = static["t"][rows]
        if kind == 24:
            blocks.append((static["rank"][rows], lines(static_payloads(fields), 0, channel, t)))
            continue
        payload = voyage_payloads(fields)
        sequence = (48 + static["rank"][rows] % 10).astype(np.uint8)  # multipart message id
        first = lines(payload[:, :60], 0, channel, t, fragment=(2, 1), sequence=sequence)
        second = lines(payload[:, 60:], 2, channel, t, fragment=(2, 2), sequence=sequence)
        blocks.append((static["rank"][rows], np.concatenate([first, second], axis=1)))
    return join(blocks) if blocks else b""


def statics_of(static: dict[str, np.ndarray], rows: np.ndarray, cat: Catalogue) -> Statics:
    ident = static["ident"][rows]
    name, callsign, destination = texts(cat, ident, static["dest"][rows])
    month, day, hour, minute = eta_fields(static["eta"][rows])
    return Statics(
        static["msg_type"][rows],
        static["part"][rows],
        cat.mmsi[ident],
        cat.imo[ident],
        callsign,
        name,
        cat.ship_type[ident],
        cat.dims[ident, 0],
        cat.dims[ident, 1],
        cat.dims[ident, 2],
        cat.dims[ident, 3],
        month,
        day,
        hour,
        minute,
        static["draught_dm"][rows],
        destination,
    )


class NmeaWriter:
    def __init__(self, folder: Path, header: str) -> None:
        self.path = folder / NMEA_FILE
        self._file: BinaryIO = self.path.open("wb")
        for line in header.splitlines():
            self._file.write(f"# {line}\n".encode())

    def write(self, rendered: Rendered, data: bytes | None) -> None:
        """The window's lines, encoded by the worker that drew it."""
        assert data is not None, "NMEA windows come encoded"
        self._file.write(data)

    def close(self) -> None:
        self._file.close()


POSITIONS_SCHEMA = pa.schema(
    [
        pa.field("mmsi", pa.int64(), nullable=False),
        pa.field("timestamp", _TIME),
        pa.field("msg_type", pa.int8()),
        pa.field("lat", pa.float64()),
        pa.field("lon", pa.float64()),
        pa.field("sog", pa.float32()),
        pa.field("cog", pa.float32()),
        pa.field("heading", pa.int16()),
        pa.field("status", pa.int8()),
    ]
)
STATICS_SCHEMA = pa.schema(
    [
        pa.field("mmsi", pa.int64(), nullable=False),
        pa.field("timestamp", _TIME),
        pa.field("msg_type", pa.int8()),
        pa.field("lat", pa.float64()),
        pa.field("lon", pa.float64()),
        pa.field("imo", pa.int64()),
        pa.field("name", pa.string()),
        pa.field("callsign", pa.string()),
        pa.field("shiptype", pa.int16()),
        pa.field("draught", pa.float32()),
        pa.field("destination", pa.string()),
        pa.field("to_bow", pa.int16()),
        pa.field("to_stern", pa.int16()),
        pa.field("to_port", pa.int16()),
        pa.field("to_starboard", pa.int16()),
    ]
)


class ParquetWriter:
    """positions.parquet and statics.parquet, a row group per window."""

    def __init__(self, folder: Path, metadata: dict[str, str], cat: Catalogue) -> None:
        self.cat = cat
        self.paths = (folder / POSITIONS_FILE, folder / STATICS_FILE)
        meta = {k.encode(): v.encode() for k, v in metadata.items()}
        self._positions = pq.ParquetWriter(
            self.paths[0], POSITIONS_SCHEMA.with_metadata(meta), compression="zstd"
        )
        self._statics = pq.ParquetWriter(
            self.paths[1], STATICS_SCHEMA.with_metadata(meta), compression="zstd"
        )

    def write(self, rendered: Rendered, data: bytes | None = None) -> None:
        """The window as a row group of each file (``data``, NMEA, is not used)."""
        pos, static = rendered.pos, rendered.static
        if pos["t"].size:
            class_b = pos["msg_type"] == 18  # Class B reports carry no navigational status
            self._positions.write_table(
                pa.table(
                    {
                        "mmsi": pos["mmsi"],
                        "timestamp": pa.array(pos["t"] * 1000, _TIME),
                        "msg_type": pos["msg_type"].astype(np.int8),
                        "lat": pos["lat"],
                        "lon": pos["lon"],
                        "sog": (pos["sog_dkn"] / 10).astype(np.float32),
                        "cog": (pos["cog_ddeg"] / 10).astype(np.float32),
                        "heading": pos["heading"].astype(np.int16),
                        "status": pa.array(pos["status"].astype(np.int8), mask=class_b),
                    },
                    schema=POSITIONS_SCHEMA,
                )
            )
        if static["t"].size:
            self._statics.write_table(self._static_table(static))

    def _static_table(self, static: dict[str, np.ndarray]) -> pa.Table:
        """One row per static report; a Class B report's parts A and B make one row, as a
        provider's export gives them."""
        rows = np.flatnonzero(static["part"] == 0)
        cat, ident, n = self.cat, static["ident"][rows], rows.size
        class_b = static["msg_type"][rows] == 24  # no IMO, draught or destination in type 24
        dests = np.array(cat.destinations, dtype=object)[static["dest"][rows]]
        draught = static["draught_dm"][rows]
        dims = cat.dims[ident]
        return pa.table(
            {
                "mmsi": cat.mmsi[ident],
                "timestamp": pa.array(static["t"][rows] * 1000, _TIME),
                "msg_type": static["msg_type"][rows].astype(np.int8),
                "lat": pa.nulls(n, pa.float64()),
                "lon": pa.nulls(n, pa.float64()),
                "imo": pa.array(cat.imo[ident], mask=(cat.imo[ident] == 0) | class_b),
                "name": pa.array(
                    np.array([i.name for i in cat.identities], dtype=object)[ident], pa.string()
                ),
                "callsign": pa.array(
                    np.array([i.callsign for i in cat.identities], dtype=object)[ident], pa.string()
                ),
                "shiptype": cat.ship_type[ident].astype(np.int16),
                "draught": pa.array(
                    (draught / 10).astype(np.float32), mask=(draught == 0) | class_b
                ),
                "destination": pa.array(dests, pa.string(), mask=(dests == "") | class_b),
                **{
                    name: dims[:, k].astype(np.int16)
                    for k, name in enumerate(("to_bow", "to_stern", "to_port", "to_starboard"))
                },
            },
            schema=STATICS_SCHEMA,
        )

    def close(self) -> None:
        self._positions.close()
        self._statics.close()


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def file_entry(folder: Path, name: str) -> dict[str, Any]:
    digest = hashlib.sha256()
    with (folder / name).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"path": name, "bytes": (folder / name).stat().st_size, "sha256": digest.hexdigest()}
