"""The shared table writer: XLSX read back with openpyxl, CSV read back with the csv module."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from svplan.core.errors import SaveError
from svplan.export.sheets import Sheet, csv_bytes, write_csv, write_xlsx

HEADERS = ["Code", "Measure", "Year 1 (Apr 2027 – Mar 2028)", "Total", "Narrative"]
ROWS = [
    ["NT1", "Local people employed", 4, Decimal("12"), "We will hire £2,400 worth – of people."],
    ["NT18", "Spend with local VCSEs", Decimal("2.5"), 7.25, "=SUM(A1:A2)"],
    ["NT8", "School visits", None, dt.date(2027, 10, 15), "-5 looks like a formula"],
]


def test_xlsx_reads_back_with_header_frozen_and_no_formulas(tmp_path):
    out = tmp_path / "entry.xlsx"
    write_xlsx(out, [Sheet("Entry sheet", HEADERS, ROWS)])
    book = openpyxl.load_workbook(out)
    ws = book["Entry sheet"]
    assert [c.value for c in ws[1]] == HEADERS
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws["C2"].value == 4 and ws["D3"].value == 7.25 and ws["C3"].value == 2.5
    assert ws["E3"].value == "=SUM(A1:A2)" and ws["E3"].data_type == "s"
    assert ws["D4"].value.date() == dt.date(2027, 10, 15)
    assert ws["E2"].value.startswith("We will hire £2,400")
    assert ws["E2"].alignment.wrap_text
    widths = [ws.column_dimensions[c].width for c in "ABCDE"]
    assert all(6 <= w <= 60 for w in widths) and widths[1] > widths[0]


def test_sheet_titles_are_made_valid_and_unique(tmp_path):
    out = tmp_path / "two.xlsx"
    write_xlsx(out, [Sheet("Year 1: Q1/Q2", ["A"], []), Sheet("Year 1: Q1/Q2", ["A"], [])])
    names = openpyxl.load_workbook(out).sheetnames
    assert len(names) == 2 and len(set(names)) == 2
    assert not any(ch in n for n in names for ch in ":/")


def test_csv_has_bom_pound_signs_and_guards_formulas(tmp_path):
    out = tmp_path / "entry.csv"
    write_csv(out, HEADERS, ROWS)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == HEADERS
    assert rows[1][4] == "We will hire £2,400 worth – of people."
    assert rows[1][3] == "12" and rows[2][2] == "2.5"
    assert rows[2][4] == "'=SUM(A1:A2)" and rows[3][4] == "'-5 looks like a formula"
    assert rows[3][3] == "15/10/2027" and rows[3][2] == ""


def test_failed_write_leaves_the_old_file(tmp_path):
    out = tmp_path / "entry.csv"
    out.write_bytes(b"old")
    folder = tmp_path / "missing" / "entry.csv"
    with pytest.raises(SaveError):
        write_csv(folder, HEADERS, ROWS)
    assert out.read_bytes() == b"old"
    assert csv_bytes(["A"], [[Decimal("2.4E+6")]]).endswith(b"2400000\r\n")
