"""The catalogue as a tree (theme → outcome → measure) with a tick box per measure, and its filter.

MeasureTreeModel reads the catalogue and the plan from a PlanDocument and changes the plan only
through it (ticking a measure calls ``document.set_committed``). MeasureFilterProxy
(measure_filter.py) filters the tree as the user types, using search strings the model computes
once per catalogue.
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
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from svplan.core.catalogue import Measure, Outcome, Theme, Unit, search_text
from svplan.core.glossary import used_in

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


def compact_target(unit: Unit, value: float) -> str:
    """A target short enough for the list's narrow column ('240 hours' for '240 attendee
    hours'); the whole of it is in the row's tooltip and the editor."""
    text = unit.format(value)
    words = unit.suffix.split()
    if len(words) > 1 and text.endswith(unit.suffix):
        text = text[: -len(unit.suffix)] + words[-1]
    return text


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
        return True, compact_target(self._doc.catalogue.unit(m.unit), c.target)

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

    # For the filter: the tree by node id (an index's internalId), read-only ------------------
    # MeasureFilterProxy works out the rows to show from these, once per keystroke, and then
    # answers filterAcceptsRow with a set lookup (see measure_filter.py for why).

    def child_id(self, parent: Index, row: int) -> int:
        """The node id of a row under `parent` (the source row and parent Qt filters)."""
        return self._kids[parent.internalId()][row]

    def parent_id(self, node_id: int) -> int:
        """The node id of a node's parent (0 for a theme)."""
        return self._up[node_id]

    def node_count(self) -> int:
        """How many rows the tree has: themes, outcomes and measures."""
        return len(self._nodes)

    def search_texts(self) -> dict[int, str]:
        """Measure node id -> its search text, in display order (do not change it)."""
        return self._search

    def heading_ids(self) -> list[int]:
        """The node ids of the themes and outcomes, in display order."""
        return self._headings

    def ticked_ids(self) -> set[int]:
        """The node ids of the committed measures (do not change it)."""
        return self._ticked

    def cell(self, node_id: int, column: int = COL_TITLE) -> QModelIndex:
        """The index of a node's cell."""
        return self._cells[column][node_id]

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
                unit = self._doc.catalogue.unit(m.unit)
                c = self._doc.commitment(m.code)
                target = f"<p>Target: {html.escape(unit.format(c.target))}</p>" if c else ""
                terms = "".join(
                    f"<br>{html.escape(t.term)}: {html.escape(t.meaning)}"
                    for t in used_in([m.wording, unit.name])
                )
                return (
                    f"<p><b>{html.escape(m.code)}</b> {html.escape(m.wording)}</p>"
                    f"<p>Counted in {html.escape(unit.name)}.{terms}</p>{target}"
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
