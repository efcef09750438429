"""Date fields that read what the user types (core.dates.parse_date) and never guess.

`DateLine` is a line edit: type "15 Oct 2027", "15/10/2027", "2027-10-15"…; Enter or leaving the
field stores it and shows it back as "15 Oct 2027". Text that is not a date is refused with a
one-line reason (`problemChanged`) and the previous date stays: on leaving the field the text goes
back to it. Empty text means no date. The calendar button (or Alt+Down, F4) opens a calendar at
the date shown, else at `calendar_start` (the contract start), and only then at today.

`OptionalDateEdit` is a DateLine with its reason shown next to it, for forms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from svplan.core.dates import DateError, format_date, parse_optional_date
from svplan.core.plan import MAX_DATE, MIN_DATE
from svplan.ui.widgets import ICONS

StartFn = Callable[[], dt.date | None]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class DateLine(QLineEdit):
    """A date typed as text. `dateEdited(object)` carries date | None, for user edits only."""

    dateEdited = Signal(object)
    problemChanged = Signal(str)  # one line saying why the text was refused; '' when fine

    def __init__(self, parent: QWidget | None = None, empty_text: str = "Not set") -> None:
        super().__init__(parent)
        self._value: dt.date | None = None
        self._problem = ""
        self._calendar_start: StartFn = lambda: None
        self.popup: _CalendarPopup | None = None
        self.empty_text = empty_text
        self.setPlaceholderText(empty_text)
        self.setMaxLength(60)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("30 Sep 2027") + 36)
        self.setToolTip(
            "Type a date such as 15/10/2027 or 15 Oct 2027, or pick one from the calendar "
            "(Alt+Down). Empty the box for no date."
        )
        found = ICONS.get("calendar") or self.style().standardIcon(
            QStyle.StandardPixmap.SP_FileDialogDetailedView
        )
        self.calendar_action = self.addAction(found, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip("Pick a date from the calendar (Alt+Down)")
        self.calendar_action.triggered.connect(self.open_calendar)

    # Value -------------------------------------------------------------------------------------

    def value(self) -> dt.date | None:
        """The date stored (text still being typed is not a value until Enter or leaving)."""
        return self._value

    def set_value(self, value: dt.date | None) -> None:
        """Show a date without emitting dateEdited (and forget any refused text)."""
        self._value = value
        self.setText(format_date(value))
        self._set_problem("")

    def clear_value(self) -> None:
        self.set_value(None)

    def problem(self) -> str:
        return self._problem

    def set_calendar_start(self, start: StartFn | dt.date | None) -> None:
        """Where the calendar opens when there is no date yet (the contract start)."""
        self._calendar_start = start if callable(start) else (lambda: start)

    def read(self) -> tuple[bool, dt.date | None]:
        """(True, date) for the text as typed, or (False, the date kept) after saying why."""
        text = self.text().strip()
        if text == format_date(self._value):
            self._set_problem("")
            return True, self._value
        try:
            day = parse_optional_date(text)
            if day is not None and not MIN_DATE <= day <= MAX_DATE:
                raise DateError(
                    f"'{text}': the year must be between {MIN_DATE.year} and {MAX_DATE.year}"
                )
        except DateError as exc:
            kept = format_date(self._value, self.empty_text.lower())
            self._set_problem(f"{_sentence(str(exc))}. Still {kept}.")
            return False, self._value
        self._set_problem("")
        return True, day

    def commit(self, leaving: bool = False) -> bool:
        """Store the text as typed (emitting dateEdited if it changed). Refused text stays on
        screen for correcting, or, when the user is `leaving`, goes back to the date kept."""
        ok, day = self.read()
        if not ok:
            if leaving:
                self.setText(format_date(self._value))
            return False
        changed = day != self._value
        self._value = day
        if self.text() != format_date(day):
            self.setText(format_date(day))
        if changed:
            self.dateEdited.emit(day)
        return True

    def require(self) -> dt.date | None:
        """The date typed, stored; None (with the reason shown) when it is not a date or empty."""
        if not self.commit():
            return None
        if self._value is None:
            self._set_problem("A date is needed here: type one such as 15/10/2027")
        return self._value

    def _set_problem(self, text: str) -> None:
        if text == self._problem:
            return
        self._problem = text
        self.setProperty("invalid", bool(text))
        self.style().unpolish(self)
        self.style().polish(self)
        self.problemChanged.emit(text)

    # Keys and focus ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.open_calendar()
            event.accept()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not alt and self._step(key):
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
        super().keyPressEvent(event)

    def _step(self, key: Qt.Key) -> bool:
        """Up/Down move a stored date by a day (only when the text shows it)."""
        if self._value is None or self.text().strip() != format_date(self._value):
            return False
        day = self._value + dt.timedelta(days=1 if key == Qt.Key.Key_Up else -1)
        if MIN_DATE <= day <= MAX_DATE:
            self._value = day
            self.setText(format_date(day))
            self.dateEdited.emit(day)
        return True

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self.popup is None or not self.popup.isVisible():
            self.commit(leaving=True)
        super().focusOutEvent(event)

    # The calendar ------------------------------------------------------------------------------

    def calendar_opens_at(self) -> dt.date:
        """The month the calendar shows first: the date, else the contract start, else today."""
        ok, day = self.read()
        return (day if ok else None) or self._value or self._calendar_start() or dt.date.today()

    def open_calendar(self) -> None:
        if self.popup is None:
            self.popup = _CalendarPopup(self)
            self.popup.picked.connect(self._picked)
        self.popup.show_at(self, self.calendar_opens_at(), self._value)

    def _picked(self, day: dt.date) -> None:
        changed = day != self._value
        self.set_value(day)
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        if changed:
            self.dateEdited.emit(day)


class _CalendarPopup(QFrame):
    """A calendar in a pop-up under the field; a click, Enter or Space picks, Escape closes."""

    picked = Signal(object)

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setDateRange(_qdate(MIN_DATE), _qdate(MAX_DATE))
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setAccessibleName("Calendar")
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def show_at(self, field: QWidget, page: dt.date, selected: dt.date | None) -> None:
        self.calendar.setSelectedDate(_qdate(selected or page))
        self.calendar.setCurrentPage(page.year, page.month)
        self.adjustSize()
        where = field.mapToGlobal(QPoint(0, field.height()))
        screen = QApplication.screenAt(where) or QApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            where.setX(max(area.left(), min(where.x(), area.right() - self.width())))
            if where.y() + self.height() > area.bottom():
                where.setY(field.mapToGlobal(QPoint(0, 0)).y() - self.height())
        self.move(where)
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def shown_month(self) -> tuple[int, int]:
        return self.calendar.yearShown(), self.calendar.monthShown()

    def _pick(self, date: QDate) -> None:
        self.hide()
        self.picked.emit(date.toPython())


class OptionalDateEdit(QWidget):
    """A DateLine with the reason for refused text shown next to it (for forms and dialogs)."""

    dateEdited = Signal(object)
    problemChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, empty_text: str = "Not set") -> None:
        super().__init__(parent)
        self.line = DateLine(self, empty_text)
        self.message = QLabel(self)
        self.message.setObjectName("fieldProblem")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.message.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.line)
        layout.addWidget(self.message, 1)
        self.setFocusProxy(self.line)
        self.line.dateEdited.connect(self.dateEdited)
        self.line.problemChanged.connect(self._on_problem)

    def _on_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.line.setAccessibleDescription(text)
        self.problemChanged.emit(text)

    # The DateLine's API ------------------------------------------------------------------------

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def value(self) -> dt.date | None:
        return self.line.value()

    def set_value(self, value: dt.date | None) -> None:
        self.line.set_value(value)

    def clear_value(self) -> None:
        self.line.clear_value()

    def text(self) -> str:
        return self.line.text()

    def lineEdit(self) -> DateLine:
        return self.line

    def problem(self) -> str:
        return self.line.problem()

    def commit(self) -> bool:
        """Store the text typed; False (with the reason shown) if it is not a date."""
        return self.line.commit()

    def require(self) -> dt.date | None:
        """The date typed; None, with the reason next to the field, when there is none."""
        return self.line.require()

    def set_calendar_start(self, start: StartFn | dt.date | None) -> None:
        self.line.set_calendar_start(start)

    def open_calendar(self) -> None:
        self.line.open_calendar()

    @property
    def popup(self) -> _CalendarPopup | None:
        return self.line.popup
