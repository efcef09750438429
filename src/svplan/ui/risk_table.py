"""Risks with likelihood, impact and owner: the table model for a commitment's risks and the
plan-wide risks, and the drop-down that picks Low / Medium / High (empty: not rated)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from svplan.core.plan import Rating, Risk
from svplan.ui.tables import Column, Index, RowsModel

RATING_COLUMNS = ("likelihood", "impact")


class RatedRisksModel(RowsModel):
    """Risk, likelihood, impact, owner and mitigation; edits go to `on_change` as Risk rows."""

    columns = (
        Column("risk", "Risk", "What could go wrong"),
        Column("likelihood", "Likelihood", "Not rated"),
        Column("impact", "Impact", "Not rated"),
        Column("owner", "Owner", "Who watches it"),
        Column("mitigation", "Mitigation", "How you will handle it"),
    )
    row_type = Risk

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and self.columns[index.column()].field in RATING_COLUMNS:
            value = getattr(self._rows[index.row()], self.columns[index.column()].field)
            if role == Qt.ItemDataRole.DisplayRole:
                return value.label if value else self.columns[index.column()].placeholder
            if role == Qt.ItemDataRole.EditRole:
                return value.value if value else ""
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and self.columns[index.column()].field in RATING_COLUMNS:
            if role != Qt.ItemDataRole.EditRole:
                return False
            text = str(value or "").strip().lower()
            rating = Rating(text) if text in {r.value for r in Rating} else None
            field = self.columns[index.column()].field
            row = self._rows[index.row()]
            if getattr(row, field) == rating:
                return False
            rows = list(self._rows)
            rows[index.row()] = row.model_copy(update={field: rating})
            self._on_change(rows)
            return True
        return super().setData(index, value, role)


class RatingDelegate(QStyledItemDelegate):
    """Edits a likelihood or impact cell with a drop-down."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(
            str(index.model().headerData(index.column(), Qt.Orientation.Horizontal))
        )
        combo.addItem("Not rated", "")
        for rating in Rating:
            combo.addItem(rating.label, rating.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def use_rating_delegates(view, model: RatedRisksModel) -> None:  # type: ignore[no-untyped-def]
    """Give the view's likelihood and impact columns the drop-down, and sensible widths."""
    header = view.horizontalHeader()
    for column, spec in enumerate(model.columns):
        if spec.field in RATING_COLUMNS:
            view.setItemDelegateForColumn(column, RatingDelegate(view))
            header.resizeSection(column, 96)
        elif spec.field == "owner":
            header.resizeSection(column, 130)
