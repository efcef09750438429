"""The commitment's target: the number box (its unit said once), the reason when what was typed
cannot be used, and, for week and hour measures, a calculator ("6 people × 52 weeks each").

The calculator never changes the target by itself: "Use as target" puts the product in, visibly
(one undo step, and a line saying what was set).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from svplan.core.catalogue import Unit
from svplan.ui.glossary_tips import explain
from svplan.ui.icons import icon
from svplan.ui.widgets.flow_layout import FlowLayout
from svplan.ui.widgets.forms import problem_label
from svplan.ui.widgets.number_box import OptionalNumberBox

# A unit's suffix -> the two things multiplied: (who, what each gives)
FACTORS = {
    "weeks": ("people", "weeks each"),
    "hours": ("staff", "hours each"),
    "attendee hours": ("attendees", "hours each"),
}


def _words(text: str) -> list[str]:
    return re.findall(r"[\w£%]+", text.casefold())


def unit_words(unit: Unit) -> str:
    """The part of the unit's name the number box does not already say ('' when none):
    'people (FTE)' beside '6 FTE' -> 'people'; 'weeks' beside '1,248 weeks' -> ''."""
    shown = set(_words(f"{unit.prefix} {unit.suffix}"))
    shown |= {w.rstrip("s") for w in shown}
    names = re.findall(r"[^\s()]+", unit.name)
    keep = []
    i = 0
    while i < len(names):
        word = names[i].casefold().strip(",")
        pair = word[:1] + names[i + 1].casefold() if i + 1 < len(names) else ""
        if pair in shown:  # 'tonnes CO2e' beside 'tCO2e'
            i += 2
            continue
        if word not in shown and word.rstrip("s") not in shown and _words(word):
            keep.append(names[i])
        i += 1
    return " ".join(keep).strip(" ,")


class TargetCalculator(QWidget):
    """'[6] people × [52] weeks each = 312 weeks  [Use as target]'."""

    useRequested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = QSpinBox()
        self.each = QSpinBox()
        for box in (self.count, self.each):
            box.setRange(0, 100_000)
            box.setGroupSeparatorShown(True)
            box.setFixedWidth(box.fontMetrics().horizontalAdvance("100,000") + 40)
            box.valueChanged.connect(self._update)
        self.count_label, self.each_label, self.result = QLabel(), QLabel(), QLabel()
        self.result.setObjectName("hint")
        self.use_button = QPushButton("Use as tar&get")
        self.use_button.setAutoDefault(False)
        self.use_button.clicked.connect(lambda: self.useRequested.emit(float(self.product())))
        row = FlowLayout(self, spacing=6)  # wraps in a narrow editor instead of widening it
        for widget in (self.count, self.count_label, QLabel("×"), self.each, self.each_label):
            row.addWidget(widget)
        row.addWidget(self.result)
        row.addWidget(self.use_button)
        self._unit: Unit | None = None

    def configure(self, unit: Unit) -> None:
        who, each = FACTORS[unit.suffix]
        self._unit = unit
        self.count_label.setText(who)
        self.each_label.setText(each)
        self.count.setAccessibleName(f"Number of {who}")
        self.each.setAccessibleName(f"{each.capitalize()} ({unit.suffix} per {who})")
        self._update()

    def product(self) -> int:
        return self.count.value() * self.each.value()

    def _update(self, *_: object) -> None:
        total = self.product()
        text = f"= {self._unit.format(total)}" if self._unit else f"= {total}"
        self.result.setText(text)
        self.use_button.setEnabled(total > 0)


class TargetRow(QWidget):
    """Target box + unit words + calculator toggle; the reason and the calculator below."""

    valueEdited = Signal(object)  # float | None, typed or from the calculator
    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = OptionalNumberBox()
        self.box.setAccessibleName("Target")
        self.box.setMinimumWidth(180)
        self.box.valueEdited.connect(self.valueEdited)
        self.box.valueEdited.connect(lambda _v: self.done.hide())
        self.box.editingFinished.connect(self.editingFinished)
        self._code = ""
        self._unit: Unit | None = None
        self.unit_label = QLabel()
        self.unit_label.setObjectName("hint")
        self.calc_button = QToolButton()
        self.calc_button.setIcon(icon("calculator"))
        self.calc_button.setText("Calculate…")
        self.calc_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.calc_button.setCheckable(True)
        self.calc_button.setAccessibleName("Calculate the target")
        self.calc_button.toggled.connect(self._toggle_calculator)
        self.problem = problem_label(self.box)  # "-5", letters: refused, and why
        self.calculator = TargetCalculator()
        self.calculator.useRequested.connect(self._use)
        self.calculator.hide()
        self.done = QLabel()  # 'Target set to 312 weeks (6 × 52)'
        self.done.setObjectName("hint")
        self.done.hide()
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.box)
        top.addWidget(self.unit_label)
        top.addWidget(self.calc_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.calculator)
        layout.addWidget(self.done)
        self.setFocusProxy(self.box)

    def show_target(self, unit: Unit, target: float | None, code: str = "") -> None:
        if code != self._code:  # another measure: the calculator's last note is not about it
            self._code = code
            self.done.hide()
        self._unit = unit
        self.box.set_unit(unit)
        self.box.set_number(target)
        self.unit_label.setText(unit_words(unit))
        explain(self.unit_label, text=unit.name)
        explain(self.box, text=f"{unit.name} {unit.suffix}")
        has_calculator = unit.suffix in FACTORS
        self.calc_button.setVisible(has_calculator)
        if has_calculator:
            self.calculator.configure(unit)
            self.calc_button.setToolTip(
                f"Work the target out: {FACTORS[unit.suffix][0]} × {unit.suffix} each"
            )
        elif self.calc_button.isChecked():
            self.calc_button.setChecked(False)

    def tab_chain(self) -> list[QWidget]:
        chain: list[QWidget] = [self.box, self.calc_button]
        c = self.calculator
        return [*chain, c.count, c.each, c.use_button]

    def _toggle_calculator(self, on: bool) -> None:
        self.calculator.setVisible(on)
        self.done.hide()
        if on:
            self.calculator.count.setFocus(Qt.FocusReason.OtherFocusReason)
            self.calculator.count.selectAll()

    def _use(self, value: float) -> None:
        c = self.calculator
        self.calc_button.setChecked(False)
        self.box.set_number(value)
        self.valueEdited.emit(value)
        self.editingFinished.emit()
        shown = self._unit.format(value) if self._unit else str(value)
        self.done.setText(
            f"Target set to {shown} ({c.count.value()} {c.count_label.text()} × "
            f"{c.each.value()} {c.each_label.text()})"
        )
        self.done.show()
        self.box.setFocus(Qt.FocusReason.OtherFocusReason)
