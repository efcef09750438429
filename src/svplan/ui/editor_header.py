"""The top of the commitment editor: the measure (code, title, wording, unit), the commit switch,
the 'Still to do' box and the 'Removed NT8 – Undo' bar.

The 'Still to do' box keeps one height whatever it says, so the form under it never moves while
the bidder types (it scrolls when there is more to say). Acronyms in the wording and the unit
are explained in their tooltips (core.glossary).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from svplan.core import describe
from svplan.ui.glossary_tips import explain
from svplan.ui.undo_bar import UndoBar
from svplan.ui.widgets.forms import hint_label

if TYPE_CHECKING:
    from svplan.core.catalogue import Catalogue, Measure
    from svplan.ui.plan_document import PlanDocument

TODO_LINES = 3  # the 'Still to do' box is this many lines high, always (it scrolls)


class EditorHeader(QWidget):
    """Shows a measure and whether it is committed; `commitClicked(bool)` when the box is used."""

    commitClicked = Signal(bool)

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self.undo_bar = UndoBar(document, self)
        self.code_label = QLabel()
        self.code_label.setObjectName("codeBadge")
        self.code_label.setAccessibleName("Measure code")
        self.title_label = QLabel()
        self.title_label.setObjectName("measureTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setAccessibleName("Measure title")
        title_row = QHBoxLayout()
        title_row.setSpacing(10)
        title_row.addWidget(self.code_label, 0, Qt.AlignmentFlag.AlignTop)
        title_row.addWidget(self.title_label, 1)
        self.wording_label = QLabel()
        self.wording_label.setWordWrap(True)
        self.wording_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.wording_label.setAccessibleName("Measure wording")
        self.wording_label.setObjectName("wording")
        self.unit_label = hint_label()
        self.unit_label.setAccessibleName("Unit")
        self.guidance = hint_label()
        self.guidance.setAccessibleName("Guidance from the council")

        self.commit_box = QCheckBox("Co&mmit to this measure")
        self.commit_box.setObjectName("commitBox")
        self.commit_box.setAccessibleName("Commit to this measure")
        self.commit_box.setToolTip(
            "Tick to include this measure in your plan (also: Space in the list)"
        )
        self.commit_box.clicked.connect(self.commitClicked)

        self.todo_label = QLabel()
        self.todo_label.setObjectName("todo")
        self.todo_label.setWordWrap(True)
        self.todo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.todo_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.todo_label.setAccessibleName("Still to do for this measure")
        self.todo = QScrollArea()  # a fixed place: one height, scrolls when there is more
        self.todo.setObjectName("todoBox")
        self.todo.setWidgetResizable(True)
        self.todo.setFrameShape(QFrame.Shape.NoFrame)
        self.todo.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.todo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.todo.setWidget(self.todo_label)
        lines = self.todo_label.fontMetrics().lineSpacing() * TODO_LINES
        self.todo.setFixedHeight(lines + 26)  # + the label's padding and border (theme.py)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.undo_bar)
        layout.addLayout(title_row)
        layout.addWidget(self.wording_label)
        layout.addWidget(self.unit_label)
        layout.addWidget(self.guidance)
        layout.addSpacing(4)
        layout.addWidget(self.commit_box)
        layout.addWidget(self.todo)

    def show_measure(self, catalogue: Catalogue, measure: Measure, committed: bool) -> None:
        unit = catalogue.unit(measure.unit)
        self.code_label.setText(measure.code)
        self.title_label.setText(measure.short)
        self.wording_label.setText(measure.wording)
        explain(self.wording_label, "The measure's wording, as the council publishes it")
        theme = catalogue.theme(measure.theme).name
        outcome = catalogue.outcome(measure.outcome).name
        self.unit_label.setText(f"Counted in {unit.name}  ·  {theme} › {outcome}")
        explain(self.unit_label)
        self.guidance.setText(measure.guidance)
        explain(self.guidance)
        self.guidance.setVisible(bool(measure.guidance))
        self.commit_box.blockSignals(True)
        self.commit_box.setChecked(committed)
        self.commit_box.blockSignals(False)

    def update_todo(self, code: str) -> None:
        """What the readiness check still finds for `code` ('' or not committed: hidden)."""
        if not code or not self._doc.is_committed(code):
            self.todo.hide()
            return
        todo = describe.todo(self._doc.findings(), code)
        self.todo_label.setText(todo.text)
        self.todo_label.setProperty("state", todo.state)
        self.todo_label.style().unpolish(self.todo_label)
        self.todo_label.style().polish(self.todo_label)
        self.todo.show()
