"""Table models for a commitment's actions and risks, and the date delegate for due dates.

The models show the document's rows; an edit builds the new row list and hands it to a
callback (the editor calls PlanDocument.update_commitment), so each edit is one undo step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from svplan.core.dates import format_date
from svplan.core.plan import Action, Risk
from svplan.ui.widgets.date_edit import DateLine

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    placeholder: str = ""  # shown in grey in an empty cell
    kind: str = "text"  # "text" or "date"


class RowsModel(QAbstractTableModel):
    """Rows of pydantic models (Action or Risk) shown as a table; edits go to `on_change`."""

    columns: tuple[Column, ...] = ()
    row_type: type[BaseModel] = BaseModel

    def __init__(self, on_change: Callable[[list[Any]], None], parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._on_change = on_change

    # Contents -------------------------------------------------------------------------------

    def rows(self) -> list[Any]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show new rows, keeping views' selection when only cell values changed."""
        rows = list(rows)
        if rows == self._rows:
            return
        if len(rows) == len(self._rows):
            self._rows = rows
            if rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(rows) - 1, len(self.columns) - 1)
                )
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        value = getattr(self._rows[index.row()], column.field)
        if role == Qt.ItemDataRole.DisplayRole:
            if column.kind == "date":
                return format_date(value) if value else column.placeholder
            return value or column.placeholder
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and value and column.kind == "text":
            return str(value)
        if role == Qt.ItemDataRole.ForegroundRole and not value:
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{column.header}: {value or 'empty'}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self.columns[index.column()]
        if column.kind == "text":
            value = "" if value is None else str(value)
        row = self._rows[index.row()]
        if getattr(row, column.field) == value:
            return False
        rows = list(self._rows)
        rows[index.row()] = row.model_copy(update={column.field: value})
        self._on_change(rows)
        return True

    # Row operations (each one call to on_change) --------------------------------------------

    def append_row(self) -> int:
        self._on_change([*self._rows, self.row_type()])
        return len(self._rows) - 1

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self._on_change(self._rows[:row] + self._rows[row + 1 :])

    def move_row(self, row: int, delta: int) -> int:
        target = row + delta
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)):
            return row
        rows = list(self._rows)
        rows[row], rows[target] = rows[target], rows[row]
        self._on_change(rows)
        return target


class ActionsModel(RowsModel):
    columns = (
        Column("action", "Action", "Describe the step"),
        Column("due", "Due", "No date", kind="date"),
        Column("owner", "Owner", "Who does it"),
    )
    row_type = Action


class RisksModel(RowsModel):
    columns = (
        Column("risk", "Risk", "What could go wrong"),
        Column("mitigation", "Mitigation", "How you will handle it"),
    )
    row_type = Risk


class DateDelegate(QStyledItemDelegate):
    """Edits a date cell as typed text (core.dates): a date that cannot be read is not stored,
    the cell keeps its date, and `problem` says why (the table shows it under the rows)."""

    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None, calendar_start=None) -> None:
        super().__init__(parent)
        self._calendar_start = calendar_start  # () -> date | None: where the calendar opens

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = DateLine(parent, "No date")
        editor.setAccessibleName("Due date")
        editor.setFrame(False)
        editor.set_calendar_start(self._calendar_start)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, DateLine) and editor.text().strip() == format_date(editor.value()):
            editor.set_value(value if isinstance(value, dt.date) else None)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        if not isinstance(editor, DateLine):
            return
        ok, day = editor.read()
        if not ok:
            self.problem.emit(f"Due date not changed: {editor.problem()}")
            return
        self.problem.emit("")
        model.setData(index, day, Qt.ItemDataRole.EditRole)
