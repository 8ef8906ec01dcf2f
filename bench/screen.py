"""Benchmark: name screening against nomenklatura's LogicV2, same machine, one run.

Two measures, each printed for sanctionwatch beside OpenSanctions' matcher (nomenklatura's
blocker ``Index`` + ``LogicV2``, installed by ``make bench-env``) on the same inputs:

1. Queries per second screening names against every entry of OFAC SDN 2024-05-03 and the
   UN consolidated list 2025-08-02, loaded into a temporary workspace by the project's own
   ``lists load`` code. The queries are drawn deterministically from the lists (exact,
   one typo, word order, Korean romanisation variants of DPRK names) plus outside names
   (name-bench's ``name1`` column). LogicV2 screens them as a batch, its fastest use: one
   ``Index.match_entities`` call blocks every query, then ``LogicV2.compare`` against each
   candidate entity, keeping the best. sanctionwatch screens the same batch as ``screen
   names FILE.csv`` does, ``NameScreener.best_many``: on one process (the throughput the
   target is held to) and on every core; and, for context, one name at a time
   (``NameScreener.best``: what an online check pays per name).
2. Microseconds per pair on name-bench's 826 labelled pairs against ``LogicV2.compare`` of
   two entities holding just ``name``: sanctionwatch's ``compare_many`` (what ``screen
   pairs FILE.csv`` runs) and, for context, ``compare_names`` one pair at a time; with the
   F1 of each side at its default threshold, from the file's labels in the same run.

"Cold" passes clear every per-input ``functools`` cache of the scoring code first (ours:
``sanctionwatch.screening``, incl. ``name_forms``; the peer's: ``rigour``,
``followthemoney``, ``nomenklatura``); one-slot table loaders stay loaded on both sides.
"Warm" passes repeat inputs already seen. Best of ``--repeats`` passes; nothing asserts.

    make bench-env   # once: a venv of its own, .venv-bench, with nomenklatura
    .venv-bench/bin/python bench/screen.py [--shared ../shared] [--json]
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import inspect
import json
import os
import platform
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from sanctionwatch.lists.load import load_snapshots
from sanctionwatch.lists.query import latest_snapshots
from sanctionwatch.lists.read import read_lists
from sanctionwatch.screening.compare import DEFAULT_THRESHOLD, compare_many, compare_names
from sanctionwatch.screening.entries import ListedParty, load_parties
from sanctionwatch.screening.index import DEFAULT_LIMIT
from sanctionwatch.screening.names import NameScreener, batch_workers
from sanctionwatch.screening.normalize import name_forms
from sanctionwatch.workspace.models import ListEntryRow
from sanctionwatch.workspace.workspace import Workspace, default_catalog_url

if TYPE_CHECKING:
    from followthemoney import StatementEntity

OFAC_SNAPSHOT = Path("data/lists/ofac/2024-05-03/sdn.csv")
UN_SNAPSHOT = Path("data/lists/un/consolidated-2025-08-02.xml")
NAME_BENCH = Path("conformance/nomenklatura-namebench/cases.csv")
LOGIC_V2_FROZEN = Path("conformance/nomenklatura-namebench/logicv2-frozen.csv")
LOGIC_V2_THRESHOLD = 0.7  # LogicV2's default match threshold (name-bench's too)
TARGET_RATIO = 100.0
THROUGHPUT = "screening a file, queries/s, one process"
SEED = 20250802
INDEX_SCHEMAS = ("Person", "Organization", "Vessel")

# McCune-Reischauer (the lists' spelling) → Revised Romanization and common South Korean
# spellings, one syllable at a time, apostrophes already removed.
MR_TO_RR = {
    "ri": "lee", "yi": "lee", "pak": "park", "choe": "choi", "o": "oh", "jong": "jeong",
    "chong": "jeong", "chol": "cheol", "yong": "yeong", "kyong": "gyeong", "myong": "myeong",
    "hyon": "hyeon", "pyong": "pyeong", "ryong": "ryeong", "song": "seong", "sok": "seok",
    "chon": "jeon", "jon": "jeon", "un": "eun", "kum": "geum", "kun": "geun", "kuk": "guk",
    "kwang": "gwang", "kil": "gil", "ki": "gi", "ko": "go", "kang": "gang", "tong": "dong",
    "tae": "dae", "pong": "bong", "pok": "bok", "tok": "deok", "to": "do", "chu": "ju",
    "chun": "jun", "chang": "jang", "kyu": "gyu", "kon": "geon", "kyo": "gyo", "sin": "shin",
    "ung": "eung", "hyok": "hyeok", "yon": "yeon", "ryon": "ryeon", "pom": "beom", "kap": "gap",
}  # fmt: skip
_APOSTROPHES = re.compile("['’‘ʼ`]")
_WORDS = re.compile(r"[\s,]+")


def say(message: str) -> None:
    """Progress on stderr, so ``--json`` keeps stdout clean."""
    print(message, file=sys.stderr, flush=True)


def require_peer() -> str:
    """nomenklatura's version, or exit with how to install it."""
    if importlib.util.find_spec("nomenklatura") is None:
        sys.exit(
            "bench/screen.py: nomenklatura (the LogicV2 peer) is not installed in this "
            "environment: run `make bench-env` first."
        )
    return importlib.metadata.version("nomenklatura")


# --- inputs ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    schema: str
    kind: str  # exact, typo, order, korean, outside
    source: tuple[str, str] | None  # (list, entry id) it was drawn from


@dataclass(slots=True)
class Lists:
    parties: list[ListedParty]
    entities: dict[tuple[str, str], dict[str, Any]]  # FtM entity dicts of the same entries
    load_seconds: float


def load_lists(shared: Path, tmp: Path) -> Lists:
    """Both lists loaded by the project's own code into a fresh SQLite workspace."""
    root = tmp / "ws"
    started = time.perf_counter()
    ws = Workspace.open(root, catalog_url=default_catalog_url(root))
    try:
        load_snapshots(ws, read_lists([shared / OFAC_SNAPSHOT, shared / UN_SNAPSHOT]))
        with ws.catalog.reading() as session:
            parties = load_parties(session)
            rows: dict[tuple[str, str], dict[str, Any]] = {}
            for list_name, snapshot in latest_snapshots(session).items():
                query = select(ListEntryRow).where(ListEntryRow.snapshot_id == snapshot.id)
                for row in session.scalars(query):
                    rows[(list_name, row.entry_id)] = row.entity
    finally:
        ws.close()
    entities = {(p.list, p.entry_id): rows[(p.list, p.entry_id)] for p in parties}
    return Lists(parties, entities, time.perf_counter() - started)


def typo(name: str, rng: random.Random) -> str:
    """One edit (swap, drop, double or change a letter) in one of the longer words."""
    words = name.split(" ")
    long = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 4]
    if not long:
        return name
    i = rng.choice(long)
    word = words[i]
    j = rng.randrange(1, len(word) - 1)
    op = rng.choice(("swap", "drop", "double", "change"))
    if op == "swap":
        word = word[: j - 1] + word[j] + word[j - 1] + word[j + 1 :]
    elif op == "drop":
        word = word[:j] + word[j + 1 :]
    elif op == "double":
        word = word[:j] + word[j] + word[j:]
    else:
        letter = rng.choice("aeioustrnl")
        word = word[:j] + (letter.upper() if word[j].isupper() else letter) + word[j + 1 :]
    words[i] = word
    return " ".join(words)


def reorder(name: str) -> str:
    """ "KIM, Jong Un" → "Jong Un KIM"; otherwise the first word moved to the end."""
    if "," in name:
        family, _, given = name.partition(",")
        return f"{given.strip()} {family.strip()}".strip()
    words = name.split()
    return " ".join(words[1:] + words[:1]) if len(words) > 1 else name


def korean_variant(name: str, rng: random.Random) -> str:
    """The same Korean name in South Korean spelling ("RI Yong Ho" → "Lee Yeong-ho")."""
    family, *given = [w for w in _WORDS.split(_APOSTROPHES.sub("", name)) if w]
    syllables = [s.lower() for w in given for s in w.split("-") if s]
    family = MR_TO_RR.get(family.lower(), family.lower()).title()
    syllables = [MR_TO_RR.get(s, s) for s in syllables]
    style = rng.choice(("hyphen", "space", "joined"))
    if style == "hyphen":
        rest = "-".join(syllables).capitalize()
    elif style == "space":
        rest = " ".join(s.title() for s in syllables)
    else:
        rest = "".join(syllables).capitalize()
    return f"{family} {rest}".strip()


def make_queries(lists: Lists, shared: Path, dprk: int, others: int, outside: int) -> list[Query]:
    """Deterministic queries: perturbed list names (DPRK-heavy) and names from outside."""
    rng = random.Random(SEED)  # noqa: S311 - reproducible sampling, not security
    parties = sorted(lists.parties, key=lambda p: (p.list, p.entry_id))
    korean = [p for p in parties if p.dprk]
    rest = [p for p in parties if not p.dprk]
    drawn = rng.sample(korean, min(dprk, len(korean))) + rng.sample(rest, min(others, len(rest)))
    queries: list[Query] = []
    for party in drawn:
        name = rng.choice(party.names)
        if party.dprk and party.schema == "Person":
            kind = rng.choice(("korean", "korean", "korean", "typo", "order"))
        else:
            kind = rng.choice(("exact", "typo", "order"))
        if kind == "typo":
            perturbed = typo(name, rng)
        elif kind == "order":
            perturbed = reorder(name)
        elif kind == "korean":
            perturbed = korean_variant(name, rng)
        else:
            perturbed = name
        if perturbed == name:
            kind = "exact"  # nothing to perturb (e.g. no word long enough for a typo)
        queries.append(Query(perturbed, party.schema, kind, (party.list, party.entry_id)))
    with (shared / NAME_BENCH).open(encoding="utf-8") as handle:
        seen = dict.fromkeys((r["name1"], r["schema"]) for r in csv.DictReader(handle))
    for name, schema in rng.sample(sorted(seen), min(outside, len(seen))):
        queries.append(Query(name, schema, "outside", None))
    return queries


# --- caches --------------------------------------------------------------------------------


def _per_input_caches(prefixes: tuple[str, ...]) -> list[Any]:
    """functools caches over at least one argument in the loaded modules under ``prefixes``."""
    found: dict[int, Any] = {}
    for module_name, module in list(sys.modules.items()):
        if module is None or not module_name.startswith(prefixes):
            continue
        for value in list(vars(module).values()):
            wrapped = getattr(value, "__wrapped__", None)
            if not (hasattr(value, "cache_clear") and callable(wrapped)):
                continue
            try:
                if inspect.signature(wrapped).parameters:
                    found[id(value)] = value
            except (TypeError, ValueError):
                continue
    return list(found.values())


class CacheClearer:
    """Clears the per-input caches of the modules under ``prefixes``, and ``named`` ones."""

    def __init__(self, prefixes: tuple[str, ...], *named: Any) -> None:
        self.caches = {id(c): c for c in [*named, *_per_input_caches(prefixes)]}

    def __call__(self) -> None:
        for cache in self.caches.values():
            cache.cache_clear()


OUR_CACHES = ("sanctionwatch.screening", "rigour")  # rigour: its metaphone, legal forms
PEER_CACHES = ("rigour", "followthemoney", "nomenklatura")


# --- timing ---------------------------------------------------------------------------------


def best_of(repeats: int, run: Callable[[], object], before: Callable[[], None]) -> float:
    """The fastest of ``repeats`` timed runs, ``before`` called untimed ahead of each."""
    times = []
    for _ in range(repeats):
        before()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def nothing() -> None:
    return None


@dataclass(slots=True)
class ScreenSide:
    """One matcher's figures on the screening queries."""

    build_seconds: float = 0.0
    indexed: str = ""
    cold_qps: float = 0.0
    warm_qps: float = 0.0
    candidates_mean: float = 0.0
    candidate_limit: str = ""
    drawn: int = 0  # queries drawn from the lists
    found_source: int = 0  # drawn queries whose source entry scored at/above threshold
    outside: int = 0  # queries from outside the lists
    outside_hits: int = 0  # outside names with any match at/above threshold
    file_qps: float = 0.0  # ``best_many`` on one process, cold caches (LogicV2: its cold)
    batch_qps: float = 0.0  # ``best_many`` on every core, cold caches
    batch_workers: int = 1
    extra: dict[str, Any] = field(default_factory=dict)


def run_ours(lists: Lists, queries: list[Query], repeats: int) -> ScreenSide:
    side = ScreenSide()
    started = time.perf_counter()
    screener = NameScreener(lists.parties)
    sizes = {s: len(screener.index(s)) for s in INDEX_SCHEMAS}
    side.build_seconds = time.perf_counter() - started
    side.indexed = f"{sum(sizes.values()):,} names of {len(lists.parties):,} entries"
    side.candidate_limit = f"≤ {DEFAULT_LIMIT} names"

    def one_pass() -> None:
        for q in queries:
            screener.best(q.name, q.schema)

    clear = CacheClearer(OUR_CACHES, name_forms)  # name_forms: every name's readings
    side.extra["caches_cleared"] = len(clear.caches)
    side.cold_qps = len(queries) / best_of(repeats, one_pass, clear)
    one_pass()
    side.warm_qps = len(queries) / best_of(repeats, one_pass, nothing)
    # A file of names (`screen names FILE.csv`): best_many, on one process, then on a
    # worker forked per core.
    batch = [(q.name, q.schema) for q in queries]
    side.file_qps = len(queries) / best_of(
        repeats, lambda: screener.best_many(batch, workers=1), clear
    )
    side.batch_workers = batch_workers(len(batch))
    side.batch_qps = len(queries) / best_of(repeats, lambda: screener.best_many(batch), clear)
    # Untimed: candidate counts and what was found.
    counts = [len(screener.index(q.schema).candidates(q.name)) for q in queries]
    side.candidates_mean = sum(counts) / len(counts)
    for q in queries:
        hits = screener.matches(q.name, q.schema, min_score=DEFAULT_THRESHOLD)
        side.outside += q.source is None
        side.drawn += q.source is not None
        if q.source is None:
            side.outside_hits += bool(hits)
        elif any((m.party.list, m.party.entry_id) == q.source for m in hits):
            side.found_source += 1
    return side


def peer_entity(dataset: Any, entity_id: str, schema: str, name: str) -> StatementEntity:
    from followthemoney import StatementEntity

    entity = StatementEntity(dataset, {"id": entity_id, "schema": schema})
    entity.add("name", name)
    return entity


def run_peer(
    lists: Lists, queries: list[Query], repeats: int, single: int, tmp: Path
) -> ScreenSide:
    from followthemoney import Dataset, StatementEntity
    from nomenklatura.blocker import Index
    from nomenklatura.matching import LogicV2
    from nomenklatura.resolver import Linker
    from nomenklatura.store import MemoryStore

    side = ScreenSide()
    listed = Dataset.make({"name": "lists", "title": "UN and OFAC"})
    keys: dict[str, tuple[str, str]] = {}
    started = time.perf_counter()
    store: MemoryStore[Dataset, StatementEntity] = MemoryStore(listed, Linker({}))
    with store.writer() as writer:
        for (list_name, entry_id), data in lists.entities.items():
            entity_id = f"{list_name}|{entry_id}"
            keys[entity_id] = (list_name, entry_id)
            writer.add_entity(StatementEntity.from_data(listed, {**data, "id": entity_id}))
    view = store.default_view()
    index = Index(view, tmp / "nk-index", {})
    index.build()
    side.build_seconds = time.perf_counter() - started
    # Candidates fetched from memory, untimed: the peer pays no store lookups per query.
    entities = {e.id: e for e in view.entities() if e.id is not None}
    side.indexed = f"{len(entities):,} entities (DuckDB)"
    side.candidate_limit = f"≤ {index.max_candidates} entities"
    threads = index.con.execute("SELECT current_setting('threads')").fetchone()
    side.extra["duckdb_threads"] = threads[0] if threads else None

    asked = Dataset.make({"name": "queries", "title": "Queries"})
    probes = [peer_entity(asked, f"q{i}", q.schema, q.name) for i, q in enumerate(queries)]
    config = LogicV2.default_config()
    hits: dict[str, list[tuple[tuple[str, str], float]]] = {}
    bests: list[float] = []  # each query's answer: its best score
    candidate_counts: list[int] = []

    def one_pass() -> None:
        hits.clear()
        bests.clear()
        candidate_counts.clear()
        blocked = {str(i.id): [str(c.id) for c, _ in m] for i, m in index.match_entities(probes)}
        for probe in probes:
            found = blocked.get(str(probe.id), [])
            candidate_counts.append(len(found))
            scored = [(keys[c], LogicV2.compare(probe, entities[c], config).score) for c in found]
            hits[str(probe.id)] = [s for s in scored if s[1] >= LOGIC_V2_THRESHOLD]
            bests.append(max((s for _, s in scored), default=0.0))

    clear = CacheClearer(PEER_CACHES)
    side.extra["caches_cleared"] = len(clear.caches)
    side.cold_qps = len(queries) / best_of(repeats, one_pass, clear)
    side.warm_qps = len(queries) / best_of(repeats, one_pass, nothing)
    side.candidates_mean = sum(candidate_counts) / len(candidate_counts)
    for q, probe in zip(queries, probes, strict=True):
        found = hits[str(probe.id)]
        side.outside += q.source is None
        side.drawn += q.source is not None
        if q.source is None:
            side.outside_hits += bool(found)
        elif any(key == q.source for key, _ in found):
            side.found_source += 1
    # Context: the blocker asked once per query, as an online screening service would.
    if single:
        started = time.perf_counter()
        for probe in probes[:single]:
            list(index.match_entities([probe]))
        side.extra["blocking_ms_per_single_query"] = (
            (time.perf_counter() - started) / min(single, len(probes)) * 1000
        )
    index.close()
    return side


# --- name-bench -------------------------------------------------------------------------------


@dataclass(slots=True)
class PairSide:
    file_us: float  # the pairs scored together (ours: ``compare_many``; LogicV2: its cold)
    cold_us: float
    warm_us: float
    f1: float
    precision: float
    recall: float
    threshold: float
    extra: dict[str, Any] = field(default_factory=dict)


def f1_of(scores: list[float], labels: list[bool], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for s, t in zip(scores, labels, strict=True) if s >= threshold and t)
    fp = sum(1 for s, t in zip(scores, labels, strict=True) if s >= threshold and not t)
    fn = sum(1 for s, t in zip(scores, labels, strict=True) if s < threshold and t)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * tp / (2 * tp + fp + fn), precision, recall


def pair_timings(
    pairs: Iterable[Any], score: Callable[[Any], float], repeats: int, clear: Callable[[], None]
) -> tuple[list[float], float, float]:
    """Scores of the first cold pass, then best cold and best warm µs per pair."""
    items = list(pairs)
    clear()
    scores = [score(p) for p in items]
    cold = best_of(repeats, lambda: [score(p) for p in items], clear)
    warm = best_of(repeats, lambda: [score(p) for p in items], nothing)
    return scores, cold / len(items) * 1e6, warm / len(items) * 1e6


def run_name_bench(shared: Path, repeats: int) -> tuple[int, PairSide, PairSide]:
    from followthemoney import Dataset
    from nomenklatura.matching import LogicV2

    with (shared / NAME_BENCH).open(encoding="utf-8") as handle:
        cases = list(csv.DictReader(handle))
    labels = [c["is_match"] == "true" for c in cases]

    texts = [(c["name1"], c["name2"], c["schema"]) for c in cases]
    clear = CacheClearer(OUR_CACHES, name_forms)
    ours, cold, warm = pair_timings(texts, lambda t: compare_names(*t).score, repeats, clear)
    together = best_of(repeats, lambda: compare_many(texts), clear) / len(texts) * 1e6
    ours_side = PairSide(
        together, cold, warm, *f1_of(ours, labels, DEFAULT_THRESHOLD), DEFAULT_THRESHOLD
    )

    # Entities built untimed; each its own id (LogicV2 caches name analysis by entity id).
    dataset = Dataset.make({"name": "name_bench", "title": "name-bench"})
    config = LogicV2.default_config()
    entities = [
        (peer_entity(dataset, f"{i}a", s, a), peer_entity(dataset, f"{i}b", s, b))
        for i, (a, b, s) in enumerate(texts)
    ]
    theirs, cold, warm = pair_timings(
        entities,
        lambda e: LogicV2.compare(e[0], e[1], config).score,
        repeats,
        CacheClearer(PEER_CACHES),
    )
    peer = PairSide(
        cold, cold, warm, *f1_of(theirs, labels, LOGIC_V2_THRESHOLD), LOGIC_V2_THRESHOLD
    )
    # Sanity: the live LogicV2 against the frozen reference verdicts shipped beside the
    # cases (812 of the 826 pairs, matched by schema and names).
    frozen_path = shared / LOGIC_V2_FROZEN
    if frozen_path.is_file():
        with frozen_path.open(encoding="utf-8") as handle:
            frozen = {
                (r["schema"], r["name1"], r["name2"]): r["predicted_match"] == "true"
                for r in csv.DictReader(handle)
            }
        live = {
            (s, a, b): x >= LOGIC_V2_THRESHOLD for (a, b, s), x in zip(texts, theirs, strict=True)
        }
        common = frozen.keys() & live.keys()
        peer.extra["frozen_pairs"] = len(common)
        peer.extra["frozen_verdicts_agree"] = sum(frozen[k] == live[k] for k in common)
    return len(cases), ours_side, peer


# --- report -----------------------------------------------------------------------------------


def ratio(ours: float, theirs: float) -> float:
    return ours / theirs if theirs else float("inf")


def build_report(
    args: argparse.Namespace,
    nk_version: str,
    lists: Lists,
    queries: list[Query],
    peer_queries: list[Query],
    ours: ScreenSide,
    peer: ScreenSide,
    pairs: int,
    our_pairs: PairSide,
    peer_pairs: PairSide,
) -> dict[str, Any]:
    # The target holds the throughput of screening names, both sides batched and on one
    # process (LogicV2's blocker takes every thread it has); the rest is context.
    rows = [
        (THROUGHPUT, ours.file_qps, peer.cold_qps, "qps"),
        ("screening a file, queries/s, every core", ours.batch_qps, peer.cold_qps, "qps"),
        ("one name at a time, queries/s, cold", ours.cold_qps, peer.cold_qps, "qps"),
        ("one name at a time, queries/s, warm", ours.warm_qps, peer.warm_qps, "qps"),
        ("name-bench a file, µs/pair, cold", our_pairs.file_us, peer_pairs.cold_us, "us"),
        ("name-bench one pair at a time, µs, cold", our_pairs.cold_us, peer_pairs.cold_us, "us"),
        ("name-bench one pair at a time, µs, warm", our_pairs.warm_us, peer_pairs.warm_us, "us"),
    ]
    summary: list[dict[str, Any]] = [
        {
            "metric": metric,
            "sanctionwatch": a,
            "logic_v2": b,
            # Always "times faster": queries/s divide ours by theirs, µs theirs by ours.
            "ratio": ratio(a, b) if unit == "qps" else ratio(b, a),
        }
        for metric, a, b, unit in rows
    ]
    summary.append(
        {
            "metric": "name-bench F1 at default threshold",
            "sanctionwatch": our_pairs.f1,
            "logic_v2": peer_pairs.f1,
            "ratio": our_pairs.f1 - peer_pairs.f1,
        }
    )
    short = [
        r["metric"] for r in summary if r["metric"] == THROUGHPUT and r["ratio"] < TARGET_RATIO
    ]
    if our_pairs.f1 <= peer_pairs.f1:
        short.append("F1 not higher")
    drawn = Counter(q.kind for q in queries)
    return {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "nomenklatura": nk_version,
        },
        "inputs": {
            "lists": [str(OFAC_SNAPSHOT), str(UN_SNAPSHOT)],
            "entries": len(lists.parties),
            "by_schema": dict(Counter(p.schema for p in lists.parties)),
            "by_list": dict(Counter(p.list for p in lists.parties)),
            "load_seconds": lists.load_seconds,
        },
        "screening": {
            "queries": len(queries),
            "kinds": dict(drawn),
            "peer_queries": len(peer_queries),
            "repeats": args.repeats,
            "peer_repeats": args.peer_repeats,
            "sanctionwatch": vars_of(ours),
            "logic_v2": vars_of(peer),
        },
        "name_bench": {
            "pairs": pairs,
            "repeats": args.repeats,
            "sanctionwatch": vars_of(our_pairs),
            "logic_v2": vars_of(peer_pairs),
        },
        "summary": summary,
        "target": {
            "text": f"≥ {TARGET_RATIO:.0f}× LogicV2's throughput ({THROUGHPUT}) with a higher F1",
            "met": not short,
            "short_of": short,
        },
    }


def vars_of(side: ScreenSide | PairSide) -> dict[str, Any]:
    return {name: getattr(side, name) for name in side.__slots__}


def print_report(r: dict[str, Any]) -> None:
    m, i, s, n = r["machine"], r["inputs"], r["screening"], r["name_bench"]
    ours, peer = s["sanctionwatch"], s["logic_v2"]
    print(
        f"sanctionwatch vs nomenklatura {m['nomenklatura']} LogicV2 — one run, one machine "
        f"(Python {m['python']}, {m['cpus']} CPUs)"
    )
    print(
        f"lists: OFAC SDN 2024-05-03 + UN consolidated 2025-08-02: {i['entries']:,} screenable "
        f"entries {i['by_schema']}, loaded in {i['load_seconds']:.1f} s (untimed)"
    )
    print()
    kinds = ", ".join(f"{v} {k}" for k, v in sorted(s["kinds"].items()))
    print(f"1. Screening {s['queries']} names against all entries ({kinds})")
    if s["peer_queries"] < s["queries"]:
        print(
            f"   LogicV2 timed on a deterministic subset of {s['peer_queries']} queries "
            "(every k-th query)"
        )
    width = 34
    print(f"   {'':22}{'sanctionwatch':<{width}}LogicV2")
    for label, a, b in (
        ("index build", f"{ours['build_seconds']:.1f} s", f"{peer['build_seconds']:.1f} s"),
        ("indexed", ours["indexed"], peer["indexed"]),
        (
            "candidates/query",
            f"mean {ours['candidates_mean']:.1f} ({ours['candidate_limit']})",
            f"mean {peer['candidates_mean']:.1f} ({peer['candidate_limit']})",
        ),
        (
            "queries/s, a file",
            f"{ours['file_qps']:,.0f} (one process, cold)",
            f"{peer['cold_qps']:,.1f} (cold)",
        ),
        (
            "  on every core",
            f"{ours['batch_qps']:,.0f} ({ours['batch_workers']} processes, cold)",
            "",
        ),
        ("  warm", "", f"{peer['warm_qps']:,.1f}"),
        (
            "one at a time",
            f"{ours['cold_qps']:,.0f} cold, {ours['warm_qps']:,.0f} warm",
            "",
        ),
        (
            "source entry found",
            f"{ours['found_source']}/{ours['drawn']} at ≥ {DEFAULT_THRESHOLD}",
            f"{peer['found_source']}/{peer['drawn']} at ≥ {LOGIC_V2_THRESHOLD}",
        ),
        (
            "outside names hit",
            f"{ours['outside_hits']}/{ours['outside']}",
            f"{peer['outside_hits']}/{peer['outside']}",
        ),
    ):
        print(f"   {label:22}{a:<{width}}{b}")
    extra = peer["extra"]
    print(
        f"   cold = {ours['extra'].get('caches_cleared')} per-input caches of "
        f"sanctionwatch.screening cleared before each pass; {extra.get('caches_cleared')} of "
        "rigour/followthemoney/nomenklatura for LogicV2. warm = the same queries again."
    )
    print(
        f"   LogicV2's blocker is a DuckDB index over {extra.get('duckdb_threads')} threads, "
        'called once for the whole batch (its fastest use). sanctionwatch\'s "a file" is '
        "`best_many`, what `screen names FILE.csv` runs: one process, then a worker forked "
        'per core (the fork and collecting results are timed); "one at a time" is `best` '
        "per name."
    )
    if "blocking_ms_per_single_query" in extra:
        print(
            "   context: the same blocker asked for one query at a time takes "
            f"{extra['blocking_ms_per_single_query']:.0f} ms/query before any scoring."
        )
    print()
    ours_p, peer_p = n["sanctionwatch"], n["logic_v2"]
    print(f"2. name-bench: {n['pairs']} labelled pairs, best of {n['repeats']} passes")
    for label, side in (("sanctionwatch", ours_p), ("LogicV2", peer_p)):
        print(
            f"   {label:14} a file {side['file_us']:6.1f}   one at a time: cold "
            f"{side['cold_us']:6.1f}, warm {side['warm_us']:6.1f} µs/pair   F1 {side['f1']:.3f} "
            f"(P {side['precision']:.3f}, R {side['recall']:.3f}) at {side['threshold']}"
        )
    print(
        "   a file: sanctionwatch's `compare_many` (what `screen pairs FILE.csv` runs), cold; "
        "LogicV2 has no batch form: its one-at-a-time cold figure."
    )
    if "frozen_verdicts_agree" in peer_p["extra"]:
        print(
            f"   live LogicV2 matches the frozen reference verdicts on "
            f"{peer_p['extra']['frozen_verdicts_agree']}/{peer_p['extra']['frozen_pairs']} "
            "pairs it covers"
        )
    print()
    rows = [
        (row["metric"], row["sanctionwatch"], row["logic_v2"], row["ratio"]) for row in r["summary"]
    ]
    print(f"{'metric':41} | {'sanctionwatch':>13} | {'LogicV2':>10} | ratio")
    print(f"{'-' * 41}-+-{'-' * 13}-+-{'-' * 10}-+-{'-' * 12}")
    for metric, a, b, k in rows:
        held = " (target)" if metric == THROUGHPUT else ""
        if metric.startswith("name-bench F1"):
            print(f"{metric:41} | {a:13.3f} | {b:10.3f} | {k:+.3f} (difference, target)")
        else:
            print(f"{metric:41} | {a:13,.1f} | {b:10,.1f} | {k:,.1f}× faster{held}")
    target = r["target"]
    verdict = "MET" if target["met"] else "NOT MET: " + "; ".join(target["short_of"])
    print(f"Target: {target['text']}: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shared = os.environ.get(
        "SANCTIONWATCH_SHARED", str(Path(__file__).resolve().parent.parent.parent / "shared")
    )
    parser.add_argument("--shared", type=Path, default=Path(default_shared))
    parser.add_argument("--dprk", type=int, default=300, help="queries drawn from DPRK entries")
    parser.add_argument("--others", type=int, default=2200, help="queries from other entries")
    parser.add_argument("--outside", type=int, default=500, help="names from outside the lists")
    parser.add_argument("--repeats", type=int, default=5, help="timed passes, best kept")
    parser.add_argument("--peer-repeats", type=int, default=1, help="LogicV2 screening passes")
    parser.add_argument(
        "--peer-queries",
        type=int,
        default=400,
        help="time LogicV2 on at most N evenly spaced queries (0: all)",
    )
    parser.add_argument(
        "--peer-single", type=int, default=10, help="queries to time the blocker one at a time"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    nk_version = require_peer()
    shared: Path = args.shared

    with tempfile.TemporaryDirectory(prefix="sw-bench-screen-") as tmp_name:
        tmp = Path(tmp_name)
        say("loading the UN and OFAC lists into a temporary workspace…")
        lists = load_lists(shared, tmp)
        queries = make_queries(lists, shared, args.dprk, args.others, args.outside)
        step = max(1, -(-len(queries) // args.peer_queries)) if args.peer_queries else 1
        peer_queries = queries[::step]
        say(f"sanctionwatch: {len(queries)} queries × {args.repeats} cold and warm passes…")
        ours = run_ours(lists, queries, args.repeats)
        say("nomenklatura: building its index and screening (takes a minute)…")
        peer = run_peer(lists, peer_queries, args.peer_repeats, args.peer_single, tmp)
        say("name-bench pairs…")
        pairs, our_pairs, peer_pairs = run_name_bench(shared, args.repeats)
    report = build_report(
        args, nk_version, lists, queries, peer_queries, ours, peer, pairs, our_pairs, peer_pairs
    )
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_report(report)


if __name__ == "__main__":
    main()
