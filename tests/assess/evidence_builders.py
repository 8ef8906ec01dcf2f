"""Hand-built evidence for the rule tests: sources, vessels, events, hits, claims."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sanctionwatch.assess.evidence import (
    ClaimItem,
    EventItem,
    EvidenceSet,
    HitItem,
    SourceInfo,
    Vessel,
)

T0 = datetime(2024, 3, 1, tzinfo=UTC)
DPRK_TANKER = 445000001
FOREIGN_TANKER = 370000001
RU_CARGO = 273000001
AIS = SourceInfo(1, "a" * 64, "commercial", "AIS provider", "B", 3, ("public",))
OFAC = SourceInfo(2, "b" * 64, "official_list", "OFAC", "A", 1, ("public",))
NZ = SourceInfo(3, "c" * 64, "member_state", "NZ", "B", 2, ("NZ", "AU", "JP"))
JP = SourceInfo(4, "d" * 64, "member_state", "JP", "B", 2, ("JP", "NZ"))


def evidence() -> EvidenceSet:
    return EvidenceSet(
        sources={s.id: s for s in (AIS, OFAC, NZ, JP)},
        vessels={
            DPRK_TANKER: Vessel(DPRK_TANKER, "KP", (3000011,), ("KP TANKER",), (80,)),
            FOREIGN_TANKER: Vessel(FOREIGN_TANKER, "PA", (3000022,), ("PA TANKER",), (84,)),
            RU_CARGO: Vessel(RU_CARGO, "RU", (3000033,), ("RU CARGO",), (70,)),
        },
    )


def event(
    kind: str,
    vessels: tuple[int, ...],
    hours: float,
    length_h: float = 6.0,
    lat: float | None = 38.6,
    lon: float | None = 124.0,
    **attributes: Any,
) -> EventItem:
    start = T0 + timedelta(hours=hours)
    return EventItem(
        id=f"{kind}-{vessels[0]}-{hours}",
        type=kind,
        vessels=vessels,
        start=start,
        end=start + timedelta(hours=length_h),
        lat=lat,
        lon=lon,
        attributes=attributes,
        source_ids=(AIS.id,),
    )


def hit(mmsi: int, basis: str = "imo", status: str = "open", renamed: bool = False) -> HitItem:
    return HitItem(
        id=f"hit-{mmsi}-{basis}",
        subject_kind="ais_vessel",
        subject_id=str(mmsi),
        list="ofac",
        entry_id="ofac:1",
        basis=basis,
        renamed=renamed,
        status=status,
        evidence={"list_name": "LISTED TANKER"},
        source_ids=(OFAC.id,),
    )


def claim(
    claim_type: str,
    source: SourceInfo = NZ,
    provisions: tuple[str, ...] = (),
    entities: tuple[dict[str, Any], ...] = (),
    day: date = date(2024, 3, 1),
    **data: Any,
) -> ClaimItem:
    return ClaimItem(
        id=f"claim-{claim_type}-{source.provider}-{day}",
        claim_id="c1",
        type=claim_type,
        summary=f"a {claim_type} claim",
        start=day,
        end=day,
        submitted=date(2025, 1, 15),
        provisions=provisions,
        entities=entities,
        grade=source.grade,
        data={"type": claim_type, **data},
        source_id=source.id,
    )
