"""The index's hot loop, compiled: add up a query's term weights per name, keep the best.

A query's terms touch a few thousand names of tens of thousands; the scores live in a
buffer as long as the index (zeros at rest) and only the touched names are visited, so a
query costs its postings, never the length of the list.
"""

from __future__ import annotations

from typing import Any

from sanctionwatch.sources.fast_jit import helper, kernel


@helper
def _better(score: float, name: int, other_score: float, other: int) -> bool:
    """Higher score first, then the earlier name."""
    return score > other_score or (score == other_score and name < other)


@kernel
def top_names(
    term_start: Any,
    terms: Any,
    post_start: Any,
    post_names: Any,
    weights: Any,
    scores: Any,
    touched: Any,
    out: Any,
    kept: Any,
) -> None:
    """Per query q (terms ``terms[term_start[q]:term_start[q + 1]]``): the best names by
    summed term weight into ``out[q]`` (as many slots as it has), how many into ``kept[q]``.

    ``scores`` must be zeros on entry and is zeros again on return; terms of weight 0 are
    skipped, so a name with a non-zero score is one a term touched.
    """
    limit = out.shape[1]
    for q in range(len(kept)):
        kept[q] = _top(
            terms[term_start[q] : term_start[q + 1]],
            post_start,
            post_names,
            weights,
            scores,
            touched,
            limit,
            out[q],
        )


@helper
def _top(
    terms: Any,
    post_start: Any,
    post_names: Any,
    weights: Any,
    scores: Any,
    touched: Any,
    limit: int,
    out: Any,
) -> int:
    """One query's best ``limit`` names into ``out``; how many there are."""
    count = 0
    for t in terms:
        weight = weights[t]
        if weight == 0.0:
            continue
        for k in range(post_start[t], post_start[t + 1]):
            name = post_names[k]
            if scores[name] == 0.0:
                touched[count] = name
                count += 1
            scores[name] += weight
    kept = 0
    for c in range(count):
        name = touched[c]
        score = scores[name]
        if kept == limit:
            if not _better(score, name, scores[out[limit - 1]], out[limit - 1]):
                continue
            position = limit - 1
        else:
            position = kept
            kept += 1
        while position > 0 and _better(score, name, scores[out[position - 1]], out[position - 1]):
            out[position] = out[position - 1]
            position -= 1
        out[position] = name
    for c in range(count):
        scores[touched[c]] = 0.0
    return kept
