"""`verify`: the archive still holds every input, and every figure rebuilds to its hash.

What it checks, in order: each input the manifest names is in the archive and its bytes hash
to the sha256 recorded; archived member reports and notifications re-read to what the catalog
holds (reread.py); data.json's figures hash as the manifest says; every figure rebuilt now
(the rules run afresh on the catalog and analytical store, limited to the manifest's inputs,
audience and period) hashes as the manifest says, including the detector parameter versions
the events carry; the AIS events the report rests on re-derive from the archived AIS files
(re-ingested and re-detected in a scratch workspace with the recorded parameters and port
gazetteer, rederive.py); and the report's own files hash as recorded.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from sanctionwatch.assess.regime import Regime
from sanctionwatch.errors import InputError, SanctionwatchError
from sanctionwatch.report.canonical import figure_hashes
from sanctionwatch.report.figures import build_figures
from sanctionwatch.report.gather import gather
from sanctionwatch.report.manifest import DATA, HTML, MANIFEST, PDF
from sanctionwatch.report.rederive import rederive_events
from sanctionwatch.report.reread import reread_submissions
from sanctionwatch.report.scope import Scope
from sanctionwatch.workspace.archive import file_sha256
from sanctionwatch.workspace.workspace import Workspace


def _read_json(path: Path) -> dict[str, Any]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SanctionwatchError(f"{path}: missing (is this a report folder?)") from None
    except (OSError, ValueError) as exc:
        raise SanctionwatchError(f"{path}: unreadable: {exc}") from None
    if not isinstance(value, dict):
        raise SanctionwatchError(f"{path}: not a JSON object")
    return value


_HEX64 = re.compile(r"^[0-9a-f]{64}$")
OUTPUTS = frozenset({HTML, PDF, DATA})


def check_manifest(manifest: dict[str, Any], path: Path) -> None:
    """The manifest's shape, before anything in it is trusted (names, hashes, dates)."""
    figures = manifest.get("figures")
    if not isinstance(figures, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in figures.items()
    ):
        raise InputError(path, "expected an object of figure hashes", field="figures")
    inputs = manifest.get("inputs")
    if not isinstance(inputs, list):
        raise InputError(path, "expected a list of inputs", field="inputs")
    for index, item in enumerate(inputs):
        if not isinstance(item, dict) or not _HEX64.match(str(item.get("sha256", ""))):
            raise InputError(path, "expected a sha256 of 64 hex digits", field=f"inputs.{index}")
    if not isinstance(manifest.get("audience"), str):
        raise InputError(path, "expected the audience", field="audience")
    period = manifest.get("period") or {}
    for end in ("from", "to"):
        value = period.get(end) if isinstance(period, dict) else "?"
        if value is not None:
            try:
                date.fromisoformat(str(value))
            except ValueError:
                raise InputError(
                    path, "expected a date YYYY-MM-DD", field=f"period.{end}"
                ) from None
    _check_detection(manifest, path)
    outputs = manifest.get("outputs")
    # Exactly the report's own files: a manifest that drops one, or names a path outside the
    # folder, must not pass.
    if not isinstance(outputs, dict) or set(outputs) != OUTPUTS:
        raise InputError(path, f"expected hashes of {', '.join(sorted(OUTPUTS))}", field="outputs")


def _check_detection(manifest: dict[str, Any], path: Path) -> None:
    """``detection`` (format 2 on): the AIS inputs are inputs, and each run names its types."""
    detection = manifest.get("detection")
    if detection is None and int(manifest.get("format") or 1) < 2:
        return  # an older report: verify says it cannot re-derive its events
    if not isinstance(detection, dict):
        raise InputError(path, "expected the detection record", field="detection")
    named = {str(i.get("sha256")) for i in manifest["inputs"]}
    ais = detection.get("ais_inputs")
    if not isinstance(ais, list) or not all(isinstance(s, str) and s in named for s in ais):
        raise InputError(path, "expected sha256s of the inputs", field="detection.ais_inputs")
    if not isinstance(detection.get("ais_withheld", 0), int):
        raise InputError(path, "expected a count", field="detection.ais_withheld")
    runs = detection.get("runs")
    if not isinstance(runs, list):
        raise InputError(path, "expected a list of detect runs", field="detection.runs")
    for index, run in enumerate(runs):
        ok = isinstance(run, dict) and all(
            isinstance(run.get(k), list) and all(isinstance(t, str) for t in run[k])
            for k in ("ran", "types")
        )
        if not ok:
            raise InputError(path, "expected the types it ran", field=f"detection.runs.{index}")


def _compare(
    expected: dict[str, str], actual: dict[str, str], problem: str
) -> list[dict[str, str]]:
    found = []
    for key in sorted(expected.keys() | actual.keys()):
        if key not in actual:
            found.append({"kind": "figure", "name": key, "problem": f"{problem}: missing"})
        elif key not in expected:
            found.append({"kind": "figure", "name": key, "problem": f"{problem}: not in manifest"})
        elif expected[key] != actual[key]:
            found.append({"kind": "figure", "name": key, "problem": f"{problem}: differs"})
    return found


def check_inputs(ws: Workspace, inputs: list[dict[str, Any]]) -> list[dict[str, str]]:
    found = []
    for item in inputs:
        path = ws.archive.path_for(item["sha256"])
        label = f"{item['sha256']} ({item.get('file_name', '?')})"
        if not path.is_file():
            found.append({"kind": "input", "name": label, "problem": "missing from the archive"})
        elif (actual := file_sha256(path)) != item["sha256"]:
            found.append(
                {"kind": "input", "name": label, "problem": f"archived bytes hash to {actual}"}
            )
    return found


def _scope(manifest: dict[str, Any]) -> Scope:
    period = manifest.get("period") or {}
    return Scope(
        audience=manifest["audience"],
        start=date.fromisoformat(period["from"]) if period.get("from") else None,
        end=date.fromisoformat(period["to"]) if period.get("to") else None,
        inputs=frozenset(i["sha256"] for i in manifest["inputs"]),
    )


def verify_report(
    ws: Workspace,
    regime: Regime,
    folder: Path,
    *,
    rederive: bool = True,
    ports: Path | None = None,
) -> dict[str, Any]:
    """Every check below; ``rederive`` re-runs AIS ingestion and detection (rederive.py) with
    ``ports`` in place of a recorded port gazetteer that is not where detection read it."""
    manifest = _read_json(folder / MANIFEST)
    check_manifest(manifest, folder / MANIFEST)
    data = _read_json(folder / DATA)
    expected: dict[str, str] = manifest["figures"]
    mismatches = check_inputs(ws, manifest["inputs"])
    mismatches += reread_submissions(ws, regime, manifest["inputs"])
    mismatches += _compare(expected, figure_hashes(data.get("figures", {})), "data.json")
    scope = _scope(manifest)
    rebuilt = build_figures(gather(ws, regime, scope))
    mismatches += _compare(expected, figure_hashes(rebuilt), "rebuilt from the workspace")
    if rederive:
        found, rederived = rederive_events(ws, manifest, scope, list(mismatches), ports)
        mismatches += found
    else:
        rederived = {"status": "not re-derived", "reason": "--no-rederive"}
    for name, digest in manifest.get("outputs", {}).items():
        path = folder / name
        if not path.is_file():
            mismatches.append({"kind": "output", "name": name, "problem": "missing"})
        elif file_sha256(path) != digest:
            mismatches.append({"kind": "output", "name": name, "problem": "bytes differ"})
    return {
        "ok": not mismatches,
        "checked": len(manifest["inputs"])
        + len(expected)
        + len(manifest.get("outputs", {}))
        + rederived.get("stored_events", 0),
        "checked_by_kind": {
            "inputs": len(manifest["inputs"]),
            "figures": len(expected),
            "outputs": len(manifest.get("outputs", {})),
            "events": rederived.get("stored_events", 0),
        },
        "rederived": rederived,
        "mismatches": mismatches,
        "software": manifest.get("software"),
        "audience": manifest["audience"],
    }
