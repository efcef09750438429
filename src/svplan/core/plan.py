"""The plan: what a bidder commits to and how they will deliver it (the .svplan file's model)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

PLAN_FORMAT = 2  # docs/plan-format.md: what each version added, and how older files upgrade
MAX_TARGET = 1e12
MAX_TEXT = 20_000
MAX_SHORT = 500
MIN_DATE = dt.date(1990, 1, 1)
MAX_DATE = dt.date(2200, 12, 31)
MAX_MONTHS = 600
MAX_COMMITMENTS = 1000  # one per measure of the largest catalogue (500), with room to spare
MAX_PLAN_ACTIONS = 5000  # in the whole plan (a 43-measure plan has about 200); checked on load
MAX_PLAN_RISKS = 5000  # the commitments' and the plan-wide risks together; checked on load

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


def _not_a_number(value: Any) -> Any:
    """A date is written as a date: pydantic would read 1806451200 as Unix time (2027-03-31)."""
    text = str(value).strip().lstrip("+-").replace(".", "", 1)
    if isinstance(value, bool | int | float) or (isinstance(value, str) and text.isdigit()):
        raise ValueError(f"must be a date written as YYYY-MM-DD, not the number {value}")
    return value


Date = Annotated[dt.date, BeforeValidator(_not_a_number)]  # every date of the plan
Flag = Annotated[bool, Field(strict=True)]  # only true or false (not 'yes', 'on' or 1)


def _number(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("must be a number, not true or false")
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
    start: Date | None = None
    months: int | None = Field(default=None, ge=1, le=MAX_MONTHS)
    version: ShortText = ""  # document version shown on the cover, e.g. "1.0"
    status: ShortText = ""  # e.g. "Draft", "Final"
    issued: Date | None = None  # date of issue shown on the cover

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
    due: Date | None = None
    owner: ShortText = ""

    _in_range = field_validator("due")(_date_in_range)


class Rating(StrEnum):
    """Likelihood or impact of a risk."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Risk(_Model):
    """Something that could stop delivery, and how it will be handled."""

    risk: ShortText = ""
    mitigation: LongText = ""
    likelihood: Rating | None = None  # format 2
    impact: Rating | None = None  # format 2
    owner: ShortText = ""  # format 2


class Engagement(StrEnum):
    """How far the bidder has got with a partner (evaluators score engaged partners)."""

    IDENTIFIED = "identified"
    CONTACTED = "contacted"
    AGREED = "agreed"
    LETTER = "letter of support"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class PartnerRole(_Model):
    """A partner on this contract, in the bidder's words (format 2)."""

    partner: Annotated[str, Field(min_length=1, max_length=80)]  # catalogue partner id
    role: LongText = ""  # what the partner does on this contract (the bidder's words)
    status: Engagement | None = None
    date: Date | None = None  # when the status was reached

    _in_range = field_validator("date")(_date_in_range)


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
    # format 2
    approach: LongText = ""  # how it will be delivered, in the bidder's words (or adopted text)
    roles: list[PartnerRole] = Field(default_factory=list, max_length=1000)
    baseline: LongText = ""  # where the bidder starts from (e.g. "2 apprentices in 2026")
    additionality: LongText = ""  # why this goes beyond business as usual
    review: list[ShortText] = Field(default_factory=list, max_length=50)  # fields to check again

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


class Governance(_Model):
    """Who is accountable and how the plan is steered (format 2)."""

    sponsor: Person = Field(default_factory=Person)  # the executive sponsor
    cadence: LongText = ""  # review meetings: how often, who attends
    escalation: LongText = ""
    flow_down: LongText = ""  # how commitments flow down to subcontractors
    change_control: LongText = ""


class ReportingPlan(_Model):
    """The reporting calendar's owner and checks; return dates follow from the contract start."""

    data_owner: ShortText = ""
    verification: LongText = ""
    annual_review: LongText = ""


class ExportOptions(_Model):
    """Plan-wide choices for the documents (format 2)."""

    contact_details: Flag = True  # False: leave named officers' phones and emails out


class Answer(_Model):
    """The tender answer (method statement), as composed and then edited by the bidder."""

    words: int | None = Field(default=None, ge=1, le=100_000)  # word limit
    chars: int | None = Field(default=None, ge=1, le=1_000_000)  # character limit
    text: Annotated[str, Field(max_length=1_000_000)] = ""  # the bidder's edited answer
    edited: Flag = False  # True once the bidder changed the composed text
    portal_chars: int | None = Field(default=None, ge=1, le=100_000)  # narrative per measure


class ProxyValue(_Model):
    """£ per unit of one measure, from the bidder's authority (format 2)."""

    measure: Annotated[str, Field(min_length=1, max_length=40)]
    value: Decimal = Field(ge=0, le=Decimal("1e12"), allow_inf_nan=False)
    unit: ShortText = ""  # the unit the table states, when it states one
    per_level: Flag = False  # a level measure (%): value is £ per point of the level, per year


class ProxyTable(_Model):
    """The bidder's own proxy values (the product ships none)."""

    name: ShortText = ""
    source: ShortText = ""
    year: ShortText = ""
    values: list[ProxyValue] = Field(default_factory=list, max_length=5000)


class Evidence(_Model):
    """One piece of evidence for an actual: referenced, never copied into the plan."""

    what: ShortText = ""
    date: Date | None = None
    reference: ShortText = ""  # a reference or a file path
    # a person (new starter): `what` is the role and `date` the start date, plus only these two
    hours: float | None = Field(default=None, ge=0, le=168, allow_inf_nan=False)  # a week
    area: ShortText = ""  # first half of the home postcode ("PR1"), never the full postcode

    _in_range = field_validator("date")(_date_in_range)
    _finite = field_validator("hours", mode="before")(_number)


class Actual(_Model):
    """What was delivered on one measure in one contract quarter."""

    measure: Annotated[str, Field(min_length=1, max_length=40)]
    quarter: Annotated[str, Field(pattern=r"^Y[1-9][0-9]?Q[1-4]$")]  # Y1Q1 ...
    actual: float = Field(ge=0, le=MAX_TARGET, allow_inf_nan=False)
    note: LongText = ""
    evidence: list[Evidence] = Field(default_factory=list, max_length=1000)

    _finite = field_validator("actual", mode="before")(_number)


class Variation(_Model):
    """A change to a commitment after award (change control); the baseline is kept."""

    date: Date
    measure: Annotated[str, Field(min_length=1, max_length=40)]
    reason: LongText = ""
    target: float | None = Field(default=None, ge=0, le=MAX_TARGET, allow_inf_nan=False)
    yearly: list[Annotated[float, Field(ge=0, le=MAX_TARGET, allow_inf_nan=False)]] | None = None

    _in_range = field_validator("date")(_date_in_range)


class BaselineEntry(_Model):
    """A commitment's target and profile as awarded."""

    measure: Annotated[str, Field(min_length=1, max_length=40)]
    target: float | None = Field(default=None, ge=0, le=MAX_TARGET, allow_inf_nan=False)
    yearly: list[Annotated[float, Field(ge=0, le=MAX_TARGET, allow_inf_nan=False)]] | None = None


class RecoveryAction(_Model):
    """What will be done to bring a commitment that is not Good back on track."""

    measure: Annotated[str, Field(min_length=1, max_length=40)]
    quarter: ShortText = ""  # the quarter whose status asked for it
    action: LongText = ""
    owner: ShortText = ""
    due: Date | None = None

    _in_range = field_validator("due")(_date_in_range)


class Thresholds(_Model):
    """Delivery to date as a share of the profile to date, per Procurement Act level."""

    good: float = Field(default=0.95, ge=0, le=10)
    approaching: float = Field(default=0.80, ge=0, le=10)
    requires_improvement: float = Field(default=0.50, ge=0, le=10)

    @model_validator(mode="after")
    def _descending(self) -> Thresholds:  # a rating scale that goes up would rate nonsense
        if not (self.good >= self.approaching >= self.requires_improvement):
            raise ValueError(
                "the thresholds must go down from good to approaching to requires_improvement"
            )
        return self


class Delivery(_Model):
    """The contract's delivery record after award (format 2)."""

    awarded: Date | None = None
    baseline: list[BaselineEntry] = Field(default_factory=list, max_length=1000)
    variations: list[Variation] = Field(default_factory=list, max_length=10_000)
    actuals: list[Actual] = Field(default_factory=list, max_length=100_000)
    recovery: list[RecoveryAction] = Field(default_factory=list, max_length=10_000)
    thresholds: Thresholds = Field(default_factory=Thresholds)

    _in_range = field_validator("awarded")(_date_in_range)


class Plan(_Model):
    """A social value delivery plan (the .svplan file)."""

    svplan: int = Field(default=PLAN_FORMAT, ge=1)
    catalogue: ShortText = "lancashire-toms"
    bid: Bid = Field(default_factory=Bid)
    lead: Person = Field(default_factory=Person)
    monitoring: LongText = ""  # how data is collected and reviewed, beyond the defaults
    commitments: list[Commitment] = Field(default_factory=list, max_length=MAX_COMMITMENTS)
    # format 2
    governance: Governance = Field(default_factory=Governance)
    reporting: ReportingPlan = Field(default_factory=ReportingPlan)
    risks: list[Risk] = Field(default_factory=list, max_length=1000)  # plan-wide risks
    options: ExportOptions = Field(default_factory=ExportOptions)
    answer: Answer = Field(default_factory=Answer)
    proxies: ProxyTable | None = None
    delivery: Delivery = Field(default_factory=Delivery)

    def commitment(self, code: str) -> Commitment | None:
        """The commitment for a measure code (any case), if the plan has one."""
        code = code.upper()
        return next((c for c in self.commitments if c.measure.upper() == code), None)

    @property
    def codes(self) -> list[str]:
        return [c.measure for c in self.commitments]
