"""The HTML (Jinja2, every figure inline) and the PDF (WeasyPrint) of a report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from sanctionwatch import __version__
from sanctionwatch.report.chapters import CHAPTERS, chapters_present
from sanctionwatch.report.charts import ledger_chart, shipments_chart
from sanctionwatch.report.gather import ReportData
from sanctionwatch.report.maps import draw_map

AIS_KINDS = ("ais",)  # source kinds that start so (ais_nmea, ais_parquet, ...)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("sanctionwatch.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["bbl"] = lambda v: "" if v is None else f"{float(v):,.0f}"
    env.filters["pct"] = lambda v: "" if v is None else f"{float(v):.1%}"
    env.filters["short"] = lambda v: str(v)[:12]
    return env


def _simulated_finding(finding: dict[str, Any], simulated: set[str]) -> bool:
    return any(s in simulated for e in finding["evidence"] for s in e["sources"])


def context(
    data: ReportData, figures: dict[str, Any], entities: list[dict[str, Any]]
) -> dict[str, Any]:
    simulated = data.simulated
    flagged = {f["id"] for f in data.findings if _simulated_finding(f, simulated)}
    ledgers = [
        {
            **ledger,
            "chart": ledger_chart(ledger),
            "simulated": any(
                s in simulated
                for s in [*ledger["official_sources"]]
                + [x for d in ledger["deliveries"] for e in d["evidence"] for x in e["sources"]]
            ),
        }
        for ledger in data.ledgers
    ]
    ais_simulated = any(
        s["sha256"] in simulated for s in data.sources if s["kind"].startswith(AIS_KINDS)
    )
    return {
        "version": __version__,
        "scope": data.scope.as_dict(),
        "regime": data.regime,
        "figures": figures,
        "findings": data.findings,
        "chapters": chapters_present(data.findings),
        "flagged": flagged,
        "stored": data.stored,
        "ledgers": ledgers,
        "map": draw_map(
            figures["map.overview"],
            "All events of the period, and the tracks of the vessels findings name",
        ),
        "chapter_maps": {
            c.slug: draw_map(
                figures[f"map.{c.slug}"], f"{c.title}: tracks, encounters and port calls"
            )
            for c in CHAPTERS
            if f"map.{c.slug}" in figures
        },
        "shipments": shipments_chart(figures["shipments.by_month"]),
        "map_simulated": ais_simulated,
        "sources": data.sources,
        "simulated": simulated,
        "vessels": data.vessels,
        "parties": data.entities,
        "entities": entities,
        "any_simulated": bool(simulated),
    }


def render_html(values: dict[str, Any]) -> str:
    return _environment().get_template("report.html.j2").render(**values)


def write_pdf(html: str, target: Path) -> int:
    """Render the PDF; returns its page count. Only ``data:`` URLs may load: nothing outside."""
    from weasyprint import HTML  # heavy import, only when a PDF is written
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    document = HTML(string=html, url_fetcher=fetcher).render()
    document.write_pdf(target)
    return len(document.pages)
