import json
import subprocess
import sys
from pathlib import Path

from sanctionwatch.workspace.staging import SCRATCH, Staging, recover


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def _orphan(root: Path) -> tuple[Staging, Path]:
    """A staging whose process published and then died before (or after) its commit."""
    staging = Staging(root)
    staging.path("store/t/a.parquet").write_bytes(b"a")
    staging.publish()
    info = json.loads(staging.journal.read_text())
    info["pid"] = _dead_pid()
    staging.journal.write_text(json.dumps(info))
    (staging.dir / "pid").write_text(str(info["pid"]))
    return staging, root / "store" / "t" / "a.parquet"


def test_uncommitted_publication_is_undone(tmp_path: Path) -> None:
    _, published = _orphan(tmp_path)
    assert published.exists()
    recover(tmp_path, committed=lambda op: False)
    assert not published.exists()
    assert list((tmp_path / SCRATCH).iterdir()) == []


def test_committed_publication_is_kept(tmp_path: Path) -> None:
    staging, published = _orphan(tmp_path)
    recover(tmp_path, committed=lambda op: op == staging.op)
    assert published.read_bytes() == b"a"
    assert list((tmp_path / SCRATCH).iterdir()) == []


def test_a_running_operation_is_left_alone(tmp_path: Path) -> None:
    staging = Staging(tmp_path)
    staging.path("store/t/b.parquet").write_bytes(b"b")
    recover(tmp_path, committed=lambda op: False)
    assert staging.dir.is_dir()
    staging.abort()
    assert not staging.dir.exists()


def test_abort_removes_what_was_published(tmp_path: Path) -> None:
    staging = Staging(tmp_path)
    staging.path("store/t/c.parquet").write_bytes(b"c")
    staging.publish()
    assert (tmp_path / "store" / "t" / "c.parquet").exists()
    staging.abort()
    assert not (tmp_path / "store" / "t" / "c.parquet").exists()
    assert not staging.journal.exists()


def test_existing_files_are_never_overwritten_or_removed(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    kept = tmp_path / "archive" / "same"
    kept.write_bytes(b"old")
    staging = Staging(tmp_path)
    staging.path("archive/same").write_bytes(b"new")
    assert staging.publish() == []
    staging.abort()
    assert kept.read_bytes() == b"old"
