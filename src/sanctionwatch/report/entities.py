"""FollowTheMoney entities of the parties a report's findings name."""

from __future__ import annotations

from typing import Any

from followthemoney import model

from sanctionwatch.report.gather import ReportData

NAMESPACE = "sanctionwatch-report"


def _schema(identifiers: list[str]) -> str:
    # A party known only by name may be a person or a body: LegalEntity covers both.
    return "Vessel" if any(i.startswith(("mmsi:", "imo:")) for i in identifiers) else "LegalEntity"


def party_entities(data: ReportData) -> list[dict[str, Any]]:
    """One entity per party (by key), with its names, identifiers and flag."""
    profiles = {f"mmsi:{v['mmsi']}": v for v in data.vessels}
    parties = {p["key"]: p for p in data.entities}
    entities: dict[str, dict[str, Any]] = {}
    for f in data.findings:
        for party in f["parties"]:
            key = party["key"]
            if key in entities or key.startswith("claim:"):
                continue
            entity = model.make_entity(_schema(party["identifiers"]))
            entity.make_id(NAMESPACE, key)
            if party.get("name"):
                entity.add("name", party["name"])
            for handle in party["identifiers"]:
                kind, _, value = handle.partition(":")
                if kind == "mmsi":
                    entity.add("mmsi", value)
                elif kind == "imo":
                    entity.add("imoNumber", value)
                elif kind == "name" and not party.get("name"):
                    entity.add("name", value)
            profile = profiles.get(key)
            if profile:
                entity.add("name", profile["names"])
                entity.add("name", [r["name"] for r in profile["reported"] if r["name"]])
            party_profile = parties.get(key)
            if party_profile:
                entity.add("name", party_profile["names"])
                entity.add("country", party_profile["countries"])
            flag = party.get("flag") or (profile or {}).get("flag")
            if flag:
                entity.add("flag" if entity.schema.name == "Vessel" else "country", flag)
            entity.add("notes", f"named in finding {f['id']} ({f['category']})")
            entities[key] = entity.to_dict()
    return [entities[k] for k in sorted(entities)]
