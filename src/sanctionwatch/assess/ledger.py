"""The refined-petroleum ledger (DESIGN.md "Petroleum ledger"): notified beside estimated.

An estimated delivery is cargo capacity (deadweight, t) x product factor (bbl/t) x laden
fraction, at each scenario of the regime (33/50/90 %), tightened by evidence of the load:
a laden-fraction range (draught) clamps the fraction, a stated quantity clamps the barrels.
The arithmetic is pure (``estimate_delivery``, ``build_ledger``); reading the catalog is
separate (``official_notifications``, ``claimed_deliveries``) so detected port calls can
join the claims later as more ``Delivery`` values.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctionwatch.assess.regime import ConversionFactors, PetroleumLedger, Regime
from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.workspace.models import PetroleumNotificationRow, ReportClaimRow, Source

Bounds = tuple[float, float]
NOT_REFINED = frozenset({"crude_oil"})  # capped by 2397/4, not this ledger


@dataclass(frozen=True)
class Evidence:
    """What a delivery rests on: a claim or an event, with its sources."""

    kind: str  # claim, event
    id: str
    sources: tuple[str, ...]  # sha256
    grade: str | None = None
    provider: str | None = None


@dataclass(frozen=True)
class Delivery:
    """One delivery of refined petroleum to the DPRK as the evidence describes it."""

    id: str
    day: date
    product: str | None  # None or "unknown": the regime's default product, flagged as assumed
    deadweight_t: float | None = None
    deadweight_assumed: bool = False  # the regime's assumed deadweight, not the vessel's own
    stated: Bounds | None = None  # quantity the evidence states, in ``stated_unit``
    stated_unit: str = "bbl"  # bbl or t
    laden: Bounds | None = None  # laden fraction, e.g. from draught
    vessel: str | None = None
    supplier_state: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Estimate:
    delivery: Delivery
    product: str
    product_assumed: bool
    factor: float  # bbl/t
    basis: str  # capacity, capacity+laden, stated, capacity+stated, none
    bbl: dict[str, float]  # by scenario key; empty when nothing gives a quantity


@dataclass(frozen=True)
class Official:
    source_id: int
    sha256: str
    supplier_state: str
    month: str
    barrels: float
    tonnes: float | None


def scenario_key(fraction: float) -> str:
    return f"{round(fraction * 100)}"


def _clamp(value: float, bounds: Bounds | None) -> float:
    return value if bounds is None else min(max(value, bounds[0]), bounds[1])


def _product(delivery: Delivery, ledger: PetroleumLedger) -> tuple[str, bool]:
    if delivery.product in (None, "unknown"):
        return ledger.default_product, True
    return str(delivery.product), False


def estimate_delivery(
    delivery: Delivery, ledger: PetroleumLedger, factors: ConversionFactors
) -> Estimate:
    """Barrels delivered at each laden scenario; see the module docstring for the rules."""
    product, assumed = _product(delivery, ledger)
    if product not in factors.products:
        raise SanctionwatchError(f"delivery {delivery.id}: no conversion factor for {product}")
    factor = factors.products[product].bbl_per_t
    stated = delivery.stated
    if stated is not None and delivery.stated_unit == "t":
        stated = (stated[0] * factor, stated[1] * factor)
    scenarios = ledger.scenarios
    bbl: dict[str, float] = {}
    if delivery.deadweight_t is not None:
        for s in scenarios:
            capacity_bbl = delivery.deadweight_t * factor * _clamp(s, delivery.laden)
            bbl[scenario_key(s)] = _clamp(capacity_bbl, stated)
        basis = "capacity" + ("+laden" if delivery.laden else "") + ("+stated" if stated else "")
    elif stated is not None:
        # No capacity: the stated range spread over the scenarios, lowest to highest.
        span = scenarios[-1] - scenarios[0]
        for s in scenarios:
            position = (s - scenarios[0]) / span if span else 0.5
            bbl[scenario_key(s)] = stated[0] + (stated[1] - stated[0]) * position
        basis = "stated"
    else:
        basis = "none"
    return Estimate(delivery, product, assumed, factor, basis, bbl)


def latest_official(rows: list[Official], year: int) -> list[Official]:
    """The year's notifications; where files overlap on a (supplier, month), the newest
    loaded file's figures stand (a later table restates earlier months)."""
    newest: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (r.supplier_state, r.month)
        newest[key] = max(newest.get(key, r.source_id), r.source_id)
    return [
        r
        for r in rows
        if r.month.startswith(f"{year}-") and newest[(r.supplier_state, r.month)] == r.source_id
    ]


def _crossing(estimates: list[Estimate], key: str, cap: float) -> str | None:
    total = 0.0
    for e in sorted(estimates, key=lambda e: (e.delivery.day, e.delivery.id)):
        total += e.bbl.get(key, 0.0)
        if total > cap:
            return e.delivery.day.isoformat()
    return None


def _delivery_dict(e: Estimate) -> dict[str, Any]:
    d = e.delivery
    return {
        "id": d.id,
        "date": d.day.isoformat(),
        "vessel": d.vessel,
        "supplier_state": d.supplier_state,
        "product": e.product,
        "product_assumed": e.product_assumed,
        "factor_bbl_per_t": e.factor,
        "deadweight_t": d.deadweight_t,
        "deadweight_assumed": d.deadweight_assumed,
        "laden": list(d.laden) if d.laden else None,
        "stated": {"low": d.stated[0], "high": d.stated[1], "unit": d.stated_unit}
        if d.stated
        else None,
        "basis": e.basis,
        "bbl": e.bbl or None,
        "evidence": [
            {
                "kind": v.kind,
                "id": v.id,
                "sources": list(v.sources),
                "grade": v.grade,
                "provider": v.provider,
            }
            for v in d.evidence
        ],
    }


def build_ledger(
    regime: Regime, year: int, official: list[Official], deliveries: list[Delivery]
) -> dict[str, Any]:
    """The year's ledger: notified, estimated at each scenario, the cap and its crossings."""
    ledger, factors = regime.petroleum_ledger, regime.conversion_factors
    if ledger is None or factors is None:
        raise SanctionwatchError(f"regime {regime.regime} defines no petroleum ledger")
    provision = regime.provision(ledger.provision)
    assert provision.cap is not None  # the regime's validator guarantees a barrel cap
    cap = provision.cap.quantity
    notified = latest_official(official, year)
    official_bbl = sum(r.barrels for r in notified)
    by_supplier: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in notified:
        by_supplier[r.supplier_state][r.month] += r.barrels
    estimates = [
        estimate_delivery(d, ledger, factors)
        for d in sorted(deliveries, key=lambda d: (d.day, d.id))
        if d.day.year == year and d.product not in NOT_REFINED
    ]
    keys = [scenario_key(s) for s in ledger.scenarios]
    totals = {k: sum(e.bbl.get(k, 0.0) for e in estimates) for k in keys}
    return {
        "year": year,
        "provision": provision.id,
        "cap_bbl": cap,
        "official_bbl": official_bbl,
        "official": {s: dict(sorted(m.items())) for s, m in sorted(by_supplier.items())},
        "official_sources": sorted({r.sha256 for r in notified}),
        "scenarios": {scenario_key(s): s for s in ledger.scenarios},
        "scenarios_source": ledger.scenarios_source,
        "estimates": totals,
        "cap_used": {k: totals[k] / cap for k in keys},
        "cap_crossed": {k: _crossing(estimates, k, cap) for k in keys},
        "gap_to_official": {k: totals[k] - official_bbl for k in keys},
        "deliveries": [_delivery_dict(e) for e in estimates],
        "unquantified": sum(1 for e in estimates if not e.bbl),
        "factors": {
            "version": factors.version,
            "unit": factors.unit,
            "default_product": ledger.default_product,
            "products": {
                p: {"bbl_per_t": f.bbl_per_t, "source": f.source}
                for p, f in sorted(factors.products.items())
            },
        },
    }


# --- reading the catalog ---------------------------------------------------------------------


def official_notifications(session: Session) -> list[Official]:
    rows = session.execute(
        select(PetroleumNotificationRow, Source.sha256).join(
            Source, Source.id == PetroleumNotificationRow.source_id
        )
    )
    return [
        Official(n.source_id, sha, n.supplier_state, n.month, n.barrels, n.tonnes)
        for n, sha in rows
    ]


def claimed_deliveries(session: Session) -> list[Delivery]:
    """Petroleum delivery claims of member reports that carry a date."""
    rows = session.execute(
        select(ReportClaimRow, Source)
        .join(Source, Source.id == ReportClaimRow.source_id)
        .where(ReportClaimRow.type == "petroleum_delivery")
        .order_by(ReportClaimRow.id)
    )
    return [_claimed(claim, source) for claim, source in rows if claim.start or claim.end]


def _claimed(claim: ReportClaimRow, source: Source) -> Delivery:
    data = claim.data
    vessel = next((e for e in claim.entities if e.get("id") == data.get("vessel")), None)
    quantity = data.get("quantity")
    laden = data.get("laden_fraction")
    day = claim.end or claim.start
    assert day is not None
    return Delivery(
        id=f"claim:{claim.id}",
        day=day,
        product=data.get("product"),
        deadweight_t=vessel.get("deadweight_t") if vessel else None,
        stated=(quantity["low"], quantity["high"]) if quantity else None,
        stated_unit=quantity["unit"] if quantity else "bbl",
        laden=(laden["low"], laden["high"]) if laden else None,
        vessel=vessel.get("name") if vessel else None,
        supplier_state=data.get("supplier_state"),
        evidence=(
            Evidence(
                kind="claim",
                id=claim.id,
                sources=(source.sha256,),
                grade=f"{claim.reliability}{claim.credibility}",
                provider=source.provider,
            ),
        ),
    )


def ledger_years(official: list[Official], deliveries: list[Delivery]) -> list[int]:
    return sorted({int(o.month[:4]) for o in official} | {d.day.year for d in deliveries})
