import hashlib
import stat
from pathlib import Path

from sanctionwatch.workspace.archive import Archive


def test_put_stores_by_sha256_once(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    digest, created = archive.put(b"hello")
    assert digest == hashlib.sha256(b"hello").hexdigest()
    assert created
    assert archive.path_for(digest) == tmp_path / "archive" / "sha256" / digest[:2] / digest
    assert archive.get(digest) == b"hello"
    assert archive.put(b"hello") == (digest, False)
    assert archive.files() == [archive.path_for(digest)]


def test_archived_files_are_read_only_and_no_temporaries_remain(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    digest, _ = archive.put(b"x" * 10_000)
    mode = archive.path_for(digest).stat().st_mode
    assert not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    leftovers = [p for p in (tmp_path / "archive").rglob(".incoming-*")]
    assert leftovers == []


def test_remove_undoes_put(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    digest, _ = archive.put(b"abc")
    archive.remove(digest)
    assert not archive.has(digest)
    assert archive.files() == []
