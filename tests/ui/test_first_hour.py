"""Issue 13, "the first hour without surprises", through the real window: ticking, removing with
Undo, exporting a plan with problems, no mail program, a layout that stays put, icons, shortcuts
in text fields, plain English, dated years, the target calculator and the small things."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyleOptionViewItem,
    QTableWidget,
    QTextEdit,
    QToolButton,
    QWidget,
)

from svplan.core.plan import Bid, Plan
from svplan.core.planio import save_plan
from svplan.ui import handlers
from svplan.ui.icons import icon, png_folder
from svplan.ui.models.measure_tree import COL_TITLE
from tests.conftest import SAMPLE_PLAN

D = dt.date


@pytest.fixture
def plan_window(window):
    """The window on a new plan: contract from 1 Apr 2027 for 36 months, the workspace shown."""
    window.files.new_plan()
    window.document.update_bid(start=D(2027, 4, 1), months=36, title="Highways")
    return window


def focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def check_indicator(tree, code: str) -> QPoint:
    source = tree.model().sourceModel().index_of(code, COL_TITLE)
    index = tree.model().mapFromSource(source)
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    option.rect = tree.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    rect = tree.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree
    )
    return rect.center()


# Ticking and removing -------------------------------------------------------------------------


def test_ticking_a_measure_in_the_list_opens_it_in_the_editor(qtbot, plan_window):
    space = plan_window.workspace
    space.browser.select_measure("NT1")
    assert space.editor.code == "NT1"
    tree = space.browser.tree
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=check_indicator(tree, "NT29"))
    assert plan_window.document.is_committed("NT29")
    assert space.editor.code == "NT29"  # the measure just ticked, ready to fill in
    assert space.editor.body.currentWidget() is space.editor._form_page
    assert space.partners.measure_code() == "NT29"


def test_unticking_a_commitment_with_content_says_removed_with_undo(qtbot, plan_window):
    doc, editor = plan_window.document, plan_window.workspace.editor
    doc.set_committed("NT1", True)
    doc.update_commitment("NT1", target=6, owner="HR Manager")
    plan_window.workspace.go_to_measure("NT1")
    bar = editor.header.undo_bar
    assert not bar.isVisible()
    focus(qtbot, plan_window.workspace.browser.tree)
    qtbot.keyClick(plan_window.workspace.browser.tree, Qt.Key.Key_Space)  # untick in the list
    assert not doc.is_committed("NT1")
    assert bar.isVisible()  # in the window, where the bidder is looking
    assert bar.label.text() == "Removed NT1 from the plan, with what you wrote for it."
    assert bar.undo_button.text() == "&Undo"
    qtbot.mouseClick(bar.undo_button, Qt.MouseButton.LeftButton)
    assert doc.commitment("NT1").target == 6 and doc.commitment("NT1").owner == "HR Manager"
    assert not bar.isVisible()


def test_unticking_an_empty_commitment_needs_no_undo_bar(qtbot, plan_window):
    doc, editor = plan_window.document, plan_window.workspace.editor
    doc.set_committed("NT3", True)
    plan_window.workspace.go_to_measure("NT3")
    qtbot.mouseClick(editor.commit_box, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert not doc.is_committed("NT3")
    assert not editor.header.undo_bar.isVisible()


def test_the_undo_bar_goes_when_another_change_comes_after(qtbot, plan_window):
    doc, bar = plan_window.document, plan_window.workspace.editor.header.undo_bar
    doc.set_committed("NT1", True)
    doc.update_commitment("NT1", target=6)
    doc.set_committed("NT1", False)
    assert bar.isVisible()
    doc.set_committed("NT3", True)  # Undo now would undo this instead: the bar goes
    assert not bar.isVisible()


# Exporting ------------------------------------------------------------------------------------


def test_export_with_problems_asks_fix_first_or_export_anyway(
    plan_window, boxes, file_answers, tmp_path
):
    file_answers.append(tmp_path / "plan.docx")
    boxes.answer("Fix First")
    assert plan_window.exporter.export_word() is None
    asked = boxes.last
    assert asked.title.startswith("Export with problems?")
    assert asked.text.startswith("The plan still has ") and "problem" in asked.text
    assert "Plan: no measures are committed to yet" in asked.informative
    assert [b.replace("&", "") for b in asked.buttons[:2]] == ["Export Anyway", "Fix First"]
    assert plan_window.workspace.current_view() == "overview"  # where the problems are listed
    assert not (tmp_path / "plan.docx").exists() and len(file_answers) == 1  # never asked where

    boxes.answer("Export Anyway", "Close")
    assert plan_window.exporter.export_word() == tmp_path / "plan.docx"
    assert (tmp_path / "plan.docx").stat().st_size > 0


def test_overwriting_an_export_asks_first(plan_window, boxes, file_answers, tmp_path):
    out = tmp_path / "plan.docx"
    out.write_bytes(b"last week's")
    file_answers.append(tmp_path / "plan")  # typed without .docx: the app adds it
    boxes.answer("Export Anyway", "Cancel")
    assert plan_window.exporter.export_word() is None
    assert (
        boxes.last.text == f"plan.docx already exists in {tmp_path}. Replace it with this export?"
    )
    assert out.read_bytes() == b"last week's"
    file_answers.append(out)
    boxes.answer("Export Anyway", "Replace", "Close")
    assert plan_window.exporter.export_word() == out
    assert out.read_bytes() != b"last week's"


# No mail program, no program for .docx -------------------------------------------------------


def test_email_partners_with_no_mail_program_says_so_and_copies_everything(
    qtbot, plan_window, boxes, monkeypatch
):
    opened: list[QUrl] = []
    # xdg-open "succeeds" on Linux even when no program handles the link
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda u: opened.append(u) or True)
    )
    monkeypatch.setattr(handlers, "query_default", lambda kind: "")  # nothing handles mailto:
    monkeypatch.setattr(handlers.sys, "platform", "linux")
    doc = plan_window.document
    doc.set_committed("NT3", True)
    plan_window.workspace.go_to_measure("NT3")
    boxes.answer("OK", "Not now")
    plan_window.workspace.partners.email_button.click()
    assert opened == []  # nothing was handed to a program that is not there
    copied = QGuiApplication.clipboard().text()
    assert "alex@helpful.example.org" in copied and "info@other.example.org" in copied
    assert "Subject: Highways: social value partnership on" in copied
    assert "Dear colleagues," in copied  # the text of the email too
    assert boxes.shown[0].text.startswith("No mail program opened the email.")
    assert "on the clipboard" in boxes.shown[0].text


def test_opening_the_export_with_no_program_for_docx_says_so(
    plan_window, boxes, file_answers, tmp_path, monkeypatch
):
    monkeypatch.setattr(handlers, "query_default", lambda kind: "")
    monkeypatch.setattr(handlers.sys, "platform", "linux")
    opened: list[QUrl] = []
    # xdg-open "succeeds" on Linux even when no program handles the link
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda u: opened.append(u) or True)
    )
    file_answers.append(tmp_path / "plan.docx")
    boxes.answer("Export Anyway", "Open Document", "OK")
    assert plan_window.exporter.export_word() == tmp_path / "plan.docx"
    assert opened == []
    said = boxes.last
    assert said.text == (
        "No program on this computer opens .docx files, so plan.docx could not be opened."
    )
    assert str(tmp_path) in said.informative
    assert QGuiApplication.clipboard().text() == str(tmp_path / "plan.docx")


# A layout that stays put ----------------------------------------------------------------------


def test_still_to_do_box_does_not_move_the_form_while_typing(qtbot, plan_window):
    doc, editor = plan_window.document, plan_window.workspace.editor
    doc.set_committed("NT1", True)
    plan_window.workspace.go_to_measure("NT1")
    box = editor.target_box
    heights, places = set(), set()
    focus(qtbot, box)
    box.selectAll()
    for key in "12":
        qtbot.keyClick(box, key)  # the findings change: "no target" goes
        heights.add(editor.header.todo.height())
        places.add(box.mapTo(editor, QPoint(0, 0)).y())
    focus(qtbot, editor.owner_edit)
    qtbot.keyClicks(editor.owner_edit, "HR Manager")
    heights.add(editor.header.todo.height())
    places.add(box.mapTo(editor, QPoint(0, 0)).y())
    assert doc.commitment("NT1").target == 12
    assert len(heights) == 1 and len(places) == 1


# Icons and toolbar ------------------------------------------------------------------------------


def test_the_app_ships_its_own_icons_and_the_toolbar_says_what_each_button_does(plan_window):
    for name in ("undo", "redo", "export", "add", "new", "open", "save", "bid", "calendar"):
        ours = QImage(str(png_folder() / f"{name}-24.png"))
        assert not ours.isNull(), name
        assert icon(name).pixmap(24, 24).toImage().convertToFormat(ours.format()) == ours, name
    bar = plan_window.menus.toolbar
    texts = []
    for action in bar.actions():
        button = bar.widgetForAction(action)
        if isinstance(button, QToolButton):
            assert button.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonIconOnly
            texts.append(action.text().replace("&", ""))
    assert texts == [
        "New Plan",
        "Open…",
        "Save",
        "Undo",
        "Redo",
        "Bid Details…",
        "Export Word Plan…",
    ]
    adder = plan_window.workspace.editor.actions.add_button
    assert adder.icon().pixmap(24, 24).toImage() == icon("add").pixmap(24, 24).toImage()


# Shortcuts in text fields ---------------------------------------------------------------------


class _LinuxTextKeys(QObject):
    """What Qt's text fields do on a Linux desktop (its X11 keyboard scheme): take Ctrl+A, B, D,
    E, F, H and K for Emacs-style editing. The offscreen test platform does not, so it is done
    here, as the field itself would."""

    KEYS = frozenset(getattr(Qt.Key, f"Key_{k}") for k in "ABDEFHK")

    def eventFilter(self, watched, event) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, (QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit))
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and event.key() in self.KEYS
        ):
            event.accept()  # "mine": the window's shortcut would not run
        return False


@pytest.fixture
def linux_text_keys(qapp):
    keys = _LinuxTextKeys()
    qapp.installEventFilter(keys)
    yield keys
    qapp.removeEventFilter(keys)


def test_ctrl_e_and_ctrl_b_work_while_typing(qtbot, linux_text_keys, plan_window, boxes, dialogs):
    doc, editor = plan_window.document, plan_window.workspace.editor
    doc.set_committed("NT1", True)
    plan_window.workspace.go_to_measure("NT1")
    focus(qtbot, editor.owner_edit)
    qtbot.keyClicks(editor.owner_edit, "HR")
    qtbot.keyClick(editor.owner_edit, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert boxes.shown and boxes.last.title.startswith("Export with problems?")  # export began
    assert doc.commitment("NT1").owner == "HR"  # Ctrl+E did not move the cursor instead
    shown = len(dialogs.shown)
    focus(qtbot, editor.resources_edit)
    qtbot.keyClick(editor.resources_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert len(dialogs.shown) == shown + 1
    assert dialogs.shown[-1].windowTitle() == "Bid details"
    focus(qtbot, editor.target_box)
    qtbot.keyClick(editor.target_box, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert len(dialogs.shown) == shown + 2


# Plain English --------------------------------------------------------------------------------


def test_acronyms_are_explained_where_they_appear(qtbot, lancashire):
    from svplan.ui.commitment_editor import CommitmentEditor
    from svplan.ui.partners_panel import PartnersPanel
    from svplan.ui.plan_document import PlanDocument

    doc = PlanDocument(lancashire)
    editor = CommitmentEditor(doc)
    qtbot.addWidget(editor)
    editor.show_measure("NT10a")  # "... T-Levels ... NEETs ..."
    tip = editor.wording_label.toolTip()
    assert "T-Level: a two-year technical qualification" in tip
    assert "NEET: not in education, employment or training" in tip
    editor.show_measure("NT4")
    assert "FTE: full-time equivalent" in editor.unit_label.toolTip()
    panel = PartnersPanel(doc)
    qtbot.addWidget(panel)
    panel.show_measure("NT10")
    lwblef = next(c for c in panel.cards if c.partner and c.partner.id == "lwblef")
    assert "LWBLEF: The Lancashire Work Based Learning Executive Forum" in (
        lwblef.description.label.toolTip()
    )
    panel.show_measure("NT31")
    macaw = next(c for c in panel.cards if c.partner and c.partner.id == "macaw")
    tips = [w.toolTip() for w in macaw.findChildren(type(macaw.description.label))]
    assert any("MaCaW: Making Carbon Work" in t for t in tips)


def test_internal_data_notes_never_reach_the_screen(qtbot, lancashire):
    from PySide6.QtWidgets import QLabel

    from svplan.ui.partners_panel import PartnersPanel
    from svplan.ui.plan_document import PlanDocument

    panel = PartnersPanel(PlanDocument(lancashire))
    qtbot.addWidget(panel)
    notes = [p.note for p in lancashire.partners if p.note]
    assert "The source gives Kay Vaughan as the contact under NT8 and Daniel Barry under NT11." in (
        notes
    )
    for measure in lancashire.measures:
        panel.show_measure(measure.code)
        shown = " ".join(label.text() for label in panel.findChildren(QLabel))
        assert not any(note in shown for note in notes), measure.code
        assert "The source gives" not in shown and "catalogue" not in shown.lower()


def test_menus_speak_of_the_measures_list_and_the_councils_toms_file(plan_window, dialogs):
    texts = [a.text() for menu in plan_window.menus.menus.values() for a in menu.actions()]
    assert "Use a &Council's TOMs File…" in texts
    assert "Use the Built-in &Measures List" in texts
    assert not any("catalogue" in t.lower() for t in texts)
    plan_window.first_hour.glossary_action.trigger()
    table = dialogs.shown[-1].findChild(QTableWidget)
    terms = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    for term in ("TOMs", "FTE", "FTE-year", "NEET", "VCSE", "MSME", "tCO2e", "T-Level", "RLW"):
        assert term in terms, term
    assert terms["LWBLEF"].startswith("The Lancashire Work Based Learning Executive Forum")
    assert terms["FTE-year"].startswith("One person working full time for a whole year")


# Years and units --------------------------------------------------------------------------------


def test_each_year_is_labelled_with_its_dates(plan_window):
    plan_window.document.set_committed("NT1", True)
    plan_window.workspace.go_to_measure("NT1")
    labels = [label.text() for label in plan_window.workspace.editor.yearly._labels]
    assert labels == [
        "Year 1\nApr 2027 – Mar 2028",
        "Year 2\nApr 2028 – Mar 2029",
        "Year 3\nApr 2029 – Mar 2030",
    ]


def test_the_calculator_fills_the_target_visibly(qtbot, plan_window):
    doc, editor = plan_window.document, plan_window.workspace.editor
    doc.set_committed("NT29", True)  # hours
    plan_window.workspace.go_to_measure("NT29")
    row = editor.target_row
    assert row.calc_button.isVisibleTo(editor)
    qtbot.mouseClick(row.calc_button, Qt.MouseButton.LeftButton)
    calc = row.calculator
    assert calc.isVisibleTo(editor)
    assert (calc.count_label.text(), calc.each_label.text()) == ("staff", "hours each")
    qtbot.keyClicks(calc.count, "10")
    focus(qtbot, calc.each)
    calc.each.selectAll()
    qtbot.keyClicks(calc.each, "3")
    assert calc.result.text() == "= 30 hours"
    assert doc.commitment("NT29").target is None  # nothing changes until asked
    qtbot.mouseClick(calc.use_button, Qt.MouseButton.LeftButton)
    assert doc.commitment("NT29").target == 30
    assert editor.target_box.text() == "30 hours"
    assert row.done.isVisibleTo(editor)
    assert row.done.text() == "Target set to 30 hours (10 staff × 3 hours each)"
    doc.undo_stack.undo()
    assert doc.commitment("NT29").target is None  # one undo step
    doc.set_committed("NT1", True)  # FTE: no calculator
    plan_window.workspace.go_to_measure("NT1")
    assert not row.calc_button.isVisibleTo(editor)


# The small things -----------------------------------------------------------------------------


def test_a_recent_plan_opens_with_one_click(qtbot, window, settings, tmp_path):
    path = tmp_path / "bid.svplan"
    save_plan(Plan(catalogue="mini-toms", bid=Bid(title="Roads")), path)
    settings.add_recent_file(path)
    window._refresh_start()
    recent = window.start_page.recent
    rect = recent.visualItemRect(recent.item(0))
    qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.document.path == path and window.workspace.is_showing()


def test_escape_in_the_new_plan_dialog_makes_no_untitled_plan(qtbot, window, dialogs):
    def escape(dialog: QDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        return dialog.result()

    dialogs.handlers.append(escape)
    assert not window.files.new_plan()
    assert dialogs.shown[-1].windowTitle() == "New plan — bid details"
    assert not window.has_plan() and window.pages.currentWidget() is window.start_page
    assert "Untitled" not in window.windowTitle()


def test_owner_suggestions_do_not_offer_back_what_was_typed(qtbot, plan_window):
    doc, editor = plan_window.document, plan_window.workspace.editor
    doc.set_committed("NT3", True)
    doc.update_commitment("NT3", owner="HR Manager")
    doc.set_committed("NT1", True)
    plan_window.workspace.go_to_measure("NT1")
    focus(qtbot, editor.owner_edit)
    qtbot.keyClicks(editor.owner_edit, "HR")
    model = editor.owner_edit.completer().model()
    assert model.stringList() == ["HR Manager"]  # what others use, offered
    qtbot.keyClicks(editor.owner_edit, " Manager")
    assert doc.commitment("NT1").owner == "HR Manager"
    assert model.stringList() == []  # exactly what was typed: nothing to offer back
    assert not editor.owner_edit.completer().popup().isVisible()


@pytest.fixture
def themed(qapp):
    """The app's real look (focus frames come from its style sheet), put back afterwards."""
    from svplan.ui.theme import apply_theme

    style, sheet, palette, font = (
        qapp.style().name(),
        qapp.styleSheet(),
        qapp.palette(),
        qapp.font(),
    )
    apply_theme(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)


def test_focus_is_visible_on_an_empty_table_and_after_f6_into_the_partners(
    qtbot, themed, plan_window
):
    doc, space = plan_window.document, plan_window.workspace
    doc.set_committed("NT1", True)
    space.go_to_measure("NT1")
    table = space.editor.risks.view
    assert table.model().rowCount() == 0
    focus(qtbot, space.editor.notes_edit)
    unfocused = table.grab().toImage()
    focus(qtbot, table)
    assert table.grab().toImage() != unfocused  # the empty table shows it has the focus

    focus(qtbot, space.browser.tree)
    cards = space.partners.scroll
    before = cards.grab().toImage()
    plan_window.menus.next_pane_action.trigger()  # F6: the editor
    plan_window.menus.next_pane_action.trigger()  # F6: the partners
    assert QApplication.focusWidget() is cards
    assert cards.grab().toImage() != before


def test_focus_after_f6_uses_the_f6_key(qtbot, plan_window):
    space = plan_window.workspace
    plan_window.document.set_committed("NT1", True)
    space.go_to_measure("NT1")
    focus(qtbot, space.browser.tree)
    qtbot.keyClick(space.browser.tree, Qt.Key.Key_F6)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is space.partners.scroll


def test_at_1280x720_and_150_percent_the_three_panes_still_fit(qtbot, themed, sample_window):
    """853 x 480 logical pixels: the window fits the screen, the panes sit side by side."""
    win = sample_window
    win.resize(853, 450)
    win.show()
    qtbot.waitExposed(win)
    assert win.files.open_path(SAMPLE_PLAN, ask=False)
    QApplication.processEvents()
    assert win.width() <= 853 and win.height() <= 480
    space = win.workspace
    panes = [space.browser, space.editor, space.partners]
    for left, right in itertools.pairwise(panes):
        assert left.geometry().right() < right.geometry().left()
    assert space.partners.geometry().right() <= space.splitter.width()
    space.go_to_measure("NT8")
    QApplication.processEvents()
    edge = space.partners.scroll.viewport().width()
    for card in space.partners.cards:
        for part in card.findChildren(QWidget):
            if part.isVisibleTo(card):
                right = part.mapTo(space.partners.scroll.widget(), QPoint(part.width(), 0)).x()
                assert right <= edge, (card.accessibleName(), part, getattr(part, "text", str)())


@pytest.fixture
def sample_window(qtbot, lancashire, settings, boxes, dialogs):
    from svplan.ui.main_window import MainWindow

    win = MainWindow(lancashire, settings, autosave=False)
    qtbot.addWidget(win)
    yield win
    win.document.undo_stack.setClean()


def shown_words(tree, index) -> int:
    """How many words of a row's text the list shows (the rest is cut off with '…')."""
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    option.rect = tree.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
    option.text = index.data()
    rect = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, tree)
    shown = tree.fontMetrics().elidedText(option.text, Qt.TextElideMode.ElideRight, rect.width())
    return len(shown.rstrip("…").split())


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720), (1920, 1080)])
def test_small_screens_partner_cards_fit_and_measure_names_are_readable(
    qtbot, themed, sample_window, size
):
    win = sample_window
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    assert win.files.open_path(SAMPLE_PLAN, ask=False)
    tree = win.workspace.browser.tree
    for measure in win.document.catalogue.measures:
        index = tree.model().mapFromSource(tree.model().sourceModel().index_of(measure.code))
        words = len(index.data().split())
        assert shown_words(tree, index) >= min(words, 4), (index.data(), shown_words(tree, index))
    panes = [win.workspace.browser, win.workspace.editor, win.workspace.partners]
    for left, right in itertools.pairwise(panes):  # side by side, never overlapping
        assert left.geometry().right() < right.geometry().left()
    assert panes[-1].geometry().right() <= win.workspace.splitter.width()
    for code in ("NT8", "NT15", "NT19", "NT3", "NT31"):
        win.workspace.go_to_measure(code)
        QApplication.processEvents()
        panel = win.workspace.partners
        edge = panel.scroll.viewport().width()
        for card in panel.cards:
            for part in [card, *card.findChildren(QWidget)]:
                if part.isVisibleTo(card):
                    right = part.mapTo(panel.scroll.widget(), QPoint(part.width(), 0)).x()
                    assert right <= edge, (code, card.accessibleName(), part)


def test_focus_is_visible_on_the_start_page(qtbot, themed, window):
    button = window.start_page.open_button
    focus(qtbot, window.start_page.new_button)
    unfocused = button.grab().toImage()
    focus(qtbot, button)
    assert button.grab().toImage() != unfocused


def test_fte_years_are_explained_where_the_answer_says_them(qtbot, plan_window):
    doc = plan_window.document
    doc.set_committed("NT1", True)
    doc.update_commitment("NT1", target=18, yearly=[6, 6, 6])
    plan_window.workspace.show_view("answer")
    answer = plan_window.workspace.view("answer")
    answer.refresh()
    assert "FTE-years" in answer.current_text()
    tip = answer.text_edit.toolTip()
    assert "FTE-year: one person working full time for a whole year" in tip
