"""The simulation's member reports, notifications and designations: valid, simulated, and
consistent with its labelled events."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.assess.regime import default_regime
from sanctionwatch.lists.read import read_list_file
from sanctionwatch.simulate.run import Request, simulate
from sanctionwatch.sources.member_report import read_member_report
from sanctionwatch.sources.notifications import read_notifications

# Five days of 40 ships: an arms voyage, a ship-to-ship transfer and a dark call occur. (With
# four, the transfer began 15 minutes before the end: no AIS shows that as an encounter, and
# labels follow the AIS written, so it is not labelled nor claimed.)
WANTED = {
    "arms_shipment": ("port_visit", "dark_port_call"),
    "petroleum_delivery": ("encounter", "dark_port_call"),
}
REQUEST = Request("dprk-2024", seed=21, vessels=40, days=5, interval=300, format="parquet")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports") / "sim"
    simulate(REQUEST, out)
    return out


def _labels(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / "truth.jsonl").read_text().splitlines()]


def test_reports_validate_and_say_they_are_simulated(folder: Path) -> None:
    paths = sorted(folder.glob("member_report_*.json"))
    assert [p.name for p in paths] == [
        "member_report_gb.json",
        "member_report_jp.json",
        "member_report_kr.json",
    ]
    reports = [read_member_report(p, default_regime())[0] for p in paths]
    assert all(r.simulated and r.title.startswith("SIMULATED") for r in reports)
    assert {r.grade for r in reports} == {"B2", "A2", "C3"}
    assert ("public",) in {r.releasable_to for r in reports}
    assert any(r.releasable_to != ("public",) for r in reports)  # a member-only report
    types = {(c.type, getattr(c, "kind", None)) for r in reports for c in r.claims}
    for wanted in (("arms_shipment", None), ("deployment", "troops"), ("deployment", "workers"),
                   ("training", "military"), ("financial_dealing", None),
                   ("petroleum_delivery", None)):  # fmt: skip
        assert wanted in types, wanted
    manifest = json.loads((folder / "manifest.json").read_text())
    listed = {f["path"] for f in manifest["files"]}
    assert {p.name for p in paths} | {"notifications.csv", "designations.csv"} <= listed


def test_claims_about_ships_match_labelled_events(folder: Path) -> None:
    labels = _labels(folder)
    checked = 0
    for path in folder.glob("member_report_*.json"):
        report = json.loads(path.read_text())
        ships = {e["id"]: int(e["mmsi"]) for e in report["entities"] if e["schema"] == "Vessel"}
        for claim in report["claims"]:
            if "vessel" not in claim:
                continue
            mmsi = ships[claim["vessel"]]
            wanted = WANTED[claim["type"]]
            assert any(
                label["type"] in wanted
                and mmsi in label["vessels"]
                and label["start"][:10] <= claim["end"]
                and label["end"][:10] >= claim["start"]
                for label in labels
            ), (path.name, claim["id"])
            checked += 1
    assert checked >= 3  # the arms voyage, the transfer, the dark call


def test_notifications_and_designations_load(folder: Path) -> None:
    rows, data = read_notifications(folder / "notifications.csv")
    assert data.startswith(b"# SIMULATED")
    assert {r.supplier_state for r in rows} == {"RU", "CN"} and all(r.barrels > 0 for r in rows)
    snapshot = read_list_file(folder / "designations.csv")
    vessels = [json.loads(line) for line in (folder / "vessels.jsonl").read_text().splitlines()]
    designated = {str(v["imo"]) for v in vessels if v["designated_in_scenario"]}
    listed = {
        value.removeprefix("IMO")
        for entry in snapshot.entries
        for value in entry.entity.get("imoNumber")
    }
    assert designated and listed == designated
    assert all(entry.schema == "Vessel" for entry in snapshot.entries)
