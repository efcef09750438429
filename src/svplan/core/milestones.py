"""The milestone plan, the mobilisation milestones and the reporting calendar (no Qt).

- ``milestones(plan, catalogue)``: every action of every commitment that has a description or a
  date, sorted by date (undated last), each with its dated contract quarter, owner and measure.
- ``mobilisation(plan, catalogue)``: the first 90 days of the contract: governance in place (day
  30), every named partner contacted (day 60), baselines recorded (day 90). They follow from what
  the plan already holds (its lead, sponsor, partners and commitments) and are labelled
  "Mobilisation" wherever they are shown.
- ``reporting_calendar(plan)``: a return per contract quarter, due by the end of the month after
  the quarter ends, and an annual review after each contract year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from svplan.core.catalogue import Catalogue
from svplan.core.periods import Period, add_months, contract_quarters, contract_years, quarter_of
from svplan.core.plan import Plan

__all__ = [
    "MOBILISATION_DAYS",
    "Milestone",
    "Return",
    "milestones",
    "mobilisation",
    "reporting_calendar",
    "timeline",
]

MOBILISATION_DAYS = 90


@dataclass(frozen=True)
class Milestone:
    due: dt.date | None
    action: str
    owner: str
    code: str  # the measure ('' for a mobilisation milestone)
    quarter: Period | None  # the contract quarter the date falls in
    mobilisation: bool = False


def _text(value: str) -> str:
    return " ".join(value.split())


def _code(catalogue: Catalogue, code: str) -> str:
    return catalogue.measure(code).code if catalogue.has_measure(code) else code.strip()


def _lead(plan: Plan) -> str:
    lead = plan.lead
    return _text(lead.name) or _text(lead.role)


def mobilisation(plan: Plan, catalogue: Catalogue) -> list[Milestone]:
    """Milestones for the first 90 days; [] when the contract start is not known."""
    start = plan.bid.start
    if start is None:
        return []
    quarters = contract_quarters(start, plan.bid.months)
    owner = _lead(plan)
    out: list[tuple[int, str]] = []
    sponsor = _text(plan.governance.sponsor.name)
    who = [
        x
        for x in (
            f"executive sponsor {sponsor}" if sponsor else "",
            f"social value lead {owner}" if owner else "",
        )
        if x
    ]
    out.append(
        (
            30,
            "Governance in place: "
            + (" and ".join(who) + " confirmed, " if who else "")
            + "first social value review meeting held",
        )
    )
    partners = _partner_names(plan, catalogue)
    if partners:
        out.append(
            (60, "Every delivery partner contacted and briefed on its role: " + ", ".join(partners))
        )
    codes = [_code(catalogue, c.measure) for c in plan.commitments]
    if codes:
        out.append(
            (
                MOBILISATION_DAYS,
                "Baseline recorded for every commitment, ready for the first quarterly return",
            )
        )
    return [
        Milestone(
            start + dt.timedelta(days=day - 1),
            text,
            owner,
            "",
            quarter_of(start + dt.timedelta(days=day - 1), quarters),
            mobilisation=True,
        )
        for day, text in out
    ]


def _partner_names(plan: Plan, catalogue: Catalogue) -> list[str]:
    """The partners the plan names (roles recorded, known to the catalogue, not left out)."""
    names: dict[str, str] = {}
    for c in plan.commitments:
        left_out: set[str] = set()
        if c.partners is not None and catalogue.has_measure(c.measure):
            left_out = set(catalogue.measure(c.measure).partner_ids) - set(c.partners)
        for role in c.roles:
            pid = role.partner.strip()
            if pid in names or pid in left_out or not catalogue.has_partner(pid):
                continue
            name = " ".join(catalogue.partner(pid).name.split())
            names[pid] = re.sub(r" [-–—] ", " – ", name)  # one dash style, as in the plan
    return list(names.values())


def milestones(
    plan: Plan, catalogue: Catalogue, *, with_mobilisation: bool = True
) -> list[Milestone]:
    """Every action with a description or a date, sorted by date (undated last), then measure."""
    quarters = contract_quarters(plan.bid.start, plan.bid.months)
    out: list[Milestone] = list(mobilisation(plan, catalogue)) if with_mobilisation else []
    for c in plan.commitments:
        code = _code(catalogue, c.measure)
        for a in c.actions:
            if not a.action.strip() and a.due is None:
                continue
            q = quarter_of(a.due, quarters) if a.due else None
            out.append(Milestone(a.due, _text(a.action), _text(a.owner), code, q))

    def key(m: Milestone) -> tuple:
        order = catalogue.order_of(m.code) if catalogue.has_measure(m.code) else 10**9
        return (m.due is None, m.due or dt.date.max, not m.mobilisation, order)

    return sorted(out, key=key)


@dataclass(frozen=True)
class Return:
    """A date in the reporting calendar: a quarterly return or an annual review."""

    period: Period  # the quarter (or year, for an annual review) it covers
    due: dt.date
    annual: bool = False


def _month_after(day: dt.date) -> dt.date:
    """The last day of the month after `day`'s month (returns are due within that month)."""
    first_next = add_months(dt.date(day.year, day.month, 1), 2)
    return first_next - dt.timedelta(days=1)


def reporting_calendar(plan: Plan) -> list[Return]:
    """A return per contract quarter and an annual review per contract year, by date.

    A quarter's return is due by the end of the month after the quarter ends; the annual review
    of a contract year by the end of the month after the year ends. [] without contract dates.
    """
    quarters = contract_quarters(plan.bid.start, plan.bid.months)
    years = contract_years(plan.bid.start, plan.bid.months)
    out = [Return(q, _month_after(q.end)) for q in quarters]
    out += [Return(y, _month_after(y.end), annual=True) for y in years]
    return sorted(out, key=lambda r: (r.due, r.annual))


def timeline(plan: Plan, catalogue: Catalogue) -> tuple[list[Period], list[tuple[str, list[str]]]]:
    """The quarter-by-quarter timeline: the contract quarters, and per commitment (catalogue
    order) a mark per quarter: 'action' (an action falls due), 'delivery' (the commitment has a
    figure for that contract year), '' (nothing). Mobilisation, then the commitments."""
    quarters = contract_quarters(plan.bid.start, plan.bid.months)
    if not quarters:
        return [], []
    rows: list[tuple[str, list[str]]] = []
    mob = mobilisation(plan, catalogue)
    if mob:
        rows.append(("Mobilisation", [_mark(q, [m.due for m in mob], None) for q in quarters]))
    ordered = sorted(
        plan.commitments,
        key=lambda c: (
            catalogue.order_of(_code(catalogue, c.measure))
            if catalogue.has_measure(c.measure)
            else 10**9
        ),
    )
    for c in ordered:
        dates = [a.due for a in c.actions if a.due]
        rows.append((_code(catalogue, c.measure), [_mark(q, dates, c.yearly) for q in quarters]))
    return quarters, rows


def _mark(q: Period, dates: list[dt.date | None], yearly: list[float] | None) -> str:
    if any(d is not None and q.contains(d) for d in dates):
        return "action"
    if yearly and q.year <= len(yearly) and yearly[q.year - 1] > 0:
        return "delivery"
    return ""
