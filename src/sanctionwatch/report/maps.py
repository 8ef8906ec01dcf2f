"""A map of tracks and events on land and sea from global-land-mask's grid (no download)."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from sanctionwatch.report.charts import png_data_uri
from sanctionwatch.simulate.land import LandMask, Region

MARGIN_DEG = 1.0
MIN_SPAN_DEG = 4.0
MAX_COLUMNS = 900  # the raster is thinned to this width: enough for print, small in the file
MARKERS = {
    "encounter": ("*", "#d62828", "encounter (ship-to-ship)"),
    "dark_transfer": ("X", "#9d0208", "possible dark transfer"),
    "dark_port_call": ("s", "#6a040f", "dark port call"),
    "port_visit": ("o", "#1d3557", "port visit"),
    "loitering": ("D", "#e85d04", "loitering"),
    "gap": ("v", "#7b2cbf", "AIS gap"),
}


def _region(points: list[tuple[float, float]]) -> Region:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lat_mid, lon_mid = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    lat_half = max((max(lats) - min(lats)) / 2 + MARGIN_DEG, MIN_SPAN_DEG / 2)
    lon_half = max((max(lons) - min(lons)) / 2 + MARGIN_DEG, MIN_SPAN_DEG / 2)
    return Region(
        max(lat_mid - lat_half, -89.0),
        min(lat_mid + lat_half, 89.0),
        max(lon_mid - lon_half, -179.9),
        min(lon_mid + lon_half, 179.9),
    )


def events_map(events: list[list[Any]], tracks: dict[str, list[list[float]]]) -> str | None:
    """A PNG data URI, or None when nothing has a place."""
    points = [(float(e[2]), float(e[3])) for e in events]
    points += [(p[0], p[1]) for track in tracks.values() for p in track]
    if not points:
        return None
    region = _region(points)
    ocean = LandMask(region).ocean
    step = max(1, ocean.shape[1] // MAX_COLUMNS)
    land = (~ocean[::step, ::step]).astype(np.float32)
    extent = (region.lon_min, region.lon_max, region.lat_min, region.lat_max)
    fig = Figure(figsize=(8, 8 * land.shape[0] / max(land.shape[1], 1) + 0.6))
    ax = fig.subplots()
    colours = ListedColormap(["#dcebf5", "#ece6d3"])  # sea, land
    ax.imshow(
        land,
        extent=extent,
        origin="upper",
        cmap=colours,
        vmin=0,
        vmax=1,
        interpolation="nearest",
        aspect="auto",
    )
    ax.contour(land, levels=[0.5], extent=extent, origin="upper", colors="#555555", linewidths=0.5)
    for mmsi, track in tracks.items():
        if len(track) > 1:
            ax.plot(
                [p[1] for p in track],
                [p[0] for p in track],
                linewidth=0.8,
                alpha=0.7,
                label=f"track {mmsi}",
            )
    for kind, (marker, colour, label) in MARKERS.items():
        chosen = [e for e in events if e[0] == kind]
        if chosen:
            ax.scatter(
                [e[3] for e in chosen],
                [e[2] for e in chosen],
                marker=marker,
                c=colour,
                s=36,
                edgecolors="white",
                linewidths=0.5,
                label=label,
                zorder=3,
            )
    ax.set_xlim(region.lon_min, region.lon_max)
    ax.set_ylim(region.lat_min, region.lat_max)
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    ax.set_title("Tracks, encounters and port calls (land: global-land-mask, ~1 km)")
    ax.legend(fontsize=7, loc="lower left", framealpha=0.9)
    return png_data_uri(fig)
