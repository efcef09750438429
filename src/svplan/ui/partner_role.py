"""A partner's role on this contract, in the partners panel: engagement status (one click), its
date, and what the partner will do, in the bidder's words. Every change is an undo step on the
document (core.partner_roles.with_role); typing in the role merges into one step."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from svplan.core.catalogue import Partner
from svplan.core.partner_roles import ENGAGEMENT_STEPS, role_of, with_role
from svplan.core.plan import Engagement, PartnerRole
from svplan.ui.widgets.date_edit import OptionalDateEdit
from svplan.ui.widgets.flow_layout import FlowLayout
from svplan.ui.widgets.forms import set_line

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument

_log = logging.getLogger("svplan")
STEP_TEXT = {
    Engagement.IDENTIFIED: "Identified",
    Engagement.CONTACTED: "Contacted",
    Engagement.AGREED: "Agreed",
    Engagement.LETTER: "Letter of support",
}


class PartnerRoleEditor(QWidget):
    """Status buttons, the status date and the role line for one partner on one measure."""

    roleEdited = Signal(str, object)  # partner id, {field: value}
    editingFinished = Signal()

    def __init__(self, partner: Partner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.partner = partner
        self._loading = False
        self.setAccessibleName(f"{partner.name} on this contract")
        heading = QLabel("On this contract")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)

        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # a second click on the status clears it
        self.buttons: dict[Engagement, QPushButton] = {}
        steps = FlowLayout(spacing=4)  # wraps in a narrow panel instead of running off its edge
        for step in ENGAGEMENT_STEPS:
            button = QPushButton(STEP_TEXT[step])
            button.setCheckable(True)
            button.setAccessibleName(f"{partner.name}: {STEP_TEXT[step].lower()}")
            button.setToolTip(
                f"Record {partner.name} as {STEP_TEXT[step].lower()} (click again to clear)"
            )
            button.clicked.connect(lambda on, s=step: self._on_step(s, on))
            self.group.addButton(button)
            self.buttons[step] = button
            steps.addWidget(button)

        self.date = OptionalDateEdit(empty_text="No date")
        self.date.setAccessibleName(f"Date {partner.name} reached this status")
        self.date.dateEdited.connect(self._on_date)
        date_row = QHBoxLayout()
        date_label = QLabel("Since:")
        date_label.setBuddy(self.date)
        date_row.addWidget(date_label)
        date_row.addWidget(self.date)
        date_row.addStretch(1)

        self.role = QLineEdit()
        self.role.setAccessibleName(f"Role of {partner.name} on this contract")
        self.role.setPlaceholderText("What they will do on this contract, in your words")
        self.role.setMaxLength(500)
        self.role.textEdited.connect(lambda text: self._emit(role=text))
        self.role.editingFinished.connect(self.editingFinished)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(heading)
        layout.addLayout(steps)
        layout.addLayout(date_row)
        layout.addWidget(self.role)

    def show_role(self, role: PartnerRole | None, enabled: bool, why: str = "") -> None:
        """Show the recorded role (None: nothing recorded) without emitting edits."""
        self._loading = True
        try:
            status = role.status if role else None
            for step, button in self.buttons.items():
                button.setChecked(step is status)
            self.date.set_value(role.date if role else None)
            text = role.role if role else ""
            set_line(self.role, text)
        finally:
            self._loading = False
        self.setEnabled(enabled)
        self.setToolTip("" if enabled else why)

    def status(self) -> Engagement | None:
        return next((s for s, b in self.buttons.items() if b.isChecked()), None)

    def _on_step(self, step: Engagement, on: bool) -> None:
        for other, button in self.buttons.items():
            if other is not step:
                button.setChecked(False)
        fields: dict[str, Any] = {"status": step if on else None}
        if on and self.date.value() is None:
            fields["date"] = dt.date.today()  # shown at once, and the bidder can change it
        self._emit(**fields)
        self.editingFinished.emit()

    def _on_date(self, value: dt.date | None) -> None:
        self._emit(date=value)
        self.editingFinished.emit()

    def _emit(self, **fields: Any) -> None:
        if not self._loading:
            self.roleEdited.emit(self.partner.id, fields)


def edit_role(document: PlanDocument, code: str, partner_id: str, fields: dict[str, Any]) -> bool:
    """Apply a role edit to the commitment for `code` (one undo step; typing merges)."""
    c = document.commitment(code)
    if c is None:
        return False
    try:
        new = with_role(c, partner_id, **fields)
        document.update_commitment(code, roles=new.roles)
    except ValueError:
        _log.warning("ignored an invalid partner role edit")
        return False
    return True


def role_state(
    document: PlanDocument, code: str, partner_id: str
) -> tuple[PartnerRole | None, bool, str]:
    """What the editor shows for a partner: its role, whether it can be edited, and why not."""
    if not document.is_committed(code):
        return None, False, f"Tick {code} in the list of measures first"
    if not document.partner_included(code, partner_id):
        return (
            role_of(document.commitment(code), partner_id),
            False,
            ("Tick 'Include in plan' to record this partner's role"),
        )
    return role_of(document.commitment(code), partner_id), True, ""


__all__ = ["PartnerRoleEditor", "edit_role", "role_state"]
