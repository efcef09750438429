"""The window's actions, menus and toolbar.

Builds them and nothing else: the window connects each action's `triggered` to a controller.
A feature adds a menu item with one call:

    action = window.menus.add_action("view", "&Tracker", tracker.show, "Ctrl+3", "Track delivery")

`menu` is "file", "edit", "view" or "help" (or a new key, with `title`, for a new menu before Help).
Actions added with plan_only=True (the default) are enabled only while a plan is open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from svplan.ui.icons import icon

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from svplan.ui.settings import Settings
    from svplan.ui.workspace import View

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None
SK = QKeySequence.StandardKey


class Actions(QObject):
    """Every QAction of the main window, the menu bar, the toolbar and the recent plans menu."""

    recentRequested = Signal(object)  # a Path from File > Open Recent
    recentCleared = Signal()
    viewRequested = Signal(str)  # a view's key from the View menu

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack, settings: Settings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._plan_only: list[QAction] = []
        self._view_actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        self._build_actions(undo_stack)
        self._build_menus()
        self._build_toolbar()

    # Adding -------------------------------------------------------------------------------------

    def action(
        self,
        text: str,
        slot: Callable[..., object] | None = None,
        shortcut: Shortcut = None,
        tip: str = "",
        icon_name: str | None = None,
        *,
        plan_only: bool = False,
    ) -> QAction:
        """A window action (its shortcut works wherever the focus is in the window)."""
        action = QAction(text, self._window)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            # the list form: setShortcut's overloads build the Qt namespace's ~100 enums (~12 ms)
            action.setShortcuts([QKeySequence(shortcut)])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if slot is not None:
            action.triggered.connect(slot)
        if plan_only:
            self._plan_only.append(action)
        self._window.addAction(action)
        return action

    def add_action(
        self,
        menu: str,
        text: str,
        slot: Callable[..., object] | None = None,
        shortcut: Shortcut = None,
        tip: str = "",
        icon_name: str | None = None,
        *,
        plan_only: bool = True,
        title: str = "",
    ) -> QAction:
        """Add an action to a menu (a new menu `title` is made before Help when `menu` is new)."""
        action = self.action(text, slot, shortcut, tip, icon_name, plan_only=plan_only)
        self.menu(menu, title).addAction(action)
        action.setEnabled(not plan_only or self.save_action.isEnabled())
        return action

    def menu(self, key: str, title: str = "") -> QMenu:
        """A menu by key ("file", "edit", "view", "help"); a new key makes a menu before Help."""
        if key not in self.menus:
            menu = QMenu(title or key.title(), self._window)
            self._window.menuBar().insertMenu(self.menus["help"].menuAction(), menu)
            self.menus[key] = menu
        return self.menus[key]

    def add_view(self, view: View) -> QAction:
        """A checkable View menu item for a workspace view (ui/workspace.py calls add_view)."""
        action = self.action(view.title, None, view.shortcut, view.tip, view.icon, plan_only=True)
        action.setCheckable(True)
        action.triggered.connect(lambda _=False, key=view.key: self.viewRequested.emit(key))
        self.view_group.addAction(action)
        self.menus["view"].insertAction(self._view_end, action)
        self._view_actions[view.key] = action
        action.setEnabled(self.save_action.isEnabled())
        if len(self._view_actions) == 1:
            action.setChecked(True)
        return action

    def view_action(self, key: str) -> QAction:
        return self._view_actions[key]

    @property
    def measures_view_action(self) -> QAction:
        return self._view_actions["measures"]

    @property
    def overview_action(self) -> QAction:
        return self._view_actions["overview"]

    def set_plan_open(self, on: bool) -> None:
        """Enable the actions that need a plan."""
        for action in self._plan_only:
            action.setEnabled(on)

    def show_view(self, key: str) -> None:
        """Check the View menu item of the view now showing."""
        if key in self._view_actions:
            self._view_actions[key].setChecked(True)

    # Building -----------------------------------------------------------------------------------

    def _build_actions(self, stack: QUndoStack) -> None:
        a = self.action
        self.new_action = a("&New Plan", None, SK.New, "Start a new plan", "new")
        self.open_action = a("&Open…", None, SK.Open, "Open a plan file", "open")
        self.save_action = a("&Save", None, SK.Save, "Save the plan", "save", plan_only=True)
        self.save_as_action = a(
            "Save &As…", None, SK.SaveAs, "Save under a new name", plan_only=True
        )
        if self.save_as_action.shortcut().isEmpty():
            self.save_as_action.setShortcuts([QKeySequence("Ctrl+Shift+S")])
        self.export_action = a(
            "&Export Word Plan…",
            None,
            "Ctrl+E",
            "Write the delivery plan as a Word document",
            "export",
            plan_only=True,
        )
        self.open_after_export_action = QAction("Open the Document After &Export", self._window)
        self.open_after_export_action.setCheckable(True)
        self.open_after_export_action.setChecked(self._settings.open_after_export())
        self.open_after_export_action.toggled.connect(self._settings.set_open_after_export)
        self.catalogue_action = a(
            "Use a &Council's TOMs File…",
            None,
            None,
            "Use the measures and partners a council publishes as a TOMs file (.yaml)",
        )
        self.default_catalogue_action = a(
            "Use the Built-in &Measures List",
            tip="The measures and partners that come with the app",
        )
        self.close_action = a("&Close Plan", None, SK.Close, "Close this plan", plan_only=True)
        self.quit_action = a("E&xit", None, SK.Quit)
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = stack.createUndoAction(self._window, "&Undo")
        self.undo_action.setShortcuts([QKeySequence(SK.Undo)])
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = stack.createRedoAction(self._window, "&Redo")
        redo_keys = QKeySequence.keyBindings(SK.Redo)
        if not any(k.toString() == "Ctrl+Y" for k in redo_keys):
            redo_keys = [QKeySequence("Ctrl+Y"), *redo_keys]
        self.redo_action.setShortcuts(redo_keys)
        self.redo_action.setIcon(icon("redo"))
        self._window.addAction(self.undo_action)
        self._window.addAction(self.redo_action)
        self.bid_action = a(
            "&Bid Details…", None, "Ctrl+B", "Tender, contract and lead", "bid", plan_only=True
        )
        self.view_group = QActionGroup(self)
        self.find_action = a("&Find Measure", None, SK.Find, "Search the measures", plan_only=True)
        self.next_pane_action = a("Next &Pane", None, "F6", plan_only=True)
        self.prev_pane_action = a("Previous Pane", None, "Shift+F6", plan_only=True)
        self.about_action = a("&About Social Value Plan Builder")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.folders_action = a("Where Are My &Logs and Autosaves?")

    def _build_menus(self) -> None:
        bar = self._window.menuBar()
        file_menu = self.menus["file"] = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu("Open &Recent", self._window)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addActions([self.export_action, self.open_after_export_action])
        file_menu.addSeparator()
        file_menu.addActions([self.catalogue_action, self.default_catalogue_action])
        file_menu.addSeparator()
        file_menu.addActions([self.close_action, self.quit_action])
        self.fill_recent_menu()

        edit_menu = self.menus["edit"] = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.bid_action)

        view_menu = self.menus["view"] = bar.addMenu("&View")
        self._view_end = view_menu.addSeparator()  # the views go above, one per workspace tab
        view_menu.addActions([self.find_action, self.next_pane_action])

        help_menu = self.menus["help"] = bar.addMenu("&Help")
        help_menu.addAction(self.folders_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main toolbar")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(20, 20))
        # Qt.ToolButtonStyle.ToolButtonTextBesideIcon (2), set by its number: the first use of
        # the Qt namespace builds its ~100 enums (~12 ms), so nothing before the first paint does
        bar.setProperty("toolButtonStyle", 2)
        bar.addActions([self.new_action, self.open_action, self.save_action])
        bar.addSeparator()
        # Undo/Redo with a short label that stays put; the tooltip says what they would undo.
        self.undo_tool = self._tool_twin(self.undo_action, "Undo")
        self.redo_tool = self._tool_twin(self.redo_action, "Redo")
        bar.addActions([self.undo_tool, self.redo_tool])
        bar.addSeparator()
        bar.addAction(self.bid_action)
        bar.addSeparator()
        bar.addAction(self.export_action)
        self.toolbar = bar
        self._window.addToolBar(bar)
        names = {
            self.new_action: "New plan",
            self.open_action: "Open a plan",
            self.save_action: "Save",
            self.undo_tool: "Undo",
            self.redo_tool: "Redo",
            self.bid_action: "Bid details",
            self.export_action: "Export Word plan",
        }
        for action, name in names.items():
            widget = bar.widgetForAction(action)
            if widget is not None:
                widget.setAccessibleName(name)

    def _tool_twin(self, action: QAction, label: str) -> QAction:
        """A toolbar twin of Undo/Redo: the same icon and state, a fixed text label."""
        twin = QAction(action.icon(), label, self)
        twin.triggered.connect(action.trigger)

        def sync() -> None:
            try:
                twin.setEnabled(action.isEnabled())
                shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                what = action.text().replace("&", "")
                twin.setToolTip(f"{what} ({shortcut})" if shortcut else what)
            except RuntimeError:  # the window is closing: one of the two is gone already
                pass

        action.changed.connect(sync)
        sync()
        return twin

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self._settings.recent_files()
        for i, path in enumerate(paths, start=1):
            label = f"&{i % 10}  {path.name}" if i <= 10 else path.name
            action = self.recent_menu.addAction(label)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.recentRequested.emit(Path(p)))
        if not paths:
            self.recent_menu.addAction("No recent plans").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("&Clear the List")
            clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        self._settings.clear_recent_files()
        self.recentCleared.emit()
