"""The £ figures in the window: the editor's proxy value row and the overview's total line (the
status bar's total and the File menu items are in ui/money_feature.py). They only show what
MoneyEditor (ui/money.py) computes; without proxy values they show nothing but the (optional)
field to type one."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from svplan.core.amounts import AmountError, pounds
from svplan.core.money import (
    ValuedCommitment,
    attribution,
    money_text,
    pence_text,
    unit_word,
)
from svplan.core.periods import contract_years, year_label
from svplan.ui import dialogs
from svplan.ui.money import MoneyEditor
from svplan.ui.money_feature import Refresher
from svplan.ui.widgets.forms import hint_label, set_line
from svplan.ui.widgets.undo_keys import DocumentUndoKeys


def item_text(item: ValuedCommitment | None, years: list) -> str:
    """'Year 1 £60,000 · Year 2 £60,000 · Total £180,000' or why there is no £ value."""
    if item is None:
        return ""
    if not item.valued:
        return f"No £ value: {item.reason}."
    parts = [
        f"{year_label(years, i).split(' (')[0]} {money_text(v)}" for i, v in enumerate(item.years)
    ]
    parts.append(f"Total {money_text(item.total)}")
    text = " · ".join(parts)
    return f"Social value: {text}  ({item.basis})" + (f"\nNote: {item.note}." if item.note else "")


class MoneyPanel(QWidget):
    """The commitment editor's "Proxy value" row: £ per unit for the measure shown, the rule for
    a level measure, the table's source, and the commitment's £ per year and in total."""

    def __init__(self, editor: MoneyEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self._code = ""
        self.setAccessibleName("Proxy value")
        self.value_edit = QLineEdit()
        self.value_edit.setAccessibleName("Proxy value, £ per unit")
        self.value_edit.setPlaceholderText("optional")
        self.value_edit.setMaximumWidth(140)
        self.value_edit.editingFinished.connect(self._value_done)
        self.unit_label = hint_label()
        self.per_level_box = QCheckBox("The value is £ per percentage point per year")
        self.per_level_box.setAccessibleName("Value per percentage point per year")
        self.per_level_box.setToolTip(
            "A level measure (a percentage held each year) is valued only when the table says "
            "so: each year's level × this value."
        )
        self.per_level_box.clicked.connect(self._per_level_clicked)
        self.source_edit = QLineEdit()
        self.source_edit.setAccessibleName("Source of the proxy values")
        self.source_edit.setPlaceholderText(
            "Where the values come from, e.g. the council's social value calculator 2025"
        )
        self.source_edit.setMaxLength(500)
        self.source_edit.editingFinished.connect(self._source_done)
        self.source_label = QLabel("Source:")
        self.result_label = hint_label()
        self.result_label.setAccessibleName("Social value of this commitment")
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.value_edit)
        top.addWidget(self.unit_label, 1)
        source = QHBoxLayout()
        source.setContentsMargins(0, 0, 0, 0)
        source.addWidget(self.source_label)
        source.addWidget(self.source_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.per_level_box)
        layout.addLayout(source)
        layout.addWidget(self.result_label)
        keys = DocumentUndoKeys(lambda: editor.document.undo_stack, self)
        keys.watch(self.value_edit, self.source_edit)
        Refresher(self, editor, self.refresh)

    def show_measure(self, code: str) -> None:
        self._code = code
        self.refresh()

    def refresh(self) -> None:
        code, doc = self._code, self.editor.document
        if not code or not doc.catalogue.has_measure(code):
            return
        proxy = self.editor.proxy(code)
        table = self.editor.plan.proxies
        unit = doc.catalogue.unit_of(code)
        level = doc.catalogue.is_level(code)
        if not self.value_edit.hasFocus():
            self.value_edit.setText(pounds(proxy.value) if proxy is not None else "")
        per = "per percentage point per year" if level else f"per {unit_word(unit)}"
        if proxy is None:
            text = (
                f"optional: £ {per} from your authority's proxy values "
                "(File → Import Proxy Values… reads a whole table)"
            )
        elif level and not proxy.per_level:
            text = "£ (a level measure: tick below if it is per percentage point per year)"
        else:
            text = f"£ {per}"
        self.unit_label.setText(text)
        self.per_level_box.setVisible(level and proxy is not None)
        with QSignalBlocker(self.per_level_box):
            self.per_level_box.setChecked(bool(proxy and proxy.per_level))
        has_table = table is not None
        self.source_label.setVisible(has_table)
        self.source_edit.setVisible(has_table)
        if has_table and not self.source_edit.hasFocus():
            set_line(self.source_edit, table.source)
        years = contract_years(doc.plan.bid.start, doc.plan.bid.months)
        self.result_label.setText(item_text(self.editor.item(code), years))
        self.result_label.setVisible(has_table and proxy is not None)

    def _value_done(self) -> None:
        if not self._code:
            return
        text = self.value_edit.text()
        proxy = self.editor.proxy(self._code)
        if text.strip() == (pounds(proxy.value) if proxy is not None else ""):
            return
        try:
            self.editor.set_value(self._code, text)
        except AmountError as exc:
            # put the value back first: the box takes the focus, which finishes editing again
            self.value_edit.setText(pounds(proxy.value) if proxy is not None else "")
            dialogs.show_error(self, f"The proxy value was not changed: {exc}.", "Proxy value")
        self.refresh()

    def _per_level_clicked(self, on: bool) -> None:
        if self._code:
            self.editor.set_per_level(self._code, on)

    def _source_done(self) -> None:
        table = self.editor.plan.proxies
        if table is not None and self.source_edit.text().strip() != table.source:
            self.editor.set_source(self.source_edit.text())


class MoneyLine(QLabel):
    """The overview's line: the total, pence per £1 and the source (hidden without values)."""

    def __init__(self, editor: MoneyEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("hint")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName("Social value in money terms")
        Refresher(self, editor, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        summary = self.editor.summary()
        self.setVisible(summary is not None)
        if summary is None:
            return
        text = f"Social value at your proxy values: {money_text(summary.total)}"
        ratio = summary.pence_per_pound
        if ratio is not None:
            text += f", {pence_text(ratio)} per £1 of contract value"
        missing = len(summary.unvalued)
        if missing:
            text += f" ({missing} commitment{'s' if missing != 1 else ''} with no £ value)"
        self.setText(f"{text}.  Proxy values: {attribution(summary.proxies)}.")
