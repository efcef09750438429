"""The commitment sections: one per theme, outcomes and measures in catalogue order, then the
commitments whose measure the catalogue does not have.

Everything under a measure is the bidder's: the commitment sentence is built from their target
and profile (svplan.core.sentences), the rest is what they wrote. The catalogue gives only the
measure's wording (quoted) and the partners' names; what the council says about a partner goes to
the partner directory, once.
"""

from __future__ import annotations

from svplan.core.periods import contract_quarters, contract_years, quarter_of, year_label
from svplan.core.plan import Commitment, Risk
from svplan.core.sentences import commitment_sentence, decimals_for, quantity, share_of_contract
from svplan.export.blocks import PlanBlocks
from svplan.export.model import Run
from svplan.export.phrases import engaged_partners, engagement, partner_name, short_date
from svplan.export.text import clean_text, is_blank

PARTS = 4  # heading level of the parts of a measure (Heading 4), whatever the measure's level


class CommitmentSections(PlanBlocks):
    """Themes (Heading 1), outcomes (Heading 2) and a section per measure (Heading 3)."""

    def themes(self) -> None:
        for theme in self.cat.themes:
            in_theme = [c for c in self.known if self.cat.measure(c.measure).theme == theme.id]
            if not in_theme:
                continue
            self.section_number += 1
            number = self.section_number
            name = clean_text(theme.name)
            about = clean_text(theme.description)
            self.heading(1, f"{number} {name} – {about}" if about else f"{number} {name}")
            sub = 0
            for outcome in theme.outcomes:
                here = [c for c in in_theme if self.cat.measure(c.measure).outcome == outcome.id]
                if not here:
                    continue
                sub += 1
                self.heading(2, f"{number}.{sub} {outcome.name}")
                for c in here:
                    m = self.cat.measure(c.measure)
                    self.heading(3, f"{m.code} {m.short}")
                    self.commitment(c)

    def others(self) -> None:
        if not self.other:
            return
        self.section_number += 1
        self.heading(1, f"{self.section_number} Other commitments")
        self.text(
            f"These commitments use measure codes that are not in {clean_text(self.cat.info.title)}"
            "; they are set out as the plan records them."
        )
        for c in self.other:
            self.heading(3, clean_text(c.measure))
            self.commitment(c)

    # one commitment --------------------------------------------------------------------------

    def commitment(self, c: Commitment) -> None:
        m = self.measure(c)
        if m:  # the measure's wording, verbatim, then the commitment with its figures
            self.text(m.wording, role="quote", keep_next=True)
        self.text(commitment_sentence(c, self.cat, self.plan), keep_next=True)
        self.figures(c)
        if not is_blank(c.approach):
            self.part("Delivery approach")
            self.text(c.approach)
        self.actions(c)
        if not (is_blank(c.owner) and is_blank(c.resources)):
            self.part("Resources and responsibilities")
            self.label("Responsible", c.owner, keep_next=not is_blank(c.resources))
            self.label("Resources", c.resources)
        self.partners(c)
        if not (is_blank(c.baseline) and is_blank(c.additionality)):
            self.part("Baseline and additionality")
            self.label("Baseline", c.baseline, keep_next=not is_blank(c.additionality))
            self.label("Additionality", c.additionality)
        if c.reporting is not None or not is_blank(c.evidence):
            self.part("Monitoring and evidence")
            if c.reporting is not None:
                self.label("Reporting", c.reporting.label, keep_next=not is_blank(c.evidence))
            self.label("Evidence", c.evidence)
        self.risks(c.risks)
        if not is_blank(c.notes):
            self.part("Notes")
            self.text(c.notes)

    def part(self, title: str) -> None:
        self.heading(PARTS, title, contents=False)

    def figures(self, c: Commitment) -> None:
        """Target and the dated yearly profile, as one block kept on one page."""
        unit = self.unit(c)
        level = self.cat.has_measure(c.measure) and self.cat.is_level(c.measure)
        places = decimals_for(unit, [c.target, *(c.yearly or [])])
        if c.target is None:
            return
        target = quantity(unit, c.target, places)
        if level:
            target += " (a level held each contract year)"
        elif unit is not None and unit.prefix == "£":
            share = share_of_contract(c.target, self.plan)
            target += f" ({share} of the contract value)" if share else ""
        self.label("Target", target, keep_next=bool(c.yearly))
        if c.yearly:
            years = contract_years(self.bid.start, self.bid.months)
            lines = [
                f"{year_label(years, i)}: {quantity(unit, v, places)}"
                for i, v in enumerate(c.yearly)
            ]
            self.label("Yearly profile", "\n".join(lines))

    def actions(self, c: Commitment) -> None:
        actions = [a for a in c.actions if not (is_blank(a.action) and a.due is None)]
        if not actions:
            return
        quarters = contract_quarters(self.bid.start, self.bid.months)
        self.part("Delivery actions and timescales")
        rows = []
        for a in actions:
            q = quarter_of(a.due, quarters) if a.due else None
            rows.append(
                [
                    clean_text(a.action),
                    short_date(a.due) if a.due else "",
                    q.key if q else "",
                    clean_text(a.owner),
                ]
            )
        self.table(
            [("Action", 9.0), ("Due by", 2.6), ("Quarter", 1.8), ("Owner", 3.6)],
            rows,
            blank="",
            keep_together=len(rows) <= 8,
        )

    def partners(self, c: Commitment) -> None:
        engaged = engaged_partners(c, self.cat)
        if not engaged:
            return
        self.part("Delivery partners")
        rows = [
            [
                [Run(partner_name(e.partner), bold=True)],
                clean_text(e.role.role) if e.role else "",
                engagement(e.role),
            ]
            for e in engaged
        ]
        self.table(
            [("Partner", 5.0), ("Role on this contract", 8.0), ("Engagement", 4.0)],
            rows,
            blank="",
            keep_together=len(rows) <= 8,
        )

    def risks(self, risks: list[Risk]) -> None:
        risks = [r for r in risks if not (is_blank(r.risk) and is_blank(r.mitigation))]
        if not risks:
            return
        self.part("Risks and mitigations")
        rated = any(r.likelihood or r.impact for r in risks)
        columns = [("Risk", 6.0), ("Mitigation", 11.0)]
        if rated:
            columns = [("Risk", 5.4), ("Likelihood", 2.2), ("Impact", 2.0), ("Mitigation", 7.4)]
        rows = []
        for r in risks:
            row = [clean_text(r.risk), clean_text(r.mitigation)]
            if rated:
                row[1:1] = [x.label if x else "" for x in (r.likelihood, r.impact)]
            rows.append(row)
        self.table(columns, rows, blank="", keep_together=len(rows) <= 6)
