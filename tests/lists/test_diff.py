from pathlib import Path

from sanctionwatch.lists.diff import diff_views, views_from_rows, views_from_snapshot
from sanctionwatch.lists.load import load_snapshots
from sanctionwatch.lists.query import latest_snapshots, snapshot_entries
from sanctionwatch.lists.read import read_list_file
from sanctionwatch.workspace.workspace import Workspace

ADDED = ["HTe.001", "HTe.002", "HTi.006", "HTi.007", "QDi.436", "SDi.005", "SDi.006"]
REMOVED = ["LYi.020", "QDi.095", "QDi.328"]


def _un(lists_dir: Path, date: str) -> Path:
    return lists_dir / "un" / f"consolidated-{date}.xml"


def test_un_2024_to_2025(lists_dir: Path) -> None:
    old = views_from_snapshot(read_list_file(_un(lists_dir, "2024-09-26")))
    new = views_from_snapshot(read_list_file(_un(lists_dir, "2025-08-02")))
    result = diff_views(old, new, detail=True)
    assert [e["id"] for e in result["added"]] == ADDED
    assert [e["id"] for e in result["removed"]] == REMOVED
    assert result["changed"], "some entries were amended between the two lists"
    for entry in result["changed"]:
        assert entry["fields"]
        for field in entry["fields"]:
            change = entry["changes"][field]
            assert change["added"] or change["removed"]


def test_no_difference_with_itself(lists_dir: Path) -> None:
    views = views_from_snapshot(read_list_file(_un(lists_dir, "2025-08-02")))
    result = diff_views(views, views)
    assert result["counts"] == {"added": 0, "removed": 0, "changed": 0}


def test_catalog_rows_compare_like_files(tmp_path: Path, lists_dir: Path) -> None:
    snapshot = read_list_file(_un(lists_dir, "2025-08-02"))
    ws = Workspace.open(tmp_path / "ws")
    load_snapshots(ws, [snapshot])
    with ws.catalog.reading() as session:
        row = latest_snapshots(session)["un"]
        from_rows = views_from_rows(snapshot_entries(session, row.id))
    ws.close()
    assert from_rows == views_from_snapshot(snapshot)
