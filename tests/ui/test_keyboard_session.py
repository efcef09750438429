"""Issue 13: a whole first session from the keyboard alone, New Plan to Export.

Only key events reach the window (QTest): shortcuts, Tab, mnemonics, Space, Enter. The message
boxes and the file chooser are answered by the test fixtures, as everywhere in these tests.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def key(qtbot, k, mods=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed wherever the cursor is."""
    qtbot.keyClick(QApplication.focusWidget(), k, mods)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_new_plan_to_export_without_the_mouse(
    qtbot, window, boxes, dialogs, file_answers, tmp_path
):
    def bid_details(dialog: QDialog) -> int:  # the New plan dialog, typed into
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title)
        type_text(qtbot, "Highways maintenance")
        for text in ("LCC/2027/0042", "Lancashire County Council", "Example Ltd", "2400000"):
            key(qtbot, Qt.Key.Key_Tab)
            type_text(qtbot, text)
        key(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "1 April 2027")  # the start date, as typed
        key(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "36")
        key(qtbot, Qt.Key.Key_N, ALT)  # the lead's name
        type_text(qtbot, "Sam Patel")
        key(qtbot, Qt.Key.Key_Return)  # OK
        return dialog.result()

    dialogs.handlers.append(bid_details)
    window.start_page.focus_default()
    qtbot.waitUntil(lambda: window.start_page.new_button.hasFocus())
    key(qtbot, Qt.Key.Key_N, CTRL)
    doc = window.document
    assert doc.plan.bid.title == "Highways maintenance"
    assert doc.plan.bid.start == dt.date(2027, 4, 1) and doc.plan.bid.months == 36
    assert doc.plan.bid.contract_value == 2_400_000 and doc.plan.lead.name == "Sam Patel"
    window.activateWindow()  # the dialog closed: the window manager gives the window back
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert window.workspace.browser.isAncestorOf(QApplication.focusWidget())

    key(qtbot, Qt.Key.Key_F, CTRL)  # find a measure
    type_text(qtbot, "volunteering")
    key(qtbot, Qt.Key.Key_Down)  # into the list, on the one measure found
    key(qtbot, Qt.Key.Key_Space)  # tick it
    assert doc.is_committed("NT29")
    key(qtbot, Qt.Key.Key_Return)  # open it: the cursor goes to the target
    editor = window.workspace.editor
    assert QApplication.focusWidget() is editor.target_box
    type_text(qtbot, "120")
    key(qtbot, Qt.Key.Key_O, ALT)  # Owner
    type_text(qtbot, "Community Liaison Officer")
    key(qtbot, Qt.Key.Key_A, ALT)  # Actions
    key(qtbot, Qt.Key.Key_Insert)  # a new action, its text being typed
    type_text(qtbot, "Agree the schools with the council")
    key(qtbot, Qt.Key.Key_Tab)  # to its due date
    type_text(qtbot, "15 Oct 2027")
    key(qtbot, Qt.Key.Key_Return)
    view = editor.actions.view
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.NoState)
    key(qtbot, Qt.Key.Key_R, ALT)  # Resources
    type_text(qtbot, "Two engineers, one day a month")

    c = doc.commitment("NT29")
    assert (c.target, c.owner) == (120, "Community Liaison Officer")
    assert [(a.action, a.due) for a in c.actions] == [
        ("Agree the schools with the council", dt.date(2027, 10, 15))
    ]
    assert c.resources == "Two engineers, one day a month"

    file_answers.append(tmp_path / "Highways maintenance.docx")
    boxes.answer("Close")
    key(qtbot, Qt.Key.Key_E, CTRL)  # Export, straight from the text field
    out = tmp_path / "Highways maintenance.docx"
    assert out.is_file() and out.stat().st_size > 0
    assert [b.text for b in boxes.shown] == ["Saved Highways maintenance.docx."]  # nothing missing
