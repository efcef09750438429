"""The questions the Delivery view asks: award date, a variation, a recovery action, the import
preview, and the files. Shown through ui/dialogs.py's `exec_dialog` / `exec_box`, so tests answer
for the user; each returns plain values, and the controller makes the change (or says why not)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from svplan.core.actuals_import import ImportPreview
from svplan.core.plan import RecoveryAction, Thresholds
from svplan.ui import dialogs
from svplan.ui.delivery_editor import DeliveryEditor
from svplan.ui.widgets.date_edit import OptionalDateEdit

ACTUALS_FILTER = "Actuals (*.csv *.xlsx);;All files (*)"
REPORT_FILTER = "Word report (*.docx);;Excel sheet (*.xlsx);;CSV for the portal (*.csv)"
Btn = QMessageBox.StandardButton
T = TypeVar("T")


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _lay_out(dialog: QDialog, ok: str, *parts: str | QFormLayout) -> None:
    """The dialog's column: each part a form or a sentence (wrapped), in order, then OK (saying
    `ok`) and Cancel."""
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, str):
            text = QLabel(part, dialog)
            text.setWordWrap(True)
            layout.addWidget(text)
        else:
            layout.addLayout(part)
    layout.addWidget(_buttons(dialog, ok))


def _answer(dialog: QDialog, read: Callable[[], T]) -> tuple[bool, T | None]:
    """Show the dialog (tests answer for the user) and let it go: (accepted, what `read` takes
    from it, only when accepted)."""
    accepted = dialogs.exec_dialog(dialog) == QDialog.DialogCode.Accepted
    value = read() if accepted else None
    dialog.deleteLater()
    return accepted, value


def _date_edit(parent: QWidget, day: dt.date) -> OptionalDateEdit:
    """A date typed as the user writes it (core.dates), starting at `day`."""
    edit = OptionalDateEdit(parent, empty_text="Type a date")
    edit.set_value(day)
    return edit


def _measure_box(parent: QWidget, editor: DeliveryEditor, code: str) -> QComboBox:
    """The plan's commitments to choose from, `code` chosen (when given)."""
    box = QComboBox(parent)
    box.setAccessibleName("Commitment")
    for c in editor.plan.commitments:
        box.addItem(c.measure)
    if code:
        box.setCurrentText(code)
    return box


class _DateDialog(QDialog):
    """A dialog whose `date` must be a date for OK to close it (else the reason shows next to
    the date)."""

    date: OptionalDateEdit

    def accept(self) -> None:
        if self.date.require() is not None:
            super().accept()


# Award ------------------------------------------------------------------------------------------


class AwardDialog(_DateDialog):
    def __init__(self, parent: QWidget | None, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mark as awarded")
        self.date = _date_edit(self, today)
        self.date.setAccessibleName("Award date")
        form = QFormLayout()
        form.addRow("Award &date:", self.date)
        _lay_out(
            self,
            "Mark as awarded",
            "The targets and yearly profiles now in the plan become the contract's baseline. "
            "Later changes are recorded as variations, so the baseline is never lost.",
            form,
        )


def ask_award_date(parent: QWidget | None, today: dt.date) -> dt.date | None:
    dialog = AwardDialog(parent, today)
    return _answer(dialog, dialog.date.value)[1]


# Variation --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VariationInput:
    code: str
    day: dt.date
    reason: str
    target: str  # as typed ("" = unchanged)
    yearly: list[str]  # as typed, one per contract year (all "" = unchanged)


class VariationDialog(_DateDialog):
    def __init__(self, parent: QWidget | None, editor: DeliveryEditor, code: str, today: dt.date):
        super().__init__(parent)
        self.setWindowTitle("Record a variation")
        self._editor = editor
        self.measure = _measure_box(self, editor, code)
        self.date = _date_edit(self, today)
        self.date.setAccessibleName("Date agreed")
        self.reason = QPlainTextEdit(self)
        self.reason.setAccessibleName("Reason")
        self.reason.setPlaceholderText("Why the council agreed the change (change control)")
        self.reason.setMaximumHeight(self.fontMetrics().height() * 5)
        self.target = QLineEdit(self)
        self.target.setAccessibleName("New target")
        self.current = QLabel(self)
        self.current.setWordWrap(True)
        years = len({q.year for q in editor.quarters()})
        self.years = [QLineEdit(self) for _ in range(years)]
        row = QHBoxLayout()
        for i, box in enumerate(self.years, 1):
            box.setAccessibleName(f"Year {i}")
            box.setPlaceholderText(f"Year {i}")
            row.addWidget(box)
        form = QFormLayout()
        form.addRow("&Commitment:", self.measure)
        form.addRow("", self.current)
        form.addRow("&Date agreed:", self.date)
        form.addRow("&Reason:", self.reason)
        form.addRow("New &target:", self.target)
        form.addRow("New yearly profile:", row)
        _lay_out(
            self,
            "Record variation",
            form,
            "Leave the target or the profile empty to keep it. The baseline stays as awarded.",
        )
        self.measure.currentTextChanged.connect(self._show_current)
        self._show_current(self.measure.currentText())

    def _show_current(self, code: str) -> None:
        row = next((s for s in self._editor.status().commitments if s.code == code), None)
        if row is None:
            self.current.setText("")
            return
        eff = row.effective
        profile = " · ".join(row.format(v) for v in eff.years)
        self.current.setText(f"In force: target {row.format(eff.target)}; profile {profile}")

    def value(self) -> VariationInput:
        return VariationInput(
            code=self.measure.currentText(),
            day=self.date.value(),  # type: ignore[arg-type]  # accept() made sure of one
            reason=self.reason.toPlainText(),
            target=self.target.text(),
            yearly=[b.text() for b in self.years],
        )


def ask_variation(
    parent: QWidget | None, editor: DeliveryEditor, code: str, today: dt.date
) -> VariationInput | None:
    dialog = VariationDialog(parent, editor, code, today)
    return _answer(dialog, dialog.value)[1]


# Recovery action --------------------------------------------------------------------------------


class RecoveryDialog(QDialog):
    def __init__(self, parent: QWidget | None, editor: DeliveryEditor, code: str, key: str):
        super().__init__(parent)
        self.setWindowTitle("Add a recovery action")
        self.measure = _measure_box(self, editor, code)
        self.quarter = QComboBox(self)
        self.quarter.setAccessibleName("Quarter")
        for q in editor.quarters():
            self.quarter.addItem(q.label, q.key)
        now = editor.status().as_of
        chosen = key or (now.key if now else "")
        if chosen:
            self.quarter.setCurrentIndex(max(0, self.quarter.findData(chosen)))
        self.action = QPlainTextEdit(self)
        self.action.setAccessibleName("What will be done")
        self.action.setMaximumHeight(self.fontMetrics().height() * 5)
        self.owner = QLineEdit(self)
        self.owner.setAccessibleName("Owner")
        self.owner.setPlaceholderText("A role or team")
        self.due = OptionalDateEdit(self)
        self.due.setAccessibleName("Due by")
        form = QFormLayout()
        form.addRow("&Commitment:", self.measure)
        form.addRow("&Quarter:", self.quarter)
        form.addRow("&What will be done:", self.action)
        form.addRow("&Owner:", self.owner)
        form.addRow("D&ue by:", self.due)
        _lay_out(self, "Add", form)

    def value(self) -> RecoveryAction:
        return RecoveryAction(
            measure=self.measure.currentText() or "?",
            quarter=self.quarter.currentData() or "",
            action=self.action.toPlainText().strip()[:20_000],
            owner=self.owner.text().strip()[:500],
            due=self.due.value(),
        )


def ask_recovery(
    parent: QWidget | None, editor: DeliveryEditor, code: str, key: str
) -> RecoveryAction | None:
    dialog = RecoveryDialog(parent, editor, code, key)
    return _answer(dialog, dialog.value)[1]


# Thresholds -------------------------------------------------------------------------------------


class ThresholdsDialog(QDialog):
    """Where each Procurement Act level starts, as a share of the profile to date."""

    def __init__(self, parent: QWidget | None, current: Thresholds) -> None:
        super().__init__(parent)
        self.setWindowTitle("Status thresholds")
        self.boxes: list[QDoubleSpinBox] = []
        form = QFormLayout()
        for label, value in (
            ("&Good from:", current.good),
            ("&Approaching target from:", current.approaching),
            ("&Requires improvement from:", current.requires_improvement),
        ):
            box = QDoubleSpinBox(self)
            box.setRange(0, 200)
            box.setDecimals(0)
            box.setSuffix(" %")
            box.setValue(round(value * 100))
            box.setAccessibleName(label.replace("&", "").rstrip(":"))
            self.boxes.append(box)
            form.addRow(label, box)
        _lay_out(
            self,
            "Use these",
            "Delivery to date as a share of the profile to date. Below the last is Inadequate. "
            "Use your council's figures if it publishes others.",
            form,
        )

    def value(self) -> Thresholds | None:
        good, approaching, improvement = (b.value() / 100 for b in self.boxes)
        try:
            return Thresholds(good=good, approaching=approaching, requires_improvement=improvement)
        except ValueError:
            return None


def ask_thresholds(parent: QWidget | None, current: Thresholds) -> tuple[bool, Thresholds | None]:
    """(accepted, thresholds): thresholds None when the ones typed do not go down."""
    dialog = ThresholdsDialog(parent, current)
    return _answer(dialog, dialog.value)


# Import -----------------------------------------------------------------------------------------


def confirm_import(parent: QWidget | None, preview: ImportPreview) -> bool:
    """The preview of a good file: Import / Cancel."""
    count = len(preview.new) + len(preview.changes)
    box = dialogs.message_box(
        parent,
        QMessageBox.Icon.Question,
        "Import actuals",
        f"{preview.file}: {len(preview.new)} new, {len(preview.changes)} changed, "
        f"{len(preview.same)} already recorded. Import {count} actual{'s' if count != 1 else ''}?",
        details="\n".join(preview.lines()),
        informative="\n".join(preview.lines()[1:12] + preview.warnings[:3]),
    )
    box.setStandardButtons(Btn.Ok | Btn.Cancel)
    box.button(Btn.Ok).setText("Import")
    box.setDefaultButton(Btn.Ok)
    clicked = dialogs.exec_box(box)
    return clicked is not None and box.standardButton(clicked) == Btn.Ok


def show_import_errors(parent: QWidget | None, preview: ImportPreview) -> None:
    """A file with bad rows: nothing was imported; the rows at fault are listed."""
    rows = [str(e) for e in preview.errors]
    dialogs.tell(
        parent,
        "Nothing was imported",
        preview.error_sentence(),
        details="\n".join(preview.lines()),
        informative="Fix these rows and import the file again:\n" + dialogs.bulleted(rows, 12),
        warning=True,
    )


def show_nothing_to_import(parent: QWidget | None, preview: ImportPreview) -> None:
    dialogs.tell(
        parent,
        "Import actuals",
        f"{preview.file}: every actual in it is already recorded; nothing changes.",
    )


def choose_actuals_file(parent: QWidget | None, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import actuals", str(folder), ACTUALS_FILTER)
    return Path(name) if name else None


def choose_report_file(parent: QWidget | None, suggestion: Path) -> Path | None:
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Quarterly report", str(suggestion), REPORT_FILTER
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".docx", ".xlsx", ".csv"):
        suffix = ".xlsx" if "xlsx" in chosen else ".csv" if "csv" in chosen.lower() else ".docx"
        path = path.with_name(path.name + suffix)
    return path
