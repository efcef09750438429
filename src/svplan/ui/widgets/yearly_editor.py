"""Per-year figures for a target, sized to the contract's years, with an 'adds up to' hint.

Each year is labelled with its dates when the contract start is known ("Year 1", "Apr 2027 –
Mar 2028"); a figure typed that a box cannot take is refused there and the hint says why.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from svplan.core.catalogue import Unit
from svplan.ui.widgets.number_box import OptionalNumberBox

PER_ROW = 4  # a year's dates under its name need the room


class YearlyEditor(QWidget):
    """One number box per contract year. `valuesEdited(object)` carries list[float] | None."""

    valuesEdited = Signal(object)
    bidDetailsRequested = Signal()
    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._unit: Unit | None = None
        self._years: int | None = None
        self._target: float | None = None
        self.boxes: list[OptionalNumberBox] = []
        self._labels: list[QLabel] = []

        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(4)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.spread_button = QPushButton("&Spread evenly")
        self.spread_button.setAccessibleName("Spread the target evenly over the years")
        self.spread_button.setToolTip("Divide the target equally between the contract years")
        self.spread_button.setAutoDefault(False)
        self.spread_button.clicked.connect(self.spread_evenly)

        self.no_years = QLabel(
            "To split the target by year, set the contract length in Bid details."
        )
        self.no_years.setObjectName("hint")
        self.no_years.setWordWrap(True)
        self.bid_button = QPushButton("&Bid details…")
        self.bid_button.setAccessibleName("Open bid details to set the contract length")
        self.bid_button.setAutoDefault(False)
        self.bid_button.clicked.connect(self.bidDetailsRequested)
        self._missing = QWidget()
        missing = QHBoxLayout(self._missing)
        missing.setContentsMargins(0, 0, 0, 0)
        missing.addWidget(self.no_years, 1)
        missing.addWidget(self.bid_button)

        hint_row = QHBoxLayout()
        hint_row.setContentsMargins(0, 0, 0, 0)
        hint_row.addWidget(self.hint, 1)
        hint_row.addWidget(self.spread_button)
        self._present = QWidget()
        present = QVBoxLayout(self._present)
        present.setContentsMargins(0, 0, 0, 0)
        present.setSpacing(6)
        present.addLayout(self._grid)
        present.addLayout(hint_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._present)
        layout.addWidget(self._missing)
        self._show_state()

    # Configuration ------------------------------------------------------------------------------

    def configure(
        self, unit: Unit, years: int | None, count_hint: int = 0, dates: list[str] | None = None
    ) -> None:
        """Format for `unit` with one box per year (more if the plan holds more figures);
        `dates` are the years' dates ('Apr 2027 – Mar 2028'), when the start is known."""
        self._unit = unit
        self._years = years
        wanted = max(years or 0, count_hint)
        while len(self.boxes) < wanted:
            self._add_box()
        while len(self.boxes) > wanted:
            box, label = self.boxes.pop(), self._labels.pop()
            self._grid.removeWidget(box)
            self._grid.removeWidget(label)
            box.deleteLater()
            label.deleteLater()
        for i, (box, label) in enumerate(zip(self.boxes, self._labels, strict=True)):
            box.set_unit(unit)
            beyond = years is not None and i >= years
            when = dates[i] if dates and i < len(dates) else ""
            label.setText(
                f"Year {i + 1}"
                + (" (after the contract)" if beyond else "")
                + (f"\n{when}" if when else "")
            )
            box.setAccessibleName(f"Year {i + 1} figure" + (f", {when}" if when else ""))
        self._show_state()
        self._update_hint()

    def _add_box(self) -> None:
        i = len(self.boxes)
        box = OptionalNumberBox(empty_text="–")
        box.setAccessibleName(f"Year {i + 1} figure")
        box.setMinimumWidth(110)
        box.valueEdited.connect(self._on_edited)
        box.editingFinished.connect(self.editingFinished)
        box.problemChanged.connect(lambda text, n=i + 1: self._on_problem(n, text))
        label = QLabel(f"Year {i + 1}")
        label.setBuddy(box)
        row, col = divmod(i, PER_ROW)
        self._grid.addWidget(label, row * 2, col, Qt.AlignmentFlag.AlignLeft)
        self._grid.addWidget(box, row * 2 + 1, col)
        if self.boxes:
            QWidget.setTabOrder(self.boxes[-1], box)
        self.boxes.append(box)
        self._labels.append(label)

    def _show_state(self) -> None:
        have = bool(self.boxes)
        self._present.setVisible(have)
        self._missing.setVisible(not have)

    # Values ---------------------------------------------------------------------------------------

    def values(self) -> list[float] | None:
        numbers = [box.number() for box in self.boxes]
        while numbers and numbers[-1] is None:
            numbers.pop()
        return [n or 0.0 for n in numbers] if numbers else None

    def set_values(self, values: list[float] | None, target: float | None) -> None:
        """Show figures without emitting valuesEdited (boxes being typed in keep their text)."""
        self._target = target
        values = values or []
        for i, box in enumerate(self.boxes):
            value = values[i] if i < len(values) else None
            if box.hasFocus() and box.number() == value:
                continue
            box.set_number(value)
        self._update_hint()

    def spread_evenly(self) -> None:
        if self._target is None or not self._years:
            return
        years = self._years
        decimals = self._unit.decimals if self._unit else 0
        share = round(self._target / years, decimals)
        values = [share] * years
        values[-1] = round(self._target - share * (years - 1), decimals)
        if values[-1] < 0:
            return
        self.valuesEdited.emit(values)

    def _on_edited(self, _value: object) -> None:
        self._update_hint()
        self.valuesEdited.emit(self.values())

    def _on_problem(self, year: int, text: str) -> None:
        """A figure a year's box refused: say so where the sum is said (until it is fixed)."""
        if not text:
            self._update_hint()
            return
        self.hint.setText(f"Year {year}: {text}")
        self.hint.setProperty("state", "problem")
        self.hint.style().unpolish(self.hint)
        self.hint.style().polish(self.hint)

    def _update_hint(self) -> None:
        values = self.values()
        unit = self._unit
        self.spread_button.setEnabled(bool(self._target) and bool(self._years))
        if unit is None:
            self.hint.setText("")
            return
        if not values:
            self.hint.setText("Optional: how much of the target you will deliver in each year.")
            self.hint.setProperty("state", "")
        else:
            total = sum(values)
            if self._target is None:
                text = f"The years add up to {unit.format(total)}; no target is set yet."
                state = "warn"
            elif abs(total - self._target) <= 1e-6 * max(1.0, self._target):
                text = f"The years add up to {unit.format(total)} of {unit.format(self._target)} ✓"
                state = "ok"
            else:
                diff = self._target - total
                more = "still to place" if diff > 0 else "too much"
                text = (
                    f"The years add up to {unit.format(total)} of {unit.format(self._target)} "
                    f"({unit.format(abs(diff))} {more})."
                )
                state = "warn"
            self.hint.setText(text)
            self.hint.setProperty("state", state)
        self.hint.style().unpolish(self.hint)
        self.hint.style().polish(self.hint)
