"""The delivery plan, section by section, as format-free blocks (model.py).

Order: cover, contents, executive summary, commitments year by year (schedule and timeline), one
section per theme (outcomes, then measures, in catalogue order), other commitments, social value
in money terms (only with proxy values), milestone plan, governance, monitoring and reporting,
risk register, counting and additionality, then the appendices (partner directory, glossary,
sources). Empty fields are left out; nothing from the catalogue is printed as the bidder's words.

A plan that `svplan check` would not pass is stamped DRAFT, with the number of outstanding items,
on the cover and in the running header (core.checks.outstanding).
"""

from __future__ import annotations

import datetime as dt

from svplan.core.catalogue import Catalogue
from svplan.core.checks import check_plan, outstanding
from svplan.core.plan import Plan
from svplan.export.appendices import AppendixSections
from svplan.export.commitments import CommitmentSections
from svplan.export.delivery import DeliverySections
from svplan.export.model import Contents, Document, Heading, PageBreak, Para, Run
from svplan.export.money_section import money_section
from svplan.export.phrases import SEP, engaged_partners, plural
from svplan.export.summary import SummarySections
from svplan.export.text import clean_text, format_date, is_blank

__all__ = ["DOC_TITLE", "build_document", "engaged_partners"]

DOC_TITLE = "Social Value Delivery Plan"
COVER_LABEL = 2600  # twips: where values start on the cover
DRAFT_COLOUR = "B42318"


def build_document(
    plan: Plan, catalogue: Catalogue, issued: dt.date, *, contact_details: bool | None = None
) -> Document:
    """Every block of the delivery plan, in order. `contact_details` False leaves named
    people's phones and emails out (None: as the plan's `options.contact_details` says)."""
    return _Builder(plan, catalogue, issued, contact_details=contact_details).build()


class _Builder(SummarySections, CommitmentSections, DeliverySections, AppendixSections):
    def build(self) -> Document:
        self.section_number = 0
        self.outstanding = len(outstanding(check_plan(self.plan, self.cat)))
        self.cover()
        self.contents()
        self.executive_summary()
        self.year_by_year()
        self.themes()
        self.others()
        money_section(self)  # only when the plan has proxy values (issue 17)
        self.milestone_plan()
        self.governance()
        self.monitoring()
        self.risk_register()
        self.counting()
        self.appendices()
        bid = self.bid
        title = clean_text(bid.title)
        left = self.bidder or title
        if self.outstanding:
            left = f"{self.draft_label}{SEP}{left}" if left else self.draft_label
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
            page_of=False,  # the page number alone: never "Page 1 of 1" in a viewer
            ties=True,
        )

    @property
    def draft_label(self) -> str:
        return "DRAFT – " + plural(self.outstanding, "item outstanding", "items outstanding")

    def cover(self) -> None:
        bid = self.bid
        self.blocks.append(Para([Run(DOC_TITLE)], role="title", space_before=2600))
        if not is_blank(bid.title):
            self.blocks.append(Para([Run(clean_text(bid.title))], role="subtitle", space_after=720))
        else:
            self.blocks.append(Para([], role="body", space_after=720))
        if self.outstanding:
            self.blocks.append(
                Para(
                    [Run(self.draft_label, bold=True, color=DRAFT_COLOUR, size=36)],
                    space_after=480,
                )
            )
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
