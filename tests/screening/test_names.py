"""Screening many names at once: the same answers on every core as one at a time."""

from __future__ import annotations

from sanctionwatch.screening.compare import compare_names
from sanctionwatch.screening.names import (
    BATCH_ROWS,
    PARALLEL_FROM,
    WEAK_ALIAS_FACTOR,
    NameScreener,
)
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


def test_a_batch_of_mixed_schemas_is_the_same_as_one_name_at_a_time() -> None:
    """Batches split by schema (a Company is screened in the organisations' index) and into
    chunks of ``BATCH_ROWS``; neither changes an answer."""
    listed = [
        *FILLER[:300],
        _party("ri", "Person", "RI YONG HO"),
        _party("kkb", "Organization", "KOREA KWANGSON BANKING CORP"),
        _party("ship", "Vessel", "CHON MA SAN", weak=("CHONMA",)),
    ]
    screener = NameScreener(listed)
    mixed = [
        ("Lee Yeong-ho", "Person"),
        ("Korea Kwangson Banking Corporation", "Company"),
        ("KOREA KWANGSON BANKING", "LegalEntity"),
        ("CHONMA", "Vessel"),
        ("", "Person"),  # nothing to find: None
    ]
    queries = [(f"Person Numbr{i % 300} Filler{i % 97}", "Person") for i in range(BATCH_ROWS + 3)]
    queries[5:5] = mixed
    together = screener.best_many(queries, workers=1)
    assert together == [screener.best(query, schema) for query, schema in queries]
    ri, kkb, kkb_legal, ship, nothing = together[5:10]
    assert ri is not None and ri.party.entry_id == "ri" and ri.score >= 0.9
    assert kkb is not None and kkb.party.entry_id == "kkb" and kkb.score >= 0.9
    assert kkb_legal is not None and kkb_legal.party.entry_id == "kkb"
    assert ship is not None and ship.party.entry_id == "ship"
    assert "weak alias" in ship.explanation and ship.score <= WEAK_ALIAS_FACTOR
    assert nothing is None
    assert "same Korean syllables" in ri.explanation
    # Each pick scored and explained as the pair scorer scores and explains it alone.
    for (query, schema), match in zip(queries, together, strict=True):
        if match is None:
            continue
        alone = compare_names(query, match.name, schema)
        weak = match.name in match.party.weak_names
        assert match.score == (round(alone.score * WEAK_ALIAS_FACTOR, 4) if weak else alone.score)
        # (The score in words: the reported one here, the unrounded one there.)
        reasons, alone_reasons = match.explanation.split("; ", 1), alone.explanation.split("; ", 1)
        assert reasons[1].startswith(alone_reasons[1]), (query, match.name)


def test_matches_are_one_per_party_best_first_above_the_floor() -> None:
    listed = [
        _party("a", "Person", "KIM YONG CHOL", "KIM YONG CHOUL"),
        _party("b", "Person", "KIM YONG CHUL"),
        _party("c", "Person", "KIM YONG SU"),
        *FILLER[:100],
    ]
    screener = NameScreener(listed)
    found = screener.matches("Kim Yong Chol", "Person")
    ids = [m.party.entry_id for m in found]
    assert len(ids) == len(set(ids))  # a party once, under its best name
    assert ids[0] == "a" and found[0].name == "KIM YONG CHOL" and found[0].score == 1.0
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    floor = screener.matches("Kim Yong Chol", "Person", min_score=0.5)
    assert floor == [m for m in found if m.score >= 0.5] and "c" not in {
        m.party.entry_id for m in floor
    }
    best = screener.best("Kim Yong Chol", "Person")
    assert best == found[0]


def test_matches_of_many_names_are_each_names_matches() -> None:
    listed = [
        _party("a", "Vessel", "CHON MA SAN", "CHONMASAN"),
        _party("b", "Vessel", "CHON MA SAN 2"),
        _party("c", "Vessel", "SAM JONG 1"),
        *(_party(f"v{i}", "Vessel", f"OCEAN STAR {i}") for i in range(50)),
    ]
    screener = NameScreener(listed)
    names = ["CHONMASAN", "SAM JONG 2", "OCEAN STARS 7", "NOTHING LIKE IT", ""]
    for floor in (0.0, 0.5):
        together = screener.matches_many(names, "Vessel", min_score=floor)
        assert together == [screener.matches(n, "Vessel", min_score=floor) for n in names]
    first = screener.matches_many(names, "Vessel", min_score=0.5)[0]
    assert first[0].party.entry_id == "a" and first[0].score == 1.0
    assert screener.matches_many([], "Vessel") == []
