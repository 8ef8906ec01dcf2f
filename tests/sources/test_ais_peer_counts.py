"""Per-type message counts on AMSA's messy receiver log, ours beside pyais's and aiscat's, with
every difference explained line by line.

``amsa/ais.txt.gz`` (44,687 lines) is one receiver's raw output: AIS sentences from several
talkers (AI, AB, BS, AS and a malformed "=I"), own-ship ``VDO`` sentences, many proprietary and
other sentences ($PSHI, $PAIS, $xxALR, $GPRMC, ...), receive times written after some checksums
and a few corrupted lines. It holds no complete multipart message (its 4 fragments are orphans,
which no decoder counts).

What the comparison finds (``pytest -s`` prints the table and the categories):

- pyais (``IterMessages`` + ``decode()``) counts 34,012 messages, 5 more than our 34,007, and
  misses none of ours. The 5 are lines we quarantine. pyais never rejects a sentence for its
  checksum (it marks it invalid and decodes it anyway): 3 lines with a bad checksum (two of them
  also too short for their type, one of those being two sentences spliced together, which pyais
  reads as a type 1 at latitude 0.26) and 1 line cut before its ``*hh``. And pyais decodes a
  type 5 payload of 204 bits (424 nominal) that we quarantine as undecodable. A type 63 payload
  makes pyais's ``decode()`` raise; we quarantine it too, so neither side counts it.
- aiscat (AIS-catcher) counts 31,281, 2,726 fewer than we do, and decodes nothing we don't. It
  refuses the talker "=I" (1,492 lines, 17 of them also binary messages too short), text after
  the checksum (851 lines, all a receive time such as ",1327664822"), MMSI 0 (378; 374 of them
  are the receiver's own class B transponder, ``!AIVDO``, reporting MMSI 0) and binary messages
  (types 6 and 8) too short to hold their DAC and FID (5, plus the 17). It does decode own-ship
  ``VDO`` sentences: every ``VDO`` it drops has one of the causes above. Every category is
  checked by repair: fixing all of a line's causes (talker to "AI", the trailing text cut,
  MMSI 0 to 1, the payload padded with zero bits through its DAC/FID) makes aiscat decode the
  line as the type we decoded, and leaving any single cause unfixed makes it refuse the line.

The categories are computed from each line's text (parsed here, independently of the reader),
and for each peer and AIS type ``ours - (our messages it lacks) + (its messages we lack)`` must
equal its count: a difference no category explains fails the test.
"""

from __future__ import annotations

import functools
import gzip
import inspect
import operator
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import aiscat
import pytest
from pyais.exceptions import UnknownMessageException
from pyais.stream import IterMessages

from sanctionwatch.sources.ais_nmea import NmeaReader
from sanctionwatch.sources.ais_records import (
    BAD_CHECKSUM,
    UNDECODABLE,
    UNKNOWN_SENTENCE,
    LineAccount,
)

AMSA = "data/ais/nmea/amsa/ais.txt.gz"
AMSA_LINES = 44_687
OUR_COUNTS = {
    1: 19_337, 3: 3_717, 4: 5_237, 5: 1_778, 6: 57, 7: 1, 8: 1, 9: 44, 10: 13, 11: 15, 12: 1,
    13: 1, 14: 2, 15: 4, 16: 3, 17: 116, 18: 2_745, 20: 262, 21: 312, 22: 1, 23: 2, 24: 357,
    25: 1,
}  # fmt: skip
# Standard length of the types a payload can be too short for (type 24: part A).
NOMINAL_BITS = {1: 168, 2: 168, 3: 168, 4: 168, 5: 424, 9: 168, 11: 168, 18: 168, 19: 312,
                21: 272, 24: 160, 27: 96}  # fmt: skip
# Binary messages through their DAC and FID: type 6 is addressed (30 more bits) before them.
BINARY_HEADER_BITS = {6: 88, 8: 56}


# --- one single-fragment AIS sentence, parsed independently of the reader ---------------------


def _checksum(body: str) -> str:
    return f"{functools.reduce(operator.xor, body.encode('latin-1'), 0):02X}"


def _sixbit(char: str) -> int:
    value = ord(char) - 48
    return value - 8 if value > 40 else value


def _armour(bits: str) -> tuple[str, int]:
    """``bits`` ("0"/"1") as an armoured payload and its fill bits."""
    fill = -len(bits) % 6
    padded = bits + "0" * fill
    values = [int(padded[i : i + 6], 2) for i in range(0, len(padded), 6)]
    return "".join(chr(v + 48 if v < 40 else v + 56) for v in values), fill


@dataclass(frozen=True)
class Sentence:
    """``!address,fields*hh trailing``."""

    address: str  # "AIVDM", "=IVDO"
    fields: tuple[str, ...]  # fragment count, number, sequential id, channel, payload, fill bits
    stated: str | None  # the checksum as written; None when the line has no "*"
    trailing: str  # text after "*hh" (a receive time)

    @classmethod
    def parse(cls, line: bytes) -> Sentence:
        text = line.strip().decode("latin-1")
        assert text.startswith("!"), text
        star = text.find("*")
        if star < 0:
            body, stated, trailing = text[1:], None, ""
        else:
            body, stated, trailing = text[1:star], text[star + 1 : star + 3], text[star + 3 :]
        address, *fields = body.split(",")
        return cls(address, tuple(fields), stated, trailing)

    @property
    def body(self) -> str:
        return ",".join((self.address, *self.fields))

    @property
    def checksum_ok(self) -> bool:
        return self.stated is not None and self.stated.upper() == _checksum(self.body)

    @property
    def bits(self) -> str:
        """The payload (fields[4]) as "0"/"1", without the fill bits (the last field)."""
        fill = int(self.fields[-1]) if self.fields[-1].isdigit() else 0
        bits = "".join(f"{_sixbit(c):06b}" for c in self.fields[4])
        return bits[: len(bits) - fill]

    @property
    def msg_type(self) -> int:
        return int(self.bits[:6], 2)

    @property
    def mmsi(self) -> int | None:
        bits = self.bits
        return int(bits[8:38], 2) if len(bits) >= 38 else None

    def with_bits(self, bits: str) -> Sentence:
        payload, fill = _armour(bits)
        return replace(self, fields=(*self.fields[:4], payload, str(fill)))

    def text(self) -> str:
        """The sentence with a checksum computed afresh."""
        return f"!{self.body}*{_checksum(self.body)}{self.trailing}"


# --- why a decoder refuses a line the other decodes ---------------------------------------------


@dataclass(frozen=True)
class Rule:
    label: str
    holds: Callable[[Sentence], bool]
    reason: str | None = None  # our quarantine reason (rules that explain our refusals)
    repair: Callable[[Sentence], Sentence] | None = None  # undoes it (rules for aiscat)


def _too_short(sentence: Sentence) -> bool:
    return len(sentence.bits) < NOMINAL_BITS.get(sentence.msg_type, 0)


def _short_binary(sentence: Sentence) -> bool:
    return len(sentence.bits) < BINARY_HEADER_BITS.get(sentence.msg_type, 0)


def _mmsi_1(sentence: Sentence) -> Sentence:
    bits = sentence.bits
    return sentence.with_bits(bits[:8] + f"{1:030b}" + bits[38:])


def _pad_to_header(sentence: Sentence) -> Sentence:
    return sentence.with_bits(sentence.bits.ljust(BINARY_HEADER_BITS[sentence.msg_type], "0"))


# In the order our reader checks them: the first that holds is the line's quarantine reason.
OUR_REFUSALS = (
    Rule("bad checksum", lambda s: s.stated is not None and not s.checksum_ok, BAD_CHECKSUM),
    Rule("no *hh checksum (line cut short)", lambda s: s.stated is None, UNKNOWN_SENTENCE),
    Rule("payload shorter than its type", _too_short, UNDECODABLE),
)
AISCAT_REFUSALS = (
    Rule(
        "talker '=I'",
        lambda s: s.address.startswith("=I"),
        repair=lambda s: replace(s, address="AI" + s.address[2:]),
    ),
    Rule(
        "text after the checksum",
        lambda s: bool(s.trailing),
        repair=lambda s: replace(s, trailing=""),
    ),
    Rule("MMSI 0", lambda s: s.mmsi == 0, repair=_mmsi_1),
    Rule("binary message without its DAC/FID", _short_binary, repair=_pad_to_header),
)


@dataclass(frozen=True)
class Difference:
    line: int
    sign: int  # -1: our message the peer lacks; +1: the peer's message we lack
    msg_type: int  # the type of the message that is there
    rules: tuple[Rule, ...]  # why; empty when nothing explains it
    sentence: Sentence

    @property
    def category(self) -> str:
        return " + ".join(rule.label for rule in self.rules) or "UNEXPLAINED"


# --- the three decoders on the log ------------------------------------------------------------


@dataclass
class Ours:
    types: dict[int, int]  # line -> AIS type of the message completed on that line
    reasons: dict[int, str]  # line -> quarantine reason
    counts: Counter[int]
    account: LineAccount


@dataclass
class Amsa:
    lines: list[bytes] = field(repr=False)
    ours: Ours = field(repr=False)
    pyais: dict[int, int] = field(repr=False)  # line -> type, as for Ours.types
    pyais_invalid: set[int] = field(repr=False)  # decoded though pyais found the checksum wrong
    aiscat: dict[int, int] = field(repr=False)


def _read_ours(path: Path, options: dict[str, Any]) -> Ours:
    reader = NmeaReader(**options)
    types: dict[int, int] = {}
    reasons: dict[int, str] = {}
    for batch in reader.read_path(path):
        for table in (batch.positions, batch.statics, batch.raw):
            lines, msg_types = table.column("line").to_pylist(), table.column("msg_type")
            for line, msg_type in zip(lines, msg_types.to_pylist(), strict=True):
                assert types.setdefault(line, msg_type) == msg_type  # one message per line
        quarantine = batch.quarantine
        lines, why = quarantine.column("line").to_pylist(), quarantine.column("reason")
        reasons.update(zip(lines, why.to_pylist(), strict=True))
    return Ours(types, reasons, reader.message_types, reader.account)


def _reader_options() -> list[dict[str, Any]]:
    """Both decoding paths when the reader has the ``fast`` switch, else its only one."""
    if "fast" in inspect.signature(NmeaReader).parameters:
        return [{"fast": False}, {"fast": True}]
    return [{}]


class _NumberedLines:
    """Hands out ``lines`` and remembers the number (from 1) of the latest one."""

    def __init__(self, lines: Sequence[bytes]) -> None:
        self.lines = lines
        self.number = 0

    def __iter__(self) -> Iterator[bytes]:
        for number, line in enumerate(self.lines, 1):
            self.number = number
            yield line


def _read_pyais(lines: Sequence[bytes]) -> tuple[dict[int, int], set[int]]:
    """pyais yields a message as soon as it has read its (last) line."""
    source = _NumberedLines(lines)
    types: dict[int, int] = {}
    invalid: set[int] = set()
    for message in IterMessages(source):
        try:
            decoded = message.decode()
        except UnknownMessageException:  # a type pyais does not know (63): not counted
            continue
        types[source.number] = decoded.msg_type
        if not message.is_valid:
            invalid.add(source.number)
    return types, invalid


def _read_aiscat(lines: Sequence[bytes]) -> dict[int, int]:
    decoder = aiscat.Decoder()
    types: dict[int, int] = {}
    for number, line in enumerate(lines, 1):
        decoder.feed(line + b"\n")
        while (message := decoder.next()) is not None:
            assert number not in types
            types[number] = message["type"]
    return types


@pytest.fixture(scope="module")
def amsa(shared: Path) -> Amsa:
    path = shared / AMSA
    data = gzip.decompress(path.read_bytes())
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    variants = [_read_ours(path, options) for options in _reader_options()]
    for other in variants[1:]:  # the fast path, when there is one, changes nothing
        assert other == variants[0]
    pyais_types, pyais_invalid = _read_pyais(lines)
    aiscat_types = _read_aiscat(lines)
    assert Counter(aiscat_types.values()) == Counter(
        message["type"] for message in aiscat.iter_decode([data])
    )  # fed line by line or whole, aiscat decodes the same
    return Amsa(lines, variants[0], pyais_types, pyais_invalid, aiscat_types)


# --- explaining the differences -----------------------------------------------------------------


def _differences(amsa: Amsa, peer: dict[int, int], refusals: Sequence[Rule]) -> list[Difference]:
    """Lines where the peer and we disagree, with the ``refusals`` (the peer's) or
    ``OUR_REFUSALS`` that hold for them."""
    ours = amsa.ours.types
    out = []
    for line in sorted(ours.keys() | peer.keys()):
        our_type, peer_type = ours.get(line), peer.get(line)
        if our_type == peer_type:
            continue
        sentence = Sentence.parse(amsa.lines[line - 1])
        if our_type is not None and peer_type is not None:  # both decode, to other types
            out.append(Difference(line, -1, our_type, (), sentence))
            out.append(Difference(line, +1, peer_type, (), sentence))
        elif our_type is not None:
            rules = tuple(rule for rule in refusals if rule.holds(sentence))
            out.append(Difference(line, -1, our_type, rules, sentence))
        else:
            assert peer_type is not None
            rules = tuple(rule for rule in OUR_REFUSALS if rule.holds(sentence))
            if not rules or rules[0].reason != amsa.ours.reasons.get(line):
                rules = ()  # not what made us refuse the line
            out.append(Difference(line, +1, peer_type, rules, sentence))
    return out


def _assert_explained(name: str, amsa: Amsa, peer: dict[int, int], diffs: list[Difference]) -> None:
    """ours - explained missing + explained extra == peer, for every type."""
    unexplained = [(d.line, d.msg_type, amsa.lines[d.line - 1]) for d in diffs if not d.rules]
    ours = amsa.ours.counts
    peer_counts = Counter(peer.values())
    expected = Counter(ours)
    for diff in diffs:
        if diff.rules:
            expected[diff.msg_type] += diff.sign
    for msg_type in sorted(ours.keys() | peer_counts.keys()):
        assert expected[msg_type] == peer_counts[msg_type], (name, msg_type, unexplained[:20])
    assert not unexplained


def _print_categories(name: str, diffs: list[Difference]) -> None:
    by_category: dict[tuple[int, str], Counter[int]] = {}
    for diff in diffs:
        by_category.setdefault((diff.sign, diff.category), Counter())[diff.msg_type] += 1
    print(f"\n{name}: ours - (ours it lacks) + (its extra) = {name}, per type")
    for (sign, category), types in sorted(by_category.items(), key=lambda kv: -kv[1].total()):
        per_type = ", ".join(f"type {t}: {n:,}" for t, n in sorted(types.items()))
        print(f"  {'-' if sign < 0 else '+'}{types.total():6,}  {category}  ({per_type})")


def _aiscat_type(text: str) -> int | None:
    try:
        return int(aiscat.decode(text)["type"])
    except ValueError:  # aiscat refuses the sentence
        return None


def _repaired(sentence: Sentence, rules: Sequence[Rule]) -> Sentence:
    for rule in rules:
        assert rule.repair is not None
        sentence = rule.repair(sentence)
    return sentence


# --- the tests --------------------------------------------------------------------------------


def test_counts_beside_pyais_and_aiscat(amsa: Amsa) -> None:
    ours = amsa.ours.counts
    pyais, aiscat_ = Counter(amsa.pyais.values()), Counter(amsa.aiscat.values())
    print(f"\namsa/ais.txt.gz, {len(amsa.lines):,} lines: messages by AIS type")
    print(f"{'type':>5} {'ours':>8} {'pyais':>8} {'aiscat':>8}")
    for msg_type in sorted(ours.keys() | pyais.keys() | aiscat_.keys()):
        print(f"{msg_type:>5} {ours[msg_type]:>8,} {pyais[msg_type]:>8,} {aiscat_[msg_type]:>8,}")
    print(f"{'all':>5} {ours.total():>8,} {pyais.total():>8,} {aiscat_.total():>8,}")

    assert dict(ours) == OUR_COUNTS
    account = amsa.ours.account
    assert account.lines == len(amsa.lines) == AMSA_LINES
    assert account.balanced()
    assert account.messages == ours.total() == len(amsa.ours.types)
    assert account.consumed == account.messages  # no multipart message in the log


def test_pyais_differences_are_explained(amsa: Amsa) -> None:
    diffs = _differences(amsa, amsa.pyais, refusals=())
    _print_categories("pyais", diffs)
    _assert_explained("pyais", amsa, amsa.pyais, diffs)
    checksum_rules = {rule.label for rule in OUR_REFUSALS if rule.reason != UNDECODABLE}
    for diff in diffs:  # pyais itself found the checksum wrong (or missing), and decoded anyway
        if checksum_rules & {rule.label for rule in diff.rules}:
            assert diff.line in amsa.pyais_invalid, diff


def test_aiscat_differences_are_explained(amsa: Amsa) -> None:
    diffs = _differences(amsa, amsa.aiscat, AISCAT_REFUSALS)
    _print_categories("aiscat", diffs)
    _assert_explained("aiscat", amsa, amsa.aiscat, diffs)
    for diff in diffs:
        if diff.sign > 0:
            continue  # the peer's extra lines: explained by our quarantine reason
        # Fixing every cause makes aiscat decode the message; leaving any one makes it refuse.
        assert _aiscat_type(_repaired(diff.sentence, diff.rules).text()) == diff.msg_type, diff
        for rule in diff.rules:
            others = [other for other in diff.rules if other is not rule]
            assert _aiscat_type(_repaired(diff.sentence, others).text()) is None, (diff, rule)
