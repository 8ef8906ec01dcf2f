"""`report`: the folder it writes, what each audience sees, and a report with no network."""

from __future__ import annotations

import json
import re

from pypdf import PdfReader

from tests.report.conftest import PARTY, Built

NETWORK_REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def test_the_result_names_every_file_and_counts(built: Built) -> None:
    result = built.member_result
    assert set(result) >= {"html", "pdf", "data", "manifest", "findings", "pages"}
    assert result["findings"] == len(
        [k for k in built.data(built.member)["figures"] if k.startswith("finding.")]
    )
    assert not list(built.root.glob(".incoming-*")), "the staging folder was left behind"


def test_the_manifest_pins_inputs_versions_and_figures(built: Built) -> None:
    manifest = json.loads((built.member / "manifest.json").read_text())
    figures = built.data(built.member)["figures"]
    assert manifest["audience"] == "NZ"
    assert manifest["software"]["version"]
    assert manifest["regime"]["version"] and manifest["parameters"]["events"]
    assert set(manifest["figures"]) == set(figures)
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert any(i["simulated"] for i in manifest["inputs"])


def test_the_data_has_the_ledger_and_ftm_entities(built: Built) -> None:
    data = built.data(built.member)
    assert data["figures"]["petroleum.2024.cap_bbl"] == 500000
    assert set(data["figures"]["petroleum.2024.estimates"]) == {"33", "50", "90"}
    schemas = {e["schema"] for e in data["entities"]}
    assert "Vessel" in schemas
    assert all(e["id"] and e["properties"] for e in data["entities"])


def test_the_public_report_holds_only_public_material(built: Built) -> None:
    member = built.data(built.member)["figures"]
    public = built.data(built.public)["figures"]
    restricted = {
        k
        for k, v in member.items()
        if k.startswith("finding.") and v["releasability"] != ["public"]
    }
    assert restricted, "the example report's findings are releasable to AU, JP, NZ only"
    assert not restricted & set(public)
    assert all(
        v["releasability"] == ["public"] for k, v in public.items() if k.startswith("finding.")
    )
    html = (built.public / "report.html").read_text()
    assert "Example Trading Co Ltd" not in html and "EXAMPLE TANKER" not in html
    inputs = json.loads((built.public / "manifest.json").read_text())["inputs"]
    assert all(i["kind"] != "member_report_json" for i in inputs)


def test_a_member_outside_the_releasability_sees_what_the_public_sees(built: Built) -> None:
    from tests.report.conftest import ok

    us = ok("report", "--out", built.root / "us", "--audience", "US", workspace=built.ws)
    public = built.data(built.public)["figures"]
    mine = built.data(built.root / "us")["figures"]
    assert us["findings"] == built.public_result["findings"]
    assert {k for k in mine if k.startswith("finding.")} == {
        k for k in public if k.startswith("finding.")
    }


def test_replies_stand_beside_the_finding(built: Built) -> None:
    figures = built.data(built.public)["figures"]
    assert figures[f"replies.{built.replied}"][0]["party"] == PARTY
    assert PARTY in (built.public / "report.html").read_text()


def test_simulated_inputs_are_labelled(built: Built) -> None:
    html = (built.member / "report.html").read_text()
    assert "Contains SIMULATED inputs" in html  # the PDF's running header, on every page
    assert html.count("SIMULATED —") >= 3


def test_the_html_refers_to_nothing_outside_itself(built: Built) -> None:
    for folder in (built.member, built.public):
        html = (folder / "report.html").read_text()
        assert not NETWORK_REFERENCE.search(html)
        assert "data:image/png;base64," in html  # the figures are inside


def test_the_pdf_opens_and_has_pages(built: Built) -> None:
    reader = PdfReader(str(built.member / "report.pdf"))
    assert len(reader.pages) == built.member_result["pages"] > 1
    assert "Sanctions monitoring report" in reader.pages[0].extract_text()


def test_each_chapter_with_places_has_its_own_map(built: Built) -> None:
    figures = built.data(built.member)["figures"]
    arms = figures["map.arms"]
    assert {p[0] for p in arms["places"]} >= {"Rajin", "Dunai"}  # NZ's claimed route
    assert arms["routes"] and len(arms["routes"][0]) == 2
    petroleum = figures["map.petroleum"]
    assert "Vostochny" in {p[0] for p in petroleum["places"]}  # where the tanker loaded
    maps = [k for k in figures if k.startswith("map.") and k != "map.overview"]
    html = (built.member / "report.html").read_text()
    assert html.count('<figure class="map"><img') == len(maps)
    for key in maps:
        assert f"<code>{key}</code>" in html


def test_shipments_over_time_count_findings_and_deliveries(built: Built) -> None:
    figures = built.data(built.member)["figures"]
    series = figures["shipments.by_month"]
    assert series["arms shipments (findings)"]["2024-03"] == figures["findings.by_category"]["arms"]
    deliveries = series["refined petroleum deliveries (ledger)"]
    assert sum(deliveries.values()) == len(figures["petroleum.2024.deliveries"])
    assert "Shipments over time" in (built.member / "report.html").read_text()


def test_profiles_cover_persons_bodies_and_reported_vessels(built: Built) -> None:
    figures = built.data(built.member)["figures"]
    company = figures["entity.name:EXAMPLE TRADING CO LTD"]
    assert company["countries"] == ["HK"] and len(company["findings"]) >= 2
    assert [r["schema"] for r in company["reported"]] == ["Company"]
    assert figures["entity.name:EXAMPLE PERSON ONE"]["reported"][0]["country"] == "KP"
    tanker = figures["vessel.445000022"]  # in the member's report, never in the AIS
    assert tanker["reported"][0]["identifiers"]["deadweight_t"] == 3000
    html = (built.member / "report.html").read_text()
    assert "EXAMPLE Person One" in html[html.index('id="annex-profiles"') :]
