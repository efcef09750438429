"""How the plan is delivered and kept on track: the milestone plan, governance, monitoring and
the reporting calendar, the consolidated risk register, and counting and additionality.

Governance, the data owner, verification and the annual review are printed only as the bidder
wrote them (or adopted the app's suggested text into the field); nothing is filled in here.
"""

from __future__ import annotations

from svplan.core.counting import additionality, counting_rules
from svplan.core.milestones import milestones, reporting_calendar
from svplan.core.plan import Person
from svplan.core.register import risk_register
from svplan.export.blocks import PlanBlocks
from svplan.export.model import Run
from svplan.export.phrases import PORTAL, format_phone, short_date
from svplan.export.text import clean_text, email_link, is_blank


class DeliverySections(PlanBlocks):
    # milestones -------------------------------------------------------------------------------

    def milestone_plan(self) -> None:
        items = milestones(self.plan, self.cat)
        if not items:
            return
        self.numbered_section("Milestone plan")
        mobilising = any(m.mobilisation for m in items)
        text = "Every delivery action in this plan, by date, with its contract quarter and owner."
        if mobilising:
            text += " Mobilisation milestones cover the first 90 days of the contract."
        self.text(text, keep_next=True)
        rows = []
        for m in items:
            rows.append(
                [
                    short_date(m.due) if m.due else "",
                    m.quarter.key if m.quarter else "",
                    [Run(m.action, italic=m.mobilisation)],
                    "Mobilisation" if m.mobilisation else m.code,
                    m.owner,
                ]
            )
        self.table(
            [("Date", 2.4), ("Quarter", 1.7), ("Milestone", 7.6), ("Measure", 2.3), ("Owner", 3.0)],
            rows,
            blank="",
        )

    # governance -------------------------------------------------------------------------------

    def governance(self) -> None:
        g, lead = self.plan.governance, self.plan.lead
        texts = [
            ("Review meetings", g.cadence),
            ("Escalation", g.escalation),
            ("Subcontractors", g.flow_down),
            ("Change control", g.change_control),
        ]
        if g.sponsor.is_empty() and lead.is_empty() and all(is_blank(t) for _, t in texts):
            return
        subsection = self.numbered_section("Governance")
        if not (g.sponsor.is_empty() and lead.is_empty()):
            subsection("Accountability")
            self.person("Executive sponsor", g.sponsor)
            self.person("Social value lead", lead)
            if not is_blank(lead.name) or not is_blank(lead.role):
                self.text(
                    f"The social value lead is the single point of contact for {self.whom} on "
                    "every commitment in this plan."
                )
        for title, text in texts:
            if is_blank(text):
                continue
            subsection(title)
            self.text(text)

    def person(self, title: str, p: Person) -> None:
        if p.is_empty():
            return
        name, role = clean_text(p.name), clean_text(p.role)
        details = self.contact_details
        has_email = details and not is_blank(p.email)
        has_phone = details and not is_blank(p.phone)
        who = ", ".join(x for x in (name, role) if x)
        if not who and not (has_email or has_phone):
            return
        self.label(title, who or "", keep_next=has_email or has_phone)
        if has_email:
            self.label(
                "Email", [Run(clean_text(p.email), link=email_link(p.email))], keep_next=has_phone
            )
        if has_phone:
            self.label("Phone", format_phone(p.phone))

    # monitoring and reporting -----------------------------------------------------------------

    def monitoring(self) -> None:
        r = self.plan.reporting
        calendar = reporting_calendar(self.plan)
        freqs = {c.reporting for c in self.in_order if c.reporting is not None}
        has_text = not all(is_blank(x) for x in (r.data_owner, r.verification, r.annual_review))
        if not (calendar or freqs or has_text or not is_blank(self.plan.monitoring)):
            return
        subsection = self.numbered_section("Monitoring and reporting")
        if calendar:
            subsection("Reporting calendar")
            start = self.bid.start
            self.text(
                f"Progress is reported to {self.whom} each quarter through the {PORTAL}. "
                f"The dates follow from the contract start on {short_date(start)}: each "
                "quarter's return is due by the end of the following month, and each contract "
                "year ends with an annual review.",
                keep_next=True,
            )
            rows = []
            for item in calendar:
                what = (
                    f"Annual review of Year{chr(160)}{item.period.year}"
                    if item.annual
                    else f"Quarterly return for {item.period.key}"
                )
                rows.append(
                    [[Run(what, bold=item.annual)], item.period.dates, short_date(item.due)]
                )
            self.table(
                [("Return or review", 6.5), ("Period covered", 6.0), ("Due by", 4.5)],
                rows,
                blank="",
                keep_together=len(rows) <= 20,
            )
        owner = [
            ("Data owner", r.data_owner),
            ("Verification", r.verification),
            ("Annual review", r.annual_review),
        ]
        if any(not is_blank(v) for _, v in owner):
            subsection("Data, verification and review")
            for label, value in owner:
                self.label(label, value)
        if freqs:
            subsection("Reporting frequency")
            self.frequencies()
        if not is_blank(self.plan.monitoring):
            subsection("Data collection")
            self.text(self.plan.monitoring)

    def frequencies(self) -> None:
        set_ = [c for c in self.in_order if c.reporting is not None]
        values = {c.reporting for c in set_}
        if len(values) == 1 and len(set_) == len(self.in_order):
            only = values.pop()
            assert only is not None
            self.text(f"Every commitment is measured and reported {only.label.lower()}.")
            return
        self.text("How often each commitment is measured and reported:", keep_next=True)
        self.table(
            [("Code", 1.6), ("Measure", 10.0), ("Reporting", 5.4)],
            [
                [
                    [Run(self.code(c), bold=True)],
                    clean_text(m.short) if (m := self.measure(c)) else "",
                    c.reporting.label if c.reporting else "",
                ]
                for c in set_
            ],
            blank="",
        )

    # risks ------------------------------------------------------------------------------------

    def risk_register(self) -> None:
        entries = risk_register(self.plan, self.cat)
        if not entries:
            return
        self.numbered_section("Risk register")
        self.text(
            "Plan-wide risks and the risks to each commitment, with their likelihood, impact, "
            "owner and mitigation.",
            keep_next=True,
        )
        rated = any(e.likelihood or e.impact for e in entries)
        owned = any(e.owner for e in entries)
        columns = [("Ref", 1.1), ("Applies to", 1.8), ("Risk", 3.8)]
        columns += [("Likelihood", 2.3), ("Impact", 1.7)] if rated else []
        columns += [("Owner", 2.3)] if owned else []
        columns += [("Mitigation", 5.0 + (0 if rated else 3.6) + (0 if owned else 2.3))]
        rows = []
        for e in entries:
            row = [e.ref, e.applies_to, e.risk]
            if rated:
                row += [
                    e.likelihood.label if e.likelihood else "",
                    e.impact.label if e.impact else "",
                ]
            if owned:
                row.append(e.owner)
            rows.append([*row, e.mitigation])
        self.table(columns, rows, blank="")

    # counting ---------------------------------------------------------------------------------

    def counting(self) -> None:
        rules = counting_rules(self.plan, self.cat)
        rows = additionality(self.plan, self.cat)
        if not (rules or rows):
            return
        self.numbered_section("Counting and additionality")
        if rules:
            who = self.bidder or "We"
            self.text(
                f"{who} counts each unit of social value once, under one measure only:",
                keep_next=True,
            )
            for rule in rules:
                self.text(rule, role="bullet")
        if rows:
            self.text(
                "Each commitment's starting point and why it goes beyond business as usual:",
                keep_next=True,
            )
            self.table(
                [("Code", 1.6), ("Baseline", 7.0), ("Why it is additional", 8.4)],
                [[[Run(r.code, bold=True)], r.baseline, r.additionality] for r in rows],
                blank="",
            )
