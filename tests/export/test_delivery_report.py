"""The quarterly delivery report: what the Word report says (read back from the .docx), that it
and the XLSX render in LibreOffice, and the table rows (export/report_docx.py, report_table.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from svplan.core.delivery import delivery_status
from svplan.core.periods import quarter_of
from svplan.core.planio import load_plan
from svplan.export.report_docx import write_report_docx
from svplan.export.report_table import HEADERS, report_rows, write_report_table
from tests.conftest import ROOT
from tests.export.docread import blocks, open_docx

SAMPLE = ROOT / "examples" / "delivery-sample.svplan"
ISSUED = dt.date(2028, 12, 10)


@pytest.fixture(scope="module")
def sample(lancashire):
    plan = load_plan(SAMPLE, lancashire).plan
    return plan, delivery_status(plan, lancashire)


@pytest.fixture(scope="module")
def report(sample, lancashire, tmp_path_factory):
    plan, status = sample
    out = tmp_path_factory.mktemp("report") / "report.docx"
    write_report_docx(plan, lancashire, status, out, ISSUED)
    return out


def _text(report) -> str:
    return "\n".join(b.text for b in blocks(open_docx(report)))


def test_the_first_page_summarises_the_quarter(report):
    body = _text(report)
    first = body.split("Delivery by theme")[0]
    assert "Quarterly Social Value Delivery Report" in first
    assert "Y2Q2 (1 Sep – 30 Nov 2028)" in first
    assert "3 Good, 1 Approaching target, 1 Requires improvement, 1 Inadequate" in first
    assert "£750,000\n£320,000\n43%\n£2,000,000" in first  # local spend against the profile
    assert "Report date:\t10 December 2028" in first or "10 December 2028" in first


def test_a_table_per_theme_with_target_to_date_actual_cumulative_and_status(report):
    doc = open_docx(report)
    tables = [b for b in blocks(doc) if b.kind == "table"]
    theme_tables = [t for t in tables if t.text.startswith("Commitment\nTarget to date")]
    assert len(theme_tables) == 3  # Jobs, Growth, Social
    jobs = theme_tables[0].text
    assert "NT1 Local people employed (FTE)\n15 FTE\n2.5 FTE\n15.5 FTE (103%)\nGood" in jobs
    growth = theme_tables[1].text
    assert "(level)\n100%\n88%\n88% (88%)\nApproaching target" in growth


def test_recovery_variations_notes_and_evidence_are_listed(report):
    body = _text(report)
    assert "Move scaffolding and skip hire" in body
    assert "Target 160 hours → 120 hours" in body
    assert "Yearly profile 40 · 40 · 40 · 40 → 40 · 30 · 25 · 25" in body
    assert "Two of the four partner schools close" in body
    assert "Six new agency operatives" in body  # the quarter's notes
    assert "Site operative (new starter) · 39 hours a week · postcode area PR1" in body
    assert "Finance/SocialValue/2028-Y2Q2-spend.xlsx" in body
    assert "Good: 95% or more of the profile to date" in body


def test_the_table_has_a_row_per_commitment_per_quarter(sample, lancashire):
    plan, status = sample
    rows = report_rows(plan, lancashire, status)
    assert len(rows) == 6 * 6
    by = {(r[0], r[4]): dict(zip(HEADERS, r, strict=True)) for r in rows}
    nt18 = by[("NT18", "Y2Q2")]
    assert nt18["Quarter starts"] == dt.date(2028, 9, 1)
    assert nt18["Quarter ends"] == dt.date(2028, 11, 30)
    assert (nt18["Profile to date"], nt18["Actual"], nt18["Cumulative"]) == (750000, 70000, 320000)
    assert nt18["Status"] == "Inadequate" and nt18["Unit"] == "£ spent"
    nt41 = by[("NT41", "Y1Q3")]
    assert (nt41["Counted as"], nt41["Profile to date"], nt41["Cumulative"]) == ("level", 90, 90)
    # NT8 after the variation: year 2 is 30 hours, 7.5 a quarter
    assert by[("NT8", "Y2Q1")]["Profile to date"] == 47.5


def test_an_earlier_quarter_has_fewer_rows(sample, lancashire):
    plan, _ = sample
    from svplan.core.delivery import quarters_of

    q = quarter_of("Y1Q1", quarters_of(plan))
    status = delivery_status(plan, lancashire, q)
    assert [r[4] for r in report_rows(plan, lancashire, status)] == ["Y1Q1"] * 6


@pytest.mark.render
def test_the_word_report_renders(report, tmp_path):
    from tests.export.test_render import pages, text, to_pdf

    pdf = to_pdf(report, tmp_path)
    n = pages(pdf)
    assert 2 <= n <= 6
    body = text(pdf)
    first = body.split("\f")[0]
    assert "Summary" in first and "Headline totals" in first  # the summary fits page one
    assert "Delivery by theme" not in first
    assert f"Page {n} of {n}" in body


@pytest.mark.render
def test_the_xlsx_renders_in_calc(sample, lancashire, tmp_path):
    from openpyxl import load_workbook

    from tests.export.test_render import text, to_pdf

    plan, status = sample
    out = write_report_table(plan, lancashire, status, tmp_path / "report.xlsx")
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == list(HEADERS)
    assert sheet.freeze_panes == "A2"
    body = text(to_pdf(out, tmp_path))
    assert "Staff paid at least the Real Living Wage" in body
    assert "Requires improvement" in body
