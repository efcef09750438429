"""Every commitment's delivery status as a table (the Overview's delivery section): code,
measure, actual to date against the profile to date, status, and whether a recovery action is
still needed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from svplan.core.catalogue import Catalogue
from svplan.core.delivery import CommitmentStatus, DeliveryStatus, percent
from svplan.ui.models.delivery_grid import LEVEL_COLOURS

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
HEADERS = ("Code", "Measure", "To date", "Status", "Recovery")
CodeRole = Qt.ItemDataRole.UserRole + 1


class DeliveryStatusModel(QAbstractTableModel):
    """Read-only rows of a DeliveryStatus."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CommitmentStatus] = []
        self._catalogue: Catalogue | None = None

    def set_status(self, status: DeliveryStatus, catalogue: Catalogue) -> None:
        self.beginResetModel()
        self._rows = list(status.commitments)
        self._catalogue = catalogue
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == CodeRole:
            return row.code
        if role == Qt.ItemDataRole.BackgroundRole and column == 3 and row.level is not None:
            return QBrush(QColor(LEVEL_COLOURS[row.level]))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return row.code
        if column == 1:
            cat = self._catalogue
            return cat.measure(row.code).short if cat and cat.has_measure(row.code) else ""
        if column == 2:
            now = row.now
            if now is None or not row.effective.rated:
                return "–"
            if row.level_measure:
                return f"level {row.format(now.cumulative)} of {row.format(now.to_date)}"
            return (
                f"{row.format(now.cumulative)} of {row.format(now.to_date)} ({percent(now.ratio)})"
            )
        if column == 3:
            return row.label
        if row.needs_recovery:
            return "Needed"
        return f"{len(row.recovery)} recorded" if row.recovery else ""
