"""numba kernels over the land-mask grid: shortest sea paths and distance to land.

Compiled on first call and kept in ``__pycache__`` (``cache=True``). Per the project's rule for
kernels (``sources/fast_jit.py``), they call only njit functions of this module and take every
array as an argument.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import Any, TypeVar

import numba
import numpy as np
import numpy.typing as npt

Function = TypeVar("Function", bound=Callable[..., Any])

Grid = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

_STEPS = ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1))


def _kernel(function: Function) -> Function:
    """``function`` compiled by numba (kept in ``__pycache__``); typed as written for mypy."""
    compiled: Function = numba.njit(cache=True, nogil=True)(function)
    return compiled


@_kernel
def sea_path(
    passable: Grid, start_r: int, start_c: int, goal_r: int, goal_c: int, dx: float, dy: float
) -> Ints:
    """Cells (row, col) of a shortest 8-connected path over ``passable``; empty if none.

    Dijkstra with steps of ``dx`` (east-west), ``dy`` (north-south) and their hypotenuse, so the
    path is close to the straight line wherever one is open; diagonal steps need both side
    cells passable, so it never cuts a land corner. Ties break in a fixed order: the same grid
    always gives the same path.
    """
    rows, cols = passable.shape
    diag = np.sqrt(dx * dx + dy * dy)
    dist = np.full(rows * cols, np.inf)
    towards = np.full(rows * cols, -1, dtype=np.int64)  # next cell on the way to the goal
    goal = goal_r * cols + goal_c
    start = start_r * cols + start_c
    dist[goal] = 0.0
    heap = [(0.0, goal)]
    while heap:
        d, node = heapq.heappop(heap)
        if d > dist[node]:
            continue
        if node == start:
            break
        r, c = node // cols, node % cols
        for k in range(8):
            dr, dc = _STEPS[k]
            nr, nc = r + dr, c + dc
            if nr < 0 or nc < 0 or nr >= rows or nc >= cols or not passable[nr, nc]:
                continue
            if k >= 4 and not (passable[r + dr, c] and passable[r, c + dc]):
                continue
            step = dy if k < 2 else (dx if k < 4 else diag)
            other = nr * cols + nc
            if d + step < dist[other]:
                dist[other] = d + step
                towards[other] = node
                heapq.heappush(heap, (d + step, other))
    if not np.isfinite(dist[start]):
        return np.empty((0, 2), dtype=np.int64)
    cells = [start]
    while cells[-1] != goal:
        cells.append(towards[cells[-1]])
    path = np.empty((len(cells), 2), dtype=np.int64)
    for i in range(len(cells)):
        path[i, 0], path[i, 1] = cells[i] // cols, cells[i] % cols
    return path


@_kernel
def land_distance(ocean: Grid, dx: Floats, dy: float) -> npt.NDArray[np.float32]:
    """Metres from each cell to the nearest land cell (3x3 chamfer, two passes).

    ``dx[row]`` is the east-west cell size of each row, ``dy`` the north-south one. Accurate
    to a few per cent: enough for reception ranges and for keeping events clear of shore.
    """
    rows, cols = ocean.shape
    big = np.float32(1e12)
    d = np.empty((rows, cols), dtype=np.float32)
    for r in range(rows):
        for c in range(cols):
            d[r, c] = big if ocean[r, c] else 0.0
    for r in range(rows):
        diag = np.float32(np.sqrt(dx[r] * dx[r] + dy * dy))
        for c in range(cols):
            v = d[r, c]
            if c > 0:
                v = min(v, d[r, c - 1] + np.float32(dx[r]))
            if r > 0:
                v = min(v, d[r - 1, c] + np.float32(dy))
                if c > 0:
                    v = min(v, d[r - 1, c - 1] + diag)
                if c < cols - 1:
                    v = min(v, d[r - 1, c + 1] + diag)
            d[r, c] = v
    for r in range(rows - 1, -1, -1):
        diag = np.float32(np.sqrt(dx[r] * dx[r] + dy * dy))
        for c in range(cols - 1, -1, -1):
            v = d[r, c]
            if c < cols - 1:
                v = min(v, d[r, c + 1] + np.float32(dx[r]))
            if r < rows - 1:
                v = min(v, d[r + 1, c] + np.float32(dy))
                if c > 0:
                    v = min(v, d[r + 1, c - 1] + diag)
                if c < cols - 1:
                    v = min(v, d[r + 1, c + 1] + diag)
            d[r, c] = v
    return d


@_kernel
def flood(passable: Grid, start_r: int, start_c: int) -> Grid:
    """The cells reachable from the start over ``passable`` (8-connected, no corner cutting)."""
    rows, cols = passable.shape
    seen = np.zeros((rows, cols), dtype=np.bool_)
    if not passable[start_r, start_c]:
        return seen
    queue = np.empty((rows * cols, 2), dtype=np.int32)
    seen[start_r, start_c] = True
    queue[0, 0], queue[0, 1] = start_r, start_c
    head, tail = 0, 1
    while head < tail:
        r, c = queue[head, 0], queue[head, 1]
        head += 1
        for k in range(8):
            dr, dc = _STEPS[k]
            nr, nc = r + dr, c + dc
            if nr < 0 or nc < 0 or nr >= rows or nc >= cols:
                continue
            if seen[nr, nc] or not passable[nr, nc]:
                continue
            if k >= 4 and not (passable[r + dr, c] and passable[r, c + dc]):
                continue
            seen[nr, nc] = True
            queue[tail, 0], queue[tail, 1] = nr, nc
            tail += 1
    return seen
