"""`make demo`: real lists in, the DPRK designations out; never fails for want of data.

It also simulates a small `dprk-2024` scenario into the workspace (``simulated/``) and ingests
its AIS as `ingest ais` does, so ship tracking shows on a fresh machine with no download; the
second half ingests the simulation's member reports and notifications. The data is marked
simulated everywhere (the files, and the sources' provider and grade).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sanctionwatch.demo_report import assess_and_report
from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.lists.load import load_snapshots
from sanctionwatch.lists.pull import DEFAULT_URLS, pull_list
from sanctionwatch.lists.query import dprk_summary
from sanctionwatch.lists.read import read_lists
from sanctionwatch.output import err
from sanctionwatch.workspace.workspace import Workspace

HOW_TO_PROVIDE = """\
No sanctions lists could be had: the publishers are unreachable and none were given.
Provide them in either way, then run `make demo` again:
  - a folder of list files:  SANCTIONWATCH_LISTS=DIR make demo
      (UN consolidated list XML files, OFAC sdn.csv with add.csv/alt.csv beside it;
       e.g. SANCTIONWATCH_LISTS=../shared/data/lists)
  - or download on a connected machine:  sanctionwatch lists pull
      (UN: {un}
       OFAC: {ofac})"""


def _load_folder(ws: Workspace, folder: str) -> bool:
    err.print(f"demo: using the lists in {folder} (SANCTIONWATCH_LISTS)")
    snapshots = read_lists([Path(folder)])
    for item in load_snapshots(ws, snapshots):
        status = "loaded" if item["loaded"] else "already in the workspace"
        err.print(
            f"  {item['list']}: {', '.join(item['files'])} ({status}, sha256 {item['sha256'][:12]})"
        )
    return bool(snapshots)


def _pull_all(ws: Workspace) -> bool:
    pulled = False
    for kind, url in DEFAULT_URLS.items():
        err.print(f"demo: downloading the {kind.upper()} list from {url}")
        try:
            result = pull_list(ws, kind)
        except SanctionwatchError as exc:
            err.print(f"  not available: {exc}", markup=False)
            continue
        pulled = True
        for item in result["files"]:
            err.print(f"  {item['url']}: {item['status']}, sha256 {item['sha256'][:12]}")
    return pulled


def _simulated_ais(ws: Workspace) -> Path:
    """Simulate the demo scenario into the workspace (once) and ingest it (again: no change);
    returns the simulation's folder (its member reports and notifications come later)."""
    from sanctionwatch.ais.ingest import IngestOptions, ingest_ais
    from sanctionwatch.cli.simulate import simulation_progress
    from sanctionwatch.output import ingest_progress, table
    from sanctionwatch.simulate import Request, simulate

    # Small enough to run in seconds, long enough for most kinds of evasion to happen.
    request = Request("dprk-2024", seed=2, vessels=30, days=2.0, interval=120)
    folder = ws.root / "simulated" / f"{request.scenario}-seed-{request.seed}"
    if not (folder / "manifest.json").is_file():
        err.print(
            f"demo: simulating {request.scenario} ({request.vessels} ships, {request.days:g} days)"
            " - SIMULATED AIS, not observed"
        )
        with simulation_progress(quiet=False) as progress:
            simulate(request, folder, progress)
    err.print(f"demo: ingesting the simulated AIS in {folder}")
    options = IngestOptions(
        provider=f"SIMULATED by sanctionwatch simulate {request.scenario} --seed {request.seed}",
        reliability="F",  # cannot be judged: no ship sent it
        credibility=6,
    )
    with ingest_progress(quiet=False) as progress:
        result = ingest_ais(ws, [folder], "auto", options, progress)
    skipped = ", ".join(Path(item["path"]).name for item in result["skipped"])
    if result.get("already_ingested") and not result["positions"]:
        err.print(f"  already in the workspace; not AIS, skipped: {skipped}", markup=False)
    else:
        err.print(
            f"  {result['positions']:,} positions of {result['vessels']} ships "
            f"({result['rejected']} lines rejected); not AIS, skipped: {skipped}",
            markup=False,
        )
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    events = manifest["counts"]["events_by_type"]
    err.print(
        table(
            "simulated events to find (truth.jsonl)",
            ["type", "events"],
            [[kind, count] for kind, count in events.items() if count],
        )
    )
    return folder


def run_demo(ws: Workspace, lists_folder: str | None) -> dict[str, Any] | None:
    """Load or pull the lists, simulate and ingest AIS, then summarise the lists; None (with
    advice) when there are no lists."""
    if lists_folder:
        _load_folder(ws, lists_folder)
    else:
        _pull_all(ws)
    simulation = _simulated_ais(ws)
    with ws.catalog.reading() as session:
        summary = dprk_summary(session)
    assess_and_report(ws, lists_loaded=bool(summary["lists"]), simulation=simulation)
    if not summary["lists"]:
        err.print(HOW_TO_PROVIDE.format(**DEFAULT_URLS), markup=False)
        return None
    if not lists_folder:
        err.print("demo: showing the lists held in the workspace", style="bold")
    return summary
