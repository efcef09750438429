"""Proxy values in the window's frame: File → Import Proxy Values… / Remove Proxy Values, and the
status bar's £ total; `install_money(window)` adds them once the catalogue is loaded.

The £ figures inside the views are in ui/money_views.py. Nothing here imports the plan model
(pydantic) before it is needed: the controller and the editor (ui/money.py) compute only when a
plan is open, so installing the feature costs start-up nothing but its menu items and a hidden
status bar button (docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QStatusBar, QToolButton, QWidget

if TYPE_CHECKING:
    from svplan.ui.money import MoneyActions, MoneyEditor


class Refresher:
    """Refresh once after a burst of changes (typing a target re-values the plan each key)."""

    def __init__(self, owner: QWidget, editor: MoneyEditor, refresh) -> None:  # type: ignore[no-untyped-def]
        self.timer = QTimer(owner)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(refresh)
        editor.changed.connect(self.timer.start)


class MoneyStatus(QToolButton):
    """The status bar's total ("£1.32m, 27.5p per £1"), the breakdown by theme in its tooltip;
    clicking it shows the breakdown in a box."""

    def __init__(self, editor: MoneyEditor, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.editor = editor
        self._open = False
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # (built after the first paint)
        self.setAccessibleName("Social value in money terms")
        bar.addPermanentWidget(self)
        Refresher(self, editor, self.refresh)
        self.refresh()

    def set_plan_open(self, on: bool) -> None:
        self._open = on
        self.refresh()

    def refresh(self) -> None:
        summary = self.editor.summary() if self._open else None
        self.setVisible(summary is not None)
        if summary is None:
            return
        from svplan.ui.money import breakdown_lines

        self.setText(summary.headline())
        self.setToolTip(
            "Social value at your proxy values (not cash), by theme:\n"
            + "\n".join(breakdown_lines(summary))
            + "\nClick for the breakdown."
        )


def install_money(window: Any) -> MoneyActions:
    """Add the proxy-value menu items (File menu) and the status bar part to a main window
    (anything with document, menus, files, statusBar() and show_status, as MainWindow has)."""
    from svplan.ui.money import MoneyActions, MoneyEditor

    editor = MoneyEditor.of(window.document)
    actions = MoneyActions(editor, window)
    menus = window.menus
    importing = menus.action(
        "Import &Proxy Values…",
        actions.import_table,
        None,
        "Import your authority's £ proxy values from a CSV or Excel table",
        plan_only=True,
    )
    removing = menus.action(
        "Remove Proxy Values",
        actions.remove_table,
        None,
        "Take the proxy values out of the plan",
        plan_only=True,
    )
    file_menu = menus.menu("file")
    file_menu.insertActions(menus.catalogue_action, [importing, removing])
    file_menu.insertSeparator(menus.catalogue_action)
    for action in (importing, removing):
        action.setEnabled(menus.save_action.isEnabled())
    status = MoneyStatus(editor, window.statusBar())
    status.clicked.connect(lambda *_: actions.show_breakdown())
    window.files.opened.connect(lambda *_: status.set_plan_open(True))
    window.files.closed.connect(lambda *_: status.set_plan_open(False))
    actions.status.connect(window.show_status)
    return actions
