"""The tender features through the real window: the Answer tab, Portal entries, the entry sheet,
a new plan from a past bid with its 'check this' markers, and partner introduction emails."""

from __future__ import annotations

import hashlib
import shutil

import openpyxl
import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from svplan.core.plan import Engagement
from svplan.core.wordcount import count
from tests.conftest import SAMPLE_PLAN


@pytest.fixture
def catalogue(lancashire):
    return lancashire  # the sample plan is a Lancashire plan


@pytest.fixture
def sample_window(window, tmp_path):
    plan = tmp_path / "sample.svplan"
    shutil.copy(SAMPLE_PLAN, plan)
    assert window.files.open_path(plan)
    return window


def answer_view(window, qtbot):
    window.workspace.show_view("answer")
    view = window.workspace.view("answer")
    qtbot.waitUntil(view.isVisible)
    view.refresh()
    return view


def test_word_limit_fits_and_is_undoable(sample_window, qtbot):
    view = answer_view(sample_window, qtbot)
    full = count(view.current_text()).words
    assert full > 750
    view.words_box.setValue(750)
    qtbot.waitUntil(lambda: count(view.current_text()).words <= 750)
    assert count(view.current_text()).words >= 450
    assert sample_window.document.plan.answer.words == 750
    assert "limit 750 words" in view.count_label.text()
    assert "shortened to fit" in view.note_label.text()
    sample_window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: count(view.current_text()).words == full)
    assert view.words_box.value() == 0


def test_edits_are_kept_and_never_overwritten_without_asking(sample_window, qtbot, boxes):
    view = answer_view(sample_window, qtbot)
    doc = sample_window.document
    qtbot.keyClicks(view.text_edit, "Our own opening. ")
    answer = doc.plan.answer
    assert answer.edited and answer.text.startswith("Our own opening. ")
    view.words_box.setValue(100)  # a limit does not rewrite the bidder's text…
    view.refresh()
    assert view.current_text().startswith("Our own opening. ")
    assert "over the limit" in view.count_label.text()  # …it says it is over
    boxes.answer("Keep my edits")
    assert not view.compose_again()
    assert doc.plan.answer.text.startswith("Our own opening. ")
    boxes.answer("Replace my edits")
    assert view.compose_again()
    assert not doc.plan.answer.edited
    assert count(view.current_text()).words <= 100
    doc.undo_stack.undo()  # the edits come back
    view.refresh()
    assert view.current_text().startswith("Our own opening. ")


def test_copy_puts_plain_and_rich_text_on_the_clipboard(sample_window, qtbot):
    view = answer_view(sample_window, qtbot)
    view.copy_answer()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == view.current_text()
    assert "<h3>Jobs: Promote local skills and employment</h3>" in mime.html()
    assert "<p>NT1: We will employ 6 local people" in mime.html()


def test_copy_for_the_portal(sample_window, qtbot):
    view = answer_view(sample_window, qtbot)
    view.measure_combo.setCurrentIndex(view.measure_combo.findData("NT10"))
    view.copy_for_portal()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Measure: NT10 Weeks of apprenticeships or T-Levels\nUnit: weeks")
    assert "Year 2 (Apr 2028 – Mar 2029): 208" in text and "Total: 520" in text
    view.portal_box.setValue(200)
    assert sample_window.document.plan.answer.portal_chars == 200

    def description() -> str:
        return view.entry_view.toPlainText().split("Description: ", 1)[1]

    qtbot.waitUntil(lambda: count(description()).length <= 200)
    assert description().startswith("We will provide 520 weeks")


def test_export_entry_sheet_from_the_file_menu(sample_window, tmp_path, file_answers):
    out = tmp_path / "entry.xlsx"
    file_answers.append(str(out))
    assert sample_window.tender.export_entry_sheet() == out
    ws = openpyxl.load_workbook(out)["Portal entry"]
    assert ws["A2"].value == "NT1" and ws["D1"].value == "Year 1 (Apr 2027 – Mar 2028)"
    texts = [a.text() for a in sample_window.menus.menu("file").actions()]
    assert "Export &Entry Sheet…" in texts and "New Plan from a &Past Bid…" in texts


def fill_new_contract(value="£3m", months="36", start="1/4/2028"):
    def handler(dialog: QDialog) -> int:
        dialog.title_edit.setText("Street lighting")
        dialog.value_edit.setText(value)
        dialog.months_edit.setText(months)
        dialog.start_edit.setText(start)
        dialog.accept()
        return dialog.result()

    return handler


def test_new_plan_from_a_past_bid_marks_scaled_figures_until_confirmed(
    window, qtbot, tmp_path, file_answers, dialogs, boxes
):
    old = tmp_path / "old.svplan"
    shutil.copy(SAMPLE_PLAN, old)
    digest = hashlib.sha256(old.read_bytes()).hexdigest()
    file_answers.append(str(old))
    dialogs.handlers.append(fill_new_contract())
    assert window.tender.new_from_past_bid()
    doc = window.document
    assert doc.path is None and doc.is_modified()
    assert doc.plan.bid.title == "Street lighting" and doc.plan.bid.contract_value == 3_000_000
    assert doc.commitment("NT1").target == 21.6 and doc.commitment("NT1").review
    assert boxes.last.text == "Copied 10 commitments from old.svplan."
    assert "Targets scaled by 1.2" in boxes.last.informative
    assert hashlib.sha256(old.read_bytes()).hexdigest() == digest
    assert any("scaled from a past bid" in f.message for f in doc.findings())
    from svplan.ui.review_marker import ReviewMarker

    marker = ReviewMarker(doc)
    marker.show_measure("NT1")
    assert not marker.isHidden() and "target and yearly figures" in marker.label.text()
    marker.confirm()
    assert doc.commitment("NT1").review == [] and marker.isHidden()
    doc.undo_stack.undo()
    assert doc.commitment("NT1").review == ["target", "yearly"]


def test_an_unreadable_date_keeps_the_dialog_open_and_changes_nothing(
    window, tmp_path, file_answers, dialogs
):
    old = tmp_path / "old.svplan"
    shutil.copy(SAMPLE_PLAN, old)
    file_answers.append(str(old))
    seen = {}

    def handler(dialog):
        fill_new_contract(start="31/02/2028")(dialog)
        seen["error"] = dialog.error.text()
        seen["visible"] = dialog.result() != QDialog.DialogCode.Accepted
        dialog.reject()
        return QDialog.DialogCode.Rejected

    dialogs.handlers.append(handler)
    before = window.document.plan
    assert not window.tender.new_from_past_bid()
    assert "31/02/2028" in seen["error"] and seen["visible"]
    assert window.document.plan == before


def test_email_partners_without_a_mail_program_copies_and_records_contacted(
    sample_window, monkeypatch, boxes
):
    from svplan.ui import partner_mail

    monkeypatch.setattr(partner_mail, "open_link", lambda url: False)  # no mail program
    boxes.answer("OK", "Record as contacted")
    doc = sample_window.document
    assert not partner_mail.email_partners(doc, "NT31", sample_window)
    text = QGuiApplication.clipboard().text()
    assert text.startswith("To: ") and "Subject: Highways maintenance framework" in text
    assert "Example Contractors Ltd is bidding for" in text and "sam.taylor@example.com" in text
    assert boxes.shown[0].title.startswith("Email copied")
    assert "No mail program" in boxes.shown[0].text
    roles = doc.commitment("NT31").roles
    assert roles and all(r.status is Engagement.CONTACTED for r in roles)
    doc.undo_stack.undo()
    assert doc.commitment("NT31").roles == []


def test_the_mail_link_handed_to_the_system_carries_the_body(sample_window, monkeypatch, boxes):
    from svplan.ui import partner_mail
    from svplan.ui.links import safe_url

    opened = []
    monkeypatch.setattr(partner_mail, "open_link", lambda url: opened.append(url) or True)
    boxes.answer("Not now")
    assert partner_mail.email_partners(sample_window.document, "NT31", sample_window)
    url = opened[0]
    assert safe_url(url) is not None  # subject and body are allowed, nothing else
    assert "body=" in url.toString() and "%0D%0A" in url.toString(
        url.ComponentFormattingOption.FullyEncoded
    )
    assert sample_window.document.commitment("NT31").roles == []  # "Not now" records nothing
