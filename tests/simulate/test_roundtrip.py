"""What is written reads back, through the project's own readers and `ingest ais`, as simulated."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pyarrow.parquet as pq

from sanctionwatch.sources.ais_csv import read_provider
from sanctionwatch.sources.ais_nmea import NmeaReader
from tests.helpers import cli
from tests.simulate.conftest import Drawn


def _nmea_positions(path: Path) -> dict[str, np.ndarray]:
    reader = NmeaReader()
    tables = [batch.positions for batch in reader.read_path(path) if batch.positions.num_rows]
    assert reader.account.balanced() and not reader.account.quarantined
    assert reader.account.ignored == {"comment": 3}  # the header saying it is simulated
    columns = ("mmsi", "timestamp", "msg_type", "lat", "lon", "speed", "course", "heading")
    out = {
        c: np.concatenate([np.asarray(t.column(c).to_numpy(zero_copy_only=False)) for t in tables])
        for c in columns
    }
    out["timestamp"] = out["timestamp"].astype("datetime64[s]").astype(np.int64)
    return out


def test_nmea_decodes_to_the_simulated_positions(nmea_dir: Path, small_drawn: Drawn) -> None:
    got = _nmea_positions(nmea_dir / "ais.nmea")
    want = small_drawn.pos
    assert got["mmsi"].size == want["t"].size > 10_000
    order = np.lexsort((got["mmsi"], got["timestamp"]))  # same-second reports: any order
    mine = np.lexsort((want["mmsi"], want["t"]))
    assert (got["timestamp"][order] == want["t"][mine]).all()
    assert (got["mmsi"][order] == want["mmsi"][mine]).all()
    assert (got["msg_type"][order] == want["msg_type"][mine]).all()
    # within AIS resolution: 1/10000 minute of arc, 0.1 kn, 0.1 degree, 1 degree
    assert np.abs(got["lat"][order] - want["lat"][mine]).max() <= 1 / 600_000
    assert np.abs(got["lon"][order] - want["lon"][mine]).max() <= 1 / 600_000
    assert np.abs(got["speed"][order] * 10 - want["sog_dkn"][mine]).max() < 0.01
    assert np.abs(got["course"][order] * 10 - want["cog_ddeg"][mine]).max() < 0.01
    assert (got["heading"][order] == want["heading"][mine]).all()


def test_parquet_holds_the_same_positions_as_nmea(nmea_dir: Path, parquet_dir: Path) -> None:
    from_nmea = _nmea_positions(nmea_dir / "ais.nmea")
    batches, account = read_provider(parquet_dir / "positions.parquet")  # the generic reader
    tables = [b.positions for b in batches]
    assert account.balanced() and not account.quarantined
    mmsi = np.concatenate([t.column("mmsi").to_numpy() for t in tables])
    lat = np.concatenate([t.column("lat").to_numpy() for t in tables])
    assert mmsi.size == from_nmea["mmsi"].size
    assert np.array_equal(np.sort(lat), np.sort(from_nmea["lat"]))
    meta = pq.read_schema(parquet_dir / "positions.parquet").metadata
    assert meta[b"simulated"] == b"true"
    statics, _ = read_provider(parquet_dir / "statics.parquet")
    names = {n for b in statics for n in b.statics.column("name").to_pylist()}
    vessels = [json.loads(line) for line in (parquet_dir / "vessels.jsonl").open()]
    assert {v["name"] for v in vessels if v["role"] == "background"} <= names


def test_ingest_takes_the_folder_as_it_is(
    tmp_path: Path, nmea_dir: Path, small_drawn: Drawn
) -> None:
    ws = tmp_path / "ws"
    result = cli("ingest", "ais", nmea_dir, "--json", workspace=ws)
    assert result.code == 0, result.stderr
    doc = result.json()
    assert doc["files"] == 1 and doc["rejected"] == 0
    skipped = sorted(Path(s["path"]).name for s in doc["skipped"])
    assert skipped == [
        "README.txt",
        "designations.csv",
        "identities.jsonl",
        "manifest.json",
        "member_report_gb.json",
        "member_report_jp.json",
        "member_report_kr.json",
        "notifications.csv",
        "truth.jsonl",
        "vessels.jsonl",
    ]
    manifest = json.loads((nmea_dir / "manifest.json").read_text())
    assert doc["positions"] == manifest["counts"]["positions"]
    truth_mmsis = {
        m for line in (nmea_dir / "truth.jsonl").open() for m in json.loads(line)["vessels"]
    }
    positions = f"read_parquet('{ws}/store/positions/*/*.parquet')"
    stored = duckdb.sql(f"SELECT DISTINCT mmsi FROM {positions}").fetchall()
    assert truth_mmsis <= {row[0] for row in stored}
    total = duckdb.sql(f"SELECT sum(lat), sum(lon), min(flags), max(flags) FROM {positions}")
    [(lat, lon, low, high)] = total.fetchall()
    assert abs(lat - small_drawn.pos["lat"].sum()) < 1e-3  # the same positions, stored
    assert abs(lon - small_drawn.pos["lon"].sum()) < 1e-3
    assert low == high == 0  # every value usable: no flag raised
