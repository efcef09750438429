"""The consolidated risk register: plan-wide risks and every commitment's risks (no Qt).

Each entry keeps the bidder's words (risk, mitigation, owner) and ratings; nothing is filled in
for them: a risk without an owner or a rating shows none.
"""

from __future__ import annotations

from dataclasses import dataclass

from svplan.core.catalogue import Catalogue
from svplan.core.plan import Plan, Rating, Risk

__all__ = ["PLAN_WIDE", "Entry", "risk_register", "score"]

PLAN_WIDE = "Plan-wide"
_POINTS = {Rating.LOW: 1, Rating.MEDIUM: 2, Rating.HIGH: 3}


@dataclass(frozen=True)
class Entry:
    ref: str  # 'R1', 'R2' ... in the order of the register
    applies_to: str  # 'Plan-wide' or a measure code
    risk: str
    likelihood: Rating | None
    impact: Rating | None
    owner: str
    mitigation: str

    @property
    def score(self) -> int:
        return score(self.likelihood, self.impact)


def score(likelihood: Rating | None, impact: Rating | None) -> int:
    """Likelihood x impact, 1-9; 0 when either is not rated."""
    if likelihood is None or impact is None:
        return 0
    return _POINTS[likelihood] * _POINTS[impact]


def _filled(r: Risk) -> bool:
    return bool(r.risk.strip() or r.mitigation.strip())


def risk_register(plan: Plan, catalogue: Catalogue) -> list[Entry]:
    """Plan-wide risks first, then each commitment's in catalogue order; within each group the
    highest likelihood x impact first (unrated last), otherwise as the bidder listed them."""
    groups: list[tuple[str, list[Risk]]] = [(PLAN_WIDE, [r for r in plan.risks if _filled(r)])]
    known = [c for c in plan.commitments if catalogue.has_measure(c.measure)]
    known.sort(key=lambda c: catalogue.order_of(catalogue.measure(c.measure).code))
    other = [c for c in plan.commitments if not catalogue.has_measure(c.measure)]
    for c in known + other:
        code = catalogue.measure(c.measure).code if catalogue.has_measure(c.measure) else c.measure
        groups.append((code.strip(), [r for r in c.risks if _filled(r)]))
    out: list[Entry] = []
    for where, risks in groups:
        ranked = sorted(risks, key=lambda r: -score(r.likelihood, r.impact))
        for r in ranked:
            out.append(
                Entry(
                    f"R{len(out) + 1}",
                    where,
                    " ".join(r.risk.split()),
                    r.likelihood,
                    r.impact,
                    " ".join(r.owner.split()),
                    r.mitigation.strip(),
                )
            )
    return out
