"""'Removed NT8 – Undo': a bar in the editor when a commitment with content is unticked.

Unticking keeps what was typed (ticking again brings it back), but a commitment that vanishes
with no word looks lost. The bar says what went and offers Undo right where the bidder is
looking. It goes away with the next change (after which Undo would undo something else).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QToolButton, QWidget

from svplan.ui.icons import icon
from svplan.ui.widgets.forms import bar_row

if TYPE_CHECKING:
    from svplan.core.plan import Commitment
    from svplan.ui.plan_document import PlanDocument

_BARE = {"measure", "reporting"}  # what a fresh tick fills in by itself


def has_content(c: Commitment) -> bool:
    """Whether the bidder wrote anything in the commitment (beyond what a tick fills in)."""
    return bool(c.model_dump(exclude=_BARE, exclude_defaults=True))


class UndoBar(QFrame):
    """Shown after a removal the bidder may regret; Undo takes exactly that step back."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._index = -1  # the undo stack's index just after the removal
        self.setObjectName("undoBar")
        self.setAccessibleName("Removed commitment")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton(icon("undo"), "&Undo", self)
        self.undo_button.setAccessibleName("Undo the removal")
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo)
        self.close_button = QToolButton(self)
        self.close_button.setIcon(icon("close"))
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide this message")
        self.close_button.setAccessibleName("Hide this message")
        self.close_button.clicked.connect(self.dismiss)
        bar_row(self, self.label, self.undo_button, self.close_button, margins=(12, 6, 6, 6))
        self.hide()
        stack = document.undo_stack
        stack.indexChanged.connect(self._on_index)
        document.planReset.connect(self.dismiss)

    def _on_index(self, index: int) -> None:
        stack = self._doc.undo_stack
        if index == self._index or not shiboken6.isValid(stack):  # (closing: it clears)
            return
        command = stack.command(index - 1) if index > 0 and index == stack.count() else None
        old, new = getattr(command, "old", None), getattr(command, "new", None)
        code = getattr(command, "code", "")
        if code and new is None and old is not None and has_content(old):
            self._index = index
            self.label.setText(f"Removed {code} from the plan, with what you wrote for it.")
            self.show()
        else:
            self.dismiss()

    def undo(self) -> None:
        """Undo the removal (only if nothing came after it)."""
        if self.isVisible() and self._doc.undo_stack.index() == self._index:
            self._doc.undo_stack.undo()
        self.dismiss()

    def dismiss(self) -> None:
        self._index = -1
        self.hide()
