"""The per-vessel run of the kernels (``engines.kernels.run_vessel``) on hand-made tracks."""

from __future__ import annotations

import numpy as np

from sanctionwatch.engines.kernels import Context, needed, run_vessel
from sanctionwatch.maritime.events import EVENT_TYPES
from sanctionwatch.maritime.ports import Gazetteer, Port
from sanctionwatch.maritime.track import make_track
from tests.maritime.helpers import HOUR, T0, every, line, params


def test_a_ship_on_a_shared_mmsi_that_teleports_is_spoofing() -> None:
    """Two ships broadcast one MMSI for 40 h; after 30 h one of them broadcasts a place 350 km
    from where it is. The MMSI is shared, and that ship's jump is spoofing all the same (its
    true side called at a port, the false one never does)."""
    harbour = Port("Testport", "RU", 40.0, 134.0, "RUTST")
    odd, even = every(T0, T0 + 40 * HOUR, 240), every(T0 + 120, T0 + 40 * HOUR, 240)
    other = line(7, even, 38.0, 131.0, 3.0)  # the other ship, 350 km south-west, all along
    lat, lon = np.full(odd.size, 40.0), np.full(odd.size, 134.0)  # moored at the port 20 h
    away = odd >= T0 + 20 * HOUR  # then sails south-west at 10 kn
    sails = line(7, odd[away], 40.0, 134.0, 10.0, bearing_deg=200)
    lat[away], lon[away] = sails.lat, sails.lon
    fake = odd >= T0 + 30 * HOUR  # and from 30 h on broadcasts a place 350 km north-east
    lat[fake], lon[fake] = 43.0, 137.0 + np.arange(fake.sum()) * 1e-5
    track = make_track(
        7,
        np.concatenate([odd, other.t]),
        np.concatenate([lat, other.lat]),
        np.concatenate([lon, other.lon]),
        shore_km=np.full(odd.size + other.t.size, 100.0),
    )
    ctx = Context(params(), Gazetteer([harbour]))
    events, parts = run_vessel(track, ctx, needed(EVENT_TYPES))
    kinds = [e.type for e in events]
    assert "shared_mmsi" in kinds and len(parts) == 2
    [spoof] = [e for e in events if e.type == "spoofing"]
    assert spoof.attributes["kind"] == "teleport"
    assert (spoof.start, spoof.end) == (int(odd[fake][0]), int(odd[-1]))
