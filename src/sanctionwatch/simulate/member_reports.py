"""What members and the 1718 Committee would say about a simulation: reports, notifications.

From the labelled events of a simulation, three member reports in the member-report schema
(``sources/member_report.py``) and the official notifications of refined petroleum:

- ``member_report_jp.json`` (JP, B2, public): an arms voyage of a labelled shuttle ship
  between Rajin and Dunai/Vostochny, a troop deployment and a training claim;
- ``member_report_kr.json`` (KR, A2, releasable to KR, US, JP): a ship-to-ship petroleum
  delivery it labelled (the DPRK tanker's deadweight given only here), DPRK workers and a
  financial dealing;
- ``member_report_gb.json`` (GB, C3, releasable to GB, US): a DPRK tanker's dark call at
  Vostochny as a petroleum delivery, with a satellite image of it (graded B3 on its own);
- ``notifications.csv``: small monthly figures from RU and CN, far below what the shuttles
  carry (as in 2024).

And ``designations.csv``: the ships the scenario designates (``designated_in_scenario``)
in the OFAC SDN legacy CSV format, so screening and the designated-vessel rule can be
exercised on the simulation (load it only into a simulation's workspace). Every file says
it is simulated: the report titles, ids and ``simulated`` flag, the CSV's comment, the
list's remarks. Everything here is a function of the plans and labels, so the same seed
gives the same bytes.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np

from sanctionwatch.simulate.plan import Hull
from sanctionwatch.simulate.ports import PORTS, Port
from sanctionwatch.simulate.scenarios import Simulation
from sanctionwatch.simulate.truth import Label

SIMULATED = "SIMULATED - made up by the sanctionwatch simulator, not intelligence"
ARMS_ENDS = {"rajin": "KP", "dunai": "RU", "vostochny": "RU"}
CALLS = ("port_visit", "dark_port_call")
SUPPLY_PORTS = {"vostochny"}
NOTIFICATIONS_FILE = "notifications.csv"
DESIGNATIONS_FILE = "designations.csv"


@dataclass(frozen=True)
class Voyage:
    """A labelled arms run: a call at one end of the route, then one at the other."""

    hull: Hull
    depart: Label
    arrive: Label


def _day(t: int) -> date:
    return datetime.fromtimestamp(t, UTC).date()


def _port(key: str) -> Port:
    return next(p for p in PORTS if p.key == key)


def _place(key: str) -> dict[str, Any]:
    p = _port(key)
    return {"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon}


def arms_voyages(sim: Simulation, labels: list[Label]) -> list[Voyage]:
    """Consecutive labelled calls of an arms ship at opposite ends of its route."""
    found = []
    for hull in (h for h in sim.hulls if h.role == "arms"):
        calls = sorted(
            (
                lab
                for lab in labels
                if lab.type in CALLS
                and lab.hulls == (hull.key,)
                and lab.attributes.get("port") in ARMS_ENDS
            ),
            key=lambda lab: lab.start,
        )
        for a, b in itertools.pairwise(calls):
            ends = {ARMS_ENDS[a.attributes["port"]], ARMS_ENDS[b.attributes["port"]]}
            if ends == {"KP", "RU"}:
                found.append(Voyage(hull, a, b))
    return found


def sts_transfers(sim: Simulation, labels: list[Label]) -> list[Label]:
    """Labelled encounters of a DPRK tanker with a foreign tanker."""
    dprk = {h.key for h in sim.hulls if h.size.kind.key == "dprk_tanker"}
    return [lab for lab in labels if lab.type == "encounter" and dprk & set(lab.hulls)]


def supply_calls(sim: Simulation, labels: list[Label]) -> list[Label]:
    """Labelled dark calls of DPRK tankers at the supply port."""
    dprk = {h.key for h in sim.hulls if h.size.kind.key == "dprk_tanker"}
    return [
        lab
        for lab in labels
        if lab.type == "dark_port_call"
        and set(lab.hulls) <= dprk
        and lab.attributes.get("port") in SUPPLY_PORTS
    ]


def _vessel(entity_id: str, hull: Hull, t: int, deadweight: bool = False) -> dict[str, Any]:
    """A ship as a member names it: what it broadcast at ``t`` (name, IMO, MMSI)."""
    ident = hull.identity_at(t)
    entity: dict[str, Any] = {
        "id": entity_id,
        "schema": "Vessel",
        "name": ident.name,
        "country": ident.flag,
        "mmsi": f"{ident.mmsi:09d}",
        "callsign": ident.callsign,
        "notes": f"simulated ship {hull.key}",
    }
    if ident.imo is not None:
        entity["imo"] = f"{ident.imo:07d}"
    if deadweight:
        entity["deadweight_t"] = round(hull.size.dwt_t)
    return entity


class _Report:
    """One member report being assembled."""

    def __init__(self, member: str, grade: str, releasable: list[str], sim: Simulation) -> None:
        self.member = member
        self.doc: dict[str, Any] = {
            "schema_version": "1",
            "report_id": f"SIM-{member}-{sim.scenario.name}-{sim.seed}",
            "submitting_member": member,
            "submitted": (_day(sim.world.end) + timedelta(days=14)).isoformat(),
            "title": f"{SIMULATED} ({sim.scenario.name}, seed {sim.seed})",
            "grade": grade,
            "releasable_to": releasable,
            "simulated": True,
            "entities": [],
            "claims": [],
        }

    def entity(self, entity: dict[str, Any]) -> str:
        known = {e["id"] for e in self.doc["entities"]}
        if entity["id"] not in known:
            self.doc["entities"].append(entity)
        return str(entity["id"])

    def claim(self, claim: dict[str, Any]) -> None:
        self.doc["claims"].append({"id": f"c{len(self.doc['claims']) + 1}", **claim})

    def as_bytes(self) -> bytes:
        return (json.dumps(self.doc, indent=2, ensure_ascii=False) + "\n").encode()


def _period(sim: Simulation) -> tuple[str, str]:
    return _day(sim.world.start).isoformat(), _day(sim.world.end).isoformat()


def _japan(sim: Simulation, labels: list[Label], rng: np.random.Generator) -> _Report:
    report = _Report("JP", "B2", ["public"], sim)
    first, last = _period(sim)
    for voyage in arms_voyages(sim, labels)[:1]:
        ship = report.entity(_vessel("v1", voyage.hull, voyage.depart.start))
        origin, destination = voyage.depart.attributes["port"], voyage.arrive.attributes["port"]
        low = int(rng.integers(40, 90))
        report.claim(
            {
                "type": "arms_shipment",
                "summary": f"Containers of munitions carried from {_port(origin).name} to "
                f"{_port(destination).name} (simulated)",
                "mode": "sea",
                "vessel": ship,
                "route": [_place(origin), _place(destination)],
                "start": _day(voyage.depart.start).isoformat(),
                "end": _day(voyage.arrive.end).isoformat(),
                "quantity": {"low": low, "high": low + 40, "unit": "containers"},
                "munition_type": "artillery ammunition (simulated)",
            }
        )
    troops = int(rng.integers(8, 12)) * 1000
    report.claim(
        {
            "type": "deployment",
            "summary": "DPRK troops deployed to fight alongside Russian forces (simulated)",
            "kind": "troops",
            "unit": "a simulated DPRK army corps",
            "location": {"name": "Kursk region", "country": "RU"},
            "count": {"low": troops, "high": troops + 2000},
            "start": first,
            "end": last,
        }
    )
    report.claim(
        {
            "type": "training",
            "summary": "Russian instructors training DPRK soldiers in drone warfare (simulated)",
            "kind": "military",
            "trainers_from": "RU",
            "trainees_from": "KP",
            "location": {"name": "a simulated training ground", "country": "RU"},
            "subject": "unmanned aerial vehicles",
            "count": {"low": 100, "high": 300},
            "start": first,
            "end": last,
        }
    )
    return report


def _korea(sim: Simulation, labels: list[Label], rng: np.random.Generator) -> _Report:
    report = _Report("KR", "A2", ["KR", "US", "JP"], sim)
    by_key = {h.key: h for h in sim.hulls}
    first, last = _period(sim)
    for transfer in sts_transfers(sim, labels)[:1]:
        dprk_key, foreign_key = transfer.hulls
        tanker = report.entity(_vessel("v1", by_key[dprk_key], transfer.start, deadweight=True))
        other = report.entity(_vessel("v2", by_key[foreign_key], transfer.start))
        report.claim(
            {
                "type": "petroleum_delivery",
                "summary": "DPRK tanker took refined petroleum from a foreign tanker at sea "
                "(simulated)",
                "product": "gas_diesel_oil",
                "method": "ship_to_ship",
                "vessel": tanker,
                "entities": [other],
                "delivery": {
                    "name": "ship-to-ship transfer point",
                    "lat": round(transfer.lat, 4),
                    "lon": round(transfer.lon, 4),
                },
                "start": _day(transfer.start).isoformat(),
                "end": _day(transfer.end).isoformat(),
            }
        )
    workers = int(rng.integers(2, 6)) * 100
    report.claim(
        {
            "type": "deployment",
            "summary": "DPRK workers earning income on construction sites (simulated)",
            "kind": "workers",
            "unit": "a simulated DPRK construction company",
            "location": {"name": "Vladivostok", "country": "RU"},
            "count": {"low": workers, "high": workers * 2},
            "start": first,
            "end": last,
        }
    )
    front = report.entity(
        {"id": "o1", "schema": "Company", "name": "Simulated Front Trading Ltd", "country": "HK"}
    )
    amount = int(rng.integers(5, 20)) * 100_000
    report.claim(
        {
            "type": "financial_dealing",
            "summary": "Payments for petroleum through a front company's crypto wallet (simulated)",
            "parties": [front],
            "amounts": [{"low": amount, "high": amount * 1.5, "currency": "USDT"}],
            "accounts": [
                {
                    "kind": "crypto_address",
                    "value": f"TSIMULATED{sim.seed:06d}{int(rng.integers(10**9)):010d}",
                    "network": "TRON",
                    "holder": front,
                }
            ],
            "start": first,
            "end": last,
        }
    )
    return report


def _britain(sim: Simulation, labels: list[Label]) -> _Report:
    report = _Report("GB", "C3", ["GB", "US"], sim)
    by_key = {h.key: h for h in sim.hulls}
    first, last = _period(sim)
    for call in supply_calls(sim, labels)[:1]:
        tanker = report.entity(_vessel("v1", by_key[call.hulls[0]], call.start))
        report.claim(
            {
                "type": "petroleum_delivery",
                "summary": "DPRK tanker loaded at Vostochny with its AIS off (simulated)",
                "product": "gas_diesel_oil",
                "method": "port_call",
                "vessel": tanker,
                "supplier_state": "RU",
                "loading": _place("vostochny"),
                "start": _day(call.start).isoformat(),
                "end": _day(call.end).isoformat(),
            }
        )
        middle = (call.start + call.end) // 2
        report.claim(
            {
                "type": "imagery_observation",
                "summary": "Tanker alongside the oil berth at Vostochny (simulated)",
                "sensor": "optical satellite, 0.5 m (simulated)",
                "observed_at": datetime.fromtimestamp(middle, UTC).isoformat(),
                "location": _place("vostochny"),
                "observation": "a tanker of the DPRK tanker's length moored at the oil berth",
                "entities": [tanker],
                "provisions": ["2397/5"],
                "grade": "B3",
            }
        )
    if not report.doc["claims"]:  # no dark call in this run: still a report to load
        report.claim(
            {
                "type": "training",
                "summary": "DPRK instructors training a paramilitary unit abroad (simulated)",
                "kind": "paramilitary",
                "trainers_from": "KP",
                "trainees_from": "RU",
                "location": {"name": "a simulated training ground", "country": "RU"},
                "subject": "small-unit tactics",
                "start": first,
                "end": last,
            }
        )
    return report


def member_reports(sim: Simulation, labels: list[Label]) -> dict[str, bytes]:
    """The three simulated member reports, by file name."""
    rng = np.random.default_rng([sim.seed, 7])
    reports = [_japan(sim, labels, rng), _korea(sim, labels, rng), _britain(sim, labels)]
    return {f"member_report_{r.member.lower()}.json": r.as_bytes() for r in reports}


def notifications(sim: Simulation) -> bytes:
    """Monthly notifications by RU and CN for each month the simulation touches."""
    rng = np.random.default_rng([sim.seed, 8])
    months = sorted({_day(t).strftime("%Y-%m") for t in (sim.world.start, sim.world.end - 1)})
    lines = [
        f"# {SIMULATED}: notifications made up for {sim.scenario.name}, seed {sim.seed}.",
        "supplier_state,month,barrels,tonnes,note",
    ]
    for month in months:
        for supplier in ("RU", "CN"):
            barrels = round(float(rng.uniform(500, 3000)), 1)
            lines.append(f"{supplier},{month},{barrels},,simulated")
    return ("\n".join(lines) + "\n").encode()


def designations(sim: Simulation) -> bytes:
    """The scenario's designated ships in the OFAC SDN legacy CSV format (the format only:
    SIMULATED entries, never the real list). Load with ``lists load --grade F6``."""
    lines = []
    for number, hull in enumerate((h for h in sim.hulls if h.designated), start=1):
        own = hull.true_identity
        remarks = [f"{SIMULATED}, simulated ship {hull.key}"]
        if own.imo is not None:
            remarks.append(f"Vessel Registration Identification IMO {own.imo:07d}")
        remarks.append(f"MMSI {own.mmsi:09d}")
        fields = [
            str(990_000 + number),
            _quoted(own.name),
            '"vessel"',
            '"DPRK"',
            "-0- ",
            _quoted(own.callsign),
            _quoted("Tanker" if "tanker" in hull.size.kind.key else "Ro Ro Cargo"),
            "-0- ",
            "-0- ",
            _quoted(_FLAG_NAMES.get(own.flag, own.flag)),
            "-0- ",
            _quoted("; ".join(remarks) + "."),
        ]
        lines.append(",".join(fields))
    return ("\r\n".join(lines) + "\r\n").encode()


_FLAG_NAMES = {"KP": "Korea, North", "RU": "Russia"}


def _quoted(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'
