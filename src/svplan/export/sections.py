"""The delivery plan, section by section, as format-free blocks (model.py).

Order: cover, contents, summary, one section per theme (outcomes, then measures, in catalogue
order), other commitments, monitoring and reporting, partner directory, sources. Empty fields are
left out; nothing from the catalogue's hints is printed as if the bidder had written it.
"""

from __future__ import annotations

import datetime as dt

from svplan.core.catalogue import Catalogue, Partner
from svplan.core.plan import Plan, Reporting
from svplan.export.commitments import CommitmentSections
from svplan.export.model import Contents, Document, Heading, PageBreak, Para, Run
from svplan.export.money_section import money_section
from svplan.export.phrases import (
    NBSP,
    PORTAL,
    SEP,
    amount,
    contact_lines,
    engaged_partners,
    frequency,
    in_words,
    joined,
    plural,
    website_run,
)
from svplan.export.text import clean_text, email_link, format_date, format_money, is_blank, web_link

__all__ = ["DOC_TITLE", "build_document", "engaged_partners"]

DOC_TITLE = "Social Value Delivery Plan"
COVER_LABEL = 2600  # twips: where values start on the cover


def build_document(plan: Plan, catalogue: Catalogue, issued: dt.date) -> Document:
    """Every block of the delivery plan, in order."""
    return _Builder(plan, catalogue, issued).build()


class _Builder(CommitmentSections):
    def build(self) -> Document:
        self.cover()
        self.contents()
        self.summary()
        self.themes()
        self.others()
        money_section(self)  # only when the plan has proxy values (issue 17)
        self.monitoring()
        self.appendices()
        bid = self.bid
        title = clean_text(bid.title)
        left = self.bidder or title
        footer = SEP.join(
            x
            for x in (
                DOC_TITLE,
                f"Version {clean_text(bid.version)}" if not is_blank(bid.version) else "",
                clean_text(bid.status),
            )
            if x
        )
        return Document(
            blocks=self.blocks,
            header=(left, clean_text(bid.reference)),
            footer=footer,
            title=f"{DOC_TITLE} – {title}" if title else DOC_TITLE,
            subject=clean_text(bid.reference),
            author=self.bidder,
            keywords="; ".join(
                ["social value", self.cat.info.title, *(self.code(c) for c in self.in_order)]
            ),
        )

    def cover(self) -> None:
        bid = self.bid
        self.blocks.append(Para([Run(DOC_TITLE)], role="title", space_before=2600))
        if not is_blank(bid.title):
            self.blocks.append(Para([Run(clean_text(bid.title))], role="subtitle", space_after=720))
        else:
            self.blocks.append(Para([], role="body", space_after=720))
        self.label("Tender reference", bid.reference, COVER_LABEL)
        self.label("Contracting authority", bid.authority, COVER_LABEL)
        self.label("Submitted by", bid.bidder, COVER_LABEL)
        self.label("Date of issue", format_date(self.issued), COVER_LABEL)
        self.label("Version", bid.version, COVER_LABEL)
        self.label("Status", bid.status, COVER_LABEL)
        self.blocks.append(
            Para(
                [Run(f"Commitments aligned to {clean_text(self.cat.info.title)}.")],
                role="caption",
                space_before=1200,
            )
        )
        self.blocks.append(PageBreak())

    def contents(self) -> None:
        self.blocks.append(Heading(1, "Contents", None, in_contents=False, role="toc_heading"))
        self.blocks.append(Contents(depth=3))
        self.blocks.append(PageBreak())

    def summary(self) -> None:
        self.heading(1, "1 Summary")
        n = len(self.plan.commitments)
        intro = f"This plan sets out how {self.bidder or 'we'} will deliver " + plural(
            n, "social value commitment", "social value commitments"
        )
        if not is_blank(self.bid.title):
            intro += f" on {clean_text(self.bid.title)}"
        if self.authority:
            intro += f" for {self.authority}"
        intro += f", aligned to {clean_text(self.cat.info.title)}."
        self.text(intro)
        if n:
            self.text(
                "For each commitment it gives a SMART target with a yearly profile, the delivery "
                "actions and their deadlines, the people and resources responsible, the partners "
                "engaged, how progress is monitored and evidenced, and the risks to delivery with "
                "how they will be managed."
            )
        bid = self.bid
        rows: list[tuple[str, str]] = [
            ("Contract", clean_text(bid.title)),
            ("Tender reference", clean_text(bid.reference)),
            ("Authority", self.authority),
            ("Contract value", format_money(bid.contract_value) if bid.contract_value else ""),
            ("Start date", format_date(bid.start) if bid.start else ""),
            ("Duration", f"{bid.months} months" if bid.months else ""),
            ("End date", format_date(bid.end) if bid.end else ""),
        ]
        if any(v for _, v in rows):
            self.heading(2, "1.1 The contract")
            for label, value in rows:
                self.label(label, value)
        number = 2 if any(v for _, v in rows) else 1
        if self.lead_section(f"1.{number} Social value lead"):
            number += 1
        self.heading(2, f"1.{number} Commitments at a glance")
        if not self.in_order:
            self.text("No commitments have been added to this plan yet.")
            return
        rows2: list[list[str | list[Run]]] = []
        for c in self.in_order:
            m, unit = self.measure(c), self.unit(c)
            yearly = SEP.join(
                f"Y{i}{NBSP}{amount(unit, v, suffix=False)}"
                for i, v in enumerate(c.yearly or [], 1)
            )
            partners = "\n".join(clean_text(e.partner.name) for e in engaged_partners(c, self.cat))
            rows2.append(
                [
                    [Run(self.code(c), bold=True)],
                    clean_text(m.short) if m else [Run("Not in the catalogue", italic=True)],
                    amount(unit, c.target),
                    yearly,
                    clean_text(c.owner),
                    partners,
                ]
            )
        self.table(
            [
                ("Code", 1.3),
                ("Measure", 4.0),
                ("Target", 2.1),
                ("Yearly profile", 2.9),
                ("Owner", 2.5),
                ("Partners", 4.2),
            ],
            rows2,
        )

    def lead_section(self, title: str) -> bool:
        lead = self.plan.lead
        if lead.is_empty():
            return False
        self.heading(2, title)
        name, role = clean_text(lead.name), clean_text(lead.role)
        if name:
            who = f"{name}, {role}," if role else name
        elif role:
            who = f"Our {role}"
        else:
            who = "Our social value lead"
        self.text(
            f"{who} leads social value delivery on this contract and is the single point of "
            f"contact for {self.whom} on every commitment in this plan."
        )
        if not is_blank(lead.email):
            self.label("Email", [Run(clean_text(lead.email), link=email_link(lead.email))])
        self.label("Phone", lead.phone)
        return True

    # monitoring

    def monitoring(self) -> None:
        n = self.section_number + 1
        self.heading(1, f"{n} Monitoring and reporting")
        self.heading(2, f"{n}.1 Quarterly reporting")
        self.text(
            f"{self.who} will report progress on every commitment in this plan to {self.whom} "
            f"each quarter through the {PORTAL}, with the evidence described for each commitment."
        )
        freqs = {frequency(c) for c in self.in_order}
        if len(freqs) == 1:
            f = freqs.pop()
            self.text(
                f"Every commitment is measured and reported {in_words(f)}."
                if f != Reporting.QUARTERLY
                else "Every commitment is measured and reported quarterly."
            )
        elif freqs:
            self.text(
                "The table shows how often each commitment is measured and reported.",
                keep_next=True,
            )
            self.table(
                [("Code", 1.5), ("Measure", 10.0), ("Reporting", 5.5)],
                [
                    [
                        [Run(self.code(c), bold=True)],
                        clean_text(m.short) if (m := self.measure(c)) else "",
                        frequency(c).label,
                    ]
                    for c in self.in_order
                ],
            )
        self.heading(2, f"{n}.2 Annual progress review")
        self.text(
            f"At least once a year {self.bidder or 'we'} will review progress with {self.whom}: "
            "delivery against the yearly profile of each commitment, the evidence collected, "
            "risks and any corrective actions, and targets for the year ahead."
        )
        sub = 2
        if not is_blank(self.plan.monitoring):
            sub += 1
            self.heading(2, f"{n}.{sub} Data collection")
            self.text(self.plan.monitoring)
        self.lead_section(f"{n}.{sub + 1} Contact")

    # appendices

    def referenced_partners(self) -> list[Partner]:
        found: dict[str, Partner] = {}
        for c in self.in_order:
            for e in engaged_partners(c, self.cat):
                found.setdefault(e.partner.id, e.partner)
        return sorted(found.values(), key=lambda p: clean_text(p.name).casefold())

    def appendices(self) -> None:
        letter = "A"
        partners = self.referenced_partners()
        if partners:
            self.heading(1, f"Appendix {letter} Partner directory")
            self.text(
                f"Contact details of the partners named in this plan, as published in "
                f"{clean_text(self.cat.info.title)}."
            )
            rows: list[list[str | list[Run] | list[Para]]] = []
            for p in partners:
                contacts = [
                    Para(joined([[r] for r in contact_lines(c)], sep="\n"), space_after=60)
                    for c in p.contacts
                ]
                sites = [Para([website_run(w)]) for w in p.websites if not is_blank(w)]
                rows.append([[Run(clean_text(p.name), bold=True)], contacts, sites])
            self.table([("Organisation", 4.6), ("Contacts", 6.2), ("Website", 6.2)], rows)
            letter = "B"
        info = self.cat.info
        self.heading(1, f"Appendix {letter} Sources")
        self.text(
            f"Measure codes, wording and units, and the partners' details and offers, are taken "
            f"from {clean_text(info.title)}, published by {clean_text(info.publisher)} "
            f"(edition {clean_text(info.edition)})."
        )
        source = [Run(clean_text(info.source_title))]
        link = web_link(info.source_url)
        if link:
            source += [Run(SEP), Run(clean_text(info.source_url), link=link)]
        self.label("Source", source)
        self.text(
            f"Produced on {format_date(self.issued)} with Social Value Plan Builder.",
            role="caption",
        )
