"""What the "Counting and additionality" statement says for a plan (no Qt).

Built from what the readiness checks already know: the catalogue's overlaps among the measures the
plan commits to, and the rule that one person counts under one disadvantaged-group measure only.
Each commitment's baseline and additionality are the bidder's own words.
"""

from __future__ import annotations

from dataclasses import dataclass

from svplan.core.catalogue import Catalogue
from svplan.core.plan import Plan

__all__ = ["Additionality", "additionality", "counting_rules"]


def _codes(plan: Plan, catalogue: Catalogue) -> set[str]:
    return {
        catalogue.measure(c.measure).code
        for c in plan.commitments
        if catalogue.has_measure(c.measure)
    }


def counting_rules(plan: Plan, catalogue: Catalogue) -> list[str]:
    """One sentence per rule that applies to this plan's measures (none: [])."""
    codes = _codes(plan, catalogue)
    out: list[str] = []
    disadvantaged = sorted(
        (c for c in codes if catalogue.measure(c).disadvantaged), key=catalogue.order_of
    )
    if len(disadvantaged) >= 2:
        out.append(
            "A person hired under a disadvantaged-group measure is counted under one of "
            f"{', '.join(disadvantaged)} only, in their first year of employment."
        )
    elif disadvantaged:
        out.append(
            f"People hired under {disadvantaged[0]} are counted in their first year of "
            "employment only."
        )
    for overlap in catalogue.overlaps_among(codes):
        out.append(" ".join(overlap.warning.split()))
    return out


@dataclass(frozen=True)
class Additionality:
    code: str
    baseline: str
    additionality: str


def additionality(plan: Plan, catalogue: Catalogue) -> list[Additionality]:
    """Commitments that state a baseline or why they go beyond business as usual, in order."""
    rows = []
    for c in plan.commitments:
        if not (c.baseline.strip() or c.additionality.strip()):
            continue
        code = (
            catalogue.measure(c.measure).code
            if catalogue.has_measure(c.measure)
            else c.measure.strip()
        )
        rows.append(Additionality(code, c.baseline.strip(), c.additionality.strip()))
    rows.sort(key=lambda r: catalogue.order_of(r.code) if catalogue.has_measure(r.code) else 10**9)
    return rows
