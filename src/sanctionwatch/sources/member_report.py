"""A member state's report: who submits it, its grade and releasability, and its claims.

The JSON schema users write to is generated from these models
(``docs/member-report.schema.json``, rebuilt by ``scripts/member_report_schema.py``).
Checks that need the regime (which provisions exist, who the members are) run in the
same validation pass through pydantic's context, so every problem is listed at once.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from sanctionwatch.assess.regime import Regime
from sanctionwatch.sources.validation import InvalidFileError, Problem, problems_of

SCHEMA_ID = "sanctionwatch/member-report/1"
MAX_REPORT_BYTES = 8 * 1024 * 1024  # reports are text; anything larger is not one
COUNTRY = r"^[A-Z]{2}$"
GRADE = r"^[A-F][1-6]$"
Product = Literal[
    "gas_diesel_oil",
    "motor_gasoline",
    "kerosene_jet",
    "residual_fuel_oil",
    "lpg",
    "crude_oil",
    "unknown",
]


def _grade(value: str) -> str:
    if not re.fullmatch(GRADE, value):
        raise ValueError(f"{value!r} is not an Admiralty grade: A-F then 1-6, e.g. B2")
    return value


Grade = Annotated[str, AfterValidator(_grade), Field(json_schema_extra={"pattern": GRADE})]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(Strict):
    """A quantity known to lie between two bounds (equal bounds: a point figure)."""

    low: float = Field(ge=0)
    high: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.high < self.low:
            raise ValueError("high must be at least low")
        return self


class Count(Range):
    """People or items as a range, e.g. 10,000-12,000 troops."""


class Quantity(Range):
    unit: Literal["containers", "units", "tonnes", "bbl", "wagons", "vehicles"]


class PetroleumQuantity(Range):
    unit: Literal["bbl", "t"]


class Money(Range):
    currency: str = Field(
        pattern=r"^[A-Z0-9]{2,6}$", description="ISO 4217 code or crypto ticker: USD, BTC, USDT"
    )


class Place(Strict):
    name: str = Field(min_length=1)
    country: str | None = Field(None, pattern=COUNTRY, description="ISO 3166-1 alpha-2")
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)

    @model_validator(mode="after")
    def _both_or_neither(self) -> Place:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon go together")
        return self


class Account(Strict):
    kind: Literal["bank_account", "crypto_address"]
    value: str = Field(min_length=1, description="IBAN or account number, or the address")
    institution: str | None = Field(None, description="bank, exchange or wallet provider")
    network: str | None = Field(None, description="blockchain for crypto addresses: BTC, ETH, TRON")
    holder: str | None = Field(None, description="id of the entity holding it")


class Entity(Strict):
    """A person, body, vessel or aircraft a claim involves, screenable against the lists."""

    id: str = Field(min_length=1, description="unique within the report; claims refer to it")
    schema_: Literal["Person", "Organization", "Company", "Vessel", "Airplane"] = Field(
        alias="schema"
    )
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    country: str | None = Field(None, pattern=COUNTRY, description="nationality, seat or flag")
    imo: str | None = Field(None, pattern=r"^\d{7}$")
    mmsi: str | None = Field(None, pattern=r"^\d{9}$")
    callsign: str | None = None
    deadweight_t: float | None = Field(None, gt=0, description="vessels: cargo capacity")
    identifiers: dict[str, str] = Field(default_factory=dict, description="others, by kind")
    notes: str | None = None


class ClaimBase(Strict):
    id: str = Field(min_length=1, description="unique within the report")
    summary: str = Field(min_length=1)
    entities: tuple[str, ...] = Field((), description="ids of the report's entities involved")
    provisions: tuple[str, ...] = Field((), description="provision ids the member cites")
    grade: Grade | None = Field(None, description="this claim's grade if not the report's")
    start: date | None = Field(None, description="first day (arms: departure)")
    end: date | None = Field(None, description="last day (arms: arrival; deliveries: the day)")

    @model_validator(mode="after")
    def _period(self) -> ClaimBase:
        if self.start and self.end and self.end < self.start:
            raise ValueError("end is before start")
        return self

    @field_validator("provisions")
    @classmethod
    def _known_provisions(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        regime = _regime(info)
        if regime is None:
            return value
        unknown = [p for p in value if p not in regime.provision_ids]
        if unknown:
            raise ValueError(f"unknown provision {', '.join(unknown)} in regime {regime.regime}")
        return value


class ArmsShipment(ClaimBase):
    type: Literal["arms_shipment"]
    mode: Literal["sea", "rail", "road", "air"]
    vessel: str | None = Field(None, description="entity id of the ship (or train, aircraft)")
    route: tuple[Place, ...] = Field(min_length=2, description="origin, stops, destination")
    quantity: Quantity | None = Field(None, description="containers, units, tonnes ...")
    munition_type: str | None = None


class Deployment(ClaimBase):
    type: Literal["deployment"]
    kind: Literal["troops", "workers"]
    unit: str | None = Field(None, description="military unit, or employer of workers")
    location: Place
    count: Count


class Training(ClaimBase):
    type: Literal["training"]
    kind: Literal["military", "paramilitary", "police", "technical"]
    trainers_from: str = Field(pattern=COUNTRY)
    trainees_from: str = Field(pattern=COUNTRY)
    location: Place
    subject: str = Field(min_length=1)
    count: Count | None = None


class PetroleumDelivery(ClaimBase):
    type: Literal["petroleum_delivery"]
    product: Product
    method: Literal["port_call", "ship_to_ship", "pipeline", "rail", "road"]
    vessel: str | None = Field(None, description="entity id of the tanker")
    supplier_state: str | None = Field(None, pattern=COUNTRY)
    loading: Place | None = None
    delivery: Place | None = None
    quantity: PetroleumQuantity | None = None
    laden_fraction: Range | None = Field(
        None, description="share of capacity loaded (0-1), e.g. from draught"
    )

    @field_validator("laden_fraction")
    @classmethod
    def _fraction(cls, value: Range | None) -> Range | None:
        if value is not None and value.high > 1:
            raise ValueError("a laden fraction is at most 1")
        return value


class FinancialDealing(ClaimBase):
    type: Literal["financial_dealing"]
    parties: tuple[str, ...] = Field(min_length=1, description="entity ids")
    amounts: tuple[Money, ...] = ()
    accounts: tuple[Account, ...] = ()
    purpose: str | None = None


class ImageryObservation(ClaimBase):
    type: Literal["imagery_observation"]
    sensor: str = Field(min_length=1, description="e.g. optical 0.5 m, SAR")
    observed_at: AwareDatetime
    location: Place
    observation: str = Field(min_length=1, description="what is seen")
    image_sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")

    @field_validator("location")
    @classmethod
    def _located(cls, value: Place) -> Place:
        if value.lat is None:
            raise ValueError("an imagery observation needs lat and lon")
        return value


Claim = Annotated[
    ArmsShipment
    | Deployment
    | Training
    | PetroleumDelivery
    | FinancialDealing
    | ImageryObservation,
    Field(discriminator="type"),
]
CLAIM_TYPES = frozenset(
    {
        "arms_shipment",
        "deployment",
        "training",
        "petroleum_delivery",
        "financial_dealing",
        "imagery_observation",
    }
)


class MemberReport(Strict):
    """One submission by one member of the monitoring team."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={"$id": SCHEMA_ID, "title": "Member state report"},
    )

    schema_version: Literal["1"]
    report_id: str = Field(min_length=1, description="the member's own reference")
    submitting_member: str = Field(pattern=COUNTRY)
    submitted: date
    title: str = Field(min_length=1)
    grade: Grade = Field(description="Admiralty: reliability A-F, credibility 1-6, e.g. B2")
    releasable_to: tuple[str, ...] = Field(
        min_length=1, description='["public"], or member codes allowed to see it'
    )
    simulated: bool = Field(False, description="true for made-up data (examples, simulations)")
    entities: tuple[Entity, ...] = ()
    # Checked by a validator, not min_length: pydantic's length check would also fire,
    # wrongly, when every claim is rejected.
    claims: tuple[Claim, ...] = Field(json_schema_extra={"minItems": 1})

    @field_validator("claims")
    @classmethod
    def _some_claims(cls, value: tuple[ClaimBase, ...]) -> tuple[ClaimBase, ...]:
        if not value:
            raise ValueError("a report makes at least one claim")
        return value

    @field_validator("submitting_member")
    @classmethod
    def _member(cls, value: str, info: ValidationInfo) -> str:
        regime = _regime(info)
        if regime is not None and value not in regime.members:
            raise ValueError(f"{value} is not a member of the {regime.monitoring_team.name}")
        return value

    @field_validator("releasable_to")
    @classmethod
    def _audiences(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        if value == ("public",):
            return value
        if "public" in value:
            raise ValueError('"public" stands alone')
        regime = _regime(info)
        members = regime.members if regime is not None else None
        strangers = [v for v in value if members is not None and v not in members]
        if strangers:
            raise ValueError(f"not members: {', '.join(strangers)}")
        return value

    @model_validator(mode="after")
    def _references(self) -> MemberReport:
        problems = _duplicates("entity", [e.id for e in self.entities])
        problems += _duplicates("claim", [c.id for c in self.claims])
        known = {e.id for e in self.entities}
        for claim in self.claims:
            missing = sorted(set(_entity_refs(claim)) - known)
            if missing:
                problems.append(f"claim {claim.id} names unknown entities {missing}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def reliability(self) -> str:
        return self.grade[0]

    @property
    def credibility(self) -> int:
        return int(self.grade[1])


def _regime(info: ValidationInfo) -> Regime | None:
    context = info.context
    regime = context.get("regime") if isinstance(context, dict) else None
    return regime if isinstance(regime, Regime) else None


def _duplicates(kind: str, ids: list[str]) -> list[str]:
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    return [f"{kind} ids repeat: {repeated}"] if repeated else []


def _entity_refs(claim: BaseModel) -> list[str]:
    refs = list(getattr(claim, "entities", ()))
    refs += [v for v in (getattr(claim, "vessel", None),) if v]
    refs += list(getattr(claim, "parties", ()))
    refs += [a.holder for a in getattr(claim, "accounts", ()) if a.holder]
    return refs


def parse_member_report(data: bytes, origin: str, regime: Regime) -> MemberReport:
    """Validate a report's bytes; raises ``InvalidFileError`` listing every problem."""
    if len(data) > MAX_REPORT_BYTES:
        limit = MAX_REPORT_BYTES // (1024 * 1024)
        raise InvalidFileError(origin, [Problem(f"{len(data)} bytes: larger than {limit} MiB")])
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InvalidFileError(origin, [Problem(f"not UTF-8: {exc}")]) from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise InvalidFileError(origin, [Problem(f"not valid JSON: {exc.msg} at {where}")]) from None
    try:
        return MemberReport.model_validate(document, context={"regime": regime}, by_alias=True)
    except ValidationError as exc:
        raise InvalidFileError(origin, problems_of(exc, CLAIM_TYPES)) from None


def read_member_report(path: Path, regime: Regime) -> tuple[MemberReport, bytes]:
    """The validated report in ``path`` and its bytes (for the archive)."""
    try:
        size = path.stat().st_size
        if size > MAX_REPORT_BYTES:
            limit = MAX_REPORT_BYTES // (1024 * 1024)
            raise InvalidFileError(path, [Problem(f"{size} bytes: larger than {limit} MiB")])
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidFileError(path, [Problem(f"cannot read: {exc.strerror or exc}")]) from None
    return parse_member_report(data, str(path), regime), data


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema of a member report, as committed under ``docs/``."""
    schema = MemberReport.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
