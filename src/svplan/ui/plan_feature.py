"""The Plan tab's place in the window, and File → Export Word Plan Without Contact Details….

Installed once the catalogue is loaded; the tab itself (ui/plan_view.py, which imports the plan
model) is imported when it is first built, so the feature costs start-up nothing but its menu
item (docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from svplan.ui.plan_document import PlanDocument

PLAN_VIEW = "plan"


def _plan_view(document: PlanDocument, parent: QWidget) -> QWidget:
    from svplan.ui.plan_view import PlanView

    return PlanView(document, parent)


def install(window: Any) -> None:
    """Add the Plan tab and File → Export Word Plan Without Contact Details… to a main window."""
    window.workspace.add_view(
        PLAN_VIEW,
        "&Plan",
        _plan_view,
        shortcut="Ctrl+5",
        icon="plan",
        tip="Governance, the reporting calendar and plan-wide risks",
    )
    menus = window.menus
    private = menus.action(
        "Export Word Plan Without &Contact Details…",
        lambda: window.exporter.export_word(contact_details=False),
        None,
        "The Word plan without named officers' phone numbers and emails (for publishing)",
        plan_only=True,
    )
    menus.menu("file").insertAction(menus.open_after_export_action, private)
    private.setEnabled(menus.save_action.isEnabled())
