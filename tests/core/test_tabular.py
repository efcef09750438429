"""Tables the user brings (CSV, Excel .xlsx): read as the user sees them, hostile files refused."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from svplan.core.errors import ImportFileError, SvplanError
from svplan.core.tabular import MAX_TABLE_BYTES, cell_text, heading_key, read_table

REQ = ("measure", "value")
OPT = ("unit", "source")


def read(path: Path, **kwargs):
    return read_table(path, required=REQ, optional=OPT, what="proxy table", **kwargs)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def xlsx(tmp_path: Path, rows, name: str = "t.xlsx", *, title: str = "Sheet1", extra=()) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for extra_title, extra_rows in extra:
        other = book.create_sheet(extra_title)
        for row in extra_rows:
            other.append(list(row))
    path = tmp_path / name
    book.save(path)
    return path


def refused(path: Path, *words: str, **kwargs) -> str:
    with pytest.raises(ImportFileError) as caught:
        read(path, **kwargs)
    message = str(caught.value)
    assert isinstance(caught.value, SvplanError)
    assert "\n" not in message
    for word in words:
        assert word in message, message
    return message


# --- CSV -------------------------------------------------------------------------------------


def test_csv_rows_numbered_as_in_a_spreadsheet_and_empty_rows_skipped(tmp_path):
    path = write(tmp_path, "p.csv", "Measure,Value\nNT1, 10 \n\n,\nNT8,2.5\n")
    table = read(path)
    assert [(r.number, r.values) for r in table] == [
        (2, {"measure": "NT1", "value": "10", "unit": "", "source": ""}),
        (5, {"measure": "NT8", "value": "2.5", "unit": "", "source": ""}),
    ]
    assert table.encoding == "UTF-8" and table.warnings == [] and table.columns == list(REQ)


def test_a_quoted_cell_over_two_lines_is_still_one_row(tmp_path):
    path = write(tmp_path, "p.csv", 'measure,value,source\nNT1,1,"two\nlines"\nNT8,2,x\n')
    assert [r.number for r in read(path)] == [2, 3]


@pytest.mark.parametrize("sep", [";", "\t", ","])
def test_delimiter_is_sniffed(tmp_path, sep):
    path = write(tmp_path, "p.csv", f"measure{sep}value{sep}unit\nNT1{sep}12,50{sep}FTE\n")
    row = read(path)[0]
    assert row.values["value"] == ("12,50" if sep != "," else "12")


def test_bom_and_crlf_and_heading_variants(tmp_path):
    data = b"\xef\xbb\xbf  MEASURE ,Value (\xc2\xa3 per unit),Unit\r\nNT1,5,FTE\r\n"
    table = read(write(tmp_path, "p.csv", data))
    assert table[0].values == {"measure": "NT1", "value": "5", "unit": "FTE", "source": ""}
    assert table.columns == ["measure", "value", "unit"]
    assert heading_key("  Value (£ per unit) ") == "value"
    assert heading_key("Per_Level") == heading_key("per  level") == "per level"


def test_windows_1252_is_read_and_the_user_is_told(tmp_path):
    data = "measure,value,source\nNT1,5,Council \u00a3 calculator\n".encode("cp1252")
    table = read(write(tmp_path, "excel.csv", data))
    assert table[0].values["source"] == "Council £ calculator"
    assert table.encoding == "Windows-1252"
    assert any("Windows-1252" in w for w in table.warnings)


def test_utf16_with_bom_is_read(tmp_path):
    data = "measure\tvalue\nNT1\t7\n".encode("utf-16")
    table = read(write(tmp_path, "unicode.csv", data))
    assert table[0].values["value"] == "7" and table.encoding == "UTF-16"


def test_unknown_columns_are_ignored_with_a_warning(tmp_path):
    table = read(write(tmp_path, "p.csv", "measure,value,Notes\nNT1,1,hello\n"))
    assert "notes" not in table[0].values
    assert table.warnings == ["p.csv: the column 'Notes' is not used and was ignored."]


def test_title_rows_above_the_headings_are_skipped_and_said(tmp_path):
    path = write(tmp_path, "p.csv", "Council calculator 2025,\n,\nmeasure,value\nNT1,3\n")
    table = read(path)
    assert table.header_row == 3 and table[0].number == 4
    assert any("rows above the headings in row 3" in w for w in table.warnings)


def test_missing_required_column_is_named(tmp_path):
    message = refused(write(tmp_path, "p.csv", "measure,price\nNT1,3\n"), "p.csv", "'value'")
    assert "'price'" in message


def test_a_column_given_twice_is_refused(tmp_path):
    refused(write(tmp_path, "p.csv", "measure,value,Value\nNT1,1,2\n"), "appears twice", "B", "C")


def test_an_overlong_cell_names_the_row(tmp_path):
    path = write(tmp_path, "p.csv", "measure,value\nNT1,1\nNT2," + "9" * 3000 + "\n")
    refused(path, "row 3", "'value'")


def test_too_many_rows(tmp_path):
    path = write(tmp_path, "p.csv", "measure,value\n" + "NT1,1\n" * 60)
    refused(path, "more than 50 rows", max_rows=50)


def test_formula_text_in_a_csv_is_only_text(tmp_path):
    table = read(write(tmp_path, "p.csv", 'measure,value\nNT1,"=1+2"\n'))
    assert table[0].values["value"] == "=1+2"


# --- refusals before anything is parsed --------------------------------------------------------


def test_a_50_mb_file_is_refused_in_one_sentence(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    message = refused(path, "huge.csv", "50.0 MB", "at most 5 MB")
    assert MAX_TABLE_BYTES == 5 * 1024 * 1024 and message.count(".") <= 3


@pytest.mark.parametrize("name", ["p.txt", "p.json", "p.xls", "p"])
def test_other_extensions_are_refused(tmp_path, name):
    refused(write(tmp_path, name, "measure,value\nNT1,1\n"), "is not a CSV or Excel (.xlsx) file")


def test_old_excel_and_encrypted_workbooks_are_explained(tmp_path):
    path = write(tmp_path, "old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    refused(path, "old.xlsx", "(.xls)", "password")


def test_text_named_xlsx_is_refused(tmp_path):
    refused(write(tmp_path, "p.xlsx", "measure,value\n"), "not an Excel workbook")


def test_binary_named_csv_is_refused(tmp_path):
    refused(write(tmp_path, "p.csv", b"\x00\x01\x02" * 100), "not a text file")


def test_empty_and_missing_files(tmp_path):
    refused(write(tmp_path, "e.csv", "  \n"), "e.csv is empty")
    refused(tmp_path / "nope.csv", "nope.csv: no such file")
    (tmp_path / "dir.csv").mkdir()
    refused(tmp_path / "dir.csv", "is a folder")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    refused(fifo, "is not a file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused():
    refused(Path("/dev/zero"), "zero is not a file")


def test_a_device_with_a_table_name_is_refused(tmp_path):
    link = tmp_path / "zero.csv"
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    link.symlink_to("/dev/zero")
    refused(link, "zero.csv is not a file")


# --- XLSX --------------------------------------------------------------------------------------


def test_xlsx_numbers_read_as_the_user_sees_them(tmp_path):
    rows = [("Measure", "Value", "Unit"), ("NT1", 0.1 + 0.2, "FTE"), ("NT8", 1200, None)]
    rows += [(None, None, None), ("NT31", 2.5e-7, "t"), ("NT32", 1234567.89, "")]
    table = read(xlsx(tmp_path, rows))
    assert [(r.number, r.values["value"]) for r in table] == [
        (2, "0.3"),
        (3, "1200"),
        (5, "0.00000025"),
        (6, "1234567.89"),
    ]
    assert table[0].values["unit"] == "FTE" and table.encoding == ""


def test_cell_text():
    import datetime as dt

    assert cell_text(3.0) == "3"
    assert cell_text(True) == "TRUE"
    assert cell_text(float("nan")) == "NaN"
    assert cell_text(dt.datetime(2025, 4, 1)) == "2025-04-01"
    assert cell_text("  x ") == "x"


def test_xlsx_sheet_named_after_the_table_is_preferred(tmp_path):
    path = xlsx(
        tmp_path,
        [("notes",), ("read me first",)],
        title="Read me",
        extra=[("Proxy table", [("measure", "value"), ("NT1", 9)])],
    )
    table = read(path)
    assert table.sheet == "Proxy table" and table[0].values["value"] == "9"


def test_xlsx_first_sheet_otherwise_and_the_user_is_told(tmp_path):
    path = xlsx(
        tmp_path,
        [("measure", "value"), ("NT1", 4)],
        title="Values",
        extra=[("Other", [("x",)])],
    )
    table = read(path)
    assert table.sheet == "Values"
    assert any("the sheet 'Values' was read" in w for w in table.warnings)


def _patch(path: Path, member: str, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    assert old in parts[member]
    parts[member] = parts[member].replace(old, new)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_xlsx_formula_with_a_saved_value_is_read_without_calculating(tmp_path):
    path = xlsx(tmp_path, [("measure", "value"), ("NT1", "=1+2")])
    _patch(path, "xl/worksheets/sheet1.xml", b"<f>1+2</f><v></v>", b"<f>1+2</f><v>41</v>")
    assert read(path)[0].values["value"] == "41"  # Excel's saved value, not 3


def test_xlsx_formula_without_a_saved_value_names_the_row(tmp_path):
    path = xlsx(tmp_path, [("measure", "value"), ("NT1", 5), ("NT8", "=B2*2")])
    refused(path, "t.xlsx, row 3, column B", "=B2*2", "no saved value")


def test_a_word_document_named_xlsx_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    refused(write(tmp_path, "p.xlsx", buffer.getvalue()), "is a Word document")


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(tmp_path, monkeypatch):
    import openpyxl

    def no(*args, **kwargs):
        raise AssertionError("openpyxl must not open a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", no)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (20 * 1024 * 1024) + b"/>")
    path = write(tmp_path, "bomb.xlsx", buffer.getvalue())
    assert path.stat().st_size < 100_000
    refused(path, "bomb.xlsx unpacks to far more", "sheet1.xml")


def test_xml_entities_are_refused(tmp_path):
    path = xlsx(tmp_path, [("measure", "value"), ("NT1", 1)])
    _patch(
        path,
        "xl/workbook.xml",
        b"<workbook",
        b'<!DOCTYPE w [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><workbook',
    )
    refused(path, "declares XML entities")


def test_a_damaged_workbook_is_one_sentence(tmp_path):
    path = xlsx(tmp_path, [("measure", "value"), ("NT1", 1)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    refused(path, "t.xlsx", "damaged")


def test_a_csv_that_is_really_a_workbook_is_read_as_one(tmp_path):
    path = xlsx(tmp_path, [("measure", "value"), ("NT1", 6)], name="renamed.csv")
    assert read(path)[0].values["value"] == "6"
