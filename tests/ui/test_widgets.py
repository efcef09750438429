"""Small widgets: optional number and date boxes, text box, keyboard order, accessible names."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

from svplan.ui.bid_dialog import BidDialog
from svplan.ui.widgets.date_edit import OptionalDateEdit
from svplan.ui.widgets.number_box import OptionalNumberBox
from svplan.ui.widgets.text_box import TextBox


def test_number_box_formats_for_the_unit(qtbot, catalogue) -> None:
    box = OptionalNumberBox()
    qtbot.addWidget(box)
    box.set_unit(catalogue.unit("gbp-spent"))
    assert box.text() == "Not set" and box.number() is None
    box.set_number(25000)
    assert box.text() == "£25,000"
    box.set_number(25000.5)
    assert box.text() == "£25,000.50"
    box.set_unit(catalogue.unit("fte"))
    box.set_number(6)
    assert box.text() == "6 FTE"


def test_number_box_arrows_never_go_negative(qtbot, catalogue) -> None:
    box = OptionalNumberBox()
    qtbot.addWidget(box)
    box.set_unit(catalogue.unit("fte"))
    edited = []
    box.valueEdited.connect(edited.append)
    box.stepBy(1)
    assert box.number() == 0
    box.set_number(0.5)
    box.stepBy(-1)
    assert box.number() == 0
    box.stepBy(-1)
    assert box.number() is None
    box.stepBy(-1)
    assert box.number() is None
    assert all(v is None or v >= 0 for v in edited)


def test_number_box_refuses_minus_visibly_and_keeps_the_figure(qtbot, catalogue) -> None:
    box = OptionalNumberBox()
    qtbot.addWidget(box)
    box.set_unit(catalogue.unit("hours"))
    box.set_number(25)
    box.show()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "-5")
    assert box.number() == 25  # never turned into 5
    assert box.text().startswith("-5")  # what was typed stays on screen, marked
    assert box.problem() == "Can't be negative: type 0 or more"
    box.clearFocus()
    assert box.number() == 25 and box.text() == "25 hours"
    assert "“-5” was not used; still 25 hours" in box.problem()


def test_date_edit_can_be_empty(qtbot) -> None:
    edit = OptionalDateEdit()
    qtbot.addWidget(edit)
    edit.show()
    assert edit.value() is None and edit.text() == "" and edit.line.placeholderText() == "Not set"
    edited = []
    edit.dateEdited.connect(edited.append)
    edit.set_value(dt.date(2027, 4, 1))
    assert edit.text() == "1 Apr 2027" and edited == []
    edit.setFocus()
    qtbot.waitUntil(edit.line.hasFocus)
    edit.lineEdit().selectAll()
    qtbot.keyClick(edit.line, Qt.Key.Key_Delete)
    qtbot.keyClick(edit.line, Qt.Key.Key_Return)
    assert edit.value() is None and edited == [None]


def test_text_box_does_not_paste_dropped_files(qtbot) -> None:
    box = TextBox()
    qtbot.addWidget(box)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/tmp/plan.svplan")])
    assert not box.canInsertFromMimeData(mime)
    text = QMimeData()
    text.setText("hello")
    assert box.canInsertFromMimeData(text)


def test_text_box_keeps_the_cursor_when_text_changes_elsewhere(qtbot) -> None:
    box = TextBox()
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.set_text("Hello world")
    cursor = box.textCursor()
    cursor.setPosition(5)
    box.setTextCursor(cursor)
    box.set_text("Hello, world")
    assert box.textCursor().position() == 5


def test_bid_dialog_names_and_one_step(qtbot, document) -> None:
    dialog = BidDialog(document)
    qtbot.addWidget(dialog)
    for kind in (QLineEdit, QAbstractSpinBox, QComboBox):
        for widget in dialog.findChildren(kind):
            if isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
                continue
            if widget.objectName().startswith("qt_"):  # parts of Qt's own calendar pop-up
                continue
            assert widget.accessibleName(), widget
    dialog.title.setText("  Roads  ")
    dialog.months.setValue(30)
    dialog.lead_name.setText("Sam")
    assert dialog.length_hint.text() == "3 contract years"
    qtbot.keyClicks(dialog.start.line, "1/4/2027")
    assert dialog.start.commit()
    assert dialog.length_hint.text() == "3 contract years, ending 30 September 2029"
    dialog.accept()
    assert document.plan.bid.title == "Roads"
    assert document.plan.bid.months == 30 and document.plan.lead.name == "Sam"
    assert document.undo_stack.count() == 1


def test_main_window_controls_have_names_and_shortcuts(window) -> None:
    window.files.new_plan()
    for widget in window.findChildren(QAbstractButton):
        if widget.isVisibleTo(window) and not widget.text():
            assert widget.accessibleName() or widget.toolTip(), widget
    shortcuts = [a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), shortcuts
    for key in ("Ctrl+N", "Ctrl+O", "Ctrl+S", "Ctrl+E", "Ctrl+B", "Ctrl+Z", "Ctrl+F", "F6"):
        assert key in shortcuts, key


def test_f6_moves_between_panes(qtbot, window) -> None:
    window.files.new_plan()
    window.activateWindow()
    window.workspace.browser.setFocus()
    window.workspace.cycle_pane(1)
    assert window.workspace.editor.isAncestorOf(window.focusWidget())
    window.workspace.cycle_pane(1)
    window.workspace.cycle_pane(1)
    focus = window.focusWidget()
    assert focus is window.workspace.browser or window.workspace.browser.isAncestorOf(focus)


def test_mnemonics_do_not_clash_with_the_menus_or_each_other(window) -> None:
    import re

    from PySide6.QtWidgets import QLabel

    window.files.new_plan()
    window.document.set_committed("NT1", True)
    window.workspace.browser.select_measure("NT1")
    owners: dict[str, list[str]] = {}
    texts = [action.text() for action in window.menuBar().actions()]
    for kind in (QLabel, QAbstractButton):
        texts += [
            w.text() for w in window.findChildren(kind) if w.isVisibleTo(window) and "&" in w.text()
        ]
    for text in texts:
        for key in re.findall(r"&(\w)", text):
            owners.setdefault(key.lower(), []).append(text)
    clashes = {key: names for key, names in owners.items() if len(names) > 1}
    assert not clashes, (clashes, "".join(sorted(owners)))


def test_a_long_partner_role_shows_its_start_not_its_last_words(qtbot, catalogue) -> None:
    """A recorded role longer than its field opens at its first words (setText alone would put
    the cursor at the end and show only the tail)."""
    from svplan.core.plan import PartnerRole
    from svplan.ui.partner_role import PartnerRoleEditor

    editor = PartnerRoleEditor(catalogue.partners[0])
    qtbot.addWidget(editor)
    editor.resize(260, 160)
    editor.show()
    qtbot.waitExposed(editor)
    long_role = "Refers candidates, screens them for the role and shortlists local people with us."
    editor.show_role(PartnerRole(partner=catalogue.partners[0].id, role=long_role), True)
    assert editor.role.text() == long_role
    assert editor.role.cursorPosition() == 0  # the start is in view
    assert editor.role.fontMetrics().horizontalAdvance(long_role) > editor.role.width()


def test_a_field_being_typed_in_keeps_its_cursor_when_the_value_comes_back(qtbot) -> None:
    from svplan.ui.widgets.forms import set_line

    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.setText("Priya Shah")
    edit.setCursorPosition(5)
    set_line(edit, "Priya Shah, HR")
    assert edit.cursorPosition() == 5
