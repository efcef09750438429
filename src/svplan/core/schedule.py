"""The year-by-year schedule of a plan and its headline totals by theme (no Qt).

A row per commitment with a target: its figure for each dated contract year, its total and, for
£ measures, the share of the contract value. Level measures (NT41's % of staff) are held each
year: their "total" is the level itself, never a sum of the years (Catalogue.is_level).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from svplan.core.catalogue import Catalogue, Unit
from svplan.core.periods import Period, contract_years
from svplan.core.plan import Commitment, Plan
from svplan.core.sentences import decimals_for, quantity, share_of_contract

__all__ = ["Row", "ThemeTotals", "schedule", "theme_totals"]


@dataclass
class Row:
    """One commitment in the schedule."""

    code: str
    title: str  # the measure's short title ('' for a code the catalogue does not know)
    unit: Unit | None
    level: bool  # a level held each year, not a sum
    years: list[float | None]  # one per contract year (None: no figure for that year)
    total: float | None  # the target (for a level: the level)
    decimals: int  # the same for every figure of the row

    def cell(self, value: float | None) -> str:
        """A figure with its unit ('6 FTE', '£250,000'); '' for no figure."""
        return quantity(self.unit, value, self.decimals)

    @property
    def money(self) -> bool:
        return self.unit is not None and self.unit.prefix == "£"


def schedule(plan: Plan, catalogue: Catalogue) -> tuple[list[Period], list[Row]]:
    """The dated contract years and a row per commitment, in catalogue order (unknown codes last).

    With no contract dates the years are numbered only (Period list empty) and the rows have as
    many years as the longest yearly profile.
    """
    years = contract_years(plan.bid.start, plan.bid.months)
    count = (
        len(years)
        or plan.bid.years
        or max((len(c.yearly or []) for c in plan.commitments), default=0)
    )
    rows = [_row(c, catalogue, count) for c in _ordered(plan, catalogue)]
    return years, rows


def _ordered(plan: Plan, catalogue: Catalogue) -> list[Commitment]:
    known = [c for c in plan.commitments if catalogue.has_measure(c.measure)]
    known.sort(key=lambda c: catalogue.order_of(catalogue.measure(c.measure).code))
    return known + [c for c in plan.commitments if not catalogue.has_measure(c.measure)]


def _row(c: Commitment, catalogue: Catalogue, count: int) -> Row:
    yearly = list(c.yearly or [])
    cells: list[float | None] = [yearly[i] if i < len(yearly) else None for i in range(count)]
    cells += yearly[count:]  # figures beyond the contract stay visible (check reports them)
    if catalogue.has_measure(c.measure):
        m = catalogue.measure(c.measure)
        unit, level, code, title = (
            catalogue.unit_of(m.code),
            catalogue.is_level(m.code),
            m.code,
            m.short,
        )
    else:
        unit, level, code, title = None, False, c.measure.strip(), ""
    return Row(code, title, unit, level, cells, c.target, decimals_for(unit, [c.target, *yearly]))


def total_cell(row: Row, plan: Plan) -> str:
    """The total column: '18 FTE', '£750,000 (30% of the contract value)', '100% each year'."""
    if row.total is None:
        return ""
    text = row.cell(row.total)
    if row.level:
        figures = {v for v in row.years if v is not None}
        return f"{text} each year" if figures <= {row.total} else f"{text} by the end"
    share = share_of_contract(row.total, plan) if row.money else ""
    return f"{text} ({share} of the contract value)" if share else text


@dataclass
class ThemeTotals:
    """A theme's commitments and their headline totals, one per unit."""

    name: str
    codes: list[str] = field(default_factory=list)
    totals: list[str] = field(default_factory=list)  # '21 FTE', '£760,000 (30% of ...)'


def theme_totals(plan: Plan, catalogue: Catalogue) -> list[ThemeTotals]:
    """Per theme (catalogue order), the commitments with a target and their totals per unit.

    Only what the plan fills in counts: commitments without a target are left out. Levels are
    listed as they are ('100% of staff'), never added to anything.
    """
    out: list[ThemeTotals] = []
    _, rows = schedule(plan, catalogue)
    for theme in catalogue.themes:
        here = [
            r
            for r in rows
            if r.total is not None
            and catalogue.has_measure(r.code)
            and catalogue.measure(r.code).theme == theme.id
        ]
        if not here:
            continue
        entry = ThemeTotals(theme.name, [r.code for r in here])
        sums: dict[str, tuple[Unit | None, float, list[float]]] = {}
        for r in here:
            if r.level:
                entry.totals.append(f"{_named(r.unit, r.cell(r.total))} ({r.code})")
                continue
            key = r.unit.id if r.unit else ""
            unit, total, values = sums.get(key, (r.unit, 0.0, []))
            sums[key] = (unit, total + (r.total or 0.0), [*values, r.total or 0.0])
        for unit, total, values in sums.values():
            text = _named(unit, quantity(unit, total, decimals_for(unit, [*values, total])))
            share = (
                share_of_contract(total, plan) if unit is not None and unit.prefix == "£" else ""
            )
            entry.totals.append(f"{text} ({share} of the contract value)" if share else text)
        out.append(entry)
    return out


def _named(unit: Unit | None, text: str) -> str:
    """'£17,000' -> '£17,000 invested, including staff time'; '100%' -> '100% of staff': the
    unit's name where the figure alone would not say what it counts."""
    if unit is None:
        return text
    name = " ".join(unit.name.split())
    if unit.prefix and name.startswith(unit.prefix):
        rest = name[len(unit.prefix) :].strip()
        return f"{text} in {rest}" if rest == "value" else f"{text} {rest}"
    if unit.suffix and name.startswith(unit.suffix) and name != unit.suffix:
        return f"{text} {name[len(unit.suffix) :].strip()}"
    return text
