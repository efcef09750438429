"""Reading an exported .docx back for assertions (python-docx plus a little raw XML)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


@dataclass
class Block:
    kind: str  # "p" or "table"
    style: str
    text: str
    table: Table | None = None


def open_docx(path: Path | str) -> DocxDocument:
    return docx.Document(str(path))


def blocks(doc: DocxDocument) -> list[Block]:
    out = []
    for item in doc.iter_inner_content():
        if isinstance(item, Paragraph):
            out.append(Block("p", item.style.name if item.style is not None else "", item.text))
        else:
            text = "\n".join(cell.text for row in item.rows for cell in row.cells)
            out.append(Block("table", "", text, item))
    return out


def heading_level(style: str) -> int | None:
    if style.startswith("Heading ") and style[8:].isdigit():
        return int(style[8:])
    return None


def headings(doc: DocxDocument, max_level: int = 9) -> list[tuple[int, str]]:
    out = []
    for b in blocks(doc):
        level = heading_level(b.style)
        if b.kind == "p" and level and level <= max_level:
            out.append((level, b.text))
    return out


def all_paragraphs(doc: DocxDocument) -> list[Paragraph]:
    """Body paragraphs and table-cell paragraphs, in order."""
    out: list[Paragraph] = []
    for item in doc.iter_inner_content():
        if isinstance(item, Paragraph):
            out.append(item)
        else:
            for row in item.rows:
                for cell in row.cells:
                    out.extend(cell.paragraphs)
    return out


def all_text(doc: DocxDocument) -> str:
    return "\n".join(p.text for p in all_paragraphs(doc))


def hyperlinks(doc: DocxDocument) -> list[tuple[str, str]]:
    """(target, shown text) for every hyperlink in the body: URL for external, '#anchor' inside."""
    rels = doc.part.rels
    out = []
    for h in doc.element.body.iter(qn("w:hyperlink")):
        text = "".join(t.text or "" for t in h.iter(qn("w:t")))
        rid = h.get(qn("r:id"))
        if rid:
            out.append((rels[rid].target_ref, text))
        else:
            out.append(("#" + (h.get(qn("w:anchor")) or ""), text))
    return out


def external_relationships(doc: DocxDocument) -> list[tuple[str, str]]:
    """(reltype, target) of every external relationship of the main document part."""
    return [(r.reltype, r.target_ref) for r in doc.part.rels.values() if r.is_external]


def bookmarks(doc: DocxDocument) -> dict[str, str]:
    """Bookmark name -> text of the paragraph holding it."""
    out = {}
    for b in doc.element.body.iter(qn("w:bookmarkStart")):
        p = b.getparent()
        out[b.get(qn("w:name"))] = "".join(t.text or "" for t in p.iter(qn("w:t")))
    return out


def part_xml(part) -> str:  # type: ignore[no-untyped-def]
    from lxml import etree

    return etree.tostring(part._element, encoding="unicode")


def text_of(element) -> str:  # type: ignore[no-untyped-def]
    return "".join(t.text or "" for t in element.iter(qn("w:t")))
