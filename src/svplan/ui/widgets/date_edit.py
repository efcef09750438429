"""A date box that may be empty ("Not set"): calendar pop-up, Delete clears, arrows start today."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from svplan.core.plan import MAX_DATE, MIN_DATE

DISPLAY_FORMAT = "d MMM yyyy"
_SENTINEL = QDate(MIN_DATE.year - 1, 12, 31)


class OptionalDateEdit(QDateEdit):
    """QDateEdit whose lowest date means 'no date'. `dateEdited(object)` carries date | None."""

    dateEdited = Signal(object)

    def __init__(self, parent: QWidget | None = None, empty_text: str = "Not set") -> None:
        super().__init__(parent)
        self._setting = False
        self.setCalendarPopup(True)
        self.setDisplayFormat(DISPLAY_FORMAT)
        self.setDateRange(_SENTINEL, QDate(MAX_DATE.year, MAX_DATE.month, MAX_DATE.day))
        self.setSpecialValueText(empty_text)
        self.setDate(_SENTINEL)
        self.setToolTip("Type a date, pick one from the calendar, or press Delete to clear it.")
        self.dateChanged.connect(self._on_changed)
        self.calendarWidget().setGridVisible(True)

    def value(self) -> dt.date | None:
        date = self.date()
        return None if date <= _SENTINEL else date.toPython()

    def set_value(self, value: dt.date | None) -> None:
        """Show a date without emitting dateEdited."""
        if value == self.value():
            return
        self._setting = True
        try:
            self.setDate(_SENTINEL if value is None else QDate(value.year, value.month, value.day))
        finally:
            self._setting = False

    def clear_value(self) -> None:
        self.setDate(_SENTINEL)

    def _on_changed(self, _date: QDate) -> None:
        if not self._setting:
            self.dateEdited.emit(self.value())

    def stepBy(self, steps: int) -> None:
        if self.value() is None:
            self.setDate(QDate.currentDate())
            return
        super().stepBy(steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        line = self.lineEdit()
        everything = line.selectedText() == line.text() or self.value() is None
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and everything:
            self.clear_value()
            event.accept()
            return
        if self.value() is None and event.text().isdigit():
            # Typing into "Not set": start from today so the sections exist, then type over.
            self.setDate(QDate.currentDate())
            self.setSelectedSection(QDateEdit.Section.DaySection)
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        if self.value() is None:
            self._setting = True
            self.setDate(QDate.currentDate())  # the calendar opens on today, not 1989
            self._setting = False
            super().mousePressEvent(event)
            if not self.calendarWidget().isVisible():
                self._setting = True
                self.setDate(_SENTINEL)
                self._setting = False
            return
        super().mousePressEvent(event)
