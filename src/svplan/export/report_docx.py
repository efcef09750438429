"""The quarterly delivery report in Word, through the export model (model.py blocks).

Page 1 is the summary: the contract, the quarter, the count of commitments at each Procurement
Act level and the headline totals against the profile to date. Then a table per theme (target to
date, actual this quarter, cumulative, status), the recovery actions, the variations (with the
awarded baseline they changed), the notes and evidence, and how the status is worked out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from svplan.core.catalogue import Catalogue, Unit
from svplan.core.dates import format_date as short_date
from svplan.core.delivery import (
    COUNT_KEYS,
    NOT_RATED,
    CommitmentStatus,
    DeliveryStatus,
    Level,
    fmt,
    percent,
    threshold_text,
)
from svplan.core.plan import Evidence, Plan, Variation
from svplan.export.blocks import PlanBlocks
from svplan.export.model import Document, PageBreak, Para, Run
from svplan.export.phrases import SEP
from svplan.export.text import clean_text, format_date, is_blank

REPORT_TITLE = "Quarterly Social Value Delivery Report"
MEANING = {
    Level.GOOD.value: "on or ahead of the profile",
    Level.APPROACHING.value: "slightly behind the profile",
    Level.REQUIRES_IMPROVEMENT.value: "behind; a recovery action is needed",
    Level.INADEQUATE.value: "well behind; a recovery action is needed",
    NOT_RATED: "no target to compare with",
}


def build_report(
    plan: Plan, catalogue: Catalogue, status: DeliveryStatus, issued: dt.date
) -> Document:
    """Every block of the quarterly report, in order."""
    return _Report(plan, catalogue, issued, status).build()


def report_docx_bytes(
    plan: Plan, catalogue: Catalogue, status: DeliveryStatus, issued: dt.date
) -> bytes:
    from svplan.export.docx_writer import render

    return render(build_report(plan, catalogue, status, issued))


def write_report_docx(
    plan: Plan, catalogue: Catalogue, status: DeliveryStatus, out: Path | str, issued: dt.date
) -> Path:
    """Write the report to `out` (.docx) atomically and return the path."""
    from svplan.core.atomic import atomic_write_bytes

    out = Path(out)
    atomic_write_bytes(out, report_docx_bytes(plan, catalogue, status, issued), verb="export")
    return out


class _Report(PlanBlocks):
    def __init__(
        self, plan: Plan, catalogue: Catalogue, issued: dt.date, status: DeliveryStatus
    ) -> None:
        super().__init__(plan, catalogue, issued)
        self.status = status
        self.by_code = {s.code.upper(): s for s in status.commitments}
        self.quarter = status.as_of

    @property
    def qkey(self) -> str:
        return self.quarter.key if self.quarter else "no quarter"

    def build(self) -> Document:
        self.summary()
        self.themes()
        self.recovery()
        self.variations()
        self.evidence()
        self.method()
        title = clean_text(self.bid.title)
        return Document(
            blocks=self.blocks,
            header=(self.bidder or title, clean_text(self.bid.reference)),
            footer=f"{REPORT_TITLE}{SEP}{self.qkey}",
            title=f"{REPORT_TITLE} – {title} – {self.qkey}" if title else REPORT_TITLE,
            subject=clean_text(self.bid.reference),
            author=self.bidder,
            keywords="; ".join(["social value", "delivery", self.qkey]),
        )

    # page 1

    def summary(self) -> None:
        self.blocks.append(Para([Run(REPORT_TITLE)], role="title", space_after=120))
        if not is_blank(self.bid.title):
            self.blocks.append(Para([Run(clean_text(self.bid.title))], role="subtitle"))
        q = self.quarter
        self.label("Quarter", q.label if q else "no actuals recorded yet")
        self.label("Contracting authority", self.bid.authority)
        self.label("Supplier", self.bid.bidder)
        self.label("Contract reference", self.bid.reference)
        if self.plan.delivery.awarded:
            self.label("Contract awarded", format_date(self.plan.delivery.awarded))
        self.label("Report date", format_date(self.issued))
        self.heading(1, "Summary", contents=False)
        counts = self.status.counts
        n = len(self.status.commitments)
        parts = [f"{counts.get(k, 0)} {k}" for k in COUNT_KEYS if counts.get(k, 0)]
        self.text(
            f"At the end of {self.qkey}, {n} commitment{'s' if n != 1 else ''}: "
            + ", ".join(parts)
            + "."
        )
        self.table(
            [("Status", 4.0), ("Commitments", 2.5), ("Meaning", 9.0)],
            [
                [[Run(k, bold=True)], str(counts.get(k, 0)), MEANING[k]]
                for k in COUNT_KEYS
                if k != NOT_RATED or counts.get(k, 0)
            ],
        )
        totals = self.totals()
        if totals:
            self.heading(2, "Headline totals against the profile to date", contents=False)
            self.table(
                [
                    ("Unit", 4.0),
                    ("Due to date", 3.0),
                    ("Delivered to date", 3.0),
                    ("Share", 1.8),
                    ("Whole contract", 3.0),
                ],
                totals,
            )
        missing = [s.code for s in self.status.commitments if s.needs_recovery]
        if missing:
            self.text(
                "A recovery action is still to be recorded for "
                + ", ".join(missing)
                + " (see Recovery actions).",
            )
        if self.status.warnings:
            for w in self.status.warnings:
                self.text(w, role="bullet")
        self.blocks.append(PageBreak())

    def totals(self) -> list[list]:
        """Per unit that adds up: due to date, delivered to date, share, whole-contract target."""
        groups: dict[str, list[CommitmentStatus]] = {}
        for s in self.status.commitments:
            if s.unit is not None and not s.level_measure and s.effective.rated and s.now:
                groups.setdefault(s.unit.id, []).append(s)
        rows = []
        for items in groups.values():
            unit: Unit = items[0].unit  # type: ignore[assignment]
            due = sum(s.now.to_date for s in items if s.now)
            done = sum((s.now.cumulative or 0.0) for s in items if s.now)
            whole = sum(sum(s.effective.years) for s in items)
            codes = ", ".join(s.code for s in items)
            rows.append(
                [
                    [Run(clean_text(unit.name), bold=True), Run(f"\n{codes}")],
                    fmt(unit, due),
                    fmt(unit, done),
                    percent(done / due if due else None),
                    fmt(unit, whole),
                ]
            )
        return rows

    # tables by theme

    def themes(self) -> None:
        self.heading(1, f"Delivery by theme to {self.qkey}")
        self.text(
            "Target to date is the profile due by the end of the quarter; a level measure shows "
            "the level due and the latest level reported, which are never added up.",
            keep_next=True,
        )
        groups: dict[str, list[CommitmentStatus]] = {}
        names: dict[str, str] = {}
        for c in self.in_order:
            s = self.by_code.get(c.measure.upper())
            if s is None:
                continue
            m = self.measure(c)
            key = m.theme if m else "_other"
            names[key] = self.cat.theme(m.theme).name if m else "Other commitments"
            groups.setdefault(key, []).append(s)
        for key, items in groups.items():
            self.heading(2, names[key])
            self.table(
                [
                    ("Commitment", 5.2),
                    ("Target to date", 2.6),
                    (f"Actual {self.qkey}", 2.4),
                    ("Cumulative", 2.4),
                    ("Status", 3.0),
                ],
                [self.theme_row(s) for s in items],
            )

    def theme_row(self, s: CommitmentStatus) -> list:
        m = self.cat.measure(s.code) if self.cat.has_measure(s.code) else None
        title = [Run(m.code if m else clean_text(s.code), bold=True)]
        if m:
            title.append(Run(f" {clean_text(m.short)}"))
        if s.level_measure:
            title.append(Run(" (level)", italic=True))
        now = s.now
        if now is None or not s.effective.rated:
            return [title, "–", "–", "–", [Run(NOT_RATED, italic=True)]]
        share = f" ({percent(now.ratio)})" if now.ratio is not None else ""
        status = [Run(s.label, bold=s.level is not Level.GOOD)]
        if s.needs_recovery:
            status.append(Run("\nrecovery action needed", italic=True))
        return [
            title,
            s.format(now.to_date),
            s.format(now.actual),
            s.format(now.cumulative) + share,
            status,
        ]

    # recovery and variations

    def recovery(self) -> None:
        self.heading(1, "Recovery actions")
        actions = [r for r in self.plan.delivery.recovery]
        slipping = [s for s in self.status.commitments if s.level not in (None, Level.GOOD)]
        if not actions and not slipping:
            self.text(f"Every commitment is Good at the end of {self.qkey}; none is needed.")
            return
        rows = []
        for r in actions:
            s = self.by_code.get(r.measure.upper())
            rows.append(
                [
                    [Run(clean_text(r.measure), bold=True)],
                    clean_text(r.quarter),
                    s.label if s else "",
                    clean_text(r.action),
                    clean_text(r.owner),
                    short_date(r.due) if r.due else "",
                ]
            )
        for s in slipping:
            if s.needs_recovery:
                rows.append(
                    [
                        [Run(s.code, bold=True)],
                        self.qkey,
                        s.label,
                        [Run("No recovery action recorded yet", italic=True)],
                        "",
                        "",
                    ]
                )
        self.table(
            [
                ("Measure", 1.8),
                ("Quarter", 1.6),
                ("Status now", 3.0),
                ("Action", 6.4),
                ("Owner", 2.6),
                ("Due", 2.4),
            ],
            rows,
        )

    def variations(self) -> None:
        self.heading(1, "Variations")
        awarded = self.plan.delivery.awarded
        when = format_date(awarded) if awarded else "the award"
        changes = sorted(self.plan.delivery.variations, key=lambda v: v.date)
        if not changes:
            self.text(f"No variations: every target is as awarded on {when}.")
            return
        self.text(
            f"Changes agreed since the award on {when}. The awarded baseline is kept; the status "
            "is measured against the targets in force after each variation.",
            keep_next=True,
        )
        rows = []
        for v in changes:
            rows.append(
                [
                    short_date(v.date),
                    [Run(clean_text(v.measure), bold=True)],
                    self.change_text(v),
                    clean_text(v.reason),
                ]
            )
        self.table([("Date", 2.4), ("Measure", 1.8), ("Change", 7.0), ("Reason", 6.6)], rows)

    def change_text(self, v: Variation) -> str:
        unit = self.cat.unit_of(v.measure) if self.cat.has_measure(v.measure) else None
        before_target, before_yearly = self.before(v)
        parts = []
        if v.target is not None:
            parts.append(f"Target {fmt(unit, before_target)} → {fmt(unit, v.target)}")
        if v.yearly is not None:
            old = SEP.join(_bare(unit, x) for x in before_yearly or []) or "none"
            new = SEP.join(_bare(unit, x) for x in v.yearly) or "none"
            parts.append(f"Yearly profile {old} → {new}")
        return "\n".join(parts)

    def before(self, v: Variation) -> tuple[float | None, list[float] | None]:
        """The figures in force just before this variation (baseline, then earlier ones)."""
        code = v.measure.upper()
        base = next((b for b in self.plan.delivery.baseline if b.measure.upper() == code), None)
        target = base.target if base else None
        yearly = base.yearly if base else None
        for w in sorted(self.plan.delivery.variations, key=lambda x: x.date):
            if w is v:
                break
            if w.measure.upper() == code:
                target = w.target if w.target is not None else target
                yearly = w.yearly if w.yearly is not None else yearly
        return target, yearly

    # notes and evidence

    def evidence(self) -> None:
        keys = {q.period.key for s in self.status.commitments for q in s.quarters}
        entries = [a for a in self.plan.delivery.actuals if a.quarter in keys]
        notes = [a for a in entries if a.quarter == self.qkey and not is_blank(a.note)]
        if notes:
            self.heading(1, f"Notes on {self.qkey}")
            for a in notes:
                self.label(clean_text(a.measure), a.note, 1300)
        self.heading(1, "Evidence to date")
        rows = [
            [
                [Run(clean_text(a.measure), bold=True)],
                a.quarter,
                self.evidence_text(e),
                short_date(e.date) if e.date else "",
                clean_text(e.reference),
            ]
            for a in entries
            for e in a.evidence
        ]
        if not rows:
            self.text("No evidence is listed yet.")
            return
        self.text(
            "Evidence is kept by the supplier and referenced here, not copied. Records about "
            "people give only the role, start date, hours and the first half of the postcode.",
            keep_next=True,
        )
        self.table(
            [
                ("Measure", 1.8),
                ("Quarter", 1.6),
                ("Evidence", 7.0),
                ("Date", 2.8),
                ("Reference", 4.6),
            ],
            rows,
        )

    @staticmethod
    def evidence_text(e: Evidence) -> str:
        bits = [clean_text(e.what)]
        if e.hours is not None:
            hours = f"{e.hours:g}"
            bits.append(f"{hours} hours a week")
        if not is_blank(e.area):
            bits.append(f"postcode area {clean_text(e.area)}")
        return SEP.join(b for b in bits if b)

    def method(self) -> None:
        self.heading(1, "How the status is worked out")
        t = self.plan.delivery.thresholds
        self.text(
            "Each commitment is rated with the four levels of the Procurement Act 2023 by "
            "comparing what was delivered to date with the profile to date: "
            + threshold_text(t)
            + "."
        )
        self.text(
            "Quarters are contract quarters, dated from the contract start. A year's figure is "
            "spread evenly over its quarters; a commitment with a target and no yearly profile "
            "has its target spread evenly over the contract years. For a level measure (such as "
            "a percentage of staff) each quarter is due the level of its year, and the latest "
            "level reported is compared with it. Nothing due yet counts as Good."
        )


def _bare(unit: Unit | None, value: float) -> str:
    """A figure without its unit ('40', '£500,000' keeps the £ so money still reads as money)."""
    text = fmt(unit, value)
    if unit is not None and unit.suffix and text.endswith(unit.suffix):
        text = text[: -len(unit.suffix)].rstrip()
    return text
