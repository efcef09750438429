"""PlanDocument: the open plan and its catalogue, and the only way the UI changes a plan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from svplan.core.errors import SaveError
from svplan.ui.undo import BidCommand, Change, CommitmentCommand, PlanCommand

# The core (pydantic) modules are imported on first use, not with this module: the window is
# built, with its document, before the catalogue is loaded, and the start page needs neither.
if TYPE_CHECKING:
    from svplan.core.catalogue import Catalogue
    from svplan.core.checks import Finding
    from svplan.core.plan import Bid, Commitment, Person, Plan

UNTITLED = "Untitled plan"
# Fields whose consecutive edits (typing) merge into one undo step.
MERGE_FIELDS = frozenset(
    {
        "target",
        "yearly",
        "owner",
        "resources",
        "evidence",
        "notes",
        "approach",
        "baseline",
        "additionality",
        "roles",  # typing a partner's role (status clicks seal the burst first)
    }
)
FIELD_LABELS = {
    "target": "target",
    "yearly": "yearly figures",
    "owner": "owner",
    "resources": "resources",
    "actions": "actions",
    "partners": "partners",
    "evidence": "evidence",
    "reporting": "reporting frequency",
    "risks": "risks",
    "notes": "notes",
    "approach": "delivery approach",
    "baseline": "baseline",
    "additionality": "additionality",
    "roles": "partner roles",
}


def _edits():
    from svplan.core import edits

    return edits


def _validated(model, fields: dict[str, Any]):
    """A copy of `model` with `fields` changed, validated (raises ValueError when invalid)."""
    return _edits().validated(model, fields)


def _new_commitment(code: str) -> Commitment:
    from svplan.core.plan import Commitment, Reporting

    # quarterly, as Lancashire asks: shown in the editor as a value the bidder can change
    return Commitment(measure=code, reporting=Reporting.QUARTERLY)


class PlanDocument(QObject):
    """Wraps the pydantic Plan + Catalogue; the only way the UI changes a plan.

    Each change is a QUndoCommand on `undo_stack`. The models are treated as immutable: a change
    replaces the Commitment (or Bid/Person, or the Plan) with a validated copy.
    """

    planReset = Signal()  # a whole new plan/catalogue was loaded (rebuild everything)
    commitmentsChanged = Signal()  # set of committed measures changed (tick/untick)
    commitmentChanged = Signal(str)  # the commitment for this measure code changed
    bidChanged = Signal()  # bid details or lead changed
    modifiedChanged = Signal(bool)
    pathChanged = Signal(object)  # Path | None
    catalogueChanged = Signal()  # (also followed by planReset)
    findingsChanged = Signal()  # readiness findings may have changed

    def __init__(
        self,
        catalogue: Catalogue | None,
        plan: Plan | None = None,
        path: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`catalogue` None: still loading; `start` gives it (there is no plan till then)."""
        super().__init__(parent)
        self._catalogue = catalogue  # type: ignore[assignment]
        self._plan_value = plan  # None: a fresh plan is made when first read (see `_plan`)
        self._path = Path(path) if path is not None else None
        self._dirty = False  # changes that cannot be undone (e.g. a catalogue switch)
        self._findings: list[Finding] | None = None
        self._shelf: dict[str, Commitment] = {}  # unticked commitments, restored on re-tick
        self._was_modified = False
        self._undo_stack = QUndoStack(self)
        self._undo_stack.cleanChanged.connect(self._emit_modified)

    # Read-only state ----------------------------------------------------------------------

    @property
    def _plan(self) -> Plan:
        """The plan; an empty one is made on first read. The window starts with an empty plan
        behind its start page, but making it imports pydantic and the plan models (~70 ms,
        ~15 MiB), which the start page never needs: so that waits until a plan is wanted."""
        if self._plan_value is None and self._catalogue is not None:
            self._plan_value = self._fresh_plan()
        return self._plan_value  # type: ignore[return-value]

    @_plan.setter
    def _plan(self, plan: Plan | None) -> None:
        self._plan_value = plan

    @property
    def plan(self) -> Plan:
        """The current plan. Read it; never change it (use the methods below)."""
        return self._plan

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def undo_stack(self) -> QUndoStack:
        return self._undo_stack

    def is_modified(self) -> bool:
        return self._dirty or not self._undo_stack.isClean()

    def display_name(self) -> str:
        """'Untitled plan' or the file name."""
        return self._path.name if self._path is not None else UNTITLED

    def canonical_code(self, code: str) -> str:
        """The catalogue's spelling of a measure code (unknown codes are returned as given)."""
        return _edits().canonical_code(self._catalogue, code)

    def is_committed(self, code: str) -> bool:
        return self._plan.commitment(code) is not None

    def commitment(self, code: str) -> Commitment | None:
        return self._plan.commitment(code)

    def findings(self) -> list[Finding]:
        """Readiness findings, cached and recomputed after a change."""
        if self._findings is None:
            from svplan.core.checks import check_plan

            self._findings = check_plan(self._plan, self._catalogue)
        return list(self._findings)

    # Commitments ---------------------------------------------------------------------------

    def set_committed(self, code: str, on: bool) -> None:
        """Tick or untick a measure (one undo step). Re-ticking restores text typed earlier."""
        code = self.canonical_code(code)
        old = self._plan.commitment(code)
        if on and old is None:
            new = self._shelf.get(code.upper()) or _new_commitment(code)
            self._push(CommitmentCommand(self, code, None, new, f"Commit to {code}"))
        elif not on and old is not None:
            self._shelf[code.upper()] = old
            self._push(CommitmentCommand(self, code, old, None, f"Remove {code}"))

    def update_commitment(self, code: str, **fields: Any) -> None:
        """Change fields of a committed measure (one undo step; typing in one field merges).

        Raises KeyError when the measure is not committed, ValueError for invalid values.
        """
        code = self.canonical_code(code)
        old = self._plan.commitment(code)
        if old is None:
            raise KeyError(f"{code} is not committed")
        fields.pop("measure", None)
        new = _validated(old, fields)
        if new == old:
            return
        merge = next(iter(fields)) if len(fields) == 1 and set(fields) <= MERGE_FIELDS else None
        label = FIELD_LABELS.get(next(iter(fields)), "details") if len(fields) == 1 else "details"
        self._push(CommitmentCommand(self, code, old, new, f"Edit {code} {label}", merge))

    def seal_edit(self) -> None:
        """End the current typing burst: the next edit starts a new undo step."""
        index = self._undo_stack.index()
        if index > 0:
            top = self._undo_stack.command(index - 1)
            if isinstance(top, PlanCommand):
                top.sealed = True

    # Partners --------------------------------------------------------------------------------

    def included_partner_ids(self, code: str) -> list[str]:
        """Partners included for a measure (all suggested ones when the plan does not narrow)."""
        return _edits().engaged_partner_ids(self._catalogue, code, self._plan.commitment(code))

    def partner_included(self, code: str, partner_id: str) -> bool:
        return partner_id in self.included_partner_ids(code)

    def set_partner_included(self, code: str, partner_id: str, on: bool) -> None:
        """Include or leave out a partner (one undo step; commits the measure if needed)."""
        code = self.canonical_code(code)
        current = self.included_partner_ids(code)
        if (partner_id in current) == on and self.is_committed(code):
            return
        old = self._plan.commitment(code)
        partners = _edits().partners_with(self._catalogue, code, old, partner_id, on)
        verb = "Include" if on else "Leave out"
        name = (
            self._catalogue.partner(partner_id).name
            if self._catalogue.has_partner(partner_id)
            else partner_id
        )
        text = f"{verb} {name} for {code}"
        if old is None:
            base = self._shelf.get(code.upper()) or _new_commitment(code)
            new = _validated(base, {"partners": partners})
        else:
            new = _validated(old, {"partners": partners})
            if new == old:
                return
        self._push(CommitmentCommand(self, code, old, new, text))

    # Bid and lead ----------------------------------------------------------------------------

    def update_bid(self, **fields: Any) -> None:
        """Change bid details (one undo step). Raises ValueError for invalid values."""
        new = _validated(self._plan.bid, fields)
        self._push_bid(new, self._plan.lead, "Edit bid details", fields)

    def update_lead(self, **fields: Any) -> None:
        """Change the social value lead (one undo step)."""
        new = _validated(self._plan.lead, fields)
        self._push_bid(self._plan.bid, new, "Edit social value lead", fields)

    def update_bid_and_lead(self, bid: dict[str, Any], lead: dict[str, Any]) -> None:
        """Change bid details and lead together (one undo step, as the Bid details dialog does)."""
        new_bid = _validated(self._plan.bid, bid)
        new_lead = _validated(self._plan.lead, lead)
        self._push_bid(new_bid, new_lead, "Edit bid details", {})

    def _push_bid(self, bid: Bid, lead: Person, text: str, fields: dict[str, Any]) -> None:
        old = (self._plan.bid, self._plan.lead)
        if (bid, lead) == old:
            return
        merge = next(iter(fields)) if len(fields) == 1 else None
        self._push(BidCommand(self, old, (bid, lead), text, merge))

    # Files and catalogue -------------------------------------------------------------------

    def reset(self, plan: Plan | None, path: Path | None = None, *, modified: bool = False) -> None:
        """Show a different plan (None: an empty one, made when first read): clears undo
        history; modified=True for recovered work."""
        self._plan = plan
        self._path = Path(path) if path is not None else None
        self._shelf.clear()
        self._dirty = modified
        self._undo_stack.clear()
        self._undo_stack.setClean()
        self._changed()
        self.planReset.emit()
        self.pathChanged.emit(self._path)
        self._emit_modified()

    def new(self) -> None:
        """Start an empty, untitled plan."""
        self.reset(self._fresh_plan(), None)

    def load(self, path: Path | str) -> list[str]:
        """Open a plan file; returns warnings worth showing once. Raises PlanError."""
        path = Path(path)
        from svplan.core.planio import load_plan

        loaded = load_plan(path, self._catalogue)
        warnings = list(loaded.warnings)
        warnings += _edits().catalogue_mismatch(loaded.plan, self._catalogue, path.name)
        self.reset(loaded.plan, path)
        return warnings

    def save(self, path: Path | str | None = None) -> Path:
        """Save atomically to `path` or the current file. On SaveError it stays modified."""
        target = Path(path) if path is not None else self._path
        if target is None:
            raise SaveError("Choose where to save the plan first.")
        from svplan.core.planio import save_plan

        save_plan(self._plan, target)  # raises SaveError; nothing below runs then
        changed_path = target != self._path
        self._path = target
        self._dirty = False
        self._undo_stack.setClean()
        if changed_path:
            self.pathChanged.emit(self._path)
        self._emit_modified()
        return target

    def has_catalogue(self) -> bool:
        """False only while the catalogue is loading at start-up (see `start`)."""
        return self._catalogue is not None

    def start(self, catalogue: Catalogue) -> None:
        """Give a document made without a catalogue its catalogue and an empty plan."""
        self._catalogue = catalogue
        self.reset(None, None)
        self.catalogueChanged.emit()

    def set_catalogue(self, catalogue: Catalogue) -> None:
        """Use another catalogue; the plan records its id (a change that cannot be undone)."""
        plan = self._plan  # (made with the catalogue it had, if not made yet)
        self._catalogue = catalogue
        if plan.catalogue != catalogue.info.id:
            self._plan = _edits().with_catalogue(plan, catalogue)
            self._dirty = True
        self._changed()
        self.catalogueChanged.emit()
        self.planReset.emit()
        self._emit_modified()

    def _fresh_plan(self) -> Plan:
        from svplan.core.planio import new_plan

        return _edits().with_catalogue(new_plan(), self._catalogue)

    # Used by the undo commands ------------------------------------------------------------

    def apply_edit(self, plan: Plan, change: Change) -> None:
        """Take the plan an undo command computed, and tell the views what changed."""
        self._plan = plan
        self._changed()
        if change.membership:
            self.commitmentsChanged.emit()
        if change.code:
            self.commitmentChanged.emit(change.code)
        if change.bid:
            self.bidChanged.emit()

    def _push(self, command: PlanCommand) -> None:
        self._undo_stack.push(command)

    def _changed(self) -> None:
        self._findings = None
        self.findingsChanged.emit()

    def _emit_modified(self, *_: object) -> None:
        modified = self.is_modified()
        if modified != self._was_modified:
            self._was_modified = modified
            self.modifiedChanged.emit(modified)
