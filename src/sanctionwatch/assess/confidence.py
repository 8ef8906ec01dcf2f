"""Confidence of a finding from its evidence's grades and independence (ICD 203 words).

Each item of evidence is accurate with chance reliability x credibility (the table in the
regime file). Items of one provider are not independent, so a provider counts once, by its
best item. Independent providers combine as independent witnesses:
1 - prod(1 - p_provider). The rule's inference strength (how directly its evidence shows the
violation) multiplies that. Without ``confirmed_providers`` independent providers the
result is held below ``unconfirmed_ceiling`` (at most "very likely"); nothing exceeds
``ceiling``. The word is the ICD 203 band the probability falls in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sanctionwatch.assess.calibration import ConfidenceTable
from sanctionwatch.assess.candidates import ENTITY_KIND, Ref
from sanctionwatch.assess.evidence import PUBLIC, SourceInfo


@dataclass(frozen=True)
class Confidence:
    word: str
    probability: float
    confirmed: bool
    providers: tuple[str, ...]
    single_source: bool  # rests on one provider alone
    single_member: bool  # ... and that provider is one member state


def provider_of(source: SourceInfo) -> str:
    return f"{source.provider_kind}:{source.provider}"


def item_chance(grade: str, table: ConfidenceTable) -> float:
    return table.reliability[grade[0]] * table.credibility[grade[1:]]


def word_for(probability: float, table: ConfidenceTable) -> str:
    chosen = table.words[0].word
    for band in table.words:
        if probability >= band.low:
            chosen = band.word
    return chosen


def assess_confidence(
    rule: str, refs: Iterable[Ref], sources: Mapping[int, SourceInfo], table: ConfidenceTable
) -> Confidence:
    best: dict[str, float] = {}
    kinds: dict[str, str] = {}
    for ref in refs:
        if ref.kind == ENTITY_KIND:
            continue  # particulars used by an estimate: no witness of the violation
        for source_id in ref.source_ids:
            source = sources.get(source_id)
            if source is None:
                continue
            provider = provider_of(source)
            chance = item_chance(ref.grade or source.grade, table)
            best[provider] = max(best.get(provider, 0.0), chance)
            kinds[provider] = source.provider_kind
    doubt = 1.0
    for chance in best.values():
        doubt *= 1.0 - chance
    confirmed = len(best) >= table.confirmed_providers
    probability = (1.0 - doubt) * table.inference[rule]
    if not confirmed:
        probability = min(probability, table.unconfirmed_ceiling)
    probability = round(min(probability, table.ceiling), 4)
    providers = tuple(sorted(best))
    single = len(providers) == 1
    return Confidence(
        word=word_for(probability, table),
        probability=probability,
        confirmed=confirmed,
        providers=providers,
        single_source=single,
        single_member=single and kinds[providers[0]] == "member_state",
    )


def releasability(refs: Iterable[Ref], sources: Mapping[int, SourceInfo]) -> tuple[str, ...]:
    """Who may see a finding: everyone its every source may be shown to. ``public`` is
    everyone; an empty result means no member may see all of it."""
    allowed: set[str] | None = None  # None: public so far
    for ref in refs:
        for source_id in ref.source_ids:
            source = sources.get(source_id)
            if source is None or PUBLIC in source.releasability:
                continue
            members = set(source.releasability)
            allowed = members if allowed is None else allowed & members
    return (PUBLIC,) if allowed is None else tuple(sorted(allowed))


def visible_to(releasable: Iterable[str], audience: str) -> bool:
    shown = set(releasable)
    return PUBLIC in shown or (audience != PUBLIC and audience in shown)
