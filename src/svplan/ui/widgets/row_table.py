"""A small editable table with Add / Remove / Move up / Move down buttons and keyboard keys.

Insert adds a row, Ctrl+Delete removes the current row, Ctrl+Up/Down move it, Delete clears
the current cell, Enter or F2 edits it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class RowsModel(Protocol):
    """What the table needs of its model: a Qt table model that adds, removes and moves rows."""

    def columnCount(self, parent: Any = ...) -> int: ...
    def rowCount(self, parent: Any = ...) -> int: ...
    def index(self, row: int, column: int, parent: Any = ...) -> Any: ...
    def append_row(self) -> int: ...
    def remove_row(self, row: int) -> None: ...
    def move_row(self, row: int, delta: int) -> int: ...


MIN_ROWS, MAX_ROWS = 2, 8


def commit_cell_being_typed(view: QAbstractItemView) -> None:
    """Store what is being typed in a cell of `view` into its model, the editor staying open
    (before Save, Export, autosave or closing, so nothing typed is lost)."""
    focus = QApplication.focusWidget()
    if (
        view.state() == QAbstractItemView.State.EditingState
        and focus is not None
        and view.viewport().isAncestorOf(focus)
    ):
        view.commitData(focus)


class RowTableEditor(QWidget):
    """Table view over a RowsModel plus the buttons that add, remove and reorder rows."""

    rowsEdited = Signal()

    def __init__(
        self,
        model: RowsModel,
        noun: str,
        *,
        movable: bool = True,
        stretch: tuple[int, ...] = (0,),
        icons: Mapping[str, QIcon] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`icons` may give the buttons' icons by name: add, remove, up, down."""
        super().__init__(parent)
        self.model = model
        self.noun = noun
        self.view = QTableView(self)
        self.view.setModel(model)  # type: ignore[arg-type]
        self.view.setAccessibleName(f"{noun.capitalize()}s")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        for column in range(model.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column in stretch
                else QHeaderView.ResizeMode.Interactive
            )
            header.setSectionResizeMode(column, mode)
        self.view.installEventFilter(self)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        icons = icons or {}

        def icon_of(name: str) -> QIcon:
            return icons.get(name) or QIcon()

        self.add_button = QPushButton(icon_of("add"), f"Add {noun}", self)
        self.add_button.setToolTip(f"Add a {noun} (Insert)")
        self.remove_button = QPushButton(icon_of("remove"), "Remove", self)
        self.remove_button.setToolTip(f"Remove the selected {noun} (Ctrl+Delete)")
        self.up_button = QPushButton(icon_of("up"), "Move up", self)
        self.up_button.setToolTip("Move the selected row up (Ctrl+Up)")
        self.down_button = QPushButton(icon_of("down"), "Move down", self)
        self.down_button.setToolTip("Move the selected row down (Ctrl+Down)")
        for button, name in (
            (self.add_button, f"Add {noun}"),
            (self.remove_button, f"Remove {noun}"),
            (self.up_button, f"Move {noun} up"),
            (self.down_button, f"Move {noun} down"),
        ):
            button.setAccessibleName(name)
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        if movable:
            buttons.addWidget(self.up_button)
            buttons.addWidget(self.down_button)
        else:
            self.up_button.hide()
            self.down_button.hide()
        buttons.addStretch(1)
        self.message = QLabel(self)  # why a cell's text was not taken (show_problem)
        self.message.setObjectName("fieldProblem")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.view)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        setWidgetTabOrder = QWidget.setTabOrder
        setWidgetTabOrder(self.view, self.add_button)
        setWidgetTabOrder(self.add_button, self.remove_button)
        setWidgetTabOrder(self.remove_button, self.up_button)
        setWidgetTabOrder(self.up_button, self.down_button)

        model.modelReset.connect(self._refresh)
        model.dataChanged.connect(self._refresh)
        self._refit = QTimer(self)  # wrapped rows change height when columns change width
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._refresh)
        self.view.horizontalHeader().sectionResized.connect(self._refit.start)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        self._refresh()

    # Actions -----------------------------------------------------------------------------------

    def commit_pending(self) -> None:
        """Store a cell that is still being typed in (before Save, Export or closing)."""
        commit_cell_being_typed(self.view)

    def show_problem(self, text: str) -> None:
        """Say under the table why what was typed in a cell was not taken ('' hides it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.view.setAccessibleDescription(text)

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def add_row(self) -> None:
        row = self.model.append_row()
        self.rowsEdited.emit()
        self._select(row, 0, edit=True)

    def remove_row(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        column = max(self.view.currentIndex().column(), 0)
        self.model.remove_row(row)
        self.rowsEdited.emit()
        if self.model.rowCount():
            self._select(min(row, self.model.rowCount() - 1), column)
        else:
            self.add_button.setFocus()

    def move_row(self, delta: int) -> None:
        row = self.current_row()
        if row < 0:
            return
        column = self.view.currentIndex().column()
        target = self.model.move_row(row, delta)
        self.rowsEdited.emit()
        self._select(target, column)

    def _select(self, row: int, column: int, edit: bool = False) -> None:
        index = self.model.index(row, column)
        if not index.isValid():
            return
        self.view.setFocus()
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)
        if edit:
            self.view.edit(index)
        self._update_buttons()

    # Keys, size, buttons ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            if key == Qt.Key.Key_Insert:
                self.add_row()
                return True
            if key == Qt.Key.Key_Delete and ctrl:
                self.remove_row()
                return True
            if key == Qt.Key.Key_Delete and self.view.currentIndex().isValid():
                self.model.setData(self.view.currentIndex(), None)
                return True
            if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_row(-1 if key == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    def _refresh(self, *_: object) -> None:
        rows = self.model.rowCount()
        self.view.resizeRowsToContents()
        header = self.view.horizontalHeader().height()
        row_height = self.view.verticalHeader().defaultSectionSize()
        shown = max(MIN_ROWS, min(rows, MAX_ROWS))
        body = sum(self.view.rowHeight(r) for r in range(min(rows, MAX_ROWS)))
        body += row_height * max(0, shown - min(rows, MAX_ROWS))
        self.view.setFixedHeight(header + body + 2 * self.view.frameWidth() + 2)
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        row = self.current_row()
        count = self.model.rowCount()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
