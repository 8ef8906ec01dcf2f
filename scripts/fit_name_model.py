"""Fit the name model's weights on name-bench and print them for ``screening/model.py``.

    .venv/bin/python scripts/fit_name_model.py [--shared ../shared]

Logistic regression (L2-regularised, Newton's method) per kind of party over the
features of ``screening/features.py``; prints the training F1, a 5-fold cross-validated
F1 (the honest figure: weights fitted without the pairs they are scored on) and the
``MODELS`` literal to paste.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sanctionwatch.screening.compare import pair_detail
from sanctionwatch.screening.features import FEATURE_NAMES
from sanctionwatch.screening.normalize import name_forms

KINDS = {
    "person": ("Person",),
    "organisation": ("Organization", "Company", "LegalEntity", "Vessel"),
}
L2 = 0.3


def _matrix(rows: list[dict[str, str]]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Features and labels of the pairs the model decides (not those a hard rule decides)."""
    vectors, labels = [], []
    for row in rows:
        a = name_forms(row["name1"], row["schema"])[0]
        b = name_forms(row["name2"], row["schema"])[0]
        if not a.tokens or not b.tokens:
            continue
        found = pair_detail(a, b, row["schema"])
        if found.floor > 0.5 or found.cap < 0.5:
            continue
        vectors.append(found.vector)
        labels.append(1.0 if row["is_match"] == "true" else 0.0)
    return np.array(vectors, dtype=np.float64), np.array(labels, dtype=np.float64)


# The direction each feature may push the score (+1 up, -1 down): a model that learned
# "more aligned tokens, lower score" from a noisy label would not be one to trust.
SIGNS = {
    "cover_both": 1, "cover_short": 1, "weakest": 1, "unmatched_long": -1,
    "unmatched_short": -1, "joined": 1, "order_changed": -1, "numbers_differ": -1,
    "korean_equal": 1, "phonetic": 1, "initials": 0, "transliterated": 0, "max_edits": -1,
    "edited_pairs": -1, "short_tokens": 1, "one_typo": 1,
}  # fmt: skip


def _loss(design: NDArray[np.float64], y: NDArray[np.float64], beta: NDArray[np.float64]) -> float:
    z = design @ beta
    shrunk = beta[:-1]  # the bias is not shrunk
    return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * L2 * shrunk @ shrunk)


def _fit(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    """L2-regularised logistic regression, signs constrained: projected gradient descent
    with a backtracking step (slow to converge, but it always does)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    signs = np.array([SIGNS[name] for name in FEATURE_NAMES] + [0])
    beta = np.zeros(design.shape[1])
    step = 1.0
    loss = _loss(design, y, beta)
    for _ in range(5000):
        p = 1.0 / (1.0 + np.exp(-design @ beta))
        gradient = design.T @ (p - y)
        gradient[:-1] += L2 * beta[:-1]
        while True:
            candidate = beta - step * gradient
            candidate[(signs > 0) & (candidate < 0)] = 0.0
            candidate[(signs < 0) & (candidate > 0)] = 0.0
            new_loss = _loss(design, y, candidate)
            if new_loss <= loss - 1e-4 * float(gradient @ (beta - candidate)) or step < 1e-9:
                break
            step /= 2
        if loss - new_loss < 1e-10:
            break
        beta, loss = candidate, new_loss
        step *= 2
    return beta


def _f1(beta: NDArray[np.float64], x: NDArray[np.float64], y: NDArray[np.float64]) -> float:
    predicted = (np.hstack([x, np.ones((len(x), 1))]) @ beta) >= 0.0
    tp = float(np.sum(predicted & (y == 1)))
    fp = float(np.sum(predicted & (y == 0)))
    fn = float(np.sum(~predicted & (y == 1)))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    args = parser.parse_args()
    path = args.shared / "conformance" / "nomenklatura-namebench" / "cases.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print(f"# fitted on {path} ({len(rows)} pairs); features: {', '.join(FEATURE_NAMES)}")
    for kind, schemas in KINDS.items():
        subset = [row for row in rows if row["schema"] in schemas]
        x, y = _matrix(subset)
        beta = _fit(x, y)
        folds = np.arange(len(y)) % 5
        cross = []
        for fold in range(5):
            train, test = folds != fold, folds == fold
            cross.append(_f1(_fit(x[train], y[train]), x[test], y[test]))
        print(
            f"# {kind}: {len(y)} pairs, train F1 {_f1(beta, x, y):.3f}, "
            f"5-fold F1 {np.mean(cross):.3f}"
        )
        weights = ", ".join(f"{w:.3f}" for w in beta[:-1])
        print(f'    "{kind}": (({weights}), {beta[-1]:.3f}),')


if __name__ == "__main__":
    main()
