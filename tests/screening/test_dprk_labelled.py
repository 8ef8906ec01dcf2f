"""The DPRK labelled name pairs (issue 4): file integrity, grounding in the lists, and the
matcher's precision and recall on them.

The pairs are in ``data/dprk_pairs.csv`` (see ``data/README.md``). A pair is predicted a
match when ``compare_names(name1, name2, schema).score >= DEFAULT_THRESHOLD``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from defusedxml import ElementTree

DATA = Path(__file__).resolve().parent / "data" / "dprk_pairs.csv"
HEADER = ["schema", "name1", "name2", "is_match", "variant", "source"]
SCHEMAS = ("Person", "Organization", "Company", "Vessel")
MIN_PAIRS = 400
MIN_RECALL = 0.95
MIN_PRECISION = 0.95

_REF = r"(?:UN KP[ie]\.\d{3}|OFAC \d+)"
SOURCE = re.compile(rf"(?:hand|hand:{_REF}|{_REF}(?: \+ {_REF})*)")
VARIANT = re.compile(r"[a-z][a-z0-9_]*")
UN_REF = re.compile(r"UN (KP[ie]\.\d{3})")
OFAC_REF = re.compile(r"OFAC (\d+)")

UN_LIST = Path("data/lists/un/consolidated-2025-08-02.xml")
OFAC_SDN = Path("data/lists/ofac/2024-05-03/sdn.csv")


@dataclass(frozen=True)
class LabelledPair:
    line: int
    schema: str
    name1: str
    name2: str
    is_match: bool
    variant: str
    source: str


@dataclass(frozen=True)
class Scored:
    pair: LabelledPair
    score: float
    explanation: str
    predicted: bool


def _read_rows() -> list[list[str]]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@cache
def load_pairs() -> tuple[LabelledPair, ...]:
    rows = _read_rows()
    pairs = []
    for line, row in enumerate(rows[1:], start=2):
        schema, name1, name2, match, variant, source = row
        pairs.append(LabelledPair(line, schema, name1, name2, match == "true", variant, source))
    return tuple(pairs)


def test_file_integrity() -> None:
    rows = _read_rows()
    assert rows, f"{DATA} is empty"
    assert rows[0] == HEADER, f"header is {rows[0]}, expected {HEADER}"
    problems: list[str] = []
    seen: dict[tuple[str, frozenset[str]], int] = {}
    classes: Counter[tuple[str, str]] = Counter()
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(HEADER):
            problems.append(f"line {line}: {len(row)} fields, expected {len(HEADER)}: {row}")
            continue
        schema, name1, name2, match, variant, source = row
        if schema not in SCHEMAS:
            problems.append(f"line {line}: schema {schema!r} not in {SCHEMAS}")
        if match not in ("true", "false"):
            problems.append(f"line {line}: is_match {match!r} is not true/false")
        for name in (name1, name2):
            if not name or name != name.strip():
                problems.append(f"line {line}: empty or unstripped name {name!r}")
        if name1 == name2:
            problems.append(f"line {line}: name1 and name2 are identical ({name1!r})")
        if not VARIANT.fullmatch(variant):
            problems.append(f"line {line}: variant {variant!r} is not a short snake_case label")
        if not SOURCE.fullmatch(source):
            problems.append(f"line {line}: source {source!r} is not hand[:REF] or REF[ + REF]")
        # The same two names (either order, any case) once per schema: no duplicates and
        # no pair labelled both ways.
        key = (schema, frozenset({name1.casefold(), name2.casefold()}))
        if name1.casefold() != name2.casefold():
            if key in seen:
                problems.append(f"line {line}: same pair as line {seen[key]}: {name1} / {name2}")
            seen[key] = line
        classes[(schema, match)] += 1
    for schema in SCHEMAS:
        for match in ("true", "false"):
            if not classes[(schema, match)]:
                problems.append(f"{schema}: no pair with is_match={match}")
    count = len(rows) - 1
    if count < MIN_PAIRS:
        problems.append(f"{count} pairs, expected at least {MIN_PAIRS}")
    assert not problems, "\n".join(problems)


def test_un_sources_exist(shared: Path) -> None:
    """Every ``UN KP...`` reference cited is a DPRK entry of the UN list the set was built from."""
    root = ElementTree.parse(shared / UN_LIST).getroot()
    assert root is not None, f"{UN_LIST} is empty"
    listed = {
        (node.findtext("REFERENCE_NUMBER") or "").strip()
        for tag in ("INDIVIDUAL", "ENTITY")
        for node in root.iter(tag)
    }
    cited = {ref for pair in load_pairs() for ref in UN_REF.findall(pair.source)}
    assert cited, "no pair cites the UN list"
    missing = sorted(cited - listed)
    assert not missing, f"cited but not in {UN_LIST}: {missing}"


def test_ofac_sources_exist(shared: Path) -> None:
    """Every ``OFAC n`` reference cited is a DPRK-programme entry of the SDN list used."""
    with (shared / OFAC_SDN).open(encoding="latin-1", newline="") as handle:
        listed = {row[0].strip() for row in csv.reader(handle) if len(row) > 3 and "DPRK" in row[3]}
    cited = {ref for pair in load_pairs() for ref in OFAC_REF.findall(pair.source)}
    assert cited, "no pair cites the OFAC list"
    missing = sorted(cited - listed)
    assert not missing, f"cited but not a DPRK entry of {OFAC_SDN}: {missing}"


def _rate(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _metrics(scored: list[Scored]) -> tuple[float, float, int, int, int]:
    tp = sum(1 for s in scored if s.pair.is_match and s.predicted)
    fn = sum(1 for s in scored if s.pair.is_match and not s.predicted)
    fp = sum(1 for s in scored if not s.pair.is_match and s.predicted)
    return _rate(tp, tp + fp), _rate(tp, tp + fn), tp, fp, fn


def _width(text: str) -> int:
    """Terminal columns: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _one_line(text: str, width: int) -> str:
    text = " ".join(text.split())
    if _width(text) <= width:
        return text
    while _width(text) > width - 1:
        text = text[:-1]
    return text + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _report(scored: list[Scored], threshold: float) -> str:
    precision, recall, tp, fp, fn = _metrics(scored)
    lines = [
        f"DPRK labelled pairs: {len(scored)} at threshold {threshold:.3f}: "
        f"precision {precision:.3f} (min {MIN_PRECISION}), recall {recall:.3f} (min {MIN_RECALL}); "
        f"tp {tp}, fp {fp}, fn {fn}",
    ]
    for schema in SCHEMAS:
        part = [s for s in scored if s.pair.schema == schema]
        p, r, _, sfp, sfn = _metrics(part)
        lines.append(f"  {schema:<13} precision {p:.3f}  recall {r:.3f}  fp {sfp}  fn {sfn}")
    wrong = [s for s in scored if s.predicted != s.pair.is_match]
    if wrong:
        wrong.sort(key=lambda s: (s.pair.is_match, s.pair.schema, s.pair.variant, -s.score))
        rows = [
            (
                "FN" if s.pair.is_match else "FP",
                str(s.pair.line),
                s.pair.schema,
                _one_line(s.pair.name1, 40),
                _one_line(s.pair.name2, 40),
                s.pair.variant,
                f"{s.score:.3f}",
                _one_line(s.explanation, 100),
            )
            for s in wrong
        ]
        head = ("", "line", "schema", "name1", "name2", "variant", "score", "explanation")
        widths = [max(_width(row[i]) for row in [head, *rows]) for i in range(len(head))]
        lines.append("")
        lines.append(f"misclassified ({len(wrong)}; FN = missed match, FP = false match):")
        for row in [head, *rows]:
            cells = (_pad(cell, width) for cell, width in zip(row, widths, strict=True))
            lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def test_dprk_labelled_precision_recall() -> None:
    from sanctionwatch.screening.compare import DEFAULT_THRESHOLD, compare_names

    threshold = float(DEFAULT_THRESHOLD)
    scored: list[Scored] = []
    for pair in load_pairs():
        result = compare_names(pair.name1, pair.name2, pair.schema)
        score = float(result.score)
        assert 0.0 <= score <= 1.0, f"line {pair.line}: score {score} outside [0, 1]"
        assert isinstance(result.explanation, str), f"line {pair.line}: explanation not a str"
        scored.append(Scored(pair, score, result.explanation, score >= threshold))
    precision, recall, *_ = _metrics(scored)
    report = _report(scored, threshold)
    if precision < MIN_PRECISION or recall < MIN_RECALL:
        pytest.fail(report, pytrace=False)
    print(report)  # shown with -s or -rP
