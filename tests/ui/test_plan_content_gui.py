"""Issue 14 in the window: partner roles in the partners panel, the delivery approach with the
catalogue's suggestions to adopt, baseline and additionality, the Plan tab (governance, reporting
calendar, plan-wide risks, suggested starting text) and the contact-details choices; every change
through undo, and what the window shows is what exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from svplan.core.plan import Action, Commitment, Engagement, Person, Plan, Rating, Reporting
from svplan.core.planio import save_plan
from tests.export.plans import bid


@pytest.fixture
def opened(window, tmp_path: Path):
    plan = Plan(
        catalogue="mini-toms",
        bid=bid(months=24),
        lead=Person(name="Sam Taylor", email="sam@acme.example", phone="01772 000000"),
        commitments=[
            Commitment(measure="NT1", target=4, yearly=[2, 2], owner="HR"),
            Commitment(
                measure="NT29",
                target=100,
                owner="CLO",
                reporting="quarterly",
                actions=[Action(action="Agree projects", due=dt.date(2027, 6, 30))],
            ),
        ],
    )
    path = tmp_path / "plan.svplan"
    save_plan(plan, path)
    assert window.files.open_path(path)
    return window


def text_of(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def show(window, code: str) -> None:
    window.workspace.go_to_measure(code)
    assert window.workspace.editor.code == code


def test_a_new_commitment_shows_quarterly_reporting_and_not_set_is_a_finding(opened):
    doc = opened.document
    assert not [f for f in doc.findings() if f.severity == "problem"]  # exports without a box
    assert doc.commitment("NT1").reporting is None  # an older plan: "Not set"
    assert any(f.message == "reporting frequency is not set" for f in doc.findings())
    show(opened, "NT1")
    assert opened.workspace.editor.reporting_combo.currentText() == "Not set"
    doc.set_committed("NT3", True)
    assert doc.commitment("NT3").reporting is Reporting.QUARTERLY
    show(opened, "NT3")
    assert opened.workspace.editor.reporting_combo.currentText() == "Quarterly"


def test_partner_status_is_one_click_with_a_date_and_a_role_and_undo_takes_it_back(qtbot, opened):
    doc = opened.document
    show(opened, "NT1")
    card = next(c for c in opened.workspace.partners.cards if c.partner is not None)
    roles = card.role_editor
    assert roles.isEnabled()
    qtbot.mouseClick(roles.buttons[Engagement.AGREED], Qt.MouseButton.LeftButton)
    role = doc.commitment("NT1").roles[0]
    assert (role.partner, role.status, role.date) == (
        "helpful-org",
        Engagement.AGREED,
        dt.date.today(),
    )
    assert roles.date.value() == dt.date.today()  # the date is shown, and can be changed
    roles.role.setFocus()
    QTest.keyClicks(roles.role, "Refers candidates")
    roles.role.editingFinished.emit()
    assert doc.commitment("NT1").roles[0].role == "Refers candidates"
    doc.undo_stack.undo()  # the typing, in one step
    assert doc.commitment("NT1").roles[0].role == ""
    assert roles.role.text() == ""
    doc.undo_stack.undo()  # the status click
    assert doc.commitment("NT1").roles == []
    assert roles.status() is None
    qtbot.mouseClick(roles.buttons[Engagement.CONTACTED], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(roles.buttons[Engagement.CONTACTED], Qt.MouseButton.LeftButton)  # clears
    assert doc.commitment("NT1").roles[0].status is None
    doc.set_partner_included("NT1", "helpful-org", False)
    assert not roles.isEnabled()


def test_a_suggestion_is_inserted_visibly_and_only_then_exported(
    qtbot, opened, file_answers, tmp_path
):
    doc = opened.document
    show(opened, "NT29")
    content = opened.workspace.editor.content
    assert content.suggestions.isVisibleTo(opened) and len(content.insert_buttons) == 1
    out = tmp_path / "before.docx"
    file_answers.append(out)
    opened.exporter.export_word()
    assert "Work with a local volunteering centre" not in text_of(out)
    qtbot.mouseClick(content.insert_buttons[0], Qt.MouseButton.LeftButton)
    assert content.approach.text() == "Work with a local volunteering centre"
    assert doc.commitment("NT29").approach == "Work with a local volunteering centre"
    assert not content.insert_buttons[0].isEnabled()
    content.approach.setFocus()
    content.approach.moveCursor(content.approach.textCursor().MoveOperation.End)
    QTest.keyClicks(content.approach, " in Preston and Chorley.")
    out = tmp_path / "after.docx"
    file_answers.append(out)
    opened.exporter.export_word()
    text = text_of(out)
    assert "Delivery approach" in text
    assert "Work with a local volunteering centre in Preston and Chorley." in text
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.commitment("NT29").approach == ""


def test_baseline_and_additionality_are_edited_and_undone(opened):
    doc = opened.document
    show(opened, "NT1")
    content = opened.workspace.editor.content
    content.baseline.setFocus()
    QTest.keyClicks(content.baseline, "2 local FTE in 2026")
    content.additionality.setFocus()
    QTest.keyClicks(content.additionality, "Not our policy today")
    c = doc.commitment("NT1")
    assert (c.baseline, c.additionality) == ("2 local FTE in 2026", "Not our policy today")
    doc.undo_stack.undo()
    assert doc.commitment("NT1").additionality == ""
    assert doc.commitment("NT1").baseline == "2 local FTE in 2026"


def test_the_plan_tab_edits_governance_reporting_and_risks_with_suggested_text(qtbot, opened):
    from svplan.core.governance_text import suggested_governance

    doc = opened.document
    opened.workspace.show_view("plan")
    view = opened.workspace.view("plan")
    assert "first for Y1Q1 due by 31 Jul 2027" in view.calendar_label.text()
    assert view.boxes["cadence"].text() == ""  # nothing is filled in silently
    qtbot.mouseClick(view.suggest_buttons["cadence"], Qt.MouseButton.LeftButton)
    expected = suggested_governance(doc.plan)["cadence"]
    assert doc.plan.governance.cadence == expected
    assert view.boxes["cadence"].text() == expected  # visible, in the field, to edit
    assert not view.suggest_buttons["cadence"].isEnabled()
    view.lines["sponsor.name"].setFocus()
    QTest.keyClicks(view.lines["sponsor.name"], "Alex Morgan")
    assert doc.plan.governance.sponsor.name == "Alex Morgan"
    qtbot.mouseClick(view.suggest_buttons["data_owner"], Qt.MouseButton.LeftButton)
    assert doc.plan.reporting.data_owner == "Sam Taylor"
    qtbot.mouseClick(view.suggest_risks, Qt.MouseButton.LeftButton)
    assert len(doc.plan.risks) == 3 and doc.plan.risks[0].likelihood is Rating.MEDIUM
    assert view.risks_model.rowCount() == 3
    doc.undo_stack.undo()  # the risks
    assert doc.plan.risks == [] and view.risks_model.rowCount() == 0
    doc.undo_stack.undo()  # the data owner
    doc.undo_stack.undo()  # the sponsor's name, typed in one step
    assert doc.plan.governance.sponsor.name == "" and view.lines["sponsor.name"].text() == ""
    doc.undo_stack.undo()  # the suggested text
    assert doc.plan.governance.cadence == "" and view.boxes["cadence"].text() == ""


def test_contact_details_setting_and_the_export_without_them(qtbot, opened, file_answers, tmp_path):
    doc = opened.document
    doc.update_lead(name="Sam Taylor")
    out = tmp_path / "with.docx"
    file_answers.append(out)
    opened.exporter.export_word()
    assert "sam@acme.example" in text_of(out)
    out = tmp_path / "without.docx"
    file_answers.append(out)
    action = next(
        a
        for a in opened.menus.menu("file").actions()
        if a.text() == "Export Word Plan Without &Contact Details…"
    )
    action.trigger()
    assert "sam@acme.example" not in text_of(out) and "01772 000000" not in text_of(out)
    assert doc.plan.options.contact_details  # the setting is unchanged by the one-off export
    opened.workspace.show_view("plan")
    view = opened.workspace.view("plan")
    view.contact_box.click()  # (scrolled out of sight: a click on the box itself)
    assert not doc.plan.options.contact_details
    out = tmp_path / "setting.docx"
    file_answers.append(out)
    opened.exporter.export_word()
    assert "sam@acme.example" not in text_of(out)
    doc.undo_stack.undo()
    assert doc.plan.options.contact_details and view.contact_box.isChecked()
