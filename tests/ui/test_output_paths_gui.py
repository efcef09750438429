"""Issue 18 "Nothing lost" through the window: a read-only target, a link, a symlinked .bak.

Each refusal is one message box sentence, the files on disk are unchanged, and the plan stays
open and modified.
"""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.test_main_window import modify

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX modes and links")
Btn = QMessageBox.StandardButton


@posix_only
def test_export_over_a_read_only_file_is_refused(window, boxes, dialogs, file_answers, tmp_path):
    out = tmp_path / "plan.docx"
    out.write_bytes(b"last week's export")
    out.chmod(0o444)
    window.files.new_plan()
    modify(window)
    file_answers.append(out)
    boxes.answer("Export Anyway", "Replace")  # problems, then the file exists: both asked
    assert window.exporter.export_word() is None
    assert boxes.last.text == (
        "Could not export plan.docx: the file is read-only; make it writable or choose another "
        "name."
    )
    assert out.read_bytes() == b"last week's export"
    assert stat.S_IMODE(out.stat().st_mode) == 0o444
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]


@posix_only
def test_export_over_a_link_is_refused(window, boxes, dialogs, file_answers, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"someone else's")
    (tmp_path / "plan.docx").symlink_to(victim)
    window.files.new_plan()
    file_answers.append(tmp_path / "plan.docx")
    boxes.answer("Export Anyway", "Replace")
    assert window.exporter.export_word() is None
    assert "is a link to another file" in boxes.last.text
    assert victim.read_bytes() == b"someone else's"


@posix_only
def test_saving_a_read_only_plan_keeps_it_modified(window, boxes, dialogs, file_answers, tmp_path):
    plan = tmp_path / "bid.svplan"
    window.files.new_plan()
    modify(window)
    file_answers.append(plan)
    assert window.files.save_as()
    plan.chmod(0o444)
    before = plan.read_bytes()
    window.document.set_committed("NT1", False)
    boxes.answer(Btn.Cancel)  # do not Save As
    assert not window.files.save()
    assert "the file is read-only" in boxes.last.text
    assert window.document.is_modified()
    assert plan.read_bytes() == before


@posix_only
def test_saving_with_a_symlinked_bak_never_writes_through_it(
    window, boxes, dialogs, file_answers, tmp_path
):
    plan = tmp_path / "bid.svplan"
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"not a plan")
    window.files.new_plan()
    modify(window)
    file_answers.append(plan)
    assert window.files.save_as()
    first = plan.read_bytes()
    (tmp_path / "bid.svplan.bak").symlink_to(victim)
    window.document.set_committed("NT1", False)
    assert window.files.save()
    assert victim.read_bytes() == b"not a plan"
    bak = tmp_path / "bid.svplan.bak"
    assert not bak.is_symlink() and bak.read_bytes() == first
    assert not window.document.is_modified()


def test_export_over_the_open_plan_file_is_refused(window, boxes, dialogs, file_answers, tmp_path):
    """A plan file that happens to have a .docx name is never replaced by its own export."""
    from svplan.core.planio import new_plan, save_plan

    plan = tmp_path / "bid.docx"
    save_plan(new_plan("Highways"), plan)
    before = plan.read_bytes()
    assert window.files.open_plan(plan)
    (tmp_path / "sub").mkdir()
    file_answers.append(tmp_path / "sub" / ".." / "bid.docx")
    boxes.answer("Export Anyway", "Replace")
    assert window.exporter.export_word() is None
    assert "plan file" in boxes.last.text
    assert plan.read_bytes() == before
