"""'Check this' on figures scaled from a past bid (Commitment.review), with Confirm.

Shown under a commitment's target in the editor while any of its figures awaits review; Confirm
clears the marks (one undo step). The readiness check (core.checks) lists the same figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from svplan.core.reuse import review_text
from svplan.ui.widgets.forms import bar_row

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument

STYLE = (
    "QWidget#reviewMarker { background: #fff4ce; border: 1px solid #e0b000; border-radius: 4px; }"
)


class ReviewMarker(QWidget):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewMarker")
        self.setStyleSheet(STYLE)
        self._doc = document
        self._code = ""
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Figures to check")
        self.confirm_button = QPushButton("Con&firm figures")
        self.confirm_button.setToolTip("I have checked these figures for the new contract")
        self.confirm_button.clicked.connect(self.confirm)
        bar_row(self, self.label, self.confirm_button, margins=(8, 4, 8, 4))
        document.commitmentChanged.connect(self._changed)
        document.planReset.connect(self.refresh)
        self.setVisible(False)

    def show_measure(self, code: str) -> None:
        self._code = code
        self.refresh()

    def _changed(self, code: str) -> None:
        if code == self._code:
            self.refresh()

    def refresh(self) -> None:
        c = self._doc.commitment(self._code) if self._code else None
        fields = list(c.review) if c is not None else []
        if fields:
            self.label.setText(
                f"Check this: the {review_text(fields)} were scaled from a past bid."
            )
        self.setVisible(bool(fields))

    def confirm(self) -> None:
        if self._code and self._doc.commitment(self._code) is not None:
            self._doc.update_commitment(self._code, review=[])
