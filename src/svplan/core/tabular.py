"""Reading a table the user brings (CSV or Excel .xlsx), safely, as text cells by column name.

Used by every import (proxy values, actuals, ...). The file may come from anyone, so:
- only a regular file under the size limit is opened (never a pipe or a device);
- the format is decided by the content and the name (.csv or .xlsx; anything else is refused);
- CSV is UTF-8 (with or without a byte-order mark) or UTF-16 with a mark; otherwise it is read
  as Windows-1252 (what Excel on Windows saves as "CSV") and the caller is told so in a warning;
  the delimiter (comma, semicolon or tab) is taken from the header row;
- XLSX is checked as a zip before openpyxl opens it (declared sizes, member count, ratio, no DTD)
  and read with read_only and data_only: formulas are never evaluated, and a formula without a
  saved value is an error naming its row;
- headings match case-insensitively, trimmed, "_" as a space, without a trailing "(...)"
  ("Value (£)" is value, "Per_level" is "per level");
- every error is an ImportFileError with one sentence naming the file, the row and the value.

Row numbers are those the user sees in a spreadsheet program (the first row of the file is 1).
"""

from __future__ import annotations

import csv
import io
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from svplan.core.errors import ImportFileError
from svplan.core.tabular_xlsx import cell_text, column_letter, read_xlsx_grid, shorten

__all__ = ["ImportFileError", "Table", "TableRow", "cell_text", "heading_key", "read_table"]

MAX_TABLE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000  # rows with data, not counting the heading row
MAX_COLUMNS = 100
MAX_CELL_CHARS = 2_000
HEADER_SEARCH_ROWS = 20  # title rows a calculator may put above its headings

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and any password-protected workbook
_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class TableRow:
    """One row with data: `number` is the row the user sees (heading row = 1 when it is first);
    `values` holds every required and optional column, keyed by heading_key(name) (the name
    lowercased, "_" as a space), as stripped text ("" when the file lacks the column)."""

    number: int
    values: dict[str, str]


class Table(list[TableRow]):
    """The rows, plus what the reader wants the user to know (it is a list of TableRow)."""

    def __init__(self, rows: Sequence[TableRow] = ()) -> None:
        super().__init__(rows)
        self.warnings: list[str] = []
        self.columns: list[str] = []  # the required and optional columns the file has
        self.encoding = ""  # CSV: "UTF-8", "UTF-16" or "Windows-1252"; XLSX: ""
        self.sheet = ""  # XLSX: the sheet that was read
        self.header_row = 1


@dataclass
class _Grid:
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells)
    warnings: list[str] = field(default_factory=list)
    encoding: str = ""
    sheet: str = ""


def read_table(
    path: Path | str,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    what: str,
    max_bytes: int = MAX_TABLE_BYTES,
    max_rows: int = MAX_ROWS,
) -> Table:
    """The rows of a CSV or XLSX file; ImportFileError (one sentence) when it cannot be used."""
    path = Path(path)
    raw = _read_bytes(path, what=what, max_bytes=max_bytes)
    kind = _kind(path, raw, what=what)
    if kind == "xlsx":
        sheet, rows, warnings = read_xlsx_grid(
            path,
            raw,
            what=what,
            max_rows=max_rows,
            max_columns=MAX_COLUMNS,
            header_search_rows=HEADER_SEARCH_ROWS,
        )
        grid = _Grid(rows=rows, warnings=warnings, sheet=sheet)
    else:
        grid = _read_csv_grid(path, raw, what=what, max_rows=max_rows)
    return _to_table(path, grid, required=required, optional=optional, what=what, max_rows=max_rows)


def heading_key(text: str) -> str:
    """'  Value (£ per unit) ' -> 'value', 'Per_Level' -> 'per level': how headings are compared
    (and the keys of TableRow.values: the caller's column names passed through this)."""
    text = " ".join(str(text).replace("_", " ").split())
    return re.sub(r"\s*\([^)]*\)$", "", text).strip().lower()


def _read_bytes(path: Path, *, what: str, max_bytes: int) -> bytes:
    name = path.name or str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImportFileError(f"{name}: no such file.", path=path) from None
    except OSError as exc:
        raise ImportFileError(f"{name}: cannot be read ({exc.strerror}).", path=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportFileError(f"{name} is a folder, not a {what}.", path=path)
    if not stat.S_ISREG(info.st_mode):  # a pipe or a device could block or never end
        raise ImportFileError(f"{name} is not a file, so not a {what}.", path=path)
    if info.st_size > max_bytes:
        raise ImportFileError(_too_big(name, info.st_size, what, max_bytes), path=path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # it may have grown since it was measured
    except OSError as exc:
        raise ImportFileError(f"{name}: cannot be read ({exc.strerror}).", path=path) from None
    if len(raw) > max_bytes:
        raise ImportFileError(_too_big(name, len(raw), what, max_bytes), path=path)
    if not raw.strip():
        raise ImportFileError(f"{name} is empty; it is not a {what}.", path=path)
    return raw


def _too_big(name: str, size: int, what: str, max_bytes: int) -> str:
    return (
        f"{name} is {size / 1048576:.1f} MB; a {what} is at most {max_bytes // 1048576} MB, "
        "so this file cannot be it."
    )


def _kind(path: Path, raw: bytes, *, what: str) -> str:
    name, suffix = path.name, path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImportFileError(
            f"{name} is not a CSV or Excel (.xlsx) file; save the {what} as .csv or .xlsx.",
            path=path,
        )
    if raw.startswith(_OLE2):
        raise ImportFileError(
            f"{name} is an old-style Excel (.xls) or password-protected workbook; save it in "
            "Excel as 'Excel Workbook (.xlsx)' without a password, or as CSV.",
            path=path,
        )
    if raw.startswith(_ZIP):
        return "xlsx"  # a workbook renamed .csv is still read as the workbook it is
    if suffix == ".xlsx":
        raise ImportFileError(
            f"{name} is not an Excel workbook although its name ends in .xlsx; open it in "
            "Excel and save it as 'Excel Workbook (.xlsx)'.",
            path=path,
        )
    return "csv"


def _decode(path: Path, raw: bytes, *, what: str) -> tuple[str, str]:
    """(text, encoding name) for a CSV file."""
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding, body = "UTF-8", raw[3:]
    elif raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ImportFileError(
                f"{path.name} is damaged UTF-16 text; save the {what} again as CSV UTF-8.",
                path=path,
            ) from None
    else:
        encoding, body = "UTF-8", raw
    if b"\x00" in body[:65536]:
        raise ImportFileError(
            f"{path.name} is not a text file, so not a {what} in CSV form.", path=path
        )
    try:
        return body.decode("utf-8"), encoding
    except UnicodeDecodeError:
        if raw.startswith(b"\xef\xbb\xbf"):
            raise ImportFileError(
                f"{path.name} says it is UTF-8 but is not; save the {what} again as CSV UTF-8.",
                path=path,
            ) from None
    try:
        return body.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"{path.name}, line {line}: the text is neither UTF-8 nor Windows-1252; save the "
            f"{what} in Excel as 'CSV UTF-8'.",
            path=path,
        ) from None


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the first line with text uses most (comma on a tie)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _read_csv_grid(path: Path, raw: bytes, *, what: str, max_rows: int) -> _Grid:
    text, encoding = _decode(path, raw, what=what)
    grid = _Grid(encoding=encoding)
    if encoding == "Windows-1252":
        grid.warnings.append(
            f"{path.name} is not UTF-8, so it was read as Windows-1252 (Excel's 'CSV' on "
            "Windows); check that £ signs and accents look right."
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    number = 0
    try:
        for record in reader:
            number += 1
            cells = [cell.strip() for cell in record]
            if any(cells):
                grid.rows.append((number, cells))
                if len(grid.rows) > max_rows + HEADER_SEARCH_ROWS:
                    raise ImportFileError(_too_many(path, what, max_rows), path=path)
    except csv.Error as exc:
        raise ImportFileError(
            f"{path.name}, row {number + 1}: the CSV cannot be read ({exc}).", path=path
        ) from None
    return grid


def _too_many(path: Path, what: str, max_rows: int) -> str:
    return f"{path.name} has more than {max_rows:,} rows; a {what} has fewer, so this is not one."


def _to_table(
    path: Path,
    grid: _Grid,
    *,
    required: Sequence[str],
    optional: Sequence[str],
    what: str,
    max_rows: int,
) -> Table:
    name = path.name
    wanted = [heading_key(c) for c in (*required, *optional)]
    if not grid.rows:
        raise ImportFileError(f"{name} has no rows; it is not a {what}.", path=path)
    header_at = _find_header(grid.rows, [heading_key(c) for c in required])
    header_number, header = grid.rows[header_at]
    if len([c for c in header if c]) > MAX_COLUMNS:
        raise ImportFileError(
            f"{name} has more than {MAX_COLUMNS} columns; a {what} has a few, so this is not one.",
            path=path,
        )
    keys = [heading_key(c) for c in header]
    missing = [c for c in required if heading_key(c) not in keys]
    if missing:
        shown = ", ".join(f"'{shorten(c)}'" for c in header if c) or "none"
        raise ImportFileError(
            f"{name} has no {_names(missing)} column (its headings in row {header_number} are "
            f"{shown}); a {what} needs the columns {_names(required)}.",
            path=path,
        )
    index: dict[str, int] = {}
    table = Table()
    for position, key in enumerate(keys):
        if key in wanted:
            if key in index:
                raise ImportFileError(
                    f"{name}, row {header_number}: the column '{key}' appears twice (columns "
                    f"{column_letter(index[key])} and {column_letter(position)}); keep one.",
                    path=path,
                )
            index[key] = position
        elif key:
            table.warnings.append(
                f"{name}: the column '{shorten(header[position])}' is not used and was ignored."
            )
    if header_at:
        table.warnings.append(
            f"{name}: the rows above the headings in row {header_number} were ignored."
        )
    rows = grid.rows[header_at + 1 :]
    if len(rows) > max_rows:
        raise ImportFileError(_too_many(path, what, max_rows), path=path)
    for number, cells in rows:
        values = {key: (cells[i] if i < len(cells) else "") for key, i in index.items()}
        for key in wanted:
            values.setdefault(key, "")
        for key, value in values.items():
            if len(value) > MAX_CELL_CHARS:
                raise ImportFileError(
                    f"{name}, row {number}: the '{key}' cell is {len(value):,} characters long; "
                    f"at most {MAX_CELL_CHARS:,} are read.",
                    path=path,
                )
        if any(values.values()):
            table.append(TableRow(number=number, values=values))
    table.warnings[:0] = grid.warnings
    table.columns = [k for k in wanted if k in index]
    table.encoding, table.sheet, table.header_row = grid.encoding, grid.sheet, header_number
    return table


def _find_header(rows: list[tuple[int, list[str]]], required: list[str]) -> int:
    """The first row holding every required heading, among the first few; else the first row."""
    for position, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = {heading_key(c) for c in cells}
        if all(r in keys for r in required):
            return position
    return 0


def _names(columns: Sequence[str]) -> str:
    quoted = [f"'{c}'" for c in columns]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
