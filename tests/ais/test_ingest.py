"""`ingest ais` over the real files: every line accounted for, no-op twice, all or nothing."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sanctionwatch.ais.ingest import ingest_ais
from sanctionwatch.ais.vessels import vessels
from sanctionwatch.errors import InputError
from sanctionwatch.workspace.workspace import Workspace
from tests.helpers import cli, workspace_state


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace.open(tmp_path / "ws")
    yield workspace  # type: ignore[misc]
    workspace.close()


def _state(ws: Workspace) -> dict[str, object]:
    state = workspace_state(ws.root)
    state["files"] = {k: v for k, v in state["files"].items() if not k.startswith("tmp/")}
    state["rows"] = {k: v for k, v in state["rows"].items() if k != "audit_log"}
    return state


def test_every_real_ais_file_ingests_and_every_line_is_accounted(
    ws: Workspace, shared: Path
) -> None:
    result = ingest_ais(ws, [shared / "data" / "ais"])
    details = {Path(d["path"]).name: d for d in result["details"]}
    skipped = {Path(s["path"]).name for s in result["skipped"]}
    for name, report in details.items():
        accounted = report["consumed"] + sum(report["ignored"].values()) + report["rejected"]
        print(
            f"{name}: {report['lines']} lines = {report['consumed']} consumed + "
            f"{report['ignored']} ignored + {report['rejected_by_reason']} quarantined"
        )
        assert report["lines"] == accounted, name
    assert all("LICENSE" in name or name.endswith(".md") for name in skipped), skipped
    ais_files = [
        p for p in (shared / "data" / "ais").rglob("*") if p.is_file() and "LICENSE" not in p.name
    ]
    assert len(details) == len(ais_files)
    assert details["ais.txt.gz"]["lines"] == 44687
    assert result["positions"] > 100_000
    assert result["vessels"] > 10_000


def test_type5_messages_become_identities(ws: Workspace, shared: Path) -> None:
    result = ingest_ais(ws, [shared / "data" / "ais" / "nmea" / "amsa" / "ais.txt.gz"])
    [report] = result["details"]
    # SOURCES.md counts 1,728 type-5 sentences from two-letter talkers; the log also holds 51
    # from the talker "=I" (checksums valid, payloads plausible), which are kept, and one
    # 216-bit type 5 too short for its fields, which is quarantined as undecodable.
    [(type5,)] = ws.store.query("SELECT count(*) FROM statics WHERE msg_type = 5")
    assert type5 == 1728 + 51 - 1
    assert report["statics"] >= type5
    [(with_identity,)] = ws.store.query(
        "SELECT count(DISTINCT mmsi) FROM statics WHERE msg_type = 5"
    )
    [(in_identities,)] = ws.store.query(
        "SELECT count(DISTINCT i.mmsi) FROM identities i "
        "JOIN (SELECT DISTINCT mmsi FROM statics WHERE msg_type = 5) s USING (mmsi)"
    )
    assert in_identities == with_identity


def test_timestamps_from_tag_blocks_and_pghp(ws: Workspace, shared: Path) -> None:
    nmea = shared / "data" / "ais" / "nmea"
    ingest_ais(
        ws, [nmea / "kystverket" / "Ais1000Lines.nm4", nmea / "amsa" / "exact-earth-augmented.txt"]
    )
    rows = ws.store.query(
        "SELECT day, count(*), min(timestamp), max(timestamp) FROM positions GROUP BY day "
        "ORDER BY day"
    )
    days = {str(day): count for day, count, _, _ in rows}
    assert "2019-08-07" in days and "2012-01-31" in days
    assert days.get("none", 0) == 0


def test_reingest_is_a_noop(tmp_path: Path, catalog_url: str, shared: Path) -> None:
    ws = Workspace.open(tmp_path / "ws", catalog_url=catalog_url)
    path = shared / "data" / "ais" / "nmea" / "kystverket" / "Ais1000Lines.nm4"
    first = ingest_ais(ws, [path])
    assert first["files"] == 1 and first["positions"] > 0
    before = _state(ws)
    again = ingest_ais(ws, [path])
    assert again["files"] == 0 and again["already_ingested"] == 1
    assert _state(ws) == before
    ws.close()


def test_rows_carry_their_source(ws: Workspace, shared: Path) -> None:
    ingest_ais(ws, [shared / "data" / "ais" / "csv" / "marinecadastre-2023-01-11-sample.csv"])
    [(nulls, sources)] = ws.store.query(
        "SELECT count(*) FILTER (WHERE source_id IS NULL), count(DISTINCT source_id) FROM positions"
    )
    assert (nulls, sources) == (0, 1)
    found = vessels(ws.store)
    assert len(found) == 1000
    assert all(v["positions"] == 1 for v in found)


def test_bad_file_fails_whole_command_and_changes_nothing(
    ws: Workspace, shared: Path, tmp_path: Path
) -> None:
    ingest_ais(ws, [shared / "data" / "ais" / "nmea" / "kystverket" / "Ais1000Lines.nm4"])
    before = _state(ws)
    binary = tmp_path / "garbage.nmea"
    binary.write_bytes(bytes(range(256)) * 100)
    good = shared / "data" / "ais" / "nmea" / "amsa" / "nmea-timestamped.txt"
    with pytest.raises(InputError, match=r"garbage\.nmea"):
        ingest_ais(ws, [good, binary], fmt="nmea")
    assert _state(ws) == before
    assert not any((ws.root / "tmp").iterdir())


def _big_log(tmp_path: Path, shared: Path, megabytes: int) -> Path:
    data = gzip.decompress((shared / "data" / "ais" / "nmea" / "amsa" / "ais.txt.gz").read_bytes())
    target = tmp_path / "big.nmea"
    with target.open("wb") as handle:
        written = 0
        while written < megabytes * 1024 * 1024:
            handle.write(data)
            written += len(data)
    return target


def test_kill_9_mid_ingest_leaves_the_workspace_as_before(tmp_path: Path, shared: Path) -> None:
    root = tmp_path / "ws"
    assert cli("init", workspace=root).code == 0
    seed = cli("ingest", "ais", shared / "data" / "ais" / "nmea" / "kystverket", workspace=root)
    assert seed.code == 0, seed.stderr
    before = workspace_state(root)
    big = _big_log(tmp_path, shared, 60)
    command = [
        sys.executable,
        "-m",
        "sanctionwatch",
        "--workspace",
        str(root),
        "ingest",
        "ais",
        str(big),
        "--json",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    # Wait until it is writing Parquet into its scratch folder, then kill it hard.
    while time.monotonic() < deadline and process.poll() is None:
        if list((root / "tmp").rglob("*.parquet")) if (root / "tmp").exists() else []:
            break
        time.sleep(0.05)
    assert process.poll() is None, "ingest finished before it could be killed; use a bigger file"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    after = workspace_state(root)
    outside_scratch = {k: v for k, v in after["files"].items() if not k.startswith("tmp/")}
    assert outside_scratch == before["files"]
    assert {k: v for k, v in after["rows"].items()} == before["rows"]
    again = cli("ingest", "ais", big, "--json", workspace=root)
    assert again.code == 0, again.stderr
    assert again.json()["files"] == 1
    assert not [p for p in (root / "tmp").iterdir()]
