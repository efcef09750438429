"""The window's shortcuts work while the cursor is in a text field.

On Linux, Qt's line edits keep Emacs keys for themselves (Ctrl+E end of line, Ctrl+B back one
character, Ctrl+F forward…), so Ctrl+E (Export) and Ctrl+B (Bid details) did nothing while the
bidder was typing. This filter lets the window have every shortcut of its own actions except
Undo and Redo (each text field keeps its own undo while typing: widgets/undo_keys.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)
_TEXT_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class WindowShortcuts(QObject):
    """Watches each text field of the window once it has the focus: a window shortcut typed
    there is not taken by the field (its ShortcutOverride is refused), so the window's action
    runs. (Filtering only text fields keeps the cost off every other event.)"""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if (
            isinstance(new, TEXT_FIELDS)
            and new.window() is self._window
            and not new.property("svplanWindowKeys")
        ):
            new.setProperty("svplanWindowKeys", True)
            new.installEventFilter(self)

    def keys(self) -> set[str]:
        """The window's shortcuts (portable text, e.g. 'Ctrl+E'), Undo and Redo left out."""
        kept = {k.toString() for std in _TEXT_KEYS for k in QKeySequence.keyBindings(std)}
        kept |= {"Ctrl+Y", "Ctrl+Z", "Ctrl+Shift+Z"}
        found = set()
        for action in self._window.actions():
            if not action.isEnabled():
                continue
            for key in action.shortcuts():
                text = key.toString()
                if text and key.count() == 1 and "Ctrl+" in text and text not in kept:
                    found.add(text)
        return found

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and QKeySequence(event.keyCombination()).toString() in self.keys()
        ):
            event.ignore()  # not the field's: the window's shortcut runs
            return True
        return False
