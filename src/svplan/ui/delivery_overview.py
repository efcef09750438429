"""The Overview's delivery section: once the plan is awarded, the status of every commitment with
the counts by level (hidden before the award)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svplan.core.delivery import COUNT_KEYS, DeliveryError, delivery_status, is_awarded
from svplan.ui.models.delivery_status import CodeRole, DeliveryStatusModel

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument


class DeliverySummary(QWidget):
    """Counts by Procurement Act level and a row per commitment; activating a row emits its code."""

    measureActivated = Signal(str)

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self.setAccessibleName("Delivery status")
        self.counts = QLabel(self)
        self.counts.setAccessibleName("Delivery status counts")
        font = self.counts.font()
        font.setBold(True)
        self.counts.setFont(font)
        self.counts.setWordWrap(True)
        self.model = DeliveryStatusModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Delivery status of each commitment")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(self.counts)
        layout.addWidget(self.table)
        for signal in (
            document.planReset,
            document.findingsChanged,  # every change, the delivery record's included
        ):
            signal.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        plan = self._doc.plan
        if not is_awarded(plan):
            self.hide()
            return
        try:
            status = delivery_status(plan, self._doc.catalogue)
        except DeliveryError as exc:
            self.counts.setText(exc.message)
            self.show()
            return
        counts = " · ".join(f"{status.counts[k]} {k}" for k in COUNT_KEYS if status.counts[k])
        when = f"at the end of {status.as_of.key}" if status.as_of else "(no actuals yet)"
        self.counts.setText(f"Delivery {when}: {counts}")
        self.model.set_status(status, self._doc.catalogue)
        rows = self.model.rowCount()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        self.table.resizeRowsToContents()
        height += sum(self.table.rowHeight(r) for r in range(min(rows, 8))) + 6
        self.table.setFixedHeight(height)
        self.show()

    def _activated(self, index: QModelIndex) -> None:
        code = index.data(CodeRole)
        if code:
            self.measureActivated.emit(code)
