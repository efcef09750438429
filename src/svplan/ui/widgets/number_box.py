"""A number box that may also be empty ("Not set"), shown in a unit's format (£, FTE, %)."""

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

    def __init__(self, parent: QWidget | None = None, empty_text: str = NOT_SET) -> None:
        super().__init__(parent)
        self._setting = False
        self._sentinel = -1.0
        self._low = 0.0
        self._unit: Unit | None = None
        self.setSpecialValueText(empty_text)
        self.setGroupSeparatorShown(True)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
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
            return QValidator.State.Acceptable, text, pos
        if "-" in core:
            return QValidator.State.Invalid, text, pos
        return super().validate(text, pos)

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
