"""Small helpers for forms and panes: section headings, hints, what an empty pane says, a notice
bar's row, form rows with their access keys, label columns that line up, and showing a value in
a one-line field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QSizePolicy,
    QWidget,
)


def set_line(edit: QLineEdit, text: str) -> None:
    """Show `text` in a one-line field: a field being typed in keeps its cursor; any other shows
    the start of its text (setText alone puts the cursor at the end, so a value longer than the
    field would show only its last words)."""
    if edit.text() == text:
        return
    position = edit.cursorPosition()
    edit.setText(text)
    edit.setCursorPosition(min(position, len(text)) if edit.hasFocus() else 0)


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


def empty_label(text: str, name: str, parent: QWidget | None = None) -> QLabel:
    """What a pane says while it has nothing to show, centred; `name` for screen readers."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMargin(24)
    label.setAccessibleName(name)
    return label


def bar_row(
    bar: QWidget, message: QLabel, *buttons: QWidget, margins: tuple[int, int, int, int]
) -> QHBoxLayout:
    """A notice bar's row: the message takes the room, its buttons stand on the right."""
    row = QHBoxLayout(bar)
    row.setContentsMargins(*margins)
    row.addWidget(message, 1)
    for button in buttons:
        row.addWidget(button)
    return row


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(8)
    return form


def add_row(
    form: QFormLayout, text: str, field: QWidget | QLayout, buddy: QWidget | None = None
) -> QLabel:
    """Add a row 'text: field' to the form; the label's access key (&) goes to `buddy`, else to
    the field itself (a field that is a layout needs a buddy)."""
    label = QLabel(text)
    label.setBuddy(buddy if buddy is not None else field)  # type: ignore[arg-type]
    form.addRow(label, field)
    return label


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
