"""Identity anomalies from the identities table (one row per MMSI, IMO, name, call sign, ship
type, with first and last seen).

Per MMSI (``find_identity_changes``): a name, call sign, IMO or ship type that changes (the new
value first seen after the old one was last seen, give or take ``concurrent_h``: values
broadcast side by side are two ships on one MMSI, a matter for ``segments``); an IMO number
with a bad check digit; an MMSI whose MID country differs from the declared flag (when a
declared flag is known, e.g. from a list). Across vessels (``find_imo_on_several_mmsis``): one
IMO number on several MMSIs at once (a borrowed identity), or handed from one MMSI to another
within ``handover_h`` (a reflagging or new MMSI).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations, pairwise
from typing import Any

from sanctionwatch.maritime.events import Event
from sanctionwatch.maritime.units import SECONDS_PER_HOUR
from sanctionwatch.sources.identifiers import ship_imo_is_valid
from sanctionwatch.sources.mid import flag_of

FIELDS = ("name", "callsign", "imo", "shiptype")


@dataclass(frozen=True)
class IdentityRow:
    """One identity an MMSI broadcast, and when (UTC seconds). None: not in the reports."""

    mmsi: int
    first_seen: int
    last_seen: int
    imo: int | None = None
    name: str | None = None
    callsign: str | None = None
    shiptype: int | None = None
    declared_flag: str | None = None  # ISO alpha-2, where a list or registry gives one
    source_id: int | None = None


@dataclass
class _Span:
    value: Any
    first: int
    last: int
    sources: set[int]


def _spans(rows: Iterable[IdentityRow], field: str) -> list[_Span]:
    """Each distinct non-empty value of ``field`` with its first and last sighting."""
    spans: dict[Any, _Span] = {}
    for row in rows:
        value = getattr(row, field)
        if isinstance(value, str):
            value = " ".join(value.split()).upper() or None
        if value is None or value == 0:
            continue
        span = spans.setdefault(value, _Span(value, row.first_seen, row.last_seen, set()))
        span.first, span.last = min(span.first, row.first_seen), max(span.last, row.last_seen)
        if row.source_id is not None:
            span.sources.add(row.source_id)
    return sorted(spans.values(), key=lambda s: (s.first, s.last))


def find_identity_changes(rows: list[IdentityRow], p: dict[str, Any]) -> list[Event]:
    """``identity_change`` events of one MMSI; ``p`` is the ``identity`` section."""
    if not rows:
        return []
    mmsi = rows[0].mmsi
    slack = int(p["concurrent_h"] * SECONDS_PER_HOUR)
    changes: list[tuple[int, int, str, Any, Any, set[int]]] = []
    for field in FIELDS:
        spans = _spans(rows, field)
        for old, new in pairwise(spans):
            overlapping = any(
                s.last > new.first + slack for s in spans if s is not new and s.first <= new.first
            )
            if not overlapping:
                changes.append(
                    (old.last, new.first, field, old.value, new.value, old.sources | new.sources)
                )
    events = _grouped(mmsi, changes, slack)
    for span in _spans(rows, "imo"):
        if not ship_imo_is_valid(str(span.value)):
            events.append(
                _event(
                    mmsi,
                    span.first,
                    span.last,
                    {"kind": "invalid_imo", "imo": span.value},
                    span.sources,
                )
            )
    mid_flag = flag_of(mmsi)
    for span in _spans(rows, "declared_flag"):
        if mid_flag is not None and span.value != mid_flag:
            attributes = {
                "kind": "flag_mismatch",
                "mid_flag": mid_flag,
                "declared_flag": span.value,
            }
            events.append(_event(mmsi, span.first, span.last, attributes, span.sources))
    return events


def _grouped(
    mmsi: int, changes: list[tuple[int, int, str, Any, Any, set[int]]], slack: int
) -> list[Event]:
    """Changes of several fields at about the same moment as one event."""
    events = []
    changes.sort(key=lambda c: c[1])
    group: list[tuple[int, int, str, Any, Any, set[int]]] = []
    for change in [*changes, None]:
        if change is not None and (not group or change[1] - group[-1][1] <= slack):
            group.append(change)
            continue
        if group:
            start = min(min(c[0], c[1]) for c in group)
            end = max(max(c[0], c[1]) for c in group)
            attributes = {
                "kind": "+".join(sorted({f"{c[2]}_change" for c in group})),
                "changes": [{"field": c[2], "from": c[3], "to": c[4]} for c in group],
            }
            sources = set().union(*(c[5] for c in group))
            events.append(_event(mmsi, start, end, attributes, sources))
        group = [change] if change is not None else []
    return events


def _event(
    mmsi: int | tuple[int, ...], start: int, end: int, attributes: dict[str, Any], sources: set[int]
) -> Event:
    vessels = mmsi if isinstance(mmsi, tuple) else (mmsi,)
    return Event(
        "identity_change",
        vessels,
        start,
        end,
        float("nan"),
        float("nan"),
        attributes,
        frozenset(sources),
    )


def find_imo_on_several_mmsis(rows: Iterable[IdentityRow], p: dict[str, Any]) -> list[Event]:
    """One IMO number broadcast by several MMSIs at once, or handed from one to another."""
    by_imo: dict[int, list[IdentityRow]] = defaultdict(list)
    for row in rows:
        if row.imo:
            by_imo[int(row.imo)].append(row)
    overlap_min = int(p["imo_overlap_min_h"] * SECONDS_PER_HOUR)
    handover = int(p["handover_h"] * SECONDS_PER_HOUR)
    events = []
    for imo, group in sorted(by_imo.items()):
        spans: dict[int, _Span] = {}
        for row in group:
            span = spans.setdefault(row.mmsi, _Span(row.mmsi, row.first_seen, row.last_seen, set()))
            span.first, span.last = min(span.first, row.first_seen), max(span.last, row.last_seen)
            if row.source_id is not None:
                span.sources.add(row.source_id)
        for a, b in combinations(sorted(spans.values(), key=lambda s: s.first), 2):
            vessels = tuple(sorted((a.value, b.value)))
            start, end = max(a.first, b.first), min(a.last, b.last)
            flags = (flag_of(a.value), flag_of(b.value))
            attributes: dict[str, Any] = {"imo": imo, "mid_flags": list(flags)}
            if end - start >= overlap_min:
                attributes["kind"] = "imo_on_two_mmsis"
            elif 0 <= b.first - a.last <= handover and a is _holder(spans.values(), b):
                attributes["kind"] = "flag_change" if flags[0] != flags[1] else "mmsi_change"
                start, end = a.last, b.first
            else:
                continue
            events.append(
                _event(vessels, min(start, end), max(start, end), attributes, a.sources | b.sources)
            )
    return events


def _holder(spans: Iterable[_Span], new: _Span) -> _Span | None:
    """The span that last held the IMO before ``new`` took it (the one it was handed over
    from); ``new`` itself is not a candidate (seen once, its last sighting is its first)."""
    before = [s for s in spans if s is not new and s.last <= new.first]
    return max(before, key=lambda s: s.last) if before else None
