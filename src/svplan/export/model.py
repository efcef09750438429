"""A small, format-free model of the exported document: blocks of headings, paragraphs and tables.

sections.py turns a plan into these blocks; docx_writer.py turns the blocks into Word XML. Keeping
the two apart means the content can be tested without Word and the writer knows nothing of plans.
Roles ("h1", "body", "bullet" ...) are mapped to Word style names in template.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A piece of text; `link` is an external https/mailto address, `anchor` an internal one."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    anchor: str | None = None
    color: str | None = None  # RRGGBB, direct formatting (the DRAFT stamp)
    size: int | None = None  # half-points, direct formatting


@dataclass
class Para:
    """A paragraph. With `label`, it is a "Label:  value" line with the value hanging aligned."""

    runs: list[Run]
    role: str = "body"
    label: str | None = None
    label_width: int = 2000  # twips (1/1440 inch) from the margin to where the value starts
    keep_next: bool = False
    space_before: int | None = None  # twips, overriding the style (cover layout only)
    space_after: int | None = None
    align: str | None = None  # "center" or "right"; None: as the style says


@dataclass
class Heading:
    """A heading; `anchor` is the bookmark the Contents links to (None: not in the Contents)."""

    level: int  # 1-4
    text: str
    anchor: str | None = None
    in_contents: bool = True
    role: str | None = None  # a style role other than "h<level>" (the Contents title)


@dataclass
class Column:
    title: str
    width: float  # relative weight; the writer scales the columns to the text width


@dataclass
class Cell:
    """A table cell with a background colour or spanning several columns (the timeline)."""

    paras: list[Para]
    fill: str | None = None  # background colour, RRGGBB
    span: int = 1  # grid columns the cell covers


@dataclass
class Table:
    columns: list[Column]
    rows: list[list[list[Para] | Cell]]  # rows -> cells -> paragraphs (or a Cell)
    header: list[list[Cell]] | None = None  # header rows instead of the column titles
    keep_together: bool = False  # a small table: all of it on one page
    compact: bool = False  # smaller text and tight cells (the timeline)


@dataclass
class PageBreak:
    pass


@dataclass
class Contents:
    """Placeholder replaced by the list of headings (levels up to `depth`) with links."""

    depth: int = 3


Block = Heading | Para | Table | PageBreak | Contents


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    header: tuple[str, str] = ("", "")  # left and right text of the running header
    footer: str = ""  # left text of the footer; the page number goes on the right
    # True: "Page X of Y" (cached "1"); False: the page number alone with no cached value, so a
    # viewer that computes no fields never shows "Page 1 of 1" on every page (the delivery plan)
    page_of: bool = True
    # no line break inside "Year 5", "36-month" or "1 April 2027" (no-break spaces and hyphens);
    # off for text meant to be pasted elsewhere (the tender answer)
    ties: bool = False
    title: str = ""  # document properties
    subject: str = ""
    author: str = ""
    keywords: str = ""
