"""The base of a feature's editor of one part of the plan (the tender answer, the proxy table,
the plan-wide parts): one per document, and the only way the window changes that part.

`SomeEditor.of(document)` finds the document's editor or makes it (a child of the document, so it
lives as long as the document does). Each change is a PartCommand on the document's undo stack,
so autosave, recovery, Save and Undo see it like any other edit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self

from PySide6.QtCore import QObject

from svplan.ui.undo import PartCommand

if TYPE_CHECKING:
    from svplan.core.plan import Plan
    from svplan.ui.plan_document import PlanDocument


class PartEditor(QObject):
    """One part of the plan, changed through undo commands (subclasses name `merge_id`)."""

    merge_id: int  # the part's commands: typing in one of its fields merges into one undo step

    @classmethod
    def of(cls, document: PlanDocument) -> Self:
        """The document's editor of this kind (made on first use, owned by the document)."""
        found = document.findChild(cls)
        return found if found is not None else cls(document)

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.document = document

    @property
    def plan(self) -> Plan:
        return self.document.plan

    def push_part(
        self,
        apply: Callable[[Any], None],
        old: Any,
        new: Any,
        text: str,
        merge_field: str | None = None,
    ) -> None:
        """One undo step named `text`: redo hands `new` to `apply`, undo hands it `old`."""
        self.document.undo_stack.push(
            PartCommand(self.document, apply, self.merge_id, old, new, text, merge_field)
        )
