"""The first hour without surprises (issue 13), installed as a window feature.

- the window's shortcuts (Ctrl+E, Ctrl+B…) work while the cursor is in a text field;
- "Fix first" in the export question shows the Overview, where the problems are listed;
- Help > Glossary lists every abbreviation (each is also explained in tooltips where it appears).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from svplan.ui import dialogs
from svplan.ui.glossary_tips import glossary_rows
from svplan.ui.text_shortcuts import WindowShortcuts
from svplan.ui.workspace import OVERVIEW

if TYPE_CHECKING:
    from svplan.ui.main_window import MainWindow


class FirstHour(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.shortcuts = WindowShortcuts(window)
        window.exporter.fixRequested.connect(lambda: window.workspace.show_view(OVERVIEW))
        self.glossary_action = window.menus.add_action(
            "help",
            "&Glossary of Terms",
            lambda: dialogs.show_glossary(window, glossary_rows()),
            tip="What TOMs, FTE, NEET, VCSE, MSME, tCO2e and the partners' initials stand for",
            icon_name="glossary",
            plan_only=False,
        )
        help_menu = window.menus.menus["help"]
        help_menu.removeAction(self.glossary_action)  # first in Help, above the folders
        help_menu.insertAction(help_menu.actions()[0], self.glossary_action)


def install(window: MainWindow) -> FirstHour:
    return FirstHour(window)
