"""The "Social value in money terms" section of the delivery plan, as format-free blocks.

Only when the plan has a proxy table with values (core/money.py): without one, nothing about
money appears anywhere in the document. The figures are the bidder's own proxy values, named
with their source, and the section says they are proxies, not cash. Amounts are worked out
exactly and rounded to whole pounds here, once.
"""

from __future__ import annotations

from decimal import Decimal

from svplan.core.amounts import pounds
from svplan.core.money import (
    CAVEAT,
    MoneySummary,
    ValuedCommitment,
    attribution,
    money_text,
    pence_text,
    unit_word,
    value_plan,
)
from svplan.core.periods import contract_years, year_label
from svplan.export.blocks import PlanBlocks
from svplan.export.model import Run
from svplan.export.phrases import DASH, amount
from svplan.export.text import clean_text

TITLE = "Social value in money terms"
MAX_YEAR_COLUMNS = 5  # more contract years than this: the per-year figures go in their own table


def money_section(doc: PlanBlocks) -> None:
    """Add the section (numbered after the last one) when the plan has proxy values."""
    summary = value_plan(doc.plan, doc.cat)
    if summary is None:
        return
    doc.section_number += 1
    n = doc.section_number
    doc.heading(1, f"{n} {TITLE}")
    doc.label("Proxy values", f"{clean_text(attribution(summary.proxies))}.")
    doc.text(_headline(doc, summary))
    doc.text(CAVEAT)
    years = contract_years(doc.bid.start, doc.bid.months)
    count = len(summary.years)
    columns = count if 0 < count <= MAX_YEAR_COLUMNS else 0
    doc.heading(2, f"{n}.1 By measure")
    _by_measure(doc, summary, columns)
    doc.heading(2, f"{n}.2 By theme")
    _by_theme(doc, summary, columns)
    if count:
        doc.heading(2, f"{n}.3 By contract year")
        _by_year(doc, summary, years)
    doc.text(
        "Figures are rounded to the nearest pound; totals are worked out before rounding.",
        role="caption",
    )


def _headline(doc: PlanBlocks, summary: MoneySummary) -> str:
    who = doc.bidder or "we"
    text = (
        f"At these proxy values, the commitments {who} makes in this plan represent "
        f"{money_text(summary.total)} of social value over the contract"
    )
    ratio = summary.pence_per_pound
    if ratio is not None:
        text += (
            f": {pence_text(ratio)} for every £1 of the {pounds(summary.contract_value)} "
            "contract value"
        )
    return text + "."


def _by_measure(doc: PlanBlocks, summary: MoneySummary, columns: int) -> None:
    heads = [("Code", 1.3), ("Measure", 4.6 - 0.3 * columns), ("Target", 2.3)]
    heads += [("Proxy value", 2.6)]
    heads += [(f"Year{chr(160)}{i}", 1.9) for i in range(1, columns + 1)]
    heads += [("Social value", 2.3)]
    rows: list[list] = []
    for item in summary.items:
        row: list = [
            [Run(item.code, bold=True)],
            clean_text(item.short) or DASH,
            _commitment(item),
            _rate(item),
        ]
        if item.valued:
            row += [_year(item, i) for i in range(columns)]
            row.append(money_text(item.total))
        else:
            row += [""] * columns
            row.append([Run("Not valued", italic=True)])
        rows.append(row)
    blank = [Run("")]  # an empty cell (the table writer puts a dash in a cell with no text)
    total: list = [[Run("Total", bold=True)], blank, blank, blank]
    total += [[Run(money_text(v), bold=True)] for v in summary.years[:columns]]
    total.append([Run(money_text(summary.total), bold=True)])
    rows.append(total)
    doc.table(heads, rows)
    notes = [
        f"{i.code}: {'not valued, ' + i.reason if not i.valued else i.note}."
        for i in summary.items
        if not i.valued or i.note
    ]
    for note in notes:
        doc.text(note, role="bullet")


def _by_theme(doc: PlanBlocks, summary: MoneySummary, columns: int) -> None:
    heads = [("Theme", 5.0)]
    heads += [(f"Year{chr(160)}{i}", 2.0) for i in range(1, columns + 1)]
    heads += [("Social value", 2.6), ("Share", 1.6)]
    total = summary.total
    rows: list[list] = []
    for name, value in summary.by_theme:
        row: list = [clean_text(name)]
        row += [money_text(_theme_year(summary, name, i)) for i in range(columns)]
        row += [money_text(value), _share(value, total)]
        rows.append(row)
    last: list = [[Run("Total", bold=True)]]
    last += [[Run(money_text(v), bold=True)] for v in summary.years[:columns]]
    last += [[Run(money_text(total), bold=True)], [Run("100%", bold=True)] if total else [Run("")]]
    rows.append(last)
    doc.table(heads, rows)


def _by_year(doc: PlanBlocks, summary: MoneySummary, years: list) -> None:
    rows: list[list] = []
    running = Decimal(0)
    for i, value in enumerate(summary.years):
        running += value
        rows.append([year_label(years, i), money_text(value), money_text(running)])
    if summary.unprofiled:
        rows.append(
            [
                [Run("Not profiled by year", italic=True)],
                money_text(summary.unprofiled),
                money_text(running + summary.unprofiled),
            ]
        )
    doc.table([("Contract year", 8.0), ("Social value", 4.0), ("Cumulative", 4.0)], rows)


def _commitment(item: ValuedCommitment) -> str:
    if item.quantity is None:
        return "To be confirmed"
    text = amount(item.unit, float(item.quantity))
    return f"{text} each year" if item.level else text


def _rate(item: ValuedCommitment) -> str:
    if item.per_unit is None:
        return DASH
    rate = pounds(item.per_unit)
    if item.level:
        return f"{rate} per percentage point per year"
    return f"{rate} per {unit_word(item.unit)}"


def _year(item: ValuedCommitment, index: int) -> str:
    return money_text(item.years[index]) if index < len(item.years) else DASH


def _theme_year(summary: MoneySummary, theme: str, index: int) -> Decimal:
    return sum(
        (i.years[index] for i in summary.valued if i.theme == theme and index < len(i.years)),
        Decimal(0),
    )


def _share(value: Decimal, total: Decimal) -> str:
    if not total:
        return DASH
    from decimal import ROUND_HALF_UP

    return f"{(value * 100 / total).quantize(Decimal('1'), ROUND_HALF_UP)}%"
