"""Acceptance on a `dprk-2024` simulation: its labelled violations and its members' claims
become findings citing the right provisions, through the real simulate -> ingest -> detect ->
screen -> assess path.

What counts as labelled (from truth.jsonl and vessels.jsonl):
- petroleum delivery (2397/5): a DPRK tanker's call at a Russian or Chinese port, or its
  encounter with a foreign tanker, made under a DPRK MMSI (a tanker broadcasting a borrowed
  foreign identity is the identity detectors' to find: nothing in its AIS says DPRK);
- STS transfer with a DPRK tanker (2375/11): an encounter of a DPRK-flagged MMSI (encounters
  cut by the period's edge to less than 2 h are not encounters by definition);
- arms-shuttle voyage (1718/8(b)): consecutive calls of an arms ship at Rajin and at
  Dunai/Vostochny, one of them dark or with a gap between;
- designated-vessel port call (designated-vessels): a call outside the DPRK by a ship the
  scenario designates (designations.csv, loaded as a list), broadcasting an identity
  that list names (its IMO or MMSI).
"""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.assess.submissions import claim_key
from sanctionwatch.simulate.ports import PORTS
from tests.helpers import cli

SEED, VESSELS, DAYS = 12, 40, 4  # 3 was tuned on by the detectors; 21 has no full STS
RECALL = 0.95
# Detected times differ from the labels' by minutes to hours.
SLACK = timedelta(hours=12)
ENCOUNTER = timedelta(hours=2)  # DESIGN.md: within 0.5 km for at least 2 h
COUNTRY = {p.key: p.country for p in PORTS}
ARMS_ENDS = {"rajin": "KP", "dunai": "RU", "vostochny": "RU"}
CALLS = ("port_visit", "dark_port_call")
# Single-member claim findings: chance = reliability x credibility (regime table) x 0.98
# (member_claim inference), held below 0.94 without a second provider.
WORD_BY_GRADE = {
    "A2": "very likely",  # 0.95 x 0.95 x 0.98 = 0.884
    "B2": "likely",  # 0.85 x 0.95 x 0.98 = 0.791
    "B3": "likely",  # 0.85 x 0.85 x 0.98 = 0.708
    "C3": "likely",  # 0.70 x 0.85 x 0.98 = 0.583
}


@dataclass
class Assessed:
    sim: Path
    findings: list[dict[str, Any]]
    labels: list[dict[str, Any]]
    vessels: dict[str, dict[str, Any]]
    identities: list[dict[str, Any]]


def _ok(*args: str | Path, workspace: Path) -> Any:
    result = cli(*args, "--json", workspace=workspace)
    assert result.code == 0, result.stderr
    return result.json()


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line]


@pytest.fixture(scope="module")
def assessed(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Assessed:
    root = tmp_path_factory.mktemp("acceptance")
    sim, ws = root / "sim", root / "ws"
    _ok("simulate", "dprk-2024", "--seed", str(SEED), "--vessels", str(VESSELS),
        "--days", str(DAYS), "--interval", "60", "--format", "parquet", "--out", sim,
        workspace=ws)  # fmt: skip
    _ok("ingest", "ais", sim, workspace=ws)
    for report in sorted(sim.glob("member_report_*.json")):
        _ok("ingest", "report", report, workspace=ws)
    _ok("ingest", "notifications", sim / "notifications.csv", workspace=ws)
    _ok("lists", "load", sim / "designations.csv", "--grade", "F6", workspace=ws)
    _ok("detect", "--ports", shared / "data/ports/wpi-2023.csv", workspace=ws)
    _ok("screen", "vessels", workspace=ws)
    findings = _ok("assess", workspace=ws)["findings"]
    return Assessed(
        sim,
        findings,
        _jsonl(sim / "truth.jsonl"),
        {v["id"]: v for v in _jsonl(sim / "vessels.jsonl")},
        _jsonl(sim / "identities.jsonl"),
    )


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _found(a: Assessed, provision: str, mmsis: set[int], start: str, end: str) -> bool:
    low, high = _time(start) - SLACK, _time(end) + SLACK
    for f in a.findings:
        if provision not in f["provisions"]:
            continue
        handles = {h for p in f["parties"] for h in p["identifiers"]}
        if not {f"mmsi:{m}" for m in mmsis} & handles:
            continue
        if _time(f["start"]) <= high and _time(f["end"]) >= low:
            return True
    return False


def _kind(a: Assessed, hull: str) -> str:
    return str(a.vessels[hull]["type"])


def _petroleum(a: Assessed) -> list[dict[str, Any]]:
    found = []
    for label in a.labels:
        tankers = [h for h in label["hulls"] if _kind(a, h) == "dprk_tanker"]
        if not tankers or not any(str(m).startswith("445") for m in label["vessels"]):
            continue
        at_supplier = label["type"] in CALLS and COUNTRY.get(label["attributes"].get("port")) in (
            "RU",
            "CN",
        )
        meets_foreign = label["type"] == "encounter" and any(
            _kind(a, h) == "tanker" for h in label["hulls"]
        )
        if (at_supplier or meets_foreign) and _long_enough(label):
            found.append(label)
    return found


def _long_enough(label: dict[str, Any]) -> bool:
    """An encounter cut by the period's edge to less than the 2 h the definition needs is
    not one a detector may report."""
    if label["type"] != "encounter":
        return True
    return (_time(label["end"]) - _time(label["start"])) >= ENCOUNTER


def _sts(a: Assessed) -> list[dict[str, Any]]:
    return [
        label
        for label in a.labels
        if label["type"] == "encounter"
        and any(str(m).startswith("445") for m in label["vessels"])
        and _long_enough(label)
    ]


def _voyages(a: Assessed) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    found = []
    for hull in (k for k, v in a.vessels.items() if v["role"] == "arms"):
        mine = [lab for lab in a.labels if lab["hulls"] == [hull]]
        calls = [
            lab
            for lab in mine
            if lab["type"] in CALLS and lab["attributes"].get("port") in ARMS_ENDS
        ]
        gaps = [lab for lab in mine if lab["type"] == "gap"]
        for x, y in itertools.pairwise(sorted(calls, key=lambda lab: lab["start"])):
            if {ARMS_ENDS[x["attributes"]["port"]], ARMS_ENDS[y["attributes"]["port"]]} != {
                "KP",
                "RU",
            }:
                continue
            dark = "dark_port_call" in (x["type"], y["type"]) or any(
                g["start"] < y["start"] and g["end"] > x["end"] for g in gaps
            )
            if dark:
                found.append((x, y))
    return found


def _broadcast_listed(a: Assessed, hull: str, at: str) -> bool:
    """The ship broadcast its own IMO or MMSI (the ones the designation names) at ``at``."""
    own = a.vessels[hull]
    for ident in a.identities:
        if ident["vessel"] == hull and ident["from"] <= at < ident["to"]:
            return bool(ident["imo"] == own["imo"] or ident["mmsi"] == own["mmsi"])
    return False


def _designated_calls(a: Assessed) -> list[dict[str, Any]]:
    return [
        label
        for label in a.labels
        if label["type"] in CALLS
        and len(label["hulls"]) == 1
        and a.vessels[label["hulls"][0]]["designated_in_scenario"]
        and COUNTRY.get(label["attributes"].get("port")) != "KP"
        and _broadcast_listed(a, label["hulls"][0], label["start"])
    ]


def _recall(hits: list[bool]) -> float:
    return sum(hits) / len(hits)


def test_labelled_violations_become_findings_citing_the_right_provision(a: Assessed) -> None:
    petroleum = [
        _found(a, "2397/5", set(lab["vessels"]), lab["start"], lab["end"]) for lab in _petroleum(a)
    ]
    sts = [_found(a, "2375/11", set(lab["vessels"]), lab["start"], lab["end"]) for lab in _sts(a)]
    voyages = [
        _found(a, "1718/8(b)", set(x["vessels"]) | set(y["vessels"]), x["start"], y["end"])
        for x, y in _voyages(a)
    ]
    designated = [
        _found(a, "designated-vessels", set(lab["vessels"]), lab["start"], lab["end"])
        for lab in _designated_calls(a)
    ]
    for name, hits in (("petroleum", petroleum), ("sts", sts), ("arms voyages", voyages),
                       ("designated calls", designated)):  # fmt: skip
        assert hits, f"the simulation labels no {name}: choose another seed"
        assert _recall(hits) >= RECALL, (name, f"{sum(hits)} of {len(hits)}")


def test_no_finding_without_evidence(a: Assessed) -> None:
    assert a.findings
    for f in a.findings:
        assert f["evidence"], f["id"]
        assert all(e["sources"] for e in f["evidence"]), f["id"]


def test_member_claims_become_findings_with_grade_releasability_and_confidence(
    a: Assessed,
) -> None:
    checked = 0
    for path in sorted(a.sim.glob("member_report_*.json")):
        data = path.read_bytes()
        report = json.loads(data)
        assert report["simulated"] is True and report["title"].startswith("SIMULATED")
        digest = hashlib.sha256(data).hexdigest()
        for claim in report["claims"]:
            key = claim_key(digest, claim["id"])
            [finding] = [
                f
                for f in a.findings
                if any(e["kind"] == "claim" and e["id"] == key for e in f["evidence"])
                and "member_claim" in f["rules"]
            ]
            [ref] = [e for e in finding["evidence"] if e["id"] == key]
            grade = claim.get("grade", report["grade"])
            assert ref["grade"] == grade
            allowed = report["releasable_to"]
            if allowed == ["public"]:
                assert finding["releasability"] != []
            else:
                assert set(finding["releasability"]) <= set(allowed), finding["releasability"]
            member = f"member_state:{report['submitting_member']}"
            assert member in finding["providers"]
            if finding["providers"] == [member]:
                assert finding["single_member"] and not finding["confirmed"]
                assert finding["releasability"] == sorted(allowed)
                assert finding["confidence"] == WORD_BY_GRADE[grade]
            else:
                assert finding["confirmed"] and not finding["single_member"]
            checked += 1
    assert checked >= 7  # arms, troops, training, petroleum, workers, finance at least


@pytest.fixture
def a(assessed: Assessed) -> Assessed:
    return assessed
