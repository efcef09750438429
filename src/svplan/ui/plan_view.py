"""The Plan tab: governance, the reporting calendar and plan-wide risks, with editable starting
text, and the contact-details setting (ui/plan_feature.py puts the tab in the window).

"Use suggested text" puts the starting text (core.governance_text) into the field, where the
bidder sees and edits it, as one undo step; the Word plan prints only what is in the fields.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from svplan.core.dates import format_date
from svplan.core.governance_text import (
    suggested_governance,
    suggested_reporting,
    suggested_risks,
)
from svplan.core.milestones import reporting_calendar
from svplan.ui.icons import icon
from svplan.ui.plan_editor import PlanEditor
from svplan.ui.risk_table import RatedRisksModel, use_rating_delegates
from svplan.ui.widgets.forms import align_labels, form_layout, hint_label, section_label
from svplan.ui.widgets.row_table import RowTableEditor
from svplan.ui.widgets.text_box import TextBox
from svplan.ui.widgets.undo_keys import DocumentUndoKeys

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument

MAX_WIDTH = 980
_log = logging.getLogger("svplan")

GOVERNANCE_TEXTS = (
    ("cadence", "Review &meetings:", "How often you review progress, and who attends"),
    ("escalation", "&Escalation:", "What happens when a commitment falls behind"),
    ("flow_down", "&Subcontractors:", "How commitments flow down to your subcontractors"),
    ("change_control", "C&hange control:", "How targets and partners are changed, and recorded"),
)
REPORTING_TEXTS = (
    ("verification", "&Verification:", "How figures are checked before each return"),
    ("annual_review", "Annual re&view:", "The yearly review with the authority"),
)


class PlanView(QWidget):
    """Edits the plan-wide parts; every change is an undo step on the document."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._editor = PlanEditor.of(document)
        self._loading = False
        self.setAccessibleName("Governance, reporting and plan-wide risks")
        self._undo_keys = DocumentUndoKeys(lambda: self._doc.undo_stack, self)
        self.lines: dict[str, QLineEdit] = {}
        self.boxes: dict[str, TextBox] = {}
        self.suggest_buttons: dict[str, QPushButton] = {}

        intro = hint_label(
            "What evaluators look for beyond the commitments: who is accountable, how progress is "
            "reviewed and reported, and the risks to the plan as a whole. Each “Use suggested "
            "text” button puts starting text into its field for you to edit; the Word plan "
            "prints only what is in the fields."
        )
        sponsor = form_layout()
        for field, label, hint in (
            ("name", "Executive &sponsor:", "Name of the director accountable for the plan"),
            ("role", "Sponsor's role:", "e.g. Operations Director"),
            ("email", "Sponsor's email:", ""),
            ("phone", "Sponsor's phone:", ""),
        ):
            edit = self._line(hint, lambda t, f=field: self._gov(f"sponsor.{f}", t))
            self.lines[f"sponsor.{field}"] = edit
            self._row(sponsor, label, edit)
        governance = form_layout()
        for field, label, hint in GOVERNANCE_TEXTS:
            box = self._box(hint, lambda t, f=field: self._gov(f, t))
            self.boxes[field] = box
            self._row(governance, label, box, self._suggest_button(field, box))

        self.calendar_label = hint_label()
        self.calendar_label.setAccessibleName("Reporting calendar")
        reporting = form_layout()
        reporting.addRow("Returns:", self.calendar_label)
        owner = self._line("Who owns and checks the figures", lambda t: self._rep("data_owner", t))
        self.lines["data_owner"] = owner
        self._row(reporting, "&Data owner:", owner, self._suggest_button("data_owner", owner))
        for field, label, hint in REPORTING_TEXTS:
            box = self._box(hint, lambda t, f=field: self._rep(f, t))
            self.boxes[field] = box
            self._row(reporting, label, box, self._suggest_button(field, box))

        self.risks_model = RatedRisksModel(self._editor.set_risks, self)
        icons = {name: icon(name) for name in ("add", "remove", "up", "down")}
        self.risks = RowTableEditor(self.risks_model, "risk", stretch=(0, 4), icons=icons)
        use_rating_delegates(self.risks.view, self.risks_model)
        self.risks.rowsEdited.connect(self._doc.seal_edit)
        self.suggest_risks = QPushButton("Add suggested risks")
        self.suggest_risks.setToolTip("Add three common plan-wide risks to the table, to edit")
        self.suggest_risks.clicked.connect(self.add_suggested_risks)

        self.contact_box = QCheckBox(
            "Print named officers' phone numbers and emails in the Word plan"
        )
        self.contact_box.setAccessibleName("Print contact details")
        self.contact_box.setToolTip(
            "Untick before publishing: contracts over £5m are published. Names, roles, "
            "organisations' own phone lines and websites are always printed."
        )
        self.contact_box.clicked.connect(self._editor.set_contact_details)

        content = QWidget()
        content.setMaximumWidth(MAX_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(20, 16, 20, 20)
        column.setSpacing(8)
        column.addWidget(intro)
        column.addWidget(section_label("Governance"))
        column.addLayout(sponsor)
        column.addLayout(governance)
        column.addWidget(section_label("Reporting calendar"))
        column.addLayout(reporting)
        column.addWidget(section_label("Plan-wide risks"))
        column.addWidget(self.risks)
        column.addWidget(self.suggest_risks, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(section_label("Personal data"))
        column.addWidget(self.contact_box)
        column.addStretch(1)
        align_labels([sponsor, governance, reporting])
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._undo_keys.watch(*self.lines.values(), *self.boxes.values())
        order = [*self.lines.values(), *self.boxes.values()]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        document.findingsChanged.connect(self.reload)
        document.planReset.connect(self.reload)
        document.bidChanged.connect(self.reload)
        self.reload()

    # building helpers -----------------------------------------------------------------------

    def _line(self, hint: str, on_edit: Callable[[str], None]) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(hint)
        edit.setMaxLength(500)
        edit.textEdited.connect(lambda t: self._guard(on_edit, t))
        edit.editingFinished.connect(self._doc.seal_edit)
        return edit

    def _box(self, hint: str, on_edit: Callable[[str], None]) -> TextBox:
        box = TextBox(lines=3)
        box.setPlaceholderText(hint)
        box.textEdited.connect(lambda t: self._guard(on_edit, t))
        box.editingFinished.connect(self._doc.seal_edit)
        return box

    def _row(self, form, label: str, field: QWidget, button: QWidget | None = None) -> None:
        title = QLabel(label)
        title.setBuddy(field)
        field.setAccessibleName(label.replace("&", "").rstrip(":"))
        if button is None:
            form.addRow(title, field)
            return
        row = QHBoxLayout()
        row.addWidget(field, 1)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(title, row)

    def _suggest_button(self, field: str, target: QWidget) -> QPushButton:
        button = QPushButton("Use suggested text")
        button.setAccessibleName(f"Use suggested text for {field.replace('_', ' ')}")
        button.setToolTip("Put starting text into this field, for you to edit")
        button.clicked.connect(lambda: self.use_suggestion(field))
        self.suggest_buttons[field] = button
        return button

    # showing --------------------------------------------------------------------------------

    def reload(self) -> None:
        if self._doc.catalogue is None:  # still loading at start-up: no plan yet
            return
        plan = self._doc.plan
        self._loading = True
        try:
            g, r = plan.governance, plan.reporting
            values = {
                f"sponsor.{k}": getattr(g.sponsor, k) for k in ("name", "role", "email", "phone")
            }
            values["data_owner"] = r.data_owner
            for field, edit in self.lines.items():
                if edit.text() != values[field]:
                    edit.setText(values[field])
            for field, box in self.boxes.items():
                box.set_text(self._value(field))
            self.risks_model.set_rows(plan.risks)
            self.contact_box.setChecked(plan.options.contact_details)
            for field, button in self.suggest_buttons.items():
                button.setEnabled(not self._value(field).strip())
        finally:
            self._loading = False
        self.calendar_label.setText(self._calendar_text())

    def _value(self, field: str) -> str:
        plan = self._doc.plan
        if any(field == f for f, *_ in GOVERNANCE_TEXTS):
            return getattr(plan.governance, field)
        return getattr(plan.reporting, field)

    def _calendar_text(self) -> str:
        items = reporting_calendar(self._doc.plan)
        returns = [i for i in items if not i.annual]
        if not returns:
            return "Set the contract start and length (Bid details) to date the returns."
        first = returns[0]
        reviews = [i for i in items if i.annual]
        text = (
            f"A return each quarter, due by the end of the following month: {len(returns)} "
            f"returns, the first for {first.period.key} due by {format_date(first.due)}."
        )
        if reviews:
            text += f" Annual reviews: {', '.join(format_date(i.due) for i in reviews)}."
        return text

    # editing --------------------------------------------------------------------------------

    def _guard(self, edit: Callable[[str], None], text: str) -> None:
        if self._loading:
            return
        try:
            edit(text)
        except ValueError:
            _log.warning("ignored an invalid plan-wide edit")
            self.reload()

    def _gov(self, field: str, text: str) -> None:
        self._editor.set_governance(field, text)

    def _rep(self, field: str, text: str) -> None:
        self._editor.set_reporting(field, text)

    def use_suggestion(self, field: str) -> None:
        """Fill an empty field with its starting text (one undo step), visibly."""
        if self._value(field).strip():
            return
        plan = self._doc.plan
        texts: dict[str, Any] = {**suggested_governance(plan), **suggested_reporting(plan)}
        self._doc.seal_edit()
        if any(field == f for f, *_ in GOVERNANCE_TEXTS):
            self._editor.set_governance(field, texts[field], merge=False)
        else:
            self._editor.set_reporting(field, texts[field], merge=False)
        self._doc.seal_edit()

    def add_suggested_risks(self) -> None:
        plan = self._doc.plan
        known = {r.risk for r in plan.risks}
        extra = [r for r in suggested_risks(plan) if r.risk not in known]
        if extra:
            self._doc.seal_edit()
            self._editor.set_risks([*plan.risks, *extra])

    def commit_pending(self) -> None:
        self.risks.commit_pending()
        self._doc.seal_edit()
