"""What each audience's report holds: a member sees its own and releasable material and
nothing releasable only to another member; the public report holds only public material.

Checked in every form a reader gets: the HTML, the PDF's text, data.json and the manifest.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from pypdf import PdfReader

from tests.report.conftest import JP_MARK, JP_ONLY, NOTE_MARK, Built

NZ_MATERIAL = ("EXAMPLE TANKER", "Example Trading Co Ltd", "Containers of munitions")


def _jp_sha256() -> str:
    return hashlib.sha256(JP_ONLY.read_bytes()).hexdigest()


def _texts(folder: Path) -> dict[str, str]:
    """Each form of a report as text, whitespace removed (PDF lines break anywhere)."""
    pdf = "".join(page.extract_text() for page in PdfReader(str(folder / "report.pdf")).pages)
    forms = {
        "report.html": (folder / "report.html").read_text(),
        "report.pdf": pdf,
        "data.json": (folder / "data.json").read_text(),
        "manifest.json": (folder / "manifest.json").read_text(),
    }
    return {name: re.sub(r"\s+", "", text).upper() for name, text in forms.items()}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


def test_a_member_never_sees_another_members_restricted_material(built: Built) -> None:
    jp_sha = _jp_sha256()
    for name, text in _texts(built.member).items():
        assert JP_MARK not in text, f"JP-only material in the NZ {name}"
        assert jp_sha.upper() not in text and jp_sha[:12].upper() not in text, name
    figures = built.data(built.member)["figures"]
    for key, value in figures.items():
        if key.startswith(("finding.", "source.")):
            assert {"NZ", "public"} & set(value["releasability"]), key
    assert "445000099" not in json.dumps(built.data(built.member))  # the JP-only vessel


def test_a_member_sees_its_own_material(built: Built) -> None:
    texts = _texts(built.member)
    for name in ("report.html", "report.pdf", "data.json"):
        for material in NZ_MATERIAL:
            assert _squash(material) in texts[name], f"{material!r} missing from NZ {name}"
    inputs = json.loads((built.member / "manifest.json").read_text())["inputs"]
    assert any(i["kind"] == "member_report_json" and i["provider"] == "NZ" for i in inputs)


def test_the_member_the_material_is_for_sees_it(built: Built) -> None:
    from tests.report.conftest import ok

    folder = built.root / "jp"
    ok("report", "--out", folder, "--audience", "JP", workspace=built.ws)
    texts = _texts(folder)
    for name in ("report.html", "report.pdf", "data.json"):
        assert JP_MARK in texts[name], f"JP's own material missing from its {name}"
        assert _squash("EXAMPLE TANKER") in texts[name], "NZ's report is releasable to JP"


def test_the_public_report_holds_only_public_material(built: Built) -> None:
    data = built.data(built.public)
    figures = data["figures"]
    for key, value in figures.items():
        if key.startswith(("finding.", "source.")):
            assert value["releasability"] == ["public"], key
    texts = _texts(built.public)
    for name, text in texts.items():
        assert JP_MARK not in text, name
        for material in NZ_MATERIAL:
            assert _squash(material) not in text, f"{material!r} in the public {name}"
    maps = [v for k, v in figures.items() if k.startswith("map.")]
    assert maps and not [m for m in maps if m["routes"]]  # routes come from members' claims
    assert not [k for k in figures if k.startswith("entity.")]  # persons and bodies: members'
    manifest = json.loads((built.public / "manifest.json").read_text())
    assert {i["sha256"] for i in manifest["inputs"]} == {
        v["sha256"] for k, v in figures.items() if k.startswith("source.")
    }


def test_no_report_carries_an_analysts_note(built: Built) -> None:
    """Decisions stay in the workspace: a note may cite what the audience may not see."""
    for folder in (built.member, built.public):
        for name, text in _texts(folder).items():
            assert NOTE_MARK not in text, f"an analyst's note in {folder.name}/{name}"
