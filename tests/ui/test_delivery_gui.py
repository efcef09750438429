"""The Delivery tab through the real window: award, type a quarter like a spreadsheet, undo,
bad values, notes and the postcode warning, import with its preview, variations, recovery
actions, the quarterly report, the overview, and the crash recovery of a half-typed quarter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog

from svplan.core.delivery import award
from svplan.core.plan import Plan
from svplan.core.planio import load_plan, save_plan
from svplan.core.recovery import list_recoveries, load_recovery
from tests.ui.test_crash_recovery_gui import lose_focus, make_window  # noqa: F401 (fixture)

D = dt.date


def _plan(awarded: bool = True) -> Plan:
    plan = Plan(
        catalogue="mini-toms",
        bid={"title": "Schools estate", "start": D(2027, 6, 1), "months": 24},
        commitments=[
            {"measure": "NT1", "target": 8, "yearly": [4, 4], "owner": "HR"},
            {"measure": "NT29", "target": 400, "owner": "CLO"},
        ],
    )
    return award(plan, D(2027, 5, 1)) if awarded else plan


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "contract.svplan"
    save_plan(_plan(), path)
    return path


def open_delivery(window, path: Path):
    assert window.files.open_path(path)
    window.workspace.show_view("delivery")
    return window.workspace.view("delivery")


def type_cell(qtbot, view, code: str, key: str, text: str, *, enter: bool = True) -> None:
    """Go to a cell and type into it, as a user does (the first key opens the editor)."""
    view.select(code, key)
    view.table.setFocus()
    qtbot.keyClick(view.table, text[0])
    editor = QApplication.focusWidget()
    assert editor is not view.table, "typing did not open the cell for editing"
    qtbot.keyClicks(editor, text[1:])
    if enter:
        qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt stores the cell just after the key
        qtbot.waitUntil(lambda: view.table.state() != QAbstractItemView.State.EditingState)


def actuals(window) -> dict[tuple[str, str], float]:
    return {(a.measure, a.quarter): a.actual for a in window.document.plan.delivery.actuals}


# Award ------------------------------------------------------------------------------------------


def test_mark_as_awarded_keeps_the_baseline_and_undoes(window, dialogs, tmp_path):
    path = tmp_path / "bid.svplan"
    save_plan(_plan(awarded=False), path)
    view = open_delivery(window, path)
    assert "not marked as awarded" in view.headline.text()
    assert not view.import_button.isEnabled()

    def answer(dialog):
        dialog.date.set_value(D(2027, 5, 1))
        return QDialog.DialogCode.Accepted

    dialogs.handlers.append(answer)
    assert window.delivery.award()
    delivery = window.document.plan.delivery
    assert delivery.awarded == D(2027, 5, 1)
    assert [(b.measure, b.target) for b in delivery.baseline] == [("NT1", 8), ("NT29", 400)]
    assert "Awarded 1 May 2027" in view.headline.text()
    assert view.model.flags(view.model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    window.document.undo_stack.undo()
    assert window.document.plan.delivery.awarded is None
    assert not view.model.flags(view.model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable


# The grid ---------------------------------------------------------------------------------------


def test_quarter_headers_show_their_dates(window, plan_file):
    view = open_delivery(window, plan_file)
    model = view.model
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]
    assert headers[1] == "Y1Q1\n1 Jun – 31 Aug 2027"
    assert headers[-1] == "Y2Q4\n1 Mar – 31 May 2029"


def test_typing_a_quarter_like_a_spreadsheet_and_undoing_it(qtbot, window, plan_file):
    view = open_delivery(window, plan_file)
    stack = window.document.undo_stack
    type_cell(qtbot, view, "NT1", "Y1Q1", "1.5")
    # Enter stored it and moved down, as in a spreadsheet: type the next one straight away
    assert view.model.code_at(view.table.currentIndex().row()) == "NT29"
    qtbot.keyClick(view.table, "6")
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.table.state() != QAbstractItemView.State.EditingState)
    assert actuals(window) == {("NT1", "Y1Q1"): 1.5, ("NT29", "Y1Q1"): 60}
    assert window.document.is_modified()
    assert view.model.index(0, 1).data() == "1.5 FTE"
    assert view.model.status_of("NT1").label == "Good"  # 1.5 of 1 FTE due
    assert view.model.status_of("NT29").label == "Good"  # 60 of 50 hours due

    stack.undo()
    assert actuals(window) == {("NT1", "Y1Q1"): 1.5}
    stack.undo()
    assert actuals(window) == {}
    assert view.model.index(0, 1).data() == ""
    stack.redo()
    assert actuals(window) == {("NT1", "Y1Q1"): 1.5}


def test_a_bad_actual_is_a_message_box_and_nothing_changes(qtbot, window, boxes, plan_file):
    view = open_delivery(window, plan_file)
    count = window.document.undo_stack.count()
    type_cell(qtbot, view, "NT1", "Y1Q2", "-3")
    qtbot.waitUntil(lambda: bool(boxes.shown))
    assert "'-3' is negative" in boxes.last.text
    assert actuals(window) == {}
    assert window.document.undo_stack.count() == count
    type_cell(qtbot, view, "NT29", "Y1Q2", "lots")
    qtbot.waitUntil(lambda: len(boxes.shown) == 2)
    assert "is not a number" in boxes.last.text
    assert actuals(window) == {}


def test_delete_clears_the_selected_cells_in_one_step(qtbot, window, plan_file):
    view = open_delivery(window, plan_file)
    type_cell(qtbot, view, "NT1", "Y1Q1", "1")
    type_cell(qtbot, view, "NT1", "Y1Q2", "2")
    view.select("NT1", "Y1Q1")
    view.table.selectionModel().select(
        view.model.index(0, 2), view.table.selectionModel().SelectionFlag.Select
    )
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert actuals(window) == {}
    window.document.undo_stack.undo()
    assert actuals(window) == {("NT1", "Y1Q1"): 1, ("NT1", "Y1Q2"): 2}


def test_a_note_is_one_undo_step_and_a_full_postcode_is_warned_about(qtbot, window, plan_file):
    view = open_delivery(window, plan_file)
    assert not view.cell.note.isEnabled()  # no actual yet: the note goes with one
    type_cell(qtbot, view, "NT1", "Y1Q1", "1")
    view.select("NT1", "Y1Q1")
    assert view.cell.note.isEnabled()
    before = window.document.undo_stack.index()
    view.cell.note.setFocus()
    qtbot.keyClicks(view.cell.note, "Site operative from PR1 2HE")
    assert window.document.plan.delivery.actuals[0].note == "Site operative from PR1 2HE"
    assert window.document.undo_stack.index() == before + 1  # typing merged into one step
    assert view.cell.warning.isVisible()
    assert (
        "'PR1 2HE' in the note" in view.cell.warning.text() and "(PR1)" in view.cell.warning.text()
    )
    window.document.undo_stack.undo()
    assert window.document.plan.delivery.actuals[0].note == ""


def test_evidence_for_people_asks_only_for_role_date_hours_and_area(qtbot, window, plan_file):
    view = open_delivery(window, plan_file)
    type_cell(qtbot, view, "NT1", "Y1Q1", "1")
    view.select("NT1", "Y1Q1")
    model = view.cell.evidence_model
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, 0) for c in range(model.columnCount())
    ]
    assert headers == ["Role", "Start date", "Hours a week", "Postcode area", "Reference"]
    assert view.cell.people_hint.isVisible()
    view.cell.evidence.add_row()
    model.setData(model.index(0, 0), "Site operative")
    model.setData(model.index(0, 2), "37.5")
    model.setData(model.index(0, 3), "PR1")
    [evidence] = window.document.plan.delivery.actuals[0].evidence
    assert (evidence.what, evidence.hours, evidence.area) == ("Site operative", 37.5, "PR1")
    view.select("NT29", "Y1Q1")
    type_cell(qtbot, view, "NT29", "Y1Q1", "10")
    view.select("NT29", "Y1Q1")
    assert [
        model.headerData(c, Qt.Orientation.Horizontal, 0) for c in range(model.columnCount())
    ] == ["Evidence", "Date", "Reference or file"]


# Import -----------------------------------------------------------------------------------------


def test_an_import_with_bad_rows_lists_them_and_changes_nothing(
    window, boxes, file_answers, plan_file, tmp_path
):
    open_delivery(window, plan_file)
    sheet = tmp_path / "tracker.csv"
    sheet.write_text(
        "measure,quarter,actual\nNT1,Y1Q1,1\nNT99,Y1Q1,1\nNT29,Y5Q1,3\n", encoding="utf-8"
    )
    file_answers.append(sheet)
    count = window.document.undo_stack.count()
    assert not window.delivery.import_actuals()
    shown = boxes.last
    assert shown.title.startswith("Nothing was imported")
    assert "2 rows cannot be imported (rows 3, 4); nothing was changed." in shown.text
    assert "• row 3: 'NT99' is not a measure" in shown.informative
    assert "• row 4: Y5Q1 is outside the contract" in shown.informative
    assert actuals(window) == {} and window.document.undo_stack.count() == count


def test_a_file_that_is_not_a_sheet_is_one_sentence(
    window, boxes, file_answers, plan_file, tmp_path
):
    open_delivery(window, plan_file)
    notes = tmp_path / "notes.txt"
    notes.write_text("measure,quarter,actual\n", encoding="utf-8")
    file_answers.append(notes)
    assert not window.delivery.import_actuals()
    assert "not a CSV or Excel (.xlsx) file" in boxes.last.text
    assert actuals(window) == {}


def test_a_good_import_is_previewed_then_one_undo_step(
    window, boxes, file_answers, plan_file, tmp_path
):
    open_delivery(window, plan_file)
    sheet = tmp_path / "tracker.csv"
    sheet.write_text(
        "measure,quarter,actual,note\nNT1,Y1Q1,1,First starter\nNT29,31/10/2027,55,\n",
        encoding="utf-8",
    )
    file_answers.append(sheet)
    boxes.answer("Import")
    assert window.delivery.import_actuals()
    preview = boxes.last
    assert "2 new, 0 changed" in preview.text
    assert "new      row 3: NT29 Y1Q2 = 55 hours" in preview.informative
    assert actuals(window) == {("NT1", "Y1Q1"): 1, ("NT29", "Y1Q2"): 55}
    window.document.undo_stack.undo()
    assert actuals(window) == {}


# Variations and recovery actions ------------------------------------------------------------------


def test_a_variation_keeps_the_baseline(window, dialogs, plan_file):
    open_delivery(window, plan_file)

    def answer(dialog):
        dialog.measure.setCurrentText("NT1")
        dialog.date.set_value(D(2028, 2, 1))
        dialog.reason.setPlainText("Fewer vacancies after the scope change")
        dialog.target.setText("6")
        dialog.years[0].setText("4")
        dialog.years[1].setText("2")
        return QDialog.DialogCode.Accepted

    dialogs.handlers.append(answer)
    assert window.delivery.vary("NT1")
    plan = window.document.plan
    assert plan.delivery.baseline[0].target == 8
    assert plan.commitment("NT1").target == 6 and plan.commitment("NT1").yearly == [4, 2]
    assert plan.delivery.variations[0].reason == "Fewer vacancies after the scope change"
    window.document.undo_stack.undo()
    assert window.document.plan.commitment("NT1").target == 8
    assert window.document.plan.delivery.variations == []


def test_a_variation_that_does_not_add_up_says_why(window, dialogs, boxes, plan_file):
    open_delivery(window, plan_file)

    def answer(dialog):
        dialog.reason.setPlainText("Scope")
        dialog.target.setText("10")
        return QDialog.DialogCode.Accepted

    dialogs.handlers.append(answer)
    assert not window.delivery.vary("NT1")
    assert "adds up to 8 FTE, not the new target of 10 FTE" in boxes.last.text
    assert window.document.plan.delivery.variations == []


def test_a_recovery_action_answers_a_commitment_behind(qtbot, window, dialogs, plan_file):
    view = open_delivery(window, plan_file)
    type_cell(qtbot, view, "NT29", "Y1Q1", "20")  # 20 of 50 hours: Inadequate
    assert view.model.status_of("NT29").needs_recovery

    def answer(dialog):
        dialog.action.setPlainText("Two team volunteering days")
        dialog.owner.setText("Community Liaison Officer")
        return QDialog.DialogCode.Accepted

    dialogs.handlers.append(answer)
    assert window.delivery.recovery("NT29", "Y1Q1")
    assert not view.model.status_of("NT29").needs_recovery
    assert "Two team volunteering days" in view.commitment.recovery.text()
    assert "recovery action needed" not in view.model.index(1, 0).data()


def test_thresholds_are_changed_per_plan_and_must_go_down(qtbot, window, dialogs, boxes, plan_file):
    view = open_delivery(window, plan_file)
    type_cell(qtbot, view, "NT29", "Y1Q1", "45")  # 90% of 50 hours: Approaching target
    assert view.model.status_of("NT29").label == "Approaching target"

    def lenient(dialog):
        dialog.boxes[0].setValue(90)
        return QDialog.DialogCode.Accepted

    dialogs.handlers.append(lenient)
    assert window.delivery.thresholds()
    assert window.document.plan.delivery.thresholds.good == 0.9
    assert view.model.status_of("NT29").label == "Good"

    def upside_down(dialog):
        dialog.boxes[2].setValue(95)
        return QDialog.DialogCode.Accepted

    dialogs.handlers.append(upside_down)
    assert not window.delivery.thresholds()
    assert "must go down" in boxes.last.text
    assert window.document.plan.delivery.thresholds.good == 0.9
    window.document.undo_stack.undo()
    assert view.model.status_of("NT29").label == "Approaching target"


# Report, overview, chart ------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".csv"])
def test_the_quarterly_report_from_the_file_menu(qtbot, window, file_answers, plan_file, suffix):
    view = open_delivery(window, plan_file)
    type_cell(qtbot, view, "NT1", "Y1Q1", "1")
    out = plan_file.with_name(f"report{suffix}")
    file_answers.append(out)
    assert window.delivery.report() == out
    assert out.is_file() and out.stat().st_size > 300
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        assert load_workbook(out).active["E2"].value == "Y1Q1"


def test_the_report_may_not_overwrite_the_plan(qtbot, window, boxes, file_answers, plan_file):
    view = open_delivery(window, plan_file)
    type_cell(qtbot, view, "NT1", "Y1Q1", "1")
    window.files.save()
    before = plan_file.read_bytes()
    file_answers.append(plan_file.with_suffix(".svplan.docx"))  # a different name is fine...
    assert window.delivery.report() is not None
    link = plan_file.with_name("same.docx")
    link.symlink_to(plan_file)
    file_answers.append(link)  # ...but not the plan itself under another name
    assert window.delivery.report() is None
    assert "overwrite the plan" in boxes.last.text
    assert plan_file.read_bytes() == before


def test_the_overview_shows_every_status_with_the_counts(qtbot, window, plan_file):
    view = open_delivery(window, plan_file)
    type_cell(qtbot, view, "NT1", "Y1Q1", "1")
    type_cell(qtbot, view, "NT29", "Y1Q1", "30")  # 60%: Requires improvement
    overview = window.workspace.overview.delivery
    assert overview.isVisibleTo(window.workspace.overview)
    assert overview.counts.text() == "Delivery at the end of Y1Q1: 1 Good · 1 Requires improvement"
    assert [overview.model.index(r, 3).data() for r in range(2)] == ["Good", "Requires improvement"]
    assert overview.model.index(1, 4).data() == "Needed"


def test_the_chart_shows_cumulative_actual_against_the_profile(qtbot, window, plan_file):
    view = open_delivery(window, plan_file)
    type_cell(qtbot, view, "NT29", "Y1Q1", "40")
    type_cell(qtbot, view, "NT29", "Y1Q2", "50")
    view.select("NT29", "Y1Q2")
    chart = view.commitment.chart
    assert chart.series() == (["Y1Q1", "Y1Q2"], [50, 100], [40, 90])
    assert chart.describe() == (
        "NT29: Actual to date 90 hours against profile to date 100 hours at the end of Y1Q2."
    )
    assert not chart.grab().isNull()


# Crash recovery of a half-typed quarter --------------------------------------------------------


def test_a_half_typed_quarter_survives_a_crash(qtbot, make_window, plan_file):  # noqa: F811
    window = make_window()
    view = open_delivery(window, plan_file)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    type_cell(qtbot, view, "NT1", "Y1Q2", "1.5")
    view.select("NT1", "Y1Q2")
    qtbot.keyClicks(view.cell.note, "Two starters, one more in Dec")
    type_cell(qtbot, view, "NT29", "Y1Q2", "45", enter=False)  # still typing in the cell

    lose_focus(qtbot, window)  # the user switches to the email program; then the laptop dies

    assert actuals(window) == {("NT1", "Y1Q2"): 1.5, ("NT29", "Y1Q2"): 45}
    [found] = list_recoveries(include_live=True)
    recovered = load_recovery(found)
    got = {(a.measure, a.quarter): (a.actual, a.note) for a in recovered.delivery.actuals}
    assert got == {
        ("NT1", "Y1Q2"): (1.5, "Two starters, one more in Dec"),
        ("NT29", "Y1Q2"): (45, ""),
    }
    assert recovered.delivery.awarded == D(2027, 5, 1)
    # the file on disk was not touched; the next window opens the copy with the grid filled in
    assert load_plan(plan_file).plan.delivery.actuals == []
    again = make_window()
    assert again.files.recover(found)
    grid = again.workspace.view("delivery").model
    assert grid.index(grid.row_of("NT29"), grid.column_of("Y1Q2")).data() == "45 hours"
    assert again.document.is_modified()
