"""After the award: the baseline, variations, the profile to date and each commitment's status.

The rules, in the words docs/delivery.md uses for a site team:

- **Award.** Marking the plan awarded copies every commitment's target and yearly profile into
  the baseline. The baseline is never changed afterwards.
- **Variations** (change control) each have a date and a reason and change a commitment's target,
  its yearly profile or both. The target in force is the baseline with every variation applied in
  date order (for equal dates, in the order they were recorded).
- **Quarterly profile.** Contract quarters are dated from the contract start (core/periods.py).
  For a measure that adds up (FTE, hours, £) a year's figure is spread evenly over that year's
  quarters; a commitment with a target and no yearly profile has its target spread evenly over
  the contract years first. The profile to date is the sum of the quarters up to and including
  the quarter asked about; the actual to date ("cumulative") is the sum of the actuals so far.
- **Level measures** (NT41's % of staff) are a level held each year, never summed: each quarter
  is due the level of its year (the yearly profile, else the target), and the level to date is
  the latest level reported in or before the quarter.
- **Status** compares the actual to date with the profile to date as a share of it, using the
  four levels of the Procurement Act 2023, with the plan's thresholds (defaults: Good at 95% or
  more, Approaching target from 80%, Requires improvement from 50%, Inadequate below). Nothing
  due yet is Good. A commitment with no target cannot be rated ("Not rated").
- **Recovery.** A commitment that is not Good needs a recovery action recorded for a quarter in
  its current run of quarters that are not Good; once it is Good again, a later slip needs a new
  one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from svplan.core.catalogue import Catalogue, Unit
from svplan.core.dates import format_date
from svplan.core.errors import SvplanError
from svplan.core.periods import Period, contract_quarters, contract_years
from svplan.core.plan import BaselineEntry, Plan, RecoveryAction, Thresholds, Variation

EPSILON = 1e-9


class DeliveryError(SvplanError):
    """A delivery-record change that cannot be made; the message says why in one sentence."""


class Level(StrEnum):
    """The Procurement Act 2023 performance ratings, best first."""

    GOOD = "Good"
    APPROACHING = "Approaching target"
    REQUIRES_IMPROVEMENT = "Requires improvement"
    INADEQUATE = "Inadequate"


NOT_RATED = "Not rated"
COUNT_KEYS: tuple[str, ...] = (*(level.value for level in Level), NOT_RATED)


def check_thresholds(t: Thresholds) -> None:
    """DeliveryError unless Good >= Approaching >= Requires improvement."""
    if not (t.good >= t.approaching >= t.requires_improvement):
        raise DeliveryError(
            f"The status thresholds must go down from Good ({t.good:.0%}) to Approaching target "
            f"({t.approaching:.0%}) to Requires improvement ({t.requires_improvement:.0%})."
        )


def level_for(ratio: float | None, t: Thresholds) -> Level:
    """The level for delivery to date as a share of the profile to date (None: nothing due)."""
    if ratio is None or ratio >= t.good - EPSILON:
        return Level.GOOD
    if ratio >= t.approaching - EPSILON:
        return Level.APPROACHING
    if ratio >= t.requires_improvement - EPSILON:
        return Level.REQUIRES_IMPROVEMENT
    return Level.INADEQUATE


def threshold_text(t: Thresholds) -> str:
    """'Good: 95% or more of the profile to date; Approaching target: 80% to 95%; ...'."""
    return (
        f"Good: {t.good:.0%} or more of the profile to date; Approaching target: "
        f"{t.approaching:.0%} to {t.good:.0%}; Requires improvement: {t.requires_improvement:.0%}"
        f" to {t.approaching:.0%}; Inadequate: below {t.requires_improvement:.0%}"
    )


# The award --------------------------------------------------------------------------------------


def quarters_of(plan: Plan) -> list[Period]:
    """The contract's quarters, dated; [] when the start or the length is not known."""
    return contract_quarters(plan.bid.start, plan.bid.months)


def is_awarded(plan: Plan) -> bool:
    return plan.delivery.awarded is not None


def require_awarded(plan: Plan) -> None:
    if not is_awarded(plan):
        raise DeliveryError(
            "The plan is not marked as awarded yet; mark it awarded (svplan award PLAN, or "
            "Delivery → Mark as awarded) before recording delivery."
        )


def award(plan: Plan, day: dt.date) -> Plan:
    """The plan marked awarded on `day`, with every commitment's target and profile as the
    baseline. DeliveryError when it is already awarded or cannot be dated."""
    if is_awarded(plan):
        raise DeliveryError(
            f"The plan was already marked awarded on {format_date(plan.delivery.awarded)}; "
            "change a target with a variation, so the awarded baseline is kept."
        )
    if plan.bid.start is None or not plan.bid.months:
        raise DeliveryError(
            "Set the contract start date and length in the bid details first: delivery is "
            "reported by contract quarter, dated from the start."
        )
    if not plan.commitments:
        raise DeliveryError("The plan has no commitments, so there is nothing to deliver yet.")
    baseline = [
        BaselineEntry(
            measure=c.measure,
            target=c.target,
            yearly=list(c.yearly) if c.yearly is not None else None,
        )
        for c in plan.commitments
    ]
    delivery = plan.delivery.model_copy(update={"awarded": day, "baseline": baseline})
    return plan.model_copy(update={"delivery": delivery})


# Targets in force -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effective:
    """A commitment's target and profile in force: the baseline with its variations applied."""

    code: str
    target: float | None
    yearly: tuple[float, ...] | None  # as recorded (baseline or the latest variation)
    years: tuple[float, ...]  # per contract year, filled in: the profile that is rated
    basis: str  # how `years` was derived, in words
    in_baseline: bool
    variations: tuple[Variation, ...] = ()

    @property
    def rated(self) -> bool:
        return bool(self.years)


def _same(a: str, b: str) -> bool:
    return a.strip().upper() == b.strip().upper()


def variations_of(plan: Plan, code: str) -> list[Variation]:
    """The commitment's variations in date order (recorded order for equal dates)."""
    found = [v for v in plan.delivery.variations if _same(v.measure, code)]
    return sorted(found, key=lambda v: v.date)


def effective(plan: Plan, code: str, catalogue: Catalogue) -> Effective:
    """The target and yearly profile in force for one commitment."""
    entry = next((b for b in plan.delivery.baseline if _same(b.measure, code)), None)
    in_baseline = entry is not None
    if entry is not None:
        target, yearly = entry.target, entry.yearly
    else:  # added after the award: its own figures, unless a variation set them
        own = plan.commitment(code)
        target = own.target if own is not None else None
        yearly = own.yearly if own is not None else None
    changes = variations_of(plan, code)
    for v in changes:
        if v.target is not None:
            target = v.target
        if v.yearly is not None:
            yearly = v.yearly
    n_years = len(contract_years(plan.bid.start, plan.bid.months))
    level = catalogue.is_level(code)
    years, basis = _years(target, yearly, n_years, level)
    return Effective(
        code=code,
        target=target,
        yearly=tuple(yearly) if yearly is not None else None,
        years=years,
        basis=basis,
        in_baseline=in_baseline,
        variations=tuple(changes),
    )


def _years(
    target: float | None, yearly: Sequence[float] | None, n_years: int, level: bool
) -> tuple[tuple[float, ...], str]:
    if n_years == 0:
        return (), "the contract start date or length is not set"
    if yearly:
        given = list(yearly[:n_years])
        filled = given + [0.0] * (n_years - len(given))
        basis = "the yearly profile"
        if len(yearly) < n_years:
            basis += f" (nothing is profiled after year {len(yearly)})"
        return tuple(float(v) for v in filled), basis
    if target is None:
        return (), "no target"
    if level:
        return (float(target),) * n_years, "the target level, held every year"
    share = float(target) / n_years
    years = "year" if n_years == 1 else f"{n_years} contract years"
    return (share,) * n_years, f"the target spread evenly over the {years} (no yearly profile)"


def vary(
    plan: Plan,
    catalogue: Catalogue,
    code: str,
    day: dt.date,
    reason: str,
    *,
    target: float | None = None,
    yearly: list[float] | None = None,
) -> Plan:
    """The plan with a variation recorded: the baseline is kept, the commitment shows the new
    figures. DeliveryError (one sentence) when it cannot be made."""
    require_awarded(plan)
    commitment = plan.commitment(code)
    if commitment is None:
        raise DeliveryError(f"{code} is not one of the plan's commitments.")
    if not reason.strip():
        raise DeliveryError(f"A variation to {commitment.measure} needs a reason (change control).")
    awarded = plan.delivery.awarded
    assert awarded is not None
    if day < awarded:
        raise DeliveryError(
            f"A variation dated {format_date(day)} is before the award on {format_date(awarded)}."
        )
    if target is None and yearly is None:
        raise DeliveryError(
            f"The variation to {commitment.measure} changes neither target nor profile."
        )
    now = effective(plan, commitment.measure, catalogue)
    new_target = target if target is not None else now.target
    new_yearly = list(yearly) if yearly is not None else (list(now.yearly) if now.yearly else None)
    years = len(contract_years(plan.bid.start, plan.bid.months))
    if new_yearly is not None and years and len(new_yearly) > years:
        raise DeliveryError(
            f"The profile for {commitment.measure} has {len(new_yearly)} years but the contract "
            f"runs {years}."
        )
    if new_target == now.target and (new_yearly or None) == (list(now.yearly or []) or None):
        raise DeliveryError(
            f"The variation to {commitment.measure} gives the figures already in force."
        )
    level = catalogue.is_level(commitment.measure)
    if new_yearly and new_target is not None and not level:
        total = sum(new_yearly)
        if abs(total - new_target) > 1e-6 * max(1.0, new_target):
            unit = _unit(catalogue, commitment.measure)
            raise DeliveryError(
                f"The yearly profile for {commitment.measure} adds up to {fmt(unit, total)}, not "
                f"the new target of {fmt(unit, new_target)}; give a profile that adds up to it."
            )
    variation = Variation(
        date=day,
        measure=commitment.measure,
        reason=reason.strip(),
        target=target,
        yearly=list(yearly) if yearly is not None else None,
    )
    delivery = plan.delivery.model_copy(
        update={"variations": [*plan.delivery.variations, variation]}
    )
    changed = commitment.model_copy(update={"target": new_target, "yearly": new_yearly})
    commitments = [changed if c is commitment else c for c in plan.commitments]
    return plan.model_copy(update={"delivery": delivery, "commitments": commitments})


def drift(plan: Plan, catalogue: Catalogue) -> list[str]:
    """Commitments whose figures in the plan differ from those in force under the contract
    (edited after the award without a variation), or that were added after the award."""
    if not is_awarded(plan):
        return []
    out = []
    for c in plan.commitments:
        now = effective(plan, c.measure, catalogue)
        unit = _unit(catalogue, c.measure)
        if not now.in_baseline and not now.variations:
            out.append(
                f"{c.measure} was added after the award; record a variation so the contract "
                "says so."
            )
        elif c.target != now.target:
            out.append(
                f"{c.measure}: the plan says {fmt(unit, c.target)} but the contract (baseline "
                f"and variations) says {fmt(unit, now.target)}; record a variation for the change."
            )
    return out


# Status -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterStatus:
    """One commitment in one quarter."""

    period: Period
    due: float  # this quarter's profile (sums) or the level due (levels)
    to_date: float  # the profile to date (sums) or the level due (levels)
    actual: float | None  # reported for this quarter; None if nothing was
    cumulative: float | None  # actual to date (sums) or latest level reported (levels)
    ratio: float | None  # cumulative / to_date; None when nothing is due
    level: Level | None  # None when the commitment cannot be rated


@dataclass(frozen=True)
class CommitmentStatus:
    """A commitment's delivery up to a quarter."""

    code: str
    level_measure: bool
    unit: Unit | None
    effective: Effective
    quarters: tuple[QuarterStatus, ...]  # Y1Q1 up to the quarter asked about
    recovery: tuple[RecoveryAction, ...]  # actions that answer the current run of slips
    needs_recovery: bool

    @property
    def now(self) -> QuarterStatus | None:
        return self.quarters[-1] if self.quarters else None

    @property
    def level(self) -> Level | None:
        return self.now.level if self.now else None

    @property
    def label(self) -> str:
        return self.level.value if self.level else NOT_RATED

    def format(self, value: float | None) -> str:
        return fmt(self.unit, value)


@dataclass(frozen=True)
class DeliveryStatus:
    """Every commitment's status up to one quarter, with the counts by level."""

    as_of: Period | None
    commitments: tuple[CommitmentStatus, ...]
    warnings: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def all_good(self) -> bool:
        return bool(self.commitments) and all(c.level is Level.GOOD for c in self.commitments)


def latest_reported(plan: Plan) -> Period | None:
    """The latest contract quarter with any actual (the default for reports and status)."""
    keys = {a.quarter for a in plan.delivery.actuals}
    found = [q for q in quarters_of(plan) if q.key in keys]
    return found[-1] if found else None


def delivery_status(
    plan: Plan, catalogue: Catalogue, as_of: Period | None = None
) -> DeliveryStatus:
    """Every commitment's status at `as_of` (default: the latest quarter with an actual)."""
    check_thresholds(plan.delivery.thresholds)
    as_of = as_of or latest_reported(plan)
    quarters = [q for q in quarters_of(plan) if as_of is not None and q <= as_of]
    rows = tuple(_status(plan, catalogue, c.measure, quarters) for c in plan.commitments)
    counts = {key: 0 for key in COUNT_KEYS}
    for row in rows:
        counts[row.label] += 1
    warnings = list(drift(plan, catalogue))
    known = {q.key for q in quarters_of(plan)}
    codes = {c.measure.upper() for c in plan.commitments}
    for a in plan.delivery.actuals:
        if a.quarter not in known:
            warnings.append(
                f"{a.measure} {a.quarter}: this quarter is outside the contract, so the actual "
                "is kept but not counted."
            )
        elif a.measure.upper() not in codes:
            warnings.append(
                f"{a.measure} {a.quarter}: {a.measure} is not one of the plan's commitments, so "
                "the actual is kept but not counted."
            )
    return DeliveryStatus(as_of, rows, tuple(warnings), counts)


def _status(
    plan: Plan, catalogue: Catalogue, code: str, quarters: list[Period]
) -> CommitmentStatus:
    eff = effective(plan, code, catalogue)
    is_level = catalogue.is_level(code)
    t = plan.delivery.thresholds
    actuals = {a.quarter: a.actual for a in plan.delivery.actuals if _same(a.measure, code)}
    per_year: dict[int, int] = {}
    for q in quarters_of(plan):
        per_year[q.year] = per_year.get(q.year, 0) + 1
    rows: list[QuarterStatus] = []
    to_date = 0.0
    done = 0.0
    latest: float | None = None
    for q in quarters:
        actual = actuals.get(q.key)
        if not eff.rated:
            rows.append(QuarterStatus(q, 0.0, 0.0, actual, None, None, None))
            continue
        year_figure = eff.years[q.year - 1] if q.year - 1 < len(eff.years) else 0.0
        if is_level:
            due = year_figure
            due_to_date = due
            if actual is not None:
                latest = actual
            cumulative = latest
            reached = latest or 0.0
        else:
            due = year_figure / per_year[q.year]
            to_date += due
            due_to_date = to_date
            done += actual or 0.0
            cumulative = done
            reached = done
        ratio = reached / due_to_date if due_to_date > EPSILON else None
        rows.append(
            QuarterStatus(q, due, due_to_date, actual, cumulative, ratio, level_for(ratio, t))
        )
    recovery, needs = _recovery(plan, code, rows)
    unit = catalogue.unit_of(code) if catalogue.has_measure(code) else None
    return CommitmentStatus(code, is_level, unit, eff, tuple(rows), recovery, needs)


def _recovery(
    plan: Plan, code: str, rows: list[QuarterStatus]
) -> tuple[tuple[RecoveryAction, ...], bool]:
    """The recovery actions for the current run of quarters that are not Good, and whether one
    is still needed."""
    if not rows or rows[-1].level in (None, Level.GOOD):
        return (), False
    run: set[str] = set()
    for row in reversed(rows):
        if row.level in (None, Level.GOOD):
            break
        run.add(row.period.key)
    actions = tuple(
        r for r in plan.delivery.recovery if _same(r.measure, code) and r.quarter in run
    )
    return actions, not actions


def _unit(catalogue: Catalogue, code: str) -> Unit | None:
    return catalogue.unit_of(code) if catalogue.has_measure(code) else None


def fmt(unit: Unit | None, value: float | None) -> str:
    """A quantity in its unit ('6 FTE', '£25,000', '92%'); '–' for nothing."""
    if value is None:
        return "–"
    if unit is None:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    rounded = round(value, unit.decimals)
    return unit.format(rounded if rounded != int(rounded) else float(int(rounded)))


def percent(ratio: float | None) -> str:
    """'96%' (nothing due: '–')."""
    return "–" if ratio is None else f"{ratio:.0%}"
