"""One vessel's time-sorted fixes, the input of every per-vessel kernel."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.maritime.units import Degrees, Kilometres, Knots, Seconds


@dataclass(frozen=True)
class Track:
    """Fixes of one MMSI sorted by time (ties kept in input order).

    ``speed`` and ``course`` are as reported (NaN where not available); ``shore_km`` is each
    fix's distance from the nearest coast (0 on land), filled by the engine; ``source_id``
    is the workspace source each fix came from, so events can name what they rest on.
    Draught comes from static reports, which have their own times.
    """

    mmsi: int
    t: Seconds
    lat: Degrees
    lon: Degrees
    speed: Knots
    course: NDArray[np.float64]
    shore_km: Kilometres
    source_id: NDArray[np.int64]
    draught_t: Seconds
    draught_m: NDArray[np.float64]

    def __len__(self) -> int:
        return int(self.t.size)

    def sources(self, start: int, stop: int) -> frozenset[int]:
        """The source ids of fixes ``start..stop`` (inclusive)."""
        return frozenset(int(s) for s in np.unique(self.source_id[start : stop + 1]))
