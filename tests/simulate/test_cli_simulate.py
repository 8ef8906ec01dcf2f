"""`sanctionwatch simulate` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import cli


def test_list_names_the_scenarios() -> None:
    result = cli("simulate", "--list", "--json")
    assert result.code == 0, result.stderr
    names = [s["name"] for s in result.json()["scenarios"]]
    assert names == ["dprk-2024", "background-2024"]
    assert "dprk-2024" in cli("simulate", "--list").stdout


def test_json_contract_and_same_bytes_in_another_process(tmp_path: Path) -> None:
    args = (
        "simulate",
        "dprk-2024",
        "--seed",
        "2",
        "--vessels",
        "14",
        "--days",
        "0.5",
        "--interval",
        "300",
        "--format",
        "parquet",
        "--json",
    )
    out = tmp_path / "sim"
    result = cli(*args, "--out", out, env={"PYTHONHASHSEED": "1"})
    assert result.code == 0, result.stderr
    doc = result.json()
    assert set(doc) >= {"positions", "vessels", "events_by_type", "files"}
    assert doc["vessels"] == 14 and doc["positions"] > 1000
    assert set(doc["events_by_type"]) == {
        "gap",
        "port_visit",
        "encounter",
        "loitering",
        "dark_transfer",
        "dark_port_call",
        "identity_change",
        "shared_mmsi",
        "spoofing",
        "draught_change",
    }
    assert sum(doc["events_by_type"].values()) == len(
        (out / "truth.jsonl").read_text().splitlines()
    )
    assert sorted(doc["files"]) == sorted(p.name for p in out.iterdir())
    assert "positions.parquet" in doc["files"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["command"].startswith("sanctionwatch simulate dprk-2024 --seed 2")
    # another interpreter, another hash seed: no set or dict order leaks into the bytes
    again = cli(*args, "--out", tmp_path / "again", env={"PYTHONHASHSEED": "2"})
    assert again.code == 0, again.stderr
    for name in doc["files"]:
        assert (out / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name


def test_usage_errors_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "never"
    for args in (
        ("simulate", "dprk-2024", "--seed", "1", "--vessels", "2", "--out", out),
        ("simulate", "atlantis", "--seed", "1", "--out", out),
        ("simulate", "dprk-2024", "--out", out),
        ("simulate", "dprk-2024", "--seed", "1", "--format", "csv"),
    ):  # every range check is in test_run; here: each kind of mistake reaches the user
        result = cli(*args, "--json")
        assert result.code == 2, (args, result.stderr)
        assert result.stdout == ""
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_an_occupied_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep")
    result = cli("simulate", "dprk-2024", "--seed", "1", "--out", tmp_path)
    assert result.code == 1 and "not an empty folder" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
