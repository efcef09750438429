"""The measure browser: search box, 'Ticked only', and the theme → outcome → measure tree."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from svplan.ui.models.measure_filter import MeasureFilterProxy
from svplan.ui.models.measure_tree import (
    COL_TARGET,
    COL_TITLE,
    CodeRole,
    KindRole,
    MeasureTreeModel,
    is_checked,
)

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument

SEARCH_PLACEHOLDER = "Search measures, words or partners…"
NARROW_LIST = 380  # pixels: below this the targets column is hidden, for the names' sake


class SearchBox(QLineEdit):
    """The search box: Down or Page Down asks to move to the list; Escape clears the text.

    A subclass rather than an event filter, so that Python runs for key presses only, not for
    every event the box gets (paints, polish, focus...).
    """

    leaveRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.leaveRequested.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)


class MeasureTreeView(QTreeView):
    """The tree; Space (or Select) ticks the current measure wherever the cursor column is.

    In a narrow list (a small screen) the targets column steps aside so the measures' names can
    be read; each row's tooltip and the editor still give the target.
    """

    activatedMeasure = Signal(str)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        narrow = self.viewport().width() < NARROW_LIST
        if self.isColumnHidden(COL_TARGET) != narrow:
            self.setColumnHidden(COL_TARGET, narrow)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        idx = self.currentIndex()
        is_measure = idx.isValid() and idx.data(KindRole) == "measure"
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and is_measure:
            title = idx.siblingAtColumn(COL_TITLE)
            state = title.data(Qt.ItemDataRole.CheckStateRole)
            new = Qt.CheckState.Unchecked if is_checked(state) else Qt.CheckState.Checked
            self.model().setData(title, new, Qt.ItemDataRole.CheckStateRole)
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and is_measure:
            self.activatedMeasure.emit(idx.data(CodeRole))
            event.accept()
            return
        super().keyPressEvent(event)

    def sizeHintForColumn(self, column: int) -> int:
        """The target column's width for ResizeToContents, from its distinct texts.

        Qt's own answer asks the delegate about up to 1,000 laid-out rows, each a round of
        calls into the Python models: with a large catalogue that was most of a keystroke's
        time. Only ticked measures have a target, so the delegate is asked about one cell per
        distinct text instead. Unlike Qt's, the answer covers the measures the filter hides
        too, so the column keeps its width while the user types.
        """
        proxy = self.model()
        source = proxy.sourceModel() if isinstance(proxy, MeasureFilterProxy) else None
        cells = source.target_cells() if isinstance(source, MeasureTreeModel) else []
        if column != COL_TARGET or not cells:
            return super().sizeHintForColumn(column)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegateForColumn(column) or self.itemDelegate()
        return max(delegate.sizeHint(option, cell).width() for cell in cells)


class MeasureBrowser(QWidget):
    """Find and tick measures. Emits measureSelected(code) when the current measure changes.

    Enter (or double-click) on a measure emits measureActivated(code), so the window can move
    the focus to the commitment editor. Ctrl+F belongs to the window: connect it to
    ``focus_search``.
    """

    measureSelected = Signal(str)
    measureActivated = Signal(str)

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._current = ""
        self._filtering = False  # the query or 'Ticked only' is being applied
        self._collapsed = False  # a heading was collapsed since the filter last changed
        self.setAccessibleName("Measures")

        self.model = MeasureTreeModel(document, self)
        self.proxy = MeasureFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = SearchBox(self)
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search measures")
        self.search.setAccessibleDescription(
            "Type a code, words of the wording or a partner's name. "
            "Down arrow or Enter moves to the list."
        )
        self.search.setToolTip("Search by code (NT8), words (school visits) or partner (CITB)")

        self.ticked_only = QCheckBox("Ticked only", self)
        self.ticked_only.setAccessibleName("Show ticked measures only")
        self.ticked_only.setToolTip("Show only the measures you have ticked")

        self.tree = MeasureTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName("Measures by theme")
        self.tree.setAccessibleDescription("Space ticks or unticks the selected measure.")
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setIndentation(14)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_TARGET, QHeaderView.ResizeMode.ResizeToContents)

        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setWordWrap(True)
        self.empty.setMargin(16)
        self.empty.setAccessibleName("No matching measures")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty.setBackgroundRole(QPalette.ColorRole.Base)
        self.empty.setAutoFillBackground(True)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)

        self.status = QLabel(self)
        self.status.setAccessibleName("Measures ticked")

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.ticked_only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.setFocusProxy(self.tree)

        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._enter_tree)
        self.search.leaveRequested.connect(self._enter_tree)
        self.ticked_only.toggled.connect(self._on_ticked_only)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.tree.activatedMeasure.connect(self.measureActivated)
        self.tree.doubleClicked.connect(self._on_double_click)
        self.tree.collapsed.connect(self._on_collapsed)
        self.model.modelReset.connect(self._after_reset)
        self.model.dataChanged.connect(self._update_status)
        self.proxy.rowsInserted.connect(self._after_rows_shown)
        self.proxy.rowsRemoved.connect(self._rows_removed)

        self._expand_all()
        self._update_status()

    # Public API ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected (for Ctrl+F)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current_measure(self) -> str | None:
        """The code of the selected measure, or None."""
        return self._current or None

    def select_measure(self, code: str, keep_filter: bool = False) -> bool:
        """Select a measure (clearing the filter if it hides it, unless `keep_filter`); False
        for unknown codes (and for hidden ones when keeping the filter)."""
        source = self.model.index_of(code)
        if not source.isValid():
            return False
        idx = self.proxy.mapFromSource(source)
        if not idx.isValid() and keep_filter:
            return False
        if not idx.isValid():
            self.search.clear()
            self.ticked_only.setChecked(False)
            idx = self.proxy.mapFromSource(source)
        self._set_current(idx)
        return True

    # Filtering -----------------------------------------------------------------------------

    def _on_search(self, text: str) -> None:
        self._refilter(self.proxy.set_query, text)

    def _on_ticked_only(self, on: bool) -> None:
        self._refilter(self.proxy.set_ticked_only, on)

    def _refilter(self, change: Callable[[Any], None], value: object) -> None:
        """Apply a change of the query or 'Ticked only', then expand, count and select once."""
        self._filtering = True
        try:
            change(value)
        finally:
            self._filtering = False
        self._after_filter()

    def _after_rows_shown(self, parent: QModelIndex, first: int, last: int) -> None:
        # Rows the filter brings back arrive collapsed; expand them (and their children).
        if self._filtering:
            return  # _after_filter expands everything once the filter has settled
        for row in range(first, last + 1):
            self.tree.expandRecursively(self.proxy.index(row, 0, parent))
        if parent.isValid():
            self.tree.expand(parent)
        self._update_view_state()

    def _after_filter(self) -> None:
        """After the query or 'Ticked only' changed: expand, show a message, pick a measure."""
        self._expand_headings()
        shown = self._update_view_state()
        if not shown:
            return
        current = self.tree.currentIndex()
        keep = current.isValid() and current.data(KindRole) == "measure"
        if shown == 1 and self.proxy.is_filtering():
            self._set_current(self.proxy.first_measure())
        elif keep:
            self.tree.scrollTo(current)
        elif self._current:
            again = self.proxy.mapFromSource(self.model.index_of(self._current))
            if again.isValid():
                self._set_current(again)

    def _expand_headings(self) -> None:
        """Leave every theme and outcome the filter shows expanded (after a filter change).

        Headings that stayed visible are still expanded; those the filter showed again come
        back collapsed, and the user may have collapsed some. Only then is expandAll() needed,
        and as the filter change has left the view a full layout to do anyway, expandAll()
        replaces it.
        """
        if self._collapsed or self.proxy.revealed_headings():
            self._expand_all()

    def _expand_all(self) -> None:
        self._collapsed = False
        self.tree.expandAll()

    def _on_collapsed(self, *_: object) -> None:
        self._collapsed = True

    def _rows_removed(self, *_: object) -> None:
        if not self._filtering:
            self._update_view_state()

    def _update_view_state(self) -> int:
        """The tree or the 'no measures' message, and the status line; returns measures shown."""
        shown = self.proxy.shown_count()
        if shown:
            page: QWidget = self.tree
        else:
            query = self.search.text().strip()
            if query:
                message = f"No measures match ‘{query}’"
            else:
                message = "No measures are ticked yet. Untick ‘Ticked only’ to see all."
            if self.empty.text() != message:
                self.empty.setText(message)
            page = self.empty
        if self.stack.currentWidget() is not page:
            self.stack.setCurrentWidget(page)
        self._update_status()
        return shown

    def _update_status(self, *_: object) -> None:
        ticked, total = self.model.ticked_count(), self.model.measure_count()
        text = f"{ticked} of {total} measures ticked"
        if self.proxy.is_filtering():
            text = f"{self.proxy.shown_count()} shown · {text}"
        if self.status.text() != text:
            self.status.setText(text)

    def _after_reset(self) -> None:
        self._expand_all()
        self._current = ""
        self.measureSelected.emit("")
        self._after_filter()

    # Selection and keys ----------------------------------------------------------------------

    def _set_current(self, idx: QModelIndex) -> None:
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.tree.selectionModel().setCurrentIndex(idx, flags)
        self.tree.scrollTo(idx)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or current.data(KindRole) != "measure":
            return  # headings keep the last measure shown next door
        code = current.data(CodeRole)
        if code != self._current:
            self._current = code
            self.measureSelected.emit(code)

    def _on_double_click(self, idx: QModelIndex) -> None:
        if idx.data(KindRole) == "measure":
            self.measureActivated.emit(idx.data(CodeRole))
        else:
            self.tree.setExpanded(idx, not self.tree.isExpanded(idx))

    def _enter_tree(self) -> None:
        """Move the focus from the search box to the tree, on a measure the filter left."""
        first = self.proxy.first_measure()
        if not first.isValid():
            return
        current = self.tree.currentIndex()
        if not (current.isValid() and current.data(KindRole) == "measure"):
            self._set_current(first)
        self.tree.setFocus(Qt.FocusReason.TabFocusReason)
