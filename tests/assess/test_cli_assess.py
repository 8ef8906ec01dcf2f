"""`ingest report`, `ingest notifications` and `petroleum` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import cli, workspace_state

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REPORT = EXAMPLES / "report-example.json"
NOTIFICATIONS = EXAMPLES / "notifications-example.csv"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace holding the example report and notifications."""
    ws = tmp_path_factory.mktemp("assess") / "ws"
    result = cli("ingest", "report", REPORT, "--json", workspace=ws)
    assert result.code == 0, result.stderr
    assert result.json()["loaded"] is True
    assert cli("ingest", "notifications", NOTIFICATIONS, workspace=ws).code == 0
    return ws


def test_a_valid_report_is_stored_with_grade_and_releasability(loaded: Path) -> None:
    sources = cli("sources", "--json", workspace=loaded).json()["sources"]
    report = next(s for s in sources if s["kind"] == "member_report_json")
    assert (report["provider_kind"], report["provider"], report["grade"]) == (
        "member_state",
        "NZ",
        "B2",
    )
    assert report["releasability"] == ["NZ", "AU", "JP"]
    notices = next(s for s in sources if s["kind"] == "petroleum_notifications_csv")
    assert notices["provider"] == "UN Security Council 1718 Committee"


def test_the_same_bytes_again_change_nothing(loaded: Path) -> None:
    before = workspace_state(loaded)
    again = cli("ingest", "report", REPORT, "--json", workspace=loaded)
    assert again.code == 0 and again.json()["loaded"] is False
    assert cli("ingest", "notifications", NOTIFICATIONS, workspace=loaded).code == 0
    assert workspace_state(loaded) == before


def test_an_invalid_report_lists_every_problem_and_touches_nothing(
    loaded: Path, tmp_path: Path
) -> None:
    document = json.loads(REPORT.read_text())
    document["grade"] = "Z"
    document["releasable_to"] = ["AU", "RU"]
    document["claims"][0]["provisions"] = ["2397/99"]
    document["claims"][3]["product"] = "uranium"
    bad = tmp_path / "bad-report.json"
    bad.write_text(json.dumps(document))
    before = workspace_state(loaded)
    result = cli("ingest", "report", bad, "--json", workspace=loaded)
    assert result.code == 1 and result.stdout == ""
    for field in ("grade", "releasable_to", "claims.0.provisions", "claims.3.product"):
        assert f"bad-report.json (field {field}):" in result.stderr, (field, result.stderr)
    assert "4 problems" in result.stderr
    assert workspace_state(loaded) == before
    fresh = tmp_path / "never"
    assert cli("ingest", "report", bad, workspace=fresh).code == 1
    assert not fresh.exists()  # rejected before the workspace is opened


def test_malformed_json_and_bad_notifications_fail_cleanly(loaded: Path, tmp_path: Path) -> None:
    before = workspace_state(loaded)
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": "1",,}')
    result = cli("ingest", "report", broken, workspace=loaded)
    assert result.code == 1 and "not valid JSON" in result.stderr
    csv = tmp_path / "bad.csv"
    csv.write_text("supplier_state,month,barrels\nRU,2024-01,ten\nRU,2024-1,5\n")
    result = cli("ingest", "notifications", csv, workspace=loaded)
    assert result.code == 1
    assert "bad.csv:2 (field barrels): not a number: 'ten'" in result.stderr
    assert "bad.csv:3 (field month)" in result.stderr
    assert cli("ingest", "notifications", csv, "--grade", "Z1", workspace=loaded).code == 2
    assert workspace_state(loaded) == before


def test_petroleum_ledger_json_contract(loaded: Path) -> None:
    result = cli("petroleum", "--year", "2024", "--json", workspace=loaded)
    assert result.code == 0, result.stderr
    ledger = result.json()
    for key in ("cap_bbl", "official_bbl", "estimates", "cap_crossed", "deliveries", "factors"):
        assert key in ledger, key
    assert ledger["cap_bbl"] == 500_000 and ledger["official_bbl"] == 8050.5
    assert set(ledger["estimates"]) == {"33", "50", "90"}
    assert ledger["estimates"]["90"] == pytest.approx(3000 * 7.23 * 0.9)
    assert ledger["cap_crossed"] == {"33": None, "50": None, "90": None}
    assert ledger["deliveries"][0]["vessel"] == "EXAMPLE TANKER"
    default_year = cli("petroleum", "--json", workspace=loaded).json()
    assert default_year["year"] == 2024
    table = cli("petroleum", workspace=loaded)
    assert table.code == 0 and "EXAMPLE TANKER" in table.stdout


def test_unknown_suppliers_and_repeated_months_are_refused(loaded: Path, tmp_path: Path) -> None:
    csv = tmp_path / "notices.csv"
    csv.write_text(
        "supplier_state,month,barrels\nXX,2024-01,5\nRU,2024-02,10\nCN,2024-02,3\nRU,2024-02,7\n"
        "UK,2024-02,4\nEU,2024-02,1\n"  # an alias of GB (GB's month twice), a union
    )
    before = workspace_state(loaded)
    result = cli("ingest", "notifications", csv, workspace=loaded)
    assert result.code == 1 and result.stdout == ""
    assert "notices.csv:2 (field supplier_state): 'XX' is not a country code" in result.stderr
    assert "notices.csv:5: RU 2024-02 already notified at line 3" in result.stderr
    assert "notices.csv:6 (field supplier_state): 'UK' is not a country code" in result.stderr
    assert "notices.csv:7 (field supplier_state): 'EU' is not a country code" in result.stderr
    assert "4 problems" in result.stderr
    assert workspace_state(loaded) == before


def test_schema_violations_are_listed_together(loaded: Path, tmp_path: Path) -> None:
    document = json.loads(REPORT.read_text())
    del document["submitted"]
    document["colour"] = "red"  # unknown keys are errors, not dropped
    document["entities"][0]["imo"] = "12345"
    document["claims"][1]["count"] = {"low": 400, "high": 200}
    document["claims"][2]["type"] = "smuggling"
    bad = tmp_path / "schema.json"
    bad.write_text(json.dumps(document))
    before = workspace_state(loaded)
    result = cli("ingest", "report", bad, workspace=loaded)
    assert result.code == 1 and result.stdout == ""
    for field in ("submitted", "colour", "entities.0.imo", "claims.1.count", "claims.2"):
        assert f"schema.json (field {field})" in result.stderr, (field, result.stderr)
    assert "5 problems" in result.stderr
    assert workspace_state(loaded) == before


def test_a_50_mb_file_is_refused_unread(loaded: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    before = workspace_state(loaded)
    result = cli("ingest", "report", huge, workspace=loaded)
    assert result.code == 1
    assert f"huge.json: {50 * 1024 * 1024} bytes: larger than 8 MiB" in result.stderr
    assert workspace_state(loaded) == before
