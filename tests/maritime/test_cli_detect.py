"""`detect`, `events` and `evaluate` end to end through the CLI, on simulated and real AIS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanctionwatch.maritime.evaluate import epoch
from tests.helpers import cli, workspace_state

# The seed tuned on while building the detectors is 3; these two were not looked at first.
SEEDS = (21, 34)
ACCEPT_PRECISION, ACCEPT_RECALL = 0.9, 0.95


def _wpi(shared: Path) -> Path:
    return shared / "data" / "ports" / "wpi-2023.csv"


@pytest.fixture(scope="module", params=SEEDS)
def simulated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
              shared: Path) -> tuple[Path, Path, dict[str, object]]:  # fmt: skip
    """A small dprk-2024 simulation ingested and detected: (workspace, truth, detect JSON)."""
    seed = int(request.param)
    root = tmp_path_factory.mktemp(f"detect-{seed}")
    sim, ws = root / "sim", root / "ws"
    made = cli("simulate", "dprk-2024", "--seed", str(seed), "--vessels", "40", "--days", "4",
               "--interval", "60", "--format", "parquet", "--out", sim, "--json")  # fmt: skip
    assert made.code == 0, made.stderr
    assert cli("ingest", "ais", sim, "--json", workspace=ws).code == 0
    found = cli("detect", "--ports", _wpi(shared), "--json", workspace=ws)
    assert found.code == 0, found.stderr
    return ws, sim / "truth.jsonl", found.json()


def test_detect_reports_counts_by_type(simulated: tuple[Path, Path, dict[str, object]]) -> None:
    _, _, result = simulated
    assert set(result) == {"positions", "events_by_type", "params_version", "seconds"}
    assert isinstance(result["positions"], int) and result["positions"] > 10_000
    by_type = result["events_by_type"]
    assert isinstance(by_type, dict) and len(by_type) == 10


def test_events_are_stored_and_filtered(simulated: tuple[Path, Path, dict[str, object]]) -> None:
    ws, _, result = simulated
    everything = cli("events", "--json", workspace=ws).json()["events"]
    assert isinstance(result["events_by_type"], dict)
    assert len(everything) == sum(result["events_by_type"].values())
    first = everything[0]
    assert set(first) == {"id", "type", "vessels", "start", "end", "lat", "lon", "attributes",
                          "params_version"}  # fmt: skip
    assert first["params_version"] == result["params_version"]
    gaps = cli("events", "--type", "gap", "--json", workspace=ws).json()["events"]
    assert all(e["type"] == "gap" for e in gaps)
    mmsi = first["vessels"][0]
    mine = cli("events", "--vessel", str(mmsi), "--json", workspace=ws).json()["events"]
    assert mine and all(mmsi in e["vessels"] for e in mine)
    late = cli("events", "--since", "2024-03-04T00:00:00Z", "--json", workspace=ws).json()
    assert all(e["end"] >= "2024-03-04T00:00:00Z" for e in late["events"])
    # The table, too: identity changes have no place and must print, not crash.
    assert any(e["lat"] is None for e in everything)
    table = cli("events", workspace=ws)
    assert table.code == 0 and f"{len(everything)} events" in table.stdout, table.stderr


def test_scores_against_the_simulated_truth(
    simulated: tuple[Path, Path, dict[str, object]],
) -> None:
    """The issue's acceptance: precision >= 0.9 and recall >= 0.95 for every labelled type.
    Types below it are listed in the failure message (see the report of this work)."""
    ws, truth, _ = simulated
    scores = cli("evaluate", truth, "--json", workspace=ws)
    assert scores.code == 0, scores.stderr
    labels = [json.loads(line) for line in truth.read_text().splitlines() if line]
    labelled = {label["type"] for label in labels}
    short = {
        kind: s
        for kind, s in scores.json().items()
        if kind in labelled
        and ((s["precision"] or 0) < ACCEPT_PRECISION or (s["recall"] or 0) < ACCEPT_RECALL)
    }
    # Labels cut by the simulated period's end can be shorter than the definition allows
    # (an encounter of 16 minutes): those are the only encounters a detector may miss.
    undetectable = sum(
        1
        for label in labels
        if label["type"] == "encounter" and epoch(label["end"]) - epoch(label["start"]) < 2 * 3600
    )
    if "encounter" in short:
        assert short.pop("encounter")["fn"] <= undetectable
    # Measured on seeds 21 and 34 (and 3, 55, 89): no labelled type falls short any more.
    assert not short, short


def test_a_rerun_of_some_types_keeps_the_others(
    simulated: tuple[Path, Path, dict[str, object]], shared: Path
) -> None:
    ws, _, result = simulated
    assert isinstance(result["events_by_type"], dict)
    again = cli("detect", "--only", "gap", "--param", "gap.min_h=8", "--ports", _wpi(shared),
                "--json", workspace=ws)  # fmt: skip
    assert again.code == 0, again.stderr
    assert list(again.json()["events_by_type"]) == ["gap"]
    stored = cli("events", "--json", workspace=ws).json()["events"]
    ports = [e for e in stored if e["type"] == "port_visit"]
    assert len(ports) == result["events_by_type"]["port_visit"]
    versions = {e["params_version"] for e in stored if e["type"] == "gap"}
    assert versions == {again.json()["params_version"]} != {result["params_version"]}


def test_bad_input_fails_clearly_and_changes_nothing(
    simulated: tuple[Path, Path, dict[str, object]], tmp_path: Path
) -> None:
    ws, _, _ = simulated
    before = workspace_state(ws)
    unknown = cli("detect", "--only", "gap,teleport", workspace=ws)
    assert unknown.code == 1 and "teleport" in unknown.stderr
    bad_param = cli("detect", "--param", "gap.min_h=soon", workspace=ws)
    assert bad_param.code == 1 and "gap.min_h" in bad_param.stderr
    no_key = cli("detect", "--param", "gap.longest=3", workspace=ws)
    assert no_key.code == 1 and "gap.longest" in no_key.stderr
    truth = tmp_path / "truth.jsonl"
    good = '{"type": "gap", "vessels": [1], "start": "2024-03-01", "end": "2024-03-02"}'
    truth.write_text(good + '\n{"type": "gap", "vessels": [1]\n')
    broken = cli("evaluate", truth, workspace=ws)
    assert broken.code == 1 and f"{truth}:2" in broken.stderr
    assert cli("events", "--type", "teleport", workspace=ws).code == 1
    assert workspace_state(ws) == before


def test_suez_queue_gives_no_encounter_inside_the_port_exclusion(
    shared: Path, tmp_path: Path
) -> None:
    """Hundreds of ships anchored close together off Suez and Port Said: encounters by
    distance alone, but none more than the port exclusion from a port."""
    from sanctionwatch.maritime.ports import gazetteer_from_wpi_csv

    ws = tmp_path / "ws"
    source = shared / "data" / "ais" / "csv" / "suez-2021-03-evergiven.csv"
    assert cli("ingest", "ais", source, "--json", workspace=ws).code == 0
    found = cli("detect", "--ports", _wpi(shared), "--json", workspace=ws)
    assert found.code == 0, found.stderr
    events = cli("events", "--json", workspace=ws).json()["events"]
    gazetteer = gazetteer_from_wpi_csv(_wpi(shared))
    locodes = {p.locode for p in gazetteer.ports}
    assert {"EGSUZ", "EGPSD"} <= locodes  # Suez and Port Said
    import numpy as np

    meetings = [e for e in events if e["type"] == "encounter"]
    if meetings:
        lat = np.array([e["lat"] for e in meetings])
        lon = np.array([e["lon"] for e in meetings])
        _, km = gazetteer.nearest(lat, lon, 10.0)
        assert (km >= 10.0).all()
    # Ships in the canal are on the 1 km mask's land (all of it is land there) but sailed
    # onto it: not spoofing (201 events before the jump was required, none now).
    assert found.json()["events_by_type"]["spoofing"] == 0
    off = cli("detect", "--only", "encounter", "--param", "encounter.min_port_distance_km=0",
              "--ports", _wpi(shared), "--json", workspace=ws)  # fmt: skip
    assert off.code == 0
    assert off.json()["events_by_type"]["encounter"] > len(meetings)  # the exclusion does work
    # Dark port calls: the file's gaps come mostly from receiver outages (ships heard per hour
    # fall from ~80 to ~30 at once, dozens of gaps begin in the same hour). Read as the ships'
    # own silences they gave 137 "calls" at Port Said, Ismailia and Adabiya; a gap that two
    # other ships within 50 km also began within the hour is an outage (45 calls remain: ships
    # silent alone, 6-30 h, with a port in reach, which DESIGN.md's ellipse does count).
    calls = found.json()["events_by_type"]["dark_port_call"]
    naive = cli("detect", "--only", "dark_port_call", "--param",
                "dark_port_call.outage_vessels=0", "--ports", _wpi(shared), "--json",
                workspace=ws)  # fmt: skip
    assert naive.code == 0, naive.stderr
    assert 0 < 2 * calls < naive.json()["events_by_type"]["dark_port_call"]


def test_marinecadastre_sample_runs_through_every_detector(shared: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    source = shared / "data" / "ais" / "csv" / "marinecadastre-2022-01-03-sample.csv"
    assert cli("ingest", "ais", source, "--json", workspace=ws).code == 0
    found = cli("detect", "--json", workspace=ws)
    assert found.code == 0, found.stderr
    result = found.json()
    assert result["positions"] > 50_000
    assert len(result["events_by_type"]) == 10
    events = cli("events", "--type", "spoofing", "--json", workspace=ws).json()["events"]
    # The sample is the day file's first 100,000 rows (00:00-00:25, and 23:59). Its spoofing
    # is mostly the file's first records: positions from before the day stamped 00:00:00-01
    # (a ship at its berth "at" 10 kn 20 km away a second earlier), truly impossible jumps by
    # DESIGN.md's definition, not deliberate spoofing (see the report of this work).
    midnight = [e for e in events if e["start"] <= "2022-01-03T00:00:09Z"]
    assert len(events) > 0 and len(midnight) >= len(events) / 2
