"""The main window: start page, the measures workspace, the overview, menus, files and export."""

from __future__ import annotations

import contextlib
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QSize, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from svplan import APP_NAME, __version__
from svplan.core.catalogue import Catalogue, load_catalogue, load_default_catalogue
from svplan.core.checks import Severity, summary
from svplan.core.errors import CatalogueError, ExportError, PlanError, SaveError, SvplanError
from svplan.core.planio import PLAN_SUFFIX, load_plan, unknown_measures
from svplan.ui import errors
from svplan.ui.icons import app_icon, icon
from svplan.ui.plan_document import PlanDocument
from svplan.ui.settings import Settings
from svplan.ui.start_page import StartPage
from svplan.ui.undo import CommitmentCommand

# The workspace (measure browser, commitment editor, partners panel, overview), the autosaver
# and the bid dialog are imported and built on first use: at start-up only the start page shows.
if TYPE_CHECKING:
    from svplan.core.recovery import Recovery
    from svplan.ui.autosave import Autosaver
    from svplan.ui.commitment_editor import CommitmentEditor
    from svplan.ui.measure_browser import MeasureBrowser
    from svplan.ui.overview import OverviewWidget
    from svplan.ui.partners_panel import PartnersPanel

PLAN_FILTER = f"Social value plans (*{PLAN_SUFFIX});;All files (*)"
WORD_FILTER = "Word documents (*.docx)"
CATALOGUE_FILTER = "TOMs catalogues (*.yaml *.yml);;All files (*)"
STATUS_MS = 6000
TAB_MEASURES, TAB_OVERVIEW = 0, 1


def sample_plan_path() -> Path | None:
    """The sample plan shipped with the app (or the repository's examples/ in development)."""
    shipped = Path(str(resources.files("svplan") / "resources" / "sample.svplan"))
    if shipped.is_file():
        return shipped
    dev = Path(__file__).resolve().parents[3] / "examples" / "sample.svplan"
    return dev if dev.is_file() else None


def _documents_folder() -> Path:
    """The user's Documents folder (home if there is none): where file dialogs start."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def _safe_file_stem(text: str) -> str:
    stem = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", text).strip(" .")
    return re.sub(r"\s+", " ", stem)[:80]


class _Workspace(NamedTuple):
    """The plan views, built together on first use."""

    tabs: QTabWidget
    splitter: QSplitter
    browser: MeasureBrowser
    editor: CommitmentEditor
    partners: PartnersPanel
    overview: OverviewWidget


class MainWindow(QMainWindow):
    """One plan per window. Every change goes through `document` (a PlanDocument)."""

    def __init__(
        self,
        catalogue: Catalogue,
        settings: Settings | None = None,
        *,
        autosave: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.document = PlanDocument(catalogue, parent=self)
        self.autosaver: Autosaver | None = None
        if autosave:
            from svplan.ui.autosave import Autosaver

            self.autosaver = Autosaver(self.document, parent=self)
        self._has_plan = False
        self.remember_layout = True  # False for start-up benchmarks: leave settings alone
        self._last_undo: tuple[int, object] = (0, None)  # index, the command Redo would do
        self._warnings_box: QMessageBox | None = None
        self._workspace: _Workspace | None = None  # built on first use (see _ensure_workspace)
        self._split_pending = False
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setMinimumSize(QSize(900, 600))

        self._build_central()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        self._restore_layout()
        self._show_start()
        if self.autosaver is not None:
            self.autosaver.failed.connect(
                lambda why: self.statusBar().showMessage(f"Autosave: {why}", STATUS_MS)
            )
            self.autosaver.start()

    # Building -----------------------------------------------------------------------------------

    def _build_central(self) -> None:
        """The start page only: the workspace is built when a plan is first shown."""
        self.start_page = StartPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.setCentralWidget(self.pages)

    def has_workspace(self) -> bool:
        """Whether the workspace (browser, editor, partners, overview) has been built yet."""
        return self._workspace is not None

    def _ensure_workspace(self) -> _Workspace:
        """Build the measures workspace and the overview the first time they are needed."""
        if self._workspace is not None:
            return self._workspace
        from svplan.ui.commitment_editor import CommitmentEditor
        from svplan.ui.measure_browser import MeasureBrowser
        from svplan.ui.overview import OverviewWidget
        from svplan.ui.partners_panel import PartnersPanel

        doc = self.document
        tabs = QTabWidget(self.pages)
        tabs.setDocumentMode(True)
        tabs.setAccessibleName("Plan views")
        splitter = QSplitter(Qt.Orientation.Horizontal, tabs)
        splitter.setObjectName("workspaceSplitter")
        splitter.setChildrenCollapsible(False)
        browser = MeasureBrowser(doc, splitter)
        browser.setMinimumWidth(260)
        editor = CommitmentEditor(doc, splitter)
        editor.setMinimumWidth(420)
        partners = PartnersPanel(doc, splitter)
        partners.setMinimumWidth(240)
        for pane, margins in ((browser, 8), (partners, 8)):
            pane.setContentsMargins(margins, margins, margins, margins)
        splitter.addWidget(browser)
        splitter.addWidget(editor)
        splitter.addWidget(partners)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([420, 700, 360])
        overview = OverviewWidget(doc, tabs)
        overview.setContentsMargins(8, 8, 8, 8)
        tabs.addTab(splitter, icon("measures"), "Measures")
        tabs.addTab(overview, icon("overview"), "Overview")
        self.pages.addWidget(tabs)
        self._workspace = _Workspace(tabs, splitter, browser, editor, partners, overview)

        browser.measureSelected.connect(self._on_measure_selected)
        browser.measureActivated.connect(self._on_measure_activated)
        overview.measureActivated.connect(self.go_to_measure)
        editor.bidDetailsRequested.connect(self.show_bid_details)
        tabs.currentChanged.connect(self._on_tab_changed)
        state = self.settings.splitter_state()
        self._split_pending = state is None or not splitter.restoreState(state)
        if self._split_pending and self.isVisible():
            self._apply_default_split()
        return self._workspace

    @property
    def tabs(self) -> QTabWidget:
        return self._ensure_workspace().tabs

    @property
    def splitter(self) -> QSplitter:
        return self._ensure_workspace().splitter

    @property
    def browser(self) -> MeasureBrowser:
        return self._ensure_workspace().browser

    @property
    def editor(self) -> CommitmentEditor:
        return self._ensure_workspace().editor

    @property
    def partners(self) -> PartnersPanel:
        return self._ensure_workspace().partners

    @property
    def overview(self) -> OverviewWidget:
        return self._ensure_workspace().overview

    def _commit_pending(self) -> None:
        """Store a cell or field still being typed in (nothing to do without a workspace)."""
        if self._workspace is not None:
            self._workspace.editor.commit_pending()

    def _action(
        self,
        text: str,
        slot,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        icon_name: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        sk = QKeySequence.StandardKey
        a = self._action
        self.new_action = a("&New Plan", self.new_plan, sk.New, "Start a new plan", "new")
        self.open_action = a("&Open…", self.open_dialog, sk.Open, "Open a plan file", "open")
        self.save_action = a("&Save", self.save, sk.Save, "Save the plan", "save")
        self.save_as_action = a("Save &As…", self.save_as, sk.SaveAs, "Save under a new name")
        if self.save_as_action.shortcut().isEmpty():
            self.save_as_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.export_action = a(
            "&Export Word Plan…",
            self.export_word,
            "Ctrl+E",
            "Write the delivery plan as a Word document",
            "export",
        )
        self.open_after_export_action = QAction("Open the Document After &Export", self)
        self.open_after_export_action.setCheckable(True)
        self.open_after_export_action.setChecked(self.settings.open_after_export())
        self.open_after_export_action.toggled.connect(self.settings.set_open_after_export)
        self.catalogue_action = a(
            "Use Another &Catalogue…",
            self.choose_catalogue,
            None,
            "Use a council's own TOMs catalogue file",
        )
        self.default_catalogue_action = a(
            "Use the &Built-in Catalogue", self.use_default_catalogue, None
        )
        self.close_action = a("&Close Plan", self.close_plan, sk.Close, "Close this plan")
        self.quit_action = a("E&xit", self.close, sk.Quit)
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(sk.Undo))
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = stack.createRedoAction(self, "&Redo")
        redo_keys = QKeySequence.keyBindings(sk.Redo)
        if not any(k.toString() == "Ctrl+Y" for k in redo_keys):
            redo_keys = [QKeySequence("Ctrl+Y"), *redo_keys]
        self.redo_action.setShortcuts(redo_keys)
        self.redo_action.setIcon(icon("redo"))
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.bid_action = a(
            "&Bid Details…", self.show_bid_details, "Ctrl+B", "Tender, contract and lead", "bid"
        )

        self.view_group = QActionGroup(self)
        self.measures_view_action = a(
            "&Measures", lambda: self.show_view(TAB_MEASURES), "Ctrl+1", "", "measures"
        )
        self.overview_action = a(
            "&Overview",
            lambda: self.show_view(TAB_OVERVIEW),
            "Ctrl+2",
            "The plan at a glance",
            "overview",
        )
        for action in (self.measures_view_action, self.overview_action):
            action.setCheckable(True)
            self.view_group.addAction(action)
        self.measures_view_action.setChecked(True)
        self.find_action = a("&Find Measure", self.find_measure, sk.Find, "Search the measures")
        self.next_pane_action = a("Next &Pane", lambda: self.cycle_pane(1), "F6")
        self.prev_pane_action = a("Previous Pane", lambda: self.cycle_pane(-1), "Shift+F6")

        self.about_action = a("&About Social Value Plan Builder", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.folders_action = a("Where Are My &Logs and Autosaves?", self.show_folders)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.open_after_export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.catalogue_action)
        file_menu.addAction(self.default_catalogue_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        self._fill_recent_menu()

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.bid_action)

        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.measures_view_action)
        view_menu.addAction(self.overview_action)
        view_menu.addSeparator()
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.next_pane_action)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.folders_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main toolbar")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(20, 20))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_action, self.open_action, self.save_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addSeparator()
        bar.addAction(self.bid_action)
        bar.addSeparator()
        bar.addAction(self.export_action)
        self.toolbar = bar
        self.addToolBar(bar)
        for action in (self.undo_action, self.redo_action):
            button = bar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        names = {
            self.new_action: "New plan",
            self.open_action: "Open a plan",
            self.save_action: "Save",
            self.undo_action: "Undo",
            self.redo_action: "Redo",
            self.bid_action: "Bid details",
            self.measures_view_action: "Measures view",
            self.overview_action: "Overview",
            self.export_action: "Export Word plan",
        }
        for action, name in names.items():
            widget = bar.widgetForAction(action)
            if widget is not None:
                widget.setAccessibleName(name)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Measures committed")
        self.readiness_button = QToolButton()
        self.readiness_button.setAutoRaise(True)
        self.readiness_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.readiness_button.setAccessibleName("Readiness")
        self.readiness_button.setToolTip("Show what is left to do (Overview)")
        self.readiness_button.clicked.connect(lambda: self.show_view(TAB_OVERVIEW))
        self.catalogue_label = QLabel()
        self.catalogue_label.setAccessibleName("Catalogue")
        status.addPermanentWidget(self.count_label)
        status.addPermanentWidget(self.readiness_button)
        status.addPermanentWidget(self.catalogue_label)

    def _connect(self) -> None:
        doc = self.document
        doc.modifiedChanged.connect(self._update_title)
        doc.pathChanged.connect(self._update_title)
        doc.findingsChanged.connect(self._schedule_status)
        doc.catalogueChanged.connect(self._update_catalogue_label)
        doc.planReset.connect(self._schedule_status)
        doc.undo_stack.indexChanged.connect(self._after_undo_index)
        sp = self.start_page
        sp.newRequested.connect(self.new_plan)
        sp.openRequested.connect(self.open_dialog)
        sp.sampleRequested.connect(self.open_sample)
        sp.recentRequested.connect(self.open_recent)
        sp.recoverRequested.connect(self.recover)
        sp.discardRecoveredRequested.connect(self.discard_recovered)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(0)
        self._status_timer.timeout.connect(self._update_status)
        self._update_title()
        self._update_catalogue_label()

    # Layout persistence ----------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                area = screen.availableGeometry()
                self.resize(min(1440, int(area.width() * 0.9)), min(900, int(area.height() * 0.9)))
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        # The splitter's state is restored when the workspace is built (_ensure_workspace).

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._split_pending:
            self._apply_default_split()

    def _apply_default_split(self) -> None:
        """First run: the measure list and the partners narrow, the editor gets the rest."""
        if self._workspace is None:
            return
        self._split_pending = False
        splitter = self._workspace.splitter
        width = max(splitter.width(), self.width())
        side = max(320, min(480, width * 8 // 25))  # room for "NT10a  Weeks of …" wordings
        splitter.setSizes([side, width - side - 340, 340])

    def save_layout(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        if self._workspace is not None:  # else the layout saved last time is kept as it was
            self.settings.set_splitter_state(self._workspace.splitter.saveState())
        self.settings.sync()

    # Pages and views ----------------------------------------------------------------------------

    def has_plan(self) -> bool:
        return self._has_plan

    def _show_start(self) -> None:
        self._has_plan = False
        self.start_page.set_recent_files(self.settings.recent_files())
        self.start_page.set_sample_available(sample_plan_path() is not None)
        self.start_page.set_recovered(self._recovered_items())
        self.pages.setCurrentWidget(self.start_page)
        self._update_enabled()
        self._update_title()
        self._update_status()
        self.start_page.focus_default()

    def _show_workspace(self, select: str | None = None) -> None:
        self._has_plan = True
        self.pages.setCurrentWidget(self.tabs)
        self.show_view(TAB_MEASURES)
        codes = self.document.plan.codes
        target = select or next(
            (c for c in codes if self.document.catalogue.has_measure(c)),
            self.document.catalogue.measures[0].code,
        )
        self.browser.select_measure(target)
        self._on_measure_selected(self.browser.current_measure() or target)
        self._update_enabled()
        self._update_title()
        self._update_status()
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_view(self, index: int) -> None:
        if not self._has_plan:
            return
        self.tabs.setCurrentIndex(index)

    def _on_tab_changed(self, index: int) -> None:
        (self.overview_action if index == TAB_OVERVIEW else self.measures_view_action).setChecked(
            True
        )
        if index == TAB_OVERVIEW:
            self.overview.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_to_measure(self, code: str) -> None:
        """Show a measure in the Measures view (from the Overview, undo, or a finding)."""
        if not code or not self._has_plan:
            return
        self.show_view(TAB_MEASURES)
        if self.document.catalogue.has_measure(code):
            self.browser.select_measure(code)
            self.editor.focus_first_field()

    def find_measure(self) -> None:
        if self._has_plan:
            self.show_view(TAB_MEASURES)
            self.browser.focus_search()

    def cycle_pane(self, step: int) -> None:
        """F6 / Shift+F6: move between the measure list, the editor and the partners."""
        if not self._has_plan or self.tabs.currentIndex() != TAB_MEASURES:
            return
        panes = [self.browser, self.editor, self.partners]
        focus = QApplication.focusWidget()
        current = next((i for i, p in enumerate(panes) if focus and p.isAncestorOf(focus)), -1)
        pane = panes[(current + step) % len(panes)]
        if pane is self.editor:
            self.editor.focus_first_field()
        else:
            pane.setFocus(Qt.FocusReason.TabFocusReason)
            if not pane.hasFocus() and pane.focusProxy() is None:
                pane.focusNextChild()

    def _on_measure_selected(self, code: str) -> None:
        self.editor.show_measure(code)
        self.partners.show_measure(code or None)

    def _on_measure_activated(self, code: str) -> None:
        self._on_measure_selected(code)
        self.editor.focus_first_field()

    def _after_undo_index(self, index: int) -> None:
        """After Undo/Redo, show the measure that changed so the user sees what happened."""
        stack = self.document.undo_stack
        last_index, next_redo = self._last_undo
        self._last_undo = (index, stack.command(index) if index < stack.count() else None)
        if index < last_index:
            command, verb = stack.command(index), "Undone"
        elif (
            index == last_index + 1
            and next_redo is not None
            and stack.command(index - 1) is next_redo
        ):
            command, verb = stack.command(index - 1), "Redone"
        else:
            return  # a new edit (or a merge): nothing to point at
        if command is None:
            return
        self.statusBar().showMessage(f"{verb}: {command.text()}", STATUS_MS)
        if not isinstance(command, CommitmentCommand):
            return
        if self._workspace is None or command.code.upper() != self._workspace.editor.code.upper():
            self.go_to_measure(command.code)

    # Title, status, enabled state ----------------------------------------------------------

    def _update_title(self, *_: object) -> None:
        if self._has_plan:
            self.setWindowTitle(f"{self.document.display_name()}[*] — {APP_NAME}")
            self.setWindowModified(self.document.is_modified())
        else:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)

    def _schedule_status(self) -> None:
        self._status_timer.start()

    def _update_status(self) -> None:
        if not self._has_plan:
            self.count_label.setText("")
            self.readiness_button.setText("")
            self.readiness_button.hide()
            return
        plan = self.document.plan
        count = len(plan.commitments)
        self.count_label.setText(f"{count} measure{'s' if count != 1 else ''} committed")
        findings = self.document.findings()
        problems = sum(f.severity is Severity.PROBLEM for f in findings)
        mark = "✓" if not findings else ("●" if problems else "○")
        self.readiness_button.setText(f"{mark} {summary(findings)}")
        self.readiness_button.show()

    def _update_catalogue_label(self) -> None:
        info = self.document.catalogue.info
        self.catalogue_label.setText(f"{info.title} ({info.edition})")
        self.catalogue_label.setToolTip(f"{info.source_title} — {info.publisher}")

    def _update_enabled(self) -> None:
        on = self._has_plan
        for action in (
            self.save_action,
            self.save_as_action,
            self.export_action,
            self.bid_action,
            self.close_action,
            self.measures_view_action,
            self.overview_action,
            self.find_action,
            self.next_pane_action,
            self.prev_pane_action,
        ):
            action.setEnabled(on)

    # Plans: new, open, save, close ---------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True to go ahead."""
        self._commit_pending()
        if not self._has_plan or not self.document.is_modified():
            return True
        box = errors.message_box(
            self,
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Do you want to save the changes to {self.document.display_name()}?",
            informative="If you don't save, your changes will be lost.",
        )
        Btn = QMessageBox.StandardButton
        box.setStandardButtons(Btn.Save | Btn.Discard | Btn.Cancel)
        box.setDefaultButton(Btn.Save)
        box.setEscapeButton(Btn.Cancel)
        clicked = errors.exec_box(box)
        choice = box.standardButton(clicked) if clicked is not None else Btn.Cancel
        if choice == Btn.Save:
            return self.save()
        # Discard keeps the recovery copy until the plan is really gone (closed, or replaced by
        # a plan that opened): opening a broken file after Discard must not lose the work.
        return choice == Btn.Discard

    def new_plan(self) -> bool:
        """Start an empty plan and ask for the bid details."""
        if not self.maybe_save():
            return False
        self.document.new()
        self._show_workspace()
        self.show_bid_details(first_time=True)
        return True

    def open_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        folder = self.settings.last_folder() or _documents_folder()
        name, _ = QFileDialog.getOpenFileName(self, "Open a plan", str(folder), PLAN_FILTER)
        if not name:
            return False
        return self.open_path(Path(name), ask=False)

    def open_recent(self, path: Path) -> bool:
        if not Path(path).is_file():
            self.settings.remove_recent_file(path)
            errors.show_error(
                self,
                f"{Path(path).name} is no longer there; it may have been moved or deleted.",
                "Could not open the plan",
                str(path),
            )
            self._fill_recent_menu()
            if not self._has_plan:
                self._show_start()
            return False
        return self.open_path(Path(path))

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Open a plan file (asking about unsaved changes first when `ask`)."""
        if ask and not self.maybe_save():
            return False
        path = Path(path)
        try:
            with self._busy():
                warnings = self.document.load(path)
        except PlanError as exc:
            errors.show_error(self, exc, "Could not open the plan")
            return False
        except OSError as exc:
            errors.show_error(
                self,
                f"Could not open {path.name}: {exc.strerror or exc}.",
                "Could not open the plan",
            )
            return False
        self.settings.add_recent_file(path)
        self.settings.set_last_folder(path.parent)
        self._show_workspace()
        self.statusBar().showMessage(f"Opened {path.name}", STATUS_MS)
        if warnings:
            self.show_warnings(path.name, warnings)
        return True

    def open_sample(self) -> bool:
        """Open a copy of the sample plan (saved only with Save As, never over the sample)."""
        path = sample_plan_path()
        if path is None:
            errors.show_error(self, "The sample plan is missing from this installation.")
            return False
        if not self.maybe_save():
            return False
        try:
            loaded = load_plan(path, self.document.catalogue)
        except PlanError as exc:
            errors.show_error(self, exc, "Could not open the sample plan")
            return False
        self.document.reset(loaded.plan, None)
        self._show_workspace()
        self.statusBar().showMessage(
            "This is a copy of the sample plan: use Save As to keep your changes.", STATUS_MS * 2
        )
        return True

    def _recovered_items(self) -> list[tuple[str, object]]:
        if self.autosaver is None:
            return []
        items: list[tuple[str, object]] = []
        for found in self.autosaver.leftovers():
            when = found.saved_at.astimezone()
            where = f" ({found.original.name})" if found.original else ""
            label = f"{found.label}{where} — last copied {when.day} {when:%b %Y %H:%M}"
            items.append((label, found))
        return items

    def recover(self, found: Recovery) -> bool:
        """Open a recovery copy of unsaved work, as a modified plan for its original file."""
        if not self.maybe_save():
            return False
        try:
            from svplan.core.recovery import load_recovery

            plan = load_recovery(found)
        except PlanError as exc:
            errors.show_error(self, exc, "Could not recover the plan")
            return False
        self.document.reset(plan, found.original, modified=True)
        if self.autosaver is not None:
            self.autosaver.adopt(found)
        self._show_workspace()
        self.statusBar().showMessage("Recovered unsaved work: save it to keep it.", STATUS_MS * 2)
        return True

    def discard_recovered(self) -> None:
        """Delete the recovery copies listed on the start page, after asking."""
        if self.autosaver is None:
            return
        box = errors.message_box(
            self,
            QMessageBox.Icon.Question,
            "Discard unsaved work",
            "Delete the unsaved copies from the earlier session? This cannot be undone.",
        )
        Btn = QMessageBox.StandardButton
        box.setStandardButtons(Btn.Discard | Btn.Cancel)
        box.setDefaultButton(Btn.Cancel)
        clicked = errors.exec_box(box)
        if clicked is None or box.standardButton(clicked) != Btn.Discard:
            return
        from svplan.core.recovery import discard_recovery

        for found in self.autosaver.leftovers():
            try:
                discard_recovery(found)
            except SvplanError as exc:
                errors.show_error(self, exc, "Could not delete a copy")
                break
        self.start_page.set_recovered(self._recovered_items())

    def save(self) -> bool:
        """Save to the plan's file (Save As when it has none). False if not saved."""
        if not self._has_plan:
            return False
        self._commit_pending()
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        if not self._has_plan:
            return False
        self._commit_pending()
        current = self.document.path
        if current is not None:
            suggestion = current
        else:
            folder = self.settings.last_folder() or _documents_folder()
            stem = _safe_file_stem(self.document.plan.bid.title) or "Social value plan"
            suggestion = folder / f"{stem}{PLAN_SUFFIX}"
        name, _ = QFileDialog.getSaveFileName(self, "Save plan as", str(suggestion), PLAN_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != PLAN_SUFFIX:
            path = path.with_name(path.name + PLAN_SUFFIX)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            with self._busy():
                self.document.save(path)
        except SaveError as exc:
            return self._save_failed(exc)
        self.settings.add_recent_file(path)
        self.settings.set_last_folder(path.parent)
        self.statusBar().showMessage(f"Saved {path.name}", STATUS_MS)
        return True

    def _save_failed(self, exc: SaveError) -> bool:
        """Tell why, keep everything open and modified, and offer Save As."""
        box = errors.message_box(
            self,
            QMessageBox.Icon.Warning,
            "Could not save",
            exc.message,
            details=exc.details,
            informative="Your plan is still open and nothing is lost. "
            "You can save it somewhere else.",
        )
        save_as = box.addButton("Save &As…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        if errors.exec_box(box) is save_as:
            return self.save_as()
        return False

    def close_plan(self) -> bool:
        if not self.maybe_save():
            return False
        self.document.new()
        self._show_start()
        return True

    def show_warnings(self, name: str, warnings: list[str]) -> None:
        """Mention load warnings once: a status bar message and a non-blocking list."""
        count = len(warnings)
        self.statusBar().showMessage(
            f"{name} opened with {count} note{'s' if count != 1 else ''} — see the list",
            STATUS_MS * 2,
        )
        box = errors.message_box(
            self,
            QMessageBox.Icon.Information,
            "Opened with notes",
            f"{name} opened, with {count} thing{'s' if count != 1 else ''} worth knowing:",
            details="\n".join(warnings),
            informative="\n".join(f"• {w}" for w in warnings[:5]) + ("\n…" if count > 5 else ""),
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._warnings_box = box
        box.show()

    @contextlib.contextmanager
    def _busy(self):
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.settings.recent_files()
        for i, path in enumerate(paths, start=1):
            label = f"&{i % 10}  {path.name}" if i <= 10 else path.name
            action = self.recent_menu.addAction(label)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))
        if not paths:
            empty = self.recent_menu.addAction("No recent plans")
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("&Clear the List")
            clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        if not self._has_plan:
            self.start_page.set_recent_files([])

    # Bid details ----------------------------------------------------------------------------

    def show_bid_details(self, first_time: bool = False) -> bool:
        if not self._has_plan:
            return False
        from svplan.ui.bid_dialog import BidDialog

        dialog = BidDialog(self.document, self, first_time=bool(first_time))
        accepted = errors.exec_dialog(dialog) == BidDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted

    # Export --------------------------------------------------------------------------------------

    def export_word(self) -> Path | None:
        """Ask where, write the Word plan, then open it or offer to."""
        if not self._has_plan:
            return None
        self._commit_pending()
        folder = self.settings.last_folder() or _documents_folder()
        path = self.document.path
        stem = path.stem if path else _safe_file_stem(self.document.plan.bid.title)
        suggestion = folder / f"{stem or 'Social value delivery plan'}.docx"
        name, _ = QFileDialog.getSaveFileName(
            self, "Export Word plan", str(suggestion), WORD_FILTER
        )
        if not name:
            return None
        out = Path(name)
        if out.suffix.lower() != ".docx":
            out = out.with_name(out.name + ".docx")
        try:
            from svplan.export import export_plan
        except ImportError:
            errors.show_error(
                self,
                "The Word export is missing from this installation; reinstall the app.",
                "Could not export",
            )
            return None
        try:
            with self._busy():
                written = export_plan(self.document.plan, self.document.catalogue, out)
        except (SaveError, ExportError) as exc:
            errors.show_error(self, exc, "Could not export")
            return None
        written = Path(written) if written else out
        self.settings.set_last_folder(written.parent)
        self.statusBar().showMessage(f"Exported {written.name}", STATUS_MS)
        self._after_export(written)
        return written

    def _after_export(self, path: Path) -> None:
        if self.settings.open_after_export():
            self.open_document(path)
            return
        findings = self.document.findings()
        problems = sum(f.severity is Severity.PROBLEM for f in findings)
        note = (
            f"The plan still has {summary(findings)}; the Overview lists them."
            if problems
            else "You can attach it to your tender response."
        )
        box = errors.message_box(
            self,
            QMessageBox.Icon.Information,
            "Exported",
            f"Saved {path.name}.",
            informative=note,
        )
        open_button = box.addButton("&Open Document", QMessageBox.ButtonRole.AcceptRole)
        folder_button = box.addButton("Show in &Folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(open_button)
        always = QCheckBox("Always open the document after exporting")
        box.setCheckBox(always)
        clicked = errors.exec_box(box)
        if always.isChecked():
            self.open_after_export_action.setChecked(True)
        if clicked is open_button:
            self.open_document(path)
        elif clicked is folder_button:
            errors.open_folder(path.parent)

    def open_document(self, path: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # Catalogue ---------------------------------------------------------------------------------

    def choose_catalogue(self) -> bool:
        folder = self.settings.last_folder() or _documents_folder()
        name, _ = QFileDialog.getOpenFileName(
            self, "Use another catalogue", str(folder), CATALOGUE_FILTER
        )
        return self.use_catalogue(Path(name)) if name else False

    def use_catalogue(self, path: Path) -> bool:
        """Switch to a council's catalogue file; on failure say why and keep the current one."""
        try:
            with self._busy():
                catalogue = load_catalogue(path)
        except CatalogueError as exc:
            errors.show_error(self, exc, "Could not use that catalogue")
            return False
        self._switch_catalogue(catalogue)
        self.settings.set_last_catalogue(Path(path))
        return True

    def use_default_catalogue(self) -> bool:
        try:
            catalogue = load_default_catalogue()
        except SvplanError as exc:
            errors.show_error(self, exc, "Could not load the built-in catalogue")
            return False
        self._switch_catalogue(catalogue)
        self.settings.set_last_catalogue(None)
        return True

    def _switch_catalogue(self, catalogue: Catalogue) -> None:
        current = self._workspace.editor.code if self._workspace is not None else ""
        self.document.set_catalogue(catalogue)
        self._update_catalogue_label()
        self.statusBar().showMessage(f"Now using {catalogue.info.title}", STATUS_MS)
        if self._has_plan:
            self._show_workspace(current if catalogue.has_measure(current) else None)
            missing = unknown_measures(self.document.plan, catalogue)
            if missing:
                self.show_warnings(self.document.display_name(), missing)

    # About, folders ---------------------------------------------------------------------------

    def show_about(self) -> None:
        info = self.document.catalogue.info
        source = f"{info.source_title} ({info.publisher})"
        url = f"\n{info.source_url}" if info.source_url else ""
        box = errors.message_box(
            self,
            QMessageBox.Icon.NoIcon,
            "About",
            f"{APP_NAME} {__version__}",
            informative=(
                "Write a social value delivery plan against the TOMs measures and export it "
                "to Word.\n\n"
                f"Catalogue: {info.title}, edition {info.edition}\n"
                f"Data source: {source}{url}\n\n"
                "Partner contacts come from the published source and are stored only on this "
                "computer. The app contains no proxy (£) values."
            ),
        )
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        errors.exec_box(box)

    def show_folders(self) -> None:
        from svplan.ui.autosave import autosave_folder

        logs = errors.log_folder()
        autosaves = autosave_folder()
        box = errors.message_box(
            self,
            QMessageBox.Icon.Information,
            "Logs and autosaves",
            "Where the app keeps its files on this computer:",
            informative=(
                f"Log (for support; no plan contents):\n{logs}\n\n"
                f"Autosaved copies of unsaved work (every minute):\n{autosaves}"
            ),
        )
        logs_button = box.addButton("Open &Log Folder", QMessageBox.ButtonRole.ActionRole)
        auto_button = box.addButton("Open &Autosave Folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        clicked = errors.exec_box(box)
        if clicked is logs_button:
            errors.open_folder(logs)
        elif clicked is auto_button:
            errors.open_folder(autosaves)

    # Window events ------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
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
        if leaving and self.autosaver is not None and self._has_plan:
            self._commit_pending()  # a table cell being typed belongs in the copy
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
        QTimer.singleShot(0, lambda: self.open_path(path))
