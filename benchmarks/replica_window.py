"""The app's first frame rebuilt in plain PySide6, with no svplan code: a floor for "on screen".

The same parts as svplan's start window: the window icon, five menus holding the start page's
actions, the toolbar (seven buttons with icons and text), the start page (logo, title, subtitle,
three command-link buttons with icons, the recent list) and a status bar, shown the way
`benchmarks/bare_window.py` shows its empty window. run.py times it with the two others: the gap
between it and the bare window is what the first frame itself costs, whatever code builds it;
the gap between it and the app is the app's own code (imports, theme, controllers).
"""

import sys
from pathlib import Path

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCommandLinkButton,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

ICONS = Path(__file__).resolve().parents[1] / "src" / "svplan" / "resources" / "icons"
MENUS = {
    "&File": ["&New Plan", "&Open…", "&Save", "Save &As…", "&Export Word Plan…", "E&xit"],
    "&Edit": ["&Undo", "&Redo", "&Bid Details…"],
    "&View": ["&Find Measure", "Next &Pane"],
    "&Delivery": ["Mark as &Awarded…", "&Import Actuals…", "Record &Variation…"],
    "&Help": ["Where Files Are Kept", "&About"],
}
TOOLBAR = ["new", "open", "save", "undo", "redo", "bid", "export"]


def icon(name: str) -> QIcon:
    found = QIcon()
    for size in (16, 24, 32, 48):
        found.addFile(str(ICONS / "png" / f"{name}-{size}.png"), QSize(size, size))
    return found


def start_page(parent: QWidget, logo: QIcon) -> QWidget:
    page = QWidget(parent)
    column = QVBoxLayout(page)
    top = QHBoxLayout()
    picture = QLabel()
    picture.setPixmap(logo.pixmap(64, 64))
    top.addWidget(picture)
    heading = QVBoxLayout()
    heading.addWidget(QLabel("Social Value Plan Builder"))
    heading.addWidget(QLabel("Choose the TOMs measures you will deliver, set targets, say how…"))
    top.addLayout(heading, 1)
    column.addLayout(top)
    for title, line, name in (
        ("&New plan", "Start an empty plan for a tender", "new"),
        ("&Open a plan…", "Carry on with a .svplan file", "open"),
        ("Open the &sample plan", "See a finished example you can change and export", "help"),
    ):
        button = QCommandLinkButton(title, line)
        button.setIcon(icon(name))
        column.addWidget(button)
    column.addWidget(QLabel("&Recent plans"))
    column.addWidget(QListWidget())
    column.addWidget(QLabel("Plans you open or save will be listed here."))
    column.addStretch(1)
    return page


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("replica window")
    window.resize(1200, 800)
    logo = QIcon(str(ICONS / "svplan.ico"))
    window.setWindowIcon(logo)
    actions = []
    for title, names in MENUS.items():
        menu = window.menuBar().addMenu(title)
        for name in names:
            action = QAction(name, window)
            action.setShortcuts([QKeySequence("Ctrl+N")])
            action.setStatusTip(name)
            menu.addAction(action)
            actions.append(action)
    toolbar = QToolBar("Main toolbar")
    toolbar.setIconSize(QSize(20, 20))
    toolbar.setProperty("toolButtonStyle", 2)  # Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    for action, name in zip(actions, TOOLBAR, strict=False):
        action.setIcon(icon(name))
        toolbar.addAction(action)
    window.addToolBar(toolbar)
    pages = QStackedWidget()
    window.setCentralWidget(pages)
    pages.addWidget(start_page(pages, logo))
    window.statusBar().addPermanentWidget(QLabel("Lancashire TOMs"))
    window.show()
    QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
