"""The catalogue as a tree (theme → outcome → measure) with a tick box per measure, and its filter.

MeasureTreeModel reads the catalogue and the plan from a PlanDocument and changes the plan only
through it (ticking a measure calls ``document.set_committed``). MeasureFilterProxy filters the
tree as the user types, using search strings the model computes once per catalogue.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
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


_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_CHECK_STATE = Qt.ItemDataRole.CheckStateRole.value
_USER = Qt.ItemDataRole.UserRole.value
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CHECKED = Qt.CheckState.Checked
_UNCHECKED = Qt.CheckState.Unchecked
_HEADING_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_MEASURE_FLAGS = _HEADING_FLAGS | Qt.ItemFlag.ItemNeverHasChildren  # spares views a lookup
_MEASURE_TITLE_FLAGS = _MEASURE_FLAGS | Qt.ItemFlag.ItemIsUserCheckable


@dataclass(eq=False)
class _Node:
    id: int  # internalId of the node's indexes (1-based position in MeasureTreeModel._nodes)
    kind: Kind
    row: int
    parent: _Node | None
    item: Theme | Outcome | Measure
    children: list[_Node] = field(default_factory=list)
    search: str = ""  # " word word ... " (measure rows), so " prefix" finds word starts
    title: str = ""  # the title column's text: "NT1  Local people employed", or the heading


_MEASURE, _THEME = Kind.MEASURE, Kind.THEME  # plain globals: faster than Kind.X in hot code
_MEASURE_VALUE = Kind.MEASURE.value


class MeasureTreeModel(QAbstractItemModel):
    """Themes, their outcomes and their measures; measure rows carry a tick box (committed).

    The tree is held in flat tables indexed by node id (an index's internalId), so that the
    methods Qt calls for every row (index, parent, rowCount, data) are a list lookup each: they
    run thousands of times per keystroke while filtering, painting or expanding.
    """

    COL_TITLE = COL_TITLE
    COL_TARGET = COL_TARGET

    def __init__(self, document: PlanDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._nodes: list[_Node] = []
        self._themes: list[_Node] = []
        self._by_code: dict[str, _Node] = {}
        self._state: dict[str, tuple[bool, str]] = {}  # code -> (committed, target text)
        # Flat tables by node id; id 0 is the (invisible) root.
        self._kids: list[list[int]] = [[]]  # ids of each node's children, in row order
        self._up: list[int] = [0]  # id of each node's parent (0: a theme)
        self._search: dict[int, str] = {}  # measure id -> search text, in display order
        self._headings: list[int] = []  # ids of the themes and outcomes, in display order
        # The index of every cell, made once: createIndex() costs more than the rest of index()
        # or parent(), which Qt calls for nearly every row it filters, lays out or paints.
        self._cells: tuple[list[QModelIndex], ...] = ([_ROOT], [_ROOT])  # [column][id]
        self._flags: tuple[list[Qt.ItemFlag], ...] = ([_NO_FLAGS], [_NO_FLAGS])  # [column][id]
        self._ticked: set[int] = set()  # ids of committed measures
        self._theme_ticked: dict[int, int] = {}  # theme id -> committed measures under it
        self._bold: QFont | None = None
        # Bumped by every rebuild (generation) and every change of a tick (version), so a
        # filter can tell whether what it computed from the model is still current.
        self.generation = 0
        self.version = 0
        self._build()
        document.planReset.connect(self._reset)
        document.catalogueChanged.connect(self._reset)
        document.commitmentsChanged.connect(self._refresh_all)
        document.commitmentChanged.connect(self._refresh_code)

    # Building ------------------------------------------------------------------------------

    def _build(self) -> None:
        catalogue = self._doc.catalogue
        self._nodes, self._themes, self._by_code = [], [], {}
        self._kids, self._up, self._search, self._headings = [[]], [0], {}, []
        self._cells = tuple([_ROOT] for _ in range(COLUMN_COUNT))
        self._flags = tuple([_NO_FLAGS] for _ in range(COLUMN_COUNT))

        def add(kind: Kind, item: Any, parent: _Node | None, siblings: list[_Node]) -> _Node:
            node = _Node(len(self._nodes) + 1, kind, len(siblings), parent, item)
            node.title = item.name if kind is not _MEASURE else f"{item.code}  {item.short}"
            self._nodes.append(node)
            siblings.append(node)
            self._kids.append([])
            self._kids[parent.id if parent else 0].append(node.id)
            self._up.append(parent.id if parent else 0)
            for column, cells in enumerate(self._cells):
                cells.append(self.createIndex(node.row, column, node.id))
            if kind is _MEASURE:
                self._flags[COL_TITLE].append(_MEASURE_TITLE_FLAGS)
                self._flags[COL_TARGET].append(_MEASURE_FLAGS)
            else:
                self._flags[COL_TITLE].append(_HEADING_FLAGS)
                self._flags[COL_TARGET].append(_HEADING_FLAGS)
                self._headings.append(node.id)
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
                    self._search[node.id] = node.search
                    self._by_code[m.code.upper()] = node
        self._state = {code: self._measure_state(n) for code, n in self._by_code.items()}
        self._ticked = {n.id for code, n in self._by_code.items() if self._state[code][0]}
        self._theme_ticked = {t.id: 0 for t in self._themes}
        for nid in self._ticked:
            self._theme_ticked[self._up[self._up[nid]]] += 1
        self.generation += 1
        self.version += 1

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
            theme = node.parent.parent if node.parent else None
            ticked_changed = old is None or old[0] != new[0]
            if ticked_changed:
                if new[0]:
                    self._ticked.add(node.id)
                else:
                    self._ticked.discard(node.id)
                if theme is not None:
                    count = sum(
                        m in self._ticked for o in self._kids[theme.id] for m in self._kids[o]
                    )
                    self._theme_ticked[theme.id] = count
                self.version += 1
            self.dataChanged.emit(self._index(node, COL_TITLE), self._index(node, COL_TARGET))
            if ticked_changed and theme is not None and theme not in themes:
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
        return len(self._ticked)

    def target_cells(self) -> list[QModelIndex]:
        """Target-column indexes, one for each distinct text the column shows (empty included).

        What a view needs to size the column to its contents without asking every row.
        """
        first: dict[str, _Node] = {}
        for code, (_, text) in self._state.items():
            if text not in first:
                first[text] = self._by_code[code]
        return [self._index(node, COL_TARGET) for node in first.values()]

    def _index(self, node: _Node, column: int) -> QModelIndex:
        return self._cells[column][node.id]

    def _node(self, index: Index) -> _Node | None:
        node_id = index.internalId()  # 0 for an invalid index; node ids start at 1
        return self._nodes[node_id - 1] if node_id else None

    # QAbstractItemModel --------------------------------------------------------------------
    # An invalid parent has column() -1 and internalId() 0, the root's slot in the tables.

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        # hasIndex() would call back into rowCount/columnCount; this is hot while filtering.
        if row < 0 or not 0 <= column < COLUMN_COUNT or parent.column() > 0:
            return QModelIndex()
        siblings = self._kids[parent.internalId()]
        if row >= len(siblings):
            return QModelIndex()
        return self._cells[column][siblings[row]]

    def parent(self, index: Index | None = None) -> Any:  # type: ignore[override]
        if index is None:
            return super().parent()  # QObject.parent()
        return self._cells[0][self._up[index.internalId()]]  # a theme's: cell 0, invalid

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.column() > 0:
            return 0
        return len(self._kids[parent.internalId()])

    def hasChildren(self, parent: Index = _ROOT) -> bool:
        # Qt's default asks rowCount and columnCount: two calls into Python instead of one.
        return parent.column() <= 0 and bool(self._kids[parent.internalId()])

    def columnCount(self, parent: Index = _ROOT) -> int:
        return COLUMN_COUNT

    def flags(self, index: Index) -> Qt.ItemFlag:
        # A tree view asks twice for every row it lays out. (An invalid index: column -1, id 0,
        # and slot 0 of every column is NoItemFlags.)
        return self._flags[index.column()][index.internalId()]

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
        return self._value(node, index.column(), role)

    def _value(self, node: _Node, col: int, role: int) -> Any:
        if node.kind is _MEASURE:
            return self._measure_data(node, col, role)
        if role == KindRole:
            return node.kind.value
        if col != COL_TITLE:
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            if node.kind is _THEME:
                ticked = self._theme_ticked.get(node.id, 0)
                return f"{node.title} ({ticked} ticked)" if ticked else node.title
            return node.title
        if role == _FONT:
            if node.kind is not _THEME:
                return None
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        if role == _TOOLTIP:
            if node.kind is _THEME and node.item.description:  # type: ignore[union-attr]
                return node.item.description  # type: ignore[union-attr]
            return None
        if role == SearchTextRole:
            return f" {normalise_search(node.item.name)} "
        return None

    def _measure_data(self, node: _Node, col: int, role: int) -> Any:
        if col == COL_TITLE:
            if role == _DISPLAY:
                return node.title
            if role == _CHECK_STATE:
                return _CHECKED if node.id in self._ticked else _UNCHECKED
            if role == _ACCESSIBLE:
                return node.title.replace("  ", " ", 1)
        elif col == COL_TARGET:
            if role in (_DISPLAY, _ACCESSIBLE):
                return self._state[node.item.code.upper()][1]  # type: ignore[union-attr]
            if role == _ALIGNMENT:
                return _RIGHT
            if role == _FOREGROUND:
                if self._state[node.item.code.upper()][1] != NO_TARGET:  # type: ignore[union-attr]
                    return None
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role < _USER:
            if role == _TOOLTIP:
                m: Measure = node.item  # type: ignore[assignment]
                unit = self._doc.catalogue.unit(m.unit).name
                return (
                    f"<p><b>{html.escape(m.code)}</b> {html.escape(m.wording)}</p>"
                    f"<p>Counted in {html.escape(unit)}.</p>"
                )
            return None
        if role == KindRole:
            return _MEASURE_VALUE
        if role == MeasureRole:
            return node.item
        if role == CodeRole:
            return node.item.code  # type: ignore[union-attr]
        if role == SearchTextRole:
            return node.search
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


def _narrows(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """True when every text `new` matches is matched by `old` too (typing on: 'ap' -> 'app')."""
    return len(new) >= len(old) and all(n.startswith(o) for o, n in zip(old, new, strict=False))


class MeasureFilterProxy(QSortFilterProxyModel):
    """Filters a MeasureTreeModel as the user types; headings stay when a measure matches.

    Every word of the query must start a word of the measure's search text (code, title,
    wording, partner names, outcome and theme), case-insensitive. Optionally ticked only.

    The rows to show are worked out once per change, in Python, from the search strings the
    model computed when it was built (narrowing the previous result when the new text only
    extends the old one), with the headings above them; filterAcceptsRow is then a set lookup.
    A change that shows or hides many rows is applied as one layout change: removing hundreds of
    scattered row ranges one by one makes an attached view do work in proportion to its size
    for each range.
    """

    # Above this many rows changing visibility, one layout change instead of row removals.
    BULK_CHANGE = 64

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(True)  # a tick re-filters its row under 'Ticked only'
        self._query = ""
        self._words: tuple[str, ...] = ()
        self._ticked_only = False
        self._tree: MeasureTreeModel | None = None
        self._generation = -1  # the model generation _matches was computed for
        self._version = -1  # the model version _shown was computed for
        self._matches: frozenset[int] | None = None  # measure ids _words match; None: no words
        self._shown: frozenset[int] | None = None  # ids of every row shown; None: all
        self._shown_measures: frozenset[int] | None = None  # ids of the measures shown
        self._applied: frozenset[int] | None = None  # _shown as the mapping last saw it
        self._revealed = False  # the last change of query showed headings it had hidden
        self._flag_cache: dict[tuple[int, int], Qt.ItemFlag] | None = None  # see layout_pass

    def setSourceModel(self, model: QAbstractItemModel | None) -> None:  # type: ignore[override]
        if model is not None and not isinstance(model, MeasureTreeModel):
            raise TypeError("MeasureFilterProxy filters a MeasureTreeModel")
        if self._tree is not None:
            self._tree.dataChanged.disconnect(self._on_source_data_changed)
        self._tree = model
        self._generation = self._version = -1
        super().setSourceModel(model)
        if model is not None:
            model.dataChanged.connect(self._on_source_data_changed)

    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        """Filter by this text (words ANDed); '' shows everything."""
        words = tuple(f" {w}" for w in normalise_search(text).split())
        self._query = text
        self._revealed = False
        if words != self._words:
            self._apply(words, self._ticked_only)

    def ticked_only(self) -> bool:
        return self._ticked_only

    def set_ticked_only(self, on: bool) -> None:
        self._revealed = False
        if on != self._ticked_only:
            self._apply(self._words, on)

    def is_filtering(self) -> bool:
        return bool(self._words) or self._ticked_only

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        tree = self._tree
        if tree is None:
            return True
        if tree.version != self._version:
            self._sync()
        shown = self._shown
        return shown is None or tree._kids[source_parent.internalId()][source_row] in shown

    # What is shown, without walking the proxy ----------------------------------------------

    def shown_count(self) -> int:
        """How many measure rows the filter leaves."""
        tree = self._tree
        if tree is None:
            return 0
        if tree.version != self._version:
            self._sync()
        return tree.measure_count() if self._shown_measures is None else len(self._shown_measures)

    def first_measure(self) -> QModelIndex:
        """The proxy index of the first measure shown, in display order (invalid if none)."""
        tree = self._tree
        if tree is None:
            return QModelIndex()
        if tree.version != self._version:
            self._sync()
        ids = tree._search if self._shown_measures is None else self._shown_measures
        first = min(ids, default=0)  # ids number the tree in display order
        if not first:
            return QModelIndex()
        return self.mapFromSource(tree._index(tree._nodes[first - 1], COL_TITLE))

    def revealed_headings(self) -> bool:
        """True when the last set_query or set_ticked_only showed headings it had hidden.

        A view gets those rows back collapsed. (Narrowing a query never shows any.)
        """
        return self._revealed

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

    # Laying out ----------------------------------------------------------------------------

    @contextmanager
    def layout_pass(self) -> Iterator[None]:
        """While a view lays the tree out, answer flags() per parent and column, not per row.

        A tree view asks for the flags of every row it lays out, twice, and each answer is two
        calls into Python (mapToSource, then the model's flags). The rows under one parent are
        all of one kind (themes, outcomes or measures), so their flags depend on the column
        only; and QSortFilterProxyModel gives every index under one parent the same internal
        id (that parent's mapping). A mapping is only ever freed when rows are removed, the
        layout changes or the model is reset, never while a view lays out, so within one pass
        the id stands for one parent. The cache lives for one pass only.
        """
        if self._flag_cache is not None:  # nested: the outer pass owns the cache
            yield
            return
        self._flag_cache = {}
        try:
            yield
        finally:
            self._flag_cache = None

    def flags(self, index: Index) -> Qt.ItemFlag:
        tree = self._tree
        if tree is None:
            return super().flags(index)
        cache = self._flag_cache
        if cache is None:
            return tree.flags(self.mapToSource(index))
        key = (index.internalId(), index.column())
        flags = cache.get(key)
        if flags is None:
            flags = cache[key] = tree.flags(self.mapToSource(index))
        return flags

    # Working out the rows ------------------------------------------------------------------

    def _match(
        self, words: tuple[str, ...], within: frozenset[int] | None
    ) -> frozenset[int] | None:
        """Ids of the measures whose search text has every word (of `within`, or of all)."""
        if not words:
            return None
        assert self._tree is not None
        search = self._tree._search
        items = search.items() if within is None else [(i, search[i]) for i in within]
        if len(words) == 1:
            word = words[0]
            return frozenset([i for i, text in items if word in text])
        return frozenset([i for i, text in items if all(w in text for w in words)])

    def _rows(
        self, matches: frozenset[int] | None, ticked_only: bool
    ) -> tuple[frozenset[int] | None, frozenset[int] | None]:
        """(ids of every row to show, ids of the measures among them); None: all of them."""
        assert self._tree is not None
        tree = self._tree
        measures = matches
        if ticked_only:
            measures = frozenset(tree._ticked) if matches is None else matches & tree._ticked
        if measures is None:
            return None, None
        up = tree._up
        outcomes = {up[m] for m in measures}
        return measures | outcomes | {up[o] for o in outcomes}, measures

    def _sync(self) -> None:
        """Catch up with the model: rebuilt (new catalogue or plan), or a tick changed."""
        assert self._tree is not None
        tree = self._tree
        rebuilt = tree.generation != self._generation
        if rebuilt:
            self._matches = self._match(self._words, None)
            self._generation = tree.generation
        self._shown, self._shown_measures = self._rows(self._matches, self._ticked_only)
        self._version = tree.version
        if rebuilt:  # a reset model is mapped afresh, from what is computed now
            self._applied = self._shown
            self._revealed = False

    def _apply(self, words: tuple[str, ...], ticked_only: bool) -> None:
        """Change the query words and 'ticked only', and re-filter as cheaply as possible."""
        tree = self._tree
        if tree is None:
            self._words, self._ticked_only = words, ticked_only
            return
        if tree.version != self._version:
            self._sync()
        if self._matches is not None and _narrows(self._words, words):
            matches = self._match(words, self._matches)
        else:
            matches = self._match(words, None)
        shown, measures = self._rows(matches, ticked_only)
        old = self._applied
        revealed = old is not None and any(
            i not in old and (shown is None or i in shown) for i in tree._headings
        )

        def commit() -> None:
            self._words, self._ticked_only, self._matches = words, ticked_only, matches
            self._shown, self._shown_measures, self._applied = shown, measures, shown
            self._revealed = revealed

        if shown == old:  # the same rows (typing on within one word, often): nothing to do
            commit()
            return
        if old is None or shown is None:
            changed = len(tree._nodes) - len(shown if old is None else old)  # type: ignore[arg-type]
        else:
            changed = len(old ^ shown)
        if changed > self.BULK_CHANGE:
            commit()
            self.invalidate()
        else:
            self.beginFilterChange()
            commit()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _on_source_data_changed(self, *_: object) -> None:
        # Under 'Ticked only' a tick can show or hide a heading, which Qt would not re-filter
        # (it re-filters the changed row only, and recursive filtering is off: the headings
        # come from the set computed here).
        tree = self._tree
        if tree is None or (tree.version == self._version and self._shown == self._applied):
            return
        self._sync()
        if self._shown != self._applied:
            self.beginFilterChange()
            self._applied = self._shown
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
