"""Conformance with OpenSanctions' matching test data (../shared/conformance, MIT).

name-bench's 826 labelled pairs score F1 ≥ 0.85 at the default threshold (logic-v2: 0.79);
logic-v2's 28 model cases all hold; the OFAC Sanctions List Search ranking and the
fingerprints cases are reported with their agreement, held to what was measured.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest

from sanctionwatch.screening.compare import DEFAULT_THRESHOLD, compare_many, compare_names
from sanctionwatch.screening.entity import compare_entities
from sanctionwatch.screening.normalize import fingerprint


@pytest.fixture(scope="module")
def conformance(shared: Path) -> Path:
    return shared / "conformance"


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn)


def test_name_bench_f1_beats_logic_v2(conformance: Path) -> None:
    with (conformance / "nomenklatura-namebench" / "cases.csv").open(encoding="utf-8") as f:
        cases = list(csv.DictReader(f))
    with (conformance / "nomenklatura-namebench" / "logicv2-frozen.csv").open(
        encoding="utf-8"
    ) as f:
        frozen = list(csv.DictReader(f))
    assert len(cases) == 826
    ours = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for case in cases:
        predicted = compare_names(case["name1"], case["name2"], case["schema"]).score
        truth = case["is_match"] == "true"
        key = ("t" if predicted >= DEFAULT_THRESHOLD else "f") + ("p" if truth else "n")
        ours[{"tp": "tp", "tn": "fp", "fp": "fn", "fn": "tn"}[key]] += 1
    theirs = {o: sum(1 for r in frozen if r["outcome"] == o) for o in ("TP", "FP", "FN")}
    f1 = _f1(ours["tp"], ours["fp"], ours["fn"])
    reference = _f1(theirs["TP"], theirs["FP"], theirs["FN"])
    print(f"name-bench: ours F1 {f1:.3f} {ours}; logic-v2 F1 {reference:.3f} {theirs}")
    assert reference == pytest.approx(0.79, abs=0.005)
    assert f1 >= 0.85


def test_name_bench_scored_together_as_one_pair_at_a_time(conformance: Path) -> None:
    """``compare_many`` (what ``screen pairs FILE.csv`` runs) gives each pair exactly what
    ``compare_names`` gives it alone: score, explanation and features."""
    with (conformance / "nomenklatura-namebench" / "cases.csv").open(encoding="utf-8") as f:
        pairs = [(c["name1"], c["name2"], c["schema"]) for c in csv.DictReader(f)]
    together = compare_many(pairs)
    assert together == [compare_names(*pair) for pair in pairs]
    assert {s.score >= DEFAULT_THRESHOLD for s in together} == {True, False}


# name-bench labels these pairs as one person; we do not, on purpose: two Korean names
# whose syllables differ are two people (the UN and OFAC lists hold KIM KYONG IL and
# KIM KYONG MIN, KO CHOL MAN and KO CHOL HUN as different designees).
KOREAN_DIFFERENT_PEOPLE = {
    ("KIM KYONG MIN", "KIM KYONG IL"),
    ("JANG YONG MIN", "JANG YONG SON"),
    ("HAN BONG SU", "HAN JANG SU"),
    ("KO CHOL HUN", "KO CHOL MAN"),
    ("KO TAE BIN", "KO TAE HUN"),
    ("Kim Yong-chol", "Kim Yong-chun"),
    ("Kim Myong-sik", "Kim Myong-guk"),
}


def test_name_bench_korean_pairs_we_split_on_purpose(conformance: Path) -> None:
    with (conformance / "nomenklatura-namebench" / "cases.csv").open(encoding="utf-8") as f:
        cases = {(c["name1"], c["name2"]): c for c in csv.DictReader(f)}
    for pair in KOREAN_DIFFERENT_PEOPLE:
        assert cases[pair]["is_match"] == "true"
        scored = compare_names(*pair, "Person")
        assert scored.score < DEFAULT_THRESHOLD, scored.explanation
        assert "syllables differ" in scored.explanation


def test_logic_v2_model_cases_all_hold(conformance: Path) -> None:
    lines = (conformance / "nomenklatura-matching" / "logic_v2_match_cases.jsonl").read_text()
    cases = [json.loads(line) for line in lines.splitlines() if line.strip()]
    assert len(cases) == 28
    wrong = []
    for case in cases:
        score, why = compare_entities(case["query"], case["result"], case["schema"])
        if (score >= DEFAULT_THRESHOLD) != case["matches"]:
            wrong.append((case["idx"], case["matches"], score, why))
    assert wrong == []


def _spearman(xs: list[float], ys: list[float]) -> float:
    def ranks(values: list[float]) -> list[float]:
        order = sorted(range(len(values)), key=lambda i: values[i])
        result = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                result[order[k]] = (i + j) / 2
            i = j + 1
        return result

    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    var = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return cov / var if var else 0.0


def test_ofac_sanctions_list_search_rank_agreement(conformance: Path) -> None:
    """Per query, do we rank OFAC's results in OFAC's order? Spearman's rho, averaged."""
    with (conformance / "nomenklatura-matching" / "ofac_sls_scores.csv").open(
        encoding="utf-8"
    ) as f:
        rows = list(csv.DictReader(f))
    by_query: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        ours = compare_names(row["query_name"], row["result_name"], "Person").score
        by_query[row["query_name"]].append((float(row["ofac_score"]), ours))
    rhos = [
        _spearman([a for a, _ in pairs], [b for _, b in pairs])
        for pairs in by_query.values()
        if len(pairs) >= 3 and len({a for a, _ in pairs}) > 1
    ]
    mean = sum(rhos) / len(rhos)
    print(f"OFAC SLS: {len(rhos)} queries ranked, mean Spearman rho {mean:.3f}")
    assert mean >= MEASURED_SLS_RHO_FLOOR


# Measured 2026-11-30 (see the closing note); a drop below it is a regression.
MEASURED_SLS_RHO_FLOOR = 0.15  # measured 0.225: OFAC's search ranks surname-only hits high


def test_fingerprints_cases(conformance: Path) -> None:
    cases = json.loads((conformance / "fingerprints-names" / "cases.json").read_text())
    names = [c for c in cases if c["function"] == "fp"]
    differ = {c["args"][0]: fingerprint(c["args"][0]) for c in names}
    differ = {n: got for n, got in differ.items() if got != _expected(names, n)}
    print(f"fingerprints: {len(names) - len(differ)}/{len(names)} agree")
    assert differ == {}


def _expected(cases: list[dict[str, object]], name: str) -> object:
    return next(c["expected"] for c in cases if c["args"] == [name])
