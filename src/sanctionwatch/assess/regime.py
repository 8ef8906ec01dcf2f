"""A sanctions regime as data: provisions, caps, reporting duties, conversion factors.

The file (``regimes/dprk.yaml`` by default) is validated whole when loaded; every
problem is reported with the file and the field path, so a typo never becomes a
silently missing rule.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sanctionwatch.assess.calibration import Assessment
from sanctionwatch.sources.validation import InvalidFileError, Problem, problems_of

DEFAULT_REGIME = "dprk"
Category = Literal[
    "arms",
    "training",
    "asset_freeze",
    "travel_ban",
    "finance",
    "exports",
    "maritime",
    "joint_ventures",
    "petroleum",
    "workers",
    "designated_vessels",
]
Unit = Literal["bbl", "t"]
MONTH_DAY = r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
COUNTRY = r"^[A-Z]{2}$"


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt key must not vanish."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Quantity(Strict):
    quantity: float = Field(gt=0)
    unit: Unit


class Cap(Quantity):
    """A ceiling on what may be supplied in each period."""

    alternative: Quantity | None = None  # e.g. 525,000 t beside 4,000,000 bbl (2397/4)
    period: Literal["calendar_year", "twelve_months"]
    period_start: str = Field("01-01", pattern=MONTH_DAY)  # MM-DD each period begins
    since: date


class Reporting(Strict):
    """A duty to tell someone something, regularly or at thresholds."""

    by: str
    to: str
    what: str
    every_days: int | None = Field(None, gt=0)
    at_fractions_of_cap: tuple[float, ...] = ()
    confirmed: bool = True  # False: the duty's detail is to be checked against the text


class Provision(Strict):
    """One operative paragraph (or a rule drawn from several): what findings cite."""

    id: str = Field(min_length=1)
    resolution: int | None = Field(None, ge=1)
    paragraph: str | None = None
    paragraph_confirmed: bool
    category: Category
    summary: str = Field(min_length=1)
    prohibits: tuple[str, ...] = Field(min_length=1)
    cap: Cap | None = None
    reporting: tuple[Reporting, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _id_names_the_paragraph(self) -> Provision:
        if self.resolution is not None and self.paragraph is not None:
            expected = f"{self.resolution}/{self.paragraph}"
            if self.id != expected:
                raise ValueError(f"id {self.id!r} should be {expected!r} (resolution/paragraph)")
        elif self.paragraph_confirmed:
            raise ValueError("a provision without resolution and paragraph cannot be confirmed")
        return self


class MonitoringTeam(Strict):
    name: str
    members: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _codes(self) -> MonitoringTeam:
        bad = [m for m in self.members if not re.fullmatch(COUNTRY, m)]
        if bad:
            raise ValueError(f"members are ISO 3166-1 alpha-2 codes, not {bad}")
        return self


class Factor(Strict):
    bbl_per_t: float = Field(gt=0)
    source: str = Field(min_length=1)


class ProductFactor(Factor):
    alternatives: tuple[Factor, ...] = ()


class ConversionFactors(Strict):
    """Tonnes to barrels per product: a versioned table with its sources."""

    version: str = Field(min_length=1)
    unit: Literal["bbl/t"]
    products: dict[str, ProductFactor] = Field(min_length=1)


class PetroleumLedger(Strict):
    provision: str
    scenarios: tuple[float, ...] = Field(min_length=1)  # laden fractions
    scenarios_source: str
    default_product: str

    @model_validator(mode="after")
    def _scenarios(self) -> PetroleumLedger:
        if any(not 0 < s <= 1 for s in self.scenarios):
            raise ValueError("scenarios are laden fractions in (0, 1]")
        if list(self.scenarios) != sorted(set(self.scenarios)):
            raise ValueError("scenarios must be distinct and ascending")
        return self


class Regime(Strict):
    regime: str = Field(pattern=r"^[a-z0-9_-]+$")
    title: str
    version: str
    committee: str
    sources: tuple[str, ...] = Field(min_length=1)
    monitoring_team: MonitoringTeam
    provisions: tuple[Provision, ...] = Field(min_length=1)
    petroleum_ledger: PetroleumLedger | None = None
    conversion_factors: ConversionFactors | None = None
    assessment: Assessment | None = None  # rules' parameters and the confidence table

    @model_validator(mode="after")
    def _consistent(self) -> Regime:
        ids = [p.id for p in self.provisions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"provision ids must be unique: {duplicates} repeat")
        if self.assessment is not None:
            unknown = sorted(self.assessment.provisions_cited() - set(ids))
            if unknown:
                raise ValueError(f"assessment.rules.claim_provisions: unknown provisions {unknown}")
        ledger = self.petroleum_ledger
        if ledger is None:
            return self
        capped = self.provision_by_id(ledger.provision)
        if capped is None or capped.cap is None or capped.cap.unit != "bbl":
            raise ValueError(f"petroleum_ledger.provision {ledger.provision!r}: no barrel cap")
        factors = self.conversion_factors
        if factors is None or ledger.default_product not in factors.products:
            raise ValueError(
                f"petroleum_ledger.default_product {ledger.default_product!r} "
                "has no conversion factor"
            )
        return self

    def provision_by_id(self, provision_id: str) -> Provision | None:
        return next((p for p in self.provisions if p.id == provision_id), None)

    def provision(self, provision_id: str) -> Provision:
        found = self.provision_by_id(provision_id)
        if found is None:
            raise KeyError(f"{self.regime}: no provision {provision_id!r}")
        return found

    @property
    def provision_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.provisions)

    @property
    def members(self) -> frozenset[str]:
        return frozenset(self.monitoring_team.members)


def parse_regime(text: str, origin: str) -> Regime:
    """Validate a regime document; every problem is listed with its field path."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InvalidFileError(origin, [Problem(f"not valid YAML: {exc}")]) from None
    try:
        return Regime.model_validate(data)
    except ValidationError as exc:
        raise InvalidFileError(origin, problems_of(exc)) from None


def load_regime(path: Path | None = None) -> Regime:
    """The regime in ``path``, or the packaged DPRK regime."""
    if path is None:
        return default_regime()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidFileError(path, [Problem(f"cannot read: {exc}")]) from None
    return parse_regime(text, str(path))


@cache
def default_regime() -> Regime:
    name = f"{DEFAULT_REGIME}.yaml"
    text = resources.files("sanctionwatch.regimes").joinpath(name).read_text(encoding="utf-8")
    return parse_regime(text, f"regimes/{name}")
