"""Write a file under a temporary name beside it, then rename: readers see all or nothing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(target: Path, *, durable: bool = False, mode: int | None = None) -> Iterator[Path]:
    """A temporary path to write ``target`` through; renamed into place when the block succeeds.

    ``durable`` fsyncs the data before the rename (archive files must survive a power cut);
    ``mode`` sets the permissions of the finished file. On any failure the temporary goes.
    """
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".incoming-{target.name}.")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if durable:
            with tmp.open("rb") as handle:
                os.fsync(handle.fileno())
        if mode is not None:
            tmp.chmod(mode)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
