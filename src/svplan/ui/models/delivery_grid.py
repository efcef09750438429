"""The delivery grid: one row per commitment (its name in the row header, which stays in view
while the quarters scroll), a status column, then one column per contract quarter (its header
shows the quarter's dates). A quarter cell holds the actual, in the measure's unit; editing it
records the actual through the DeliveryEditor (one undo step)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap

from svplan.core.delivery import CommitmentStatus, DeliveryError, Level, fmt, percent
from svplan.core.periods import Period
from svplan.ui.delivery_editor import DeliveryEditor

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # default parent (a shared, never-changed invalid index)
STATUS = 0
FIRST_QUARTER = 1
LABEL_CHARS = 34  # the row header's commitment label is cut here (the tooltip has it all)
SWATCH_COLOURS = {
    Level.GOOD: "#3a9d4f",
    Level.APPROACHING: "#d9a400",
    Level.REQUIRES_IMPROVEMENT: "#e07b00",
    Level.INADEQUATE: "#c62828",
}
CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the measure code of the row
QUARTER_ROLE = Qt.ItemDataRole.UserRole + 2  # the Period of the column (None: not a quarter)
LEVEL_COLOURS = {
    Level.GOOD: "#d8f0dc",
    Level.APPROACHING: "#fff1c2",
    Level.REQUIRES_IMPROVEMENT: "#ffd9b3",
    Level.INADEQUATE: "#f7c6c6",
}


class DeliveryGridModel(QAbstractTableModel):
    """Commitments × contract quarters; refreshes in place so the cursor keeps its cell."""

    problem = Signal(str)  # an edit was refused: one sentence for a message box

    def __init__(self, editor: DeliveryEditor, parent: Any = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._codes: list[str] = []
        self._quarters: list[Period] = []
        self._rows: dict[str, CommitmentStatus] = {}
        self._load()
        editor.changed.connect(self.refresh)

    # Shape --------------------------------------------------------------------------------------

    def _load(self) -> None:
        plan = self._editor.plan
        self._codes = [c.measure for c in plan.commitments]
        self._quarters = self._editor.quarters()
        status = self._editor.status()
        self._rows = {s.code.upper(): s for s in status.commitments}

    def refresh(self) -> None:
        shape = (list(self._codes), list(self._quarters))
        plan = self._editor.plan
        same = shape == ([c.measure for c in plan.commitments], self._editor.quarters())
        if not same:
            self.beginResetModel()
            self._load()
            self.endResetModel()
            return
        self._load()
        if self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.columnCount() - 1))

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._codes)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else FIRST_QUARTER + len(self._quarters)

    def code_at(self, row: int) -> str:
        return self._codes[row] if 0 <= row < len(self._codes) else ""

    def quarter_at(self, column: int) -> Period | None:
        i = column - FIRST_QUARTER
        return self._quarters[i] if 0 <= i < len(self._quarters) else None

    def column_of(self, key: str) -> int:
        keys = [q.key for q in self._quarters]
        return FIRST_QUARTER + keys.index(key) if key in keys else -1

    def row_of(self, code: str) -> int:
        codes = [c.upper() for c in self._codes]
        return codes.index(code.upper()) if code.upper() in codes else -1

    def status_of(self, code: str) -> CommitmentStatus | None:
        return self._rows.get(code.upper())

    # Data ---------------------------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Vertical:
            code = self.code_at(section)
            return self._commitment_data(code, role) if code else None
        period = self.quarter_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == STATUS:
                now = self._editor.status().as_of
                return f"Status at\n{now.key}" if now else "Status"
            return f"{period.key}\n{period.dates}" if period else None
        if role == Qt.ItemDataRole.ToolTipRole and period is not None:
            return f"{period.label}: type what was delivered in this quarter"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        code = self._codes[index.row()]
        column = index.column()
        if role == CODE_ROLE:
            return code
        if role == QUARTER_ROLE:
            return self.quarter_at(column)
        if column == STATUS:
            return self._status_data(code, role)
        return self._cell_data(code, self.quarter_at(column), role)

    def _commitment_data(self, code: str, role: int) -> Any:
        catalogue = self._editor.catalogue
        known = catalogue.has_measure(code)
        if role == Qt.ItemDataRole.DisplayRole:
            label = f"{code}  {catalogue.measure(code).short}" if known else code
            return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row = self._rows.get(code.upper())
        if role == Qt.ItemDataRole.DecorationRole and row is not None and row.level is not None:
            return _swatch(row.level)  # the status stays in view while the quarters scroll
        if role == Qt.ItemDataRole.ToolTipRole and known:
            status = f"\nStatus: {row.label}" if row is not None else ""
            unit = catalogue.unit_of(code)
            level = (
                " (a level: enter the level reached, not an amount)"
                if catalogue.is_level(code)
                else ""
            )
            return f"{catalogue.measure(code).wording}\nUnit: {unit.name}{level}{status}"
        return None

    def _status_data(self, code: str, role: int) -> Any:
        row = self._rows.get(code.upper())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label + ("  (recovery action needed)" if row.needs_recovery else "")
        if role == Qt.ItemDataRole.BackgroundRole and row.level is not None:
            return QBrush(QColor(LEVEL_COLOURS[row.level]))
        if role == Qt.ItemDataRole.ToolTipRole and row.now is not None:
            now = row.now
            return (
                f"{row.format(now.cumulative)} against {row.format(now.to_date)} due by the end "
                f"of {now.period.key} ({percent(now.ratio)}); profile: {row.effective.basis}"
            )
        return None

    def _cell_data(self, code: str, period: Period | None, role: int) -> Any:
        if period is None:
            return None
        found = self._editor.actual(code, period.key)
        unit = (
            self._editor.catalogue.unit_of(code)
            if self._editor.catalogue.has_measure(code)
            else None
        )
        if role == Qt.ItemDataRole.DisplayRole:
            if found is None:
                return ""
            mark = " •" if (found.note or found.evidence) else ""
            return fmt(unit, found.actual) + mark
        if role == Qt.ItemDataRole.EditRole:
            return "" if found is None else f"{found.actual:g}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tip(code, period, found)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            shown = fmt(unit, found.actual) if found else "nothing recorded"
            return f"{code} {period.key}: {shown}"
        return None

    def _cell_tip(self, code: str, period: Period, found: Any) -> str:
        lines = [f"{code} {period.label}"]
        row = self._rows.get(code.upper())
        match = next((q for q in row.quarters if q.period == period), None) if row else None
        if match is not None and row is not None:
            lines.append(
                f"Profile to date {row.format(match.to_date)}, actual to date "
                f"{row.format(match.cumulative)}: {match.level.value if match.level else '–'}"
            )
        if found is not None and found.note:
            lines.append(f"Note: {found.note}")
        if found is not None and found.evidence:
            lines.append(f"Evidence: {len(found.evidence)} item(s)")
        return "\n".join(lines)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.quarter_at(index.column()) is not None and self._editor.is_awarded():
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        period = self.quarter_at(index.column())
        if role != Qt.ItemDataRole.EditRole or period is None:
            return False
        code = self._codes[index.row()]
        text = "" if value is None else str(value)
        found = self._editor.actual(code, period.key)
        if found is not None and text.strip() == f"{found.actual:g}":
            return True  # unchanged: no undo step
        try:
            self._editor.set_actual(code, period.key, text)
        except DeliveryError as exc:
            self.problem.emit(exc.message)
            return False
        return True


_SWATCHES: dict[Level, QIcon] = {}


def _swatch(level: Level) -> QIcon:
    """A small square in the level's colour."""
    if level not in _SWATCHES:
        pixmap = QPixmap(12, 12)
        pixmap.fill(QColor(SWATCH_COLOURS[level]))
        _SWATCHES[level] = QIcon(pixmap)
    return _SWATCHES[level]
