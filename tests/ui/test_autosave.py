"""Autosave: recovery copies of unsaved work (core.recovery), offered back after a crash."""

from __future__ import annotations

import json

from svplan.core import recovery
from svplan.core.plan import Commitment, Plan
from svplan.core.planio import dump_plan
from svplan.ui.autosave import Autosaver
from svplan.ui.main_window import MainWindow


def crashed_copy(session: str, plan: Plan, original: str | None = None) -> None:
    """A recovery copy left by a session whose process is gone (pid 0)."""
    meta = {
        "recovery": recovery.RECOVERY_FORMAT,
        "app": "0.1.0",
        "session": session,
        "original": original,
        "saved_at": "2026-01-02T09:30:00+00:00",
        "pid": 0,
        "started": None,
    }
    path = recovery.recovery_path(session)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(recovery.HEADER_PREFIX + json.dumps(meta) + "\n" + dump_plan(plan), "utf-8")


def test_writes_only_while_modified_and_cleans_up(qtbot, document, tmp_path) -> None:
    saver = Autosaver(document)
    assert saver.save_now() is None
    document.set_committed("NT1", True)
    path = saver.save_now()
    assert path is not None and path.is_file()
    assert recovery.load_recovery(path).codes == ["NT1"]
    assert saver.leftovers() == []  # our own live copy is never offered back
    document.save(tmp_path / "plan.svplan")
    assert not path.exists()


def test_undo_to_the_saved_state_removes_the_copy(qtbot, document) -> None:
    saver = Autosaver(document)
    document.set_committed("NT1", True)
    path = saver.save_now()
    document.undo_stack.undo()
    assert not path.exists()


def test_recover_from_the_start_page(qtbot, catalogue, settings, boxes, tmp_path) -> None:
    original = tmp_path / "bid.svplan"
    plan = Plan(catalogue="mini-toms", commitments=[Commitment(measure="NT3", owner="HR")])
    plan = plan.model_copy(update={"bid": plan.bid.model_copy(update={"title": "Roads"})})
    crashed_copy("dead-session", plan, str(original))
    window = MainWindow(catalogue, settings)
    qtbot.addWidget(window)
    recovered = window.start_page.recovered
    assert recovered.count() == 1 and recovered.isVisibleTo(window.start_page)
    assert recovered.item(0).text().startswith("Roads (bid.svplan) — last copied 2 Jan 2026")
    recovered.itemActivated.emit(recovered.item(0))
    assert window.document.commitment("NT3").owner == "HR"
    assert window.document.is_modified() and window.document.path == original
    assert window.autosaver.session_id == "dead-session"
    window.document.save()
    assert not recovery.recovery_path("dead-session").exists()
    assert original.is_file()


def test_discard_recovered_copies_after_asking(qtbot, catalogue, settings, boxes) -> None:
    from PySide6.QtWidgets import QMessageBox

    crashed_copy("old-one", Plan())
    window = MainWindow(catalogue, settings)
    qtbot.addWidget(window)
    boxes.answer(QMessageBox.StandardButton.Cancel)
    window.start_page.discard_recovered.click()
    assert recovery.recovery_path("old-one").exists()
    boxes.answer(QMessageBox.StandardButton.Discard)
    window.start_page.discard_recovered.click()
    assert not recovery.recovery_path("old-one").exists()
    assert not window.start_page.recovered.isVisibleTo(window.start_page)
    window.document.undo_stack.setClean()
