"""The base of the section builders: the plan in context and the block-making primitives."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from svplan.core.catalogue import Catalogue, Measure, Unit
from svplan.core.edits import canonical_code
from svplan.core.plan import Commitment, Plan
from svplan.export.model import Block, Cell, Column, Heading, Para, Run, Table
from svplan.export.phrases import DASH
from svplan.export.text import clean_text, paragraphs_of

LABEL = 2200  # twips: where values start in the body (fits "Yearly profile:" in bold)
LABEL_GAP = 60  # twips after each "Label: value" line


class PlanBlocks:
    """Collects blocks for one plan; empty values never make a block."""

    def __init__(
        self,
        plan: Plan,
        catalogue: Catalogue,
        issued: dt.date,
        *,
        contact_details: bool | None = None,
    ) -> None:
        self.plan = plan
        # named people's phones and emails: the export option, else the plan's setting
        self.contact_details = (
            plan.options.contact_details if contact_details is None else contact_details
        )
        self.cat = catalogue
        self.bid = plan.bid
        self.issued = issued
        self.blocks: list[Block] = []
        self._anchors = 0
        self.bidder = clean_text(self.bid.bidder)
        self.authority = clean_text(self.bid.authority)
        known = [c for c in plan.commitments if catalogue.has_measure(c.measure)]
        self.known = sorted(
            known, key=lambda c: catalogue.order_of(canonical_code(catalogue, c.measure))
        )
        self.other = [c for c in plan.commitments if not catalogue.has_measure(c.measure)]
        self.in_order = self.known + self.other
        self.section_number = 1  # the last numbered top-level section

    # building blocks

    def heading(self, level: int, text: str, *, contents: bool = True) -> None:
        anchor = None
        if contents:
            self._anchors += 1
            anchor = f"_svh{self._anchors}"
        self.blocks.append(Heading(level, clean_text(text), anchor, contents))

    def numbered_section(self, title: str) -> Callable[[str], None]:
        """Head the next numbered section ('5 Governance'); returns the function that heads its
        subsections in turn ('5.1 Accountability', '5.2 Escalation', …)."""
        self.section_number += 1
        number, subsections = self.section_number, itertools.count(1)
        self.heading(1, f"{number} {title}")

        def subsection(title: str) -> None:
            self.heading(2, f"{number}.{next(subsections)} {title}")

        return subsection

    def text(self, text: str | None, role: str = "body", **kw) -> None:
        for chunk in paragraphs_of(text):
            self.blocks.append(Para([Run(chunk)], role=role, **kw))

    def runs(self, runs: list[Run], role: str = "body", **kw) -> None:
        if runs:
            self.blocks.append(Para(runs, role=role, **kw))

    def label(
        self,
        label: str,
        value: str | list[Run] | None,
        width: int = LABEL,
        *,
        keep_next: bool = False,
    ) -> None:
        """'Label:  value'; left out when the value is empty. Long text continues indented."""
        if isinstance(value, list):
            if value:
                self.blocks.append(
                    Para(
                        value,
                        label=f"{label}:",
                        label_width=width,
                        space_after=LABEL_GAP,
                        keep_next=keep_next,
                    )
                )
            return
        chunks = paragraphs_of(value)
        for i, chunk in enumerate(chunks):
            self.blocks.append(
                Para(
                    [Run(chunk)],
                    label=f"{label}:" if i == 0 else "",
                    label_width=width,
                    space_after=LABEL_GAP,
                    keep_next=keep_next,
                )
            )

    def table(
        self,
        columns: list[tuple[str, float]],
        rows: list[list],
        *,
        blank: str = DASH,
        keep_together: bool = False,
        compact: bool = False,
        header: list[list[Cell]] | None = None,
    ) -> Table:
        """rows of cells; a cell is text, a list of Runs (one paragraph), a list of Paras or a
        Cell. An empty cell shows `blank` ("" leaves it empty). Returns the table added."""
        cells = [[v if isinstance(v, Cell) else self._cell(v, blank) for v in row] for row in rows]
        table = Table(
            [Column(t, w) for t, w in columns],
            cells,
            header=header,
            keep_together=keep_together,
            compact=compact,
        )
        self.blocks.append(table)
        return table

    @staticmethod
    def _cell(value: str | list[Run] | list[Para], blank: str = DASH) -> list[Para]:
        empty = [Para([Run(blank)])] if blank else [Para([])]
        if isinstance(value, list):
            if value and all(isinstance(v, Para) for v in value):
                return value  # type: ignore[return-value]
            return [Para(value)] if value else empty  # type: ignore[arg-type]
        chunks = paragraphs_of(value)
        return [Para([Run(c)]) for c in chunks] or empty

    # words used in sentences

    @property
    def who(self) -> str:
        return self.bidder or "We"

    @property
    def whom(self) -> str:
        return self.authority or "the contracting authority"

    def unit(self, c: Commitment) -> Unit | None:
        return self.cat.unit_of(c.measure) if self.cat.has_measure(c.measure) else None

    def measure(self, c: Commitment) -> Measure | None:
        return self.cat.measure(c.measure) if self.cat.has_measure(c.measure) else None

    def code(self, c: Commitment) -> str:
        m = self.measure(c)
        return m.code if m else clean_text(c.measure)
