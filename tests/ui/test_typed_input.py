"""Issue 13, "what you type is what you get": dates and numbers through the real widgets.

The dates are the exact strings a bid manager typed when the old date boxes changed them
("15 Oct 2027" became 15 Nov 2027 ...). Text that is not a date or a number is refused where it
was typed, with the reason next to the field, and the value before stays.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QTableView

from svplan.core.plan import Action
from svplan.ui.bid_dialog import BidDialog
from svplan.ui.commitment_editor import CommitmentEditor
from svplan.ui.plan_document import PlanDocument
from tests.ui.panels_fixtures import at_size

D = dt.date


@pytest.fixture
def editor(qtbot, document: PlanDocument) -> CommitmentEditor:
    document.update_bid(start=D(2027, 4, 1), months=36)
    document.set_committed("NT1", True)
    document.update_commitment("NT1", target=25, actions=[Action(action="Advertise the jobs")])
    widget = at_size(qtbot, CommitmentEditor(document), 900, 1000, show=True)
    widget.show_measure("NT1")
    return widget


def focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def type_in_due_cell(qtbot, editor: CommitmentEditor, text: str, row: int = 0) -> None:
    """Select the Due cell, type over it as a user does (the first key opens it), Enter."""
    view = editor.actions.view
    view.setCurrentIndex(editor.actions_model.index(row, 1))
    focus(qtbot, view)
    qtbot.keyClick(view, text[0])
    cell = QApplication.focusWidget()
    assert cell is not view and view.isAncestorOf(cell)
    qtbot.keyClicks(cell, text[1:])
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.NoState)  # stored, closed


def due(document: PlanDocument, row: int = 0) -> D | None:
    return document.commitment("NT1").actions[row].due


# Dates in the Due cells --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("15 Oct 2027", D(2027, 10, 15)),
        ("30 Jun 2027", D(2027, 6, 30)),
        ("15 April 2027", D(2027, 4, 15)),
        ("01/05/2027", D(2027, 5, 1)),
        ("30/06/2027", D(2027, 6, 30)),
    ],
)
def test_a_due_date_is_stored_as_typed(qtbot, editor, document, typed, stored) -> None:
    type_in_due_cell(qtbot, editor, typed)
    assert due(document) == stored
    shown = editor.actions_model.index(0, 1).data()
    assert shown == f"{stored.day} {stored:%b %Y}"
    assert editor.actions.message.isHidden()


def test_a_due_date_that_is_not_a_date_is_refused_with_the_reason(qtbot, editor, document):
    type_in_due_cell(qtbot, editor, "15 Oct 2027")
    type_in_due_cell(qtbot, editor, "31/02/2027")
    assert due(document) == D(2027, 10, 15)  # the date before stays
    message = editor.actions.message
    assert message.isVisibleTo(editor)
    assert message.text() == (
        "Due date not changed: '31/02/2027' is not a date: February 2027 has 28 days. "
        "Still 15 Oct 2027."
    )
    type_in_due_cell(qtbot, editor, "next tuesday")
    assert due(document) == D(2027, 10, 15)
    assert "'next tuesday' is not a date the app can read" in message.text()
    type_in_due_cell(qtbot, editor, "1/11/2027")
    assert due(document) == D(2027, 11, 1) and message.isHidden()


def test_the_due_calendar_opens_at_the_contract_start_not_today(qtbot, editor):
    view = editor.actions.view
    view.setCurrentIndex(editor.actions_model.index(0, 1))
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    cell = QApplication.focusWidget()
    qtbot.keyClick(cell, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert cell.popup is not None and cell.popup.isVisible()
    assert cell.popup.shown_month() == (2027, 4)  # the contract starts in April 2027
    days = cell.popup.calendar.findChild(QTableView)  # the month's grid of days
    for _ in range(2):  # two weeks on from the 1st
        qtbot.keyClick(days, Qt.Key.Key_Down)
    qtbot.keyClick(days, Qt.Key.Key_Return)
    assert not cell.popup.isVisible() and cell.value() == D(2027, 4, 15)
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.NoState)
    assert editor.actions_model.rows()[0].due == D(2027, 4, 15)


# Dates in the bid dialog --------------------------------------------------------------------------


@pytest.fixture
def bid_dialog(qtbot, document: PlanDocument) -> BidDialog:
    dialog = BidDialog(document, first_time=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_date(qtbot, field, text: str) -> None:
    focus(qtbot, field.line)
    field.line.selectAll()
    qtbot.keyClicks(field.line, text)


def test_bid_dialog_dates_are_stored_as_typed(qtbot, bid_dialog, document):
    type_date(qtbot, bid_dialog.start, "15 April 2027")
    type_date(qtbot, bid_dialog.issued, "30/06/2027")  # leaving the start stores it
    assert bid_dialog.start.text() == "15 Apr 2027"
    qtbot.keyClick(bid_dialog.issued.line, Qt.Key.Key_Return)  # Enter: OK
    assert bid_dialog.result() == QDialog.DialogCode.Accepted
    assert document.plan.bid.start == D(2027, 4, 15)
    assert document.plan.bid.issued == D(2027, 6, 30)


def test_bid_dialog_refuses_a_date_it_cannot_read_and_stays_open(qtbot, bid_dialog, document):
    type_date(qtbot, bid_dialog.start, "01/05/2027")
    type_date(qtbot, bid_dialog.issued, "31/02/2027")
    qtbot.keyClick(bid_dialog.issued.line, Qt.Key.Key_Return)
    assert bid_dialog.isVisible()  # not accepted: the reason is next to the field
    assert bid_dialog.issued.message.isVisibleTo(bid_dialog)
    assert bid_dialog.issued.message.text().startswith("'31/02/2027' is not a date")
    assert document.plan.bid.issued is None and document.plan.bid.start is None
    bid_dialog.issued.line.selectAll()
    qtbot.keyClicks(bid_dialog.issued.line, "28/02/2027")
    bid_dialog.buttons.button(bid_bbox_ok()).click()
    assert document.plan.bid.start == D(2027, 5, 1)
    assert document.plan.bid.issued == D(2027, 2, 28)


def bid_bbox_ok():
    from PySide6.QtWidgets import QDialogButtonBox

    return QDialogButtonBox.StandardButton.Ok


def test_bid_dialog_date_of_issue_calendar_opens_at_the_contract_start(qtbot, bid_dialog):
    type_date(qtbot, bid_dialog.start, "15 Oct 2027")
    focus(qtbot, bid_dialog.issued.line)
    qtbot.keyClick(bid_dialog.issued.line, Qt.Key.Key_F4)
    assert bid_dialog.issued.popup.shown_month() == (2027, 10)
    bid_dialog.issued.popup.hide()


def test_the_date_of_issue_says_what_the_cover_shows_when_not_set(qtbot, bid_dialog):
    assert bid_dialog.issued.value() is None
    assert bid_dialog.issued_hint.isVisibleTo(bid_dialog)
    assert bid_dialog.issued_hint.text() == "Not set: the cover shows the day you export"
    type_date(qtbot, bid_dialog.issued, "1 May 2027")
    assert bid_dialog.issued.commit()
    assert not bid_dialog.issued_hint.isVisibleTo(bid_dialog)


# Numbers --------------------------------------------------------------------------------------


def test_minus_five_over_25_is_refused_next_to_the_field(qtbot, editor, document):
    box = editor.target_box
    focus(qtbot, box)
    box.selectAll()
    qtbot.keyClicks(box, "-5")
    assert document.commitment("NT1").target == 25  # never 5
    problem = editor.target_row.problem
    assert problem.isVisibleTo(editor)
    assert problem.text() == "Can't be negative: type 0 or more"
    focus(qtbot, editor.owner_edit)  # leaving the box puts 25 back and says so
    assert box.text() == "25 FTE" and document.commitment("NT1").target == 25
    assert problem.text() == ("Can't be negative: type 0 or more. “-5” was not used; still 25 FTE.")
    focus(qtbot, box)
    box.selectAll()
    qtbot.keyClicks(box, "6")
    assert document.commitment("NT1").target == 6 and problem.isHidden()


def test_letters_do_not_vanish_silently(qtbot, editor, document):
    box = editor.target_box
    focus(qtbot, box)
    box.selectAll()
    qtbot.keyClicks(box, "12x")
    assert box.lineEdit().text().startswith("12x")  # still on screen, with the reason
    assert editor.target_row.problem.text() == "Only a number can go here, e.g. 1,250.5"
    assert document.commitment("NT1").target == 12


def test_a_year_figure_that_cannot_be_used_is_said_in_the_years_hint(qtbot, editor, document):
    year1 = editor.yearly.boxes[0]
    focus(qtbot, year1)
    year1.selectAll()
    qtbot.keyClicks(year1, "-3")
    assert editor.yearly.hint.text() == "Year 1: Can't be negative: type 0 or more"
    assert document.commitment("NT1").yearly is None


def test_a_target_shows_its_unit_once(qtbot, lancashire):
    document = PlanDocument(lancashire)
    document.set_committed("NT10", True)  # weeks
    document.update_commitment("NT10", target=1248)
    editor = CommitmentEditor(document)
    qtbot.addWidget(editor)
    editor.show_measure("NT10")
    assert editor.target_box.text() == "1,248 weeks"
    assert editor.target_unit.text() == ""  # not "1,248 weeks  weeks"
    document.set_committed("NT8", True)  # hours (staff time)
    document.update_commitment("NT8", target=120)
    editor.show_measure("NT8")
    assert (editor.target_box.text(), editor.target_unit.text()) == ("120 hours", "staff time")
    document.set_committed("NT1", True)
    document.update_commitment("NT1", target=6)
    editor.show_measure("NT1")
    assert (editor.target_box.text(), editor.target_unit.text()) == ("6 FTE", "people")


# Dates in the delivery dialogs ------------------------------------------------------------------


def test_the_award_date_is_stored_as_typed_or_refused(qtbot):
    from svplan.ui.delivery_dialogs import AwardDialog

    dialog = AwardDialog(None, D(2027, 3, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_date(qtbot, dialog.date, "31/02/2027")
    qtbot.keyClick(dialog.date.line, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.date.value() == D(2027, 3, 1)
    assert dialog.date.message.text().startswith("'31/02/2027' is not a date")
    type_date(qtbot, dialog.date, "01/05/2027")
    qtbot.keyClick(dialog.date.line, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.date.value() == D(2027, 5, 1)
