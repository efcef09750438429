"""The status bar's permanent parts: measures committed, readiness, and the catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument


class StatusParts(QObject):
    """Keeps the count, the readiness button and the catalogue label up to date."""

    readinessClicked = Signal()

    def __init__(self, bar: QStatusBar, document: PlanDocument) -> None:
        super().__init__(bar)
        self._doc = document
        self.has_plan = False
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Measures committed")
        self.readiness_button = QToolButton()
        self.readiness_button.setAutoRaise(True)
        self.readiness_button.hide()  # shown with a plan; its focus policy is set then
        self.readiness_button.setAccessibleName("Readiness")
        self.readiness_button.setToolTip("Show what is left to do (Overview)")
        self.readiness_button.clicked.connect(self.readinessClicked)
        self.catalogue_label = QLabel()
        self.catalogue_label.setAccessibleName("Catalogue")
        for widget in (self.count_label, self.readiness_button, self.catalogue_label):
            bar.addPermanentWidget(widget)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.update)
        document.findingsChanged.connect(self._timer.start)
        document.planReset.connect(self._timer.start)
        document.catalogueChanged.connect(self.update_catalogue)
        self.update_catalogue()

    def update(self) -> None:
        if not self.has_plan:
            self.count_label.setText("")
            self.readiness_button.setText("")
            self.readiness_button.hide()
            return
        from PySide6.QtCore import Qt  # not before the first paint (docs/performance.md)

        from svplan.core.checks import count_problems, summary

        self.readiness_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        count = len(self._doc.plan.commitments)
        self.count_label.setText(f"{count} measure{'s' if count != 1 else ''} committed")
        findings = self._doc.findings()
        mark = "✓" if not findings else ("●" if count_problems(findings) else "○")
        self.readiness_button.setText(f"{mark} {summary(findings)}")
        self.readiness_button.show()

    def update_catalogue(self) -> None:
        if not self._doc.has_catalogue():
            return  # still loading (start-up): named as soon as it is there
        info = self._doc.catalogue.info
        self.catalogue_label.setText(f"{info.title} ({info.edition})")
        self.catalogue_label.setToolTip(f"{info.source_title} — {info.publisher}")
