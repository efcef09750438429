"""The plan-wide parts of a plan (governance, reporting calendar owner and checks, plan-wide risks,
the contact-details setting) and the only way the UI changes them: one undo command per change,
typing in one field merging into one step, like every other edit of the document."""

from __future__ import annotations

from typing import Any

from svplan.core.plan import Governance, ReportingPlan
from svplan.ui.part_editor import PartEditor
from svplan.ui.undo import Change

PLAN_PARTS_EDIT_ID = 1401
PARTS = ("governance", "reporting", "risks", "options")


class PlanEditor(PartEditor):
    """Changes the plan-wide parts through the document's undo stack."""

    merge_id = PLAN_PARTS_EDIT_ID

    def parts(self) -> dict[str, Any]:
        return {name: getattr(self.plan, name) for name in PARTS}

    def apply_parts(self, parts: dict[str, Any]) -> None:
        """Put the parts into the current plan (undo/redo)."""
        self.document.apply_edit(self.plan.model_copy(update=parts), Change())

    # changing ---------------------------------------------------------------------------------

    def set_governance(self, field: str, value: Any, *, merge: bool = True) -> None:
        """A governance text field, or the sponsor's name/role/email/phone ('sponsor.name')."""
        g = self.plan.governance
        if field.startswith("sponsor."):
            sponsor = g.sponsor.model_copy(update={field.split(".", 1)[1]: value})
            new = Governance.model_validate({**g.model_dump(), "sponsor": sponsor.model_dump()})
        else:
            new = Governance.model_validate({**g.model_dump(), field: value})
        self._push({"governance": new}, "Edit governance", field if merge else None)

    def set_reporting(self, field: str, value: Any, *, merge: bool = True) -> None:
        r = self.plan.reporting
        new = ReportingPlan.model_validate({**r.model_dump(), field: value})
        self._push({"reporting": new}, "Edit reporting calendar", field if merge else None)

    def set_risks(self, risks: list) -> None:
        self._push({"risks": list(risks)}, "Edit plan-wide risks", None)

    def set_contact_details(self, on: bool) -> None:
        new = self.plan.options.model_copy(update={"contact_details": bool(on)})
        text = "Include contact details" if on else "Leave out contact details"
        self._push({"options": new}, text, None)

    def _push(self, changes: dict[str, Any], text: str, merge_field: str | None) -> None:
        old = self.parts()
        new = {**old, **changes}
        if new == old:
            return
        self.push_part(self.apply_parts, old, new, text, merge_field)
