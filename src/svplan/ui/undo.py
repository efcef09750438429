"""Undo commands: every change the UI makes to a plan is one of these on the document's stack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from svplan.core.plan import Bid, Commitment, Person

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument

COMMITMENT_EDIT_ID = 1001
BID_EDIT_ID = 1002


class CommitmentCommand(QUndoCommand):
    """Replace, add (old None) or remove (new None) the commitment for one measure.

    Consecutive edits of the same mergeable field of the same measure merge into one step
    until the document seals the burst (focus left the field, or another change came between).
    """

    def __init__(
        self,
        document: PlanDocument,
        code: str,
        old: Commitment | None,
        new: Commitment | None,
        text: str,
        merge_field: str | None = None,
    ) -> None:
        super().__init__(text)
        self._doc = document
        self.code = code
        self.old = old
        self.new = new
        self.merge_field = merge_field
        self.sealed = False
        self._index: int | None = None  # where the old commitment sat, to put it back there

    def id(self) -> int:
        return COMMITMENT_EDIT_ID if self.merge_field else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            self.sealed
            or not isinstance(other, CommitmentCommand)
            or other.code != self.code
            or other.merge_field != self.merge_field
            or self.new is None
            or other.old is not self.new
        ):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self._index = self._doc._put_commitment(self.code, self.new, self.old, None)

    def undo(self) -> None:
        self._doc._put_commitment(self.code, self.old, self.new, self._index)


class BidCommand(QUndoCommand):
    """Replace the bid details and/or the social value lead."""

    def __init__(
        self,
        document: PlanDocument,
        old: tuple[Bid, Person],
        new: tuple[Bid, Person],
        text: str,
        merge_field: str | None = None,
    ) -> None:
        super().__init__(text)
        self._doc = document
        self.old = old
        self.new = new
        self.merge_field = merge_field
        self.sealed = False

    def id(self) -> int:
        return BID_EDIT_ID if self.merge_field else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            self.sealed
            or not isinstance(other, BidCommand)
            or other.merge_field != self.merge_field
            or other.old != self.new
        ):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self._doc._put_bid(*self.new)

    def undo(self) -> None:
        self._doc._put_bid(*self.old)
