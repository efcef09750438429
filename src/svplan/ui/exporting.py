"""Export: ask where, write the Word delivery plan, then open it or offer to.

A controller: asks the user only through ui/dialogs.py and reports by signals.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QWidget

from svplan.core.errors import ExportError, SaveError
from svplan.ui import dialogs
from svplan.ui.files import STATUS_MS

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument
    from svplan.ui.settings import Settings


class Exporter(QObject):
    """Writes the plan on screen as a Word document (what the window shows is what exports)."""

    status = Signal(str, int)
    flushRequested = Signal()  # store edits still being typed before reading the plan
    fixRequested = Signal()  # "Fix first": show what is still missing (the Overview)
    openAfterExportChanged = Signal(bool)

    def __init__(
        self,
        document: PlanDocument,
        settings: Settings,
        has_plan: Callable[[], bool],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._doc = document
        self._settings = settings
        self._has_plan = has_plan
        self._parent = parent

    def export_word(self, contact_details: bool | None = None) -> Path | None:
        """Ask where, write the Word plan, then open it or offer to. The path, or None.

        `contact_details` False leaves named people's phones and emails out (None: as the plan's
        setting says)."""
        if not self._has_plan():
            return None
        self.flushRequested.emit()
        if not self._problems_accepted():
            return None
        folder = self._settings.last_folder() or dialogs.documents_folder()
        path = self._doc.path
        stem = path.stem if path else dialogs.safe_file_stem(self._doc.plan.bid.title)
        suggestion = folder / f"{stem or 'Social value delivery plan'}.docx"
        out = dialogs.choose_export_file(self._parent, suggestion)
        if out is None or (out.exists() and not dialogs.confirm_overwrite(self._parent, out)):
            return None
        try:
            from svplan.export import export_plan
        except ImportError:
            dialogs.show_error(
                self._parent,
                "The Word export is missing from this installation; reinstall the app.",
                "Could not export",
            )
            return None
        try:
            with dialogs.busy():
                written = export_plan(
                    self._doc.plan,
                    self._doc.catalogue,
                    out,
                    contact_details=contact_details,
                    sources={"plan file": self._doc.path},
                )
        except (SaveError, ExportError) as exc:
            dialogs.show_error(self._parent, exc, "Could not export")
            return None
        written = Path(written) if written else out
        self._settings.set_last_folder(written.parent)
        self.status.emit(f"Exported {written.name}", STATUS_MS)
        self._after_export(written)
        return written

    def _problems_accepted(self) -> bool:
        """A plan with problems: 'Fix first' (shows the Overview) or 'Export anyway'."""
        from svplan.core.checks import Severity, summary

        findings = self._doc.findings()
        problems = [str(f) for f in findings if f.severity is Severity.PROBLEM]
        if not problems:
            return True
        if dialogs.ask_export_with_problems(self._parent, summary(findings), problems):
            return True
        self.fixRequested.emit()
        return False

    def _after_export(self, path: Path) -> None:
        if self._settings.open_after_export():
            self.open_document(path)
            return
        from svplan.core.checks import count_problems, summary

        findings = self._doc.findings()
        note = (
            f"The plan still has {summary(findings)}; the Overview lists them."
            if count_problems(findings)
            else "You can attach it to your tender response."
        )
        choice, always = dialogs.after_export(self._parent, path.name, note)
        if always:
            self._settings.set_open_after_export(True)
            self.openAfterExportChanged.emit(True)
        if choice == "open":
            self.open_document(path)
        elif choice == "folder":
            from svplan.ui.errors import open_folder

            open_folder(path.parent)

    def open_document(self, path: Path) -> bool:
        """Open the document in the program that opens .docx files; with none, say so and put
        its path on the clipboard (False)."""
        from svplan.ui.handlers import can_open

        if can_open(path) and QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        QGuiApplication.clipboard().setText(str(path))
        dialogs.no_program_for(self._parent, path)
        return False
