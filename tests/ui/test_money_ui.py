"""Proxy values in the window: import with a preview, typed values, the £ in the editor, the
overview and the status bar; bad input is a message box and nothing changes; Undo takes it back.

Every value here is MADE UP FOR TESTS — not real proxy values.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog

from svplan.core.plan import Bid, Commitment, Plan
from svplan.core.planio import save_plan
from svplan.ui.money_feature import MoneyStatus
from svplan.ui.money_views import MoneyLine

MADE_UP = "MADE UP FOR TESTS — not real proxy values"


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    plan = Plan(
        catalogue="mini-toms",
        bid=Bid(contract_value=100_000, start=dt.date(2027, 4, 1), months=24),
        commitments=[
            Commitment(measure="NT1", target=4, yearly=[2, 2], owner="HR"),
            Commitment(measure="NT29", target=100, owner="CLO"),
        ],
    )
    path = tmp_path / "plan.svplan"
    save_plan(plan, path)
    return path


@pytest.fixture
def opened(window, plan_path):
    assert window.files.open_path(plan_path)
    return window


def table(tmp_path: Path, body: str, name: str = "proxies.csv") -> Path:
    path = tmp_path / name
    path.write_text("measure,value,unit,source\n" + body, encoding="utf-8")
    return path


def status_text(window) -> str:
    status = window.statusBar().findChild(MoneyStatus)
    return status.text() if status.isVisible() else ""


def test_import_shows_the_preview_then_the_money_everywhere_and_undo_takes_it_out(
    qtbot, opened, boxes, file_answers, tmp_path
):
    window = opened
    path = table(tmp_path, f"NT1,1000,FTE,{MADE_UP}\nNT3,500,FTE,{MADE_UP}\nNT99,3,,{MADE_UP}\n")
    file_answers.append(path)
    boxes.answer("Import")
    assert window.money.import_table()
    preview = boxes.last
    assert preview.text.startswith(f"proxies.csv: 3 values read (source: {MADE_UP}")
    assert "Not in the catalogue" in preview.informative
    assert "Committed but no value: NT29." in preview.informative
    assert "&Import" in preview.buttons and "Cancel" in preview.buttons
    plan = window.document.plan
    assert plan.proxies.source == MADE_UP and len(plan.proxies.values) == 3
    assert window.document.is_modified()
    # status bar: £4,000 of £100,000 contract = 4.0p per £1
    qtbot.waitUntil(lambda: status_text(window) == "£4k, 4.0p per £1")
    tip = window.statusBar().findChild(MoneyStatus).toolTip()
    assert "Jobs: £4,000" in tip and "NT29: no £ value" in tip
    line = window.workspace.overview.findChild(MoneyLine)
    qtbot.waitUntil(lambda: line.isVisibleTo(window.workspace.overview))
    assert line.text().startswith(
        "Social value at your proxy values: £4,000, 4.0p per £1 of contract value "
        "(1 commitment with no £ value)."
    )
    window.document.undo_stack.undo()
    assert window.document.plan.proxies is None
    qtbot.waitUntil(lambda: status_text(window) == "")


def test_a_bad_table_is_a_message_box_listing_the_rows_and_nothing_changes(
    opened, boxes, file_answers, tmp_path
):
    window = opened
    before = window.document.plan
    steps = window.document.undo_stack.count()
    file_answers.append(table(tmp_path, 'NT1,-5,,x\nNT3,"£1,2,3",,x\nNT29,NaN,,x\n'))
    assert not window.money.import_table()
    shown = boxes.last
    assert shown.title.startswith("Proxy values not imported")
    assert "3 rows cannot be used" in shown.text and "row 2 (NT1)" in shown.text
    rows = shown.informative.splitlines()
    assert [r.split(":")[0] for r in rows] == ["• Row 2 (NT1)", "• Row 3 (NT3)", "• Row 4 (NT29)"]
    assert "row 4 (NT29)" in shown.details
    assert window.document.plan is before and window.document.undo_stack.count() == steps


def test_a_50_mb_file_is_refused_in_a_box(opened, boxes, file_answers, tmp_path):
    big = tmp_path / "big.xlsx"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    file_answers.append(big)
    assert not opened.money.import_table()
    assert "big.xlsx is 50.0 MB" in boxes.last.text
    assert opened.document.plan.proxies is None


def test_cancel_at_the_preview_changes_nothing(opened, boxes, file_answers, tmp_path):
    file_answers.append(table(tmp_path, "NT1,1000,,x\n"))
    boxes.answer("Cancel")
    assert not opened.money.import_table()
    assert opened.document.plan.proxies is None and not opened.document.is_modified()


def test_a_table_without_a_source_asks_for_one(opened, boxes, dialogs, file_answers, tmp_path):
    path = tmp_path / "nosource.csv"
    path.write_text("measure,value\nNT1,1000\n", encoding="utf-8")

    def name_it(dialog: QDialog) -> int:
        assert isinstance(dialog, QInputDialog)
        assert "nosource.csv does not say where its values come from" in dialog.labelText()
        dialog.setTextValue("Made-up calculator")
        return QDialog.DialogCode.Accepted

    file_answers.append(path)
    boxes.answer("Import")
    dialogs.handlers.append(name_it)
    assert opened.money.import_table()
    assert opened.document.plan.proxies.source == "Made-up calculator"
    file_answers.append(path)
    boxes.answer("Import")  # then the source question is cancelled: nothing changes
    opened.document.undo_stack.undo()
    assert not opened.money.import_table()
    assert opened.document.plan.proxies is None


def test_typing_a_value_in_the_editor_shows_the_money_of_the_commitment(qtbot, opened, boxes):
    window = opened
    window.workspace.go_to_measure("NT1")
    panel = window.workspace.editor.money_panel
    assert panel.isVisibleTo(window.workspace.editor)
    assert "optional: £ per FTE" in panel.unit_label.text()
    assert not panel.result_label.isVisibleTo(panel)
    panel.value_edit.setText("£1,250")
    panel.value_edit.editingFinished.emit()
    value = window.document.plan.proxies.values[0]
    assert (value.measure, value.value) == ("NT1", Decimal("1250"))
    qtbot.waitUntil(lambda: panel.result_label.isVisibleTo(panel))
    assert panel.result_label.text().startswith(
        "Social value: Year\u00a01 £2,500 · Year\u00a02 £2,500 · Total £5,000"
    )
    assert "4 FTE × £1,250 per FTE" in panel.result_label.text()
    assert panel.source_edit.isVisibleTo(panel)  # the source can be named now
    panel.source_edit.setText(MADE_UP)
    panel.source_edit.editingFinished.emit()
    assert window.document.plan.proxies.source == MADE_UP
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert window.document.plan.proxies is None


def test_a_value_that_is_not_money_is_a_box_and_nothing_changes(opened, boxes):
    opened.workspace.go_to_measure("NT1")
    panel = opened.workspace.editor.money_panel
    steps = opened.document.undo_stack.count()
    panel.value_edit.setText("£1,2,3")
    panel.value_edit.editingFinished.emit()
    assert "The proxy value was not changed" in boxes.last.text and "'£1,2,3'" in boxes.last.text
    assert opened.document.plan.proxies is None
    assert opened.document.undo_stack.count() == steps
    assert panel.value_edit.text() == ""


def test_the_breakdown_box_from_the_status_bar(qtbot, opened, boxes, file_answers, tmp_path):
    file_answers.append(table(tmp_path, f"NT1,1000,,{MADE_UP}\nNT29,10,,{MADE_UP}\n"))
    boxes.answer("Import")
    opened.money.import_table()
    opened.money.show_breakdown()
    shown = boxes.last
    assert shown.text == (
        "Social value at your proxy values: £5,000, 5.0p per £1 of contract value "
        "(proxies, not cash)."
    )
    assert "Jobs: £4,000" in shown.informative and "Social: £1,000" in shown.informative


def test_the_menu_items_are_in_the_file_menu(window):
    texts = [a.text() for a in window.menus.menu("file").actions()]
    assert texts.index("Import &Proxy Values…") < texts.index("Use a &Council's TOMs File…")
    assert not window.money.editor.document.plan.proxies


def test_a_level_measure_in_the_editor_needs_the_per_point_rule(qtbot, lancashire, boxes):
    from svplan.ui.money import MoneyEditor
    from svplan.ui.money_views import MoneyPanel
    from svplan.ui.plan_document import PlanDocument

    document = PlanDocument(lancashire)
    document.update_bid(months=24)
    document.set_committed("NT41", True)
    document.update_commitment("NT41", target=100)
    panel = MoneyPanel(MoneyEditor.of(document))
    qtbot.addWidget(panel)
    panel.show_measure("NT41")
    panel.value_edit.setText("1000")
    panel.value_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: panel.per_level_box.isVisibleTo(panel))
    assert not panel.per_level_box.isChecked()
    assert panel.result_label.text().startswith("No £ value: a level measure")
    assert "tick below" in panel.unit_label.text()
    panel.per_level_box.click()
    qtbot.waitUntil(lambda: "Total £200,000" in panel.result_label.text())
    assert document.plan.proxies.values[0].per_level
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.result_label.text().startswith("No £ value"))
