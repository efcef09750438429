"""The commitment's delivery approach (with the catalogue's suggestions to adopt), baseline and
additionality, in the commitment editor.

A suggestion is offered, never exported: "Insert" puts its text into the approach field, where the
bidder sees and edits it, as one undo step; only what is in the field goes into the plan.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from svplan.core.catalogue import Measure
from svplan.core.partner_roles import adopt, suggestions
from svplan.core.plan import Commitment
from svplan.ui.plan_document import PlanDocument
from svplan.ui.widgets.forms import add_row, align_labels, form_layout, hint_label
from svplan.ui.widgets.text_box import TextBox
from svplan.ui.widgets.undo_keys import DocumentUndoKeys

_log = logging.getLogger("svplan")


def field_box(
    edit: Callable[..., None],
    done: Callable[[], None],
    field: str,
    name: str,
    placeholder: str,
    lines: int,
) -> TextBox:
    """A text box for one field of the commitment shown: what the user types goes to
    `edit(field=text)` (one undo step while they type); leaving the box calls `done`."""
    box = TextBox(lines=lines)
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.textEdited.connect(lambda text: edit(**{field: text}))
    box.editingFinished.connect(done)
    return box


def _wrapped(text: str) -> QLabel:
    """A hint that wraps and takes the height its lines need (inside a form row too)."""
    label = hint_label(text)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


class ContentFields(QWidget):
    """Approach, baseline and additionality of the commitment shown (`show_commitment`)."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._code = ""
        self._loading = False
        self._undo_keys = DocumentUndoKeys(lambda: self._doc.undo_stack, self)
        self.approach = self._box(
            "Delivery approach",
            "approach",
            "How you will deliver this commitment, in your words (printed as the plan's "
            "Delivery approach)",
        )
        self.suggestions = QFrame()
        self.suggestions.setObjectName("guidanceBox")
        self.suggestions.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.suggestions.setAccessibleName("Suggested approaches from the catalogue")
        self._suggestion_layout = QVBoxLayout(self.suggestions)
        self._suggestion_layout.setContentsMargins(10, 8, 10, 8)
        self.insert_buttons: list[QPushButton] = []
        self.baseline = self._box(
            "Baseline", "baseline", "Where you start from, e.g. 2 apprentices on our 2026 contracts"
        )
        self.additionality = self._box(
            "Additionality",
            "additionality",
            "Why this goes beyond what you would do anyway (business as usual)",
        )
        form = form_layout()
        for title, box, extra in (
            ("Del&ivery approach:", self.approach, self.suggestions),
            ("Base&line:", self.baseline, None),
            ("Additionalit&y:", self.additionality, None),
        ):
            field: QWidget | QVBoxLayout = box
            if extra is not None:
                field = QVBoxLayout()
                field.setSpacing(6)
                field.addWidget(box)
                field.addWidget(extra)
            add_row(form, title, field, buddy=box)
        self.form = form
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        self._undo_keys.watch(self.approach, self.baseline, self.additionality)

    def align_with(self, forms: list) -> None:
        align_labels([*forms, self.form])

    def _box(self, name: str, field: str, placeholder: str) -> TextBox:
        return field_box(self._edit, self._doc.seal_edit, field, name, placeholder, lines=2)

    # showing ----------------------------------------------------------------------------------

    def show_commitment(self, measure: Measure, c: Commitment) -> None:
        self._loading = True
        try:
            new_measure = measure.code != self._code
            self._code = measure.code
            self.approach.set_text(c.approach)
            self.baseline.set_text(c.baseline)
            self.additionality.set_text(c.additionality)
            if new_measure:
                self._show_suggestions(measure)
            self._update_buttons(c)
        finally:
            self._loading = False

    def _show_suggestions(self, measure: Measure) -> None:
        while self._suggestion_layout.count():
            item = self._suggestion_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.insert_buttons = []
        offered = suggestions(measure)
        self.suggestions.setVisible(bool(offered))
        if not offered:
            return
        intro = _wrapped(
            "Suggested by the council. Insert one to use it as a starting point: it becomes "
            "your text, which you can edit; it is not in the plan until you do."
        )
        self._suggestion_layout.addWidget(intro)
        for text in offered:
            row = QHBoxLayout()
            label = _wrapped(text)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            button = QPushButton("Insert")
            button.setAccessibleName(f"Insert the suggestion: {text[:60]}")
            button.setToolTip("Add this text to your delivery approach, where you can edit it")
            button.clicked.connect(lambda _=False, t=text: self.insert(t))
            row.addWidget(label, 1, Qt.AlignmentFlag.AlignTop)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self._suggestion_layout.addLayout(row)
            self.insert_buttons.append(button)

    def _update_buttons(self, c: Commitment) -> None:
        offered = suggestions(self._doc.catalogue.measure(self._code)) if self._code else []
        for button, text in zip(self.insert_buttons, offered, strict=False):
            used = text in c.approach
            button.setEnabled(not used)
            button.setText("Inserted" if used else "Insert")

    # editing ----------------------------------------------------------------------------------

    def insert(self, suggestion: str) -> None:
        """Adopt a suggestion into the approach field (one undo step)."""
        c = self._doc.commitment(self._code) if self._code else None
        if c is None:
            return
        self._doc.seal_edit()
        self._edit(approach=adopt(c.approach, suggestion))
        self._doc.seal_edit()

    def _edit(self, **fields: Any) -> None:
        if self._loading or not self._code or not self._doc.is_committed(self._code):
            return
        try:
            self._doc.update_commitment(self._code, **fields)
        except ValueError:
            _log.warning("ignored an invalid edit of %s", ", ".join(fields))
