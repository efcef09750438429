"""The Delivery view (a workspace tab): after the award, the grid of commitments × contract
quarters, with the selected cell's note and evidence and the selected commitment's status and
progress chart below it. It lays out widgets and forwards requests; DeliveryController asks the
questions (dialogs) and DeliveryEditor makes the changes (undo path)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svplan.core.dates import format_date
from svplan.core.delivery import COUNT_KEYS, DeliveryError
from svplan.ui.delivery_editor import DeliveryEditor
from svplan.ui.delivery_panels import CellPanel, CommitmentPanel
from svplan.ui.models.delivery_grid import FIRST_QUARTER, STATUS, DeliveryGridModel
from svplan.ui.widgets.row_table import commit_cell_being_typed


class DeliveryTable(QTableView):
    """The grid, keyboard-first like a spreadsheet: type to enter, Enter moves down, Tab moves
    right, Delete clears the selected cells (one undo step)."""

    clearRequested = Signal(list)  # [(code, quarter key)]

    def __init__(self, model: DeliveryGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName("Actuals by commitment and quarter")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumHeight(self.fontMetrics().height() * 2 + 10)
        self._sizes()
        model.modelReset.connect(self._sizes)

    def _sizes(self) -> None:
        model: DeliveryGridModel = self.model()  # type: ignore[assignment]
        metrics = self.fontMetrics()
        dates = [model.quarter_at(c) for c in range(FIRST_QUARTER, model.columnCount())]
        widest = max((metrics.horizontalAdvance(q.dates) for q in dates if q), default=80)
        width = widest + 24
        self.setColumnWidth(
            STATUS, self.fontMetrics().horizontalAdvance("Requires improvement") + 24
        )
        for column in range(FIRST_QUARTER, self.model().columnCount()):
            self.setColumnWidth(column, width)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if (
            key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != self.State.EditingState
        ):
            model: DeliveryGridModel = self.model()  # type: ignore[assignment]
            cells = []
            for index in self.selectionModel().selectedIndexes():
                period = model.quarter_at(index.column())
                if period is not None and model.data(index, Qt.ItemDataRole.EditRole):
                    cells.append((model.code_at(index.row()), period.key))
            if cells:
                self.clearRequested.emit(cells)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self._move(1, 0)
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint) -> None:  # type: ignore[no-untyped-def]
        """Enter in a cell stores it and moves down, as in a spreadsheet."""
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self._move(1, 0)

    def _move(self, rows: int, columns: int) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        target = self.model().index(current.row() + rows, current.column() + columns)
        if target.isValid():
            self.selectionModel().setCurrentIndex(
                target, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )


class DeliveryView(QWidget):
    """The Delivery tab. `editor` is shared with the controller that asks the questions."""

    awardRequested = Signal()
    importRequested = Signal()
    reportRequested = Signal()
    variationRequested = Signal(str)  # measure code ("" when none is selected)
    recoveryRequested = Signal(str, str)  # measure code, quarter key
    problem = Signal(str)  # a refused edit, for a message box
    measureActivated = Signal(str)  # go to the measure in the Measures view

    def __init__(self, editor: DeliveryEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.award_button = QPushButton("Mark as &awarded…", self)
        self.import_button = QPushButton("&Import actuals…", self)
        self.report_button = QPushButton("Quarterly &report…", self)
        self.award_button.clicked.connect(self.awardRequested)
        self.import_button.clicked.connect(self.importRequested)
        self.report_button.clicked.connect(self.reportRequested)
        bar = QHBoxLayout()
        bar.addWidget(self.headline, 1)
        for button in (self.award_button, self.import_button, self.report_button):
            button.setAutoDefault(False)
            bar.addWidget(button)

        self.model = DeliveryGridModel(editor, self)
        self.model.problem.connect(self.problem)
        self.table = DeliveryTable(self.model, self)
        self.table.clearRequested.connect(self._clear)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.table.verticalHeader().sectionDoubleClicked.connect(
            lambda row: self.measureActivated.emit(self.model.code_at(row))
        )

        self.cell = CellPanel(editor, self)
        self.cell.problem.connect(self.problem)
        self.commitment = CommitmentPanel(editor, self)
        self.commitment.recoveryRequested.connect(
            lambda: self.recoveryRequested.emit(self.commitment.code, self._quarter_key())
        )
        self.commitment.variationRequested.connect(
            lambda: self.variationRequested.emit(self.commitment.code)
        )
        below = QSplitter(Qt.Orientation.Horizontal, self)
        below.addWidget(self.cell)
        below.addWidget(self.commitment)
        below.setStretchFactor(0, 3)
        below.setStretchFactor(1, 2)
        below.setChildrenCollapsible(False)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.setFocusProxy(self.table)
        editor.changed.connect(self.refresh)
        self.model.modelReset.connect(self._start_cursor)
        self.refresh()
        self._start_cursor()

    def refresh(self) -> None:
        awarded = self.editor.is_awarded()
        self.award_button.setVisible(not awarded)
        self.import_button.setEnabled(awarded)
        self.report_button.setEnabled(awarded)
        self.headline.setText(self.headline_text())
        self.cell.refresh()
        self.commitment.refresh()

    def headline_text(self) -> str:
        plan = self.editor.plan
        if not self.editor.is_awarded():
            return (
                "This plan is not marked as awarded yet. Once the contract is awarded, mark it: "
                "the targets become the baseline and delivery is recorded here, quarter by quarter."
            )
        status = self.editor.status()
        counts = " · ".join(
            f"{status.counts.get(k, 0)} {k}" for k in COUNT_KEYS if status.counts.get(k, 0)
        )
        when = f"Awarded {format_date(plan.delivery.awarded)}."
        if status.as_of is None:
            return f"{when} No actuals yet: type them in the grid or import them."
        return f"{when} Status at the end of {status.as_of.label}: {counts}."

    def select(self, code: str, key: str) -> None:
        """Put the cursor on a commitment's quarter (tests and 'go to' use it)."""
        row, column = self.model.row_of(code), self.model.column_of(key)
        index = self.model.index(row, column)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def commit_pending(self) -> None:
        """Store a cell still being typed in (before Save, Export, autosave or closing)."""
        commit_cell_being_typed(self.table)
        self.cell.commit_pending()

    def _start_cursor(self) -> None:
        """The first commitment in the latest quarter reported (else the first quarter)."""
        if not self.model.rowCount():
            self._current_changed(QModelIndex(), QModelIndex())
            return
        now = self.editor.status().as_of
        column = self.model.column_of(now.key) if now else FIRST_QUARTER
        index = self.model.index(0, max(column, FIRST_QUARTER))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _quarter_key(self) -> str:
        return self.cell.period.key if self.cell.period else ""

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        code = self.model.code_at(current.row()) if current.isValid() else ""
        self.cell.show_cell(code, self.model.quarter_at(current.column()))
        self.commitment.show_commitment(code)

    def _clear(self, cells: list[tuple[str, str]]) -> None:
        try:
            self.editor.clear_actuals(cells)
        except DeliveryError as exc:
            self.problem.emit(exc.message)
