"""Member reports: the schema, its committed JSON Schema, and every problem listed."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from sanctionwatch.assess.regime import default_regime
from sanctionwatch.sources.member_report import (
    MAX_REPORT_BYTES,
    ArmsShipment,
    ImageryObservation,
    parse_member_report,
    read_member_report,
    report_json_schema,
)
from sanctionwatch.sources.validation import InvalidFileError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "report-example.json"
SCHEMA = ROOT / "docs" / "member-report.schema.json"


def example() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXAMPLE.read_text())
    return document


def problems(document: dict[str, Any] | bytes) -> str:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    with pytest.raises(InvalidFileError) as caught:
        parse_member_report(data, "r.json", default_regime())
    return str(caught.value)


def test_the_example_report_is_valid_and_marked_simulated() -> None:
    report, _ = read_member_report(EXAMPLE, default_regime())
    assert report.simulated and "SIMULATED" in report.title
    assert (report.submitting_member, report.reliability, report.credibility) == ("NZ", "B", 2)
    assert {c.type for c in report.claims} == {
        "arms_shipment", "deployment", "training", "petroleum_delivery",
        "financial_dealing", "imagery_observation",
    }  # fmt: skip
    arms = report.claims[0]
    assert isinstance(arms, ArmsShipment) and arms.quantity is not None
    assert (arms.route[0].name, arms.route[-1].name) == ("Rajin", "Dunai")
    imagery = report.claims[-1]
    assert isinstance(imagery, ImageryObservation) and imagery.observed_at.tzinfo is not None
    assert report.entities[1].schema_ == "Vessel"


def test_the_committed_json_schema_is_what_the_models_generate() -> None:
    committed = json.loads(SCHEMA.read_text())
    assert committed == report_json_schema(), "run scripts/member_report_schema.py"
    claim_items = committed["properties"]["claims"]["items"]
    assert claim_items["discriminator"]["propertyName"] == "type"
    assert len(claim_items["oneOf"]) == 6


def test_every_problem_is_listed_with_its_field_path() -> None:
    document = example()
    document["grade"] = "Z9"
    document["releasable_to"] = ["AU", "CN"]
    document["submitting_member"] = "RU"
    claims = document["claims"]
    claims[0]["provisions"] = ["9999/1"]
    claims[0]["mode"] = "boat"
    del claims[1]["count"]
    claims[2]["type"] = "sabotage"
    claims[3]["quantity"] = {"low": 10, "high": 5, "unit": "bbl"}
    claims[4]["accounts"][0]["kind"] = "cash"
    message = problems(document)
    for field, reason in [
        ("grade", "'Z9' is not an Admiralty grade"),
        ("releasable_to", "not members: CN"),
        ("submitting_member", "RU is not a member"),
        ("claims.0.provisions", "unknown provision 9999/1"),
        ("claims.0.mode", "Input should be 'sea'"),
        ("claims.1.count", "Field required"),
        ("claims.2", "unknown type 'sabotage', expected one of 'arms_shipment'"),
        ("claims.3.quantity", "high must be at least low"),
        ("claims.4.accounts.0.kind", "Input should be 'bank_account'"),
    ]:
        assert f"r.json (field {field}): {reason}" in message, (field, message)
    assert "rejected, 9 problems" in message
    assert ".arms_shipment" not in message  # the union's tag is not part of the path


def test_unknown_fields_and_dangling_references_are_rejected() -> None:
    document = example()
    document["claims"][0]["vesel"] = "v1"
    assert "r.json (field claims.0.vesel): Extra inputs are not permitted" in problems(document)
    document = example()
    document["claims"][0]["vessel"] = "v9"
    document["claims"].append(copy.deepcopy(document["claims"][1]))
    message = problems(document)
    assert "claim c1 names unknown entities ['v9']" in message
    assert "claim ids repeat: ['c2']" in message


def test_public_stands_alone_and_a_report_needs_claims() -> None:
    document = example()
    document["releasable_to"] = ["public", "AU"]
    document["claims"] = []
    message = problems(document)
    assert '(field releasable_to): "public" stands alone' in message
    assert "(field claims): a report makes at least one claim" in message
    assert "problems" in message


def test_imagery_needs_coordinates_and_a_time_zone() -> None:
    document = example()
    imagery = document["claims"][5]
    imagery["observed_at"] = "2024-04-11T02:30:00"
    del imagery["location"]["lat"], imagery["location"]["lon"]
    message = problems(document)
    assert "(field claims.5.observed_at): Input should have timezone info" in message
    assert "(field claims.5.location): an imagery observation needs lat and lon" in message


def test_malformed_json_is_reported_with_its_position() -> None:
    assert "not valid JSON: Expecting ',' delimiter at line 2" in problems(b'{"a": 1\n "b": 2}')
    assert "not UTF-8" in problems(b'{"a": "\xff"}')


def test_oversized_files_are_refused_before_they_are_read(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # a 50 MB file (sparse: costs no disk)
    with pytest.raises(InvalidFileError, match="larger than"):
        read_member_report(big, default_regime())
    assert "larger than" in problems(b" " * (MAX_REPORT_BYTES + 1))


def test_the_readme_shows_the_example_report_as_it_is() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Member submissions") :]
    block = section[section.index("```json\n") + 8 : section.index("```\n\n###")]
    assert json.loads(block) == example()
