"""The plan's commitments as a table (one row per committed measure, in catalogue order)."""

from __future__ import annotations

import bisect
import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from svplan.core.checks import Finding, Severity, summary
from svplan.core.plan import Commitment

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # default parent (a shared, never-changed invalid index)

COL_CODE = 0
COL_MEASURE = 1
COL_TARGET = 2
COL_OWNER = 3
COL_PARTNERS = 4
COL_STATUS = 5
PARTNERS_SHOWN = 2  # more partners than this read "A, B and 4 more" (the tooltip lists all)
STATUS_LIMIT = 48  # longer single findings are clipped in the cell (the tooltip has them whole)
HEADERS = ("Code", "Measure", "Target", "Owner", "Partners", "Status")

CommitmentRole = Qt.ItemDataRole.UserRole + 1  # the Commitment object
CodeRole = Qt.ItemDataRole.UserRole + 2  # the measure code
SortRole = Qt.ItemDataRole.UserRole + 3  # a value to sort the column by
FindingsRole = Qt.ItemDataRole.UserRole + 4  # list[Finding] for the row's measure

_Key = tuple[int, str, int]  # (catalogue order, code upper, occurrence) identifies a row


def findings_by_code(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by upper-case measure code; 'NT3, NT4' counts for both; '' is plan-wide."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        for code in f.code.split(",") if f.code else [""]:
            out.setdefault(code.strip().upper(), []).append(f)
    return out


class CommitmentsModel(QAbstractTableModel):
    """Committed measures with target, owner, partners and readiness, kept in catalogue order."""

    COL_CODE = COL_CODE
    COL_MEASURE = COL_MEASURE
    COL_TARGET = COL_TARGET
    COL_OWNER = COL_OWNER
    COL_PARTNERS = COL_PARTNERS
    COL_STATUS = COL_STATUS

    def __init__(self, document: PlanDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._keys: list[_Key] = self._current_keys()
        self._findings: dict[str, list[Finding]] = findings_by_code(document.findings())
        document.planReset.connect(self._reset)
        document.catalogueChanged.connect(self._reset)
        document.commitmentsChanged.connect(self._sync_rows)
        document.commitmentChanged.connect(self._commitment_changed)
        document.findingsChanged.connect(self._findings_changed)

    # Rows ----------------------------------------------------------------------------------

    def _current_keys(self) -> list[_Key]:
        order = self._doc.catalogue.order_of
        catalogue = self._doc.catalogue
        seen: dict[str, int] = {}
        keys = []
        for c in self._doc.plan.commitments:
            code = c.measure.upper()
            n = seen.get(code, 0)
            seen[code] = n + 1
            known = catalogue.measure(code).code if catalogue.has_measure(code) else code
            keys.append((order(known), code, n))
        return sorted(keys)

    def _reset(self) -> None:
        self.beginResetModel()
        self._keys = self._current_keys()
        self._findings = findings_by_code(self._doc.findings())
        self.endResetModel()

    def _sync_rows(self) -> None:
        """Insert and remove rows one by one (keeps the view's selection and scroll)."""
        new = self._current_keys()
        wanted = set(new)
        for row in reversed(range(len(self._keys))):
            if self._keys[row] not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._keys[row]
                self.endRemoveRows()
        have = set(self._keys)
        for key in new:
            if key not in have:
                row = bisect.bisect_left(self._keys, key)
                self.beginInsertRows(QModelIndex(), row, row)
                self._keys.insert(row, key)
                self.endInsertRows()
        self._emit_rows(range(len(self._keys)))

    def _commitment_changed(self, code: str) -> None:
        code = code.upper()
        self._emit_rows(r for r, k in enumerate(self._keys) if k[1] == code)

    def _findings_changed(self) -> None:
        self._findings = findings_by_code(self._doc.findings())
        if self._keys:
            top = self.index(0, COL_STATUS)
            self.dataChanged.emit(top, self.index(len(self._keys) - 1, COL_STATUS))

    def _emit_rows(self, rows: Any) -> None:
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    # Lookups -------------------------------------------------------------------------------

    def commitment_at(self, row: int) -> Commitment | None:
        if not 0 <= row < len(self._keys):
            return None
        _, code, n = self._keys[row]
        matches = [c for c in self._doc.plan.commitments if c.measure.upper() == code]
        return matches[n] if n < len(matches) else None

    def code_at(self, row: int) -> str:
        c = self.commitment_at(row)
        if c is None:
            return ""
        catalogue = self._doc.catalogue
        return catalogue.measure(c.measure).code if catalogue.has_measure(c.measure) else c.measure

    def row_of(self, code: str) -> int:
        """Row of a measure's (first) commitment, or -1."""
        code = code.strip().upper()
        return next((r for r, k in enumerate(self._keys) if k[1] == code), -1)

    def plan_findings(self) -> list[Finding]:
        """Findings about the plan as a whole (no measure code)."""
        return list(self._findings.get("", []))

    # QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if section == COL_TARGET else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._keys):
            return None
        c = self.commitment_at(index.row())
        if c is None:
            return None
        order, key, _ = self._keys[index.row()]
        catalogue = self._doc.catalogue
        measure = catalogue.measure(key) if catalogue.has_measure(key) else None
        col = index.column()
        if role == CommitmentRole:
            return c
        if role == CodeRole:
            return measure.code if measure else c.measure
        if role == FindingsRole:
            return list(self._findings.get(key, []))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(c, measure, key, col, short=True)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(c, measure, key, col)
        if role == SortRole:
            if col == COL_CODE:
                return order
            if col == COL_TARGET:
                return -1.0 if c.target is None else float(c.target)
            if col == COL_STATUS:
                found = self._findings.get(key, [])
                return sum(10 if f.severity is Severity.PROBLEM else 1 for f in found)
            return self._text(c, measure, key, col).lower()
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_MEASURE and measure is not None:
                return f"<p>{html.escape(measure.wording)}</p>"
            if col == COL_STATUS:
                found = self._findings.get(key, [])
                return "\n".join(_capitalise(f.message) for f in found) if found else "Ready"
            if col == COL_PARTNERS:
                return "\n".join(self._partner_names(c)) or (
                    "No partner recorded yet: the plan names a partner once you record its status "
                    "or its role on this contract in the partners panel."
                )
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_TARGET and c.target is None:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_STATUS:
            return _severity_icon(self._findings.get(key, []))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_TARGET:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _partner_names(self, c: Commitment) -> list[str]:
        """The partners the plan names (as the Word plan prints them): those the bidder
        recorded a role or engagement for, not the council's suggestions."""
        from svplan.core.partner_roles import display_name, named_partner_ids

        catalogue = self._doc.catalogue
        return [display_name(catalogue.partner(p).name) for p in named_partner_ids(c, catalogue)]

    def _text(self, c: Commitment, measure: Any, key: str, col: int, short: bool = False) -> str:
        catalogue = self._doc.catalogue
        if col == COL_CODE:
            return measure.code if measure else c.measure
        if col == COL_MEASURE:
            return measure.short if measure else "Not a measure of this catalogue"
        if col == COL_TARGET:
            if measure is None:
                return "" if c.target is None else f"{c.target:g}"
            return catalogue.unit(measure.unit).format(c.target)
        if col == COL_OWNER:
            return c.owner.strip()
        if col == COL_PARTNERS:
            names = self._partner_names(c)
            if short and len(names) > PARTNERS_SHOWN:
                more = len(names) - PARTNERS_SHOWN
                return ", ".join(names[:PARTNERS_SHOWN]) + f" and {more} more"
            return ", ".join(names)
        if col == COL_STATUS:
            found = self._findings.get(key, [])
            if not found:
                return "Ready"
            if len(found) == 1:
                return _clip(_capitalise(found[0].message))
            return summary(found)
        return ""


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clip(text: str, limit: int = STATUS_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _severity_icon(findings: list[Finding]) -> Any:
    style = QApplication.style() if QApplication.instance() else None
    if style is None:
        return None
    if any(f.severity is Severity.PROBLEM for f in findings):
        pixmap = QStyle.StandardPixmap.SP_MessageBoxCritical
    elif findings:
        pixmap = QStyle.StandardPixmap.SP_MessageBoxWarning
    else:
        pixmap = QStyle.StandardPixmap.SP_DialogApplyButton
    return style.standardIcon(pixmap)
