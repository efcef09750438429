"""Tables as WordprocessingML: column titles or header rows, shaded and spanning cells, small
tables kept on one page, compact tables (the timeline)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from xml.sax.saxutils import escape

from svplan.export.model import Cell, Para, Run, Table

_Writer = Any  # docx_writer._Writer: width, styles, paragraph(), _size (no import: no cycle)

# Rows with more characters than this may break across pages: Word clips a row that is not
# allowed to break and is taller than a page.
SPLITTABLE_ROW = 600
COMPACT_SIZE = 16  # half-points: 8 pt text in compact tables
NO_STYLE_HEADER = "D9D9D9"  # header shading when the template has no table style


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _widths(w: _Writer, t: Table) -> list[int]:
    total = sum(c.width for c in t.columns) or 1
    widths = [int(w.width * c.width / total) for c in t.columns]
    widths[-1] += w.width - sum(widths)
    return widths


def _cell_xml(w: _Writer, cell: Cell, width: int, *, keep: bool, default_fill: str = "") -> str:
    paras = cell.paras or [Para([])]
    if keep:
        paras = [replace(p, keep_next=True) for p in paras]
    body = "".join(w.paragraph(p, cell=True) for p in paras)
    props = ""  # widths come from the table's grid (fixed layout): no tcW in every cell
    if cell.span > 1:
        props += f'<w:tcW w:w="{width}" w:type="dxa"/><w:gridSpan w:val="{cell.span}"/>'
    fill = cell.fill or default_fill
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{_attr(fill)}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>" if props else f"<w:tc>{body}</w:tc>"


def _row_xml(
    w: _Writer,
    cells: list[Cell],
    widths: list[int],
    *,
    header: bool = False,
    keep: bool = False,
    default_fill: str = "",
) -> str:
    out, col = [], 0
    for cell in cells:
        span = max(1, min(cell.span, len(widths) - col))
        width = sum(widths[col : col + span])
        out.append(_cell_xml(w, cell, width, keep=keep, default_fill=default_fill))
        col += span
    size = sum(len(r.text) for c in cells for p in c.paras for r in p.runs)
    props = ""
    if header or keep or size < SPLITTABLE_ROW:
        props += "<w:cantSplit/>"
    if header:
        props += "<w:tblHeader/>"
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(out)}</w:tr>"


def table_xml(w: _Writer, t: Table) -> str:
    """The table and the small empty paragraph that keeps it apart from the next one."""
    widths = _widths(w, t)
    style = w.styles.table
    tblpr = []
    if style:
        tblpr.append(f'<w:tblStyle w:val="{_attr(style)}"/>')
    tblpr.append(f'<w:tblW w:w="{w.width}" w:type="dxa"/>')
    if not style:
        border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        sides = ("top", "left", "bottom", "right", "insideH", "insideV")
        tblpr.append(f"<w:tblBorders>{''.join(border.format(s) for s in sides)}</w:tblBorders>")
    tblpr.append('<w:tblLayout w:type="fixed"/>')
    if t.compact:
        tblpr.append(
            '<w:tblCellMar><w:left w:w="40" w:type="dxa"/><w:right w:w="40" w:type="dxa"/>'
            "</w:tblCellMar>"
        )
    tblpr.append(
        '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
    )
    grid = "".join(f'<w:gridCol w:w="{x}"/>' for x in widths)
    out = [f"<w:tbl><w:tblPr>{''.join(tblpr)}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"]
    saved = w._size
    if t.compact:
        w._size = COMPACT_SIZE
    try:
        no_style_fill = "" if style else NO_STYLE_HEADER
        headers = t.header or [[Cell([Para([Run(c.title, bold=True)])]) for c in t.columns]]
        for row in headers:
            out.append(_row_xml(w, row, widths, header=True, keep=True, default_fill=no_style_fill))
        last = len(t.rows) - 1
        for i, row in enumerate(t.rows):
            cells = [c if isinstance(c, Cell) else Cell(c) for c in row]
            out.append(_row_xml(w, cells, widths, keep=t.keep_together and i < last))
    finally:
        w._size = saved
    out.append("</w:tbl>")
    # a small empty paragraph keeps two tables apart (Word would merge them)
    out.append(
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:rPr><w:sz w:val="8"/>'
        "</w:rPr></w:pPr></w:p>"
    )
    return "".join(out)
