"""`ingest ais` and `vessels` as a user runs them."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import cli


def test_ingest_json_contract_and_vessels(tmp_path: Path, shared: Path) -> None:
    ws = tmp_path / "ws"
    nmea = shared / "data" / "ais" / "nmea"
    result = cli("ingest", "ais", nmea / "kystverket", nmea / "aisdb", "--json", workspace=ws)
    assert result.code == 0, result.stderr
    doc = result.json()
    for key in ("files", "lines", "messages", "positions", "identities", "vessels", "rejected",
                "rejected_by_reason"):
        assert key in doc, key
    assert doc["files"] == 3
    assert [Path(s["path"]).name for s in doc["skipped"]] == ["LICENSE-data-NLOD.txt"]
    assert doc["lines"] == 2026
    vessels = cli("vessels", "--json", workspace=ws).json()["vessels"]
    assert len(vessels) > 100
    norwegian = [v for v in vessels if v["flag"] == "NO"]
    assert norwegian and all(str(v["mmsi"]).startswith("25") for v in norwegian)
    one = norwegian[0]
    only = cli("vessels", "--mmsi", str(one["mmsi"]), "--json", workspace=ws).json()["vessels"]
    assert only == [one]
    sources = cli("sources", "--json", workspace=ws).json()["sources"]
    assert {s["kind"] for s in sources} == {"ais_nmea"}
    assert all(s["grade"] == "B3" for s in sources)


def test_ingest_usage_and_input_errors(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert cli("ingest", "ais", "x.nmea", "--format", "bogus", workspace=ws).code == 2
    missing = cli("ingest", "ais", tmp_path / "nothing.nmea", workspace=ws)
    assert missing.code == 1 and "nothing.nmea" in missing.stderr
    empty = tmp_path / "empty.nmea"
    empty.write_bytes(b"")
    result = cli("ingest", "ais", empty, "--json", workspace=ws)
    assert result.code == 1 and "empty.nmea" in result.stderr and result.stdout == ""
