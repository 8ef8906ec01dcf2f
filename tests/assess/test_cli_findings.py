"""`assess`, `findings`, `finding` and `reply` end to end on a small simulated scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import cli

REPORT = Path(__file__).resolve().parents[2] / "examples" / "report-example.json"


def _ok(*args: str | Path, workspace: Path) -> Any:
    result = cli(*args, "--json", workspace=workspace)
    assert result.code == 0, result.stderr
    return result.json()


@pytest.fixture(scope="module")
def assessed(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> tuple[Path, Any]:
    root = tmp_path_factory.mktemp("findings")
    sim, ws = root / "sim", root / "ws"
    _ok("simulate", "dprk-2024", "--seed", "5", "--vessels", "40", "--days", "3",
        "--interval", "60", "--format", "parquet", "--out", sim, workspace=ws)  # fmt: skip
    _ok("ingest", "ais", sim, workspace=ws)
    _ok("detect", "--ports", shared / "data/ports/wpi-2023.csv", workspace=ws)
    _ok("lists", "load", shared / "data/lists/ofac/2024-05-03", workspace=ws)
    _ok("screen", "vessels", workspace=ws)
    _ok("ingest", "report", REPORT, workspace=ws)
    return ws, _ok("assess", workspace=ws)


def test_the_dprk_encounter_and_its_delivery_are_findings(assessed: tuple[Path, Any]) -> None:
    ws, result = assessed
    by_rule = {r: f for f in result["findings"] for r in f["rules"]}
    encounter = by_rule["dprk_encounter"]
    assert encounter["provisions"] == ["2375/11"]
    assert any(p["flag"] == "KP" for p in encounter["parties"])
    assert encounter["evidence"][0]["kind"] == "event" and encounter["evidence"][0]["sources"]
    delivery = by_rule["petroleum_foreign_tanker"]
    assert delivery["provisions"] == ["2397/5"]
    assert delivery["quantity"]["unit"] == "bbl"
    assert delivery["quantity"]["low"] < delivery["quantity"]["high"]
    assert any("deadweight" in a for a in delivery["assumptions"])
    voyage = by_rule["arms_voyage"]
    assert voyage["provisions"] == ["1718/8(b)", "1874/9"]
    claims = [f for f in result["findings"] if f["rules"] == ["member_claim"]]
    assert claims and all(f["single_member"] and not f["confirmed"] for f in claims)
    assert all(f["releasability"] == ["AU", "JP", "NZ"] for f in claims)
    for key in ("id", "category", "provisions", "parties", "start", "end", "quantity",
                "confidence", "confirmed", "single_source", "evidence"):  # fmt: skip
        assert key in encounter
    ledger = _ok("petroleum", "--year", "2024", workspace=ws)
    assert any(d["id"].startswith("event:") for d in ledger["deliveries"])


def test_filters_one_finding_and_replies(assessed: tuple[Path, Any]) -> None:
    ws, result = assessed
    maritime = _ok("findings", "--category", "maritime", workspace=ws)["findings"]
    assert maritime and {f["category"] for f in maritime} == {"maritime"}
    public = _ok("findings", "--audience", "public", workspace=ws)["findings"]
    assert public and all(f["releasability"] == ["public"] for f in public)
    assert len(_ok("findings", "--audience", "NZ", workspace=ws)["findings"]) == result["count"]
    target = maritime[0]["id"]
    reply = _ok("reply", target[:8], "--party", "DPRK", "--text", "a fabrication", workspace=ws)
    assert reply["finding"] == target
    shown = _ok("finding", target, workspace=ws)
    assert shown["replies"][0]["party"] == "DPRK"
    assert shown["evidence"][0]["item"]["type"] == "encounter"
    assert shown["evidence"][0]["sources"][0]["grade"]
    again = _ok("assess", workspace=ws)
    assert sorted(f["id"] for f in again["findings"]) == sorted(f["id"] for f in result["findings"])
    assert again["added"] == 0
    assert _ok("finding", target, workspace=ws)["replies"][0]["text"] == "a fabrication"


def test_an_analyst_decision_is_recorded_shown_and_kept_across_runs(
    assessed: tuple[Path, Any],
) -> None:
    ws, result = assessed
    target = sorted(f["id"] for f in result["findings"])[-1]
    decided = _ok("decide", target[:8], "--rejected", "--note", "a fishing boat", workspace=ws)
    assert (decided["id"], decided["status"]) == (target, "rejected")
    assert decided["decision_note"] == "a fishing boat" and decided["decided_at"]
    _ok("assess", workspace=ws)
    shown = _ok("finding", target, workspace=ws)
    assert (shown["status"], shown["decision_note"]) == ("rejected", "a fishing boat")
    listed = {f["id"]: f for f in _ok("findings", workspace=ws)["findings"]}
    assert listed[target]["status"] == "rejected"
    table = cli("findings", workspace=ws)
    assert table.code == 0 and "rejected" in table.stdout
    reopened = _ok("decide", target, "--open", workspace=ws)
    assert reopened["status"] == "open" and reopened["decision_note"] is None


def test_a_decision_needs_one_verdict_and_a_known_finding(assessed: tuple[Path, Any]) -> None:
    ws, result = assessed
    target = result["findings"][0]["id"]
    unknown = cli("decide", "ffffffffffff", "--confirmed", workspace=ws)
    assert unknown.code == 1 and "ffffffffffff" in unknown.stderr
    both = cli("decide", target, "--confirmed", "--rejected", workspace=ws)
    assert both.code == 2 and "exactly one" in both.stderr
