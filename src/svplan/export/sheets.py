"""Tables for spreadsheets: XLSX (openpyxl) and CSV, both written atomically.

One small writer shared by every table the app exports (the portal entry sheet, delivery
reports). A table is a `Sheet`: a title, the column headers, the rows and optional widths.

- XLSX: bold header row, frozen, with a filter; wrapped text, top-aligned; sensible column widths
  (given, or measured from the content); printed landscape, one page wide, header repeated.
  No formulas: every text cell is stored as text, so "=SUM(A1)" typed by a user stays words.
- CSV: UTF-8 with a byte order mark, so Excel shows £ signs; Excel's CRLF line ends. Text that
  Excel would run as a formula (starting with = + - @) gets a leading apostrophe, the usual guard
  against spreadsheet formula injection; numbers are written as numbers.

Cell values may be str, int, float, Decimal, datetime.date or None.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from svplan.core.atomic import atomic_write_bytes
from svplan.core.errors import ExportError

Cell = str | int | float | Decimal | dt.date | None

EXCEL_CELL_LIMIT = 32_767  # characters a cell can hold in Excel
MIN_WIDTH = 6.0
MAX_WIDTH = 60.0
LINE_HEIGHT = 15.0  # points per line of 11 pt text
_SHEET_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")
# Control characters Excel's XML cannot hold (tab, LF and CR are allowed).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Sheet:
    """One table: the worksheet's title, its headers, its rows, optional column widths."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[float] | None = None  # in Excel's character units; None = from content


def write_xlsx(path: Path | str, sheets: Sequence[Sheet]) -> None:
    """Write the sheets to one workbook at `path`, atomically (SaveError on failure)."""
    atomic_write_bytes(Path(path), xlsx_bytes(sheets), verb="export")


def write_csv(path: Path | str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """Write one table as CSV (UTF-8 with BOM) at `path`, atomically (SaveError on failure)."""
    atomic_write_bytes(Path(path), csv_bytes(headers, rows), verb="export")


def csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """The CSV file's bytes: BOM, header line, one line per row, CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook's bytes (openpyxl is imported here, on first use)."""
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for sheet in sheets:
        _add_sheet(book, sheet, _sheet_title(sheet.title, used))
    book.properties.creator = "Social Value Plan Builder"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _add_sheet(book, sheet: Sheet, title: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(title)
    columns = len(sheet.headers)
    wrap = Alignment(wrap_text=True, vertical="top")
    number = Alignment(wrap_text=True, vertical="top", horizontal="right")
    bold = Font(name="Calibri", bold=True)
    fill = PatternFill("solid", fgColor="DCE6F1")
    rule = Border(bottom=Side(style="thin", color="7F7F7F"))
    for col, header in enumerate(sheet.headers, start=1):
        cell = ws.cell(row=1, column=col)
        _set(cell, header)
        cell.font, cell.alignment, cell.fill, cell.border = bold, wrap, fill, rule
    for r, row in enumerate(sheet.rows, start=2):
        if len(row) > columns:
            raise ValueError(f"row {r - 1} has {len(row)} cells for {columns} headers")
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=col)
            _set(cell, value)
            is_number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
            cell.alignment = number if is_number else wrap
    widths = list(sheet.widths) if sheet.widths is not None else _measure(sheet)
    for col in range(1, columns + 1):
        width = widths[col - 1] if col - 1 < len(widths) else MIN_WIDTH
        ws.column_dimensions[get_column_letter(col)].width = width
    # Row heights from the wrapped lines: LibreOffice does not grow rows on opening a file.
    for r, row in enumerate([sheet.headers, *sheet.rows], start=1):
        lines = max((_lines(v, widths[i]) for i, v in enumerate(row) if i < len(widths)), default=1)
        if lines > 1:
            ws.row_dimensions[r].height = min(409.0, LINE_HEIGHT * lines + 3)
    if columns:
        ws.freeze_panes = "A2"
        last = get_column_letter(columns)
        ws.auto_filter.ref = f"A1:{last}{max(1, len(sheet.rows) + 1)}"
        ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _set(cell, value: Cell) -> None:
    """Put a value in a cell; text is always text (never a formula), numbers get a format."""
    if value is None:
        return
    if isinstance(value, bool):
        value = "Yes" if value else "No"
    if isinstance(value, str):
        text = _ILLEGAL.sub("", value)
        if len(text) > EXCEL_CELL_LIMIT:
            raise ExportError(
                f"A cell holds {len(text):,} characters; a spreadsheet cell holds at most "
                f"{EXCEL_CELL_LIMIT:,}. Shorten that text and export again."
            )
        cell.value = text
        cell.data_type = "s"  # openpyxl would store "=..." as a formula otherwise
        return
    if isinstance(value, dt.datetime):
        value = value.date()
    cell.value = value
    if isinstance(value, dt.date):
        cell.number_format = "dd/mm/yyyy"
    elif _integral(value):
        cell.number_format = "#,##0_)"  # _) leaves a gap before the next column
    else:
        cell.number_format = "#,##0.0#_)"


def _lines(value: Cell, width: float) -> int:
    """How many lines a wrapped cell takes in a column `width` characters wide (an estimate:
    word-wrapped at about 1.1 characters of body text per unit of column width)."""
    if value is None:
        return 1
    import textwrap

    per_line = max(1, int(width * 1.1) - 1)
    return sum(
        max(1, len(textwrap.wrap(line, per_line, break_long_words=True)))
        for line in _display(value).split("\n")
    )


def _integral(value: int | float | Decimal) -> bool:
    if isinstance(value, int):
        return True
    try:
        return value == int(value)
    except (OverflowError, ValueError):  # inf, nan
        return False


def _measure(sheet: Sheet) -> list[float]:
    """Column widths from the content: the longest line, kept between MIN and MAX."""
    widths: list[float] = []
    for col, header in enumerate(sheet.headers):
        longest = max((len(w) for w in str(header).split()), default=0)  # header may wrap
        longest = max(longest, min(len(str(header)), 18))
        for row in sheet.rows[:500]:
            if col < len(row) and row[col] is not None:
                text = _display(row[col])
                longest = max(longest, max((len(line) for line in text.splitlines()), default=0))
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2.0)))
    return widths


def _display(value: Cell) -> str:
    if isinstance(value, dt.date):
        return "00/00/0000"
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _sheet_title(title: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = _SHEET_TITLE_BAD.sub(" ", _ILLEGAL.sub("", title)).strip().strip("'")[:31] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return _plain_decimal(value)
    if isinstance(value, int | float):
        return str(value)
    text = _ILLEGAL.sub("", str(value))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _plain_decimal(value: Decimal) -> str:
    """2400000 not 2.4E+6; 2.5 not 2.50."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")
