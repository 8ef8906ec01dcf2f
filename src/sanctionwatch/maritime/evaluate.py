"""Score detected events against ground-truth labels (the simulator's ``truth.jsonl``).

An event matches a label of the same type whose vessels are the same set of MMSIs and whose
time span overlaps its own (ends included). Matching is one-to-one (a maximum bipartite
matching within each type and vessel set), so one long event cannot claim two labels, nor two
events one label. Per type: tp (matched events), fp (events left), fn (labels left),
precision = tp / events, recall = tp / labels (None where the denominator is 0).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sanctionwatch.errors import InputError


@dataclass(frozen=True)
class Span:
    """An event or a label, as far as matching is concerned."""

    type: str
    vessels: frozenset[int]
    start: int
    end: int


def epoch(value: str) -> int:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return int(parsed.timestamp())


def parse_truth(lines: Iterable[str], origin: str) -> list[Span]:
    """Labels from JSON lines (blank lines skipped); a malformed line is an error naming it."""
    labels = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            labels.append(
                Span(
                    str(item["type"]),
                    frozenset(int(v) for v in item["vessels"]),
                    epoch(str(item["start"])),
                    epoch(str(item["end"])),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                origin, f"not a truth label ({type(exc).__name__}: {exc})", line=number
            ) from None
    return labels


def span_of(event: dict[str, Any]) -> Span:
    """An event as ``events --json`` prints it."""
    return Span(
        str(event["type"]),
        frozenset(int(v) for v in event["vessels"]),
        epoch(str(event["start"])),
        epoch(str(event["end"])),
    )


def _overlap(a: Span, b: Span) -> bool:
    return a.start <= b.end and b.start <= a.end


def _matching(events: Sequence[Span], labels: Sequence[Span]) -> int:
    """Size of a maximum matching of events to overlapping labels (Kuhn's augmenting paths)."""
    edges = [[j for j, label in enumerate(labels) if _overlap(e, label)] for e in events]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in range(len(events)))


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score(events: Sequence[Span], labels: Sequence[Span]) -> dict[str, dict[str, Any]]:
    """Per type (every type among events or labels, sorted): precision, recall, tp, fp, fn."""
    groups: dict[tuple[str, frozenset[int]], tuple[list[Span], list[Span]]] = {}
    for e in events:
        groups.setdefault((e.type, e.vessels), ([], []))[0].append(e)
    for label in labels:
        groups.setdefault((label.type, label.vessels), ([], []))[1].append(label)
    counts: dict[str, list[int]] = {}  # type: [tp, events, labels]
    for (kind, _), (found, truth) in sorted(
        groups.items(), key=lambda g: (g[0][0], sorted(g[0][1]))
    ):
        found.sort(key=lambda s: (s.start, s.end))
        truth.sort(key=lambda s: (s.start, s.end))
        c = counts.setdefault(kind, [0, 0, 0])
        c[0] += _matching(found, truth) if found and truth else 0
        c[1] += len(found)
        c[2] += len(truth)
    return {
        kind: {
            "precision": _ratio(tp, n_events),
            "recall": _ratio(tp, n_labels),
            "tp": tp,
            "fp": n_events - tp,
            "fn": n_labels - tp,
        }
        for kind, (tp, n_events, n_labels) in sorted(counts.items())
    }
