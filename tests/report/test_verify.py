"""`verify`: passes on a fresh report, fails naming a changed input, parameter or figure."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import cli
from tests.report.conftest import Built, ok


def _verify(folder: Path, ws: Path) -> tuple[int, dict[str, object]]:
    result = cli("verify", folder, "--json", workspace=ws)
    return result.code, result.json()


def test_a_fresh_report_verifies(built: Built) -> None:
    for folder in (built.member, built.public):
        code, result = _verify(folder, built.ws)
        assert (code, result["ok"], result["mismatches"]) == (0, True, [])
        assert result["checked"]


def test_a_changed_archive_byte_is_named(built: Built) -> None:
    manifest = json.loads((built.member / "manifest.json").read_text())
    target = next(i for i in manifest["inputs"] if i["kind"] == "petroleum_notifications_csv")
    path = built.ws / target["archive_path"]
    original = path.read_bytes()
    mode = path.stat().st_mode
    path.chmod(0o644)
    try:
        path.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
        code, result = _verify(built.member, built.ws)
    finally:
        path.write_bytes(original)
        path.chmod(mode)
    assert code == 1 and not result["ok"]
    assert [m["name"] for m in result["mismatches"]] == [
        f"{target['sha256']} ({target['file_name']})"
    ]


def test_a_missing_input_is_named(built: Built) -> None:
    copy = _copy_workspace(built.ws, built.root / "ws-missing")
    manifest = json.loads((built.member / "manifest.json").read_text())
    gone = next(i for i in manifest["inputs"] if i["kind"] == "member_report_json")
    target = copy / gone["archive_path"]
    target.chmod(0o644)
    target.unlink()
    code, result = _verify(built.member, copy)
    assert code == 1
    assert {"kind": "input", "name": f"{gone['sha256']} ({gone['file_name']})",
            "problem": "missing from the archive"} in result["mismatches"]  # fmt: skip


def test_a_changed_parameter_is_named(built: Built, shared: Path) -> None:
    copy = _copy_workspace(built.ws, built.root / "ws-param")
    ok("detect", "--ports", shared / "data/ports/wpi-2023.csv", "--param", "gap.min_h=7",
       workspace=copy)  # fmt: skip
    ok("assess", workspace=copy)
    code, result = _verify(built.member, copy)
    assert code == 1
    named = {m["name"] for m in result["mismatches"]}
    assert "versions.parameters" in named


def test_a_changed_figure_in_data_json_is_named(built: Built) -> None:
    folder = built.root / "tampered"
    shutil.copytree(built.member, folder)
    data = json.loads((folder / "data.json").read_text())
    data["figures"]["petroleum.2024.official_bbl"] += 1
    (folder / "data.json").write_text(json.dumps(data))
    code, result = _verify(folder, built.ws)
    assert code == 1
    names = {(m["kind"], m["name"]) for m in result["mismatches"]}
    assert ("figure", "petroleum.2024.official_bbl") in names
    assert {n for k, n in names if k == "figure"} == {"petroleum.2024.official_bbl"}


def _copy_workspace(ws: Path, target: Path) -> Path:
    """A copy with its own catalog (workspace.json names the catalog by absolute path)."""
    shutil.copytree(ws, target)
    settings = json.loads((target / "workspace.json").read_text())
    settings["catalog_url"] = f"sqlite:///{(target / 'catalog.sqlite').as_posix()}"
    (target / "workspace.json").write_text(json.dumps(settings))
    return target


def test_a_doctored_manifest_is_refused_with_its_field(built: Built) -> None:
    edits = {
        "outputs": lambda m: m.update(outputs={}),  # drop the output hashes
        "outputs ": lambda m: m["outputs"].update({"../x": "0" * 64}),  # a path outside
        "inputs.0": lambda m: m["inputs"][0].update(sha256="../.."),
        "figures": lambda m: m.pop("figures"),
    }
    for field, edit in edits.items():
        folder = built.root / f"doctored-{len(field)}-{field.strip().replace('.', '-')}"
        shutil.copytree(built.member, folder)
        manifest = json.loads((folder / "manifest.json").read_text())
        edit(manifest)
        (folder / "manifest.json").write_text(json.dumps(manifest))
        result = cli("verify", folder, "--json", workspace=built.ws)
        assert result.code == 1
        assert f"(field {field.strip()})" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_a_catalog_row_that_disagrees_with_its_archived_file_is_named(built: Built) -> None:
    from sqlalchemy import create_engine, text

    copy = _copy_workspace(built.ws, built.root / "ws-doctored-row")
    engine = create_engine(json.loads((copy / "workspace.json").read_text())["catalog_url"])
    with engine.begin() as connection:
        connection.execute(text("UPDATE petroleum_notifications SET barrels = barrels * 100"))
    engine.dispose()
    manifest = json.loads((built.member / "manifest.json").read_text())
    target = next(i for i in manifest["inputs"] if i["kind"] == "petroleum_notifications_csv")
    code, result = _verify(built.member, copy)
    assert code == 1
    named = {(m["kind"], m["name"]) for m in result["mismatches"]}
    assert ("input", f"{target['sha256']} ({target['file_name']})") in named
    assert ("figure", "petroleum.2024.official_bbl") in named  # and the rebuilt figure differs
