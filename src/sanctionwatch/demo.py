"""`make demo`: real lists in, the DPRK designations out; never fails for want of data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def run_demo(ws: Workspace, lists_folder: str | None) -> dict[str, Any] | None:
    """Load or pull the lists, then summarise them; None (with advice) when there are none."""
    if lists_folder:
        _load_folder(ws, lists_folder)
    else:
        _pull_all(ws)
    with ws.catalog.reading() as session:
        summary = dprk_summary(session)
    if not summary["lists"]:
        err.print(HOW_TO_PROVIDE.format(**DEFAULT_URLS), markup=False)
        return None
    if not lists_folder:
        err.print("demo: showing the lists held in the workspace", style="bold")
    return summary
