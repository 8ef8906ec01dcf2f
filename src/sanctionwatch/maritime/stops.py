"""Stops: where a vessel stays within a small area for a while, as MovingPandas finds them.

``detect_stops`` is MovingPandas' ``TrajectoryStopDetector`` (the same walk over the points,
the same decisions, so the same stops): a window of recent points is kept no longer than
``min_duration`` while moving; when the diagonal of the minimum rotated rectangle of the window
drops below ``max_diameter`` the vessel is stopped and the window grows until a point breaks
the diameter; a stop of at least ``min_duration`` then ends at the point before. MovingPandas
rebuilds the rectangle for every point (quadratic in a stop's length); here the convex hull of
a stop is kept and only redone when a point falls outside it, and the moving window's bounding
box comes from monotonic queues, so the cost is near-linear. With ``spherical`` the points are
(lon, lat) degrees and distances are haversine metres, as MovingPandas does for geographic
trajectories (it uses geodesic WGS84 distances: results differ by under 0.5 % of a diameter).

``speed_stops`` is DESIGN.md's port-visit stop: it begins below ``start_kn`` and ends above
``end_kn`` (hysteresis on reported speed). ``split_by_stops`` and ``split_by_gaps`` are
MovingPandas' ``StopSplitter`` and ``ObservationGapSplitter``.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

from sanctionwatch.maritime.units import Knots, Seconds

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
_R_M = 6_371_000.0


@numba.njit(cache=True, nogil=True, inline="always")  # type: ignore[untyped-decorator]
def _dist(x1: float, y1: float, x2: float, y2: float, spherical: bool) -> float:  # pragma: no cover
    if not spherical:
        return float(np.hypot(x2 - x1, y2 - y1))
    p1, p2 = np.radians(y1), np.radians(y2)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(x2 - x1) / 2) ** 2
    return float(2 * _R_M * np.arcsin(np.sqrt(min(a, 1.0))))


@numba.njit(cache=True, nogil=True)  # type: ignore[untyped-decorator]
def _hull(px: Floats, py: Floats, hx: Floats, hy: Floats) -> int:  # pragma: no cover - numba
    """Convex hull of the points (monotone chain, collinear points dropped) into hx, hy
    (counter-clockwise); returns its size. hx and hy need room for len(px) + 1 points."""
    m = px.size
    by_y = np.argsort(py, kind="mergesort")
    order = by_y[np.argsort(px[by_y], kind="mergesort")]
    k = 0
    for j in range(m):  # lower hull
        x, y = px[order[j]], py[order[j]]
        while (
            k >= 2
            and (hx[k - 1] - hx[k - 2]) * (y - hy[k - 2])
            - (hy[k - 1] - hy[k - 2]) * (x - hx[k - 2])
            <= 0
        ):
            k -= 1
        hx[k], hy[k] = x, y
        k += 1
    lower = k + 1
    for j in range(m - 2, -1, -1):  # upper hull
        x, y = px[order[j]], py[order[j]]
        while (
            k >= lower
            and (hx[k - 1] - hx[k - 2]) * (y - hy[k - 2])
            - (hy[k - 1] - hy[k - 2]) * (x - hx[k - 2])
            <= 0
        ):
            k -= 1
        hx[k], hy[k] = x, y
        k += 1
    if m == 0:
        return 0
    k = max(k - 1, 1)  # the last point repeats the first
    if k == 2 and hx[0] == hx[1] and hy[0] == hy[1]:
        k = 1
    return k


@numba.njit(cache=True, nogil=True)  # type: ignore[untyped-decorator]
def _mrr_diagonal(hx: Floats, hy: Floats, h: int, spherical: bool) -> float:  # pragma: no cover
    """Diagonal of the minimum-area rectangle around a convex hull of ``h`` points."""
    if h <= 1:
        return 0.0
    if h == 2:
        return float(_dist(hx[0], hy[0], hx[1], hy[1], spherical))
    best_area = np.inf
    best = 0.0
    for e in range(h):
        ex, ey = hx[(e + 1) % h] - hx[e], hy[(e + 1) % h] - hy[e]
        norm = np.hypot(ex, ey)
        if norm == 0.0:
            continue
        ux, uy = ex / norm, ey / norm
        umin, umax, vmin, vmax = np.inf, -np.inf, np.inf, -np.inf
        for j in range(h):
            u = hx[j] * ux + hy[j] * uy
            v = -hx[j] * uy + hy[j] * ux
            umin, umax = min(umin, u), max(umax, u)
            vmin, vmax = min(vmin, v), max(vmax, v)
        area = (umax - umin) * (vmax - vmin)
        if area < best_area:
            best_area = area
            x0, y0 = umin * ux - vmin * uy, umin * uy + vmin * ux
            x2, y2 = umax * ux - vmax * uy, umax * uy + vmax * ux
            best = _dist(x0, y0, x2, y2, spherical)
    return best


@numba.njit(cache=True, nogil=True)  # type: ignore[untyped-decorator]
def _inside(hx: Floats, hy: Floats, h: int, x: float, y: float) -> bool:  # pragma: no cover
    """Is (x, y) inside or on the counter-clockwise hull (h >= 3)?"""
    for e in range(h):
        f = (e + 1) % h
        if (hx[f] - hx[e]) * (y - hy[e]) - (hy[f] - hy[e]) * (x - hx[e]) < 0:
            return False
    return True


@numba.njit(cache=True, nogil=True)  # type: ignore[untyped-decorator]
def _stops(
    t: Ints, x: Floats, y: Floats, max_diameter: float, min_duration: int, spherical: bool
) -> Ints:  # pragma: no cover - numba
    """MovingPandas' walk; rows (first index, last index) of each stop."""
    n = t.size
    out = np.empty((n, 2), np.int64)
    found = 0
    # Monotonic queues of window indices for min/max x and y (fronts are the extremes).
    q = np.empty((4, n), np.int64)
    head = np.zeros(4, np.int64)
    tail = np.zeros(4, np.int64)
    hx = np.empty(n + 2)
    hy = np.empty(n + 2)
    h = 0
    px = np.empty(n + 1)
    py = np.empty(n + 1)
    w0 = 0
    stopped = False
    previously = False
    for i in range(n):
        if not stopped:
            while i - w0 + 1 > 2 and t[i] - t[w0] >= min_duration:
                w0 += 1
        for k in range(4):
            value = x[i] if k < 2 else y[i]
            sign = 1.0 if k % 2 == 0 else -1.0  # even: minimum, odd: maximum
            while tail[k] > head[k]:
                last = q[k, tail[k] - 1]
                other = x[last] if k < 2 else y[last]
                if sign * other >= sign * value:
                    tail[k] -= 1
                else:
                    break
            q[k, tail[k]] = i
            tail[k] += 1
            while q[k, head[k]] < w0:
                head[k] += 1
        was_stopped = stopped
        stopped = False
        if i - w0 + 1 > 1:
            minx, maxx = x[q[0, head[0]]], x[q[1, head[1]]]
            miny, maxy = y[q[2, head[2]]], y[q[3, head[3]]]
            if _dist(minx, miny, maxx, maxy, spherical) < max_diameter * 1.5:
                if was_stopped and h >= 3 and _inside(hx, hy, h, x[i], y[i]):
                    stopped = True  # the hull, and so the rectangle, are unchanged
                else:
                    if was_stopped:
                        m = h
                        px[:h] = hx[:h]
                        py[:h] = hy[:h]
                        px[m], py[m] = x[i], y[i]
                        m += 1
                    else:
                        m = i - w0 + 1
                        px[:m] = x[w0 : i + 1]
                        py[:m] = y[w0 : i + 1]
                    h = _hull(px[:m], py[:m], hx, hy)
                    stopped = _mrr_diagonal(hx, hy, h, spherical) < max_diameter
        ended = not stopped and previously and i - w0 + 1 > 1
        if ended and t[i - 1] - t[w0] >= min_duration:
            out[found, 0], out[found, 1] = w0, i - 1
            found += 1
            w0 = i
            for k in range(4):
                while q[k, head[k]] < w0:
                    head[k] += 1
        previously = stopped
    if n > 0 and stopped and t[n - 1] - t[w0] >= min_duration:
        out[found, 0], out[found, 1] = w0, n - 1
        found += 1
    return out[:found].copy()


def detect_stops(
    t: Seconds,
    x: Floats,
    y: Floats,
    max_diameter: float,
    min_duration: float,
    *,
    spherical: bool = False,
) -> Ints:
    """Stops as rows (first fix, last fix): planar x, y, or lon, lat with ``spherical``."""
    t = np.ascontiguousarray(t, dtype=np.int64)
    if t.size == 0:
        return np.zeros((0, 2), np.int64)
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    # MovingPandas compares timedeltas; whole seconds compare the same way here.
    duration = int(np.ceil(min_duration))
    rows: Ints = _stops(t, x, y, float(max_diameter), duration, spherical)
    return rows


def stop_points(x: Floats, y: Floats, rows: Ints) -> Floats:
    """Each stop's location: the per-axis median of its points (MovingPandas' stop points)."""
    points = np.empty((rows.shape[0], 2))
    for k, (first, last) in enumerate(rows.tolist()):
        points[k] = np.median(x[first : last + 1]), np.median(y[first : last + 1])
    return points


def speed_stops(speed: Knots, start_kn: float, end_kn: float) -> Ints:
    """Runs (first fix, last fix) stopped by reported speed: below ``start_kn`` begins a stop,
    above ``end_kn`` ends it (unknown speeds keep the current state)."""
    event = np.where(speed < start_kn, 1, np.where(speed > end_kn, -1, 0))
    known = np.flatnonzero(event != 0)
    if known.size == 0:
        return np.zeros((0, 2), np.int64)
    last = np.maximum.accumulate(np.where(event != 0, np.arange(event.size), -1))
    state = np.where(last >= 0, event[np.maximum(last, 0)], -1) == 1
    edges = np.diff(np.concatenate(([False], state, [False])).astype(np.int8))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    rows: Ints = np.stack([starts, ends], axis=1).astype(np.int64)
    return rows


def split_by_stops(
    t: Seconds,
    x: Floats,
    y: Floats,
    max_diameter: float,
    min_duration: float,
    min_length: float = 0.0,
) -> list[Ints]:
    """MovingPandas' StopSplitter: the moving pieces between stops (planar), as index arrays.

    A piece ends at a stop's first point and the next starts at its last; pieces of one point,
    or shorter than ``min_length``, are dropped.
    """
    rows = detect_stops(t, x, y, max_diameter, min_duration)
    bounds = [0]
    for first, last in rows.tolist():
        bounds += [first, last]
    bounds.append(t.size - 1)
    pieces = []
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        piece = np.arange(a, b + 1)
        length = float(np.hypot(np.diff(x[piece]), np.diff(y[piece])).sum())
        if piece.size > 1 and length >= min_length:
            pieces.append(piece)
    return pieces


def split_by_gaps(t: Seconds, gap_s: float) -> list[Ints]:
    """MovingPandas' ObservationGapSplitter: split where fixes are more than ``gap_s`` apart;
    single-point pieces are dropped."""
    bounds = np.flatnonzero(np.diff(t) > gap_s) + 1
    return [piece for piece in np.split(np.arange(t.size), bounds) if piece.size > 1]
