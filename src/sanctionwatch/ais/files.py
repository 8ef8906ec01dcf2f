"""Which files are AIS, in which format, and how to read them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sanctionwatch.errors import InputError
from sanctionwatch.sources import ais_csv
from sanctionwatch.sources.ais_nmea import NmeaReader
from sanctionwatch.sources.ais_records import AisBatch, LineAccount
from sanctionwatch.sources.compressed import decompressed

FORMATS = ("auto", "nmea", "marinecadastre", "spire", "generic", "parquet")
_PARQUET_MAGIC = b"PAR1"


@dataclass(frozen=True)
class AisFile:
    path: Path
    format: str


def _head(path: Path, size: int = 65536) -> bytes:
    with path.open("rb") as raw, decompressed(raw) as stream:
        try:
            return stream.read(size)
        except (OSError, EOFError):  # damaged gzip: let the reader name the place
            return b""


# An AIS sentence anywhere in the head: logs may prefix lines (line numbers, receiver
# stamps, web-page debris) and interleave many other sentences.
_AIS_SENTENCE = re.compile(rb"![A-Za-z=]{2}VD[MO],\d,\d,")


def _looks_like_nmea(head: bytes) -> bool:
    return _AIS_SENTENCE.search(head) is not None


def sniff(path: Path) -> str:
    """The AIS format of ``path``; InputError naming it when it is not AIS."""
    head = _head(path)
    if not head.strip():
        raise InputError(path, "empty file")
    if head.startswith(_PARQUET_MAGIC):
        return "parquet"
    if b"\x00" in head[:4096]:
        raise InputError(path, "binary data: not NMEA, CSV or Parquet")
    if _looks_like_nmea(head):
        return "nmea"
    return ais_csv.detect_format(path, head)


def discover(paths: list[Path], fmt: str) -> tuple[list[AisFile], list[dict[str, str]]]:
    """Files to ingest and, for folders, the files skipped with the reason."""
    found: list[AisFile] = []
    skipped: list[dict[str, str]] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                try:
                    found.append(AisFile(child, sniff(child) if fmt == "auto" else fmt))
                except InputError as exc:
                    skipped.append({"path": str(child), "reason": _short(exc.reason)})
        elif path.is_file():
            found.append(AisFile(path, sniff(path) if fmt == "auto" else fmt))
        else:
            raise InputError(path, "no such file or folder")
    return found, skipped


def _short(reason: str) -> str:
    """Why a file in a folder is not AIS, in a few words."""
    if reason.startswith("header matches no AIS provider format"):
        return "not AIS: no NMEA AIS sentence and no known provider header"
    return reason


@dataclass
class Reading:
    """A file being read: its batches, its line account once read, and how far it got."""

    batches: Iterator[AisBatch]
    account: Callable[[], LineAccount]
    bytes_read: Callable[[], int]  # of the file as stored (compressed bytes for gzip)


def read_batches(path: Path, fmt: str, *, shown_as: Path | None = None) -> Reading:
    """Read ``path`` in ``fmt``; errors name ``shown_as`` (the user's path) when given."""
    name = shown_as or path
    size = path.stat().st_size
    if fmt == "nmea":
        reader = NmeaReader()
        raw = path.open("rb")

        def batches() -> Iterator[AisBatch]:
            with raw, decompressed(raw) as stream:
                yield from reader.read(stream, name)

        return Reading(
            batches(), lambda: reader.account, lambda: size if raw.closed else raw.tell()
        )
    iterator, account = ais_csv.read_provider(path, fmt, shown_as=name)
    done = [False]

    def tracked() -> Iterator[AisBatch]:
        yield from iterator
        done[0] = True

    return Reading(tracked(), lambda: account, lambda: size if done[0] else 0)
