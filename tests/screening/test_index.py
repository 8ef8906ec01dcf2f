"""Candidate generation finds the listed party among many, by spelling or Korean reading."""

from __future__ import annotations

from sanctionwatch.screening.entries import ListedParty
from sanctionwatch.screening.index import NameIndex
from sanctionwatch.screening.names import NameScreener


def _party(entry_id: str, schema: str, *names: str, weak: tuple[str, ...] = ()) -> ListedParty:
    return ListedParty(
        list="t", snapshot_sha256="0" * 64, entry_id=entry_id, schema=schema, caption=names[0],
        names=names, weak_names=weak, previous_names=(), imos=(), mmsis=(), callsigns=(),
        programmes=("DPRK",), dprk=True,
    )  # fmt: skip


FILLER = [_party(f"p{i}", "Person", f"Person Number{i} Filler{i % 97}") for i in range(3000)]


def test_candidates_come_from_shared_terms_not_a_scan() -> None:
    target = _party("ri", "Person", "RI YONG HO")
    index = NameIndex("Person", [*FILLER, target])
    assert len(index) == 3001
    found = index.candidates("Lee Yeong-ho", limit=5)  # few shared letters; same syllables
    assert [c.party.entry_id for c in found][:1] == ["ri"]
    assert index.candidates("Zzzz Qqqq") == []


def test_screener_scores_and_weak_aliases_count_less() -> None:
    strong = _party("a", "Person", "KIM YONG CHOL")
    weak = _party("b", "Person", "PAK HAN SE", weak=("KIM YONG CHOL",))
    screener = NameScreener([*FILLER[:200], strong, weak])
    matches = {m.party.entry_id: m for m in screener.matches("Kim Young-Cheol", "Person")}
    assert matches["a"].score > matches["b"].score
    assert "weak alias" in matches["b"].explanation
    best = screener.best("Kim Young-Cheol", "Person")
    assert best is not None and best.party.entry_id == "a"
    assert screener.best("Kim Young-Cheol", "Vessel") is None  # no vessels listed
