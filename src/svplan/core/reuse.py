"""Start a new bid from a past one: keep the commitments and how they are delivered, clear what
belonged to the old tender, and (when asked) scale the targets to the new contract.

What is kept: every commitment with its target, profile, owner, resources, actions (without their
due dates), partners and the bidder's words about each partner's role (without engagement status),
evidence, reporting, risks, notes, approach, baseline and additionality; the social value lead,
governance, reporting plan, plan-wide risks and export options (the company's own ways of working).
What is cleared: the bid details (title, reference, authority, value, dates, version), every date,
every engagement status, the proxy values (they come from the old authority's calculator), the
delivery record and the tender answer.

Scaling: the total target of a quantity measure is multiplied by the new contract value over the
old one (or, when no value is given, the new length over the old one) and rounded to the unit's
decimals; the yearly profile keeps its shape over the new number of years and adds up to the new
target. Level measures (% of staff) are never scaled; their per-year levels are carried over the
new years. Every figure that changed is listed in Commitment.review ("target", "yearly") until the
user confirms it; nothing changes silently.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from svplan.core.catalogue import Catalogue
from svplan.core.plan import (
    Answer,
    Bid,
    Commitment,
    Delivery,
    Plan,
)

REVIEW_TARGET = "target"
REVIEW_YEARLY = "yearly"
REVIEW_LABELS = {REVIEW_TARGET: "target", REVIEW_YEARLY: "yearly figures"}


@dataclass(frozen=True)
class Scaled:
    """One figure that was scaled, for the summary the user is shown."""

    code: str
    field: str  # "target" or "yearly"
    old: float | list[float] | None
    new: float | list[float] | None


@dataclass
class ReuseResult:
    """The new plan and what happened on the way, in words the user is shown."""

    plan: Plan
    factor: float | None  # the scale applied to totals; None when nothing was scaled
    basis: str  # "contract value £2,400,000 → £3,000,000" or "" when nothing was scaled
    scaled: list[Scaled] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)


def scale_factor(
    old: Bid, *, value: float | Decimal | None, months: int | None
) -> tuple[float | None, str]:
    """How much to scale totals by, and why; (None, "") when there is nothing to scale by."""
    if value is not None and old.contract_value:
        from svplan.core.amounts import pounds

        factor = float(Decimal(str(value)) / Decimal(str(old.contract_value)))
        return factor, f"contract value {pounds(old.contract_value)} → {pounds(value)}"
    if months is not None and old.months:
        return months / old.months, f"contract length {old.months} → {months} months"
    return None, ""


def plan_from_past_bid(
    old: Plan,
    catalogue: Catalogue,
    *,
    value: float | Decimal | None = None,
    months: int | None = None,
    start: dt.date | None = None,
    scale: bool = True,
    bid: dict | None = None,
) -> ReuseResult:
    """A new plan from `old` (which is not changed) for a contract of `value` and `months`."""
    factor, basis = scale_factor(old.bid, value=value, months=months) if scale else (None, "")
    if factor is not None and math.isclose(factor, 1.0):
        factor, basis = None, ""
    years_old = old.bid.years
    years_new = math.ceil(months / 12) if months else years_old
    scaled: list[Scaled] = []
    commitments = [
        _copy_commitment(c, catalogue, factor, years_new, scaled) for c in old.commitments
    ]
    new_bid = Bid.model_validate(
        {
            **(bid or {}),
            "bidder": (bid or {}).get("bidder") or old.bid.bidder,
            "contract_value": float(value) if value is not None else None,
            "months": months,
            "start": start,
        }
    )
    plan = old.model_copy(
        deep=True,
        update={
            "bid": new_bid,
            "commitments": commitments,
            "answer": Answer(),
            "delivery": Delivery(),
            "proxies": None,
        },
    )
    cleared = [
        "the bid details (title, reference, authority, dates; the bidder's name is kept)",
        "action due dates",
        "partner engagement statuses and their dates",
        "the tender answer and its edits",
        "the delivery record",
    ]
    if old.proxies is not None:
        cleared.append("the proxy values (they came from the old authority's calculator)")
    return ReuseResult(plan, factor, basis, scaled, cleared)


def _copy_commitment(
    c: Commitment,
    catalogue: Catalogue,
    factor: float | None,
    years: int | None,
    scaled: list[Scaled],
) -> Commitment:
    review = list(c.review)
    update: dict = {
        "actions": [a.model_copy(update={"due": None}) for a in c.actions],
        "roles": [r.model_copy(update={"status": None, "date": None}) for r in c.roles],
    }
    known = catalogue.has_measure(c.measure)
    level = known and catalogue.is_level(c.measure)
    decimals = catalogue.unit_of(c.measure).decimals if known else 2
    target = c.target
    if factor is not None and target is not None and not level:
        target = _round(target * factor, decimals, keep_positive=target > 0)
        if target != c.target:
            update["target"] = target
            scaled.append(Scaled(c.measure, REVIEW_TARGET, c.target, target))
            _mark(review, REVIEW_TARGET)
    yearly = _profile(c.yearly, target, years, decimals, level)
    if yearly != c.yearly:
        update["yearly"] = yearly
        scaled.append(Scaled(c.measure, REVIEW_YEARLY, c.yearly, yearly))
        _mark(review, REVIEW_YEARLY)
    update["review"] = review
    return c.model_copy(deep=True, update=update)


def _mark(review: list[str], key: str) -> None:
    if key not in review:
        review.append(key)


def _round(value: float, decimals: int, *, keep_positive: bool) -> float:
    step = 10.0**-decimals
    rounded = math.floor(value / step + 0.5) * step
    rounded = round(rounded, decimals)
    if keep_positive and rounded <= 0:  # a commitment does not scale down to nothing
        rounded = step
    return float(int(rounded)) if decimals == 0 else rounded


def _profile(
    yearly: list[float] | None,
    target: float | None,
    years: int | None,
    decimals: int,
    level: bool,
) -> list[float] | None:
    """The old profile's shape over `years` years; quantities add up to `target`."""
    if not yearly:
        return yearly
    count = years or len(yearly)
    shape = [yearly[min(i, len(yearly) - 1)] for i in range(count)]  # the last year repeats
    if level:
        return shape
    if target is None:
        return shape if count == len(yearly) else None
    total = sum(shape)
    weights = [v / total for v in shape] if total > 0 else [1.0 / count] * count
    return _split(target, weights, decimals)


def _split(target: float, weights: list[float], decimals: int) -> list[float]:
    """Share `target` by `weights` in steps of the unit's decimals, adding up exactly
    (largest remainder), so the profile and the target never disagree."""
    scale = 10**decimals
    units = round(target * scale)
    raw = [w * units for w in weights]
    whole = [math.floor(r) for r in raw]
    left = units - sum(whole)
    order = sorted(range(len(raw)), key=lambda i: (whole[i] - raw[i], i))
    for i in order[:left]:
        whole[i] += 1
    if decimals == 0:
        return [float(n) for n in whole]
    return [round(n / scale, decimals) for n in whole]


def needs_review(plan: Plan) -> list[tuple[str, list[str]]]:
    """(measure code, fields to check) for every commitment with a figure still to confirm."""
    return [(c.measure, list(c.review)) for c in plan.commitments if c.review]


def review_text(fields: list[str]) -> str:
    """'target and yearly figures' for the Overview and the readiness finding."""
    labels = [REVIEW_LABELS.get(f, f) for f in fields]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def confirm(c: Commitment, fields: list[str] | None = None) -> Commitment:
    """The commitment with `fields` (default: all) confirmed, i.e. no longer marked for review."""
    keep = [] if fields is None else [f for f in c.review if f not in fields]
    return c.model_copy(update={"review": keep})
