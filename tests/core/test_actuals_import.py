"""Importing actuals from CSV or XLSX: the preview (new, changed, unchanged, errors by row number),
and that a bad file changes nothing (core/actuals_import.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from svplan.core.actuals_import import (
    ImportRowsError,
    apply_import,
    preview_import,
)
from svplan.core.delivery import DeliveryError, award
from svplan.core.errors import ImportFileError
from svplan.core.plan import Actual, Plan

D = dt.date
HEAD = "measure,quarter,actual,note\n"


@pytest.fixture
def plan() -> Plan:
    """Awarded; 24 months from 1 June 2027; NT1 Y1Q1 already recorded with a note."""
    base = Plan.model_validate(
        {
            "bid": {"title": "T", "start": D(2027, 6, 1), "months": 24},
            "commitments": [
                {"measure": "NT1", "target": 8, "yearly": [4, 4]},
                {"measure": "NT29", "target": 400},
            ],
        }
    )
    done = award(base, D(2027, 5, 1))
    actual = Actual(measure="NT1", quarter="Y1Q1", actual=1, note="First starter")
    return done.model_copy(
        update={"delivery": done.delivery.model_copy(update={"actuals": [actual]})}
    )


def csv(tmp_path: Path, body: str, name: str = "actuals.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_the_preview_says_what_is_new_what_changes_and_what_is_the_same(
    tmp_path, plan, mini_catalogue
):
    path = csv(
        tmp_path,
        "NT1,Y1Q1,1,\n"  # same number, empty note: unchanged (the note is kept)
        "nt1,Y1Q2,2,Two starters\n"  # new
        "NT29,2027-10-31,30,\n"  # a date inside Y1Q2 (1 Sep - 30 Nov 2027)... new
        "NT29,31/12/2027,12.5,\n",  # Y1Q3, new
    )
    preview = preview_import(plan, mini_catalogue, path)
    assert preview.ok
    assert [(c.row, c.measure, c.period.key, c.actual) for c in preview.new] == [
        (3, "NT1", "Y1Q2", 2),
        (4, "NT29", "Y1Q2", 30),
        (5, "NT29", "Y1Q3", 12.5),
    ]
    assert [c.row for c in preview.same] == [2]
    assert preview.changes == []
    applied = apply_import(plan, preview)
    got = {(a.measure, a.quarter): (a.actual, a.note) for a in applied.delivery.actuals}
    assert got == {
        ("NT1", "Y1Q1"): (1, "First starter"),
        ("NT1", "Y1Q2"): (2, "Two starters"),
        ("NT29", "Y1Q2"): (30, ""),
        ("NT29", "Y1Q3"): (12.5, ""),
    }
    assert plan.delivery.actuals == [plan.delivery.actuals[0]]  # the old plan is untouched


def test_a_changed_actual_shows_what_it_was(tmp_path, plan, mini_catalogue):
    preview = preview_import(plan, mini_catalogue, csv(tmp_path, "NT1,Y1Q1,1.5,\n"))
    (change,) = preview.changes
    assert (change.shown_before, change.shown) == ("1 FTE", "1.5 FTE")
    assert "  change   row 2: NT1 Y1Q1 = 1.5 FTE (was 1 FTE)" in preview.lines()
    applied = apply_import(plan, preview)
    assert applied.delivery.actuals[0].note == "First starter"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("NT99,Y1Q1,1", "'NT99' is not a measure"),
        ("NT3,Y1Q1,1", "NT3 is not one of the plan's commitments"),
        ("NT1,Y3Q1,1", "Y3Q1 is outside the contract (1 Jun 2027 to 31 May 2029, Y1Q1 to Y2Q4)"),
        ("NT1,2029-06-01,1", "1 Jun 2029 is outside the contract"),
        ("NT1,31/05/2027,1", "31 May 2027 is outside the contract"),
        ("NT1,next week,1", "neither a quarter such as Y1Q3 nor a date"),
        ("NT1,,1", "the quarter is empty"),
        (",Y1Q1,1", "the measure is empty"),
        ("NT1,Y1Q2,-2", "'-2' is negative"),
        ("NT1,Y1Q2,NaN", "'NaN' is not a number"),
        ("NT1,Y1Q2,inf", "'inf' is not a number"),
        ("NT1,Y1Q2,Infinity", "'Infinity' is not a number"),
        ("NT1,Y1Q2,1e999", "'1e999' is not a number"),
        ("NT1,Y1Q2,99999", "more than 10,000 FTE"),
        ("NT1,Y1Q2,", "is empty"),
    ],
)
def test_each_bad_row_is_an_error_by_row_number_and_nothing_changes(
    tmp_path, plan, mini_catalogue, row, message
):
    path = csv(tmp_path, f"NT29,Y1Q1,10\n{row}\n")
    preview = preview_import(plan, mini_catalogue, path)
    (error,) = preview.errors
    assert error.row == 3
    assert message in error.message
    assert str(error).startswith("row 3: ")
    assert "\n" not in preview.error_sentence()
    assert preview.error_sentence().endswith("nothing was changed.")
    assert len(preview.new) == 1  # the good row is previewed, and still not applied
    with pytest.raises(ImportRowsError, match="nothing was changed"):
        apply_import(plan, preview)


def test_every_bad_row_is_listed(tmp_path, plan, mini_catalogue):
    path = csv(tmp_path, "NT1,Y1Q2,1\nNT99,Y1Q2,1\nNT1,Y1Q2,2\nNT29,Y9Q1,1\n")
    preview = preview_import(plan, mini_catalogue, path)
    assert [e.row for e in preview.errors] == [3, 4, 5]
    assert "already given in row 2" in preview.errors[1].message
    assert preview.error_sentence() == (
        "actuals.csv: 3 rows cannot be imported (rows 3, 4, 5); nothing was changed."
    )


def test_a_full_postcode_in_a_note_is_a_warning_not_a_change(tmp_path, plan, mini_catalogue):
    preview = preview_import(plan, mini_catalogue, csv(tmp_path, "NT1,Y1Q2,1,Joiner PR1 2HE\n"))
    assert preview.ok
    assert any("row 2: 'PR1 2HE'" in w and "(PR1)" in w for w in preview.warnings)
    assert apply_import(plan, preview).delivery.actuals[-1].note == "Joiner PR1 2HE"


def test_an_xlsx_with_real_dates_and_numbers_imports(tmp_path, plan, mini_catalogue):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Measure", "Quarter", "Actual (FTE)", "Note", "Site"])
    sheet.append(["NT1", dt.datetime(2027, 10, 31), 2.5, "Two starters", "Preston"])
    sheet.append(["NT29", "Y1Q3", 40, None, "Preston"])
    path = tmp_path / "actuals.xlsx"
    book.save(path)
    preview = preview_import(plan, mini_catalogue, path)
    assert preview.ok, preview.errors
    assert [(c.row, c.measure, c.period.key, c.actual) for c in preview.new] == [
        (2, "NT1", "Y1Q2", 2.5),
        (3, "NT29", "Y1Q3", 40),
    ]
    assert any("'Site' is not used" in w for w in preview.warnings)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("actuals.txt", b"measure,quarter,actual\n", "is not a CSV or Excel (.xlsx) file"),
        ("actuals.pdf", b"%PDF-1.4", "is not a CSV or Excel (.xlsx) file"),
        ("actuals.xlsx", b"measure,quarter,actual\n", "not an Excel workbook"),
        ("actuals.csv", b"code,period,value\nNT1,Y1Q1,1\n", "has no 'measure', 'quarter' and"),
        ("actuals.csv", b"", "is empty"),
    ],
)
def test_a_file_that_is_not_an_actuals_sheet_is_one_sentence(
    tmp_path, plan, mini_catalogue, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=re.escape(message)) as caught:
        preview_import(plan, mini_catalogue, path)
    assert "\n" not in caught.value.message


def test_a_plan_that_is_not_awarded_imports_nothing(tmp_path, plan, mini_catalogue):
    draft = plan.model_copy(update={"delivery": plan.delivery.model_copy(update={"awarded": None})})
    with pytest.raises(DeliveryError, match="not marked as awarded"):
        preview_import(draft, mini_catalogue, csv(tmp_path, "NT1,Y1Q2,1\n"))


def test_headings_only_is_an_error(tmp_path, plan, mini_catalogue):
    preview = preview_import(plan, mini_catalogue, csv(tmp_path, ""))
    assert not preview.ok and "headings but no rows" in preview.errors[0].message
