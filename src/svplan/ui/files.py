"""Files: new, open, save, recover, close, and the catalogue the plan is shown with.

A controller: it changes the document and asks the user only through ui/dialogs.py; it tells the
window what happened by signals (`opened`, `closed`, `status`, ...), never by calling it.
Every plan comes in through `open_plan`: a plan file, the sample plan and a recovered copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from svplan import PACKAGE_DIR
from svplan.core.errors import CatalogueError, PlanError, SaveError, SvplanError
from svplan.ui import dialogs
from svplan.ui.dialogs import PLAN_SUFFIX
from svplan.ui.workspace import KEEP

if TYPE_CHECKING:
    from svplan.core.catalogue import Catalogue
    from svplan.core.plan import Plan
    from svplan.core.recovery import Recovery
    from svplan.ui.autosave import Autosaver
    from svplan.ui.plan_document import PlanDocument
    from svplan.ui.settings import Settings

STATUS_MS = 6000


def sample_plan_path() -> Path | None:
    """The sample plan shipped with the app (or the repository's examples/ in development)."""
    shipped = PACKAGE_DIR / "resources" / "sample.svplan"
    if shipped.is_file():
        return shipped
    dev = Path(__file__).resolve().parents[3] / "examples" / "sample.svplan"
    return dev if dev.is_file() else None


class Files(QObject):
    """The plan's life: which plan is open, where it is saved, and what is recovered."""

    opened = Signal(object)  # a plan is open: show it (the measure to select, or None)
    closed = Signal()  # no plan is open: show the start page
    status = Signal(str, int)  # a status bar message and how long to show it (ms)
    recentChanged = Signal()  # the recent plans list changed
    recoveredChanged = Signal()  # the recovery copies on offer changed
    flushRequested = Signal()  # store edits still being typed before reading the plan
    catalogueNeeded = Signal()  # load the catalogue now (asked before a plan is made or read)

    def __init__(
        self,
        document: PlanDocument,
        settings: Settings,
        autosaver: Autosaver | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._doc = document
        self._settings = settings
        self.autosaver = autosaver  # set later when autosave starts after the catalogue loads
        self._parent = parent
        self.has_plan = False
        self.notes_box: QMessageBox | None = None  # the last "Opened with notes" box

    def _has_catalogue(self) -> bool:
        if not self._doc.has_catalogue():
            self.catalogueNeeded.emit()
        return self._doc.has_catalogue()

    def _folder(self) -> Path:
        return self._settings.last_folder() or dialogs.documents_folder()

    # Asking first -----------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True to go ahead."""
        self.flushRequested.emit()
        if not self.has_plan or not self._doc.is_modified():
            return True
        choice = dialogs.ask_save_changes(self._parent, self._doc.display_name())
        if choice is True:
            return self.save()
        # Discard keeps the recovery copy until the plan is really gone (closed, or replaced by
        # a plan that opened): opening a broken file after Discard must not lose the work.
        return choice is False

    # Opening: the one way in ----------------------------------------------------------------

    def open_plan(
        self,
        path: Path,
        *,
        ask: bool = True,
        copy: bool = False,
        recovery: Recovery | None = None,
    ) -> bool:
        """Open a plan file, a copy of one (`copy`: the sample), or a recovered copy.

        Asks about unsaved changes first (when `ask`), says why a file cannot be opened, and
        mentions what is worth knowing once, the catalogue mismatch included, on every route.
        """
        if not self._has_catalogue() or (ask and not self.maybe_save()):
            return False
        path = Path(path)
        title = "Could not recover the plan" if recovery else "Could not open the plan"
        try:
            with dialogs.busy():
                plan, notes = self._read(path, recovery)
        except PlanError as exc:
            dialogs.show_error(self._parent, exc, title)
            return False
        except OSError as exc:
            why = f"Could not open {path.name}: {exc.strerror or exc}."
            dialogs.show_error(self._parent, why, title)
            return False
        from svplan.core.edits import catalogue_mismatch

        name = recovery.label if recovery else path.name
        if recovery and recovery.original:
            name = recovery.original.name
        notes += catalogue_mismatch(plan, self._doc.catalogue, name)
        if recovery is not None:
            self._doc.reset(plan, recovery.original, modified=True)
            if self.autosaver is not None:
                self.autosaver.adopt(recovery)
            message = "Recovered unsaved work: save it to keep it.", STATUS_MS * 2
        elif copy:
            self._doc.reset(plan, None)
            message = (
                "This is a copy of the sample plan: use Save As to keep your changes.",
                (STATUS_MS * 2),
            )
        else:
            self._doc.reset(plan, path)
            self._settings.add_recent_file(path)
            self._settings.set_last_folder(path.parent)
            self.recentChanged.emit()
            message = f"Opened {path.name}", STATUS_MS
        self._show_plan()
        if notes:
            self.show_notes(name, notes, message[0] if recovery or copy else "")
        else:
            self.status.emit(*message)
        return True

    def _read(self, path: Path, recovery: Recovery | None) -> tuple[Plan, list[str]]:
        if recovery is not None:
            from svplan.core.recovery import load_recovery

            return load_recovery(recovery), []
        from svplan.core.planio import load_plan

        loaded = load_plan(path, self._doc.catalogue)
        return loaded.plan, list(loaded.warnings)

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Open a plan file (asking about unsaved changes first when `ask`)."""
        return self.open_plan(Path(path), ask=ask)

    def open_dialog(self) -> bool:
        if not self._has_catalogue() or not self.maybe_save():
            return False
        path = dialogs.choose_plan_to_open(self._parent, self._folder())
        return self.open_plan(path, ask=False) if path is not None else False

    def open_recent(self, path: Path) -> bool:
        if not Path(path).is_file():
            self._settings.remove_recent_file(path)
            dialogs.show_error(
                self._parent,
                f"{Path(path).name} is no longer there; it may have been moved or deleted.",
                "Could not open the plan",
                str(path),
            )
            self.recentChanged.emit()
            if not self.has_plan:
                self.closed.emit()
            return False
        return self.open_plan(Path(path))

    def open_sample(self) -> bool:
        """Open a copy of the sample plan (saved only with Save As, never over the sample)."""
        path = sample_plan_path()
        if path is None:
            dialogs.show_error(self._parent, "The sample plan is missing from this installation.")
            return False
        return self.open_plan(path, copy=True)

    def recover(self, found: Recovery) -> bool:
        """Open a recovery copy of unsaved work, as a modified plan for its original file."""
        return self.open_plan(found.path, recovery=found)

    def recovered_items(self) -> list[tuple[str, object]]:
        """The recovery copies on offer, as (label, copy) for the start page."""
        if self.autosaver is None:
            return []
        items: list[tuple[str, object]] = []
        for found in self.autosaver.leftovers():
            when = found.saved_at.astimezone()
            where = f" ({found.original.name})" if found.original else ""
            label = f"{found.label}{where} — last copied {when.day} {when:%b %Y %H:%M}"
            items.append((label, found))
        return items

    def discard_recovered(self) -> None:
        """Delete the recovery copies listed on the start page, after asking."""
        if self.autosaver is None or not dialogs.confirm_discard_recovered(self._parent):
            return
        from svplan.core.recovery import discard_recovery

        for found in self.autosaver.leftovers():
            try:
                discard_recovery(found)
            except SvplanError as exc:
                dialogs.show_error(self._parent, exc, "Could not delete a copy")
                break
        self.recoveredChanged.emit()

    def show_notes(self, name: str, notes: list[str], lead: str = "") -> None:
        """Mention load notes once: a status bar message and a non-blocking list."""
        count = len(notes)
        several = "s" if count != 1 else ""
        text = f"{name} opened with {count} note{several} — see the list"
        if lead:  # what the route has to say comes first
            text = f"{lead} ({count} note{several} — see the list)"
        self.status.emit(text, STATUS_MS * 2)
        self.notes_box = dialogs.show_notes(self._parent, name, notes)

    # New, save, close ---------------------------------------------------------------------------

    def new_plan(self) -> bool:
        """Start an empty plan and ask for the bid details (cancelling them cancels the plan)."""
        if not self._has_catalogue() or not self.maybe_save():
            return False
        self._doc.new()
        self._show_plan()
        if not self.show_bid_details(first_time=True):  # Escape or Cancel: no "Untitled plan"
            self._doc.new()
            self.has_plan = False
            self.closed.emit()
            return False
        return True

    def open_new(self, plan: Plan, message: str = "") -> None:
        """Show a plan made in memory (a new plan from a past bid): unsaved, with no file yet."""
        self._doc.reset(plan, None, modified=True)
        self._show_plan()
        if message:
            self.status.emit(message, STATUS_MS * 2)

    def show_bid_details(self, first_time: bool = False) -> bool:
        if not self.has_plan:
            return False
        return dialogs.bid_details(self._doc, self._parent, bool(first_time))

    def save(self) -> bool:
        """Save to the plan's file (Save As when it has none). False if not saved."""
        if not self.has_plan:
            return False
        self.flushRequested.emit()
        if self._doc.path is None:
            return self.save_as()
        return self._save_to(self._doc.path)

    def save_as(self) -> bool:
        if not self.has_plan:
            return False
        self.flushRequested.emit()
        suggestion = self._doc.path
        if suggestion is None:
            stem = dialogs.safe_file_stem(self._doc.plan.bid.title) or "Social value plan"
            suggestion = self._folder() / f"{stem}{PLAN_SUFFIX}"
        path = dialogs.choose_plan_to_save(self._parent, suggestion)
        return self._save_to(path) if path is not None else False

    def _save_to(self, path: Path) -> bool:
        try:
            with dialogs.busy():
                self._doc.save(path)
        except SaveError as exc:  # say why, keep everything open and modified, offer Save As
            return self.save_as() if dialogs.offer_save_as(self._parent, exc) else False
        self._settings.add_recent_file(path)
        self._settings.set_last_folder(path.parent)
        self.recentChanged.emit()
        self.status.emit(f"Saved {path.name}", STATUS_MS)
        return True

    def close_plan(self) -> bool:
        if not self.maybe_save():
            return False
        self._doc.new()
        self.has_plan = False
        self.closed.emit()
        return True

    def _show_plan(self, select: str | None = None) -> None:
        self.has_plan = True
        self.opened.emit(select)

    # The catalogue ------------------------------------------------------------------------------

    def choose_catalogue(self) -> bool:
        path = dialogs.choose_catalogue_file(self._parent, self._folder())
        return self.use_catalogue(path) if path is not None else False

    def use_catalogue(self, path: Path) -> bool:
        """Switch to a council's catalogue file; on failure say why and keep the current one."""
        from svplan.core.catalogue import load_catalogue

        if not self._has_catalogue():  # the start-up one first: then switch
            return False
        try:
            with dialogs.busy():
                catalogue = load_catalogue(path)
        except CatalogueError as exc:
            dialogs.show_error(self._parent, exc, "Could not use that catalogue")
            return False
        self._switch_catalogue(catalogue)
        self._settings.set_last_catalogue(Path(path))
        return True

    def use_default_catalogue(self) -> bool:
        from svplan.core.catalogue import load_default_catalogue

        if not self._has_catalogue():
            return False
        try:
            catalogue = load_default_catalogue()
        except SvplanError as exc:
            dialogs.show_error(self._parent, exc, "Could not load the built-in catalogue")
            return False
        self._switch_catalogue(catalogue)
        self._settings.set_last_catalogue(None)
        return True

    def _switch_catalogue(self, catalogue: Catalogue) -> None:
        from svplan.core.planio import unknown_measures

        self._doc.set_catalogue(catalogue)
        self.status.emit(f"Now using {catalogue.info.title}", STATUS_MS)
        if self.has_plan:
            self._show_plan(KEEP)  # the measure on screen stays if the new catalogue has it
            missing = unknown_measures(self._doc.plan, catalogue)
            if missing:
                self.show_notes(self._doc.display_name(), missing)
