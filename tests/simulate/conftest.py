"""Small simulations shared by the simulator's tests (planned and drawn once per session)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from sanctionwatch.simulate.render import Catalogue, catalogue, render_window
from sanctionwatch.simulate.run import Request, simulate, windows
from sanctionwatch.simulate.scenarios import Simulation, plan, scenario
from sanctionwatch.simulate.truth import Label, Observer, sorted_labels

# One week-scale scenario, small enough to draw in a second or two: every evasion kind occurs.
SEED, VESSELS, DAYS = 11, 30, 4
# The folders written to disk: smaller still, thinned to one position a minute.
SMALL = Request("dprk-2024", seed=5, vessels=16, days=1.5, interval=60)


@dataclass
class Drawn:
    """Every report of a simulation in time order, with the ship (hull) that sent it, and
    every label (from the plans and from the reports, as `simulate` writes them)."""

    sim: Simulation
    cat: Catalogue
    pos: dict[str, np.ndarray]
    static: dict[str, np.ndarray]
    labels: list[Label]


def draw(sim: Simulation, thin_s: int) -> Drawn:
    cat = catalogue(sim.hulls)
    observer = Observer(sim.world, sim.hulls, cat.mmsi, sim.labels)
    parts = []
    for index, (start, end) in enumerate(windows(sim, thin_s)):
        part = render_window(sim.hulls, start, end, thin_s, sim.seed, index, sim.world.mask, cat)
        observer.feed(part.pos, part.static)
        parts.append(part)
    pos = {k: np.concatenate([p.pos[k] for p in parts]) for k in parts[0].pos}
    static = {k: np.concatenate([p.static[k] for p in parts]) for k in parts[0].static}
    return Drawn(sim, cat, pos, static, sorted_labels(observer.labels))


@pytest.fixture(scope="session")
def sim() -> Simulation:
    return plan(scenario("dprk-2024"), SEED, VESSELS, DAYS)


@pytest.fixture(scope="session")
def drawn(sim: Simulation) -> Drawn:
    """The scenario as transmitted (no thinning): 2-10 s under way."""
    return draw(sim, 0)


@pytest.fixture(scope="session")
def nmea_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sim") / "nmea"
    simulate(SMALL, out)
    return out


@pytest.fixture(scope="session")
def parquet_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sim") / "parquet"
    simulate(Request(**{**SMALL.__dict__, "format": "parquet"}), out)
    return out


@pytest.fixture(scope="session")
def small_drawn() -> Drawn:
    """What the written folders hold, drawn again in memory."""
    s = scenario(SMALL.scenario)
    assert SMALL.vessels is not None and SMALL.days is not None
    return draw(plan(s, SMALL.seed, SMALL.vessels, SMALL.days), SMALL.interval)
