"""Every figure a report shows, under a stable key: what the manifest hashes and `verify` rebuilds.

Pure: a function of the gathered data only. Keys name what they hold (``finding.<id>``,
``petroleum.2024.estimates``, ``vessel.<mmsi>``) so a mismatch says what changed.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sanctionwatch.report.gather import ReportData
from sanctionwatch.report.geo import chapter_maps, overview_map

LEDGER_FIGURES = (
    "cap_bbl", "official_bbl", "official", "official_sources", "scenarios", "estimates",
    "cap_used", "cap_crossed", "gap_to_official", "deliveries", "unquantified", "factors",
)  # fmt: skip
SHIPMENT_SERIES = {
    "arms": "arms shipments (findings)",
    "maritime": "ship-to-ship transfers and designated-vessel calls (findings)",
}
PETROLEUM_SERIES = "refined petroleum deliveries (ledger)"
SOURCE_FIELDS = (
    "sha256",
    "kind",
    "file_name",
    "provider_kind",
    "provider",
    "grade",
    "releasability",
)


def versions(data: ReportData) -> dict[str, Any]:
    regime = data.regime
    return {
        "versions.regime": f"{regime.regime}-{regime.version}",
        "versions.calibration": regime.assessment.version if regime.assessment else None,
        "versions.conversion_factors": (
            regime.conversion_factors.version if regime.conversion_factors else None
        ),
        "versions.parameters": sorted(data.params_versions),
    }


def shipments_by_month(data: ReportData) -> dict[str, dict[str, int]]:
    """``{series: {YYYY-MM: count}}``: arms and ship-to-ship findings by the month they began,
    petroleum deliveries (claimed and detected) by the month the ledger dates them."""
    series: dict[str, Counter[str]] = {}
    for f in data.findings:
        label = SHIPMENT_SERIES.get(f["category"]) or SHIPMENT_SERIES.get(
            "maritime" if f["category"] == "designated_vessels" else ""
        )
        if label:
            series.setdefault(label, Counter())[f["start"][:7]] += 1
    for ledger in data.ledgers:
        for delivery in ledger["deliveries"]:
            series.setdefault(PETROLEUM_SERIES, Counter())[delivery["date"][:7]] += 1
    return {k: dict(sorted(v.items())) for k, v in sorted(series.items())}


def build_figures(data: ReportData) -> dict[str, Any]:
    found = data.findings
    figures: dict[str, Any] = {"scope": data.scope.as_dict(), **versions(data)}
    figures["findings.count"] = len(found)
    figures["findings.by_category"] = dict(sorted(Counter(f["category"] for f in found).items()))
    figures["findings.by_confidence"] = dict(
        sorted(Counter(f["confidence"] for f in found).items())
    )
    figures["findings.confirmed"] = sum(1 for f in found if f["confirmed"])
    figures["findings.single_member"] = sum(1 for f in found if f["single_member"])
    for f in found:
        figures[f"finding.{f['id']}"] = f
        stored = data.stored.get(f["id"], {})
        if stored.get("replies"):
            figures[f"replies.{f['id']}"] = [
                {k: r[k] for k in ("party", "text", "sha256", "received_at")}
                for r in stored["replies"]
            ]
    for ledger in data.ledgers:
        for name in LEDGER_FIGURES:
            figures[f"petroleum.{ledger['year']}.{name}"] = ledger[name]
    figures["events.by_type"] = dict(sorted(Counter(e.type for e in data.events).items()))
    for profile in data.vessels:
        figures[f"vessel.{profile['mmsi']}"] = profile
    for entity in data.entities:
        figures[f"entity.{entity['key']}"] = entity
    names = {int(v["mmsi"]): " / ".join(v["names"]) for v in data.vessels}
    figures["map.overview"] = overview_map(data.events, data.tracks, names)
    maps = chapter_maps(data.findings, data.events, data.tracks, data.claims, names)
    for slug, figure in maps.items():
        figures[f"map.{slug}"] = figure
    figures["shipments.by_month"] = shipments_by_month(data)
    figures["methodology.parameters"] = data.parameters
    confidence = data.regime.assessment.confidence if data.regime.assessment else None
    figures["methodology.confidence"] = confidence.model_dump() if confidence else None
    figures["sources.count"] = len(data.sources)
    figures["sources.simulated"] = sorted(data.simulated)
    for source in data.sources:
        figures[f"source.{source['sha256'][:16]}"] = {k: source[k] for k in SOURCE_FIELDS}
    # Plain JSON values only: what data.json holds must hash the same when read back.
    plain: dict[str, Any] = json.loads(json.dumps(figures))
    return plain
