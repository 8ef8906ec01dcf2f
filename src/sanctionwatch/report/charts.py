"""The petroleum ledger against the cap: cumulative estimates per scenario, notified, the cap."""

from __future__ import annotations

import base64
import io
from datetime import date
from typing import Any

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

SCENARIO_COLOURS = ("#f4a261", "#e76f51", "#9b2226")


def png_data_uri(figure: Figure) -> str:
    """The figure as an inline PNG. A bare ``Figure`` draws with Agg: no display, no pyplot."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
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
        ax.plot(days, totals, color=colour, label=f"estimated, {key} % laden")
    notified = [
        (date(year, int(month[5:7]), 1), float(bbl))
        for months in ledger["official"].values()
        for month, bbl in months.items()
    ]
    days, totals = _steps(notified, year)
    ax.plot(days, totals, color="#264653", linestyle="--", label="officially notified")
    cap = float(ledger["cap_bbl"])
    ax.axhline(cap, color="black", linewidth=1)
    ax.annotate(f"cap {cap:,.0f} bbl", (15.0, cap), va="bottom", fontsize=8)
    top = max([cap * 1.08] + [v * 1.1 for v in ledger["estimates"].values()])
    ax.set_ylim(0, top)
    ax.set_xlim(1.0, _day_of_year(date(year, 12, 31)))
    months = [date(year, m, 1) for m in range(1, 13)]
    ax.set_xticks([_day_of_year(m) for m in months], [m.strftime("%b") for m in months])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_ylabel("refined petroleum, bbl (cumulative)")
    ax.set_title(f"Refined petroleum to the DPRK, {year}: estimated and notified against the cap")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="center right")
    return png_data_uri(fig)
