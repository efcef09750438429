"""The workspace: the plan's views as tabs (Measures, Overview, and any a feature adds).

A feature adds a view with one call, before or after the workspace is built:

    window.workspace.add_view("tracker", "&Tracker", TrackerView, shortcut="Ctrl+3")

`TrackerView(document, parent)` is built the first time a plan is shown (start-up shows only the
start page). The View menu gets a checkable action for it (ui/actions.py listens to `viewAdded`).
A view with a `measureActivated(str)` signal takes the user to that measure in the Measures view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6 import QtCore
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QApplication,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from svplan.ui.icons import icon

if TYPE_CHECKING:
    from svplan.ui.commitment_editor import CommitmentEditor
    from svplan.ui.measure_browser import MeasureBrowser
    from svplan.ui.overview import OverviewWidget
    from svplan.ui.partners_panel import PartnersPanel
    from svplan.ui.plan_document import PlanDocument
    from svplan.ui.settings import Settings

MEASURES, OVERVIEW = "measures", "overview"
STATUS_MS = 6000
KEEP = "<keep>"  # for `show`: keep the measure on screen if the catalogue still has it
ViewFactory = Callable[["PlanDocument", QWidget], QWidget]


@dataclass(frozen=True)
class View:
    """A tab of the workspace, built by `factory(document, parent)` on first use."""

    key: str
    title: str
    factory: ViewFactory
    shortcut: str | None = None
    icon: str | None = None
    tip: str = ""


def _measures_view(document: PlanDocument, parent: QWidget) -> QSplitter:
    from svplan.ui.commitment_editor import CommitmentEditor
    from svplan.ui.measure_browser import MeasureBrowser
    from svplan.ui.partners_panel import PartnersPanel

    splitter = QSplitter(QtCore.Qt.Orientation.Horizontal, parent)
    splitter.setObjectName("workspaceSplitter")
    splitter.setChildrenCollapsible(False)
    browser = MeasureBrowser(document, splitter)
    browser.setMinimumWidth(210)  # the three fit 1280x720 at 150% (853 px): see MainWindow
    editor = CommitmentEditor(document, splitter)
    editor.setMinimumWidth(380)
    partners = PartnersPanel(document, splitter)
    partners.setMinimumWidth(230)
    for pane in (browser, partners):
        pane.setContentsMargins(8, 8, 8, 8)
    for i, (pane, stretch) in enumerate(((browser, 2), (editor, 5), (partners, 2))):
        splitter.addWidget(pane)
        splitter.setStretchFactor(i, stretch)
    splitter.setSizes([420, 700, 360])
    return splitter


def _unscrolled_width(pane: QWidget) -> int:
    """How wide `pane` must be to show its scrolled form without a horizontal scroll bar (before
    it is laid out: its form's minimum, the vertical scroll bar, the margins on the way)."""
    area = pane.findChild(QScrollArea)
    if area is None or area.widget() is None:
        return pane.minimumSizeHint().width()
    width = area.widget().minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width()
    width += 2 * area.frameWidth()
    widget: QWidget | None = area
    while widget is not None and widget is not pane:
        widget = widget.parentWidget()
        layout = widget.layout() if widget is not None else None
        if layout is not None:
            margins = layout.contentsMargins()
            width += margins.left() + margins.right()
    return width


def _overview_view(document: PlanDocument, parent: QWidget) -> OverviewWidget:
    from svplan.ui.overview import OverviewWidget

    overview = OverviewWidget(document, parent)
    overview.setContentsMargins(8, 8, 8, 8)
    return overview


class Workspace(QObject):
    """Owns the tabs; builds them on first use; moves between views, measures and panes."""

    viewAdded = Signal(object)  # View
    status = Signal(str, int)  # a status bar message and how long to show it (ms)
    viewShown = Signal(str)  # the key of the view now showing
    bidDetailsRequested = Signal()

    def __init__(self, document: PlanDocument, settings: Settings, pages: QStackedWidget) -> None:
        super().__init__(pages)
        self._doc = document
        self._settings = settings
        self._pages = pages
        self._views: list[View] = []
        self._widgets: dict[str, QWidget] = {}
        self._tabs: QTabWidget | None = None
        self.split_pending = False  # the first-run split waits for the window to have a size
        self._last_undo: tuple[int, object] = (0, None)  # index, the command Redo would do
        document.undo_stack.indexChanged.connect(self._after_undo_index)
        self.add_view(MEASURES, "&Measures", _measures_view, shortcut="Ctrl+1", icon="measures")
        self.add_view(
            OVERVIEW,
            "&Overview",
            _overview_view,
            shortcut="Ctrl+2",
            icon="overview",
            tip="The plan at a glance",
        )

    # Views ------------------------------------------------------------------------------------

    @property
    def views(self) -> list[View]:
        return list(self._views)

    def add_view(
        self,
        key: str,
        title: str,
        factory: ViewFactory,
        *,
        shortcut: str | None = None,
        icon: str | None = None,
        tip: str = "",
    ) -> View:
        """Add a tab (built with the workspace, or now if it is built already)."""
        if any(v.key == key for v in self._views):
            raise ValueError(f"a view '{key}' exists already")
        view = View(key, title, factory, shortcut, icon, tip)
        self._views.append(view)
        if self._tabs is not None:
            self._build_view(view)
        self.viewAdded.emit(view)
        return view

    def is_built(self) -> bool:
        return self._tabs is not None

    def _build(self) -> QTabWidget:
        if self._tabs is not None:
            return self._tabs
        tabs = QTabWidget(self._pages)
        tabs.setDocumentMode(True)
        tabs.setAccessibleName("Plan views")
        self._tabs = tabs
        for view in self._views:
            self._build_view(view)
        self._pages.addWidget(tabs)
        self.browser.measureSelected.connect(self._on_measure_selected)
        self.browser.measureActivated.connect(self._on_measure_activated)
        self.editor.bidDetailsRequested.connect(self.bidDetailsRequested)
        tabs.currentChanged.connect(self._on_tab_changed)
        state = self._settings.splitter_state()
        self.split_pending = state is None or not self.splitter.restoreState(state)
        if self.split_pending and self._pages.isVisible():
            self.apply_default_split()
        return tabs

    def _build_view(self, view: View) -> None:
        assert self._tabs is not None
        widget = view.factory(self._doc, self._tabs)
        self._widgets[view.key] = widget
        text = view.title.replace("&", "")
        if view.icon:
            self._tabs.addTab(widget, icon(view.icon), text)
        else:
            self._tabs.addTab(widget, text)
        activated = getattr(widget, "measureActivated", None)
        if activated is not None and view.key != MEASURES:
            activated.connect(self.go_to_measure)

    def view(self, key: str) -> QWidget:
        """The widget of a view (building the workspace if needed)."""
        self._build()
        return self._widgets[key]

    @property
    def tabs(self) -> QTabWidget:
        return self._build()

    @property
    def splitter(self) -> QSplitter:
        return self.view(MEASURES)  # type: ignore[return-value]

    @property
    def browser(self) -> MeasureBrowser:
        return self.splitter.widget(0)  # type: ignore[return-value]

    @property
    def editor(self) -> CommitmentEditor:
        return self.splitter.widget(1)  # type: ignore[return-value]

    @property
    def partners(self) -> PartnersPanel:
        return self.splitter.widget(2)  # type: ignore[return-value]

    @property
    def overview(self) -> OverviewWidget:
        return self.view(OVERVIEW)  # type: ignore[return-value]

    # Showing ----------------------------------------------------------------------------------

    def is_showing(self) -> bool:
        """Whether a plan is on screen (the workspace, not the start page)."""
        return self._tabs is not None and self._pages.currentWidget() is self._tabs

    def show(self, select: str | None = None) -> None:
        """Show the workspace on the Measures view with `select` (or the first committed)."""
        if select == KEEP:
            select = self.current_code() or None
        self._pages.setCurrentWidget(self.tabs)
        self.show_view(MEASURES)
        catalogue = self._doc.catalogue
        target = select or next(
            (c for c in self._doc.plan.codes if catalogue.has_measure(c)),
            catalogue.measures[0].code,
        )
        self.browser.select_measure(target)
        self._on_measure_selected(self.browser.current_measure() or target)
        self.browser.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def show_view(self, view: str | int) -> None:
        """Show a view by key (or tab index); nothing happens without a plan on screen."""
        if not self.is_showing():
            return
        key = self._views[view].key if isinstance(view, int) else view
        self.tabs.setCurrentWidget(self._widgets[key])

    def current_view(self) -> str:
        if self._tabs is None:
            return ""
        return self._views[self._tabs.currentIndex()].key

    def _on_tab_changed(self, index: int) -> None:
        key = self._views[index].key
        if key != MEASURES:
            self._widgets[key].setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        self.viewShown.emit(key)

    def current_code(self) -> str:
        """The measure in the editor ('' when none, or before the workspace is built)."""
        return self.editor.code if self._tabs is not None else ""

    def go_to_measure(self, code: str) -> None:
        """Show a measure in the Measures view (from the Overview, undo, or a finding)."""
        if not code or not self.is_showing():
            return
        self.show_view(MEASURES)
        if self._doc.catalogue.has_measure(code):
            self.browser.select_measure(code)
            self.editor.focus_first_field()

    def find_measure(self) -> None:
        if self.is_showing():
            self.show_view(MEASURES)
            self.browser.focus_search()

    def cycle_pane(self, step: int) -> None:
        """F6 / Shift+F6: move between the measure list, the editor and the partners."""
        if not self.is_showing() or self.current_view() != MEASURES:
            return
        panes = [self.browser, self.editor, self.partners]
        focus = QApplication.focusWidget()
        current = next((i for i, p in enumerate(panes) if focus and p.isAncestorOf(focus)), -1)
        pane = panes[(current + step) % len(panes)]
        if pane is self.editor:
            self.editor.focus_first_field()
        else:
            pane.setFocus(QtCore.Qt.FocusReason.TabFocusReason)
            if not pane.hasFocus() and pane.focusProxy() is None:
                pane.focusNextChild()

    def commit_pending(self) -> None:
        """Store a cell or field still being typed in (nothing to do before it is built)."""
        if self._tabs is not None:
            self.editor.commit_pending()
            for key, widget in self._widgets.items():  # and in the views features added
                pending = getattr(widget, "commit_pending", None)
                if key != MEASURES and callable(pending):
                    pending()

    def _on_measure_selected(self, code: str) -> None:
        self.editor.show_measure(code)
        self.partners.show_measure(code or None)

    def _on_measure_activated(self, code: str) -> None:
        self._on_measure_selected(code)
        self.editor.focus_first_field()

    def _after_undo_index(self, index: int) -> None:
        """After Undo/Redo, show the measure that changed so the user sees what happened."""
        stack = self._doc.undo_stack
        if not shiboken6.isValid(stack):  # the window is closing: the stack clears as it goes
            return
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
            self._show_ticked(index)  # a new edit (or a merge)
            return
        if command is None:
            return
        self.status.emit(f"{verb}: {command.text()}", STATUS_MS)
        code = getattr(command, "code", "")
        if code and code.upper() != self.current_code().upper():
            self.go_to_measure(code)

    def _show_ticked(self, index: int) -> None:
        """A measure just ticked or unticked (its box in the list, Space, a partner's tick) is
        the one the editor shows, without moving the cursor out of the list."""
        stack = self._doc.undo_stack
        command = stack.command(index - 1) if 0 < index == stack.count() else None
        code = getattr(command, "code", "")
        ticked = (getattr(command, "old", 0) is None) != (getattr(command, "new", 0) is None)
        if code and ticked and self.is_showing() and code.upper() != self.current_code().upper():
            self.browser.select_measure(code, keep_filter=True)

    # Layout ------------------------------------------------------------------------------------

    def apply_default_split(self) -> None:
        """First run: the measure list and the partners narrow, the editor gets the rest, and
        never less than its form needs: no sideways scrolling in a 1280x800 screen's window."""
        if self._tabs is None:
            return
        self.split_pending = False
        splitter = self.splitter
        width = max(splitter.width(), self._pages.window().width())
        sizes = [max(320, min(480, width * 8 // 25)), 0, 340]  # "NT10a  Weeks of …" fits
        # + the splitter's handles and the window's margins, which the estimate includes
        short = _unscrolled_width(self.editor) + 12 - (width - sizes[0] - sizes[2])
        for i in (0, 2):  # the side panes give up to half the shortfall each, to their minimum
            give = min(max(0, (short + 1) // 2), sizes[i] - splitter.widget(i).minimumWidth())
            sizes[i] -= max(0, give)
        sizes[1] = width - sizes[0] - sizes[2]
        splitter.setSizes(sizes)

    def save_layout(self) -> None:
        """Remember the splitter (only once built: else the layout saved last time stays)."""
        if self._tabs is not None:
            self._settings.set_splitter_state(self.splitter.saveState())
