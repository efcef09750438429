"""The Answer view (a workspace tab): the tender answer within its limits, and Portal entries.

Left: word and character limits, the answer (composed from the plan, or the bidder's own edited
text, which the plan keeps), a live count as Word counts, Copy (plain text and HTML) and Compose
again (asks before replacing edits). Right: one commitment at a time as the Social Value Portal's
form asks for it, with "Copy for the portal". Composition and counting are core's (core.answer,
core.portal, core.wordcount); this widget only shows them and passes edits to AnswerEditor.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from svplan.core.answer import blocks_html, compose, text_blocks
from svplan.core.portal import DEFAULT_PORTAL_CHARS, entries, entry_text
from svplan.core.wordcount import count, fits
from svplan.ui.answer_editor import AnswerEditor
from svplan.ui.glossary_tips import explain
from svplan.ui.plan_document import PlanDocument
from svplan.ui.widgets.undo_keys import DocumentUndoKeys

REFRESH_MS = 150
SEAL_MS = 1500  # a pause in typing ends one undo step
OVER = "color: #b00020;"


def _limit_box(name: str, maximum: int, step: int) -> QSpinBox:
    box = QSpinBox()
    box.setAccessibleName(name)
    box.setRange(0, maximum)
    box.setSingleStep(step)
    box.setSpecialValueText("No limit")
    box.setGroupSeparatorShown(True)
    box.setKeyboardTracking(False)
    box.setMinimumWidth(110)
    return box


class AnswerView(QWidget):
    """The tender answer and the Portal entries for the open plan."""

    status = Signal(str, int)

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self.editor = AnswerEditor.of(document)
        self._loading = False
        self._notes: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._seal = QTimer(self)
        self._seal.setSingleShot(True)
        self._seal.setInterval(SEAL_MS)
        self._seal.timeout.connect(document.seal_edit)
        self._build()
        self._undo_keys = DocumentUndoKeys(lambda: document.undo_stack, self)
        self._undo_keys.watch(self.text_edit, self.words_box, self.chars_box, self.portal_box)
        self.editor.changed.connect(self._schedule)
        document.findingsChanged.connect(self._schedule)  # follows every edit, undo and redo
        document.planReset.connect(self._schedule)
        self.refresh()

    # Building -----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.words_box = _limit_box("Word limit", 100_000, 50)
        self.chars_box = _limit_box("Character limit", 1_000_000, 500)
        for box in (self.words_box, self.chars_box):
            box.valueChanged.connect(self._limits_edited)
        self.compose_button = QPushButton("Compose &again")
        self.compose_button.setToolTip("Replace your edited text with one composed from the plan")
        self.compose_button.clicked.connect(self.compose_again)
        self.copy_button = QPushButton("&Copy answer")
        self.copy_button.setToolTip("Copy as plain text and as formatted text (Word, portals)")
        self.copy_button.clicked.connect(self.copy_answer)
        limits = QHBoxLayout()
        limits.addWidget(QLabel("&Words:", buddy=self.words_box))
        limits.addWidget(self.words_box)
        limits.addSpacing(12)
        limits.addWidget(QLabel("C&haracters:", buddy=self.chars_box))
        limits.addWidget(self.chars_box)
        limits.addStretch(1)
        limits.addWidget(self.compose_button)
        limits.addWidget(self.copy_button)

        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName("Tender answer")
        self.text_edit.setUndoRedoEnabled(False)  # the window's Undo (the plan's stack) undoes
        self.text_edit.textChanged.connect(self._text_edited)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Word and character count")
        self.note_label = QLabel()
        self.note_label.setObjectName("hint")
        self.note_label.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>Tender answer</b> — the method statement, composed from your plan")
        left_layout.addWidget(title)
        left_layout.addLayout(limits)
        left_layout.addWidget(self.text_edit, 1)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.note_label)

        self.measure_combo = QComboBox()
        self.measure_combo.setAccessibleName("Measure to copy for the portal")
        self.measure_combo.currentIndexChanged.connect(self._show_entry)
        self.portal_box = _limit_box("Portal text limit", 100_000, 100)
        self.portal_box.setSpecialValueText(f"{DEFAULT_PORTAL_CHARS:,} (default)")
        self.portal_box.setMinimumWidth(140)
        self.portal_box.setToolTip("Characters for each measure's description in the Portal")
        self.portal_box.valueChanged.connect(self._portal_limit_edited)
        self.entry_view = QPlainTextEdit()
        self.entry_view.setReadOnly(True)
        self.entry_view.setAccessibleName("Portal entry")
        self.portal_button = QPushButton("Copy for the &portal")
        self.portal_button.clicked.connect(self.copy_for_portal)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("<b>Social Value Portal</b> — one measure at a time"))
        row = QHBoxLayout()
        row.addWidget(self.measure_combo, 1)
        row.addWidget(QLabel("&Text limit:", buddy=self.portal_box))
        row.addWidget(self.portal_box)
        right_layout.addLayout(row)
        right_layout.addWidget(self.entry_view, 1)
        right_layout.addWidget(self.portal_button, 0, Qt.AlignmentFlag.AlignRight)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # Showing ------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def _schedule(self, *_: object) -> None:
        self._timer.start()

    def current_text(self) -> str:
        return self.text_edit.toPlainText()

    def refresh(self) -> None:
        """Show the plan's answer: the bidder's edits, else a composition within the limits."""
        self._timer.stop()
        answer = self._doc.plan.answer
        self._loading = True
        try:
            self._set_box(self.words_box, answer.words)
            self._set_box(self.chars_box, answer.chars)
            self._set_box(self.portal_box, answer.portal_chars)
            if answer.edited:
                text, self._notes = answer.text, []
            else:
                composed = compose(
                    self._doc.plan, self._doc.catalogue, words=answer.words, chars=answer.chars
                )
                text, self._notes = composed.text, composed.shortened
            if text != self.text_edit.toPlainText():
                self.text_edit.setPlainText(text)
        finally:
            self._loading = False
        self.compose_button.setEnabled(answer.edited)
        self._update_count()
        self._fill_measures()

    @staticmethod
    def _set_box(box: QSpinBox, value: int | None) -> None:
        if box.value() != (value or 0):
            box.setValue(value or 0)

    def _update_count(self) -> None:
        answer = self._doc.plan.answer
        text = self.current_text()
        explain(self.text_edit, "Abbreviations in this answer:", text)  # FTE-years, VCSE…
        c = count(text)
        limits = []
        if answer.words:
            limits.append(f"{answer.words:,} words")
        if answer.chars:
            limits.append(f"{answer.chars:,} characters")
        shown = c.label() + (f" — limit {' and '.join(limits)}" if limits else "")
        over = not fits(text, answer.words, answer.chars)
        if over:
            shown += " — over the limit"
        if answer.chars and c.length != c.chars:
            shown += f" ({c.length:,} characters counting line breaks as a web form does)"
        self.count_label.setText(shown)
        self.count_label.setStyleSheet(OVER if over else "")
        if answer.edited:
            note = "Your edited answer: the plan keeps it. Compose again to start afresh."
        elif self._notes:
            note = "Composed from the plan and shortened to fit: " + "; ".join(self._notes) + "."
        else:
            note = "Composed from the plan. Type to edit it: your text is kept in the plan."
        self.note_label.setText(note)

    def _fill_measures(self) -> None:
        current = self.measure_combo.currentData()
        codes = [c.measure for c in self._doc.plan.commitments]
        known = [self.measure_combo.itemData(i) for i in range(self.measure_combo.count())]
        if known != codes:
            self.measure_combo.blockSignals(True)
            self.measure_combo.clear()
            cat = self._doc.catalogue
            for code in codes:
                short = cat.measure(code).short if cat.has_measure(code) else ""
                self.measure_combo.addItem(f"{code} {short}".strip(), code)
            index = codes.index(current) if current in codes else 0
            self.measure_combo.setCurrentIndex(index if codes else -1)
            self.measure_combo.blockSignals(False)
        self._show_entry()

    def _entry_text(self) -> str:
        code = self.measure_combo.currentData()
        if not code:
            return ""
        plan = self._doc.plan
        for entry in entries(plan, self._doc.catalogue):
            if entry.code.upper() == str(code).upper():
                return entry_text(entry, plan)
        return ""

    def _show_entry(self, *_: object) -> None:
        text = self._entry_text()
        self.entry_view.setPlainText(text or "Tick a measure to see its Portal entry.")
        self.portal_button.setEnabled(bool(text))

    # Editing ------------------------------------------------------------------------------------

    def _text_edited(self) -> None:
        if self._loading:
            return
        self.editor.set_text(self.current_text())
        self._seal.start()
        self.compose_button.setEnabled(True)
        self._update_count()

    def _limits_edited(self, *_: object) -> None:
        if self._loading:
            return
        words, chars = self.words_box.value() or None, self.chars_box.value() or None
        self.editor.set_limits(words, chars)

    def _portal_limit_edited(self, *_: object) -> None:
        if not self._loading:
            self.editor.set_portal_chars(self.portal_box.value() or None)

    def compose_again(self) -> bool:
        """Replace the bidder's edits with a composition, after asking."""
        from svplan.ui.tender_dialogs import confirm_recompose

        if not self._doc.plan.answer.edited or not confirm_recompose(self):
            return False
        self.editor.discard_edits()
        self.refresh()
        return True

    def copy_answer(self) -> None:
        """Plain text and rich text (HTML) on the clipboard, for portals and for Word."""
        text = self.current_text()
        data = QMimeData()
        data.setText(text)
        data.setHtml(blocks_html(self._blocks(text)))
        QGuiApplication.clipboard().setMimeData(data)
        self.status.emit(f"Answer copied: {count(text).label()}", 4000)

    def _blocks(self, text: str):  # type: ignore[no-untyped-def]
        answer = self._doc.plan.answer
        if not answer.edited:
            composed = compose(
                self._doc.plan, self._doc.catalogue, words=answer.words, chars=answer.chars
            )
            if composed.text == text:
                return composed.blocks  # headings stay headings in Word
        return text_blocks(text)

    def copy_for_portal(self) -> None:
        text = self._entry_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.status.emit(f"Copied {self.measure_combo.currentData()} for the portal", 4000)
