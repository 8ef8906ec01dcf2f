"""The report's chapters: which finding categories each holds, in the order they appear."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Chapter:
    slug: str
    title: str
    categories: tuple[str, ...]


CHAPTERS = (
    Chapter("arms", "Arms transfers", ("arms",)),
    Chapter("petroleum", "Refined petroleum", ("petroleum",)),
    Chapter(
        "maritime",
        "Ship-to-ship transfers and designated vessels",
        ("maritime", "designated_vessels"),
    ),
    Chapter("training", "Troops and training", ("training",)),
    Chapter("workers", "Workers abroad", ("workers",)),
    Chapter("finance", "Finance", ("finance",)),
)
OTHER = Chapter("other", "Other provisions", ())


def chapter_of(category: str) -> Chapter:
    return next((c for c in CHAPTERS if category in c.categories), OTHER)


def chapters_present(findings: list[dict[str, Any]]) -> list[tuple[Chapter, list[dict[str, Any]]]]:
    """Chapters with at least one finding (petroleum also when only the ledger has data)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        grouped.setdefault(chapter_of(f["category"]).slug, []).append(f)
    return [(c, grouped[c.slug]) for c in (*CHAPTERS, OTHER) if c.slug in grouped]
