"""Member-report entities screened against the loaded lists; hits stored like AIS hits.

Vessels by identifier first (IMO, MMSI, call sign, as ``screening.vessels`` does for AIS),
then every entity by name with ``NameScreener``. Hits are stored with subject kind
``report_entity`` and the subject ``<report sha256 prefix>:<entity id>``, so an analyst's
decision on one holds across runs as it does for vessels.
"""

from __future__ import annotations

from typing import Any

from sanctionwatch.assess.evidence import ReportEntity
from sanctionwatch.screening.compare import DEFAULT_THRESHOLD
from sanctionwatch.screening.entries import SCREENED_SCHEMAS, ListedParty
from sanctionwatch.screening.names import NameScreener
from sanctionwatch.screening.vessels import AisVessel, screen_vessels

SUBJECT_KIND = "report_entity"


def _vessel_hits(item: ReportEntity, parties: list[ListedParty]) -> list[dict[str, Any]]:
    e = item.entity
    vessel = AisVessel(
        mmsi=int(e["mmsi"]) if e.get("mmsi") else 0,
        flag=e.get("country"),
        imos=(int(e["imo"]),) if e.get("imo") else (),
        names=(str(e["name"]), *e.get("aliases", ())),
        callsigns=(str(e["callsign"]).upper(),) if e.get("callsign") else (),
    )
    hits = []
    for hit in screen_vessels([vessel], parties):
        found = hit.as_dict()
        found.pop("mmsi")  # the subject is the report's entity, not an AIS station
        hits.append({**found, "query": item.subject_id, "entity": e["name"], "schema": "Vessel"})
    return hits


def _name_hits(
    item: ReportEntity, screener: NameScreener, threshold: float
) -> list[dict[str, Any]]:
    e = item.entity
    schema = str(e.get("schema"))
    if schema not in SCREENED_SCHEMAS:
        return []
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for name in (str(e["name"]), *e.get("aliases", ())):
        match = screener.best(name, schema)
        if match is None or match.score < threshold:
            continue
        key = (match.party.list, match.party.entry_id)
        if key not in best or best[key]["score"] < match.score:
            best[key] = {
                "query": item.subject_id,
                "entity": e["name"],
                "name": name,
                "schema": schema,
                "list": match.party.list,
                "list_id": match.party.entry_id,
                "list_name": match.party.caption,
                "listed_names": list(match.party.names),
                "programmes": list(match.party.programmes),
                "basis": "name",
                "score": match.score,
                "renamed": False,
                "explanation": match.explanation,
            }
    return list(best.values())


def screen_entities(
    entities: list[ReportEntity],
    parties: list[ListedParty],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[dict[str, Any]]:
    """Hits of report entities on listed parties (one per entity and listed party)."""
    screener = NameScreener(parties)
    hits: list[dict[str, Any]] = []
    for item in entities:
        found = _vessel_hits(item, parties) if item.entity.get("schema") == "Vessel" else []
        known = {(h["list"], h["list_id"]) for h in found}
        found += [
            h
            for h in _name_hits(item, screener, threshold)
            if (h["list"], h["list_id"]) not in known
        ]
        hits += found
    return hits
