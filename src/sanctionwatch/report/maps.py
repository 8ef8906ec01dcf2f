"""Maps of tracks, events, ports and claimed routes on global-land-mask's land (no download).

Each map is drawn from one map figure (see geo.py), so what it shows is what `verify` checks.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from matplotlib import patheffects
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from sanctionwatch.report.charts import png_data_uri
from sanctionwatch.simulate.land import LandMask, Region

MARGIN_DEG = 0.6
MIN_SPAN_DEG = 3.0
LANDSCAPE = 1.3  # the least width / height of a map, on the ground
MAX_COLUMNS = 1100  # the raster is thinned to this width: sharp in print, small in the file
WIDTH_IN = 7.2  # the A4 text width at print size, so 1 pt in the figure is 1 pt on paper
MAX_HEIGHT_IN = 5.6  # a map and its legend leave room on the page for the first finding
# Drawn in this order, later on top: a ship-to-ship encounter must not hide under loitering.
MARKERS = {
    "port_visit": ("o", "#1d3557", 45, "port call"),
    "gap": ("v", "#7b2cbf", 45, "AIS gap (going dark)"),
    "loitering": ("D", "#e85d04", 40, "loitering"),
    "dark_port_call": ("s", "#6a040f", 50, "dark port call"),
    "dark_transfer": ("X", "#9d0208", 80, "possible dark transfer"),
    "encounter": ("*", "#d62828", 150, "encounter (ship-to-ship)"),
}
TRACK_COLOURS = ("#0077b6", "#2a9d8f", "#8338ec", "#ff006e", "#fb8500", "#3a5a40", "#6d597a")
HALO = [patheffects.withStroke(linewidth=3, foreground="white")]


def _region(points: list[tuple[float, float]]) -> Region:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lat_mid, lon_mid = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    lat_half = max((max(lats) - min(lats)) / 2 + MARGIN_DEG, MIN_SPAN_DEG / 2)
    lon_half = max((max(lons) - min(lons)) / 2 + MARGIN_DEG, MIN_SPAN_DEG / 2)
    # Landscape on the ground (a degree of longitude is cos(latitude) of one of latitude):
    # a wide map fits the page beside its legend; a tall one would fill the page alone.
    shrink = max(math.cos(math.radians(lat_mid)), 0.2)
    lon_half = max(lon_half, LANDSCAPE * lat_half / shrink)
    return Region(
        max(lat_mid - lat_half, -89.0),
        min(lat_mid + lat_half, 89.0),
        max(lon_mid - lon_half, -179.9),
        min(lon_mid + lon_half, 179.9),
    )


def _points(figure: dict[str, Any]) -> list[tuple[float, float]]:
    points = [(float(e[2]), float(e[3])) for e in figure["events"]]
    points += [(float(p[1]), float(p[2])) for p in figure["places"]]
    points += [(p[0], p[1]) for track in figure["tracks"].values() for p in track]
    points += [(p[0], p[1]) for route in figure["routes"] for p in route]
    return points


def _land(ax: Any, region: Region) -> None:
    ocean = LandMask(region).ocean
    step = max(1, math.ceil(ocean.shape[1] / MAX_COLUMNS))
    land = (~ocean[::step, ::step]).astype(np.float32)
    extent = (region.lon_min, region.lon_max, region.lat_min, region.lat_max)
    colours = ListedColormap(["#dcebf5", "#ece6d3"])  # sea, land
    ax.imshow(
        land, extent=extent, origin="upper", cmap=colours, vmin=0, vmax=1, interpolation="nearest"
    )
    # The coastline: where land meets sea, drawn as a line so it prints crisply.
    ax.contour(land, levels=[0.5], extent=extent, origin="upper", colors="#4a4a4a", linewidths=0.6)


def _label_places(ax: Any, places: list[list[Any]], region: Region) -> None:
    """Each place a dot and its name, nudged apart where two would print on each other."""
    span = region.lat_max - region.lat_min
    placed: list[tuple[float, float]] = []
    for name, lat, lon in sorted(places, key=lambda p: (-p[1], p[2])):
        ax.scatter([lon], [lat], marker="^", s=28, c="#222222", zorder=4)
        crowded = sum(1 for y, x in placed if abs(y - lat) < span / 25 and abs(x - lon) < span / 6)
        right = lon < (region.lon_min + region.lon_max) / 2 or crowded % 2 == 1
        ax.annotate(
            name,
            (lon, lat),
            xytext=(6 if right else -6, -11 * (crowded // 2) + 3),
            textcoords="offset points",
            ha="left" if right else "right",
            fontsize=8.5,
            path_effects=HALO,
            zorder=5,
        )
        placed.append((lat, lon))


def draw_map(figure: dict[str, Any], title: str) -> str | None:
    """A PNG data URI of one map figure, or None when it has nothing with a place."""
    points = _points(figure)
    if not points:
        return None
    region = _region(points)
    mid_lat = math.radians((region.lat_min + region.lat_max) / 2)
    aspect = 1 / max(math.cos(mid_lat), 0.2)  # degrees of longitude shrink with latitude
    ratio = (region.lat_max - region.lat_min) * aspect / (region.lon_max - region.lon_min)
    width = min(WIDTH_IN, MAX_HEIGHT_IN / ratio)
    fig = Figure(figsize=(width, width * ratio + 1.6))
    ax = fig.subplots()
    _land(ax, region)
    handles: list[Any] = []
    for colour, (mmsi, track) in zip(
        TRACK_COLOURS * 10, sorted(figure["tracks"].items()), strict=False
    ):
        name = figure["vessels"].get(mmsi) or ""
        label = f"{name} (MMSI {mmsi})" if name else f"MMSI {mmsi}"
        (line,) = ax.plot(
            [p[1] for p in track],
            [p[0] for p in track],
            color=colour,
            linewidth=1.3,
            alpha=0.85,
            label=f"track: {label}",
        )
        handles.append(line)
    for route in figure["routes"]:
        ax.plot(
            [p[1] for p in route],
            [p[0] for p in route],
            color="#b00020",
            linewidth=1.4,
            linestyle="--",
            zorder=3,
        )
    if figure["routes"]:
        handles.append(
            Line2D([], [], color="#b00020", linestyle="--", label="route a member reports")
        )
    for layer, (kind, (marker, colour, size, label)) in enumerate(MARKERS.items()):
        chosen = [e for e in figure["events"] if e[0] == kind]
        if chosen:
            handles.append(
                ax.scatter(
                    [e[3] for e in chosen],
                    [e[2] for e in chosen],
                    marker=marker,
                    c=colour,
                    s=size,
                    edgecolors="white",
                    linewidths=0.6,
                    zorder=3 + layer / 10,
                    label=f"{label} ({len(chosen)})",
                )
            )
    if figure["places"]:
        _label_places(ax, figure["places"], region)
        handles.append(
            Line2D(
                [], [], marker="^", color="#222222", linestyle="", label="port or place (labelled)"
            )
        )
    ax.set_xlim(region.lon_min, region.lon_max)
    ax.set_ylim(region.lat_min, region.lat_max)
    ax.set_aspect(aspect)
    ax.set_xlabel("longitude (°E)", fontsize=9)
    ax.set_ylabel("latitude (°N)", fontsize=9)
    ax.tick_params(labelsize=8)
    ax.set_title(title, fontsize=10.5)
    ax.grid(alpha=0.25, linewidth=0.5)
    ax.legend(
        handles=handles,
        fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.09),
        ncol=2,
        frameon=False,
    )
    return png_data_uri(fig)
