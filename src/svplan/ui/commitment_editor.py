"""The commitment editor: what the bidder commits to for one measure, and how they will deliver it.

It holds no plan logic: it shows the document's commitment and sends every edit to
PlanDocument (typing in one field merges into one undo step; leaving the field ends it).
"""

from __future__ import annotations

import itertools
import logging
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from svplan.core import describe
from svplan.core.catalogue import Measure, Unit
from svplan.core.edits import known_owners
from svplan.core.periods import contract_years
from svplan.core.plan import Commitment, Reporting
from svplan.ui.commitment_content import ContentFields, field_box
from svplan.ui.editor_header import EditorHeader
from svplan.ui.icons import icon
from svplan.ui.money import MoneyEditor
from svplan.ui.money_views import MoneyPanel
from svplan.ui.plan_document import PlanDocument
from svplan.ui.review_marker import ReviewMarker
from svplan.ui.risk_table import RatedRisksModel, use_rating_delegates
from svplan.ui.tables import ActionsModel, DateDelegate
from svplan.ui.target_row import TargetRow
from svplan.ui.widgets.forms import add_row, form_layout, hint_label, section_label, set_line
from svplan.ui.widgets.row_table import RowTableEditor
from svplan.ui.widgets.text_box import TextBox
from svplan.ui.widgets.undo_keys import DocumentUndoKeys
from svplan.ui.widgets.yearly_editor import YearlyEditor

MAX_FORM_WIDTH = 980
_log = logging.getLogger("svplan")


def _row_icons() -> dict[str, QIcon]:
    return {name: icon(name) for name in ("add", "remove", "up", "down")}


class CommitmentEditor(QWidget):
    """Edits the commitment for the measure shown (`show_measure(code)`)."""

    bidDetailsRequested = Signal()

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._code = ""
        self._loading = False
        self.setAccessibleName("Commitment editor")
        self._undo_keys = DocumentUndoKeys(lambda: self._doc.undo_stack, self)
        self._build()
        self._connect_document()
        self.show_measure("")

    # Building ------------------------------------------------------------------------------

    def _build(self) -> None:
        # Header: the measure, the commit switch, 'Still to do' (ui/editor_header.py).
        self.header = h = EditorHeader(self._doc)
        h.commitClicked.connect(self._on_commit_clicked)
        self.code_label, self.title_label = h.code_label, h.title_label
        self.wording_label, self.unit_label = h.wording_label, h.unit_label
        self.commit_box, self.todo_label = h.commit_box, h.todo_label

        # Not committed: how to commit, and the guidance worth reading first.
        self.uncommitted_label = hint_label()
        self.uncommitted_label.setObjectName("explain")
        self.guidance_label = hint_label()
        self.guidance_label.setAccessibleName("Guidance for this measure")
        uncommitted = QWidget()
        un_layout = QVBoxLayout(uncommitted)
        un_layout.setContentsMargins(0, 8, 0, 0)
        un_layout.addWidget(self.uncommitted_label)
        un_layout.addWidget(self.guidance_label)
        un_layout.addStretch(1)

        # Committed: the form.
        form_widget = QWidget()
        form_widget.setObjectName("commitmentForm")
        outer = QVBoxLayout(form_widget)
        outer.setContentsMargins(0, 8, 0, 0)
        outer.setSpacing(6)

        self.target_row = TargetRow()  # the unit once, refusals said, a calculator
        self.target_row.valueEdited.connect(lambda v: self._edit(target=v))
        self.target_row.editingFinished.connect(self._doc.seal_edit)
        self.target_box, self.target_unit = self.target_row.box, self.target_row.unit_label
        self.counting_label = hint_label()
        self.counting_label.setAccessibleName("How this measure is counted")
        self.yearly = YearlyEditor()
        self.yearly.valuesEdited.connect(lambda v: self._edit(yearly=v))
        self.yearly.editingFinished.connect(self._doc.seal_edit)
        self.yearly.bidDetailsRequested.connect(self.bidDetailsRequested)

        target_form = form_layout()
        target_field = QVBoxLayout()
        target_field.setSpacing(4)
        target_field.addWidget(self.target_row)
        target_field.addWidget(self.counting_label)
        add_row(target_form, "&Target:", target_field, buddy=self.target_box)
        target_form.addRow("Each year:", self.yearly)
        self.review_marker = ReviewMarker(self._doc)  # figures scaled from a past bid
        target_form.addRow("", self.review_marker)
        self.money_panel = MoneyPanel(MoneyEditor.of(self._doc))  # £ (docs/money.md)
        target_form.addRow("Proxy value:", self.money_panel)

        self.owner_edit = QLineEdit()
        self.owner_edit.setAccessibleName("Owner")
        self.owner_edit.setPlaceholderText("The person or team responsible, e.g. HR Manager")
        self.owner_edit.setMaxLength(500)
        self.owner_edit.textEdited.connect(lambda t: self._edit(owner=t))
        self.owner_edit.editingFinished.connect(self._doc.seal_edit)
        self._owners = QStringListModel(self)
        completer = QCompleter(self._owners, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.owner_edit.setCompleter(completer)
        self.resources_edit = self._text_box(
            "Resources",
            "resources",
            "People, budget and tools you will put in, e.g. "
            "HR advisor one day a week; £4,000 a year recruitment budget",
        )
        self.actions_model = ActionsModel(lambda rows: self._edit(actions=rows), self)
        self.actions = RowTableEditor(
            self.actions_model, "action", stretch=(0,), icons=_row_icons()
        )
        due = DateDelegate(self.actions.view, lambda: self._doc.plan.bid.start)
        due.problem.connect(self.actions.show_problem)  # a due date that is not a date: why
        self.actions.view.setItemDelegateForColumn(1, due)
        # Due ("31 May 2027") and owner narrow enough that the action's words have room
        self.actions.view.horizontalHeader().resizeSection(1, 100)
        self.actions.view.horizontalHeader().resizeSection(2, 130)
        self.actions.rowsEdited.connect(self._doc.seal_edit)
        self.partners_label = hint_label()
        self.partners_label.setAccessibleName("Delivery partners")

        how_form = form_layout()
        add_row(how_form, "&Owner:", self.owner_edit)
        add_row(how_form, "&Resources:", self.resources_edit)
        add_row(how_form, "&Actions:", self.actions, buddy=self.actions.view)
        how_form.addRow("Partners:", self.partners_label)

        self.evidence_edit = self._text_box("Evidence", "evidence", "")
        self.reporting_combo = QComboBox()
        self.reporting_combo.setAccessibleName("Reporting frequency")
        self.reporting_combo.addItem("Not set", None)
        for option in Reporting:
            self.reporting_combo.addItem(option.label, option)
        self.reporting_combo.activated.connect(self._on_reporting)
        self.reporting_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        monitor_form = form_layout()
        add_row(monitor_form, "Eviden&ce:", self.evidence_edit)
        reporting_row = QHBoxLayout()
        reporting_row.addWidget(self.reporting_combo)
        reporting_row.addStretch(1)
        add_row(monitor_form, "Re&porting:", reporting_row, buddy=self.reporting_combo)

        self.risks_model = RatedRisksModel(lambda rows: self._edit(risks=rows), self)
        self.risks = RowTableEditor(
            self.risks_model, "risk", movable=False, stretch=(0, 4), icons=_row_icons()
        )
        use_rating_delegates(self.risks.view, self.risks_model)  # likelihood, impact
        self.risks.rowsEdited.connect(self._doc.seal_edit)
        self.notes_edit = self._text_box("Notes", "notes", "Anything else worth recording")
        risk_form = form_layout()
        add_row(risk_form, "Ris&ks:", self.risks, buddy=self.risks.view)
        add_row(risk_form, "&Notes:", self.notes_edit)

        outer.addWidget(section_label("Target"))
        outer.addLayout(target_form)
        outer.addWidget(section_label("Delivery"))
        outer.addLayout(how_form)
        self.content = ContentFields(self._doc)  # approach (suggestions to adopt), baseline ...
        outer.addWidget(section_label("Approach and additionality"))
        outer.addWidget(self.content)
        outer.addWidget(section_label("Monitoring"))
        outer.addLayout(monitor_form)
        outer.addWidget(section_label("Risks and notes"))
        outer.addLayout(risk_form)
        outer.addStretch(1)
        self.content.align_with([target_form, how_form, monitor_form, risk_form])

        self.body = QStackedWidget()
        self.body.addWidget(uncommitted)
        self.body.addWidget(form_widget)
        self._uncommitted_page, self._form_page = uncommitted, form_widget

        content = QWidget()
        content.setObjectName("editorContent")
        content.setMaximumWidth(MAX_FORM_WIDTH)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(20, 16, 20, 20)
        content_layout.addWidget(self.header)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("rule")
        content_layout.addWidget(line)
        content_layout.addWidget(self.body, 1)

        holder = QWidget()
        holder.setObjectName("editorHolder")
        holder_layout = QHBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(content, 1)
        holder_layout.addStretch(0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(holder)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.empty_label = QLabel(
            "Choose a measure on the left to see what it counts and to commit to it."
        )
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_label)
        self.pages.addWidget(self.scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header.undo_bar)  # 'Removed NT8 – Undo', above the scrolling
        layout.addWidget(self.pages)

        self._undo_keys.watch(
            self.target_box,
            self.owner_edit,
            self.resources_edit,
            self.evidence_edit,
            self.notes_edit,
            *self.yearly.boxes,
        )
        self._apply_tab_order()

    def _apply_tab_order(self) -> None:
        """Tab goes down the form in reading order, through the year boxes that exist now."""
        yearly = self.yearly
        order: list[QWidget] = [self.commit_box, *self.target_row.tab_chain(), *yearly.boxes]
        order.append(yearly.spread_button if yearly.boxes else yearly.bid_button)
        order += [self.owner_edit, self.resources_edit]
        order += self._table_chain(self.actions)
        order += [self.evidence_edit, self.reporting_combo]
        order += self._table_chain(self.risks)
        order.append(self.notes_edit)
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    @staticmethod
    def _table_chain(table: RowTableEditor) -> list[QWidget]:
        chain: list[QWidget] = [table.view, table.add_button, table.remove_button]
        if table.up_button.parent() is not None and not table.up_button.isHidden():
            chain += [table.up_button, table.down_button]
        return chain

    def _text_box(self, name: str, field: str, placeholder: str) -> TextBox:
        return field_box(self._edit, self._doc.seal_edit, field, name, placeholder, lines=3)

    def _connect_document(self) -> None:
        doc = self._doc
        doc.commitmentChanged.connect(self._on_commitment_changed)
        doc.commitmentsChanged.connect(self._reload)
        doc.bidChanged.connect(self._reload)
        doc.planReset.connect(self._on_reset)
        doc.findingsChanged.connect(self._update_todo)

    # Public --------------------------------------------------------------------------------

    @property
    def code(self) -> str:
        return self._code

    def show_measure(self, code: str) -> None:
        """Show a measure ('' or an unknown code shows the empty state)."""
        if code and self._doc.catalogue.has_measure(code):
            self._code = self._doc.catalogue.measure(code).code
        else:
            self._code = ""
        if self._code:
            self._doc.seal_edit()
        self._reload()
        self.scroll.verticalScrollBar().setValue(0)

    def commit_pending(self) -> None:
        """Store any table cell still being edited and end the typing burst."""
        self.actions.commit_pending()
        self.risks.commit_pending()
        self._doc.seal_edit()

    def focus_first_field(self) -> None:
        """Put the cursor where work starts: the target when committed, else the commit box."""
        if not self._code:
            return
        if self._doc.is_committed(self._code):
            self.target_box.setFocus(Qt.FocusReason.OtherFocusReason)
            self.target_box.selectAll()
        else:
            self.commit_box.setFocus(Qt.FocusReason.OtherFocusReason)

    # Showing ---------------------------------------------------------------------------------

    def _on_commitment_changed(self, code: str) -> None:
        if code.upper() == self._code.upper():
            self._reload()

    def _on_reset(self) -> None:
        if self._code and not self._doc.catalogue.has_measure(self._code):
            self._code = ""
        self._reload()

    def _reload(self) -> None:
        if not self._code:
            self.pages.setCurrentWidget(self.empty_label)
            return
        self.pages.setCurrentWidget(self.scroll)
        measure = self._doc.catalogue.measure(self._code)
        unit = self._doc.catalogue.unit(measure.unit)
        commitment = self._doc.commitment(self._code)
        self._loading = True
        try:
            self.header.show_measure(self._doc.catalogue, measure, commitment is not None)
            if commitment is None:
                self.body.setCurrentWidget(self._uncommitted_page)
                self._show_uncommitted(measure)
            else:
                self.body.setCurrentWidget(self._form_page)
                self._show_commitment(measure, unit, commitment)
        finally:
            self._loading = False
        self._update_todo()

    def _show_uncommitted(self, measure: Measure) -> None:
        how, guidance = describe.not_committed(measure)
        self.uncommitted_label.setText(how)
        self.guidance_label.setText(guidance)
        self.guidance_label.setVisible(bool(guidance))

    def _show_commitment(self, measure: Measure, unit: Unit, c: Commitment) -> None:
        self.target_row.show_target(unit, c.target, measure.code)
        self.counting_label.setText(measure.counting)
        self.counting_label.setVisible(bool(measure.counting))
        count = len(self.yearly.boxes)
        bid = self._doc.plan.bid
        dates = [y.dates for y in contract_years(bid.start, bid.months)]  # under each Year
        self.yearly.configure(unit, bid.years, len(c.yearly or []), dates)
        if len(self.yearly.boxes) != count:
            self._undo_keys.watch(*self.yearly.boxes)
            self._apply_tab_order()
        self.yearly.set_values(c.yearly, c.target)
        self.review_marker.show_measure(measure.code)
        self.money_panel.show_measure(measure.code)

        set_line(self.owner_edit, c.owner)
        typed = c.owner.strip().casefold()  # never offer back exactly what was just typed
        self._owners.setStringList(
            [o for o in known_owners(self._doc.plan) if o.strip().casefold() != typed]
        )
        self.resources_edit.set_text(c.resources)
        self.actions_model.set_rows(c.actions)
        self.partners_label.setText(describe.partners_note(self._doc.catalogue, measure, c))
        self.content.show_commitment(measure, c)
        self.evidence_edit.set_text(c.evidence)
        self.evidence_edit.setPlaceholderText(
            unit.evidence or "What you will keep to prove delivery"
        )
        index = self.reporting_combo.findData(c.reporting)
        self.reporting_combo.setCurrentIndex(max(index, 0))
        self.risks_model.set_rows(c.risks)
        self.notes_edit.set_text(c.notes)

    def _update_todo(self) -> None:
        self.header.update_todo(self._code)

    # Editing ------------------------------------------------------------------------------------

    def _edit(self, **fields: Any) -> None:
        if self._loading or not self._code or not self._doc.is_committed(self._code):
            return
        try:
            self._doc.update_commitment(self._code, **fields)
        except ValueError:  # the widgets keep values in range; never lose the form over one
            _log.warning("ignored an invalid edit of %s", ", ".join(fields))
            self._reload()

    def _on_commit_clicked(self, checked: bool) -> None:
        if self._code:
            self._doc.seal_edit()
            self._doc.set_committed(self._code, checked)

    def _on_reporting(self, index: int) -> None:
        self._edit(reporting=self.reporting_combo.itemData(index))
        self._doc.seal_edit()
