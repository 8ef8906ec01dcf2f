"""What each chapter's map shows: its findings' tracks, events, ports and claimed routes.

Pure: a function of the gathered data. The result is a figure (``map.<chapter>``), so the
manifest hashes what a map draws and `verify` rebuilds it.
"""

from __future__ import annotations

from typing import Any

from sanctionwatch.assess.evidence import EventItem
from sanctionwatch.report.chapters import CHAPTERS, chapter_of

MAPPED_EVENTS = frozenset(
    {"encounter", "port_visit", "dark_port_call", "dark_transfer", "loitering", "gap"}
)
# Chapters whose findings have places at sea or in ports; the others (troops, workers,
# finance) are located by a town at most, which a sea chart does not help with.
MAPPED_CHAPTERS = ("arms", "petroleum", "maritime")
_CLAIM_PLACES = ("loading", "delivery", "location")


def _mmsis(finding: dict[str, Any]) -> set[int]:
    return {
        int(k.split(":", 1)[1])
        for p in finding["parties"]
        for k in p["identifiers"]
        if k.startswith("mmsi:")
    }


def _point(place: Any) -> tuple[float, float] | None:
    if not isinstance(place, dict):
        return None
    lat, lon = place.get("lat"), place.get("lon")
    if lat is None or lon is None:
        return None
    return round(float(lat), 4), round(float(lon), 4)


def _event_row(event: EventItem) -> list[Any]:
    assert event.lat is not None and event.lon is not None
    return [event.type, event.id, round(event.lat, 4), round(event.lon, 4)]


def _port_of(event: EventItem) -> list[Any] | None:
    port = event.attributes.get("port")
    if not port or event.lat is None or event.lon is None:
        return None
    return [str(port), round(event.lat, 4), round(event.lon, 4)]


def map_figure(
    findings: list[dict[str, Any]],
    events: list[EventItem],
    tracks: dict[int, list[tuple[float, float]]],
    claims: dict[str, dict[str, Any]],
    names: dict[int, str],
) -> dict[str, Any]:
    """Tracks of the vessels the findings name, the events they cite or those vessels took
    part in, labelled places (ports, claimed places) and claimed routes."""
    vessels = set().union(*(_mmsis(f) for f in findings)) if findings else set()
    cited = {e["id"] for f in findings for e in f["evidence"] if e["kind"] == "event"}
    shown = [
        e
        for e in events
        if e.type in MAPPED_EVENTS
        and e.lat is not None
        and e.lon is not None
        and (e.id in cited or vessels & set(e.vessels))
    ]
    places: dict[str, list[Any]] = {}
    routes: list[list[list[float]]] = []
    for event in shown:
        port = _port_of(event)
        if port:
            places.setdefault(port[0], port)
    for f in findings:
        for ref in f["evidence"]:
            data = claims.get(ref["id"]) if ref["kind"] == "claim" else None
            if not data:
                continue
            stops = [p for p in data.get("route") or [] if _point(p)]
            if len(stops) > 1:
                routes.append([list(_point(p) or ()) for p in stops])
            stops += [data[k] for k in _CLAIM_PLACES if isinstance(data.get(k), dict)]
            for stop in stops:
                point = _point(stop)
                if point is not None:
                    label = str(stop.get("name") or f"claim {ref['id'][:8]}")
                    places.setdefault(label, [label, *point])
        point = _point(f.get("place"))
        if point and f["place"].get("name"):
            places.setdefault(f["place"]["name"], [f["place"]["name"], *point])
    drawn = sorted(m for m in vessels if m in tracks)
    return {
        "tracks": {str(m): [list(p) for p in tracks[m]] for m in drawn},
        "vessels": {str(m): names.get(m, "") for m in drawn},
        "events": sorted((_event_row(e) for e in shown), key=lambda r: (r[0], r[1])),
        "places": [places[k] for k in sorted(places)],
        "routes": routes,
    }


def overview_map(
    events: list[EventItem],
    tracks: dict[int, list[tuple[float, float]]],
    names: dict[int, str],
) -> dict[str, Any]:
    """Every placed event of the period and the tracks of every vessel a finding names."""
    shown = [
        e for e in events if e.type in MAPPED_EVENTS and e.lat is not None and e.lon is not None
    ]
    ports = {p[0]: p for p in (_port_of(e) for e in shown) if p}
    return {
        "tracks": {str(m): [list(p) for p in t] for m, t in sorted(tracks.items())},
        "vessels": {str(m): names.get(m, "") for m in sorted(tracks)},
        "events": sorted((_event_row(e) for e in shown), key=lambda r: (r[0], r[1])),
        "places": [ports[k] for k in sorted(ports)],
        "routes": [],
    }


def has_geography(figure: dict[str, Any]) -> bool:
    return bool(figure["tracks"] or figure["events"] or figure["places"])


def chapter_maps(
    findings: list[dict[str, Any]],
    events: list[EventItem],
    tracks: dict[int, list[tuple[float, float]]],
    claims: dict[str, dict[str, Any]],
    names: dict[int, str],
) -> dict[str, dict[str, Any]]:
    """``{chapter slug: map figure}`` for the mapped chapters that have something to draw."""
    maps = {}
    for chapter in CHAPTERS:
        if chapter.slug not in MAPPED_CHAPTERS:
            continue
        mine = [f for f in findings if chapter_of(f["category"]).slug == chapter.slug]
        if not mine:
            continue
        figure = map_figure(mine, events, tracks, claims, names)
        if has_geography(figure):
            maps[chapter.slug] = figure
    return maps
