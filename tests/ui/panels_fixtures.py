"""Helpers for the measure browser, partners panel and overview tests (imported by those tests)."""

from __future__ import annotations

from pathlib import Path

from svplan.core.catalogue import Catalogue, load_catalogue
from svplan.core.plan import Bid, Commitment, Person, Plan
from svplan.ui.plan_document import PlanDocument

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


def ready_bid() -> tuple[Bid, Person]:
    """Bid details and a lead that leave no plan-wide findings."""
    import datetime as dt

    bid = Bid(
        title="Highways maintenance",
        bidder="Acme Ltd",
        authority="Lancashire County Council",
        start=dt.date(2026, 4, 1),
        months=36,
    )
    return bid, Person(name="Sam Lead")
