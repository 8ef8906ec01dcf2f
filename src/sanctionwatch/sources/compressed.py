"""Plain or gzip input, told apart by the gzip magic bytes (never by the file name)."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import BinaryIO, cast

GZIP_MAGIC = b"\x1f\x8b"


def is_gzip(path: Path) -> bool:
    with path.open("rb") as probe:
        return probe.read(2) == GZIP_MAGIC


def decompressed(raw: BinaryIO) -> BinaryIO:
    """Reads of ``raw`` (open, at its start), decompressed when it is gzip.

    Callers that report progress keep ``raw`` to ask how far into the file they are.
    """
    magic = raw.read(2)
    raw.seek(0)
    if magic == GZIP_MAGIC:
        # GzipFile reads like a binary file; typeshed does not call it a BinaryIO.
        return cast(BinaryIO, gzip.GzipFile(fileobj=raw))
    return raw


def open_maybe_gzip(path: Path) -> BinaryIO:
    """``path`` opened for binary reading, decompressed when it starts with the gzip magic."""
    return cast(BinaryIO, gzip.open(path, "rb")) if is_gzip(path) else path.open("rb")
