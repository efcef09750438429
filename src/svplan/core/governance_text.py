"""Editable starting text for governance, the reporting calendar and plan-wide risks (no Qt).

The app offers these behind a "Use suggested text" button: pressing it puts the text into the
field, where the bidder sees it and edits it. Nothing here is ever printed unless it is in the
plan's field, so the Word plan says only what the bidder adopted. The text names the plan's own
people and authority where it knows them, and says "the social value lead" where it does not.
"""

from __future__ import annotations

from svplan.core.plan import Plan, Rating, Risk

__all__ = [
    "GOVERNANCE_FIELDS",
    "REPORTING_FIELDS",
    "suggested_governance",
    "suggested_reporting",
    "suggested_risks",
]

GOVERNANCE_FIELDS = ("cadence", "escalation", "flow_down", "change_control")
REPORTING_FIELDS = ("data_owner", "verification", "annual_review")


def _clean(text: str) -> str:
    return " ".join(text.split())


def _lead(plan: Plan) -> str:
    name, role = _clean(plan.lead.name), _clean(plan.lead.role)
    if name and role:
        return f"{name} ({role})"
    return name or (f"our {role}" if role else "the social value lead")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _authority(plan: Plan) -> str:
    return _clean(plan.bid.authority) or "the contracting authority"


def _sponsor(plan: Plan) -> str:
    name = _clean(plan.governance.sponsor.name)
    return name or "the executive sponsor"


def suggested_governance(plan: Plan) -> dict[str, str]:
    """Starting text for Governance.cadence, escalation, flow_down and change_control."""
    lead, sponsor, authority = _lead(plan), _sponsor(plan), _authority(plan)
    return {
        "cadence": (
            f"A monthly social value meeting, chaired by {lead}, with the owner of each "
            f"commitment, reviews progress against the yearly profile, the evidence collected "
            f"and the risk register. {_capital(sponsor)} reviews progress each "
            f"quarter before the return is submitted, and progress is a standing item at the "
            f"contract review meetings with {authority}."
        ),
        "escalation": (
            f"A commitment that falls behind its profile for a quarter is raised by its owner "
            f"with {lead}, who agrees a recovery action with a date. If it is still behind the "
            f"next quarter, it goes to {sponsor}, and {authority} is told at the next contract "
            f"review, with the recovery plan."
        ),
        "flow_down": (
            "Subcontractors whose work delivers a commitment take on that part of it in their "
            "subcontract: the target, the evidence to keep and the monthly return to us. New "
            "subcontractors are briefed on the plan at their start meeting, and their social "
            "value figures are checked with ours before each quarterly return."
        ),
        "change_control": (
            f"A change to a target, a profile or a partner is agreed with {authority} before it "
            f"takes effect and is recorded as a new version of this plan, with the reason and "
            f"the date. The commitments as awarded stay on record, so progress is always "
            f"measured against them."
        ),
    }


def suggested_reporting(plan: Plan) -> dict[str, str]:
    """Starting text for ReportingPlan.data_owner, verification and annual_review."""
    lead, sponsor, authority = _lead(plan), _sponsor(plan), _authority(plan)
    return {
        "data_owner": _capital(lead),
        "verification": (
            "Each figure is backed by the evidence listed for its commitment. Before each return "
            f"{lead} checks a sample of entries against payroll, finance and attendance records; "
            "figures that cannot be evidenced are left out until they can."
        ),
        "annual_review": (
            f"Once a year {lead} and {sponsor} meet {authority} to review delivery against the "
            "yearly profile of each commitment, the evidence, risks and recovery actions, and to "
            "agree the targets for the year ahead."
        ),
    }


def suggested_risks(plan: Plan) -> list[Risk]:
    """Plan-wide risks most delivery plans face, each with a mitigation, for the bidder to edit."""
    lead_owner = _clean(plan.lead.name) or _clean(plan.lead.role)
    rows = (  # risk, mitigation, likelihood, impact, owner
        (
            "Social value knowledge is lost when the bid team hands over to the site team",
            f"{_capital(_lead(plan))} briefs each commitment owner at mobilisation; the plan and "
            "its evidence requirements are part of the contract start meeting.",
            Rating.MEDIUM,
            Rating.HIGH,
            lead_owner,
        ),
        (
            "Evidence is incomplete when a quarterly return is due",
            "Evidence is collected monthly, with the figures, and checked before each return; "
            "figures without evidence are held back until they have it.",
            Rating.MEDIUM,
            Rating.MEDIUM,
            lead_owner,
        ),
        (
            "The contract's scope, value or programme changes",
            "Targets and profiles are reviewed with the authority through change control, and "
            "the plan is reissued with the agreed changes.",
            Rating.LOW,
            Rating.MEDIUM,
            _clean(plan.governance.sponsor.name),
        ),
    )
    return [
        Risk(risk=risk, mitigation=mitigation, likelihood=likelihood, impact=impact, owner=owner)
        for risk, mitigation, likelihood, impact, owner in rows
    ]
