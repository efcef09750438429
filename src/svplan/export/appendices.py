"""The appendices: the partner directory (the council's words, attributed, once per partner),
the glossary of the acronyms the plan uses, and the sources."""

from __future__ import annotations

from svplan.core.catalogue import Partner
from svplan.core.glossary import used_in
from svplan.export.blocks import PlanBlocks
from svplan.export.model import Heading, Para, Run, Table
from svplan.export.phrases import (
    SEP,
    contact_runs,
    descriptions,
    engaged_partners,
    partner_name,
    website_runs,
)
from svplan.export.text import clean_text, is_blank, web_link

APPENDIX_LABEL = 1500  # twips: where values start in a directory entry


class AppendixSections(PlanBlocks):
    def referenced_partners(self) -> list[tuple[Partner, list[str]]]:
        """Every partner the plan names, once, alphabetically, with the codes naming it."""
        found: dict[str, tuple[Partner, list[str]]] = {}
        for c in self.in_order:
            for e in engaged_partners(c, self.cat):
                _, codes = found.setdefault(e.partner.id, (e.partner, []))
                codes.append(self.code(c))
        return sorted(found.values(), key=lambda x: partner_name(x[0]).casefold())

    def appendices(self) -> None:
        letters = iter("ABCDEFGH")
        partners = self.referenced_partners()
        if partners:
            self.partner_directory(next(letters), partners)
        self.glossary(next(letters))
        self.sources(next(letters))

    def partner_directory(self, letter: str, partners: list[tuple[Partner, list[str]]]) -> None:
        info = self.cat.info
        publisher = clean_text(info.publisher)
        self.heading(1, f"Appendix {letter} Partner directory")
        intro = (
            f"The organisations this plan names as delivery partners. What each offers is as "
            f"described by {publisher} in {clean_text(info.title)}, quoted as published; their "
            "role on this contract is given with each commitment."
        )
        if not self.contact_details:
            intro += " Named officers' phone numbers and emails are left out of this copy."
        self.text(intro)
        for partner, codes in partners:
            self.directory_entry(partner, codes, publisher)

    def directory_entry(self, partner: Partner, codes: list[str], publisher: str) -> None:
        block: list[Para] = [
            Para([Run(partner_name(partner), bold=True)], space_before=200, space_after=40)
        ]

        def line(label: str, runs: list[Run]) -> None:
            if runs:
                block.append(
                    Para(runs, label=f"{label}:", label_width=APPENDIX_LABEL, space_after=40)
                )

        line("Named for", [Run(", ".join(dict.fromkeys(codes)))])
        for contact in partner.contacts:
            line("Contact", contact_runs(contact, self.contact_details))
        line("Website", website_runs(partner.websites))
        texts = descriptions(partner, self.cat, codes)
        if texts:
            block.append(
                Para(
                    [Run(f"As described by {publisher}:", italic=True)],
                    space_before=60,
                    space_after=20,
                )
            )
            block += [Para([Run(t)], role="quote") for t in texts]
        # a short entry stays on one page; a long description may run on
        short = sum(len(r.text) for p in block for r in p.runs) < 1200
        for p in block[:-1] if short else block[:3]:
            p.keep_next = True
        self.blocks.extend(block)

    def glossary(self, letter: str) -> None:
        terms = used_in(_texts(self.blocks))
        if not terms:
            return
        self.heading(1, f"Appendix {letter} Glossary")
        self.table(
            [("Term", 2.6), ("Meaning", 14.4)],
            [[[Run(t.term, bold=True)], t.meaning] for t in terms],
            blank="",
            keep_together=len(terms) <= 20,
        )

    def sources(self, letter: str) -> None:
        info = self.cat.info
        self.heading(1, f"Appendix {letter} Sources")
        self.text(
            f"Measure codes, wording and units, and the partners' names, contact details and "
            f"descriptions, are taken from {clean_text(info.title)}, published by "
            f"{clean_text(info.publisher)} (edition {clean_text(info.edition)})."
        )
        source = [Run(clean_text(info.source_title))]
        link = web_link(info.source_url)
        if link:
            source += [Run(SEP), Run(clean_text(info.source_url), link=link)]
        self.label("Source", source)


def _texts(blocks: list) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append(b.text)
        elif isinstance(b, Para):
            out.append("".join(r.text for r in b.runs))
        elif isinstance(b, Table):
            out += [c.title for c in b.columns]
            for row in b.rows:
                for cell in row:
                    paras = cell if isinstance(cell, list) else cell.paras
                    out += ["".join(r.text for r in p.runs) for p in paras]
    return [t for t in out if not is_blank(t)]
