"""The delivery record's undo path: every change after the award is one undo step on the
document's stack, so autosave, crash recovery and Save see it like any other edit.

`DeliveryEditor` wraps the PlanDocument for the Delivery view, the dialogs and the import. Each
method calls a pure function of core.delivery / core.actuals (which raises DeliveryError with one
sentence when the change cannot be made) and pushes a `DeliveryCommand` holding the delivery
record before and after (and the commitment a variation changed). Typing in a note merges into
one step until the field is left, as everywhere else in the app.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from svplan.core import actuals as core_actuals
from svplan.core import delivery as core_delivery
from svplan.core.actuals_import import ImportPreview, apply_import, preview_import
from svplan.core.dates import format_date
from svplan.core.delivery import DeliveryError, DeliveryStatus
from svplan.core.periods import Period
from svplan.core.plan import Commitment, Delivery, Evidence, Plan, RecoveryAction, Thresholds
from svplan.ui.undo import Change, PlanCommand

if TYPE_CHECKING:
    from svplan.core.catalogue import Catalogue
    from svplan.ui.plan_document import PlanDocument

DELIVERY_EDIT_ID = 1501
State = tuple[Delivery, Commitment | None]  # the record, and the commitment a variation changed


class DeliveryCommand(PlanCommand):
    """Replace the delivery record (and, for a variation, one commitment)."""

    merge_id = DELIVERY_EDIT_ID

    def __init__(
        self,
        editor: DeliveryEditor,
        old: State,
        new: State,
        text: str,
        merge_field: str | None = None,
    ) -> None:
        super().__init__(editor.document, old, new, text, merge_field)
        self._editor = editor

    def _continues(self, other: PlanCommand) -> bool:
        return isinstance(other, DeliveryCommand) and other.old[0] is self.new[0]

    def redo(self) -> None:
        self._editor.apply_state(self.new)

    def undo(self) -> None:
        self._editor.apply_state(self.old)


class DeliveryEditor(QObject):
    """The Delivery view's access to the plan: reads the status, pushes undoable changes."""

    changed = Signal()  # the delivery record, the plan or the catalogue changed

    def __init__(self, document: PlanDocument, parent: QObject | None = None) -> None:
        super().__init__(parent or document)
        self.document = document
        self._status: DeliveryStatus | None = None
        # anything that moves the status: the record (apply_state), targets, commitments, the
        # contract's dates (bid details), another plan or catalogue
        for signal in (
            document.planReset,
            document.commitmentsChanged,
            document.commitmentChanged,
            document.bidChanged,
        ):
            signal.connect(self._invalidate)

    # Reading ------------------------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        return self.document.plan

    @property
    def catalogue(self) -> Catalogue:
        return self.document.catalogue

    def is_awarded(self) -> bool:
        return core_delivery.is_awarded(self.plan)

    def quarters(self) -> list[Period]:
        return core_delivery.quarters_of(self.plan)

    def status(self) -> DeliveryStatus:
        """Every commitment's status at the latest quarter with an actual (cached)."""
        if self._status is None:
            try:
                self._status = core_delivery.delivery_status(self.plan, self.catalogue)
            except DeliveryError:  # thresholds that go up (a hand-edited file)
                self._status = core_delivery.DeliveryStatus(None, ())
        return self._status

    def status_at(self, period: Period | None) -> DeliveryStatus:
        return core_delivery.delivery_status(self.plan, self.catalogue, period)

    def actual(self, code: str, key: str):  # type: ignore[no-untyped-def]
        return core_actuals.find_actual(self.plan, code, key)

    # Changing -----------------------------------------------------------------------------------

    def award(self, day: dt.date) -> None:
        new = core_delivery.award(self.plan, day)
        self._push(new, f"Mark as awarded on {format_date(day)}")

    def set_actual(self, code: str, key: str, text: str | None) -> None:
        new = core_actuals.set_actual(self.plan, self.catalogue, code, key, text)
        self._push(new, f"Actual {code} {key}")

    def clear_actuals(self, cells: list[tuple[str, str]]) -> None:
        """Clear several cells as one undo step (Delete on a selection)."""
        plan = self.plan
        for code, key in cells:
            plan = core_actuals.set_actual(plan, self.catalogue, code, key, None)
        self._push(plan, f"Clear {len(cells)} actual{'s' if len(cells) != 1 else ''}")

    def set_note(self, code: str, key: str, note: str) -> None:
        found = self.actual(code, key)
        if found is None:
            raise DeliveryError(f"Type the actual for {code} {key} first; the note goes with it.")
        new = core_actuals.set_actual(self.plan, self.catalogue, code, key, found.actual, note=note)
        self._push(new, f"Note {code} {key}", merge=f"note {code} {key}")

    def set_evidence(self, code: str, key: str, items: list[Evidence]) -> None:
        found = self.actual(code, key)
        if found is None:
            raise DeliveryError(f"Type the actual for {code} {key} first; evidence goes with it.")
        new = core_actuals.set_actual(
            self.plan, self.catalogue, code, key, found.actual, evidence=items
        )
        self._push(new, f"Evidence {code} {key}", merge=f"evidence {code} {key}")

    def vary(
        self,
        code: str,
        day: dt.date,
        reason: str,
        target: float | None,
        yearly: list[float] | None,
    ) -> None:
        new = core_delivery.vary(
            self.plan, self.catalogue, code, day, reason, target=target, yearly=yearly
        )
        self._push(new, f"Variation to {code}", code=code)

    def add_recovery(self, action: RecoveryAction) -> None:
        new = core_actuals.add_recovery(self.plan, action)
        self._push(new, f"Recovery action for {action.measure}")

    def remove_recovery(self, index: int) -> None:
        actions = list(self.plan.delivery.recovery)
        gone = actions.pop(index)
        self._push(
            core_actuals.set_recovery(self.plan, actions),
            f"Remove recovery action ({gone.measure})",
        )

    def set_thresholds(self, thresholds: Thresholds) -> None:
        core_delivery.check_thresholds(thresholds)
        delivery = self.plan.delivery.model_copy(update={"thresholds": thresholds})
        self._push(self.plan.model_copy(update={"delivery": delivery}), "Status thresholds")

    def preview_import(self, path: Path) -> ImportPreview:
        """The import's preview (ImportFileError / DeliveryError when the file is unusable)."""
        return preview_import(self.plan, self.catalogue, path)

    def apply_import(self, preview: ImportPreview) -> None:
        """Apply a preview without errors as one undo step (ImportRowsError otherwise)."""
        new = apply_import(self.plan, preview)
        count = len(preview.new) + len(preview.changes)
        self._push(new, f"Import {count} actual{'s' if count != 1 else ''} from {preview.file}")

    # The undo command's side ------------------------------------------------------------------

    def apply_state(self, state: State) -> None:
        """Put a delivery record (and commitment) into the current plan (undo/redo)."""
        delivery, commitment = state
        plan = self.plan.model_copy(update={"delivery": delivery})
        code = ""
        if commitment is not None:
            code = commitment.measure
            commitments = [
                commitment if c.measure.upper() == code.upper() else c for c in plan.commitments
            ]
            plan = plan.model_copy(update={"commitments": commitments})
        self.document.apply_edit(plan, Change(code=code))
        if not code:  # a changed commitment has told everyone already
            self._invalidate()

    def _push(self, new: Plan, text: str, *, merge: str | None = None, code: str = "") -> None:
        old = self.plan
        if new is old or (new.delivery == old.delivery and not code):
            return
        before = old.commitment(code) if code else None
        after = new.commitment(code) if code else None
        command = DeliveryCommand(self, (old.delivery, before), (new.delivery, after), text, merge)
        self.document.undo_stack.push(command)

    def _invalidate(self, *_: object) -> None:
        self._status = None
        self.changed.emit()
