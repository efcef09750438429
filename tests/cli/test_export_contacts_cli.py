"""`svplan export --no-contact-details`: named people's phones and emails stay out of the plan."""

from __future__ import annotations

from pathlib import Path

import docx

from tests.cli.runner import shipped

ALL_MEASURES = Path(__file__).resolve().parents[2] / "examples" / "all-measures.svplan"


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_no_contact_details_leaves_named_people_out(tmp_path):
    result = shipped(
        "export", ALL_MEASURES, "-o", "private.docx", "--no-contact-details", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    text = _text(tmp_path / "private.docx")
    assert "Kay Vaughan" in text  # the officer's name stays ...
    assert "Kay.vaughan@inspira.org.uk" not in text and "07812 224458" not in text  # ... not these
    assert "sam.taylor@example.com" not in text  # nor the bidder's own people's
    assert "info@tlc.ac.uk" in text and "tlc.ac.uk" in text  # organisations' own lines stay


def test_by_default_the_plans_setting_rules(tmp_path):
    result = shipped("export", ALL_MEASURES, "-o", "plan.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Kay.vaughan@inspira.org.uk" in _text(tmp_path / "plan.docx")
    plan = tmp_path / "private.svplan"
    text = ALL_MEASURES.read_text(encoding="utf-8")
    assert "options:\n  contact_details: true\n" in text
    plan.write_text(
        text.replace("options:\n  contact_details: true\n", "options:\n  contact_details: false\n"),
        encoding="utf-8",
    )
    result = shipped("export", plan, "-o", "p.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Kay.vaughan@inspira.org.uk" not in _text(tmp_path / "p.docx")
