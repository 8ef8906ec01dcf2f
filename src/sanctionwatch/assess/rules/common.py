"""Small helpers the rules share: flags, ship types, places, refs."""

from __future__ import annotations

from sanctionwatch.assess.calibration import Assessment
from sanctionwatch.assess.candidates import Party, Ref, vessel_party
from sanctionwatch.assess.evidence import EventItem, EvidenceSet
from sanctionwatch.assess.regime import Regime
from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.sources.mid import flag_of

DPRK = "KP"


def assessment_of(regime: Regime) -> Assessment:
    if regime.assessment is None:
        raise SanctionwatchError(f"regime {regime.regime} has no assessment section")
    return regime.assessment


def is_dprk(mmsi: int) -> bool:
    return flag_of(mmsi) == DPRK


def is_tanker(mmsi: int, evidence: EvidenceSet, tanker_types: tuple[int, ...]) -> bool:
    vessel = evidence.vessels.get(mmsi)
    return vessel is not None and any(t in tanker_types for t in vessel.shiptypes)


def party_of(mmsi: int, evidence: EvidenceSet, role: str) -> Party:
    vessel = evidence.vessels.get(mmsi)
    if vessel is None:
        return vessel_party(mmsi, (), None, role, flag_of(mmsi))
    name = ", ".join(vessel.names) or None
    return vessel_party(mmsi, vessel.imos, name, role, flag_of(mmsi))


def event_ref(event: EventItem) -> Ref:
    return Ref("event", event.id, event.source_ids)


def event_place(event: EventItem) -> dict[str, object] | None:
    if event.lat is None or event.lon is None:
        return None
    port = event.attributes.get("port")
    return {
        "name": port,
        "country": event.attributes.get("country") if port else None,
        "lat": round(event.lat, 5),
        "lon": round(event.lon, 5),
    }
