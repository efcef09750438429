"""MeasureFilterProxy: the measure tree filtered as the user types.

Why not a plain QSortFilterProxyModel with recursive filtering: at 500 measures that took 30 ms
of filtering and 70-140 ms per keystroke in the browser (benchmarks/results.md, "measure
browser"), against 16 ms. This proxy works the rows out once per keystroke in Python from the
search texts the model made once per catalogue, then answers filterAcceptsRow with a set lookup.
It reads the model only through MeasureTreeModel's public methods (child_id, search_texts, ...).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QSortFilterProxyModel

from svplan.ui.models.measure_tree import (
    COL_TITLE,
    Index,
    Kind,
    KindRole,
    MeasureTreeModel,
    normalise_search,
)


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
        return shown is None or tree.child_id(source_parent, source_row) in shown

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
        ids = tree.search_texts() if self._shown_measures is None else self._shown_measures
        first = min(ids, default=0)  # ids number the tree in display order
        if not first:
            return QModelIndex()
        return self.mapFromSource(tree.cell(first, COL_TITLE))

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

    # Working out the rows ------------------------------------------------------------------

    def _match(
        self, words: tuple[str, ...], within: frozenset[int] | None
    ) -> frozenset[int] | None:
        """Ids of the measures whose search text has every word (of `within`, or of all)."""
        if not words:
            return None
        assert self._tree is not None
        search = self._tree.search_texts()
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
            ticked = tree.ticked_ids()
            measures = frozenset(ticked) if matches is None else matches & ticked
        if measures is None:
            return None, None
        up = tree.parent_id
        outcomes = {up(m) for m in measures}
        return measures | outcomes | {up(o) for o in outcomes}, measures

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
            i not in old and (shown is None or i in shown) for i in tree.heading_ids()
        )

        def commit() -> None:
            self._words, self._ticked_only, self._matches = words, ticked_only, matches
            self._shown, self._shown_measures, self._applied = shown, measures, shown
            self._revealed = revealed

        if shown == old:  # the same rows (typing on within one word, often): nothing to do
            commit()
            return
        if old is None or shown is None:
            changed = tree.node_count() - len(shown if old is None else old)  # type: ignore[arg-type]
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
