from pathlib import Path

import pytest
from sqlalchemy import func, select

from sanctionwatch.lists.load import LoadOptions, load_snapshots
from sanctionwatch.lists.read import read_list_file, read_lists
from sanctionwatch.sources.records import ListSnapshot
from sanctionwatch.workspace.models import ListEntryRow, ListSnapshotRow, Source
from sanctionwatch.workspace.sources import list_sources
from sanctionwatch.workspace.workspace import Workspace
from tests.helpers import workspace_state


@pytest.fixture
def workspace(tmp_path: Path, catalog_url: str) -> Workspace:
    ws = Workspace.open(tmp_path / "ws", catalog_url=catalog_url)
    yield ws  # type: ignore[misc]
    ws.close()


def test_un_list_loads_with_counts_and_provenance(workspace: Workspace, lists_dir: Path) -> None:
    path = lists_dir / "un" / "consolidated-2025-08-02.xml"
    [report] = load_snapshots(workspace, read_lists([path]))
    assert report["loaded"] is True
    assert report["list"] == "un"
    assert report["generated"].startswith("2025-08-02T23:00:00")
    assert report["by_schema"].get("Person") == 684
    assert sum(v for k, v in report["by_schema"].items() if k != "Person") == 195
    assert report["dprk"] == {"Person": 80, "Organization": 75, "Vessel": 0, "Airplane": 0}
    with workspace.catalog.reading() as session:
        [source] = list_sources(session)
    assert source["kind"] == "un_consolidated_xml"
    assert source["grade"] == "A1"
    assert source["releasability"] == ["public"]
    assert source["origin"] == path.as_posix()
    assert workspace.archive.get(source["sha256"]) == path.read_bytes()


def test_loading_the_same_bytes_twice_changes_nothing(
    workspace: Workspace, lists_dir: Path
) -> None:
    path = lists_dir / "un" / "consolidated-2024-09-26.xml"
    load_snapshots(workspace, read_lists([path]))
    before = workspace_state(workspace.root)
    [again] = load_snapshots(workspace, read_lists([path]))
    assert again["loaded"] is False
    after = workspace_state(workspace.root)
    assert after["files"] == before["files"]
    assert {k: v for k, v in after["rows"].items() if k != "audit_log"} == {
        k: v for k, v in before["rows"].items() if k != "audit_log"
    }


def test_ofac_set_joins_companions_and_records_each_file(
    workspace: Workspace, lists_dir: Path
) -> None:
    [report] = load_snapshots(
        workspace, [read_list_file(lists_dir / "ofac" / "2021-04" / "sdn.csv")], LoadOptions()
    )
    assert report["files"] == ["sdn.csv", "add.csv", "alt.csv"]
    assert report["entries"] == 8890
    with workspace.catalog.reading() as session:
        kinds = sorted(s.kind for s in session.scalars(select(Source)))
    assert kinds == ["ofac_add_csv", "ofac_alt_csv", "ofac_sdn_csv"]


def test_a_failure_mid_load_leaves_no_trace(workspace: Workspace, lists_dir: Path) -> None:
    good = read_list_file(lists_dir / "un" / "consolidated-2024-09-26.xml")
    load_snapshots(workspace, [good])
    before = workspace_state(workspace.root)
    fresh = read_list_file(lists_dir / "un" / "consolidated-2025-08-02.xml")
    # Two entries with one id: the catalog's unique constraint fails after the new
    # archive file was written, mid-transaction.
    broken = ListSnapshot(
        fresh.list, fresh.generated, fresh.files, fresh.entries + fresh.entries[:1]
    )
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
        load_snapshots(workspace, [broken])
    assert workspace_state(workspace.root) == before


def test_names_table_feeds_duckdb(workspace: Workspace, lists_dir: Path) -> None:
    load_snapshots(workspace, read_lists([lists_dir / "un" / "consolidated-2025-08-02.xml"]))
    [(names, entries)] = workspace.store.query(
        "select count(*), count(distinct entry_id) from list_names where dprk"
    )
    assert entries == 155
    assert names > entries  # aliases too
    with workspace.catalog.reading() as session:
        count = session.scalar(select(func.count()).select_from(ListEntryRow))
        snapshots = session.scalar(select(func.count()).select_from(ListSnapshotRow))
    assert (count, snapshots) == (879, 1)
