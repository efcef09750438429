"""Readiness checks: what an evaluator or the council would pick on before the plan is sent."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from svplan.core.catalogue import Catalogue
from svplan.core.edits import engaged_partner_ids
from svplan.core.plan import Commitment, Plan

YEARLY_TOLERANCE = 1e-6


class Severity(StrEnum):
    PROBLEM = "problem"  # the plan is not ready to send
    WARNING = "warning"  # worth a look; the plan can still be sent


@dataclass(frozen=True)
class Finding:
    """One thing to fix, tied to a measure code ("" for the plan as a whole)."""

    code: str
    message: str
    severity: Severity = Severity.PROBLEM
    # a double-counting caution: the Word plan answers it in "Counting and additionality"
    counting: bool = False

    def __str__(self) -> str:
        where = self.code or "Plan"
        return f"{where}: {self.message}"


def check_plan(plan: Plan, catalogue: Catalogue) -> list[Finding]:
    """Every finding for the plan, plan-wide ones first, then by measure in catalogue order."""
    findings = _check_bid(plan)
    if not plan.commitments:
        findings.append(Finding("", "no measures are committed to yet"))
    seen: set[str] = set()
    ordered = sorted(plan.commitments, key=lambda c: catalogue.order_of(c.measure.upper()))
    for c in ordered:
        key = c.measure.upper()
        if key in seen:
            findings.append(Finding(c.measure, "is listed more than once; merge the commitments"))
            continue
        seen.add(key)
        findings += _check_commitment(c, plan, catalogue)
    findings += _check_overlaps(plan, catalogue)
    return findings


def _check_bid(plan: Plan) -> list[Finding]:
    bid = plan.bid
    missing = [
        label
        for label, value in (
            ("tender title", bid.title),
            ("bidder", bid.bidder),
            ("contracting authority", bid.authority),
            ("contract start date", bid.start),
            ("contract length in months", bid.months),
        )
        if not value
    ]
    out = []
    if missing:
        out.append(Finding("", "contract details missing: " + ", ".join(missing)))
    if plan.lead.is_empty() or not plan.lead.name:
        out.append(Finding("", "no social value lead is named", Severity.WARNING))
    return out


def _check_commitment(c: Commitment, plan: Plan, catalogue: Catalogue) -> list[Finding]:
    code = c.measure
    out: list[Finding] = []
    if not catalogue.has_measure(code):
        out.append(Finding(code, f"is not a measure of {catalogue.info.title}"))
        return out
    measure = catalogue.measure(code)
    unit = catalogue.unit(measure.unit)
    if c.target is None:
        out.append(Finding(code, "has no target"))
    elif c.target == 0:
        out.append(Finding(code, "has a target of zero"))
    elif c.target > unit.maximum:
        out.append(Finding(code, f"target {unit.format(c.target)} is unrealistically large"))
    if c.yearly:
        years = plan.bid.years
        if years is not None and len(c.yearly) > years:
            out.append(
                Finding(
                    code,
                    f"has figures for {len(c.yearly)} years but the contract runs "
                    f"{years} year{'s' if years != 1 else ''}",
                )
            )
        if catalogue.is_level(code):  # a level held each year (100/100/100), never a sum
            out += [
                Finding(code, f"year {i}: {unit.format(v)} is over {unit.format(unit.maximum)}")
                for i, v in enumerate(c.yearly, start=1)
                if v > unit.maximum
            ]
        elif c.target is not None and abs(sum(c.yearly) - c.target) > YEARLY_TOLERANCE * max(
            1.0, c.target
        ):
            out.append(
                Finding(
                    code,
                    f"yearly figures add up to {unit.format(sum(c.yearly))}, "
                    f"not the target of {unit.format(c.target)}",
                )
            )
    if c.review:  # figures scaled from a past bid (core.reuse) until the user confirms them
        from svplan.core.reuse import review_text

        out.append(Finding(code, f"check the {review_text(c.review)} scaled from a past bid"))
    if not c.owner.strip():
        out.append(Finding(code, "has no owner"))
    start, end = plan.bid.start, plan.bid.end
    for i, action in enumerate(c.actions, start=1):
        label = f"action {i}" + (f" ({_short(action.action)})" if action.action else "")
        if not action.action.strip():
            out.append(Finding(code, f"{label} has no description"))
        if action.due is None:
            out.append(Finding(code, f"{label} has no due date"))
        elif start and action.due < start:
            out.append(Finding(code, f"{label} is due before the contract starts"))
        elif end and action.due > end:
            out.append(Finding(code, f"{label} is due after the contract ends"))
    partners = engaged_partner_ids(catalogue, code, c)
    if not partners and not c.actions:
        out.append(Finding(code, "has no partner and no action: say how it will be delivered"))
    for pid in c.partners or []:
        if not catalogue.has_partner(pid):
            out.append(Finding(code, f"names partner '{pid}', which is not in the catalogue"))
    if not c.evidence.strip():
        out.append(Finding(code, "does not say what evidence will be kept", Severity.WARNING))
    if c.reporting is None:  # never a silent "quarterly": the bidder chooses, visibly
        out.append(Finding(code, "reporting frequency is not set", Severity.WARNING))
    out += _check_roles(c, catalogue)
    return out


def _check_roles(c: Commitment, catalogue: Catalogue) -> list[Finding]:
    """Partners named on the commitment: known to the catalogue, with an engagement status."""
    out: list[Finding] = []
    for role in c.roles:
        pid = role.partner.strip()
        if not catalogue.has_partner(pid):
            out.append(Finding(c.measure, f"names partner '{pid}', which is not in the catalogue"))
            continue
        name = catalogue.partner(pid).name
        if role.status is None:
            out.append(
                Finding(c.measure, f"{name}: no engagement status is recorded", Severity.WARNING)
            )
        if not role.role.strip():
            out.append(
                Finding(
                    c.measure,
                    f"{name}: its role on this contract is not described",
                    Severity.WARNING,
                )
            )
    return out


def _check_overlaps(plan: Plan, catalogue: Catalogue) -> list[Finding]:
    codes = {c.measure for c in plan.commitments if catalogue.has_measure(c.measure)}
    codes = {catalogue.measure(c).code for c in codes}
    out = []
    disadvantaged = sorted(
        (c for c in codes if catalogue.measure(c).disadvantaged), key=catalogue.order_of
    )
    if len(disadvantaged) >= 2:
        out.append(
            Finding(
                ", ".join(disadvantaged),
                "one person may be counted under only one of these disadvantaged-group "
                "measures; make sure nobody is counted twice",
                Severity.WARNING,
                counting=True,
            )
        )
    for overlap in catalogue.overlaps_among(codes):
        shown = sorted((c for c in overlap.codes if c in codes), key=catalogue.order_of)
        out.append(Finding(", ".join(shown), overlap.warning, Severity.WARNING, counting=True))
    return out


def outstanding(findings: list[Finding]) -> list[Finding]:
    """What still makes an exported plan a DRAFT: every finding except the double-counting
    cautions, which the plan itself answers with its counting rules (they cannot be cleared
    otherwise: committing to NT9 and NT10 together is allowed)."""
    return [f for f in findings if not f.counting]


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def count_problems(findings: list[Finding]) -> int:
    """How many findings are problems (the rest are warnings)."""
    return sum(f.severity is Severity.PROBLEM for f in findings)


def worst(findings: list[Finding]) -> Severity | None:
    """The most serious severity among the findings (None when there are none)."""
    if not findings:
        return None
    return Severity.PROBLEM if count_problems(findings) else Severity.WARNING


def summary(findings: list[Finding]) -> str:
    """'Ready' or '3 problems, 2 warnings' for status bars and the CLI."""
    problems = count_problems(findings)
    warnings = len(findings) - problems
    if not findings:
        return "Ready to export"
    parts = []
    if problems:
        parts.append(f"{problems} problem{'s' if problems != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts)
