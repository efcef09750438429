"""The commitment sections: one per theme, outcomes and measures in catalogue order, then the
commitments whose measure the catalogue does not have."""

from __future__ import annotations

from svplan.core.plan import Commitment, Reporting
from svplan.export.blocks import PlanBlocks
from svplan.export.model import Run
from svplan.export.phrases import (
    PORTAL,
    SEP,
    Engaged,
    amount,
    contact_runs,
    engaged_partners,
    frequency,
    in_words,
    measure_title,
    suggested_routes,
    website_runs,
)
from svplan.export.text import clean_text, format_date, format_number, is_blank


class CommitmentSections(PlanBlocks):
    """Themes (Heading 1), outcomes (Heading 2) and a section per measure (Heading 3)."""

    def themes(self) -> None:
        number = 1
        for theme in self.cat.themes:
            in_theme = [c for c in self.known if self.cat.measure(c.measure).theme == theme.id]
            if not in_theme:
                continue
            number += 1
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
                    self.commitment(c, sub_level=4)
        self.section_number = number

    def others(self) -> None:
        if not self.other:
            return
        self.section_number += 1
        self.heading(1, f"{self.section_number} Other commitments")
        self.text(
            f"These commitments use measure codes that are not in {self.cat.info.title}; they are "
            "set out as the plan records them."
        )
        for c in self.other:
            self.heading(2, clean_text(c.measure))
            self.commitment(c, sub_level=3)

    def commitment(self, c: Commitment, sub_level: int) -> None:
        m, unit = self.measure(c), self.unit(c)
        # wording, commitment, target and profile stay together on one page
        if m:
            self.text(m.wording, role="quote", keep_next=True)
        self.text(self.smart_sentence(c), keep_next=True)
        self.label("Target", amount(unit, c.target), keep_next=bool(c.yearly))
        if c.yearly:
            self.label(
                "Yearly profile",
                SEP.join(f"Year {i}: {amount(unit, v)}" for i, v in enumerate(c.yearly, 1)),
            )

        def sub(title: str) -> None:
            self.heading(sub_level, title, contents=False)

        actions = [a for a in c.actions if not (is_blank(a.action) and a.due is None)]
        if actions:
            sub("Delivery actions and timescales")
            self.table(
                [("Action", 9.0), ("Due by", 3.2), ("Owner", 4.8)],
                [
                    [clean_text(a.action), format_date(a.due) if a.due else "", clean_text(a.owner)]
                    for a in actions
                ],
            )
        if not (is_blank(c.owner) and is_blank(c.resources)):
            sub("Resources and responsibilities")
            self.label("Responsible", c.owner)
            self.label("Resources", c.resources)
        engaged, routes = engaged_partners(c, self.cat), suggested_routes(c, self.cat)
        if engaged:
            sub("Delivery partners")
            for e in engaged:
                self.partner_block(e)
        if routes:
            if engaged:
                self.runs([Run("Delivery approach", bold=True)], keep_next=True, space_after=40)
            else:
                sub("Delivery approach")
            for r in routes:
                text = clean_text(r.action)
                if not is_blank(r.description):
                    stop = "" if text.endswith((".", "!", "?", ":")) else "."
                    text += f"{stop} {clean_text(r.description)}"
                self.text(text, role="bullet")
        sub("Monitoring and evidence")
        f = frequency(c)
        self.label(
            "Reporting",
            f"Quarterly, through the {PORTAL}"
            if f == Reporting.QUARTERLY
            else f"{f.label} (with quarterly returns through the {PORTAL})",
        )
        self.label("Evidence", c.evidence)
        risks = [r for r in c.risks if not (is_blank(r.risk) and is_blank(r.mitigation))]
        if risks:
            sub("Risks and mitigations")
            self.table(
                [("Risk", 6.5), ("Mitigation", 10.5)],
                [[clean_text(r.risk), clean_text(r.mitigation)] for r in risks],
            )
        if not is_blank(c.notes):
            sub("Notes")
            self.text(c.notes)

    def smart_sentence(self, c: Commitment) -> str:
        bid, m = self.bid, self.measure(c)
        what = f"{m.code} {measure_title(m, self.unit(c))}" if m else clean_text(c.measure)
        if bid.months and bid.start and bid.end:
            period = (
                f" over the {bid.months}-month contract from {format_date(bid.start)} "
                f"to {format_date(bid.end)}"
            )
        elif bid.months:
            period = f" over the {bid.months}-month contract"
        elif bid.start:
            period = f" from the contract start on {format_date(bid.start)}"
        else:
            period = " over the life of the contract"
        when = f", reported {in_words(frequency(c))}."
        if c.target is None:
            doer = self.bidder or "we"
            return f"The target for {what} is to be confirmed; {doer} will deliver it{period}{when}"
        quantity = amount(self.unit(c), c.target) if m else f"a target of {format_number(c.target)}"
        return f"{self.who} will deliver {quantity} against {what}{period}{when}"

    def partner_block(self, e: Engaged) -> None:
        p = e.partner
        self.runs(
            [Run(clean_text(p.name), bold=True)], keep_next=True, space_before=160, space_after=40
        )
        self.text(e.description or p.note)
        for contact in p.contacts:
            self.label("Contact", contact_runs(contact))
        self.label("Website", website_runs(p.websites))
