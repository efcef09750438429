"""Bid details: the tender, the contract, the document and the social value lead (one undo step)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from svplan.core.plan import MAX_MONTHS, MAX_SHORT, MAX_TARGET, Bid
from svplan.ui.plan_document import PlanDocument
from svplan.ui.widgets.date_edit import OptionalDateEdit
from svplan.ui.widgets.forms import add_row, problem_label, set_line
from svplan.ui.widgets.number_box import OptionalNumberBox

STATUS_CHOICES = ("Draft", "Draft for submission", "Final", "Submitted", "Contract version")
# the social value lead's fields: Person field -> (label, accessible name, placeholder)
LEAD_FIELDS = {
    "name": ("&Name:", "Social value lead name", "The person accountable for delivery"),
    "role": ("R&ole:", "Social value lead role", "e.g. Social Value Manager"),
    "email": ("E&mail:", "Social value lead email", "name@company.co.uk"),
    "phone": ("&Phone:", "Social value lead phone", "e.g. 01772 000000"),
}


def _line(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(MAX_SHORT)
    edit.setMinimumWidth(320)
    return edit


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(8)
    return form


def _short(field: QWidget, note: QWidget | None = None) -> QHBoxLayout:
    """A field only as wide as its values (180 px at least), with a note beside it."""
    row = QHBoxLayout()
    row.addWidget(field)
    if note is not None:
        row.addWidget(note)
    row.addStretch(1)
    field.setMinimumWidth(180)
    return row


def _group(title: str, *rows: tuple[str, QWidget] | tuple[str, QLayout, QWidget]) -> QGroupBox:
    """A titled box with a form of rows (label, field) or (label, row of widgets, the widget the
    label's access key goes to)."""
    form = _form()
    for row in rows:
        add_row(form, *row)
    box = QGroupBox(title)
    box.setLayout(form)
    return box


class BidDialog(QDialog):
    """Edit the bid and the social value lead; OK applies every change as one undo step."""

    def __init__(
        self, document: PlanDocument, parent: QWidget | None = None, *, first_time: bool = False
    ) -> None:
        super().__init__(parent)
        self._doc = document
        self.first_time = first_time  # a new plan: Cancel or Escape cancels the plan too
        self.setWindowTitle("New plan — bid details" if first_time else "Bid details")
        self.setAccessibleName("Bid details")
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        if first_time:
            intro = QLabel(
                "Tell us about the tender. Everything here goes on the cover and into the "
                "contract section of the Word plan. You can leave fields empty and change them "
                "later from Bid details (Ctrl+B)."
            )
            intro.setWordWrap(True)
            intro.setObjectName("hint")
            layout.addWidget(intro)

        self.title = _line("Tender title", "e.g. Highways maintenance framework")
        self.reference = _line("Tender reference", "e.g. LCC/2027/0042")
        self.authority = _line("Contracting authority", "e.g. Lancashire County Council")
        self.bidder = _line("Bidder", "Your organisation's name")
        self.value = OptionalNumberBox()
        self.value.setAccessibleName("Contract value in pounds")
        self.value.setPrefix("£")
        self.value.set_range(0, MAX_TARGET, 0)
        self.start = OptionalDateEdit()
        self.start.setAccessibleName("Contract start date")
        self.value_problem = problem_label(self.value)  # "-5", letters: refused, said why
        self.months = QSpinBox()
        self.months.setAccessibleName("Contract length in months")
        self.months.setRange(0, MAX_MONTHS)
        self.months.setSpecialValueText("Not set")
        self.months.setSuffix(" months")
        self.length_hint = QLabel()
        self.length_hint.setObjectName("hint")
        self.start.dateEdited.connect(self._update_length_hint)
        self.months.valueChanged.connect(self._update_length_hint)

        self.months.setMinimumWidth(140)
        months_row = QHBoxLayout()
        months_row.setSpacing(10)
        months_row.addWidget(self.months)
        months_row.addWidget(self.length_hint, 1)
        tender = _group(
            "Tender and contract",
            ("&Tender title:", self.title),
            ("&Reference:", self.reference),
            ("&Contracting authority:", self.authority),
            ("&Bidder:", self.bidder),
            ("Contract &value:", _short(self.value, self.value_problem), self.value),
            ("&Start date:", _short(self.start), self.start),
            ("&Length:", months_row, self.months),
        )

        self.version = _line("Document version", "e.g. 1.0")
        self.status = QComboBox()
        self.status.setEditable(True)
        self.status.addItems(["", *STATUS_CHOICES])
        self.status.setAccessibleName("Document status")
        self.status.lineEdit().setPlaceholderText("e.g. Draft")
        self.status.lineEdit().setMaxLength(MAX_SHORT)
        self.issued = OptionalDateEdit()
        self.issued.setAccessibleName("Date of issue")
        # the calendar opens at the contract start typed above, else the plan's
        self.issued.set_calendar_start(lambda: self.start.value() or document.plan.bid.start)
        self.issued_hint = QLabel("Not set: the cover shows the day you export")
        self.issued_hint.setObjectName("hint")
        self.issued.dateEdited.connect(lambda day: self.issued_hint.setVisible(day is None))
        document_box = _group(
            "This document",
            ("V&ersion:", _short(self.version), self.version),
            ("Stat&us:", _short(self.status), self.status),
            ("&Issued on:", _short(self.issued, self.issued_hint), self.issued),
        )

        self.lead_edits = {key: _line(name, hint) for key, (_, name, hint) in LEAD_FIELDS.items()}
        self.lead_name, self.lead_role, self.lead_email, self.lead_phone = self.lead_edits.values()
        lead = _group(
            "Social value lead",
            *((label, self.lead_edits[key]) for key, (label, _, _) in LEAD_FIELDS.items()),
        )

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout.addWidget(tender)
        layout.addWidget(document_box)
        layout.addWidget(lead)
        layout.addWidget(buttons)
        self._align([tender, document_box, lead])
        self._load()

    @staticmethod
    def _align(boxes: list[QGroupBox]) -> None:
        labels = [label for box in boxes for label in box.findChildren(QLabel) if label.buddy()]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _load(self) -> None:
        bid, lead = self._doc.plan.bid, self._doc.plan.lead
        for edit, text in (
            (self.title, bid.title),
            (self.reference, bid.reference),
            (self.authority, bid.authority),
            (self.bidder, bid.bidder),
            (self.version, bid.version),
        ):
            set_line(edit, text)
        self.value.set_number(bid.contract_value)
        self.start.set_value(bid.start)
        self.months.setValue(bid.months or 0)
        self.status.setCurrentText(bid.status)
        self.issued.set_value(bid.issued)
        self.issued_hint.setVisible(bid.issued is None)
        for key, edit in self.lead_edits.items():
            set_line(edit, getattr(lead, key))
        self._update_length_hint()

    def bid_fields(self) -> dict[str, Any]:
        return {
            "title": self.title.text().strip(),
            "reference": self.reference.text().strip(),
            "authority": self.authority.text().strip(),
            "bidder": self.bidder.text().strip(),
            "contract_value": self.value.number(),
            "start": self.start.value(),
            "months": self.months.value() or None,
            "version": self.version.text().strip(),
            "status": self.status.currentText().strip(),
            "issued": self.issued.value(),
        }

    def lead_fields(self) -> dict[str, Any]:
        return {key: edit.text().strip() for key, edit in self.lead_edits.items()}

    def _update_length_hint(self, *_: object) -> None:
        months = self.months.value()
        if not months:
            self.length_hint.setText("needed to split targets by year")
            return
        bid = Bid(start=self.start.value(), months=months)
        years = bid.years or 0
        text = f"{years} contract year{'s' if years != 1 else ''}"
        if bid.end is not None:
            text += f", ending {bid.end.day} {bid.end:%B %Y}"
        self.length_hint.setText(text)

    def accept(self) -> None:
        """Apply the changes (one undo step) and close; a date typed that is not a date keeps
        the dialog open, with the reason next to it."""
        for field in (self.start, self.issued):
            if not field.commit():
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                field.lineEdit().selectAll()
                return
        self._doc.seal_edit()
        self._doc.update_bid_and_lead(self.bid_fields(), self.lead_fields())
        super().accept()
