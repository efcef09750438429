"""The plan: what a bidder commits to and how they will deliver it (the .svplan file's model)."""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
)

PLAN_FORMAT = 1
MAX_TARGET = 1e12
MAX_TEXT = 20_000
MAX_SHORT = 500
MIN_DATE = dt.date(1990, 1, 1)
MAX_DATE = dt.date(2200, 12, 31)
MAX_MONTHS = 600

ShortText = Annotated[str, Field(max_length=MAX_SHORT)]
LongText = Annotated[str, Field(max_length=MAX_TEXT)]


class Reporting(StrEnum):
    """How often progress on a commitment is reported."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SIX_MONTHLY = "six-monthly"
    ANNUALLY = "annually"

    @property
    def label(self) -> str:
        return {"six-monthly": "Every six months"}.get(self.value, self.value.capitalize())


def _date_in_range(value: dt.date | None) -> dt.date | None:
    if value is not None and not (MIN_DATE <= value <= MAX_DATE):
        raise ValueError(f"the date {value.isoformat()} is out of range (1990 to 2200)")
    return value


def _number(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("must be a number, not yes/no")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be an ordinary number (not NaN or infinity)")
    return value


class _Model(BaseModel):
    """Plan parts keep unknown keys (so nothing a newer tool wrote is lost) and strip text."""

    model_config = ConfigDict(
        extra="allow", validate_assignment=True, str_strip_whitespace=False, populate_by_name=True
    )


class Person(_Model):
    """The social value lead (champion) for the bid."""

    name: ShortText = ""
    role: ShortText = ""
    email: ShortText = ""
    phone: ShortText = ""

    def is_empty(self) -> bool:
        return not (self.name or self.role or self.email or self.phone)


class Bid(_Model):
    """The tender and contract the plan is written for."""

    title: ShortText = ""
    reference: ShortText = ""
    authority: ShortText = ""
    bidder: ShortText = ""
    contract_value: float | None = Field(default=None, ge=0, le=MAX_TARGET, allow_inf_nan=False)
    start: dt.date | None = None
    months: int | None = Field(default=None, ge=1, le=MAX_MONTHS)
    version: ShortText = ""  # document version shown on the cover, e.g. "1.0"
    status: ShortText = ""  # e.g. "Draft", "Final"
    issued: dt.date | None = None  # date of issue shown on the cover

    _in_range = field_validator("start", "issued")(_date_in_range)
    _finite = field_validator("contract_value", mode="before")(_number)

    @property
    def years(self) -> int | None:
        """Contract years, rounding part years up (36 months -> 3, 30 -> 3)."""
        return None if not self.months else math.ceil(self.months / 12)

    @property
    def end(self) -> dt.date | None:
        """Last day of the contract, when start and months are known."""
        if self.start is None or not self.months:
            return None
        month0 = self.start.month - 1 + self.months
        year, month = self.start.year + month0 // 12, month0 % 12 + 1
        day = min(self.start.day, _days_in_month(year, month))
        return dt.date(year, month, day) - dt.timedelta(days=1)


def _days_in_month(year: int, month: int) -> int:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


class Action(_Model):
    """A delivery step with a deadline and an owner."""

    action: ShortText = ""
    due: dt.date | None = None
    owner: ShortText = ""

    _in_range = field_validator("due")(_date_in_range)


class Risk(_Model):
    """Something that could stop delivery, and how it will be handled."""

    risk: ShortText = ""
    mitigation: LongText = ""


class Commitment(_Model):
    """One measure the bidder commits to, with its target and how it will be delivered."""

    measure: Annotated[str, Field(min_length=1, max_length=40)]
    target: float | None = Field(default=None, ge=0, le=MAX_TARGET, allow_inf_nan=False)
    yearly: list[Annotated[float, Field(ge=0, le=MAX_TARGET, allow_inf_nan=False)]] | None = Field(
        default=None, max_length=50
    )
    owner: ShortText = ""
    resources: LongText = ""
    actions: list[Action] = Field(default_factory=list, max_length=1000)
    partners: list[ShortText] | None = None  # None: every partner the catalogue suggests
    evidence: LongText = ""
    reporting: Reporting | None = None
    risks: list[Risk] = Field(default_factory=list, max_length=1000)
    notes: LongText = ""

    _finite_target = field_validator("target", mode="before")(_number)

    @field_validator("yearly", mode="before")
    @classmethod
    def _finite_years(cls, value: Any) -> Any:
        if isinstance(value, list):
            for item in value:
                _number(item)
        return value

    @field_validator("measure")
    @classmethod
    def _code(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("a commitment needs a measure code")
        return value


class Plan(_Model):
    """A social value delivery plan (the .svplan file)."""

    svplan: int = Field(default=PLAN_FORMAT, ge=1)
    catalogue: ShortText = "lancashire-toms"
    bid: Bid = Field(default_factory=Bid)
    lead: Person = Field(default_factory=Person)
    monitoring: LongText = ""  # how data is collected and reviewed, beyond the defaults
    commitments: list[Commitment] = Field(default_factory=list, max_length=20_000)

    def commitment(self, code: str) -> Commitment | None:
        """The commitment for a measure code (any case), if the plan has one."""
        code = code.upper()
        return next((c for c in self.commitments if c.measure.upper() == code), None)

    @property
    def codes(self) -> list[str]:
        return [c.measure for c in self.commitments]
