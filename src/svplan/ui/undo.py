"""Undo commands: every change the UI makes to a plan is one of these on the document's stack.

A command holds the values before and after; redo/undo apply a pure edit from core.edits to the
host's plan and hand the result back through the host's public `apply_edit`. The host is any
object with `plan`, `catalogue` and `apply_edit` (the PlanDocument): no import of it here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from svplan.core.catalogue import Catalogue
    from svplan.core.plan import Bid, Commitment, Person, Plan

COMMITMENT_EDIT_ID = 1001
BID_EDIT_ID = 1002


@dataclass(frozen=True)
class Change:
    """What an edit touched, so the host can tell the views precisely."""

    code: str = ""  # the measure whose commitment changed ("" for none)
    membership: bool = False  # a commitment was added or removed
    bid: bool = False  # bid details or the lead changed


class PlanHost(Protocol):
    @property
    def plan(self) -> Plan: ...

    @property
    def catalogue(self) -> Catalogue: ...

    def apply_edit(self, plan: Plan, change: Change) -> None: ...


class PlanCommand(QUndoCommand):
    """One undoable change: `old` and `new` values, merged while the user keeps typing.

    Consecutive edits of the same mergeable field merge into one step until the document seals
    the burst (focus left the field, or another change came between).
    """

    merge_id = -1

    def __init__(self, host: PlanHost, old, new, text: str, merge_field: str | None) -> None:
        super().__init__(text)
        self._host = host
        self.old = old
        self.new = new
        self.merge_field = merge_field
        self.sealed = False

    def id(self) -> int:
        return self.merge_id if self.merge_field else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            self.sealed
            or type(other) is not type(self)
            or other.merge_field != self.merge_field
            or not self._continues(other)
        ):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def _continues(self, other: PlanCommand) -> bool:
        """Whether `other` carries on from this command's result."""
        return other.old == self.new

    def _set(self, plan: Plan, change: Change) -> None:
        self._host.apply_edit(plan, change)


class PartCommand(PlanCommand):
    """Replace one part of the plan (the answer, the proxy table, governance...) through the
    feature editor's `apply` setter: redo applies `new`, undo `old`. Typing in one field of the
    same part merges into one step, as for every other command."""

    def __init__(
        self,
        host: PlanHost,
        apply: Callable[[Any], None],
        merge_id: int,
        old: Any,
        new: Any,
        text: str,
        merge_field: str | None = None,
    ) -> None:
        super().__init__(host, old, new, text, merge_field)
        self.merge_id = merge_id
        self._apply = apply

    def _continues(self, other: PlanCommand) -> bool:
        return other.merge_id == self.merge_id and other.old == self.new

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class CommitmentCommand(PlanCommand):
    """Replace, add (old None) or remove (new None) the commitment for one measure."""

    merge_id = COMMITMENT_EDIT_ID

    def __init__(
        self,
        host: PlanHost,
        code: str,
        old: Commitment | None,
        new: Commitment | None,
        text: str,
        merge_field: str | None = None,
    ) -> None:
        super().__init__(host, old, new, text, merge_field)
        self.code = code
        self._index: int | None = None  # where the old commitment sat, to put it back there

    def _continues(self, other: PlanCommand) -> bool:
        assert isinstance(other, CommitmentCommand)
        return other.code == self.code and self.new is not None and other.old is self.new

    def _put(self, new: Commitment | None, old: Commitment | None, index: int | None):
        from svplan.core import edits  # with the plan: pydantic is not loaded at start-up

        plan, at = edits.put_commitment(
            self._host.plan, self._host.catalogue, self.code, new, index
        )
        self._set(plan, Change(code=self.code, membership=(old is None) != (new is None)))
        return at

    def redo(self) -> None:
        self._index = self._put(self.new, self.old, None)

    def undo(self) -> None:
        self._put(self.old, self.new, self._index)


class BidCommand(PlanCommand):
    """Replace the bid details and/or the social value lead."""

    merge_id = BID_EDIT_ID

    def __init__(
        self,
        host: PlanHost,
        old: tuple[Bid, Person],
        new: tuple[Bid, Person],
        text: str,
        merge_field: str | None = None,
    ) -> None:
        super().__init__(host, old, new, text, merge_field)

    def redo(self) -> None:
        self._put(self.new)

    def undo(self) -> None:
        self._put(self.old)

    def _put(self, bid_and_lead: tuple[Bid, Person]) -> None:
        from svplan.core.edits import set_bid

        self._set(set_bid(self._host.plan, *bid_and_lead), Change(bid=True))
