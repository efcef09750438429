"""The tender answer's undo path: the only way the window changes Plan.answer.

`AnswerEditor.of(document)` is the one per document. The bidder's typing becomes the plan's
answer text (edited=True), merged into one undo step while they type; the limits are undoable
too; `discard_edits` (after the user agreed) goes back to the composed answer, and Undo brings
the edited text back. Nothing here composes or decides: core.answer does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal

from svplan.core.plan import Answer
from svplan.ui.part_editor import PartEditor
from svplan.ui.undo import Change

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument

ANSWER_EDIT_ID = 1601


class AnswerEditor(PartEditor):
    """Changes to the answer, each an undo step; `changed` after every one (and undo/redo)."""

    changed = Signal()
    merge_id = ANSWER_EDIT_ID

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        document.planReset.connect(self.changed)

    @property
    def answer(self) -> Answer:
        return self.plan.answer

    def set_text(self, text: str) -> None:
        """The bidder typed: their text becomes the answer (one undo step per burst)."""
        old = self.answer
        if old.edited and old.text == text:
            return
        self._push(old.model_copy(update={"text": text, "edited": True}), "Edit answer", "text")

    def set_limits(self, words: int | None, chars: int | None) -> None:
        old = self.answer
        if (old.words, old.chars) == (words, chars):
            return
        self._push(old.model_copy(update={"words": words, "chars": chars}), "Answer limits")

    def set_portal_chars(self, chars: int | None) -> None:
        old = self.answer
        if old.portal_chars != chars:
            self._push(old.model_copy(update={"portal_chars": chars}), "Portal text limit")

    def discard_edits(self) -> None:
        """Back to the composed answer (the user was asked first; Undo restores their text)."""
        old = self.answer
        if old.edited or old.text:
            self._push(old.model_copy(update={"text": "", "edited": False}), "Compose answer")

    def apply_answer(self, answer: Answer) -> None:
        """Put an answer into the current plan (the undo command's side)."""
        self.document.apply_edit(self.plan.model_copy(update={"answer": answer}), Change())
        self.changed.emit()

    def _push(self, new: Answer, text: str, merge_field: str | None = None) -> None:
        new = Answer.model_validate(new.model_dump())
        if merge_field is None:
            self.document.seal_edit()
        self.push_part(self.apply_answer, self.answer, new, text, merge_field)
