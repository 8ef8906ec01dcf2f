"""The regime file's ``assessment`` section: the rules' parameters and the confidence table.

Data, not code: changing a weight or a port is an edit to the regime file, and the version
travels with every finding.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

WORD_COUNT = 7  # ICD 203 has seven expressions of likelihood


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Word(Strict):
    word: str = Field(min_length=1)
    low: float = Field(ge=0, le=1)
    high: float = Field(ge=0, le=1)


class ConfidenceTable(Strict):
    """Grades to chances, rules to inference strengths, chances to ICD 203 words."""

    words: tuple[Word, ...] = Field(min_length=WORD_COUNT, max_length=WORD_COUNT)
    reliability: dict[str, float]
    credibility: dict[str, float]
    inference: dict[str, float]
    confirmed_providers: int = Field(ge=2)
    unconfirmed_ceiling: float = Field(gt=0, le=1)
    ceiling: float = Field(gt=0, le=1)

    @model_validator(mode="after")
    def _complete(self) -> ConfidenceTable:
        if sorted(self.reliability) != list("ABCDEF"):
            raise ValueError("reliability needs a value for each of A-F")
        if sorted(self.credibility) != [str(c) for c in range(1, 7)]:
            raise ValueError("credibility needs a value for each of 1-6")
        values = [*self.reliability.values(), *self.credibility.values(), *self.inference.values()]
        if any(not 0 <= v <= 1 for v in values):
            raise ValueError("chances lie in [0, 1]")
        lows = [w.low for w in self.words]
        if lows != sorted(lows) or any(w.high < w.low for w in self.words):
            raise ValueError("words go from least to most likely, each low <= high")
        return self


class Place(Strict):
    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    radius_km: float = Field(gt=0)


class ArmsShuttle(Strict):
    dprk_end: tuple[Place, ...] = Field(min_length=1)
    foreign_end: tuple[Place, ...] = Field(min_length=1)
    repeated_voyages: int = Field(ge=2)


class RuleParams(Strict):
    tanker_ship_types: tuple[int, ...] = Field(min_length=1)
    supply_port_countries: tuple[str, ...] = Field(min_length=1)
    assumed_deadweight_t: float = Field(gt=0)
    arms_shuttle: ArmsShuttle
    claim_provisions: dict[str, tuple[str, ...]]
    merge_days: float = Field(ge=0)


class Assessment(Strict):
    version: str = Field(min_length=1)
    confidence: ConfidenceTable
    rules: RuleParams

    def provisions_cited(self) -> set[str]:
        return {p for ps in self.rules.claim_provisions.values() for p in ps}
