"""`manifest.json` and `data.json`: what a report rests on and every figure it shows."""

from __future__ import annotations

from typing import Any

from sanctionwatch import __version__
from sanctionwatch.report.canonical import figure_hashes
from sanctionwatch.report.gather import ReportData

FORMAT = 1  # of data.json
MANIFEST_FORMAT = 2  # 2: with `detection` (what re-deriving the events needs)
MANIFEST = "manifest.json"
DATA = "data.json"
HTML = "report.html"
PDF = "report.pdf"


def data_document(
    data: ReportData, figures: dict[str, Any], entities: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "software": {"name": "sanctionwatch", "version": __version__},
        "scope": data.scope.as_dict(),
        "simulated_inputs": sorted(data.simulated),
        "figures": figures,
        "entities": entities,  # FollowTheMoney
    }


def manifest_document(
    data: ReportData,
    figures: dict[str, Any],
    outputs: dict[str, str],
    detection: dict[str, Any] | None = None,
) -> dict[str, Any]:
    regime = data.regime
    return {
        "format": MANIFEST_FORMAT,
        "software": {"name": "sanctionwatch", "version": __version__},
        "audience": data.scope.audience,
        "period": {"from": data.scope.as_dict()["from"], "to": data.scope.as_dict()["to"]},
        "regime": {
            "id": regime.regime,
            "version": regime.version,
            "calibration": regime.assessment.version if regime.assessment else None,
            "conversion_factors": (
                regime.conversion_factors.version if regime.conversion_factors else None
            ),
        },
        "parameters": {
            "events": sorted(data.params_versions),
            "default": data.parameters.get("version"),
        },
        "inputs": [
            {
                "sha256": s["sha256"],
                "file_name": s["file_name"],
                "kind": s["kind"],
                "provider": s["provider"],
                "archive_path": s["archive_path"],
                "simulated": s["sha256"] in data.simulated,
            }
            for s in data.sources
        ],
        "detection": detection or {"ais_inputs": [], "ais_withheld": 0, "runs": []},
        "figures": figure_hashes(figures),
        "outputs": outputs,
    }
