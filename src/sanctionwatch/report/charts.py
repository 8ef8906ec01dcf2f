"""Charts: the petroleum ledger against the cap (three laden scenarios, official notifications)
and shipments over time (findings and deliveries per month)."""

from __future__ import annotations

import base64
import io
from datetime import date
from typing import Any

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

DPI = 192  # keep in step with image-resolution in report.css
SCENARIO_COLOURS = ("#f4a261", "#e76f51", "#9b2226")
SHIPMENT_COLOURS = ("#9b2226", "#e9c46a", "#2a9d8f", "#264653")


def png_data_uri(figure: Figure) -> str:
    """The figure as an inline PNG. A bare ``Figure`` draws with Agg: no display, no pyplot.
    Drawn at twice the CSS pixel density; the stylesheet's ``image-resolution`` prints it at
    its drawn size, sharp (about 190 pixels per inch)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _day_of_year(day: date) -> float:
    return float(day.timetuple().tm_yday)


def _steps(points: list[tuple[date, float]], year: int) -> tuple[list[float], list[float]]:
    """A running total as steps from 1 January to 31 December (x: day of the year)."""
    days, totals, total = [1.0], [0.0], 0.0
    for day, amount in sorted(points):
        days += [_day_of_year(day), _day_of_year(day)]
        totals += [total, total + amount]
        total += amount
    days.append(_day_of_year(date(year, 12, 31)))
    totals.append(total)
    return days, totals


def ledger_chart(ledger: dict[str, Any]) -> str:
    """A PNG data URI of one year's ledger."""
    year = int(ledger["year"])
    fig = Figure(figsize=(8, 4.2))
    ax = fig.subplots()
    for colour, key in zip(SCENARIO_COLOURS, ledger["scenarios"], strict=False):
        points = [
            (date.fromisoformat(d["date"]), float((d["bbl"] or {}).get(key, 0.0)))
            for d in ledger["deliveries"]
        ]
        days, totals = _steps(points, year)
        total = float(ledger["estimates"].get(key, totals[-1]))
        ax.plot(
            days,
            totals,
            color=colour,
            linewidth=1.8,
            label=f"estimated, {key} % laden: {total:,.0f} bbl",
        )
    notified = [
        (date(year, int(month[5:7]), 1), float(bbl))
        for months in ledger["official"].values()
        for month, bbl in months.items()
    ]
    days, totals = _steps(notified, year)
    ax.plot(
        days,
        totals,
        color="#264653",
        linestyle="--",
        linewidth=1.8,
        label=f"officially notified: {float(ledger['official_bbl']):,.0f} bbl",
    )
    cap = float(ledger["cap_bbl"])
    ax.axhline(cap, color="black", linewidth=1)
    ax.annotate(f"cap {cap:,.0f} bbl ({ledger['provision']})", (15.0, cap), va="bottom", fontsize=9)
    top = max([cap * 1.08] + [v * 1.1 for v in ledger["estimates"].values()])
    ax.set_ylim(0, top)
    ax.set_xlim(1.0, _day_of_year(date(year, 12, 31)))
    months = [date(year, m, 1) for m in range(1, 13)]
    ax.set_xticks([_day_of_year(m) for m in months], [m.strftime("%b") for m in months])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_ylabel("refined petroleum, bbl (cumulative)", fontsize=9)
    ax.tick_params(labelsize=8.5)
    ax.set_title(
        f"Refined petroleum to the DPRK, {year}: estimated and notified against the cap",
        fontsize=10.5,
    )
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8.5, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, frameon=False)
    return png_data_uri(fig)


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def shipments_chart(series: dict[str, dict[str, int]]) -> str | None:
    """Bars per month, one colour per series (every month between the first and last shown,
    empty ones too, so a gap reads as a gap); None when there is nothing to count."""
    counted = [m for months in series.values() for m in months]
    if not counted:
        return None
    months = _months(min(counted), max(counted))
    fig = Figure(figsize=(8, 3.8))
    ax = fig.subplots()
    width = 0.8 / len(series)
    for index, (label, counts) in enumerate(series.items()):
        xs = [i - 0.4 + width * (index + 0.5) for i in range(len(months))]
        total = sum(counts.values())
        ax.bar(
            xs,
            [counts.get(m, 0) for m in months],
            width=width,
            color=SHIPMENT_COLOURS[index % len(SHIPMENT_COLOURS)],
            label=f"{label}: {total}",
        )
    ax.set_xticks(range(len(months)), [_month_label(m) for m in months])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("per month", fontsize=9)
    ax.tick_params(labelsize=8.5)
    ax.set_title("Shipments over time: findings and petroleum deliveries per month", fontsize=10.5)
    ax.grid(alpha=0.3, axis="y")
    ax.legend(fontsize=8.5, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=1, frameon=False)
    return png_data_uri(fig)


def _month_label(month: str) -> str:
    return date(int(month[:4]), int(month[5:7]), 1).strftime("%b\n%Y")
