"""The main window: a shell that builds the parts, wires their signals and owns window events.

The parts (see docs/architecture.md):
- `menus` (ui/actions.py): actions, menus, toolbar;
- `files` (ui/files.py): new, open, save, recover, close, the catalogue;
- `exporter` (ui/exporting.py): the Word export;
- `workspace` (ui/workspace.py): the start page's counterpart, the plan's views as tabs;
- `status_parts` (ui/status.py): the permanent status bar widgets.
Questions and message boxes go through ui/dialogs.py only.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from svplan import APP_NAME
from svplan.ui import dialogs
from svplan.ui.actions import Actions
from svplan.ui.dialogs import PLAN_SUFFIX
from svplan.ui.exporting import Exporter
from svplan.ui.files import STATUS_MS, Files, sample_plan_path
from svplan.ui.icons import app_icon
from svplan.ui.plan_document import PlanDocument
from svplan.ui.settings import Settings
from svplan.ui.start_page import StartPage
from svplan.ui.status import StatusParts
from svplan.ui.workspace import OVERVIEW, Workspace

if TYPE_CHECKING:
    from svplan.core.catalogue import Catalogue
    from svplan.ui.autosave import Autosaver

__all__ = ["FEATURES", "MainWindow", "sample_plan_path"]

# Features that add views, menu items or status bar parts: (window attribute, "module:function").
# Each function takes the window and returns its controller (or None); they run in this order
# once the catalogue is loaded (their modules are imported then, not at start-up). An install
# adds menu items and view factories only: what imports the plan model (pydantic) waits until a
# view is built or an action is used, so "ready" does not wait for it (docs/performance.md).
FEATURES: list[tuple[str, str]] = [
    ("tender", "svplan.ui.tender:install_tender"),  # Answer tab, entry sheet, past bid
    ("money", "svplan.ui.money_feature:install_money"),  # proxy values: File menu, status total
    ("delivery", "svplan.ui.delivery_controller:install"),  # after the award: Delivery tab
    ("first_hour", "svplan.ui.first_hour:install"),  # shortcuts in text fields, glossary, fix first
    ("plan_view", "svplan.ui.plan_feature:install"),  # governance, reporting, risks
]


class MainWindow(QMainWindow):
    """One plan per window. Every change goes through `document` (a PlanDocument).

    Start-up in two halves: the window (start page, menus) is built and shown without a
    catalogue, pydantic or the features; `finish_start(catalogue)` then does the rest. Given a
    catalogue, the constructor does both (tests, self-test). `ready` says the second half is done.
    """

    ready = Signal()

    def __init__(
        self,
        catalogue: Catalogue | None,
        settings: Settings | None = None,
        *,
        autosave: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.document = PlanDocument(None, parent=self)
        self.autosaver: Autosaver | None = None
        self._autosave = autosave
        self.load_catalogue: Callable[[], None] | None = None  # set by the app: loads, finishes
        self.remember_layout = True  # False for start-up benchmarks: leave settings alone
        self.maximize_first = False  # a laptop's first run: show_first() maximises
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setMinimumSize(QSize(840, 460))  # fits 1280x720 at 150% scaling (853x480)

        self.start_page = StartPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.setCentralWidget(self.pages)
        self.workspace = Workspace(self.document, self.settings, self.pages)
        self.files = Files(self.document, self.settings, self.autosaver, self)
        self.exporter = Exporter(self.document, self.settings, self.has_plan, self)
        self.menus = Actions(self, self.document.undo_stack, self.settings)
        self.status_parts = StatusParts(self.statusBar(), self.document)
        self._connect()
        self._restore_layout()
        self._show_start()
        if catalogue is not None:
            self.finish_start(catalogue)

    # The second half of start-up -----------------------------------------------------------------

    def is_ready(self) -> bool:
        return self.document.has_catalogue()

    def finish_start(self, catalogue: Catalogue) -> None:
        """The catalogue is loaded: give it to the document, start autosave, install features."""
        from svplan.ui.theme import apply_widget_icons

        apply_widget_icons()
        self.start_page.finish()
        self.document.start(catalogue)
        if self._autosave:
            from svplan.ui.autosave import Autosaver

            self.autosaver = Autosaver(self.document, parent=self)
            self.files.autosaver = self.autosaver
            self.autosaver.failed.connect(lambda why: self.show_status(f"Autosave: {why}"))
            self.autosaver.start()
        for attribute, where in FEATURES:
            module, _, function = where.partition(":")
            setattr(self, attribute, getattr(import_module(module), function)(self))
        self._refresh_start()  # the recovered copies on offer
        self.ready.emit()

    def ensure_ready(self) -> bool:
        """Load the catalogue now if it is not yet (the user was quicker than the first paint)."""
        if not self.is_ready() and self.load_catalogue is not None:
            self.load_catalogue()
        return self.is_ready()

    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the start page has been painted (its first frame is on screen)."""
        watcher = _FirstPaint(callback, self.start_page)
        self.start_page.installEventFilter(watcher)

    # Wiring -------------------------------------------------------------------------------------

    def _connect(self) -> None:
        m, files, space = self.menus, self.files, self.workspace
        for action, slot in (
            (m.new_action, files.new_plan),
            (m.open_action, files.open_dialog),
            (m.save_action, files.save),
            (m.save_as_action, files.save_as),
            (m.export_action, self.exporter.export_word),
            (m.catalogue_action, files.choose_catalogue),
            (m.default_catalogue_action, files.use_default_catalogue),
            (m.close_action, files.close_plan),
            (m.quit_action, self.close),
            (m.bid_action, files.show_bid_details),
            (m.find_action, space.find_measure),
            (m.next_pane_action, lambda: space.cycle_pane(1)),
            (m.prev_pane_action, lambda: space.cycle_pane(-1)),
            (m.about_action, self.show_about),
            (m.folders_action, self.show_folders),
        ):
            action.triggered.connect(lambda _=False, slot=slot: slot())
        for view in space.views:
            m.add_view(view)
        sp, doc = self.start_page, self.document
        for signal, slot in (  # who tells whom: one row a signal
            (space.viewAdded, m.add_view),
            (space.viewShown, m.show_view),
            (m.viewRequested, space.show_view),
            (m.recentRequested, files.open_recent),
            (m.recentCleared, self._refresh_start),
            (self.exporter.openAfterExportChanged, m.open_after_export_action.setChecked),
            (space.bidDetailsRequested, files.show_bid_details),
            (space.status, self.show_status),
            (files.catalogueNeeded, self.ensure_ready),
            (files.opened, self._show_workspace),
            (files.closed, self._show_start),
            (files.status, self.show_status),
            (files.recentChanged, m.fill_recent_menu),
            (files.recoveredChanged, self._refresh_start),
            (files.flushRequested, space.commit_pending),
            (self.exporter.flushRequested, space.commit_pending),
            (self.status_parts.readinessClicked, lambda: space.show_view(OVERVIEW)),
            (doc.modifiedChanged, self._update_title),
            (doc.pathChanged, self._update_title),
            (sp.newRequested, files.new_plan),
            (sp.openRequested, files.open_dialog),
            (sp.sampleRequested, files.open_sample),
            (sp.recentRequested, files.open_recent),
            (sp.recoverRequested, files.recover),
            (sp.discardRecoveredRequested, files.discard_recovered),
        ):
            signal.connect(slot)

    def show_status(self, text: str, ms: int = STATUS_MS) -> None:
        self.statusBar().showMessage(text, ms)

    def show_about(self) -> None:
        if self.ensure_ready():
            dialogs.show_about(self, self.document.catalogue.info)

    def show_folders(self) -> None:
        from svplan.ui.autosave import autosave_folder
        from svplan.ui.errors import log_folder, open_folder

        folder = dialogs.show_folders(self, log_folder(), autosave_folder())
        if folder is not None:
            open_folder(folder)

    # Pages --------------------------------------------------------------------------------------

    def has_plan(self) -> bool:
        return self.files.has_plan

    def has_workspace(self) -> bool:
        """Whether the workspace (browser, editor, partners, overview) has been built yet."""
        return self.workspace.is_built()

    def _refresh_start(self) -> None:
        self.start_page.set_recent_files(self.settings.recent_files())
        self.start_page.set_sample_available(sample_plan_path() is not None)
        self.start_page.set_recovered(self.files.recovered_items())

    def _show_start(self) -> None:
        self.files.has_plan = False
        self._refresh_start()
        self.pages.setCurrentWidget(self.start_page)
        self._plan_shown(False)
        self.start_page.focus_default()

    def _show_workspace(self, select: str | None = None) -> None:
        self.workspace.show(select)
        self._plan_shown(True)

    def _plan_shown(self, on: bool) -> None:
        self.menus.set_plan_open(on)
        self.status_parts.has_plan = on
        self.status_parts.update()
        self._update_title()

    def _update_title(self, *_: object) -> None:
        if self.files.has_plan:
            self.setWindowTitle(f"{self.document.display_name()}[*] — {APP_NAME}")
            self.setWindowModified(self.document.is_modified())
        else:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)

    # Layout persistence -------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                area = screen.availableGeometry()
                width, height, self.maximize_first = first_size(area.width(), area.height())
                self.resize(width, height)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        # The splitter's state is restored when the workspace is built.

    def save_layout(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.workspace.save_layout()
        self.settings.sync()

    def show_first(self) -> None:
        """Show the window at start-up: as it was left, or maximised on a laptop's first run
        (showMaximized, not setWindowState: nothing before the first paint touches the Qt
        namespace, whose ~100 enums cost ~12 ms to build)."""
        if self.maximize_first:
            self.showMaximized()
        else:
            self.show()

    # Window events ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.workspace.split_pending:
            self.workspace.apply_default_split()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        if self.autosaver is not None:  # saved, discarded or unchanged: no copy to keep
            self.autosaver.stop()
            self.autosaver.discard()
        if self.remember_layout:
            self.save_layout()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        leaving = event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow()
        if leaving and self.autosaver is not None and self.files.has_plan:
            self.workspace.commit_pending()  # a table cell being typed belongs in the copy
            self.autosaver.save_now()  # switching to Word or the browser: keep a copy now

    @staticmethod
    def _dropped_plan(event: QDragEnterEvent | QDropEvent) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(PLAN_SUFFIX):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_plan(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_plan(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        # Open after the drop finishes so the message boxes do not block the drag source.
        QTimer.singleShot(0, lambda: self.files.open_path(path))


def first_size(width: int, height: int) -> tuple[int, int, bool]:
    """The first window's size on a screen area of width x height, and whether to maximise:
    90% of the area up to 1440x900; all of a laptop's (1280x800, 1366x768), as the list, the
    editor's form and the partners need about 1240 pixels."""
    maximise = 1024 <= width < 1420
    return min(1440, int(width * 0.9)), min(900, int(height * 0.9)), maximise


class _FirstPaint(QObject):
    """Calls back once, after the first paint of the widget it watches (then removes itself)."""

    def __init__(self, callback: Callable[[], None], widget: QWidget) -> None:
        super().__init__(widget)
        self._callback = callback
        self._done = False
        QTimer.singleShot(1000, self._run)  # no paint (a minimised start): do not wait for one

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            QTimer.singleShot(0, self._run)  # after this paint has reached the screen
        return False

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self.parent().removeEventFilter(self)
        self._callback()
