"""The Excel (.xlsx) half of core/tabular.py: the zip checked first, then openpyxl, read only.

A workbook is a zip of XML files. Before openpyxl sees it, the zip's directory is checked: the
number of members, their declared sizes (Python's zipfile never inflates a member past its declared
size, so the declared sizes bound the memory used), the compression ratio, encryption, and that no
XML part carries a DTD (entity expansion). openpyxl then reads it twice, both in read-only mode:
once for the values Excel saved (data_only) and once to see which cells hold formulas, so that a
formula whose value was never saved is reported instead of being read as an empty cell. Nothing
is ever calculated.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from svplan.core.errors import ImportFileError

MAX_MEMBERS = 2_000
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # all parts together, as declared in the zip
MAX_RATIO = 200  # a part over 1 MB that shrank more than 200:1 is a zip bomb, not a sheet
MAX_EXCEL_ROWS = 1_048_576
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text the user sees: numbers without float noise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "Infinity" if value > 0 else "-Infinity"
        # Excel shows at most 15 significant digits: 0.30000000000000004 is 0.3 to the user.
        text = format(Decimal(format(value, ".15g")), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


def check_zip(path: Path, raw: bytes, *, what: str) -> None:
    """ImportFileError unless `raw` is a zip that is safe to hand to openpyxl as a workbook."""
    name = path.name
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ImportFileError(
            f"{name} is a damaged Excel workbook (the zip cannot be read); open it in Excel and "
            "save it again.",
            path=path,
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ImportFileError(
                f"{name} holds {len(members):,} parts; an Excel {what} has far fewer, so it is "
                "not read.",
                path=path,
            )
        names = {m.filename for m in members}
        if "xl/workbook.xml" not in names:
            kind = "a Word document" if "word/document.xml" in names else "a zip file"
            raise ImportFileError(
                f"{name} is {kind}, not an Excel workbook; open the {what} itself.", path=path
            )
        total = 0
        for member in members:
            total += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if member.flag_bits & 0x1:
                raise ImportFileError(
                    f"{name} is encrypted; save it in Excel without a password.", path=path
                )
            if total > MAX_UNZIPPED_BYTES or (member.file_size > 1_048_576 and ratio > MAX_RATIO):
                raise ImportFileError(
                    f"{name} unpacks to far more than an Excel {what} would (part "
                    f"'{shorten(member.filename)}'), so it is not read.",
                    path=path,
                )
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml")):
                try:
                    with archive.open(member) as handle:
                        head = handle.read(4096)
                except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError):
                    raise ImportFileError(
                        f"{name} is a damaged Excel workbook (part '{shorten(member.filename)}' "
                        "cannot be unpacked); open it in Excel and save it again.",
                        path=path,
                    ) from None
                if _DTD.search(head):
                    raise ImportFileError(
                        f"{name} is not an ordinary Excel workbook (part "
                        f"'{shorten(member.filename)}' declares XML entities), so it is not read.",
                        path=path,
                    )


def read_xlsx_grid(
    path: Path,
    raw: bytes,
    *,
    what: str,
    max_rows: int,
    max_columns: int,
    header_search_rows: int,
) -> tuple[str, list[tuple[int, list[str]]], list[str]]:
    """(sheet name, [(row number, cells as text)] for rows with text, warnings)."""
    check_zip(path, raw, what=what)
    from openpyxl import load_workbook

    name = path.name
    books: list[Any] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions
            for data_only in (True, False):
                books.append(load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only))
            values, formulas = books
            title = _sheet_title(values, what)
            if title is None:
                raise ImportFileError(f"{name} has no worksheet; it is not a {what}.", path=path)
            grid = _rows(
                path,
                values[title],
                formulas[title],
                max_rows=max_rows,
                slack=header_search_rows,
                max_columns=max_columns,
                what=what,
            )
            sheets = len(values.worksheets)
    except ImportFileError:
        raise
    except MemoryError:
        raise ImportFileError(f"{name} is too large to read.", path=path) from None
    except Exception:  # openpyxl and lxml raise many types for a damaged file
        raise ImportFileError(
            f"{name} could not be read as an Excel workbook (it may be damaged); open it in "
            "Excel, save it as 'Excel Workbook (.xlsx)' and try again.",
            path=path,
        ) from None
    finally:
        for book in books:
            book.close()
    notes = []
    if sheets > 1:
        notes.append(f"{name} has {sheets} sheets; the sheet '{shorten(title)}' was read.")
    return title, grid, notes


def _sheet_title(book: Any, what: str) -> str | None:
    """A worksheet named after `what` ('Proxy values' for 'proxy values'), else the first one."""
    sheets = list(book.worksheets)
    if not sheets:
        return None
    wanted = " ".join(what.lower().split())
    for sheet in sheets:
        if " ".join(str(sheet.title).lower().split()) == wanted:
            return str(sheet.title)
    return str(sheets[0].title)


def _rows(
    path: Path,
    values_sheet: Any,
    formula_sheet: Any,
    *,
    max_rows: int,
    slack: int,
    max_columns: int,
    what: str,
) -> list[tuple[int, list[str]]]:
    for sheet in (values_sheet, formula_sheet):
        sheet.reset_dimensions()  # a wrong <dimension> must neither cut rows off nor add them
    pairs = zip(
        values_sheet.iter_rows(max_col=max_columns + 1, values_only=True),
        formula_sheet.iter_rows(max_col=max_columns + 1, values_only=True),
        strict=False,
    )
    grid: list[tuple[int, list[str]]] = []
    for number, (saved, written) in enumerate(pairs, start=1):
        if number > MAX_EXCEL_ROWS:
            break
        for column, (value, formula) in enumerate(zip(saved, written, strict=False)):
            if value is None and _is_formula(formula):
                raise ImportFileError(
                    f"{path.name}, row {number}, column {column_letter(column)}: the formula "
                    f"'{shorten(_formula_text(formula))}' has no saved value; open the file in "
                    "Excel, save it and import it again (formulas are not calculated here).",
                    path=path,
                )
        cells = [cell_text(v) for v in saved]
        if any(cells):
            grid.append((number, cells))
            if len(grid) > max_rows + slack:  # title rows may sit above the headings
                raise ImportFileError(
                    f"{path.name} has more than {max_rows:,} rows; a {what} has fewer, so this "
                    "is not one.",
                    path=path,
                )
    return grid


def _is_formula(value: object) -> bool:
    if isinstance(value, str):
        return value.startswith("=")
    return type(value).__name__ in {"ArrayFormula", "DataTableFormula"}


def _formula_text(value: object) -> str:
    return value if isinstance(value, str) else str(getattr(value, "text", "") or "formula")


def column_letter(position: int) -> str:
    """0 -> 'A', 27 -> 'AB': a column as the spreadsheet names it."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def shorten(text: object, limit: int = 60) -> str:
    """Text from a file made safe for a one-line message: escaped controls, bounded length."""
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
