"""Small helpers for forms: section headings, hints, and label columns that line up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QWidget


def section_label(title: str) -> QLabel:
    label = QLabel(title)
    label.setObjectName("section")
    return label


def hint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(8)
    return form


def align_labels(forms: list[QFormLayout]) -> None:
    """Give every form's label column the same width so the fields line up."""
    labels = [
        form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
        for form in forms
        for row in range(form.rowCount())
        if form.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None
    ]
    width = max(label.sizeHint().width() for label in labels if label is not None)
    for label in labels:
        if label is not None:
            label.setMinimumWidth(width)
            label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)


def problem_label(field: QWidget) -> QLabel:
    """A label that says why the text typed in `field` was refused (hidden while it is fine).

    `field` has a `problemChanged(str)` signal (OptionalNumberBox, OptionalDateEdit, DateLine).
    """
    label = QLabel()
    label.setObjectName("fieldProblem")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName("Why this was not used")
    label.hide()

    def show(text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))
        field.setAccessibleDescription(text)

    field.problemChanged.connect(show)
    return label
