"""Screening jobs over the workspace and over CSV files: what the `screen` commands run."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sanctionwatch.ais.vessels import vessels as ais_vessels
from sanctionwatch.errors import InputError, SanctionwatchError
from sanctionwatch.screening.compare import (
    DEFAULT_THRESHOLD,
    MODEL_VERSION,
    NameScore,
    check_schema,
    compare_many,
    compare_names,
)
from sanctionwatch.screening.entries import load_parties
from sanctionwatch.screening.hits import record_hits
from sanctionwatch.screening.names import NameScreener
from sanctionwatch.screening.vessels import AisVessel, screen_vessels
from sanctionwatch.workspace.workspace import Workspace


def check_threshold(threshold: float) -> float:
    if not 0.0 < threshold <= 1.0:
        raise SanctionwatchError(f"--threshold {threshold}: must be in (0, 1]")
    return threshold


def screen_workspace_vessels(
    ws: Workspace, *, threshold: float = DEFAULT_THRESHOLD, include_dismissed: bool = False
) -> dict[str, Any]:
    """Screen every vessel seen in AIS against every loaded list; store and return the hits."""
    check_threshold(threshold)
    with ws.catalog.reading() as session:
        parties = load_parties(session)
    if not any(p.schema == "Vessel" for p in parties):
        raise SanctionwatchError("no listed vessels loaded: run `sanctionwatch lists load` first")
    seen = [AisVessel.from_row(row) for row in ais_vessels(ws.store)]
    hits = screen_vessels(seen, parties, threshold=threshold)
    with ws.catalog.transaction() as session:
        recorded = record_hits(session, "ais_vessel", [h.as_dict() for h in hits])
    shown = [h for h in recorded if include_dismissed or h["alert"]]
    return {
        "vessels": len(seen),
        "listed_vessels": sum(1 for p in parties if p.schema == "Vessel"),
        "threshold": threshold,
        "model_version": MODEL_VERSION,
        "dismissed": sum(1 for h in recorded if not h["alert"]),
        "hits": shown,
    }


def _csv_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 CSV with a header holding ``required``; errors name file and line."""
    if not path.is_file():
        raise InputError(path, "no such file")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(path, f"missing column(s) {', '.join(missing)}", line=1)
            for row in reader:
                if None in row:
                    raise InputError(path, "more fields than the header", line=reader.line_num)
                yield reader.line_num, {k: v or "" for k, v in row.items()}
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text ({exc.reason})") from exc
    except csv.Error as exc:
        raise InputError(path, f"bad CSV: {exc}") from exc


def screen_names_file(
    ws: Workspace, path: Path, schema: str, *, threshold: float = DEFAULT_THRESHOLD
) -> dict[str, Any]:
    """Screen the ``query`` column of a CSV against every loaded list (other columns kept)."""
    check_schema(schema)
    check_threshold(threshold)
    rows = list(_csv_rows(path, ("query",)))
    with ws.catalog.reading() as session:
        parties = load_parties(session)
    if not parties:
        raise SanctionwatchError("no lists loaded: run `sanctionwatch lists load` first")
    screener = NameScreener(parties)
    results = []
    found = screener.best_many([(row["query"], schema) for _line, row in rows])
    for (_line, row), best in zip(rows, found, strict=True):
        matched = best is not None and best.score >= threshold
        results.append(
            {
                **row,
                "query": row["query"],
                "matched": matched,
                "best": best.as_dict() if best is not None and best.score > 0 else None,
            }
        )
    return {
        "schema": schema,
        "threshold": threshold,
        "model_version": MODEL_VERSION,
        "entries": len(screener.index(schema)),
        "results": results,
    }


def _pair_result(scored: NameScore, threshold: float) -> dict[str, Any]:
    return {
        "score": scored.score,
        "matched": scored.score >= threshold,
        "explanation": scored.explanation,
    }


def score_pair(name1: str, name2: str, schema: str, threshold: float) -> dict[str, Any]:
    return _pair_result(compare_names(name1, name2, schema), threshold)


def score_pairs_file(path: Path, *, threshold: float = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """Score ``name1,name2,schema`` rows in input order (for labelled benchmarks)."""
    check_threshold(threshold)
    pairs = []
    for line, row in _csv_rows(path, ("name1", "name2", "schema")):
        try:
            check_schema(row["schema"])
        except SanctionwatchError as exc:
            raise InputError(path, str(exc), line=line, field="schema") from exc
        pairs.append((row["name1"], row["name2"], row["schema"]))
    results = [_pair_result(scored, threshold) for scored in compare_many(pairs)]
    return {"threshold": threshold, "model_version": MODEL_VERSION, "results": results}
