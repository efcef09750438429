"""The tender features in the window: the Answer tab, File → Export Entry Sheet…, File → New
Plan from a Past Bid…, and partner introduction emails (issue 16).

`install_tender(window)` adds them to a main window; `TenderActions` is the controller behind
the menu items. It asks the user only through ui/tender_dialogs.py and ui/dialogs.py and never
imports the window (it takes the parts it needs).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from svplan.core.errors import SvplanError
from svplan.ui import dialogs

if TYPE_CHECKING:
    from svplan.ui.files import Files
    from svplan.ui.main_window import MainWindow
    from svplan.ui.plan_document import PlanDocument

ANSWER = "answer"


def _ask():  # type: ignore[no-untyped-def]
    """ui/tender_dialogs.py, imported when first asked: it imports the plan model (pydantic),
    which the window does not load before a plan is wanted (docs/performance.md)."""
    from svplan.ui import tender_dialogs

    return tender_dialogs


class TenderActions(QObject):
    """Export the entry sheet; start a plan from a past bid."""

    status = Signal(str, int)
    flushRequested = Signal()  # store edits still being typed before reading the plan

    def __init__(self, document: PlanDocument, files: Files, parent: QWidget) -> None:
        super().__init__(parent)
        self._doc = document
        self._files = files
        self._parent = parent

    def _folder(self) -> Path:
        path = self._doc.path
        return path.parent if path is not None else dialogs.documents_folder()

    def export_entry_sheet(self) -> Path | None:
        """Ask where, then write the Portal entry sheet (.xlsx or .csv)."""
        self.flushRequested.emit()
        stem = (
            self._doc.path.stem
            if self._doc.path
            else dialogs.safe_file_stem(self._doc.plan.bid.title or "plan")
        )
        out = _ask().choose_entry_sheet(
            self._parent, self._folder() / f"{stem} - portal entry.xlsx"
        )
        if out is None:
            return None
        from svplan.export.entry_sheet import write_entry_sheet

        try:
            with dialogs.busy():
                write_entry_sheet(self._doc.plan, self._doc.catalogue, out)
        except SvplanError as exc:
            dialogs.show_error(self._parent, exc, "Entry sheet not exported")
            return None
        self.status.emit(f"Exported the Portal entry sheet to {out.name}", 6000)
        return out

    def new_from_past_bid(self) -> bool:
        """Choose a past plan, say what the new contract is, open the copy (the old file is
        only read). Bad input stays in the dialog; nothing changes."""
        if not self._files.maybe_save():
            return False
        path = _ask().choose_past_bid(self._parent, self._folder())
        if path is None:
            return False
        from svplan.core.planio import load_plan
        from svplan.core.reuse import needs_review, plan_from_past_bid, review_text

        try:
            with dialogs.busy():
                old = load_plan(path, self._doc.catalogue).plan
        except (SvplanError, OSError) as exc:
            why = exc if isinstance(exc, SvplanError) else f"Could not open {path.name}: {exc}."
            dialogs.show_error(self._parent, why, "Could not open the past bid")
            return False
        terms = _ask().ask_new_contract(self._parent, old.bid, path.name)
        if terms is None:
            return False
        result = plan_from_past_bid(
            old,
            self._doc.catalogue,
            value=terms.value,
            months=terms.months,
            start=terms.start,
            scale=terms.scale,
            bid={"title": terms.title},
        )
        self._files.open_new(result.plan, f"New plan from {path.name}: save it to keep it.")
        count = len(result.plan.commitments)
        lines = []
        if result.factor is not None:
            lines.append(f"Targets scaled by {result.factor:.3g} ({result.basis}).")
        elif terms.scale and (terms.value is not None or terms.months is not None):
            lines.append(f"Targets not scaled: {path.name} has no contract value or length.")
        review = needs_review(result.plan)
        if review:
            lines.append(
                f"{len(review)} commitment{'s have' if len(review) != 1 else ' has'} figures "
                "marked 'Check this' until you confirm them (the Overview lists them):"
            )
            listed = [f"{code}: {review_text(fields)}" for code, fields in review]
            lines.append(dialogs.bulleted(listed, 12, "• … and {n} more"))
        lines.append("Cleared: " + "; ".join(result.cleared) + ".")
        _ask().show_reuse_summary(
            self._parent,
            f"Copied {count} commitment{'s' if count != 1 else ''} from {path.name}.",
            lines,
        )
        self._files.show_bid_details(first_time=True)
        return True


def _answer_view_for(window: MainWindow):  # type: ignore[no-untyped-def]
    def make(document: PlanDocument, parent: QWidget) -> QWidget:
        from svplan.ui.answer_view import AnswerView

        view = AnswerView(document, parent)
        view.status.connect(window.show_status)
        return view

    return make


def install_tender(window: MainWindow) -> TenderActions:
    """Add the Answer tab, the two File menu items and the partner emails to a main window."""
    actions = TenderActions(window.document, window.files, window)
    window.workspace.add_view(
        ANSWER,
        "&Answer",
        _answer_view_for(window),
        shortcut="Ctrl+4",
        icon="answer",
        tip="The tender answer within its word limit, and Portal entries",
    )
    menus = window.menus
    file_menu = menus.menu("file")
    sheet = menus.action(
        "Export &Entry Sheet…",
        actions.export_entry_sheet,
        None,
        "One row per commitment for typing into the Social Value Portal (Excel or CSV)",
        plan_only=True,
    )
    past = menus.action(
        "New Plan from a &Past Bid…",
        actions.new_from_past_bid,
        None,
        "Copy the commitments of a past plan into a new one, scaled to the new contract",
    )
    file_menu.insertAction(menus.open_action, past)
    after_export = menus.open_after_export_action
    file_menu.insertAction(after_export, sheet)
    sheet.setEnabled(menus.save_action.isEnabled())
    actions.status.connect(window.show_status)
    actions.flushRequested.connect(window.workspace.commit_pending)
    return actions
