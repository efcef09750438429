"""The catalogue as a tree (theme → outcome → measure) with a tick box per measure, and its filter.

MeasureTreeModel reads the catalogue and the plan from a PlanDocument and changes the plan only
through it (ticking a measure calls ``document.set_committed``). MeasureFilterProxy filters the
tree as the user types, using search strings the model computes once per catalogue.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from svplan.core.catalogue import Measure, Outcome, Theme, search_text

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # default parent (a shared, never-changed invalid index)

COL_TITLE = 0
COL_TARGET = 1
COLUMN_COUNT = 2

MeasureRole = Qt.ItemDataRole.UserRole + 1  # the domain Measure (measure rows only)
KindRole = Qt.ItemDataRole.UserRole + 2  # Kind value: "theme", "outcome" or "measure"
SearchTextRole = Qt.ItemDataRole.UserRole + 3  # normalised lower-case text to search in
CodeRole = Qt.ItemDataRole.UserRole + 4  # the measure code (measure rows only)

NO_TARGET = "no target"  # shown in the target column for a ticked measure without one
_NOT_WORD = re.compile(r"[^\w£%]+")


class Kind(StrEnum):
    THEME = "theme"
    OUTCOME = "outcome"
    MEASURE = "measure"


def normalise_search(text: str) -> str:
    """Lower case, punctuation to spaces: 'NT1 (FTE) – CITB' -> 'nt1 fte citb'."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def is_checked(value: Any) -> bool:
    """True for Qt.Checked however it arrives (enum, int or None)."""
    if value is None:
        return False
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    try:
        return int(value) == Qt.CheckState.Checked.value
    except (TypeError, ValueError):
        return False


@dataclass(eq=False)
class _Node:
    id: int  # internalId of the node's indexes (1-based position in MeasureTreeModel._nodes)
    kind: Kind
    row: int
    parent: _Node | None
    item: Theme | Outcome | Measure
    children: list[_Node] = field(default_factory=list)
    search: str = ""  # " word word ... " (measure rows), so " prefix" finds word starts


class MeasureTreeModel(QAbstractItemModel):
    """Themes, their outcomes and their measures; measure rows carry a tick box (committed)."""

    COL_TITLE = COL_TITLE
    COL_TARGET = COL_TARGET

    def __init__(self, document: PlanDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._nodes: list[_Node] = []
        self._themes: list[_Node] = []
        self._by_code: dict[str, _Node] = {}
        self._state: dict[str, tuple[bool, str]] = {}  # code -> (committed, target text)
        self._build()
        document.planReset.connect(self._reset)
        document.catalogueChanged.connect(self._reset)
        document.commitmentsChanged.connect(self._refresh_all)
        document.commitmentChanged.connect(self._refresh_code)

    # Building ------------------------------------------------------------------------------

    def _build(self) -> None:
        catalogue = self._doc.catalogue
        self._nodes, self._themes, self._by_code = [], [], {}

        def add(kind: Kind, item: Any, parent: _Node | None, siblings: list[_Node]) -> _Node:
            node = _Node(len(self._nodes) + 1, kind, len(siblings), parent, item)
            self._nodes.append(node)
            siblings.append(node)
            return node

        by_outcome: dict[str, list[Measure]] = {}
        for m in catalogue.measures:
            by_outcome.setdefault(m.outcome, []).append(m)
        for theme in catalogue.themes:
            if not any(by_outcome.get(o.id) for o in theme.outcomes):
                continue  # a theme with no measures would be an empty heading
            t = add(Kind.THEME, theme, None, self._themes)
            for outcome in theme.outcomes:
                measures = by_outcome.get(outcome.id, [])
                if not measures:
                    continue
                o = add(Kind.OUTCOME, outcome, t, t.children)
                for m in measures:
                    node = add(Kind.MEASURE, m, o, o.children)
                    words = [search_text(catalogue, m), outcome.name, theme.name]
                    node.search = f" {normalise_search(' '.join(words))} "
                    self._by_code[m.code.upper()] = node
        self._state = {code: self._measure_state(n) for code, n in self._by_code.items()}

    def _reset(self) -> None:
        self.beginResetModel()
        self._build()
        self.endResetModel()

    # Keeping up with the document ----------------------------------------------------------

    def _measure_state(self, node: _Node) -> tuple[bool, str]:
        m: Measure = node.item  # type: ignore[assignment]
        c = self._doc.commitment(m.code)
        if c is None:
            return False, ""
        if c.target is None:
            return True, NO_TARGET
        return True, self._doc.catalogue.unit(m.unit).format(c.target)

    def _refresh_code(self, code: str) -> None:
        self._refresh([code])

    def _refresh_all(self) -> None:
        self._refresh(list(self._by_code))

    def _refresh(self, codes: list[str]) -> None:
        """Emit dataChanged for measures whose tick or target changed, and for their themes."""
        themes: list[_Node] = []
        for code in codes:
            node = self._by_code.get(code.upper())
            if node is None:
                continue
            key = code.upper()
            new = self._measure_state(node)
            old = self._state.get(key)
            if new == old:
                continue
            self._state[key] = new
            self.dataChanged.emit(self._index(node, COL_TITLE), self._index(node, COL_TARGET))
            theme = node.parent.parent if node.parent else None
            if (old is None or old[0] != new[0]) and theme is not None and theme not in themes:
                themes.append(theme)
        for theme in themes:
            idx = self._index(theme, COL_TITLE)
            self.dataChanged.emit(idx, idx)

    # Lookups -------------------------------------------------------------------------------

    def index_of(self, code: str, column: int = COL_TITLE) -> QModelIndex:
        """The index of a measure's row (invalid for unknown codes)."""
        node = self._by_code.get(code.strip().upper())
        return self._index(node, column) if node is not None else QModelIndex()

    def measure_count(self) -> int:
        return len(self._by_code)

    def ticked_count(self) -> int:
        return sum(committed for committed, _ in self._state.values())

    def _index(self, node: _Node, column: int) -> QModelIndex:
        return self.createIndex(node.row, column, node.id)

    def _node(self, index: Index) -> _Node | None:
        if not index.isValid():
            return None
        return self._nodes[index.internalId() - 1]

    def _ticked_in(self, theme: _Node) -> int:
        return sum(
            self._state.get(m.item.code.upper(), (False, ""))[0]  # type: ignore[union-attr]
            for o in theme.children
            for m in o.children
        )

    # QAbstractItemModel --------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        # hasIndex() would call back into rowCount/columnCount; this is hot while filtering.
        if row < 0 or not 0 <= column < COLUMN_COUNT or (parent.isValid() and parent.column()):
            return QModelIndex()
        siblings = self._children(parent)
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row].id)

    def parent(self, index: Index | None = None) -> Any:  # type: ignore[override]
        if index is None:
            return super().parent()  # QObject.parent()
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self._index(node.parent, 0)

    def _children(self, parent: Index) -> list[_Node]:
        node = self._node(parent)
        return self._themes if node is None else node.children

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = _ROOT) -> int:
        return COLUMN_COUNT

    def flags(self, index: Index) -> Qt.ItemFlag:
        node = self._node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if node.kind is Kind.MEASURE and index.column() == COL_TITLE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Measure", "Target")[section] if 0 <= section < COLUMN_COUNT else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        col = index.column()
        if role == KindRole:
            return node.kind.value
        if node.kind is Kind.MEASURE:
            return self._measure_data(node, col, role)
        if col != COL_TITLE:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if node.kind is Kind.THEME:
                ticked = self._ticked_in(node)
                return f"{node.item.name} ({ticked} ticked)" if ticked else node.item.name
            return node.item.name
        if role == Qt.ItemDataRole.ToolTipRole:
            if node.kind is Kind.THEME and node.item.description:  # type: ignore[union-attr]
                return node.item.description  # type: ignore[union-attr]
            return None
        if role == Qt.ItemDataRole.FontRole and node.kind is Kind.THEME:
            font = QFont()
            font.setBold(True)
            return font
        if role == SearchTextRole:
            return f" {normalise_search(node.item.name)} "
        return None

    def _measure_data(self, node: _Node, col: int, role: int) -> Any:
        m: Measure = node.item  # type: ignore[assignment]
        committed, target = self._state.get(m.code.upper(), (False, ""))
        if role == MeasureRole:
            return m
        if role == CodeRole:
            return m.code
        if role == SearchTextRole:
            return node.search
        if role == Qt.ItemDataRole.ToolTipRole:
            unit = self._doc.catalogue.unit(m.unit).name
            return (
                f"<p><b>{html.escape(m.code)}</b> {html.escape(m.wording)}</p>"
                f"<p>Counted in {html.escape(unit)}.</p>"
            )
        if col == COL_TITLE:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{m.code}  {m.short}"
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{m.code} {m.short}"
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if committed else Qt.CheckState.Unchecked
        elif col == COL_TARGET:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return target
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.ForegroundRole and target == NO_TARGET:
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self._node(index)
        if (
            node is None
            or node.kind is not Kind.MEASURE
            or role != Qt.ItemDataRole.CheckStateRole
            or index.column() != COL_TITLE
        ):
            return False
        code = node.item.code  # type: ignore[union-attr]
        self._doc.set_committed(code, is_checked(value))
        self._refresh([code])  # in case the document did not signal (no change)
        return True


class MeasureFilterProxy(QSortFilterProxyModel):
    """Filters a MeasureTreeModel as the user types; headings stay when a measure matches.

    Every word of the query must start a word of the measure's search text (code, title,
    wording, partner names, outcome and theme), case-insensitive. Optionally ticked only.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(True)
        self._query = ""
        self._words: tuple[str, ...] = ()
        self._ticked_only = False

    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        """Filter by this text (words ANDed); '' shows everything."""
        words = tuple(f" {w}" for w in normalise_search(text).split())
        self._query = text
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def ticked_only(self) -> bool:
        return self._ticked_only

    def set_ticked_only(self, on: bool) -> None:
        if on != self._ticked_only:
            self.beginFilterChange()
            self._ticked_only = on
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_filtering(self) -> bool:
        return bool(self._words) or self._ticked_only

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words and not self._ticked_only:
            return True
        model = self.sourceModel()
        idx = model.index(source_row, COL_TITLE, source_parent)
        if model.data(idx, KindRole) != Kind.MEASURE.value:
            return False  # headings show only when a measure under them matches (recursive)
        if self._ticked_only and not is_checked(model.data(idx, Qt.ItemDataRole.CheckStateRole)):
            return False
        text = model.data(idx, SearchTextRole) or ""
        return all(w in text for w in self._words)

    def measure_indexes(self) -> list[QModelIndex]:
        """Proxy indexes (column 0) of every measure row left visible, in display order."""
        out: list[QModelIndex] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.rowCount(parent)):
                idx = self.index(row, COL_TITLE, parent)
                if idx.data(KindRole) == Kind.MEASURE.value:
                    out.append(idx)
                else:
                    walk(idx)

        walk(QModelIndex())
        return out
