"""`svplan award`, `import-actuals`, `status` and `report` as a site team scripts them: exit codes
(0 done / all Good, 1 not all Good, 2 unusable input with one line on stderr) and files that
never change when the input is bad."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.runner import one_error_line, run, shipped
from tests.conftest import ROOT

DELIVERY_SAMPLE = ROOT / "examples" / "delivery-sample.svplan"
DRAFT = """svplan: 2
bid:
  title: Test contract
  start: 2027-06-01
  months: 24
commitments:
- measure: NT1
  target: 8
  yearly: [4, 4]
- measure: NT29
  target: 400
"""


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "plan.svplan"
    path.write_text(DRAFT, encoding="utf-8")
    return path


@pytest.fixture
def awarded(draft: Path) -> Path:
    result = run("award", draft, "--date", "1/5/2027", cwd=draft.parent)
    assert result.returncode == 0, result.stderr
    return draft


def actuals(tmp_path: Path, rows: str, name: str = "actuals.csv") -> Path:
    path = tmp_path / name
    path.write_text("measure,quarter,actual,note\n" + rows, encoding="utf-8")
    return path


def test_award_marks_the_plan_and_keeps_the_previous_file(draft):
    result = run("award", draft, "--date", "1 May 2027", cwd=draft.parent)
    assert result.returncode == 0, result.stderr
    assert "marked awarded on 1 May 2027" in result.stdout
    assert "awarded: 2027-05-01" in draft.read_text(encoding="utf-8")
    assert draft.with_name("plan.svplan.bak").read_text(encoding="utf-8") == DRAFT


def test_award_twice_or_with_a_bad_date_changes_nothing(awarded):
    before = awarded.read_bytes()
    one_error_line(run("award", awarded, cwd=awarded.parent), "already marked awarded")
    one_error_line(
        run("award", awarded, "--date", "31/02/2027", cwd=awarded.parent), "--date", "28 days"
    )
    assert awarded.read_bytes() == before


def test_import_applies_the_preview_atomically(awarded, tmp_path):
    file = actuals(tmp_path, "NT1,Y1Q1,1.5,Two starters\nNT29,2027-10-31,40,\n")
    result = run("import-actuals", awarded, file, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2 new, 0 changed, 0 unchanged, 0 with errors" in result.stdout
    assert "new      row 2: NT1 Y1Q1 = 1.5 FTE" in result.stdout
    text = awarded.read_text(encoding="utf-8")
    assert "quarter: Y1Q1" in text and "quarter: Y1Q2" in text
    assert "actuals:" not in awarded.with_name("plan.svplan.bak").read_text(encoding="utf-8")
    again = run("import-actuals", awarded, file, cwd=tmp_path)
    assert again.returncode == 0 and "nothing to change" in again.stdout


def test_dry_run_prints_the_preview_and_changes_nothing(awarded, tmp_path):
    before = awarded.read_bytes()
    file = actuals(tmp_path, "NT1,Y1Q2,2,\n")
    result = run("import-actuals", awarded, file, "--dry-run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 new" in result.stdout and "nothing was" in result.stdout
    assert awarded.read_bytes() == before


@pytest.mark.parametrize(
    ("rows", "parts"),
    [
        ("NT1,Y1Q1,1\nNT1,Y3Q1,1\n", ("row 3:", "Y3Q1 is outside the contract")),
        ("NT1,Y1Q1,-1\n", ("row 2:", "negative")),
        ("NT1,Y1Q1,nan\n", ("row 2:", "not a number")),
        ("NT1,Y1Q1,inf\n", ("row 2:", "not a number")),
        ("NT1,Y1Q1,5000000\n", ("row 2:", "more than")),
        ("NT99,Y1Q1,1\nNT1,Y9Q9,1\n", ("2 rows cannot be imported (rows 2, 3)",)),
    ],
)
def test_any_bad_row_is_exit_2_and_changes_nothing(awarded, tmp_path, rows, parts):
    before = awarded.read_bytes()
    result = run("import-actuals", awarded, actuals(tmp_path, rows), cwd=tmp_path)
    line = one_error_line(result, *parts)
    assert line.endswith("nothing was changed.")
    assert "error    row" in result.stdout  # the preview lists the rows at fault
    assert awarded.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "content", "part"),
    [
        ("actuals.txt", b"measure,quarter,actual\nNT1,Y1Q1,1\n", "not a CSV or Excel"),
        ("actuals.xlsx", b"measure,quarter,actual\n", "not an Excel workbook"),
        ("actuals.csv", b"\x00\x01\x02garbage", "not a text file"),
    ],
)
def test_a_file_that_is_not_csv_or_xlsx_is_exit_2(awarded, tmp_path, name, content, part):
    before = awarded.read_bytes()
    path = tmp_path / name
    path.write_bytes(content)
    one_error_line(run("import-actuals", awarded, path, cwd=tmp_path), part)
    assert awarded.read_bytes() == before


def test_import_into_a_plan_not_awarded_is_exit_2(draft, tmp_path):
    one_error_line(
        run("import-actuals", draft, actuals(tmp_path, "NT1,Y1Q1,1\n"), cwd=tmp_path),
        "not marked as awarded",
    )
    assert draft.read_text(encoding="utf-8") == DRAFT


def test_status_exit_codes(awarded, tmp_path):
    one_error_line(run("status", awarded.with_name("missing.svplan"), cwd=tmp_path), "missing")
    draft = tmp_path / "draft.svplan"
    draft.write_text(DRAFT, encoding="utf-8")
    one_error_line(run("status", draft, cwd=tmp_path), "not marked as awarded")
    # due in Y1Q1: NT1 1 FTE, NT29 50 hours; both delivered in full -> 0
    run("import-actuals", awarded, actuals(tmp_path, "NT1,Y1Q1,1\nNT29,Y1Q1,100\n"), cwd=tmp_path)
    good = run("status", awarded, cwd=tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Good 2 · Approaching target 0" in good.stdout
    # by Y1Q2 NT1 is due 2 FTE and has 1 (50%) -> 1
    run("import-actuals", awarded, actuals(tmp_path, "NT29,Y1Q2,10\n", "q2.csv"), cwd=tmp_path)
    behind = run("status", awarded, "--json", cwd=tmp_path)
    assert behind.returncode == 1
    doc = json.loads(behind.stdout)
    assert doc["quarter"] == "Y1Q2" and doc["starts"] == "2027-09-01"
    nt1 = next(c for c in doc["commitments"] if c["code"] == "NT1")
    assert nt1["status"] == "Requires improvement" and nt1["needs_recovery"]
    assert (nt1["profile_to_date"], nt1["actual_to_date"], nt1["ratio"]) == (2, 1, 0.5)
    assert doc["counts"]["Requires improvement"] == 1 and not doc["all_good"]
    # rated at an earlier quarter, it was Good
    assert run("status", awarded, "--quarter", "Y1Q1", cwd=tmp_path).returncode == 0
    one_error_line(run("status", awarded, "--quarter", "Y5Q1", cwd=tmp_path), "Y5Q1")


def test_the_sample_contract_has_one_commitment_at_each_level(tmp_path):
    result = shipped("status", DELIVERY_SAMPLE, "--json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    doc = json.loads(result.stdout)
    assert doc["quarter"] == "Y2Q2"
    assert doc["counts"] == {
        "Good": 3,
        "Approaching target": 1,
        "Requires improvement": 1,
        "Inadequate": 1,
        "Not rated": 0,
    }


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".csv"])
def test_report_writes_each_format(tmp_path, suffix):
    plan = tmp_path / "contract.svplan"
    shutil.copy(DELIVERY_SAMPLE, plan)
    out = tmp_path / f"report{suffix}"
    result = shipped("report", plan, "-o", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.is_file() and out.stat().st_size > 500
    if suffix == ".csv":
        data = out.read_bytes()
        assert data.startswith(b"\xef\xbb\xbfCode,Measure,Unit")
        assert data.count(b"\r\n") == 1 + 6 * 6  # header + 6 commitments x 6 quarters
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(out).active
        assert sheet.freeze_panes == "A2"
        assert sheet.max_row == 1 + 6 * 6
        assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_report_of_an_earlier_quarter(tmp_path):
    out = tmp_path / "q.csv"
    result = shipped("report", DELIVERY_SAMPLE, "-o", out, "--quarter", "y1q2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().count(b"\r\n") == 1 + 6 * 2


def test_report_refuses_bad_outputs_and_plans_without_actuals(awarded, tmp_path):
    before = awarded.read_bytes()
    one_error_line(run("report", awarded, "-o", tmp_path / "r.pdf", cwd=tmp_path), ".docx")
    one_error_line(
        run("report", awarded, "-o", tmp_path / "nowhere" / "r.csv", cwd=tmp_path),
        "does not exist",
    )
    one_error_line(run("report", awarded, "-o", tmp_path / "r.csv", cwd=tmp_path), "No actuals")
    assert not (tmp_path / "r.csv").exists()
    # the output may not be the plan itself, however spelled
    link = tmp_path / "plan.docx"
    link.symlink_to(awarded)
    one_error_line(run("report", awarded, "-o", link, cwd=tmp_path), "plan")
    assert awarded.read_bytes() == before
