"""The questions and message boxes of the tender features (answer, entry sheet, partner emails,
a new plan from a past bid). Built here, shown through ui/dialogs.py's exec_box/exec_dialog so
tests answer for the user; each function returns plain values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from svplan import APP_NAME
from svplan.core.plan import Bid
from svplan.ui import dialogs

SHEET_FILTERS = {"Excel workbook (*.xlsx)": ".xlsx", "CSV, UTF-8 (*.csv)": ".csv"}
Btn = QMessageBox.StandardButton


def choose_entry_sheet(parent: QWidget | None, suggestion: Path) -> Path | None:
    """Where to write the Portal entry sheet (.xlsx or .csv, as chosen)."""
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export the Portal entry sheet", str(suggestion), ";;".join(SHEET_FILTERS)
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in SHEET_FILTERS.values():
        path = path.with_name(path.name + SHEET_FILTERS.get(chosen, ".xlsx"))
    return path


def choose_past_bid(parent: QWidget | None, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Start from a past bid", str(folder), dialogs.PLAN_FILTER
    )
    return Path(name) if name else None


@dataclass(frozen=True)
class NewContract:
    """What the user typed for the new contract (None: not given)."""

    title: str
    value: Decimal | None
    months: int | None
    start: dt.date | None
    scale: bool


class PastBidDialog(QDialog):
    """The new contract's details; typed text is read by the shared parsers, never guessed."""

    def __init__(self, old: Bid, source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from svplan.core.amounts import pounds

        self.setWindowTitle(f"New plan from a past bid — {APP_NAME}")
        self.result_value: NewContract | None = None
        intro = QLabel(
            f"The commitments of {source} and how they are delivered are copied. The bid "
            "details, dates, partner statuses and the tender answer are cleared; "
            f"{source} itself is not changed."
        )
        intro.setWordWrap(True)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("New tender title")
        self.value_edit = QLineEdit()
        self.value_edit.setAccessibleName("New contract value")
        self.value_edit.setPlaceholderText(
            f"was {pounds(old.contract_value)}" if old.contract_value else "e.g. £2.4m"
        )
        self.months_edit = QLineEdit()
        self.months_edit.setAccessibleName("New contract length in months")
        self.months_edit.setPlaceholderText(f"was {old.months}" if old.months else "e.g. 36")
        self.start_edit = QLineEdit()
        self.start_edit.setAccessibleName("New contract start")
        self.start_edit.setPlaceholderText("e.g. 1/4/2028")
        self.scale_box = QCheckBox("Scale the targets to the new contract value and length")
        self.scale_box.setChecked(True)
        self.scale_box.setToolTip("Every scaled figure is marked to check until you confirm it")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Tender &title:", self.title_edit)
        form.addRow("Contract &value:", self.value_edit)
        form.addRow("&Length (months):", self.months_edit)
        form.addRow("&Start date:", self.start_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton("Create plan", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.scale_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def read(self) -> NewContract:
        """The typed values; ValueError with one sentence naming the field that cannot be read."""
        from svplan.core.amounts import AmountError, parse_amount
        from svplan.core.dates import DateError, parse_date
        from svplan.core.plan import MAX_MONTHS

        value = months = start = None
        text = self.value_edit.text().strip()
        if text:
            try:
                value = parse_amount(text, what="contract value")
            except AmountError as exc:
                raise ValueError(f"Contract value: {exc}") from None
        text = self.months_edit.text().strip()
        if text:
            if not text.isdigit() or not 1 <= int(text) <= MAX_MONTHS:
                raise ValueError(f"Length: give a whole number of months from 1 to {MAX_MONTHS}.")
            months = int(text)
        text = self.start_edit.text().strip()
        if text:
            try:
                start = parse_date(text)
            except DateError as exc:
                raise ValueError(f"Start date: {exc}") from None
        return NewContract(
            " ".join(self.title_edit.text().split()),
            value,
            months,
            start,
            self.scale_box.isChecked(),
        )

    def accept(self) -> None:
        try:
            self.result_value = self.read()
        except ValueError as exc:
            self.error.setText(str(exc))  # the dialog stays open; nothing changes
            return
        super().accept()


def ask_new_contract(parent: QWidget | None, old: Bid, source: str) -> NewContract | None:
    dialog = PastBidDialog(old, source, parent)
    if dialogs.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_value


def show_reuse_summary(parent: QWidget | None, text: str, lines: list[str]) -> None:
    dialogs.tell(parent, "New plan from a past bid", text, informative="\n".join(lines))


def confirm_recompose(parent: QWidget | None) -> bool:
    """Replacing the bidder's edited answer needs their yes (Undo brings it back)."""
    box = dialogs.message_box(
        parent,
        QMessageBox.Icon.Question,
        "Compose the answer again",
        "Replace your edited answer with a new one composed from the plan?",
        informative="Your edits are kept in the plan until you do; Undo brings them back.",
    )
    replace = box.addButton("&Replace my edits", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("&Keep my edits", QMessageBox.ButtonRole.RejectRole)
    return dialogs.exec_box(box) is replace


def mail_copied(parent: QWidget | None, reason: str) -> None:
    """The email could not go to a mail program: it is on the clipboard instead."""
    dialogs.tell(
        parent,
        "Email copied",
        f"{reason} The whole email (addresses, subject and text) is on the clipboard: paste it "
        "into a new email.",
    )


def ask_record_contacted(parent: QWidget | None, names: list[str], opened: bool) -> bool:
    """One click records the partners as contacted today."""
    who = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    where = "Your mail program has the email to review and send." if opened else ""
    box = dialogs.message_box(
        parent,
        QMessageBox.Icon.Question,
        "Partners contacted",
        f"Record {who} as contacted today?",
        informative=where,
    )
    record = box.addButton("&Record as contacted", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(record)
    return dialogs.exec_box(box) is record
