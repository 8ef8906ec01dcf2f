"""The `screen` commands end to end on real data: AMSA AIS against OFAC 2024-05-03."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.helpers import cli, workspace_state


@pytest.fixture(scope="module")
def screened(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    """A workspace holding AMSA's AIS and the OFAC SDN list of 2024-05-03."""
    ws = tmp_path_factory.mktemp("screen") / "ws"
    lists = shared / "data" / "lists"
    assert cli("lists", "load", lists / "ofac" / "2024-05-03", workspace=ws).code == 0
    loaded = cli("ingest", "ais", shared / "data" / "ais" / "nmea" / "amsa", "--json", workspace=ws)
    assert loaded.code == 0, loaded.stderr
    return ws


def _type5_imos(workspace: Path) -> set[int]:
    """Every IMO number the ingested type-5 messages carry (the store's statics table)."""
    import duckdb

    parts = (workspace / "store" / "statics").as_posix() + "/*.parquet"
    with duckdb.connect() as connection:
        rows = connection.execute(
            "SELECT DISTINCT imo FROM read_parquet(?) WHERE msg_type = 5 AND imo IS NOT NULL",
            [parts],
        ).fetchall()
    return {int(imo) for (imo,) in rows}


def _sdn_vessel_imos(shared: Path) -> set[int]:
    imos = set()
    path = shared / "data" / "lists" / "ofac" / "2024-05-03" / "sdn.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) > 11 and row[2].strip() == "vessel":
                for token in row[11].replace(";", " ").split("IMO ")[1:]:
                    digits = token.strip()[:7]
                    if digits.isdigit():
                        imos.add(int(digits))
    return imos


def test_every_sdn_imo_in_amsa_type5_is_reported_renamed(screened: Path, shared: Path) -> None:
    expected = _type5_imos(screened) & _sdn_vessel_imos(shared)
    assert len(expected) >= 5  # the recordings predate the renamings
    done = cli("screen", "vessels", "--json", workspace=screened)
    assert done.code == 0, done.stderr
    by_imo = {h["imo"]: h for h in done.json()["hits"] if h["basis"] == "imo"}
    assert set(by_imo) >= expected
    for imo in expected:
        hit = by_imo[imo]
        assert hit["score"] == 1.0
        assert hit["list_name"] and hit["ais_names"]
        if hit["renamed"]:  # both names are shown: the AIS one and the listed one
            assert hit["list_name"] not in hit["ais_names"]
            assert "renamed designated vessel" in hit["explanation"]
    assert sum(1 for imo in expected if by_imo[imo]["renamed"]) >= len(expected) - 1


def test_false_positive_decision_is_remembered(screened: Path) -> None:
    first = cli("screen", "vessels", "--json", workspace=screened).json()
    name_only = [h for h in first["hits"] if h["basis"] == "name"] or first["hits"]
    hit = name_only[0]
    decided = cli(
        "screen",
        "decide",
        hit["id"],
        "--false-positive",
        "--note",
        "different hull",
        "--json",
        workspace=screened,
    )
    assert decided.code == 0, decided.stderr
    assert decided.json()["status"] == "false_positive"
    again = cli("screen", "vessels", "--json", workspace=screened).json()
    assert hit["id"] not in {h["id"] for h in again["hits"]}
    assert again["dismissed"] >= 1
    shown = cli("screen", "vessels", "--all", "--json", workspace=screened).json()
    assert {h["id"]: h["status"] for h in shown["hits"]}[hit["id"]] == "false_positive"


def test_decide_needs_one_decision_and_a_known_hit(screened: Path) -> None:
    before = workspace_state(screened)
    both = cli(
        "screen",
        "decide",
        "abcdef",
        "--false-positive",
        "--confirmed",
        "--note",
        "x",
        workspace=screened,
    )
    assert both.code == 2
    unknown = cli(
        "screen", "decide", "ffffffffffff", "--confirmed", "--note", "x", workspace=screened
    )
    assert unknown.code == 1
    assert "no screening hit matches" in unknown.stderr
    assert workspace_state(screened) == before


def test_screen_names_file(screened: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q.csv"
    queries.write_text(
        "query,ref\nKim Yong Chol,a\n김영철,b\nJohn Smithers Nobody,c\n", encoding="utf-8"
    )
    done = cli("screen", "names", queries, "--schema", "Person", "--json", workspace=screened)
    assert done.code == 0, done.stderr
    results = done.json()["results"]
    assert [r["ref"] for r in results] == ["a", "b", "c"]
    assert results[0]["matched"] and results[0]["best"]["id"].startswith("ofac:")
    assert results[1]["matched"]  # Hangul finds the romanised listing
    assert not results[2]["matched"]


def test_pair_and_pairs(tmp_path: Path) -> None:
    pair = cli("screen", "pair", "Ri Yong Ho", "Lee Yeong-ho", "--schema", "Person", "--json")
    assert pair.code == 0 and pair.json()["score"] >= 0.9
    assert "Korean" in pair.json()["explanation"]
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "name1,name2,schema\nSAM JONG 1,SAM JONG 2,Vessel\nSAM JONG 2,SAMJONG NO.2,Vessel\n",
        encoding="utf-8",
    )
    done = cli("screen", "pairs", pairs, "--json")
    assert [r["matched"] for r in done.json()["results"]] == [False, True]


def test_bad_inputs_name_the_place(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    assert "no such file" in cli("screen", "pairs", missing).stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("name1,name2,schema\na,b,Ship\n", encoding="utf-8")
    done = cli("screen", "pairs", bad)
    assert done.code == 1
    assert "bad.csv:2 (field schema)" in done.stderr
    header = tmp_path / "header.csv"
    header.write_text("a,b\n1,2\n", encoding="utf-8")
    assert "missing column(s) name1" in cli("screen", "pairs", header).stderr
    assert cli("screen", "pair", "a", "b", "--schema", "Ship").code == 1
