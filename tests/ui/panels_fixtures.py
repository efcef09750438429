"""Helpers for the panel tests (measure browser, partners panel, overview, editor)."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from svplan.core.catalogue import Catalogue, load_catalogue
from svplan.core.plan import Bid, Commitment, Person, Plan
from svplan.ui.plan_document import PlanDocument
from tests.export.plans import bid

W = TypeVar("W", bound=QWidget)
MINI = Path(__file__).resolve().parents[1] / "data" / "catalogues" / "mini.yaml"


def mini() -> Catalogue:
    return load_catalogue(MINI)


def document(catalogue: Catalogue, *codes: str, **commitments: dict) -> PlanDocument:
    """A PlanDocument with these measures committed (keyword args give commitment fields)."""
    plan = Plan(catalogue=catalogue.info.id)
    items = [Commitment(measure=c) for c in codes]
    items += [Commitment(measure=c, **fields) for c, fields in commitments.items()]
    plan = plan.model_copy(update={"commitments": items})
    return PlanDocument(catalogue, plan)


def at_size(qtbot, widget: W, width: int, height: int, *, show: bool = False) -> W:
    """`widget` at width x height, closed after the test; with show=True, on screen (exposed)."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    if show:
        widget.show()
        qtbot.waitExposed(widget)
    return widget


def ready_bid() -> tuple[Bid, Person]:
    """Bid details and a lead that leave no plan-wide findings."""
    return bid(), Person(name="Sam Lead")
