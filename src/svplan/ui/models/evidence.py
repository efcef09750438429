"""The evidence of one actual as an editable table. For a measure about people (new starters) the
columns ask only for what councils accept: role, start date, hours a week and the first half of
the home postcode; never a name. Every edit goes to `on_change` (one undo step)."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt

from svplan.core.plan import Evidence
from svplan.ui.tables import Column, Index, RowsModel

GENERAL = (
    Column("what", "Evidence", "What it is (a log, a report, a certificate)"),
    Column("date", "Date", "No date", kind="date"),
    Column("reference", "Reference or file", "Where it is kept"),
)
PEOPLE = (
    Column("what", "Role", "Job role (no name)"),
    Column("date", "Start date", "No date", kind="date"),
    Column("hours", "Hours a week", "Hours", kind="number"),
    Column("area", "Postcode area", "First half, e.g. PR1"),
    Column("reference", "Reference", "Payroll or HR reference"),
)
MAX_HOURS = 168


class EvidenceModel(RowsModel):
    """Evidence rows; `people` switches to the new-starter columns."""

    row_type = Evidence
    columns = GENERAL

    def __init__(self, on_change, on_problem, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(on_change, parent)
        self._on_problem = on_problem  # a refused value: one sentence for a message box

    def set_people(self, people: bool) -> None:
        columns = PEOPLE if people else GENERAL
        if columns is not self.columns:
            self.beginResetModel()
            self.columns = columns
            self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and self.columns[index.column()].kind == "number":
            value = self._rows[index.row()].hours
            if role == Qt.ItemDataRole.DisplayRole:
                return (
                    f"{value:g}" if value is not None else self.columns[index.column()].placeholder
                )
            if role == Qt.ItemDataRole.EditRole:
                return "" if value is None else f"{value:g}"
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.columns[index.column()].kind != "number":
            return super().setData(index, value, role)
        text = "" if value is None else str(value).strip()
        try:
            hours = None if not text else float(text.replace(",", ""))
        except ValueError:
            self._on_problem(f"'{text[:40]}' is not a number of hours a week.")
            return False
        if hours is not None and not (math.isfinite(hours) and 0 <= hours <= MAX_HOURS):
            self._on_problem(f"Hours a week must be between 0 and {MAX_HOURS}.")
            return False
        row = self._rows[index.row()]
        if row.hours == hours:
            return False
        rows = list(self._rows)
        rows[index.row()] = Evidence.model_validate({**row.model_dump(), "hours": hours})
        self._on_change(rows)
        return True
