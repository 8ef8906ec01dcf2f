"""One window of time drawn as the AIS a receiver network would log.

For each ship: report instants by its AIS class and state (``motion.interval_s``, or one per
``thin_s`` when thinned), its true state at those instants, minus what is not sent (AIS off) or
not received (terrestrial stations hear most reports within ~30 nm of shore, satellites about
one every 15 min further out), with the falsified positions put in and the identity of the day
broadcast. Static reports go out every 6 minutes. A window depends only on the plans, the seed
and its own bounds, so windows can be drawn in any order or in parallel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from sanctionwatch.simulate.bits import U8, text_sextets
from sanctionwatch.simulate.fleet import Identity
from sanctionwatch.simulate.geo import METRES_PER_NM, Floats, Ints, quantise
from sanctionwatch.simulate.land import LandMask
from sanctionwatch.simulate.motion import Track, hull_track, interval_s
from sanctionwatch.simulate.plan import Hull, timeline_index

STATIC_S = 360  # Class A static and voyage data, Class B static data: every 6 minutes
TERRESTRIAL_NM, SATELLITE_NM = 30.0, 50.0  # coverage of shore stations, fading out to here
TERRESTRIAL_P = 0.92  # share of reports a shore station hears within its range
SATELLITE_S = 900.0  # out of range: a satellite hears one report per ~15 minutes


@dataclass
class Catalogue:
    """Every identity and destination broadcast in the simulation, numbered, with their texts
    as AIS 6-bit rows (encoded once, gathered per message)."""

    identities: list[Identity]
    destinations: list[str]

    def __post_init__(self) -> None:
        self.index = {ident: i for i, ident in enumerate(self.identities)}
        self.dest_index = {dest: i for i, dest in enumerate(self.destinations)}
        ids = self.identities
        self.mmsi = np.array([i.mmsi for i in ids], dtype=np.int64)
        self.imo = np.array([i.imo or 0 for i in ids], dtype=np.int64)
        self.ship_type = np.array([i.ais_type for i in ids], dtype=np.int64)
        self.dims = np.array(
            [[i.to_bow, i.to_stern, i.to_port, i.to_starboard] for i in ids], dtype=np.int64
        ).reshape(-1, 4)
        self.name = np.stack([text_sextets(i.name, 20) for i in ids])
        self.callsign = np.stack([text_sextets(i.callsign, 7) for i in ids])
        self.dest_text = np.stack([text_sextets(d, 20) for d in self.destinations])


def catalogue(hulls: list[Hull]) -> Catalogue:
    identities: dict[Identity, None] = {}
    destinations: dict[str, None] = {"": None}
    for hull in hulls:
        for _, ident in hull.identities:
            identities.setdefault(ident, None)
        for _, dest, _ in hull.destinations:
            destinations.setdefault(dest, None)
    return Catalogue(list(identities), list(destinations))


POSITION_FIELDS = (
    "t",
    "mmsi",
    "msg_type",
    "lat",
    "lon",
    "sog_dkn",
    "cog_ddeg",
    "heading",
    "status",
    "hull",
)
STATIC_FIELDS = (
    "t",
    "part",
    "msg_type",
    "ident",
    "draught_dm",
    "dest",
    "eta",
    "lat",
    "lon",
    "hull",
)


@dataclass
class Rendered:
    """One window: position and static reports, each kind in time order, with a rank that
    orders the two kinds together (time, ship, kind)."""

    pos: dict[str, npt.NDArray[Any]]
    static: dict[str, npt.NDArray[Any]]
    dropped_on_land: int  # true fixes the land mask puts ashore (dropped as unreceived)


def _report_times(hull: Hull, start: int, end: int, thin_s: int, phase: int) -> tuple[Ints, Ints]:
    """Instants of position reports in [start, end) and the natural interval at each."""
    starts = hull.starts()
    first = max(int(np.searchsorted(starts, start, side="right")) - 1, 0)
    times: list[Ints] = []
    natural: list[Ints] = []
    ais_class = hull.size.kind.ais_class
    for seg in hull.segments[first:]:
        if seg.t0 >= end:
            break
        low, high = max(seg.t0, start), min(seg.t1, end)
        if high <= low:
            continue
        base = interval_s(seg, ais_class)
        step = max(base, thin_s)
        t0 = low + (phase - low) % step
        t = np.arange(t0, high, step, dtype=np.int64)
        times.append(t)
        natural.append(np.full(t.size, base, dtype=np.int64))
    if not times:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(times), np.concatenate(natural)


def received(
    shore_m: Floats, natural_s: Ints, every_s: Ints, rng: np.random.Generator
) -> npt.NDArray[np.bool_]:
    """Which reports reach the log. Of ``every_s / natural_s`` reports sent, at least one heard."""
    shore_nm = shore_m / METRES_PER_NM
    blend = np.clip((shore_nm - TERRESTRIAL_NM) / (SATELLITE_NM - TERRESTRIAL_NM), 0.0, 1.0)
    p_one = (1 - blend) * TERRESTRIAL_P + blend * np.minimum(natural_s / SATELLITE_S, 1.0)
    p = 1 - (1 - p_one) ** np.maximum(every_s / natural_s, 1.0)
    return np.asarray(rng.random(shore_m.size) < p)


def _spoofed(hull: Hull, track: Track, rng: np.random.Generator) -> Track:
    for spoof in hull.spoofs:
        hit = (track.t >= spoof.t0) & (track.t < spoof.t1)
        if not hit.any():
            continue
        if spoof.kind == "teleport":
            track.lat[hit] += spoof.d_lat
            track.lon[hit] += spoof.d_lon
        else:  # fixed on land, with a few metres of scatter
            track.lat[hit] = spoof.lat + rng.normal(0.0, 3e-5, int(hit.sum()))
            track.lon[hit] = spoof.lon + rng.normal(0.0, 4e-5, int(hit.sum()))
    return track


def render_hull(
    hull: Hull,
    start: int,
    end: int,
    thin_s: int,
    phase: int,
    mask: LandMask,
    cat: Catalogue,
    rng: np.random.Generator,
) -> tuple[dict[str, npt.NDArray[Any]], dict[str, npt.NDArray[Any]], int]:
    """Position and static reports of one ship in [start, end)."""
    t, natural = _report_times(hull, start, end, thin_s, phase)
    sent = ~hull.is_dark(t)
    t, natural = t[sent], natural[sent]
    track = hull_track(hull, t, rng)
    heard = received(mask.shore_m(track.lat, track.lon), natural, np.maximum(natural, thin_s), rng)
    ashore = ~mask.is_ocean(track.lat, track.lon)  # a safety net: routes keep off the mask's land
    keep = heard & ~ashore
    dropped = int((heard & ashore).sum())
    track = _spoofed(hull, track.take(keep), rng)
    ident = _identity_index(hull, track.t, cat)
    class_b = hull.size.kind.ais_class == "B"
    pos = {
        "t": track.t,
        "mmsi": cat.mmsi[ident],
        "msg_type": np.full(track.t.size, 18 if class_b else 1, dtype=np.int64),
        "lat": quantise(track.lat),
        "lon": quantise(track.lon),
        "sog_dkn": np.clip(np.rint(track.sog * 10), 0, 1022).astype(np.int64),
        "cog_ddeg": np.rint(track.cog * 10).astype(np.int64) % 3600,
        "heading": np.rint(track.heading).astype(np.int64) % 360,
        "status": track.status,
        "hull": np.full(track.t.size, hull.index, dtype=np.int64),
    }
    return pos, _statics(hull, start, end, thin_s, phase, mask, cat, rng), dropped


def _identity_index(hull: Hull, t: Ints, cat: Catalogue) -> Ints:
    starts = [s for s, _ in hull.identities]
    own = np.array([cat.index[i] for _, i in hull.identities], dtype=np.int64)
    return own[timeline_index(starts, t)]


def _statics(
    hull: Hull,
    start: int,
    end: int,
    thin_s: int,
    phase: int,
    mask: LandMask,
    cat: Catalogue,
    rng: np.random.Generator,
) -> dict[str, npt.NDArray[Any]]:
    step = max(STATIC_S, thin_s)
    t = np.arange(start + (phase + 97 - start) % step, end, step, dtype=np.int64)
    t = t[(t >= hull.segments[0].t0) & (t < hull.segments[-1].t1) & ~hull.is_dark(t)]
    track = hull_track(hull, t, rng)
    once = np.full(t.size, step, dtype=np.int64)  # each static report is one transmission
    keep = received(mask.shore_m(track.lat, track.lon), once, once, rng)
    t, lat, lon = t[keep], track.lat[keep], track.lon[keep]
    draught = np.array([d for _, d in hull.draughts] or [0.0])
    draught_dm = np.rint(draught * 10).astype(np.int64)[
        timeline_index([s for s, _ in hull.draughts] or [0], t)
    ]
    dest_at = timeline_index([s for s, _, _ in hull.destinations] or [0], t)
    dest = np.array([cat.dest_index[d] for _, d, _ in hull.destinations] or [0])[dest_at]
    eta = np.array([e for _, _, e in hull.destinations] or [0], dtype=np.int64)[dest_at]
    if not hull.destinations:
        eta = np.zeros(t.size, dtype=np.int64)
    ident = _identity_index(hull, t, cat)
    parts = [0, 1] if hull.size.kind.ais_class == "B" else [0]
    return {
        "t": np.repeat(t, len(parts)),
        "part": np.tile(np.array(parts, dtype=np.int64), t.size),
        "msg_type": np.full(t.size * len(parts), 24 if len(parts) == 2 else 5, dtype=np.int64),
        "ident": np.repeat(ident, len(parts)),
        "draught_dm": np.repeat(np.clip(draught_dm, 0, 255), len(parts)),
        "dest": np.repeat(dest, len(parts)),
        "eta": np.repeat(eta, len(parts)),
        "lat": np.repeat(lat, len(parts)),
        "lon": np.repeat(lon, len(parts)),
        "hull": np.full(t.size * len(parts), hull.index, dtype=np.int64),
    }


def render_window(
    hulls: list[Hull],
    start: int,
    end: int,
    thin_s: int,
    seed: int,
    window: int,
    mask: LandMask,
    cat: Catalogue,
) -> Rendered:
    """Every ship's reports in [start, end), ranked (time, ship, kind)."""
    pos_parts, static_parts = [], []
    dropped = 0
    for hull in hulls:
        if hull.segments[0].t0 >= end or hull.segments[-1].t1 <= start:
            continue
        rng = np.random.default_rng([seed, 5, hull.index, window])
        phase = (hull.index * 7919 + seed * 104_729) % 3600
        pos, static, lost = render_hull(hull, start, end, thin_s, phase, mask, cat, rng)
        pos_parts.append(pos)
        static_parts.append(static)
        dropped += lost
    pos = _concat(pos_parts, POSITION_FIELDS)
    static = _concat(static_parts, STATIC_FIELDS)
    # one order for both kinds: time, then ship, then positions before statics (A before B)
    kind = np.r_[np.zeros(pos["t"].size, np.int64), 1 + static["part"]]
    t_all = np.r_[pos["t"], static["t"]]
    hull_all = np.r_[pos["hull"], static["hull"]]
    order = np.lexsort((kind, hull_all, t_all))
    rank = np.empty(order.size, dtype=np.int64)
    rank[order] = np.arange(order.size)
    pos["rank"], static["rank"] = rank[: pos["t"].size], rank[pos["t"].size :]
    for table in (pos, static):
        by_rank = np.argsort(table["rank"], kind="stable")
        for name in table:
            table[name] = table[name][by_rank]
    return Rendered(pos, static, dropped)


def _concat(
    parts: list[dict[str, npt.NDArray[Any]]], fields: tuple[str, ...]
) -> dict[str, npt.NDArray[Any]]:
    if not parts:
        return {
            name: np.zeros(0, np.float64 if name in ("lat", "lon") else np.int64) for name in fields
        }
    return {name: np.concatenate([p[name] for p in parts]) for name in fields}


def eta_fields(eta: Ints) -> tuple[Ints, Ints, Ints, Ints]:
    """Month, day, hour, minute (UTC) of each ETA; 0, 0, 24, 60 (not available) for none."""
    moment = eta.astype("datetime64[s]")
    month_start = moment.astype("datetime64[M]")
    month = month_start.astype(np.int64) % 12 + 1
    day = (moment.astype("datetime64[D]") - month_start.astype("datetime64[D]")).astype(
        np.int64
    ) + 1
    seconds = eta % 86_400
    none = eta <= 0
    return (
        np.where(none, 0, month),
        np.where(none, 0, day),
        np.where(none, 24, seconds // 3600),
        np.where(none, 60, seconds % 3600 // 60),
    )


def texts(cat: Catalogue, ident: Ints, dest: Ints) -> tuple[U8, U8, U8]:
    """Name, call sign and destination rows of each static report."""
    return cat.name[ident], cat.callsign[ident], cat.dest_text[dest]
