"""The two panels under the delivery grid: the selected cell (note and evidence of one actual)
and the selected commitment (status, how its profile is worked out, recovery actions,
variations and the progress chart). Edits go through the DeliveryEditor (undo path)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from svplan.core.dates import format_date
from svplan.core.delivery import DeliveryError, percent
from svplan.core.periods import Period
from svplan.core.personal import NEW_STARTER_HINT, holds_people, postcode_warning
from svplan.core.plan import Evidence, RecoveryAction
from svplan.ui.delivery_editor import DeliveryEditor
from svplan.ui.models.evidence import EvidenceModel
from svplan.ui.progress_chart import ProgressChart
from svplan.ui.tables import DateDelegate
from svplan.ui.widgets.forms import hint_label, section_label
from svplan.ui.widgets.row_table import RowTableEditor
from svplan.ui.widgets.text_box import TextBox

WARNING_STYLE = "color: #9c4a00;"


class CellPanel(QWidget):
    """Note and evidence for one commitment in one quarter."""

    problem = Signal(str)  # a refused edit: one sentence for a message box

    def __init__(self, editor: DeliveryEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._code = ""
        self._period: Period | None = None
        self.title = section_label("Select a quarter in the grid")
        self.summary = hint_label()
        self.note = TextBox(self, lines=2, max_lines=6)
        self.note.setAccessibleName("Note on this quarter")
        self.note.setPlaceholderText("What happened this quarter (no names)")
        self.note.textEdited.connect(self._note_edited)
        self.note.editingFinished.connect(editor.document.seal_edit)
        self.evidence_model = EvidenceModel(self._evidence_edited, self.problem.emit, self)
        self.evidence = RowTableEditor(self.evidence_model, "evidence item", movable=False)
        self.evidence.view.setItemDelegateForColumn(1, DateDelegate(self.evidence.view))
        self.people_hint = hint_label(NEW_STARTER_HINT)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setAccessibleName("Personal data warning")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.title,
            self.summary,
            QLabel("Note:"),
            self.note,
            QLabel("Evidence (referenced, not copied):"),
            self.evidence,
            self.people_hint,
            self.warning,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.show_cell("", None)

    @property
    def period(self) -> Period | None:
        """The quarter shown (None: no quarter is selected)."""
        return self._period

    def show_cell(self, code: str, period: Period | None) -> None:
        self._code, self._period = code, period
        self.refresh()

    def refresh(self) -> None:
        code, period = self._code, self._period
        catalogue = self._editor.catalogue
        found = self._editor.actual(code, period.key) if code and period else None
        usable = found is not None
        if not code or period is None:
            self.title.setText("Select a quarter in the grid")
            self.summary.setText("")
        else:
            self.title.setText(f"{code} · {period.label}")
            self.summary.setText(self._summary(code, period, found))
        self.note.setEnabled(usable)
        self.evidence.setEnabled(usable)
        self.note.setPlaceholderText(
            "What happened this quarter (no names)"
            if usable
            else "Type the actual in the grid first; the note and evidence go with it"
        )
        if not self.note.hasFocus() or not usable:
            self.note.set_text(found.note if found else "")
        people = catalogue.has_measure(code) and holds_people(catalogue.measure(code).unit)
        self.evidence_model.set_people(bool(people))
        self._stretch()
        self.evidence_model.set_rows(found.evidence if found else [])
        self.people_hint.setVisible(bool(people))
        self._warn()

    def _stretch(self) -> None:
        """The text columns (what, reference) take the room; dates and hours fit their text."""
        header = self.evidence.view.horizontalHeader()
        for i, column in enumerate(self.evidence_model.columns):
            wide = column.field in ("what", "reference")
            header.setSectionResizeMode(
                i,
                QHeaderView.ResizeMode.Stretch if wide else QHeaderView.ResizeMode.ResizeToContents,
            )

    def _summary(self, code: str, period: Period, found) -> str:  # type: ignore[no-untyped-def]
        row = next((s for s in self._editor.status().commitments if s.code == code), None)
        match = next((q for q in row.quarters if q.period == period), None) if row else None
        if row is None or match is None:
            return "Nothing is rated for this quarter yet (no actual in it or later)."
        due = "Level due" if row.level_measure else "Profile to date"
        done = "level reported" if row.level_measure else "actual to date"
        level = match.level.value if match.level else "Not rated"
        return (
            f"{due} {row.format(match.to_date)}; {done} {row.format(match.cumulative)} "
            f"({percent(match.ratio)}): {level}."
        )

    def _note_edited(self, text: str) -> None:
        try:
            self._editor.set_note(self._code, self._period.key if self._period else "", text)
        except DeliveryError as exc:
            self.problem.emit(exc.message)
        self._warn()

    def _evidence_edited(self, rows: list[Evidence]) -> None:
        try:
            self._editor.set_evidence(self._code, self._period.key if self._period else "", rows)
        except DeliveryError as exc:
            self.problem.emit(exc.message)

    def _warn(self) -> None:
        texts = [("the note", self.note.text())]
        for i, e in enumerate(self.evidence_model.rows(), 1):
            texts += [(f"evidence {i}", f"{e.what} {e.reference} {e.area}")]
        found = next((w for where, t in texts if (w := postcode_warning(t, where))), None)
        self.warning.setText(found or "")
        self.warning.setVisible(bool(found))

    def commit_pending(self) -> None:
        self.evidence.commit_pending()


class CommitmentPanel(QWidget):
    """Status, profile basis, recovery actions, variations and the progress chart."""

    recoveryRequested = Signal()
    variationRequested = Signal()

    def __init__(self, editor: DeliveryEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._code = ""
        self.title = section_label("")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.basis = hint_label()
        self.chart = ProgressChart(self)
        self.recovery = QLabel(self)
        self.recovery.setWordWrap(True)
        self.recovery.setTextFormat(Qt.TextFormat.PlainText)
        self.variations = QLabel(self)
        self.variations.setWordWrap(True)
        self.variations.setTextFormat(Qt.TextFormat.PlainText)
        self.add_recovery = QPushButton("Add &recovery action…", self)
        self.add_recovery.clicked.connect(self.recoveryRequested)
        self.add_variation = QPushButton("Record &variation…", self)
        self.add_variation.clicked.connect(self.variationRequested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.status, self.basis, self.chart, self.recovery):
            layout.addWidget(widget)
        layout.addWidget(self.add_recovery)
        layout.addWidget(self.variations)
        layout.addWidget(self.add_variation)
        layout.addStretch(1)
        self.show_commitment("")

    @property
    def code(self) -> str:
        return self._code

    def show_commitment(self, code: str) -> None:
        self._code = code
        self.refresh()

    def refresh(self) -> None:
        code = self._code
        row = next((s for s in self._editor.status().commitments if s.code == code), None)
        awarded = self._editor.is_awarded()
        self.add_recovery.setEnabled(awarded and bool(code))
        self.add_variation.setEnabled(awarded and bool(code))
        self.title.setText(code or "Select a commitment")
        self.chart.set_status(row)
        if row is None or not awarded:
            self.status.setText("" if awarded or not code else "The plan is not awarded yet.")
            self.basis.setText("")
            self.recovery.setText("")
            self.variations.setText("")
            return
        now = row.now
        if now is None:
            self.status.setText("Not rated yet: no actuals are recorded.")
        else:
            needs = " A recovery action is needed." if row.needs_recovery else ""
            self.status.setText(f"{row.label} at the end of {now.period.key}.{needs}")
        self.basis.setText(f"Profile: {row.effective.basis}.")
        actions = [
            r for r in self._editor.plan.delivery.recovery if r.measure.upper() == code.upper()
        ]
        self.recovery.setText(
            "Recovery actions:\n" + "\n".join(_recovery_line(r) for r in actions)
            if actions
            else "No recovery actions."
        )
        changes = row.effective.variations
        self.variations.setText(
            "Variations:\n" + "\n".join(f"• {format_date(v.date)}: {v.reason}" for v in changes)
            if changes
            else "No variations: the target is as awarded."
        )


def _recovery_line(r: RecoveryAction) -> str:
    bits = [b for b in (r.owner, f"by {format_date(r.due)}" if r.due else "") if b]
    return f"• {r.quarter}: {r.action}" + (f" ({', '.join(bits)})" if bits else "")
