"""The commitment editor, driven through its real widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from svplan.core.plan import Action, Reporting, Risk
from svplan.ui.commitment_editor import CommitmentEditor
from svplan.ui.plan_document import PlanDocument
from tests.ui.panels_fixtures import at_size


@pytest.fixture
def editor(qtbot, document: PlanDocument) -> CommitmentEditor:
    return at_size(qtbot, CommitmentEditor(document), 900, 900, show=True)


@pytest.fixture
def committed(editor: CommitmentEditor, document: PlanDocument) -> CommitmentEditor:
    document.update_bid(months=36)
    document.set_committed("NT1", True)
    editor.show_measure("NT1")
    return editor


def type_into(qtbot, widget, text: str, *, replace: bool = True) -> None:
    widget.setFocus()
    if replace and hasattr(widget, "selectAll"):
        widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_empty_state_until_a_measure_is_chosen(editor: CommitmentEditor) -> None:
    assert editor.pages.currentWidget() is editor.empty_label
    editor.show_measure("NT1")
    assert editor.pages.currentWidget() is editor.scroll
    assert editor.code_label.text() == "NT1"
    assert editor.title_label.text() == "Local people employed"
    assert "people (FTE)" in editor.unit_label.text()


def test_uncommitted_measure_explains_how_to_commit(
    qtbot, editor: CommitmentEditor, document: PlanDocument
) -> None:
    editor.show_measure("NT3")
    assert not editor.commit_box.isChecked()
    assert editor.body.currentWidget() is editor._uncommitted_page
    assert "Commit to this measure" in editor.uncommitted_label.text()
    assert "2 partner organisations" in editor.guidance_label.text()
    qtbot.mouseClick(
        editor.commit_box, Qt.MouseButton.LeftButton, pos=QPoint(8, editor.commit_box.height() // 2)
    )
    assert document.is_committed("NT3")
    assert editor.body.currentWidget() is editor._form_page
    document.undo_stack.undo()
    assert not editor.commit_box.isChecked()
    assert editor.body.currentWidget() is editor._uncommitted_page


def test_typing_a_target_updates_the_plan_in_one_undo_step(
    qtbot, committed: CommitmentEditor, document: PlanDocument
) -> None:
    box = committed.target_box
    assert box.suffix() == " FTE" and box.decimals() == 1
    type_into(qtbot, box, "12.5")
    assert document.commitment("NT1").target == 12.5
    assert document.undo_stack.count() == 3  # contract length, tick, one merged target edit
    document.undo_stack.undo()
    assert document.commitment("NT1").target is None
    assert box.number() is None
    assert box.text() == "Not set"


def test_clearing_the_target_sets_it_to_none(qtbot, committed, document) -> None:
    document.update_commitment("NT1", target=4)
    box = committed.target_box
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    assert document.commitment("NT1").target is None


def test_owner_edits_and_undo_keep_the_cursor(qtbot, committed, document) -> None:
    edit = committed.owner_edit
    type_into(qtbot, edit, "HR Manager")
    assert document.commitment("NT1").owner == "HR Manager"
    document.seal_edit()
    edit.setCursorPosition(2)
    qtbot.keyClicks(edit, "X")
    assert document.commitment("NT1").owner == "HRX Manager"
    assert edit.cursorPosition() == 3
    # Ctrl+Z in the field undoes through the document, not the line edit's own history.
    qtbot.keySequence(edit, QKeySequence.StandardKey.Undo)
    assert document.commitment("NT1").owner == "HR Manager"
    assert edit.text() == "HR Manager"
    assert edit.cursorPosition() <= len("HR Manager")
    qtbot.keySequence(edit, QKeySequence.StandardKey.Redo)
    assert edit.text() == "HRX Manager"


def test_multi_line_fields_and_evidence_hint(qtbot, committed, document, catalogue) -> None:
    type_into(qtbot, committed.resources_edit, "Recruiter")
    qtbot.keyClick(committed.resources_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(committed.resources_edit, "Budget")
    assert document.commitment("NT1").resources == "Recruiter\nBudget"
    type_into(qtbot, committed.notes_edit, "Note")
    assert document.commitment("NT1").notes == "Note"
    unit = catalogue.unit_of("NT1")
    expected = unit.evidence or "What you will keep to prove delivery"
    assert committed.evidence_edit.placeholderText() == expected
    type_into(qtbot, committed.evidence_edit, "Payroll")
    assert document.commitment("NT1").evidence == "Payroll"


def test_document_changes_refresh_the_fields(committed, document) -> None:
    document.update_commitment(
        "NT1",
        owner="Ann",
        resources="R",
        evidence="E",
        notes="N",
        target=3,
        reporting=Reporting.QUARTERLY,
        yearly=[1, 1, 1],
    )
    assert committed.owner_edit.text() == "Ann"
    assert committed.resources_edit.text() == "R"
    assert committed.target_box.number() == 3
    assert committed.reporting_combo.currentText() == "Quarterly"
    assert [b.number() for b in committed.yearly.boxes] == [1, 1, 1]
    assert "3 FTE of 3 FTE" in committed.yearly.hint.text()


def test_reporting_combo(qtbot, committed, document) -> None:
    combo = committed.reporting_combo
    assert combo.currentText() == "Quarterly"  # a new commitment's default, shown (issue 14)
    combo.setFocus()
    combo.activated.emit(combo.findText("Every six months"))
    assert document.commitment("NT1").reporting is Reporting.SIX_MONTHLY
    combo.activated.emit(0)
    assert document.commitment("NT1").reporting is None


def test_yearly_boxes_follow_contract_years(qtbot, committed, document) -> None:
    yearly = committed.yearly
    assert len(yearly.boxes) == 3
    type_into(qtbot, committed.target_box, "9")
    type_into(qtbot, yearly.boxes[0], "4")
    assert document.commitment("NT1").yearly == [4]
    assert "4 FTE of 9 FTE" in yearly.hint.text() and "5 FTE still to place" in yearly.hint.text()
    qtbot.mouseClick(yearly.spread_button, Qt.MouseButton.LeftButton)
    assert document.commitment("NT1").yearly == [3, 3, 3]
    assert "✓" in yearly.hint.text()
    document.update_bid(months=24)
    assert len(yearly.boxes) == 3  # the plan still holds three figures: nothing hidden
    assert "after the contract" in yearly._labels[2].text()


def test_without_contract_length_the_editor_says_where_to_set_it(qtbot, editor, document) -> None:
    document.set_committed("NT1", True)
    editor.show_measure("NT1")
    assert not editor.yearly.boxes
    assert editor.yearly._missing.isVisibleTo(editor)
    assert "contract length in Bid details" in editor.yearly.no_years.text()
    with qtbot.waitSignal(editor.bidDetailsRequested):
        qtbot.mouseClick(editor.yearly.bid_button, Qt.MouseButton.LeftButton)


def test_add_edit_move_and_remove_actions(qtbot, committed, document) -> None:
    table = committed.actions
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    assert document.commitment("NT1").actions == [Action()]
    QApplication.processEvents()
    editor_widget = QApplication.focusWidget()
    qtbot.keyClicks(editor_widget, "Advertise jobs")
    qtbot.keyClick(editor_widget, Qt.Key.Key_Return)  # the delegate commits on a queued call
    qtbot.waitUntil(lambda: document.commitment("NT1").actions[0].action == "Advertise jobs")

    model = committed.actions_model
    model.setData(model.index(0, 1), dt.date(2027, 5, 31))
    model.setData(model.index(0, 2), "HR")
    assert document.commitment("NT1").actions[0] == Action(
        action="Advertise jobs", due=dt.date(2027, 5, 31), owner="HR"
    )
    assert model.index(0, 1).data() == "31 May 2027"

    table.add_row()
    model.setData(model.index(1, 0), "Second")
    table._select(1, 0)
    qtbot.mouseClick(table.up_button, Qt.MouseButton.LeftButton)
    assert [a.action for a in document.commitment("NT1").actions] == ["Second", "Advertise jobs"]
    assert table.current_row() == 0
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    assert [a.action for a in document.commitment("NT1").actions] == ["Advertise jobs"]
    document.undo_stack.undo()
    assert [a.action for a in document.commitment("NT1").actions] == ["Second", "Advertise jobs"]
    assert model.rowCount() == 2


def test_table_keys(qtbot, committed, document) -> None:
    view = committed.risks.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    QApplication.processEvents()
    assert document.commitment("NT1").risks == [Risk()]
    committed.risks_model.setData(committed.risks_model.index(0, 0), "Few applicants")
    committed.risks._select(0, 0)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert document.commitment("NT1").risks == [Risk()]
    qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert document.commitment("NT1").risks == []


def test_date_delegate_allows_no_date(qtbot, committed, document) -> None:
    document.update_commitment("NT1", actions=[Action(action="A", due=dt.date(2027, 1, 2))])
    view = committed.actions.view
    index = committed.actions_model.index(0, 1)
    committed.actions._select(0, 1, edit=True)
    QApplication.processEvents()
    date_edit = view.indexWidget(index) or QApplication.focusWidget()
    assert date_edit.value() == dt.date(2027, 1, 2)
    date_edit.clear_value()
    view.commitData(date_edit)
    assert document.commitment("NT1").actions[0].due is None


def test_todo_lists_what_is_missing(committed, document) -> None:
    assert committed.todo_label.isVisibleTo(committed)
    assert "Has no target" in committed.todo_label.text()
    assert committed.todo_label.property("state") == "warn"


def test_every_input_has_an_accessible_name(committed) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    inputs = [
        w
        for kind in QWidget_types()
        for w in committed.findChildren(kind)
        if w.isVisibleTo(committed) and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)
    ]
    assert inputs
    for widget in inputs:
        if isinstance(widget, QLineEdit | QAbstractButton | QAbstractSpinBox | QComboBox):
            assert widget.accessibleName(), widget


def QWidget_types():
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    return (QLineEdit, QAbstractButton, QAbstractSpinBox, QComboBox)
