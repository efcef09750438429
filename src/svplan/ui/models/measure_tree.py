"""The catalogue as a tree (theme → outcome → measure) with a tick box per measure, and its filter.

MeasureTreeModel reads the catalogue and the plan from a PlanDocument and changes the plan only
through it (ticking a measure calls ``document.set_committed``). MeasureFilterProxy
(measure_filter.py) filters the tree as the user types, using search strings the model computes
once per catalogue.

The model is a QStandardItemModel whose cells hold everything a view asks for (text, tick,
tooltip, font...), written when the catalogue, the plan or a commitment changes. A view that lays
out or paints the tree, and the filter proxy that maps it, then never call into Python for
index, parent, flags or data: at 500 measures those calls (several per row and per painted cell)
were most of a keystroke's time in the browser.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)

from svplan.core.catalogue import Measure, Outcome, Theme, Unit, search_text
from svplan.core.glossary import used_in

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument

Index = QModelIndex | QPersistentModelIndex

COL_TITLE = 0
COL_TARGET = 1
COLUMN_COUNT = 2

MeasureRole = Qt.ItemDataRole.UserRole + 1  # the domain Measure (measure rows only)
KindRole = Qt.ItemDataRole.UserRole + 2  # Kind value: "theme", "outcome" or "measure"
SearchTextRole = Qt.ItemDataRole.UserRole + 3  # normalised lower-case text to search in
CodeRole = Qt.ItemDataRole.UserRole + 4  # the measure code (measure rows only)
_IdRole = Qt.ItemDataRole.UserRole.value + 5  # the node id (title cells), for the filter's tables

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
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CHECKED = Qt.CheckState.Checked
_UNCHECKED = Qt.CheckState.Unchecked
_HEADING_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_MEASURE_FLAGS = _HEADING_FLAGS | Qt.ItemFlag.ItemNeverHasChildren  # spares views a lookup
_MEASURE_TITLE_FLAGS = _MEASURE_FLAGS | Qt.ItemFlag.ItemIsUserCheckable


@dataclass(eq=False)
class _Node:
    id: int  # 1-based position in MeasureTreeModel._nodes; the title cell's _IdRole
    kind: Kind
    row: int
    parent: _Node | None
    item: Theme | Outcome | Measure
    title: str = ""  # the title column's text: "NT1  Local people employed", or the heading
    search: str = ""  # " word word ... " (measure rows), so " prefix" finds word starts
    tip: str = ""  # a measure's tooltip, but for its target


_MEASURE = Kind.MEASURE
Roles = dict[int, Any]


class MeasureTreeModel(QStandardItemModel):
    """Themes, their outcomes and their measures; measure rows carry a tick box (committed).

    Every cell holds its text, tick, tooltip, font, flags and roles, written when the model is
    built and when a commitment changes (then one dataChanged per measure, and one for its
    theme, as a hand-written model would emit). Flat tables by node id give the filter the
    tree's shape and search texts without asking Qt.

    The cells are made by Qt, never in Python: rows are inserted, then filled with setItemData,
    and each kind of cell takes its flags from a prototype that the model deletes before the
    build returns. A QStandardItem made in Python and handed to the model is freed twice when
    the garbage collector frees the model with it (PySide6 6.11: a crash).
    """

    COL_TITLE = COL_TITLE
    COL_TARGET = COL_TARGET

    def __init__(self, document: PlanDocument, parent: QObject | None = None) -> None:
        super().__init__(0, COLUMN_COUNT, parent)
        self._doc = document
        self._nodes: list[_Node] = []
        self._themes: list[_Node] = []
        self._by_code: dict[str, _Node] = {}
        # code -> (committed, target text, the tooltip's "Target" paragraph)
        self._state: dict[str, tuple[bool, str, str]] = {}
        # Flat tables by node id; id 0 is the (invisible) root.
        self._kids: list[list[int]] = [[]]  # ids of each node's children, in row order
        self._up: list[int] = [0]  # id of each node's parent (0: a theme)
        self._search: dict[int, str] = {}  # measure id -> search text, in display order
        self._headings: list[int] = []  # ids of the themes and outcomes, in display order
        self._cells: tuple[list[QModelIndex], ...] = ([], [])  # [column][id]
        self._ticked: set[int] = set()  # ids of committed measures
        self._theme_ticked: dict[int, int] = {}  # theme id -> committed measures under it
        self._bold = QFont()
        self._bold.setBold(True)
        self._placeholder = QColor()
        # Each measure's search text and tooltip (but for its target) by code, kept while the
        # catalogue stays: worked out once, not again for each plan opened.
        self._texts_of: object = None
        self._texts: dict[str, tuple[str, str]] = {}
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
        self._placeholder = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if catalogue is not self._texts_of:  # a new plan keeps them, another catalogue not
            self._texts_of, self._texts = catalogue, {}

        def add(kind: Kind, item: Any, parent: _Node | None) -> _Node:
            up = parent.id if parent else 0
            title = item.name if kind is not _MEASURE else f"{item.code}  {item.short}"
            node = _Node(len(self._nodes) + 1, kind, len(self._kids[up]), parent, item, title)
            self._nodes.append(node)
            self._kids.append([])
            self._kids[up].append(node.id)
            self._up.append(up)
            if kind is not _MEASURE:
                self._headings.append(node.id)
            return node

        by_outcome: dict[str, list[Measure]] = {}
        for m in catalogue.measures:
            by_outcome.setdefault(m.outcome, []).append(m)
        for theme in catalogue.themes:
            if not any(by_outcome.get(o.id) for o in theme.outcomes):
                continue  # a theme with no measures would be an empty heading
            t = add(Kind.THEME, theme, None)
            self._themes.append(t)
            for outcome in theme.outcomes:
                measures = by_outcome.get(outcome.id, [])
                if not measures:
                    continue
                o = add(Kind.OUTCOME, outcome, t)
                for m in measures:
                    node = add(Kind.MEASURE, m, o)
                    key = m.code.upper()
                    texts = self._texts.get(key)
                    if texts is None:
                        words = [search_text(catalogue, m), outcome.name, theme.name]
                        search = f" {normalise_search(' '.join(words))} "
                        texts = self._texts[key] = (search, self._tooltip(m))
                    node.search, node.tip = texts
                    self._search[node.id] = node.search
                    self._by_code[key] = node
        self._state = {code: self._measure_state(n) for code, n in self._by_code.items()}
        self._ticked = {n.id for code, n in self._by_code.items() if self._state[code][0]}
        self._theme_ticked = {t.id: 0 for t in self._themes}
        for nid in self._ticked:
            self._theme_ticked[self._up[self._up[nid]]] += 1
        self._make_cells()
        self.generation += 1
        self.version += 1

    def _make_cells(self) -> None:
        """Insert the rows and fill every cell; each kind of cell has its flags from a prototype."""
        self._cells = ([QModelIndex()], [QModelIndex()])
        heads, targets = self._cells
        self.insertRows(0, len(self._themes))
        self._use_prototype(_HEADING_FLAGS)
        for node in self._nodes:
            parent = heads[node.parent.id] if node.parent else QModelIndex()
            head = self.index(node.row, COL_TITLE, parent)
            heads.append(head)
            targets.append(self.index(node.row, COL_TARGET, parent))
            if node.kind is not _MEASURE:
                self._put(head, self._heading_roles(node))
                self._put(targets[-1], {KindRole: node.kind.value})
                self.insertColumns(0, COLUMN_COUNT, head)
                self.insertRows(0, len(self._kids[node.id]), head)
        self._use_prototype(_MEASURE_TITLE_FLAGS)
        for code, node in self._by_code.items():
            self._put(heads[node.id], self._measure_roles(node, COL_TITLE, self._state[code]))
        self._use_prototype(_MEASURE_FLAGS)
        for code, node in self._by_code.items():
            self._put(targets[node.id], self._measure_roles(node, COL_TARGET, self._state[code]))
        self.setItemPrototype(None)  # the model deletes the last one: see the class docstring

    def _use_prototype(self, flags: Qt.ItemFlag) -> None:
        """Cells made from now on get these flags (the model deletes the previous prototype)."""
        prototype = QStandardItem()
        prototype.setFlags(flags)
        self.setItemPrototype(prototype)

    def _put(self, index: QModelIndex, roles: Roles) -> None:
        """Set these roles of a cell (None clears one), making the cell if it is new."""
        QStandardItemModel.setItemData(self, index, roles)

    def _heading_roles(self, node: _Node) -> Roles:
        roles: Roles = {
            _IdRole: node.id,
            KindRole: node.kind.value,
            SearchTextRole: f" {normalise_search(node.title)} ",
        }
        if node.kind is Kind.THEME:
            roles.update(self._count_roles(node))
            roles[_FONT] = self._bold
            roles[_TOOLTIP] = node.item.description or None  # type: ignore[union-attr]
        else:
            roles[_DISPLAY] = roles[_ACCESSIBLE] = node.title
        return roles

    def _measure_roles(self, node: _Node, column: int, state: tuple[bool, str, str]) -> Roles:
        """Everything a measure's cell holds, its tick, target and tooltip as `state` says."""
        roles = self._state_roles(node, column, state)
        roles.update({KindRole: _MEASURE.value, CodeRole: node.item.code})  # type: ignore[union-attr]
        roles[SearchTextRole] = node.search
        roles[MeasureRole] = node.item
        if column == COL_TITLE:
            roles.update({_IdRole: node.id, _DISPLAY: node.title})
            roles[_ACCESSIBLE] = node.title.replace("  ", " ", 1)
        else:
            roles[_ALIGNMENT] = _RIGHT
        return roles

    def _state_roles(self, node: _Node, column: int, state: tuple[bool, str, str]) -> Roles:
        """What a commitment changes in a measure's cell: the tick, the target, the tooltip."""
        committed, text, target_tip = state
        roles: Roles = {_TOOLTIP: node.tip + target_tip}
        if column == COL_TITLE:
            roles[_CHECK_STATE] = _CHECKED if committed else _UNCHECKED
        else:
            roles[_DISPLAY] = roles[_ACCESSIBLE] = text
            roles[_FOREGROUND] = self._placeholder if text == NO_TARGET else None
        return roles

    def _count_roles(self, theme: _Node) -> Roles:
        """A theme's heading with how many of its measures are ticked."""
        ticked = self._theme_ticked.get(theme.id, 0)
        text = f"{theme.title} ({ticked} ticked)" if ticked else theme.title
        return {_DISPLAY: text, _ACCESSIBLE: text}

    def _tooltip(self, m: Measure) -> str:
        """A measure's tooltip, but for the paragraph on its target (see _measure_state)."""
        unit = self._doc.catalogue.unit(m.unit)
        terms = "".join(
            f"<br>{html.escape(t.term)}: {html.escape(t.meaning)}"
            for t in used_in([m.wording, unit.name])
        )
        return (
            f"<p><b>{html.escape(m.code)}</b> {html.escape(m.wording)}</p>"
            f"<p>Counted in {html.escape(unit.name)}.{terms}</p>"
        )

    def _reset(self) -> None:
        self.beginResetModel()
        blocked = self.blockSignals(True)  # the rows go and come inside the one reset
        try:
            self.removeRows(0, self.rowCount())
            self._build()
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    # Keeping up with the document ----------------------------------------------------------

    def _measure_state(self, node: _Node) -> tuple[bool, str, str]:
        m: Measure = node.item  # type: ignore[assignment]
        c = self._doc.commitment(m.code)
        if c is None:
            return False, "", ""
        unit = self._doc.catalogue.unit(m.unit)
        tip = f"<p>Target: {html.escape(unit.format(c.target))}</p>"
        if c.target is None:
            return True, NO_TARGET, tip
        return True, compact_target(unit, c.target), tip

    def _refresh_code(self, code: str) -> None:
        self._refresh([code])

    def _refresh_all(self) -> None:
        self._refresh(list(self._by_code))

    def _refresh(self, codes: list[str]) -> None:
        """Emit dataChanged for measures whose tick or target changed, and for their themes.

        The cells are written with the model's signals blocked, so that each measure gives one
        dataChanged over its row (not one per cell and role) and each theme one more.
        """
        themes: list[_Node] = []
        for code in codes:
            key = code.upper()
            node = self._by_code.get(key)
            if node is None:
                continue
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
            blocked = self.blockSignals(True)
            try:
                for column in (COL_TITLE, COL_TARGET):
                    self._put(self._index(node, column), self._state_roles(node, column, new))
                if ticked_changed and theme is not None:
                    self._put(self._index(theme, COL_TITLE), self._count_roles(theme))
            finally:
                self.blockSignals(blocked)
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
        for code, (_, text, _tip) in self._state.items():
            if text not in first:
                first[text] = self._by_code[code]
        return [self._index(node, COL_TARGET) for node in first.values()]

    def _index(self, node: _Node, column: int) -> QModelIndex:
        return self._cells[column][node.id]

    # For the filter: the tree by node id, read-only ------------------------------------------
    # MeasureFilterProxy works out the rows to show from these, once per keystroke, and then
    # answers filterAcceptsRow with a set lookup (see measure_filter.py for why).

    def child_id(self, parent: Index, row: int) -> int:
        """The node id of a row under `parent` (the source row and parent Qt filters)."""
        return self._kids[parent.data(_IdRole) or 0][row]

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

    # QStandardItemModel --------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Measure", "Target")[section] if 0 <= section < COLUMN_COUNT else None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ticking a measure commits to it (through the document); nothing else is editable."""
        if role != _CHECK_STATE or index.column() != COL_TITLE:
            return False
        code = index.data(CodeRole)
        if not code:
            return False  # a heading
        self._doc.set_committed(code, is_checked(value))
        self._refresh([code])  # in case the document did not signal (no change)
        return True
