import stat
from pathlib import Path

import pytest

from sanctionwatch.workspace.atomic import atomic_path


def test_the_file_appears_whole_with_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    with atomic_path(target, durable=True, mode=0o444) as tmp:
        tmp.write_bytes(b"abc")
        assert not target.exists()  # nothing under the final name while writing
    assert target.read_bytes() == b"abc"
    assert not target.stat().st_mode & stat.S_IWUSR
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_a_failure_leaves_neither_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]
