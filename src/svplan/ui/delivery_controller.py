"""After the award, in the window: the Delivery tab, its menu and the quarterly report.

`install(window)` adds the Delivery view to the workspace, a Delivery menu (mark as awarded,
import actuals, record a variation, add a recovery action) and File → Quarterly Report. The
controller asks the user only through ui/dialogs.py (and its delivery companion), changes the
plan only through the DeliveryEditor (undo path) and reports by signals; it never imports the
window.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from svplan.core.errors import SvplanError
from svplan.ui import dialogs

# The Delivery view, its dialogs, its undo path and the core delivery rules import the plan
# model (pydantic); they are imported when first used, not when the feature is installed at
# start-up, which the start page's first frame and "ready" must not wait for
# (docs/performance.md).
if TYPE_CHECKING:
    from svplan.ui.delivery_editor import DeliveryEditor
    from svplan.ui.delivery_view import DeliveryView
    from svplan.ui.plan_document import PlanDocument
    from svplan.ui.settings import Settings

DELIVERY = "delivery"
STATUS_MS = 6000


def _ask():  # type: ignore[no-untyped-def]
    """ui/delivery_dialogs.py, imported when first asked (it imports the plan model)."""
    from svplan.ui import delivery_dialogs

    return delivery_dialogs


class DeliveryController(QObject):
    """The Delivery feature's controller: one per window."""

    status = Signal(str, int)
    flushRequested = Signal()  # store a cell still being typed before reading the plan
    viewRequested = Signal(str)  # show this workspace view

    def __init__(self, document: PlanDocument, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self._doc = document
        self._settings = settings
        self._parent = parent
        self._editor: DeliveryEditor | None = None
        self.view: DeliveryView | None = None

    @property
    def editor(self) -> DeliveryEditor:
        """The delivery record's undo path, made on first use."""
        if self._editor is None:
            from svplan.ui.delivery_editor import DeliveryEditor

            self._editor = DeliveryEditor(self._doc, self)
        return self._editor

    def make_view(self, document: PlanDocument, parent: QWidget) -> DeliveryView:
        """The workspace's factory for the Delivery tab."""
        from svplan.ui.delivery_view import DeliveryView

        view = DeliveryView(self.editor, parent)
        view.awardRequested.connect(self.award)
        view.importRequested.connect(self.import_actuals)
        view.reportRequested.connect(self.report)
        view.variationRequested.connect(self.vary)
        view.recoveryRequested.connect(self.recovery)
        # after the cell's editor has closed: a message box must not open inside setData
        view.problem.connect(self._problem, Qt.ConnectionType.QueuedConnection)
        self.view = view
        return view

    def flush(self) -> None:
        if self.view is not None:
            self.view.commit_pending()

    # Actions ------------------------------------------------------------------------------------

    def award(self) -> bool:
        if self.editor.is_awarded():
            self._problem(
                "The plan is already marked awarded; change a target with a variation instead."
            )
            return False
        day = _ask().ask_award_date(self._parent, dt.date.today())
        if day is None:
            return False
        if not self._do(self.editor.award, day):
            return False
        self.viewRequested.emit(DELIVERY)
        self.status.emit("Marked as awarded: the targets are the baseline", STATUS_MS)
        return True

    def import_actuals(self, path: Path | None = None) -> bool:
        """Ask for a file, show its preview, and import it (one undo step) or say why not."""
        if not self._awarded():
            return False
        self.flush()
        if path is None:
            folder = self._settings.last_folder() or dialogs.documents_folder()
            path = _ask().choose_actuals_file(self._parent, folder)
            if path is None:
                return False
        try:
            with dialogs.busy():
                preview = self.editor.preview_import(path)
        except SvplanError as exc:
            dialogs.show_error(self._parent, exc, "Nothing was imported")
            return False
        if not preview.ok:
            _ask().show_import_errors(self._parent, preview)
            return False
        if not (preview.new or preview.changes):
            _ask().show_nothing_to_import(self._parent, preview)
            return False
        if not _ask().confirm_import(self._parent, preview):
            return False
        if not self._do(self.editor.apply_import, preview):
            return False
        count = len(preview.new) + len(preview.changes)
        self.status.emit(f"Imported {count} actuals from {preview.file}", STATUS_MS)
        return True

    def vary(self, code: str = "") -> bool:
        if not self._awarded():
            return False
        awarded = self._doc.plan.delivery.awarded
        day = max(dt.date.today(), awarded) if awarded else dt.date.today()
        value = _ask().ask_variation(self._parent, self.editor, code, day)
        if value is None:
            return False
        from svplan.core.delivery import DeliveryError

        try:
            target, yearly = self._figures(value.code, value.target, value.yearly)
        except DeliveryError as exc:
            self._problem(exc.message)
            return False
        return self._do(self.editor.vary, value.code, value.day, value.reason, target, yearly)

    def recovery(self, code: str = "", key: str = "") -> bool:
        if not self._awarded():
            return False
        action = _ask().ask_recovery(self._parent, self.editor, code, key)
        return action is not None and self._do(self.editor.add_recovery, action)

    def thresholds(self) -> bool:
        """Change where each status level starts (one undo step)."""
        accepted, value = _ask().ask_thresholds(self._parent, self._doc.plan.delivery.thresholds)
        if not accepted:
            return False
        if value is None:
            self._problem(
                "The thresholds must go down from Good to Approaching target to Requires "
                "improvement; nothing was changed."
            )
            return False
        return self._do(self.editor.set_thresholds, value)

    def report(self) -> Path | None:
        """Ask where, then write the quarterly report (.docx, .xlsx or .csv)."""
        if not self._awarded():
            return None
        self.flush()
        status = self.editor.status()
        if status.as_of is None:
            self._problem("No actuals are recorded yet, so there is no quarter to report.")
            return None
        folder = self._settings.last_folder() or dialogs.documents_folder()
        stem = dialogs.safe_file_stem(self._doc.plan.bid.title) or "Delivery report"
        out = _ask().choose_report_file(self._parent, folder / f"{stem} {status.as_of.key}.docx")
        if out is None:
            return None
        try:
            with dialogs.busy():
                written = self._write_report(out)
        except SvplanError as exc:
            dialogs.show_error(self._parent, exc, "Could not write the report")
            return None
        self._settings.set_last_folder(written.parent)
        self.status.emit(f"Wrote {written.name}", STATUS_MS)
        return written

    # Helpers ------------------------------------------------------------------------------------

    def _write_report(self, out: Path) -> Path:
        from svplan.core.outputs import check_output

        plan, catalogue = self._doc.plan, self._doc.catalogue
        inputs = {"plan": self._doc.path} if self._doc.path else {}
        check_output(out, inputs, suffixes=(".docx", ".xlsx", ".csv"), verb="write")
        status = self.editor.status()
        if out.suffix.lower() == ".docx":
            from svplan.export.report_docx import write_report_docx

            return write_report_docx(plan, catalogue, status, out, dt.date.today())
        from svplan.export.report_table import write_report_table

        return write_report_table(plan, catalogue, status, out)

    def _figures(
        self, code: str, target: str, yearly: list[str]
    ) -> tuple[float | None, list[float] | None]:
        """The variation's figures as typed: '' keeps a figure; the profile is all or nothing."""
        from svplan.core.actuals import parse_actual
        from svplan.core.delivery import DeliveryError

        catalogue = self._doc.catalogue
        unit = catalogue.unit_of(code) if catalogue.has_measure(code) else None
        new_target = parse_actual(target, unit, code=code) if target.strip() else None
        typed = [t for t in yearly if t.strip()]
        if typed and len(typed) != len(yearly):
            raise DeliveryError(
                f"Give a figure for every year of the new profile for {code} (0 for none), or "
                "leave them all empty to keep the profile."
            )
        new_yearly = [parse_actual(t, unit, code=code) for t in yearly] if typed else None
        return new_target, new_yearly

    def _do(self, method: Any, *args: Any) -> bool:
        try:
            method(*args)
        except SvplanError as exc:
            self._problem(exc.message)
            return False
        return True

    def _awarded(self) -> bool:
        if self.editor.is_awarded():
            return True
        self._problem(
            "The plan is not marked as awarded yet: use Delivery → Mark as Awarded first."
        )
        return False

    def _problem(self, message: str) -> None:
        dialogs.show_error(self._parent, message, "Delivery")


def install(window: Any) -> DeliveryController:
    """Add the Delivery tab, the Delivery menu and File → Quarterly Report to a main window."""
    controller = DeliveryController(window.document, window.settings, window)
    window.workspace.add_view(
        DELIVERY,
        "&Delivery",
        controller.make_view,
        shortcut="Ctrl+3",
        icon="delivery",
        tip="After the award: actuals by quarter, status and reports",
    )
    menus = window.menus
    title = "&Delivery"
    menus.add_action(
        DELIVERY,
        "Mark as &Awarded…",
        controller.award,
        tip="The targets become the baseline",
        title=title,
    )
    menus.add_action(
        DELIVERY,
        "&Import Actuals…",
        controller.import_actuals,
        tip="Import actuals from a CSV or Excel sheet (preview first)",
        title=title,
    )
    menus.add_action(DELIVERY, "Record &Variation…", controller.vary, title=title)
    menus.add_action(DELIVERY, "Add &Recovery Action…", controller.recovery, title=title)
    menus.add_action(
        DELIVERY,
        "Status &Thresholds…",
        controller.thresholds,
        tip="Where Good, Approaching target and Requires improvement start",
        title=title,
    )
    report = menus.add_action(
        "file",
        "&Quarterly Report…",
        controller.report,
        tip="The quarterly delivery report: Word, Excel or CSV",
    )
    file_menu = menus.menu("file")
    entries = file_menu.actions()
    if menus.export_action in entries:  # beside Export, not after Quit
        after = entries[entries.index(menus.export_action) + 1]
        if after is not report:
            file_menu.removeAction(report)
            file_menu.insertAction(after, report)
    controller.status.connect(window.show_status)
    controller.viewRequested.connect(window.workspace.show_view)
    for source in (window.files, window.exporter):
        source.flushRequested.connect(controller.flush)
    return controller
