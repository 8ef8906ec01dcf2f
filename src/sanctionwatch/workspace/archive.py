"""Content-addressed archive of every raw input, keyed by sha256.

Files are written atomically (temporary file, fsync, rename) and never modified,
so a crash leaves either the whole file or nothing under its final name.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sanctionwatch.workspace.atomic import atomic_path


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """A file's sha256, read a megabyte at a time (archived files can be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Archive:
    """``root/sha256/ab/<hash>``: one file per distinct content."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, digest: str) -> Path:
        return self.root / "sha256" / digest[:2] / digest

    def relative_path(self, digest: str) -> str:
        return self.path_for(digest).relative_to(self.root.parent).as_posix()

    def has(self, digest: str) -> bool:
        return self.path_for(digest).is_file()

    def put(self, data: bytes) -> tuple[str, bool]:
        """Store ``data``; returns its digest and whether a new file was written."""
        digest = sha256_hex(data)
        target = self.path_for(digest)
        if target.is_file():
            return digest, False
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target, durable=True, mode=0o444) as tmp:
            tmp.write_bytes(data)
        return digest, True

    def get(self, digest: str) -> bytes:
        return self.path_for(digest).read_bytes()

    def remove(self, digest: str) -> None:
        """Undo a ``put`` whose catalog transaction failed."""
        self.path_for(digest).unlink(missing_ok=True)

    def files(self) -> list[Path]:
        base = self.root / "sha256"
        return sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []
