"""A number box that may also be empty ("Not set"), shown in a unit's format (£, FTE, %).

What it cannot take is never turned into another number: "-5", letters, too many decimals or a
figure above the unit's maximum stay on screen, marked, with the reason (`problemChanged`), and
leaving the box puts back the figure it had, still saying what was not used and why.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QWidget

from svplan.core.catalogue import Unit
from svplan.core.plan import MAX_TARGET

NOT_SET = "Not set"


class OptionalNumberBox(QDoubleSpinBox):
    """QDoubleSpinBox whose lowest value means 'no value'. Clearing the text also means none.

    `valueEdited(object)` carries float | None and fires only for user edits.
    """

    valueEdited = Signal(object)
    problemChanged = Signal(str)  # why the text typed cannot be used ('' when it can)

    def __init__(self, parent: QWidget | None = None, empty_text: str = NOT_SET) -> None:
        super().__init__(parent)
        self._setting = False
        self._problem = ""
        self._refused = ""  # the text shown after a refused entry was put back
        self._partial = False  # the text may still become a number (e.g. "12,")
        self._sentinel = -1.0
        self._low = 0.0
        self._unit: Unit | None = None
        self.setSpecialValueText(empty_text)
        self.setGroupSeparatorShown(True)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.setAccelerated(True)
        self.set_range(0, 1e12, 0)
        self.setValue(self.minimum())
        self.valueChanged.connect(self._on_value_changed)

    # Configuration -----------------------------------------------------------------------

    def set_range(self, low: float, high: float, decimals: int) -> None:
        """Allowed values low..high; the box's minimum sits one step below as 'Not set'."""
        value = self.number()
        self._setting = True
        self.setDecimals(decimals)
        step = 10.0**-decimals if decimals else 1.0
        self._low = low
        self._sentinel = low - step
        self.setRange(self._sentinel, min(high, MAX_TARGET))
        self.setSingleStep(1.0)
        self._setting = False
        self.set_number(value)

    def set_unit(self, unit: Unit) -> None:
        """Format for a catalogue unit: prefix (£), suffix (FTE, %), decimals, maximum."""
        if unit == self._unit:
            return  # re-applying would reformat the text being typed
        self._unit = unit
        self.setPrefix(unit.prefix)
        gap = "" if not unit.suffix or unit.suffix.startswith("%") else " "
        self.setSuffix(f"{gap}{unit.suffix}" if unit.suffix else "")
        self.set_range(0, unit.maximum, unit.decimals)

    # Value -------------------------------------------------------------------------------

    def number(self) -> float | None:
        value = self.value()
        return None if value <= self._sentinel + 1e-12 else value

    def set_number(self, value: float | None) -> None:
        """Show a value without emitting valueEdited; keeps the cursor while typing."""
        if value == self.number():
            return
        self._setting = True
        try:
            self.setValue(self._sentinel if value is None else value)
        finally:
            self._setting = False
        if self._refused:  # a new figure from elsewhere (undo, another view)
            self._refused = ""
            self._set_problem("", self.text())

    def _on_value_changed(self, _value: float) -> None:
        if not self._setting:
            self.valueEdited.emit(self.number())

    # Behaviour -----------------------------------------------------------------------------

    def stepBy(self, steps: int) -> None:
        """Arrows: up from 'Not set' starts at the lowest value; down from it goes to 'Not set'."""
        current = self.number()
        if current is None:
            if steps > 0:
                self.setValue(self._low)
                self.selectAll()
            return
        if current + steps * self.singleStep() < self._low:
            self.setValue(self._sentinel if current <= self._low else self._low)
            self.selectAll()
            return
        super().stepBy(steps)

    def _core(self, text: str) -> str:
        core = text
        if self.prefix() and core.startswith(self.prefix()):
            core = core[len(self.prefix()) :]
        if self.suffix() and core.endswith(self.suffix()):
            core = core[: -len(self.suffix())]
        return core.strip()

    def validate(self, text: str, pos: int) -> object:
        core = self._core(text)
        if core == "" or text == self.specialValueText():
            self._set_problem("", text)
            return QValidator.State.Acceptable, text, pos
        state, fixed, fixed_pos = super().validate(text, pos)[:3]
        reason = self.reason(core)
        if not reason and state == QValidator.State.Invalid:
            reason = "Only a number can go here"
        if reason:  # keep what was typed on screen, marked, with the reason: never drop a key
            self._set_problem(reason, text)
            return QValidator.State.Intermediate, text, pos
        self._set_problem("", text)
        self._partial = state != QValidator.State.Acceptable
        return state, fixed, fixed_pos

    def reason(self, core: str) -> str:
        """Why the text (without £ or the unit) cannot be a figure here; '' if it may become one."""
        point, group = self.locale().decimalPoint(), self.locale().groupSeparator()
        plain = core.replace(group, "").replace(" ", "")
        if "-" in plain or "\u2212" in plain:
            return "Can't be negative: type 0 or more"
        if any(not (ch.isdigit() or ch == point) for ch in plain) or plain.count(point) > 1:
            example = "1,250" + (f"{point}5" if self.decimals() else "")
            return f"Only a number can go here, e.g. {example}"
        decimals = len(plain.split(point)[1]) if point in plain else 0
        if decimals > self.decimals():
            places = f"{self.decimals()} decimal place{'s' if self.decimals() != 1 else ''}"
            return f"At most {places}" if self.decimals() else "Whole numbers only"
        try:
            number = float(plain.replace(point, ".")) if plain.strip(point) else 0.0
        except ValueError:
            return "Only a number can go here"
        if number > self.maximum():
            return f"The most this can be is {self.textFromValue(self.maximum())}"
        return ""

    def problem(self) -> str:
        return self._problem

    def _set_problem(self, reason: str, text: str) -> None:
        if not reason and self._refused and text == self._refused:
            return  # the figure put back after a refusal: keep saying what was not used
        if not reason:
            self._refused = ""
        if reason == self._problem:
            return
        self._problem = reason
        self.setProperty("invalid", bool(reason) and not self._refused)
        self.style().unpolish(self)
        self.style().polish(self)
        self.problemChanged.emit(reason)

    def focusOutEvent(self, event) -> None:
        typed, reason = self.lineEdit().text(), self._problem
        if not reason and self._partial:
            reason = "Not a complete number"
        super().focusOutEvent(event)  # CorrectToPreviousValue puts the last figure back
        if reason and not self._refused:
            self._refused = self.lineEdit().text()
            self._problem = ""
            kept = self._refused if self.number() is not None else "not set"
            self._set_problem(f"{reason}. “{self._core(typed)}” was not used; still {kept}.", "")

    def textFromValue(self, value: float) -> str:
        """Whole numbers without decimals ('18 FTE', not '18.0 FTE')."""
        text = super().textFromValue(value)
        point = self.locale().decimalPoint()
        if self.decimals() and value == round(value) and point in text:
            text = text.split(point)[0]
        return text

    def valueFromText(self, text: str) -> float:
        core = self._core(text)
        if core == "" or text == self.specialValueText():
            return self._sentinel
        return super().valueFromText(text)
