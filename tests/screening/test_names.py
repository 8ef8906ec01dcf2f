"""Screening many names at once: the same answers on every core as one at a time."""

from __future__ import annotations

from sanctionwatch.screening.names import PARALLEL_FROM, NameScreener
from tests.screening.test_index import FILLER, _party


def test_best_many_on_two_processes_equals_one_at_a_time() -> None:
    listed = [
        *FILLER[:500],
        _party("ri", "Person", "RI YONG HO"),
        _party("v", "Vessel", "CHON MA SAN"),
    ]
    screener = NameScreener(listed)
    queries = [
        (f"Person Numbr{i % 500} Filler{i % 500 % 97}", "Person") for i in range(PARALLEL_FROM)
    ]
    queries += [("Lee Yeong-ho", "Person"), ("CHONMASAN", "Vessel"), ("Nobody Known", "Vessel")]
    one_by_one = [screener.best(query, schema) for query, schema in queries]
    together = screener.best_many(queries, workers=2)
    assert together == one_by_one
    assert together[-3] is not None and together[-3].party.entry_id == "ri"
    assert together[-2] is not None and together[-2].party.entry_id == "v"
    assert sum(m is not None and m.score >= 0.5 for m in together) >= 0.9 * PARALLEL_FROM
