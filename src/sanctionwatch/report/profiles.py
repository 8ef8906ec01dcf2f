"""Profiles of the parties findings name (vessels from AIS and member reports; persons and
bodies from member reports and screening hits) and the tracks a map draws."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from sanctionwatch.assess.evidence import EvidenceSet, HitItem, ReportEntity
from sanctionwatch.assess.rules.claims import claim_party
from sanctionwatch.report.scope import Scope
from sanctionwatch.workspace.workspace import Workspace

_IDENTITIES = """
    SELECT mmsi, imo, name, callsign, shiptype, min(first_seen), max(last_seen)
    FROM identities WHERE mmsi IN (SELECT unnest(?)) AND source_id IN (SELECT unnest(?))
    GROUP BY ALL ORDER BY mmsi, min(first_seen), name, imo, callsign, shiptype
"""
# Every n-th usable fix (flags 1|2: no position / out of range) keeps a track's shape small.
_TRACKS = """
    SELECT mmsi, lat, lon FROM (
        SELECT mmsi, lat, lon, row_number() OVER (PARTITION BY mmsi ORDER BY timestamp, line) AS n
        FROM positions
        WHERE mmsi IN (SELECT unnest(?)) AND source_id IN (SELECT unnest(?))
          AND flags & 3 = 0 AND timestamp BETWEEN ? AND ?
    ) WHERE n % ? = 1 ORDER BY mmsi, n
"""
TRACK_STRIDE = 20


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def _designation(hit: HitItem) -> dict[str, Any]:
    return {
        "list": hit.list,
        "entry_id": hit.entry_id,
        "basis": hit.basis,
        "renamed": hit.renamed,
        "status": hit.status,
        "listed_names": hit.evidence.get("listed_names", []),
    }


def _reported(evidence: EvidenceSet, item: ReportEntity) -> dict[str, Any]:
    """What one member report says of a party, with the report's sha256 and date."""
    entity = item.entity
    source = evidence.sources.get(item.source_id)
    submitted = next(
        (c.submitted.isoformat() for c in evidence.claims if c.source_id == item.source_id), None
    )
    particulars = {
        k: entity[k]
        for k in ("imo", "mmsi", "callsign", "deadweight_t", "birth_date", "nationality")
        if entity.get(k) not in (None, "")
    }
    particulars.update({str(k): v for k, v in (entity.get("identifiers") or {}).items()})
    return {
        "source": source.sha256 if source else None,
        "provider": source.provider if source else None,
        "submitted": submitted,
        "schema": entity.get("schema"),
        "name": entity.get("name"),
        "aliases": list(entity.get("aliases") or []),
        "country": entity.get("country"),
        "identifiers": dict(sorted(particulars.items())),
    }


def _reported_by_key(evidence: EvidenceSet) -> dict[str, list[ReportEntity]]:
    """Member-report entities by the party key a finding gives them (the rules' own key)."""
    found: dict[str, list[ReportEntity]] = {}
    for item in evidence.entities:
        found.setdefault(claim_party(item.entity).key, []).append(item)
    return found


def _report_hits(evidence: EvidenceSet, items: list[ReportEntity]) -> list[dict[str, Any]]:
    subjects = {i.subject_id for i in items}
    return [
        _designation(h)
        for h in evidence.hits
        if h.subject_kind == "report_entity" and h.subject_id in subjects
    ]


def entity_profiles(evidence: EvidenceSet, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One profile per person, body or unidentified vessel a finding names: names, countries,
    identifiers, what member reports say (dated, with their source) and listings."""
    reported = _reported_by_key(evidence)
    parties: dict[str, dict[str, Any]] = {}
    for f in findings:
        for party in f["parties"]:
            key = party["key"]
            if key.startswith(("mmsi:", "claim:")):
                continue  # vessels have their own profiles; "claim:" is no party at all
            profile = parties.setdefault(
                key,
                {"key": key, "kind": party.get("role"), "names": [], "countries": [],
                 "identifiers": [], "findings": []},
            )  # fmt: skip
            for value, into in ((party.get("name"), "names"), (party.get("flag"), "countries")):
                if value and value not in profile[into]:
                    profile[into].append(value)
            for handle in party["identifiers"]:
                if not handle.startswith("name:") and handle not in profile["identifiers"]:
                    profile["identifiers"].append(handle)
            if f["id"] not in profile["findings"]:
                profile["findings"].append(f["id"])
    for key, profile in parties.items():
        items = reported.get(key, [])
        profile["reported"] = [_reported(evidence, i) for i in items]
        for r in profile["reported"]:
            for name in [r["name"], *r["aliases"]]:
                if name and name not in profile["names"]:
                    profile["names"].append(name)
            if r["country"] and r["country"] not in profile["countries"]:
                profile["countries"].append(r["country"])
        listed = _report_hits(evidence, items) + [
            _designation(h) for h in evidence.hits if key == f"list:{h.list}:{h.entry_id}"
        ]
        unique = {(d["list"], d["entry_id"]): d for d in listed}  # one row per list entry
        profile["designations"] = [unique[k] for k in sorted(unique)]
    return [parties[k] for k in sorted(parties)]


def vessel_profiles(ws: Workspace, evidence: EvidenceSet, mmsis: list[int]) -> list[dict[str, Any]]:
    """One profile per vessel a finding names: flag, identifiers, names over time, listings
    (of the AIS identity and of the vessel as member reports describe it)."""
    if not mmsis:
        return []
    reported = _reported_by_key(evidence)
    source_ids = sorted(evidence.sources)
    rows = ws.store.query(_IDENTITIES, [mmsis, source_ids]) if ws.store.has("identities") else []
    profiles = []
    for mmsi in mmsis:
        seen = evidence.vessels.get(mmsi)
        profiles.append(
            {
                "mmsi": mmsi,
                "flag": seen.flag if seen else None,
                "imos": list(seen.imos) if seen else [],
                "names": list(seen.names) if seen else [],
                "shiptypes": list(seen.shiptypes) if seen else [],
                "identities": [
                    {
                        "imo": r[1],
                        "name": r[2],
                        "callsign": r[3],
                        "shiptype": r[4],
                        "first_seen": _iso(r[5]),
                        "last_seen": _iso(r[6]),
                    }
                    for r in rows
                    if r[0] == mmsi
                ],
                "reported": [_reported(evidence, i) for i in reported.get(f"mmsi:{mmsi}", [])],
                "designations": [
                    _designation(h)
                    for h in evidence.hits
                    if h.subject_kind == "ais_vessel" and h.subject_id == str(mmsi)
                ]
                + _report_hits(evidence, reported.get(f"mmsi:{mmsi}", [])),
            }
        )
    return profiles


def tracks_of(
    ws: Workspace, evidence: EvidenceSet, mmsis: list[int], scope: Scope
) -> dict[int, list[tuple[float, float]]]:
    """A thinned track of each vessel, within the report's period."""
    if not mmsis or not ws.store.has("positions"):
        return {}
    low = (
        datetime.combine(scope.start, time.min, UTC)
        if scope.start
        else datetime(1970, 1, 1, tzinfo=UTC)
    )
    high = (
        datetime.combine(scope.end, time.max, UTC)
        if scope.end
        else datetime(9999, 1, 1, tzinfo=UTC)
    )
    rows = ws.store.query(_TRACKS, [mmsis, sorted(evidence.sources), low, high, TRACK_STRIDE])
    tracks: dict[int, list[tuple[float, float]]] = {}
    for mmsi, lat, lon in rows:
        tracks.setdefault(int(mmsi), []).append((round(float(lat), 4), round(float(lon), 4)))
    return tracks
