"""Send Ctrl+Z / Ctrl+Y typed in an editor field to the plan's undo stack, not the field's own."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack

_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class DocumentUndoKeys(QObject):
    """Event filter: in a watched field, Undo/Redo shortcuts act on the document.

    Without it a QLineEdit or spin box would undo its own typing while Edit > Undo undoes the
    plan, two histories that disagree. Install it on every input of the editor.
    """

    def __init__(self, stack_getter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack_getter = stack_getter

    def watch(self, *widgets: QObject) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            for key in _KEYS:
                if event.matches(key):
                    if kind == QEvent.Type.ShortcutOverride:
                        event.accept()  # claim the key so the field, not a shortcut, sees it
                        return True
                    stack: QUndoStack = self._stack_getter()
                    if key == QKeySequence.StandardKey.Undo:
                        stack.undo()
                    else:
                        stack.redo()
                    return True
        return False
