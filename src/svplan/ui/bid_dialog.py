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
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from svplan.core.plan import MAX_MONTHS, MAX_SHORT, MAX_TARGET, Bid
from svplan.ui.plan_document import PlanDocument
from svplan.ui.widgets.date_edit import OptionalDateEdit
from svplan.ui.widgets.forms import problem_label
from svplan.ui.widgets.number_box import OptionalNumberBox

STATUS_CHOICES = ("Draft", "Draft for submission", "Final", "Submitted", "Contract version")


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

        tender = QGroupBox("Tender and contract")
        form = _form()
        self._add(form, "&Tender title:", self.title)
        self._add(form, "&Reference:", self.reference)
        self._add(form, "&Contracting authority:", self.authority)
        self._add(form, "&Bidder:", self.bidder)
        self._add(form, "Contract &value:", self.value, stretch=True, note=self.value_problem)
        self._add(form, "&Start date:", self.start, stretch=True)
        self.months.setMinimumWidth(140)
        months_row = QHBoxLayout()
        months_row.setSpacing(10)
        months_row.addWidget(self.months)
        months_row.addWidget(self.length_hint, 1)
        label = QLabel("&Length:")
        label.setBuddy(self.months)
        form.addRow(label, months_row)
        tender.setLayout(form)

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
        document_box = QGroupBox("This document")
        form = _form()
        self._add(form, "V&ersion:", self.version, stretch=True)
        self._add(form, "Stat&us:", self.status, stretch=True)
        self._add(form, "&Issued on:", self.issued, stretch=True, note=self.issued_hint)
        document_box.setLayout(form)

        self.lead_name = _line("Social value lead name", "The person accountable for delivery")
        self.lead_role = _line("Social value lead role", "e.g. Social Value Manager")
        self.lead_email = _line("Social value lead email", "name@company.co.uk")
        self.lead_phone = _line("Social value lead phone", "e.g. 01772 000000")
        lead = QGroupBox("Social value lead")
        form = _form()
        self._add(form, "&Name:", self.lead_name)
        self._add(form, "R&ole:", self.lead_role)
        self._add(form, "E&mail:", self.lead_email)
        self._add(form, "&Phone:", self.lead_phone)
        lead.setLayout(form)

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
    def _add(
        form: QFormLayout, text: str, field: QWidget, stretch: bool = False, note=None
    ) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        if stretch:
            row = QHBoxLayout()
            row.addWidget(field)
            if note is not None:
                row.addWidget(note)
            row.addStretch(1)
            field.setMinimumWidth(180)
            form.addRow(label, row)
        else:
            form.addRow(label, field)

    @staticmethod
    def _align(boxes: list[QGroupBox]) -> None:
        labels = [label for box in boxes for label in box.findChildren(QLabel) if label.buddy()]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _load(self) -> None:
        bid, lead = self._doc.plan.bid, self._doc.plan.lead
        self.title.setText(bid.title)
        self.reference.setText(bid.reference)
        self.authority.setText(bid.authority)
        self.bidder.setText(bid.bidder)
        self.value.set_number(bid.contract_value)
        self.start.set_value(bid.start)
        self.months.setValue(bid.months or 0)
        self.version.setText(bid.version)
        self.status.setCurrentText(bid.status)
        self.issued.set_value(bid.issued)
        self.issued_hint.setVisible(bid.issued is None)
        self.lead_name.setText(lead.name)
        self.lead_role.setText(lead.role)
        self.lead_email.setText(lead.email)
        self.lead_phone.setText(lead.phone)
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
        return {
            "name": self.lead_name.text().strip(),
            "role": self.lead_role.text().strip(),
            "email": self.lead_email.text().strip(),
            "phone": self.lead_phone.text().strip(),
        }

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
