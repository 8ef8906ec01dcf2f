"""`ais decode`: any AIS log decoded message by message, as gpsd prints it.

Lines are normalised first — text before the sentence (logger prefixes) and receiver
fields after the checksum are cut, tag blocks are kept — then pyais frames, reassembles
and decodes them, and ``ais_gpsd`` renders gpsd's JSON, type-24 halves merged as gpsd
merges them. Lines pyais cannot use are counted, never fatal.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyais.stream import IterMessages

from sanctionwatch.errors import InputError
from sanctionwatch.sources.ais_gpsd import Type24Merger, gpsd_json
from sanctionwatch.sources.compressed import open_maybe_gzip
from sanctionwatch.sources.nmea_framing import hex_checksum_ok

# An optional tag block, then an AIS sentence up to its checksum.
_SENTENCE = re.compile(rb"((?:\\[^\\]*\\)?![A-Za-z=]{2}VD[MO],[^*]*\*[0-9A-Fa-f]{2})")


@dataclass
class DecodeCounts:
    lines: int = 0
    sentences: int = 0
    messages: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def _sentences(path: Path, counts: DecodeCounts) -> Iterator[bytes]:
    with open_maybe_gzip(path) as stream:
        head = stream.read(4096)
        if b"\x00" in head:
            raise InputError(path, "binary data: not an NMEA text log", line=1)
        for number, line in enumerate(_lines(head, stream), start=1):
            counts.lines = number
            match = _SENTENCE.search(line)
            if match is None:
                counts.skipped["no AIS sentence"] += 1
                continue
            sentence = match.group(1)
            if not _checksum_ok(sentence):
                counts.skipped["bad checksum"] += 1
                continue
            counts.sentences += 1
            yield sentence


def _checksum_ok(sentence: bytes) -> bool:
    star = sentence.rindex(b"*")
    return hex_checksum_ok(sentence[sentence.index(b"!") + 1 : star], sentence[star + 1 :])


def _lines(head: bytes, stream: Any) -> Iterator[bytes]:
    rest = b""
    chunk = head
    while chunk:
        pieces = (rest + chunk).split(b"\n")
        rest = pieces.pop()
        yield from pieces
        chunk = stream.read(1 << 20)
    if rest:
        yield rest


def decode_gpsd(
    path: Path, *, scaled: bool = True, counts: DecodeCounts | None = None
) -> Iterator[dict[str, Any]]:
    """gpsd JSON objects for every message of ``path``, in stream order."""
    counts = counts if counts is not None else DecodeCounts()
    merger = Type24Merger()
    for message in IterMessages(_sentences(path, counts)):
        try:
            decoded = message.decode().asdict()
        except Exception as exc:
            counts.skipped[f"undecodable: {type(exc).__name__}"] += 1
            continue
        counts.messages += 1
        bitlen = len(message.payload) * 6 - int(message.fill_bits)
        obj = gpsd_json(decoded, scaled=scaled, device="", bitlen=bitlen)
        channel = message.channel.decode() if isinstance(message.channel, bytes) else ""
        yield from merger.feed(obj, channel=channel or "")
