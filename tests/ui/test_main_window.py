"""The main window: a whole session, unsaved-changes prompts, error boxes, export, recent files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMessageBox

from svplan.core.errors import ExportError, PlanError
from svplan.core.plan import Commitment, Plan
from svplan.core.planio import load_plan, save_plan
from svplan.ui.main_window import MainWindow
from tests.ui.session_helpers import drop_file, fill_bid

Btn = QMessageBox.StandardButton


def modify(window: MainWindow) -> None:
    window.document.set_committed("NT1", True)


@pytest.fixture
def opened(monkeypatch) -> list[QUrl]:
    calls: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: calls.append(QUrl(url)) or True)
    )
    return calls


@pytest.fixture
def saved_plan(tmp_path: Path) -> Path:
    plan = Plan(
        catalogue="mini-toms",
        commitments=[Commitment(measure="NT3", target=2, owner="HR")],
    )
    path = tmp_path / "saved.svplan"
    save_plan(plan, path)
    return path


def test_starts_on_the_start_page(window: MainWindow) -> None:
    assert window.pages.currentWidget() is window.start_page
    assert window.windowTitle() == "Social Value Plan Builder"
    assert not window.menus.save_action.isEnabled()
    assert not window.menus.export_action.isEnabled()
    assert window.menus.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.menus.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.menus.save_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)


def test_whole_session_new_tick_target_action_save_reopen(
    qtbot, window, dialogs, file_answers, settings, catalogue, tmp_path
) -> None:
    dialogs.handlers.append(fill_bid)
    window.menus.new_action.trigger()
    assert window.pages.currentWidget() is window.workspace.tabs
    assert dialogs.shown and dialogs.shown[0].windowTitle() == "New plan — bid details"
    plan = window.document.plan
    assert plan.bid.title == "Highways maintenance" and plan.bid.months == 36
    assert plan.lead.name == "Sam Taylor"
    assert window.windowTitle() == "Untitled plan[*] — Social Value Plan Builder"
    assert window.isWindowModified()

    window.workspace.browser.select_measure("NT1")
    editor = window.workspace.editor
    assert editor.code == "NT1"
    editor.commit_box.click()
    assert window.document.is_committed("NT1")
    editor.target_box.setFocus()
    editor.target_box.selectAll()
    qtbot.keyClicks(editor.target_box, "6")
    assert len(editor.yearly.boxes) == 3
    editor.actions.add_row()
    model = editor.actions_model
    model.setData(model.index(0, 0), "Advertise through the council's jobs board")
    model.setData(model.index(0, 1), dt.date(2027, 5, 31))
    qtbot.keyClicks(editor.owner_edit, "HR Manager")
    qtbot.waitUntil(lambda: window.status_parts.count_label.text() == "1 measure committed")

    path = tmp_path / "My plan.svplan"
    file_answers.append(path)
    window.menus.save_action.trigger()
    assert path.is_file()
    assert not window.document.is_modified()
    assert window.windowTitle() == "My plan.svplan[*] — Social Value Plan Builder"
    assert not window.isWindowModified()
    assert settings.recent_files() == [path.absolute()]

    again = MainWindow(catalogue, settings, autosave=False)
    qtbot.addWidget(again)
    assert again.files.open_path(path)
    c = again.document.commitment("NT1")
    assert c.target == 6 and c.owner == "HR Manager"
    assert c.actions[0].action == "Advertise through the council's jobs board"
    assert c.actions[0].due == dt.date(2027, 5, 31)
    assert again.document.plan.bid.contract_value == 2_500_000
    assert again.workspace.editor.code == "NT1"
    assert again.workspace.editor.target_box.number() == 6


def test_save_without_a_name_asks_for_one_and_adds_the_suffix(
    window, dialogs, file_answers, tmp_path
) -> None:
    window.files.new_plan()
    window.document.update_bid(title='Roads: "North/South"')
    file_answers.append(tmp_path / "roads")
    assert window.files.save()
    assert window.document.path == tmp_path / "roads.svplan"
    assert Path(file_answers.asked[0][1]).name == "Roads North South.svplan"


def test_unsaved_changes_cancel_keeps_the_plan(window, boxes, dialogs) -> None:
    window.files.new_plan()
    modify(window)
    boxes.answer(Btn.Cancel)
    assert not window.files.new_plan()
    assert boxes.last.text == "Do you want to save the changes to Untitled plan?"
    assert window.document.is_committed("NT1")
    assert window.document.is_modified()


def test_unsaved_changes_discard_goes_ahead(window, boxes, dialogs) -> None:
    window.files.new_plan()
    modify(window)
    boxes.answer(Btn.Discard)
    assert window.files.new_plan()
    assert not window.document.is_committed("NT1")
    assert not window.document.is_modified()


def test_unsaved_changes_save_saves_first(window, boxes, dialogs, file_answers, tmp_path) -> None:
    window.files.new_plan()
    modify(window)
    boxes.answer(Btn.Save)
    file_answers.append(tmp_path / "kept.svplan")
    assert window.files.close_plan()
    assert load_plan(tmp_path / "kept.svplan").plan.codes == ["NT1"]
    assert window.pages.currentWidget() is window.start_page


def test_closing_the_window_asks_and_can_be_cancelled(qtbot, window, boxes, dialogs) -> None:
    window.files.new_plan()
    modify(window)
    boxes.answer(Btn.Cancel)
    assert not window.close()
    assert window.isVisible()
    boxes.answer(Btn.Discard)
    assert window.close()


def test_no_prompt_without_changes(window, boxes, dialogs) -> None:
    window.files.new_plan()
    assert window.files.new_plan()
    assert boxes.shown == []


def test_open_a_broken_file_shows_one_sentence(window, boxes, file_answers, tmp_path) -> None:
    broken = tmp_path / "broken.svplan"
    broken.write_text("svplan: 1\ncommitments:\n  - measure: NT1\n    target: lots\n", "utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(broken)
    file_answers.append(broken)
    window.menus.open_action.trigger()
    shown = boxes.last
    assert shown.title == "Could not open the plan — Social Value Plan Builder"
    assert shown.text == info.value.message
    assert "broken.svplan" in shown.text
    assert window.pages.currentWidget() is window.start_page


def test_open_a_file_that_is_not_a_plan(window, boxes, tmp_path) -> None:
    other = tmp_path / "notes.svplan"
    other.write_text("hello: world\n", "utf-8")
    assert not window.files.open_path(other)
    assert boxes.last.text == "notes.svplan is not a plan file: it has no 'svplan:' format line."


def test_open_with_warnings_is_not_blocking(qtbot, window, boxes, tmp_path) -> None:
    plan = Plan(catalogue="mini-toms", commitments=[Commitment(measure="NT99")])
    path = tmp_path / "odd.svplan"
    save_plan(plan, path)
    assert window.files.open_path(path)
    assert boxes.shown == []  # nothing modal
    box = window.files.notes_box
    assert box is not None and box.isVisible()
    assert "NT99" in box.detailedText()
    assert "1 note" in window.statusBar().currentMessage()
    box.close()


def test_save_failure_keeps_the_plan_and_offers_save_as(
    window, boxes, dialogs, file_answers, tmp_path
) -> None:
    window.files.new_plan()
    modify(window)
    bad = tmp_path / "gone" / "plan.svplan"
    good = tmp_path / "plan.svplan"
    file_answers.extend([bad, good])
    boxes.answer("Save As…")
    assert window.files.save()
    failure = boxes.shown[0]
    assert failure.title == "Could not save — Social Value Plan Builder"
    assert failure.text == f"Could not save plan.svplan: the folder {bad.parent} does not exist."
    assert "still open" in failure.informative
    assert "Save As…" in [b.replace("&", "") for b in failure.buttons]
    assert window.document.path == good and not window.document.is_modified()


def test_save_failure_cancelled_stays_modified(window, boxes, dialogs, file_answers, tmp_path):
    window.files.new_plan()
    modify(window)
    file_answers.append(tmp_path / "gone" / "plan.svplan")
    boxes.answer(Btn.Cancel)
    assert not window.files.save()
    assert window.document.is_modified() and window.isWindowModified()
    assert window.document.is_committed("NT1")


def test_save_where_a_folder_is_in_the_way(window, boxes, dialogs, file_answers, tmp_path):
    window.files.new_plan()
    modify(window)
    (tmp_path / "plan.svplan").mkdir()
    file_answers.append(tmp_path / "plan.svplan")
    boxes.answer(Btn.Cancel)
    assert not window.files.save()
    assert boxes.last.text == "Could not save plan.svplan: a folder of that name is in the way."
    assert window.document.is_modified()


def test_export_through_the_menu(
    monkeypatch, window, boxes, dialogs, file_answers, opened, settings, tmp_path
) -> None:
    import svplan.export

    calls = []

    def fake_export(plan, catalogue, out_path, template=None, **options):
        calls.append((plan, catalogue, Path(out_path)))
        Path(out_path).write_bytes(b"docx")
        return Path(out_path)

    monkeypatch.setattr(svplan.export, "export_plan", fake_export)
    window.files.new_plan()
    modify(window)
    file_answers.append(tmp_path / "plan")
    boxes.answer("Export Anyway", "Open Document")  # the new plan has problems: asked first
    window.menus.export_action.trigger()
    assert calls and calls[0][2] == tmp_path / "plan.docx"
    assert calls[0][0] is window.document.plan
    assert boxes.last.text == "Saved plan.docx."
    assert "problem" in boxes.last.informative  # the plan is not ready yet: say so
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "plan.docx"))]

    def tick_always(box: QMessageBox):
        box.checkBox().setChecked(True)
        return box.button(Btn.Close)

    file_answers.append(tmp_path / "again.docx")
    boxes.answer("Export Anyway", tick_always)
    window.exporter.export_word()
    assert settings.open_after_export()
    assert window.menus.open_after_export_action.isChecked()
    assert len(opened) == 1

    shown = len(boxes.shown)
    file_answers.append(tmp_path / "third.docx")
    boxes.answer("Export Anyway")
    window.exporter.export_word()
    assert len(boxes.shown) == shown + 1  # the problems question only: opened straight away
    assert opened[-1] == QUrl.fromLocalFile(str(tmp_path / "third.docx"))


def test_export_failure_says_why(monkeypatch, window, boxes, dialogs, file_answers, tmp_path):
    import svplan.export

    def failing(plan, catalogue, out_path, template=None, **options):
        raise ExportError("Could not write plan.docx: it is open in Word.", details="EACCES")

    monkeypatch.setattr(svplan.export, "export_plan", failing)
    window.files.new_plan()
    file_answers.append(tmp_path / "plan.docx")
    boxes.answer("Export Anyway")
    assert window.exporter.export_word() is None
    assert boxes.last.text == "Could not write plan.docx: it is open in Word."
    assert boxes.last.details == "EACCES"
    assert boxes.last.title == "Could not export — Social Value Plan Builder"


def test_real_export(window, boxes, dialogs, file_answers, tmp_path) -> None:
    window.files.new_plan()
    modify(window)
    file_answers.append(tmp_path / "real.docx")
    boxes.answer("Export Anyway", Btn.Close)
    written = window.exporter.export_word()
    assert written == tmp_path / "real.docx", boxes.last.text if boxes.shown else "no box"
    assert boxes.last.text == "Saved real.docx."
    assert written.is_file() and written.stat().st_size > 0


def test_recent_files_menu_and_pruning(window, settings, saved_plan, tmp_path) -> None:
    settings.add_recent_file(tmp_path / "gone.svplan")
    settings.add_recent_file(saved_plan)
    window.menus.fill_recent_menu()
    texts = [a.text() for a in window.menus.recent_menu.actions()]
    assert texts[0] == "&1  saved.svplan"
    assert not any("gone" in t for t in texts)
    window.menus.recent_menu.actions()[0].trigger()
    assert window.document.path == saved_plan


def test_opening_a_recent_file_that_vanished(window, boxes, settings, saved_plan) -> None:
    settings.add_recent_file(saved_plan)
    saved_plan.unlink()
    assert not window.files.open_recent(saved_plan)
    assert "no longer there" in boxes.last.text
    assert settings.recent_files() == []


def test_drop_a_plan_onto_the_window(qtbot, window, saved_plan) -> None:
    drop_file(window, saved_plan)
    qtbot.waitUntil(lambda: window.document.path == saved_plan)
    assert window.document.is_committed("NT3")


def test_other_catalogue_failure_keeps_the_current_one(window, boxes, catalogue, tmp_path):
    bad = tmp_path / "council.yaml"
    bad.write_text("format: 1\ninfo: {id: x}\n", "utf-8")
    assert not window.files.use_catalogue(bad)
    assert boxes.last.title == "Could not use that catalogue — Social Value Plan Builder"
    assert "council.yaml" in boxes.last.text
    assert window.document.catalogue is catalogue


def test_other_catalogue_is_used_and_remembered(window, settings, lancashire) -> None:
    from svplan.core.catalogue import default_catalogue_path

    assert window.files.use_catalogue(default_catalogue_path())
    assert window.document.catalogue.info.id == lancashire.info.id
    assert lancashire.info.title in window.status_parts.catalogue_label.text()
    assert settings.last_catalogue() == default_catalogue_path()


def test_overview_and_undo_take_you_to_the_measure(qtbot, window, dialogs) -> None:
    window.files.new_plan()
    window.document.set_committed("NT1", True)
    window.document.set_committed("NT29", True)
    window.workspace.browser.select_measure("NT1")
    window.menus.undo_action.trigger()
    assert window.workspace.editor.code == "NT29"  # undo shows the measure it changed
    window.workspace.show_view(1)
    assert window.workspace.tabs.currentIndex() == 1 and window.menus.overview_action.isChecked()
    window.workspace.overview.measureActivated.emit("NT1")
    assert window.workspace.tabs.currentIndex() == 0
    assert window.workspace.editor.code == "NT1"


def test_bid_details_dialog_is_one_undo_step(window, dialogs) -> None:
    window.files.new_plan()
    dialogs.handlers.append(fill_bid)
    assert window.files.show_bid_details()
    assert window.document.undo_stack.count() == 1
    window.menus.undo_action.trigger()
    assert window.document.plan.bid.title == ""


def test_sample_plan_opens_as_a_copy(window, boxes) -> None:
    from svplan.ui.main_window import sample_plan_path

    assert sample_plan_path() is not None  # shipped with the app
    assert window.files.open_sample()
    assert window.document.path is None
    assert window.document.plan.commitments
    assert "copy of the sample" in window.statusBar().currentMessage()


def test_layout_is_remembered(qtbot, window, boxes, dialogs, settings, catalogue) -> None:
    window.files.new_plan()  # the workspace (and its splitter) exists once a plan has been shown
    window.resize(1111, 777)
    window.close()
    assert settings.geometry() is not None and settings.splitter_state() is not None
    window.workspace.splitter.setSizes([300, 500, 300])
    saved = window.workspace.splitter.saveState()
    settings.set_splitter_state(saved)
    again = MainWindow(catalogue, settings, autosave=False)
    qtbot.addWidget(again)
    assert again.workspace.splitter.saveState() == saved
    assert again.restoreGeometry(settings.geometry())


def test_workspace_is_built_on_first_use(qtbot, window, dialogs, settings, catalogue) -> None:
    assert not window.has_workspace()  # start-up shows the start page only
    assert "Mini TOMs (2026-11)" in window.status_parts.catalogue_label.text()
    window.files.new_plan()
    assert window.has_workspace() and window.pages.currentWidget() is window.workspace.tabs
    assert window.workspace.editor.code == window.workspace.browser.current_measure()
    assert window.files.close_plan()
    assert window.pages.currentWidget() is window.start_page


def test_closing_without_a_plan_keeps_the_saved_splitter_layout(
    qtbot, window, settings, catalogue
) -> None:
    window.files.new_plan()
    window.workspace.splitter.setSizes([300, 500, 300])
    saved = window.workspace.splitter.saveState()
    settings.set_splitter_state(saved)
    again = MainWindow(catalogue, settings, autosave=False)
    qtbot.addWidget(again)
    again.show()
    again.close()
    assert not again.has_workspace()  # closing from the start page builds nothing
    assert settings.splitter_state() == saved
    assert again.workspace.splitter.saveState() == saved  # restored when the workspace is built


def test_status_bar_shows_readiness_and_catalogue(qtbot, window, dialogs) -> None:
    window.files.new_plan()
    assert "Mini TOMs (2026-11)" in window.status_parts.catalogue_label.text()
    assert window.status_parts.count_label.text() == "0 measures committed"
    modify(window)
    qtbot.waitUntil(lambda: window.status_parts.count_label.text() == "1 measure committed")
    assert "problem" in window.status_parts.readiness_button.text()
    window.status_parts.readiness_button.click()
    assert window.workspace.tabs.currentIndex() == 1


def test_about_and_folders(window, boxes) -> None:
    import svplan

    window.menus.about_action.trigger()
    assert svplan.__version__ in boxes.last.text
    assert "Mini TOMs" in boxes.last.informative and "2026-11" in boxes.last.informative
    window.show_folders()
    assert "Log" in boxes.last.informative and "Autosaved" in boxes.last.informative


def test_save_stores_a_cell_still_being_typed(qtbot, window, dialogs, file_answers, tmp_path):
    from PySide6.QtWidgets import QApplication

    window.files.new_plan()
    modify(window)
    window.workspace.browser.select_measure("NT1")
    window.activateWindow()
    window.workspace.editor.actions.add_row()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClicks(QApplication.focusWidget(), "Half-typed action")
    file_answers.append(tmp_path / "p.svplan")
    assert window.files.save()
    assert load_plan(tmp_path / "p.svplan").plan.commitments[0].actions[0].action == (
        "Half-typed action"
    )


def test_undo_and_redo_say_what_they_did(window, dialogs) -> None:
    window.files.new_plan()
    window.document.set_committed("NT1", True)
    window.document.set_committed("NT3", True)
    window.menus.undo_action.trigger()
    assert window.statusBar().currentMessage() == "Undone: Commit to NT3"
    window.menus.redo_action.trigger()
    assert window.statusBar().currentMessage() == "Redone: Commit to NT3"
    window.menus.undo_action.trigger()
    window.statusBar().clearMessage()
    window.document.set_committed("NT29", True)  # a new edit replacing the undone one
    assert window.statusBar().currentMessage() == ""


def test_the_first_window_fills_a_laptop_screen_and_nine_tenths_of_a_larger_one() -> None:
    from svplan.ui.main_window import first_size

    assert first_size(1366, 728) == (1229, 655, True)  # 1366x768 less the taskbar: maximised
    assert first_size(1280, 760) == (1152, 684, True)
    assert first_size(1920, 1040) == (1440, 900, False)  # a desktop: 1440x900, not maximised
    assert first_size(1000, 700) == (900, 630, False)  # too small to need all of it


def test_the_start_page_shows_the_hand_over_its_lists_once_the_app_is_ready(
    qtbot, settings
) -> None:
    from PySide6.QtCore import Qt

    from svplan.core.catalogue import load_default_catalogue
    from svplan.ui.main_window import MainWindow

    window = MainWindow(None, settings, autosave=False)
    qtbot.addWidget(window)
    assert window.start_page.recent.cursor().shape() == Qt.CursorShape.ArrowCursor
    window.finish_start(load_default_catalogue())
    for view in (window.start_page.recent, window.start_page.recovered):
        assert view.cursor().shape() == Qt.CursorShape.PointingHandCursor
