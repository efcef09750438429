"""The front of the plan: the one-page executive summary, the year-by-year schedule and the
quarter-by-quarter timeline. Only what the plan fills in is said."""

from __future__ import annotations

from svplan.core.milestones import timeline
from svplan.core.periods import Period, year_label
from svplan.core.plan import Engagement
from svplan.core.schedule import schedule, theme_totals, total_cell
from svplan.core.sentences import contract_dates
from svplan.export.blocks import PlanBlocks
from svplan.export.model import Cell, PageBreak, Para, Run
from svplan.export.phrases import NBSP, engaged_partners, plural
from svplan.export.text import clean_text, format_money, is_blank

YEARS_PER_TABLE = 5  # more contract years than this: the schedule continues in another table
QUARTERS_PER_TABLE = 12  # the timeline shows three years per table
TIMELINE_ROWS = 150  # more rows than this: a sentence instead (about five pages of timeline)
ACTION_FILL = "1F6F78"  # dark teal: an action falls due in the quarter
DELIVERY_FILL = "B7DCE0"  # light teal: the commitment delivers in that contract year
MOBILISE_FILL = "E8A33D"  # amber: mobilisation
EMPTY_FILL = "FFFFFF"
HEADER_FILL = "0E5E6F"  # the header rows, as the default table style
HEADER_TEXT = "FFFFFF"


class SummarySections(PlanBlocks):
    def executive_summary(self) -> None:
        self.section_number += 1
        n = self.section_number
        self.heading(1, f"{n} Executive summary")
        with_target = [c for c in self.in_order if c.target is not None]
        what = (
            plural(len(with_target), "social value commitment", "social value commitments")
            if with_target
            else "social value"  # no figures yet: no count of commitments is claimed
        )
        intro = f"This plan sets out how {self.bidder or 'we'} will deliver {what}"
        if not is_blank(self.bid.title):
            intro += f" on {clean_text(self.bid.title)}"
        if self.authority:
            intro += f" for {self.authority}"
        self.text(intro + f", aligned to {clean_text(self.cat.info.title)}.")
        self.key_facts()
        totals = theme_totals(self.plan, self.cat)
        if totals:
            self.runs([Run("Headline commitments by theme", bold=True)], keep_next=True)
            self.table(
                [("Theme", 3.2), ("Measures", 5.0), ("Totals over the contract", 8.8)],
                [
                    [
                        [Run(clean_text(t.name), bold=True)],
                        ", ".join(t.codes),
                        "\n".join(t.totals),
                    ]
                    for t in totals
                ],
                blank="",
                keep_together=True,
            )
        self.engagement_summary()
        self.blocks.append(PageBreak())

    def key_facts(self) -> None:
        bid, lead, sponsor = self.bid, self.plan.lead, self.plan.governance.sponsor
        period = contract_dates(self.plan)
        if bid.months:
            period = f"{bid.months}{NBSP}months" + (f", {period}" if period else "")
        facts = [
            ("Contract value", format_money(bid.contract_value) if bid.contract_value else ""),
            ("Contract period", period),
            ("Social value lead", _person(lead.name, lead.role)),
            ("Executive sponsor", _person(sponsor.name, sponsor.role)),
        ]
        facts = [(k, v) for k, v in facts if v]
        for i, (label, value) in enumerate(facts):
            self.label(label, value, keep_next=i < len(facts) - 1)

    def engagement_summary(self) -> None:
        statuses: dict[str, Engagement | None] = {}
        for c in self.in_order:
            for e in engaged_partners(c, self.cat):
                status = e.role.status if e.role else None
                old = statuses.get(e.partner.id)
                if e.partner.id not in statuses or _rank(status) > _rank(old):
                    statuses[e.partner.id] = status
        if not statuses:
            return
        counts = [
            plural(sum(1 for s in statuses.values() if s is status), *words)
            for status, words in (
                (Engagement.LETTER, ("letter of support", "letters of support")),
                (Engagement.AGREED, ("partner agreed", "partners agreed")),
                (Engagement.CONTACTED, ("partner contacted", "partners contacted")),
                (Engagement.IDENTIFIED, ("partner identified", "partners identified")),
            )
            if any(s is status for s in statuses.values())
        ]
        text = f"Delivery partners: {len(statuses)} named"
        self.text(text + (f" ({', '.join(counts)})." if counts else "."))

    # the schedule ---------------------------------------------------------------------------

    def year_by_year(self) -> None:
        years, rows = schedule(self.plan, self.cat)
        rows = [r for r in rows if r.total is not None or any(v is not None for v in r.years)]
        if not rows:
            return
        self.section_number += 1
        n = self.section_number
        self.heading(1, f"{n} Commitments year by year")
        self.heading(2, f"{n}.1 Year-by-year schedule")
        dates = contract_dates(self.plan)
        self.text(
            "Each commitment's figure for each contract year, in its unit"
            + (f"; the contract runs from {dates}" if dates else "")
            + ". Levels (such as a percentage of staff) are held each year and are not added up."
        )
        count = max(len(r.years) for r in rows)
        chunks = [
            list(range(i, min(i + YEARS_PER_TABLE, count)))
            for i in range(0, count, YEARS_PER_TABLE)
        ]
        for k, chunk in enumerate(chunks or [[]]):
            last = k == len(chunks) - 1 or not chunks
            columns = [("Code", 1.4), ("Measure", 4.4)]
            columns += [(_year_head(years, i), 2.2) for i in chunk]
            if last:
                columns.append(("Total", 3.0))
            table_rows = []
            for r in rows:
                row: list = [[Run(r.code, bold=True)], clean_text(r.title)]
                row += [r.cell(r.years[i]) if i < len(r.years) else "" for i in chunk]
                if last:
                    row.append(total_cell(r, self.plan))
                table_rows.append(row)
            self.table(columns, table_rows, blank="", keep_together=len(table_rows) <= 12)
        self.timeline(n)

    def timeline(self, n: int) -> None:
        quarters, rows = timeline(self.plan, self.cat)
        if not quarters or not rows:
            return
        self.heading(2, f"{n}.2 Quarter-by-quarter timeline")
        if len(rows) > TIMELINE_ROWS:  # no longer taken in at a glance; the milestones say it
            self.text(
                f"With {sum(1 for r in rows if r[0] != 'Mobilisation')} commitments the "
                "timeline would run to many pages; the "
                "milestone plan gives every action by date and quarter."
            )
            return
        legend = [
            Run("■", color=ACTION_FILL),
            Run(" an action falls due   "),
            Run("■", color=DELIVERY_FILL),
            Run(" delivery in that contract year   "),
        ]
        if rows and rows[0][0] == "Mobilisation":
            legend += [Run("■", color=MOBILISE_FILL), Run(" mobilisation (first 90 days)")]
        self.blocks.append(Para(legend, keep_next=True))
        for start in range(0, len(quarters), QUARTERS_PER_TABLE):
            part = quarters[start : start + QUARTERS_PER_TABLE]
            self._timeline_table(
                part, [(label, marks[start : start + len(part)]) for label, marks in rows]
            )

    def _timeline_table(self, quarters: list[Period], rows: list[tuple[str, list[str]]]) -> None:
        def head(text: str, span: int = 1, align: str | None = "center") -> Cell:
            run = Run(text, bold=True, color=HEADER_TEXT)
            return Cell([Para([run], align=align)], fill=HEADER_FILL, span=span)

        head_years: list[Cell] = [head("Measure", align=None)]
        for year in sorted({q.year for q in quarters}):
            span = sum(1 for q in quarters if q.year == year)
            head_years.append(head(f"Year{NBSP}{year}", span))
        head_quarters = [head("", align=None)] + [head(f"Q{q.quarter}") for q in quarters]
        body = []
        for label, marks in rows:
            mobilise = label == "Mobilisation"
            row: list = [Cell([Para([Run(label, bold=True)])])]
            for mark in marks:
                fill = EMPTY_FILL  # white, not the table style's banding
                if mark == "action":
                    fill = MOBILISE_FILL if mobilise else ACTION_FILL
                elif mark == "delivery":
                    fill = DELIVERY_FILL
                row.append(Cell([Para([])], fill=fill))
            body.append(row)
        columns = [("Measure", 2.4)] + [(q.key, 1.0) for q in quarters]
        self.table(
            columns,
            body,
            blank="",
            header=[head_years, head_quarters],
            keep_together=len(body) <= 25,
            compact=True,
        )


def _year_head(years: list[Period], index: int) -> str:
    """'Year 1\nApr 2027 – Mar 2028' (two lines), or 'Year 1'."""
    label = year_label(years, index)
    return label.replace(" (", "\n", 1).rstrip(")") if "(" in label else label


def _person(name: str, role: str) -> str:
    name, role = clean_text(name), clean_text(role)
    return f"{name}, {role}" if name and role else name or role


def _rank(status: Engagement | None) -> int:
    order = [
        None,
        Engagement.IDENTIFIED,
        Engagement.CONTACTED,
        Engagement.AGREED,
        Engagement.LETTER,
    ]
    return order.index(status)
