"""The tender answer as a Word document, through the export's block model and writer.

Only the answer goes in the body (headings and paragraphs), so that selecting all and pasting it
into a tender portal carries nothing else; the tender's name is in the running header.
"""

from __future__ import annotations

from pathlib import Path

from svplan.core.answer import Block
from svplan.core.atomic import atomic_write_bytes
from svplan.core.plan import Plan
from svplan.export.model import Document, Heading, Para, Run


def answer_document(plan: Plan, blocks: list[Block]) -> Document:
    doc = Document(
        header=(" ".join(plan.bid.title.split()), "Social value answer"),
        footer=" ".join(plan.bid.bidder.split()),
        title="Social value answer",
    )
    for b in blocks:
        if b.kind == "heading":
            doc.blocks.append(Heading(2, b.text, anchor=None, in_contents=False))
        else:
            doc.blocks.append(Para([Run(b.text)]))
    return doc


def write_answer_docx(
    plan: Plan, blocks: list[Block], out: Path | str, template: Path | str | None = None
) -> Path:
    """Write the answer to `out` (.docx) atomically."""
    from svplan.export.docx_writer import render

    out = Path(out)
    atomic_write_bytes(out, render(answer_document(plan, blocks), template), verb="export")
    return out
