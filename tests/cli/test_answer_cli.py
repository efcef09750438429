"""`svplan answer` and `svplan export -o OUT.xlsx|OUT.csv` (the Portal entry sheet)."""

from __future__ import annotations

import csv
import shutil

import openpyxl
import yaml
from docx import Document

from svplan.core.wordcount import count
from tests.cli.runner import one_error_line, shipped
from tests.conftest import SAMPLE_PLAN


def test_answer_txt_within_the_word_limit(tmp_path):
    out = tmp_path / "answer.txt"
    result = shipped("answer", SAMPLE_PLAN, "--words", "750", "-o", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    c = count(text)
    assert 450 <= c.words <= 750
    assert "(limit 750 words)" in result.stdout and f"{c.words} words" in result.stdout
    assert text.startswith("Example Contractors Ltd will deliver 10 social value commitments")


def test_answer_docx_holds_the_same_paragraphs(tmp_path):
    txt, docx = tmp_path / "a.txt", tmp_path / "a.docx"
    for out in (txt, docx):
        result = shipped("answer", SAMPLE_PLAN, "--chars", "3000", "-o", out, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    paragraphs = [p.text for p in Document(str(docx)).paragraphs if p.text.strip()]
    assert paragraphs == txt.read_text(encoding="utf-8").strip().split("\n\n")
    assert count(txt.read_text(encoding="utf-8").strip()).length <= 3000


def test_the_bidders_edited_answer_is_written_as_they_wrote_it(tmp_path):
    plan = tmp_path / "plan.svplan"
    data = yaml.safe_load(SAMPLE_PLAN.read_text(encoding="utf-8"))
    data["answer"] = {"text": "Our own answer.\n\nSecond paragraph.", "edited": True, "words": 3}
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = plan.read_bytes()
    out = tmp_path / "a.txt"
    result = shipped("answer", plan, "-o", out, cwd=tmp_path)
    assert result.returncode == 0
    assert out.read_text(encoding="utf-8") == "Our own answer.\n\nSecond paragraph.\n"
    assert "over the limit of 3 words" in result.stderr  # told, not changed
    composed = shipped("answer", plan, "--compose", "--words", "200", "-o", out, cwd=tmp_path)
    assert composed.returncode == 0 and "Our own answer" not in out.read_text(encoding="utf-8")
    assert plan.read_bytes() == before


def test_answer_refuses_bad_limits_and_outputs(tmp_path):
    one_error_line(
        shipped("answer", SAMPLE_PLAN, "--words", "lots", "-o", tmp_path / "a.txt", cwd=tmp_path),
        "lots",
    )
    one_error_line(shipped("answer", SAMPLE_PLAN, "-o", tmp_path / "a.pdf", cwd=tmp_path), ".txt")
    assert not (tmp_path / "a.txt").exists()


def test_entry_sheet_xlsx_has_every_commitment_with_dated_years(tmp_path):
    out = tmp_path / "entry.xlsx"
    result = shipped("export", SAMPLE_PLAN, "-o", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ws = openpyxl.load_workbook(out)["Portal entry"]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["Code", "Measure", "Unit"]
    assert headers[3:6] == [
        "Year 1 (Apr 2027 – Mar 2028)",
        "Year 2 (Apr 2028 – Mar 2029)",
        "Year 3 (Apr 2029 – Mar 2030)",
    ]
    assert headers[6:] == ["Total", "Owner", "Partners", "Narrative"]
    assert ws.freeze_panes == "A2"
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    plan = yaml.safe_load(SAMPLE_PLAN.read_text(encoding="utf-8"))
    assert set(rows) == {c["measure"] for c in plan["commitments"]}
    for c in plan["commitments"]:
        row = rows[c["measure"]]
        assert list(row[3:6]) == c["yearly"] and row[6] == c["target"]
        assert row[7] == c["owner"] and row[9]
    assert rows["NT10"][3:7] == (104, 208, 208, 520)
    assert not any(isinstance(v, str) and v.startswith("=") for r in rows.values() for v in r)


def test_entry_sheet_csv_reads_back_with_pound_signs(tmp_path):
    out = tmp_path / "entry.csv"
    result = shipped("export", SAMPLE_PLAN, "-o", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][3] == "Year 1 (Apr 2027 – Mar 2028)"
    nt18 = next(r for r in rows if r[0] == "NT18")
    assert nt18[1] == "£ spent in the local supply chain" and nt18[2] == "£ spent"
    assert nt18[3:7] == ["250000", "250000", "250000", "750000"]
    assert "£250,000" in nt18[-1] and "£750,000" in nt18[-1]
    assert len(rows) == 11


def test_export_by_extension_keeps_the_plan_untouched(tmp_path):
    plan = tmp_path / "p.svplan"
    shutil.copy(SAMPLE_PLAN, plan)
    before = plan.read_bytes()
    one_error_line(shipped("export", plan, "-o", tmp_path / "p.odt", cwd=tmp_path), ".csv")
    assert plan.read_bytes() == before
