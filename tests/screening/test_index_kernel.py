"""The index's compiled top-k against a plain numpy count of the same postings."""

from __future__ import annotations

import numpy as np

from sanctionwatch.screening.index_kernel import top_names


def test_top_names_is_the_best_by_weight_then_position() -> None:
    rng = np.random.default_rng(7)
    names = 500
    lengths = rng.integers(0, 40, size=60)
    post_start = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=post_start[1:])
    post_names = np.concatenate(
        [np.sort(rng.choice(names, size=n, replace=False)) for n in lengths]
    ).astype(np.int64)
    # Few distinct weights, so ties are common; one term of weight 0 never counts.
    weights = rng.choice([0.5, 1.0, 2.0], size=len(lengths))
    weights[3] = 0.0
    scores = np.zeros(names)
    touched = np.zeros(names, dtype=np.int64)
    for trial in range(50):
        # Three queries of eight terms each in one call.
        queries = [np.sort(rng.choice(len(lengths), size=8, replace=False)) for _ in range(3)]
        term_start = np.arange(0, 25, 8, dtype=np.int64)
        terms = np.concatenate(queries).astype(np.int64)
        limit = int(rng.integers(1, 40))
        out = np.zeros((len(queries), limit), dtype=np.int64)
        kept = np.zeros(len(queries), dtype=np.int64)
        top_names(term_start, terms, post_start, post_names, weights, scores, touched, out, kept)
        for q, query in enumerate(queries):
            expected = np.zeros(names)
            for t in query:
                expected[post_names[post_start[t] : post_start[t + 1]]] += weights[t]
            hit = np.flatnonzero(expected)
            best = hit[np.lexsort((hit, -expected[hit]))][:limit]
            assert out[q, : kept[q]].tolist() == best.tolist(), (trial, q)
        assert not scores.any()  # zeros again for the next query
