"""Money values in the window: the proxy table's undo path and the import (docs/money.md).

`MoneyEditor` is the one per document (`MoneyEditor.of(document)`): it reads the plan in £
(core/money.py, cached until the plan changes) and changes the proxy table only through undo
commands, so autosave, recovery and Save see those changes like any other edit. `MoneyActions`
is the controller behind File → Import Proxy Values… and Remove Proxy Values; it asks the user
only through ui/dialogs.py. ui/money_views.py has the views and `install_money(window)`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from svplan.core.errors import SvplanError
from svplan.ui import dialogs
from svplan.ui.part_editor import PartEditor
from svplan.ui.undo import Change

# The money rules and the plan model (pydantic) are imported when first used: the feature is
# installed at start-up, before any plan is wanted (ui/money_feature.py, docs/performance.md).
if TYPE_CHECKING:
    from svplan.core.money import MoneySummary, ValuedCommitment
    from svplan.core.plan import Plan, ProxyTable, ProxyValue
    from svplan.core.proxy_import import ProxyPreview
    from svplan.ui.plan_document import PlanDocument

PROXIES_EDIT_ID = 1701


def _proxies():  # type: ignore[no-untyped-def]
    """svplan.core.proxy_edits, imported when first used (it imports the plan model)."""
    from svplan.core import proxy_edits

    return proxy_edits


class MoneyEditor(PartEditor):
    """The plan in £ for the views, and the only way the UI changes the proxy table."""

    changed = Signal()  # the £ figures may have changed (any plan change, or the table)
    merge_id = PROXIES_EDIT_ID

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self._summary: MoneySummary | None = None
        self._fresh = False
        # findingsChanged follows every edit, undo, redo and reset of the plan
        document.findingsChanged.connect(self._invalidate)
        document.planReset.connect(self._invalidate)

    # Reading ------------------------------------------------------------------------------------

    def summary(self) -> MoneySummary | None:
        """The plan in £ at its own table; None when it has no values (nothing to show)."""
        if not self._fresh:
            from svplan.core.money import value_plan

            self._summary = value_plan(self.plan, self.document.catalogue)
            self._fresh = True
        return self._summary

    def item(self, code: str) -> ValuedCommitment | None:
        summary = self.summary()
        if summary is None:
            return None
        return next((i for i in summary.items if i.code.upper() == code.upper()), None)

    def proxy(self, code: str) -> ProxyValue | None:
        table = self.plan.proxies
        if table is None:
            return None
        return next((v for v in table.values if v.measure.upper() == code.upper()), None)

    # Changing -----------------------------------------------------------------------------------

    def set_value(self, code: str, text: str) -> None:
        """£ per unit typed for a measure ('' removes it). AmountError (nothing changes) if the
        text is not an amount of money."""
        value = _proxies().parse_proxy_value(text)
        new = _proxies().with_value(self.plan, self.document.catalogue, code, value)
        verb = "Remove" if value is None else "Set"
        self._push(new, f"{verb} proxy value for {code}")

    def set_per_level(self, code: str, on: bool) -> None:
        self._push(_proxies().with_per_level(self.plan, code, on), f"Proxy rule for {code}")

    def set_source(self, text: str) -> None:
        self._push(_proxies().with_source(self.plan, text), "Proxy values source")

    def remove_table(self) -> None:
        self._push(_proxies().without_table(self.plan), "Remove proxy values")

    def preview_import(self, path: Path) -> ProxyPreview:
        """Read and check a table (ImportFileError, one sentence by row, when it is unusable)."""
        from svplan.core.proxy_import import read_proxy_file

        return read_proxy_file(path, self.document.catalogue, self.plan)

    def apply_import(self, preview: ProxyPreview, source: str = "") -> None:
        """Use a previewed table as the plan's (one undo step); `source` names an unnamed one."""
        table = preview.table
        if source and not table.source:
            table = table.model_copy(update={"source": " ".join(source.split())[:500]})
        count = len(table.values)
        new = self.plan.model_copy(update={"proxies": table})
        self._push(new, f"Import {count} proxy value{'s' if count != 1 else ''}")

    # The undo command's side ------------------------------------------------------------------

    def apply_table(self, table: ProxyTable | None) -> None:
        """Put a proxy table into the current plan (undo/redo)."""
        self.document.apply_edit(self.plan.model_copy(update={"proxies": table}), Change())

    def _push(self, new: Plan, text: str) -> None:
        old = self.plan.proxies
        if new.proxies == old:
            return
        self.push_part(self.apply_table, old, new.proxies, text)

    def _invalidate(self, *_: object) -> None:
        self._fresh = False
        self.changed.emit()


class MoneyActions(QObject):
    """File → Import Proxy Values… / Remove Proxy Values, and the breakdown box."""

    status = Signal(str)

    def __init__(self, editor: MoneyEditor, parent: QWidget) -> None:
        super().__init__(parent)
        self.editor = editor
        self._parent = parent
        self._folder: Path | None = None

    def import_table(self) -> bool:
        """Choose a table, show its preview, import on OK; True if imported. A bad file is a
        message box naming the rows at fault, and nothing changes."""
        path = dialogs.choose_proxy_table(self._parent, self._folder or dialogs.documents_folder())
        if path is None:
            return False
        self._folder = path.parent
        try:
            with dialogs.busy():
                preview = self.editor.preview_import(path)
        except SvplanError as exc:
            dialogs.show_import_error(self._parent, exc, "Proxy values not imported")
            return False
        if not dialogs.confirm_proxy_import(self._parent, preview.lines()):
            return False
        source = preview.table.source
        if not source:
            source = dialogs.ask_proxy_source(self._parent, path.name) or ""
            if not source:
                return False
        self.editor.apply_import(preview, source)
        count = len(preview.table.values)
        self.status.emit(
            f"Imported {count} proxy value{'s' if count != 1 else ''} from {path.name}"
        )
        return True

    def remove_table(self) -> None:
        if self.editor.plan.proxies is None:
            self.status.emit("This plan has no proxy values.")
            return
        self.editor.remove_table()
        self.status.emit("Proxy values removed (Undo brings them back).")

    def show_breakdown(self) -> None:
        summary = self.editor.summary()
        if summary is not None:
            from svplan.core.money import money_text, pence_text

            text = f"Social value at your proxy values: {money_text(summary.total)}"
            if summary.pence_per_pound is not None:
                text += f", {pence_text(summary.pence_per_pound)} per £1 of contract value"
            dialogs.show_money_breakdown(
                self._parent, f"{text} (proxies, not cash).", breakdown_lines(summary)
            )


def breakdown_lines(summary: MoneySummary) -> list[str]:
    """By theme, then the measures with no £ value and why (status bar tooltip and box)."""
    from svplan.core.money import attribution, money_text

    lines = [f"{name}: {money_text(value)}" for name, value in summary.by_theme]
    lines += [f"{i.code}: no £ value ({i.reason})" for i in summary.unvalued]
    lines.append(f"Proxy values: {attribution(summary.proxies)}")
    return lines
