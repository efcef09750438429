"""The start page shown when no plan is open: new, open, the sample, and recent plans."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore
from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from svplan import APP_NAME
from svplan.ui.icons import app_icon, icon

# Qt.ItemDataRole.UserRole. The page is built before the first paint, and the first use of
# the Qt namespace builds all its ~100 enums (~12 ms), so nothing here touches it until then.
PathRole = 0x0100


class StartPage(QWidget):
    """Big, obvious first steps; a recent plan opens with one click (or Enter), like the
    buttons above it."""

    newRequested = Signal()
    openRequested = Signal()
    sampleRequested = Signal()
    recentRequested = Signal(object)  # Path
    recoverRequested = Signal(object)  # the key given to set_recovered
    discardRecoveredRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.setAccessibleName("Start page")

        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(QSize(64, 64)))
        logo.setFixedSize(72, 72)
        title = QLabel(APP_NAME)
        title.setObjectName("startTitle")
        subtitle = QLabel(
            "Choose the TOMs measures you will deliver, set targets, say how, and export a "
            "social value delivery plan to Word."
        )
        subtitle.setObjectName("hint")
        subtitle.setWordWrap(True)
        subtitle.setToolTip(
            "TOMs: Themes, Outcomes and Measures, the framework councils use to measure "
            "social value"
        )
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(title)
        heading.addWidget(subtitle)
        top = QHBoxLayout()
        top.setSpacing(16)
        logo_column = QVBoxLayout()  # the logo at the top of the heading's height
        logo_column.addWidget(logo)
        logo_column.addStretch(1)
        top.addLayout(logo_column)
        top.addLayout(heading, 1)

        self.new_button = QCommandLinkButton("&New plan", "Start an empty plan for a tender")
        self.new_button.setIcon(icon("new"))
        self.open_button = QCommandLinkButton("&Open a plan…", "Carry on with a .svplan file")
        self.open_button.setIcon(icon("open"))
        self.sample_button = QCommandLinkButton(
            "Open the &sample plan", "See a finished example you can change and export"
        )
        self.sample_button.setIcon(icon("help"))
        for button in (self.new_button, self.open_button, self.sample_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for button, name in (
            (self.new_button, "New plan"),
            (self.open_button, "Open a plan"),
            (self.sample_button, "Open the sample plan"),
        ):
            button.setAccessibleName(name)
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openRequested)
        self.sample_button.clicked.connect(self.sampleRequested)

        self.recent_label = QLabel("&Recent plans")
        self.recent_label.setObjectName("section")
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent plans")
        self.recent.setObjectName("recentList")
        self.recent.setUniformItemSizes(True)
        self.recent.itemActivated.connect(self._on_activated)  # Enter
        self.recent.itemClicked.connect(self._on_activated)  # one click, like the buttons
        self.recent_label.setBuddy(self.recent)
        self.no_recent = QLabel("Plans you open or save will be listed here.")
        self.no_recent.setObjectName("hint")

        self.recovered_label = QLabel("Unsaved work from an earlier session")
        self.recovered_label.setObjectName("section")
        self.recovered_hint = QLabel(
            "The app closed before these plans were saved. Open one to carry on, then save it."
        )
        self.recovered_hint.setObjectName("hint")
        self.recovered_hint.setWordWrap(True)
        self.recovered = QListWidget()
        self.recovered.setAccessibleName("Unsaved work from an earlier session")
        for signal in (self.recovered.itemActivated, self.recovered.itemClicked):
            signal.connect(lambda item: self.recoverRequested.emit(item.data(PathRole)))
        self.discard_recovered = QPushButton("Discard these copies")
        self.discard_recovered.setAccessibleName("Discard the unsaved copies")
        self.discard_recovered.clicked.connect(self.discardRecoveredRequested)
        self._recovered_widgets = (
            self.recovered_label,
            self.recovered_hint,
            self.recovered,
            self.discard_recovered,
        )

        column = QVBoxLayout()
        column.setSpacing(8)
        column.addLayout(top)
        column.addSpacing(16)
        column.addWidget(self.new_button)
        column.addWidget(self.open_button)
        column.addWidget(self.sample_button)
        column.addSpacing(16)
        column.addWidget(self.recovered_label)
        column.addWidget(self.recovered_hint)
        column.addWidget(self.recovered)
        discard_row = QHBoxLayout()  # the button at its own width, on the left
        discard_row.addWidget(self.discard_recovered)
        discard_row.addStretch(1)
        column.addLayout(discard_row)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent)
        column.addWidget(self.no_recent)
        column.addStretch(1)

        card = QWidget()
        card.setObjectName("startCard")
        card.setLayout(column)
        card.setMaximumWidth(640)
        card.setMinimumWidth(420)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 40, 24, 24)
        outer.addStretch(1)
        outer.addWidget(card, 3)
        outer.addStretch(1)
        QWidget.setTabOrder(self.new_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.sample_button)
        QWidget.setTabOrder(self.sample_button, self.recovered)
        QWidget.setTabOrder(self.recovered, self.discard_recovered)
        QWidget.setTabOrder(self.discard_recovered, self.recent)
        self.set_recovered([])

    def set_sample_available(self, available: bool) -> None:
        self.sample_button.setVisible(available)

    def set_recent_files(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(icon("open"), f"{path.name}    —    {path.parent}")
            item.setData(PathRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        has = bool(paths)
        self.recent.setVisible(has)
        self.no_recent.setVisible(not has)
        if has:
            self.recent.setCurrentRow(0)
            rows = min(len(paths), 10)
            self.recent.setMaximumHeight(self.recent.sizeHintForRow(0) * rows + 8)

    def set_recovered(self, items: list[tuple[str, object]]) -> None:
        """List copies of unsaved work as (label, key); activating one emits its key."""
        self.recovered.clear()
        for label, key in items:
            item = QListWidgetItem(icon("save"), label)
            item.setData(PathRole, key)
            item.setToolTip(label)
            self.recovered.addItem(item)
        for widget in self._recovered_widgets:
            widget.setVisible(bool(items))
        if items:
            self.recovered.setCurrentRow(0)
            rows = min(len(items), 5)
            self.recovered.setMaximumHeight(self.recovered.sizeHintForRow(0) * rows + 8)

    def focus_default(self) -> None:
        self.new_button.setFocus()  # Qt.FocusReason.OtherFocusReason

    def finish(self) -> None:
        """What the first frame does not need, done after it: the hand over the one-click lists."""
        for view in (self.recent, self.recovered):
            view.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.recentRequested.emit(Path(item.data(PathRole)))
