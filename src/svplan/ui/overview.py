"""The plan at a glance: a table of commitments and the readiness findings below it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svplan.core.checks import Finding, Severity, summary
from svplan.ui.models.commitments import (
    COL_CODE,
    COL_MEASURE,
    COL_OWNER,
    COL_PARTNERS,
    COL_STATUS,
    COL_TARGET,
    CodeRole,
    CommitmentsModel,
    SortRole,
)
from svplan.ui.money import MoneyEditor
from svplan.ui.money_views import MoneyLine
from svplan.ui.widgets.forms import empty_label

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument

FindingCodeRole = Qt.ItemDataRole.UserRole + 1  # the measure code a finding is about ('' plan)
ROW_PADDING = 8
EMPTY_TEXT = "No measures ticked yet. Tick the measures you will commit to in the list of measures."


class _RoomyDelegate(QStyledItemDelegate):
    """Adds a little vertical padding to each row (wrapped cells otherwise touch)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 4, size.height() + ROW_PADDING)


def _icon(severity: Severity | None) -> QStyle.StandardPixmap:
    if severity is Severity.PROBLEM:
        return QStyle.StandardPixmap.SP_MessageBoxCritical
    if severity is Severity.WARNING:
        return QStyle.StandardPixmap.SP_MessageBoxWarning
    return QStyle.StandardPixmap.SP_DialogApplyButton


class OverviewWidget(QWidget):
    """Commitments table (sortable) and readiness findings; activating one emits its code."""

    measureActivated = Signal(str)

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._shown_findings: list[Finding] | None = None
        self.setAccessibleName("Plan overview")

        self.model = CommitmentsModel(document, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Commitments")
        self.table.setAccessibleDescription("Enter or double-click opens the measure.")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setItemDelegate(_RoomyDelegate(self.table))
        self.table.setWordWrap(True)
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for col, mode in (
            (COL_CODE, QHeaderView.ResizeMode.ResizeToContents),
            (COL_MEASURE, QHeaderView.ResizeMode.Stretch),
            (COL_TARGET, QHeaderView.ResizeMode.ResizeToContents),
            (COL_OWNER, QHeaderView.ResizeMode.Interactive),
            (COL_PARTNERS, QHeaderView.ResizeMode.Stretch),
            (COL_STATUS, QHeaderView.ResizeMode.Interactive),
        ):
            header.setSectionResizeMode(col, mode)
        header.resizeSection(COL_OWNER, 140)
        header.resizeSection(COL_STATUS, 220)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_CODE, Qt.SortOrder.AscendingOrder)

        self.empty = empty_label(EMPTY_TEXT, "No commitments", self)
        self.table_stack = QStackedWidget(self)
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty)

        self.count = QLabel(self)
        self.count.setAccessibleName("Commitments count")
        font = self.count.font()
        font.setBold(True)
        self.count.setFont(font)

        self.readiness_icon = QLabel(self)
        self.readiness = QLabel(self)
        self.readiness.setAccessibleName("Readiness")
        self.readiness.setFont(font)
        self.findings = QListWidget(self)
        self.findings.setAccessibleName("Readiness findings")
        self.findings.setAccessibleDescription("Enter or double-click opens the measure.")
        self.findings.setWordWrap(True)
        self.findings.setUniformItemSizes(False)
        self.findings.setAlternatingRowColors(True)
        self.findings.setItemDelegate(_RoomyDelegate(self.findings))
        icon = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.findings.setIconSize(QSize(icon, icon))
        self.findings.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 6)
        top_layout.setSpacing(6)
        top_layout.addWidget(self.count)
        top_layout.addWidget(MoneyLine(MoneyEditor.of(document), top))  # the £ total, if any
        top_layout.addWidget(self.table_stack, 1)
        # after the award: every commitment's delivery status and the counts by level
        from svplan.ui.delivery_overview import DeliverySummary

        self.delivery = DeliverySummary(document, top)
        self.delivery.measureActivated.connect(self.measureActivated)
        top_layout.addWidget(self.delivery)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 6, 0, 0)
        bottom_layout.setSpacing(6)
        heading = QHBoxLayout()
        heading.setSpacing(6)
        heading.addWidget(self.readiness_icon)
        heading.addWidget(self.readiness, 1)
        bottom_layout.addLayout(heading)
        bottom_layout.addWidget(self.findings, 10)
        bottom_layout.addStretch(1)  # when ready (no findings shown) the heading stays on top
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.table.activated.connect(self._table_activated)
        self.findings.itemActivated.connect(self._finding_activated)
        document.findingsChanged.connect(self._refresh)
        document.planReset.connect(self._refresh)
        self.model.rowsInserted.connect(self._refresh_count)
        self.model.rowsRemoved.connect(self._refresh_count)
        self.model.modelReset.connect(self._refresh_count)
        self._refresh()

    # Public API ----------------------------------------------------------------------------

    def select_measure(self, code: str) -> bool:
        """Select the commitment row for a measure; False when it is not committed."""
        row = self.model.row_of(code)
        if row < 0:
            return False
        idx = self.proxy.mapFromSource(self.model.index(row, COL_CODE))
        self.table.setCurrentIndex(idx)
        self.table.scrollTo(idx)
        return True

    # Updating ------------------------------------------------------------------------------

    def _refresh(self) -> None:
        self._refresh_count()
        self._fill_findings(self._doc.findings())

    def _refresh_count(self, *_: object) -> None:
        n = self.model.rowCount()
        self.count.setText(f"{n} measure{'s' if n != 1 else ''} committed")
        self.table_stack.setCurrentWidget(self.table if n else self.empty)

    def _fill_findings(self, findings: list[Finding]) -> None:
        if findings == self._shown_findings:
            return  # typing in the editor re-checks the plan; usually nothing changed
        self._shown_findings = findings
        style = self.style() or QApplication.style()
        scrolled = self.findings.verticalScrollBar().value()
        plan_wide = [f for f in findings if not f.code]
        per_measure = [f for f in findings if f.code]
        text = summary(findings)
        worst = (
            Severity.PROBLEM
            if any(f.severity is Severity.PROBLEM for f in findings)
            else (Severity.WARNING if findings else None)
        )
        self.readiness.setText(text if not findings else f"Readiness: {text}")
        size = self.fontMetrics().height()
        self.readiness_icon.setPixmap(style.standardIcon(_icon(worst)).pixmap(size, size))
        self.findings.clear()
        for f in plan_wide + per_measure:
            item = QListWidgetItem(style.standardIcon(_icon(f.severity)), str(f))
            item.setData(FindingCodeRole, f.code)
            kind = "Problem" if f.severity is Severity.PROBLEM else "Warning"
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{kind}: {f}")
            item.setToolTip(f"{kind}. Double-click to open the measure." if f.code else kind)
            self.findings.addItem(item)
        self.findings.setVisible(bool(findings))
        self.findings.verticalScrollBar().setValue(scrolled)

    # Activation ----------------------------------------------------------------------------

    def _table_activated(self, idx: QModelIndex) -> None:
        code = idx.siblingAtColumn(COL_CODE).data(CodeRole)
        if code:
            self.measureActivated.emit(code)

    def _finding_activated(self, item: QListWidgetItem) -> None:
        code = (item.data(FindingCodeRole) or "").split(",")[0].strip()
        if code:
            self.measureActivated.emit(code)
