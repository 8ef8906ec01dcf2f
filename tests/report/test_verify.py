"""`verify`: passes on a fresh report, fails naming a changed input, parameter or figure."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tests.helpers import cli
from tests.report.conftest import Built, ok


def _verify(folder: Path, ws: Path) -> tuple[int, dict[str, Any]]:
    result = cli("verify", folder, "--json", workspace=ws)
    return result.code, result.json()


def test_a_fresh_report_verifies(built: Built) -> None:
    for folder in (built.member, built.public):
        code, result = _verify(folder, built.ws)
        assert (code, result["ok"], result["mismatches"]) == (0, True, [])
        assert result["checked"]
        # the events were re-derived from the archived AIS, and all of them matched
        rederived = result["rederived"]
        assert rederived["status"] == "re-derived", rederived
        assert rederived["ais_inputs"] == 2 and rederived["runs"] == 1
        assert rederived["stored_events"] == rederived["rederived_events"] > 0
        assert result["checked_by_kind"]["events"] == rederived["stored_events"]


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
        "detection": lambda m: m.pop("detection"),  # a format-2 manifest must have it
        "detection.ais_inputs": lambda m: m["detection"].update(ais_inputs=["0" * 64]),
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


def _event_label(row: dict[str, Any]) -> str:
    """How verify names an event: type, vessels, start..end and its id."""
    start, end = (row[k].strftime("%Y-%m-%dT%H:%M:%SZ") for k in ("start", "end"))
    vessels = ",".join(str(v) for v in row["vessels"])
    return f"{row['type']} {vessels} {start}..{end} (id {row['id']})"


def test_a_deleted_or_altered_stored_event_is_named(built: Built) -> None:
    copy = _copy_workspace(built.ws, built.root / "ws-events")
    path = copy / "store" / "events" / "events.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    # events resting on AIS (every AIS input here is public, so the NZ report rests on them)
    candidates = [i for i, r in enumerate(rows) if r["source_ids"] and r["lat"] is not None]
    deleted, altered = candidates[0], candidates[-1]
    rows[altered]["lat"] += 0.5
    kept = [r for i, r in enumerate(rows) if i != deleted]
    pq.write_table(pa.Table.from_pylist(kept, schema=table.schema), path)
    code, result = _verify(built.member, copy)
    assert code == 1 and not result["ok"]
    events = {m["name"]: m["problem"] for m in result["mismatches"] if m["kind"] == "event"}
    assert events == {
        _event_label(rows[deleted]): "re-derived from the archived AIS, but not stored",
        _event_label(rows[altered]): "differs from the re-derived event: lat",
    }
    # the same workspace without re-derivation trusts the stored events: no event is named
    result = cli("verify", built.member, "--json", "--no-rederive", workspace=copy).json()
    assert not [m for m in result["mismatches"] if m["kind"] == "event"]
    assert result["rederived"] == {"status": "not re-derived", "reason": "--no-rederive"}


def _with_manifest(built: Built, name: str, edit: Callable[[dict[str, Any]], None]) -> Path:
    folder = built.root / name
    shutil.copytree(built.member, folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    edit(manifest)
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


def test_an_older_manifest_says_its_events_are_not_rederived(built: Built) -> None:
    def older(manifest: dict[str, Any]) -> None:
        manifest.pop("detection")
        manifest["format"] = 1

    folder = _with_manifest(built, "older-manifest", older)
    code, result = _verify(folder, built.ws)
    assert (code, result["ok"]) == (0, True)  # the rest is checked as before
    assert result["rederived"]["status"] == "not re-derived"
    assert "predates re-derivation" in result["rederived"]["reason"]
    plain = cli("verify", folder, workspace=built.ws)
    assert plain.code == 0 and "Traceback" not in plain.stderr
    assert "events not re-derived: the manifest predates re-derivation" in plain.stderr


def test_a_missing_gazetteer_or_a_doctored_parameter_is_named(built: Built, shared: Path) -> None:
    manifest = json.loads((built.member / "manifest.json").read_text())
    [run] = manifest["detection"]["runs"]
    wpi = shared / "data/ports/wpi-2023.csv"
    assert (run["ports"], len(run["ports_sha256"])) == (str(wpi), 64)
    assert run["params"]["gap"]["min_h"] > 0  # every value, not only the version

    def moved(m: dict[str, Any]) -> None:
        m["detection"]["runs"][0]["ports"] = "/nowhere/wpi-2023.csv"

    folder = _with_manifest(built, "moved-gazetteer", moved)
    code, result = _verify(folder, built.ws)
    assert code == 1
    assert result["mismatches"] == [
        {
            "kind": "input",
            "name": f"{run['ports_sha256']} (wpi-2023.csv)",
            "problem": "port gazetteer (not archived) missing at /nowhere/wpi-2023.csv; "
            "give it with --ports",
        }
    ]
    given = cli("verify", folder, "--json", "--ports", wpi, workspace=built.ws)
    assert (given.code, given.json()["mismatches"]) == (0, [])

    def doctored(m: dict[str, Any]) -> None:
        m["detection"]["runs"][0]["params"]["gap"]["min_h"] = 7.0

    folder = _with_manifest(built, "doctored-params", doctored)
    code, result = _verify(folder, built.ws)
    assert code == 1
    [named] = [m for m in result["mismatches"] if m["kind"] == "parameters"]
    assert f"not {run['params_version']}" in named["problem"]
