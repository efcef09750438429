"""PartEditor: one editor of each kind per document, and each change one undo step."""

from __future__ import annotations

from svplan.ui.answer_editor import AnswerEditor
from svplan.ui.money import MoneyEditor
from svplan.ui.plan_document import PlanDocument
from svplan.ui.plan_editor import PlanEditor


def test_each_document_has_one_editor_of_each_kind(document, catalogue):
    answer, parts, money = (kind.of(document) for kind in (AnswerEditor, PlanEditor, MoneyEditor))
    assert AnswerEditor.of(document) is answer
    assert PlanEditor.of(document) is parts
    assert MoneyEditor.of(document) is money
    assert len({id(answer), id(parts), id(money)}) == 3
    assert answer.parent() is document  # lives as long as the document
    assert AnswerEditor.of(PlanDocument(catalogue)) is not answer


def test_typing_in_a_part_is_one_undo_step_and_undo_restores_it(document):
    editor = PlanEditor.of(document)
    before = document.plan.governance.cadence
    editor.set_governance("cadence", "Monthly")
    editor.set_governance("cadence", "Monthly meetings")  # the same field typed on: merged
    assert document.plan.governance.cadence == "Monthly meetings"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.plan.governance.cadence == before
    document.undo_stack.redo()
    assert document.plan.governance.cadence == "Monthly meetings"
