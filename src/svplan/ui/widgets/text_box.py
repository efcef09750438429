"""Multi-line text box: Tab moves on, edits report once per change, focus-out ends a burst."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import QDragEnterEvent, QFocusEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget


class TextBox(QPlainTextEdit):
    """QPlainTextEdit for plan text. `textEdited(str)` fires for user edits only."""

    textEdited = Signal(str)
    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, lines: int = 3, max_lines: int = 12) -> None:
        super().__init__(parent)
        self._setting = False
        self._min_lines, self._max_lines = lines, max(lines, max_lines)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)  # the document's undo stack is the one history
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._on_changed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_: object) -> None:
        """Grow with the text from `lines` up to `max_lines` lines, then scroll."""
        shown = self.document().documentLayout().documentSize().height()  # in lines here
        lines = min(max(int(shown + 0.5), self._min_lines), self._max_lines)
        margins = self.contentsMargins()
        doc_margin = int(self.document().documentMargin() * 2)
        spacing = self.fontMetrics().lineSpacing()
        self.setFixedHeight(spacing * lines + doc_margin + margins.top() + margins.bottom() + 4)

    def text(self) -> str:
        return self.toPlainText()

    def set_text(self, text: str) -> None:
        """Show text without emitting textEdited, keeping the cursor where it was (clamped)."""
        if text == self.toPlainText():
            return
        cursor = self.textCursor()
        position, anchor = cursor.position(), cursor.anchor()
        self._setting = True
        try:
            self.setPlainText(text)
        finally:
            self._setting = False
        if self.hasFocus():
            end = len(text)
            cursor = self.textCursor()
            cursor.setPosition(min(anchor, end))
            cursor.setPosition(min(position, end), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)

    def _on_changed(self) -> None:
        if not self._setting:
            self.textEdited.emit(self.toPlainText())

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        """Dropped files open as plans in the window; they are not pasted in as text."""
        return not source.hasUrls() and super().canInsertFromMimeData(source)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.ignore()
            return
        super().dragEnterEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()
