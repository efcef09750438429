"""Readiness checks on crafted plans (mini catalogue: NT1, NT3 disadvantaged, NT29)."""

from __future__ import annotations

import datetime as dt

from svplan.core.checks import Severity, check_plan, summary
from svplan.core.plan import Action, Bid, Commitment, Engagement, PartnerRole, Person, Plan
from tests.export.plans import bid

BID = bid()
LEAD = Person(name="Sam Taylor")


def ready(**changes) -> Commitment:
    fields = {
        "measure": "NT1",
        "target": 6,
        "owner": "HR Manager",
        "evidence": "Payroll extract",
        "actions": [Action(action="Advertise", due=dt.date(2027, 5, 1), owner="HR")],
        "reporting": "quarterly",
    }
    fields.update(changes)
    return Commitment(**fields)


def messages(plan: Plan, catalogue) -> list[str]:
    return [str(f) for f in check_plan(plan, catalogue)]


def test_a_complete_plan_has_no_findings(mini_catalogue):
    plan = Plan(bid=BID, lead=LEAD, commitments=[ready()])
    assert check_plan(plan, mini_catalogue) == []
    assert summary([]) == "Ready to export"


def test_missing_contract_details_are_named(mini_catalogue):
    plan = Plan(bid=Bid(title="T"), lead=LEAD, commitments=[ready()])
    found = messages(plan, mini_catalogue)
    assert found[0] == (
        "Plan: contract details missing: bidder, contracting authority, contract start date, "
        "contract length in months"
    )


def test_empty_plan_and_no_lead(mini_catalogue):
    found = messages(Plan(bid=BID), mini_catalogue)
    assert "Plan: no measures are committed to yet" in found
    assert "Plan: no social value lead is named" in found


def test_commitment_problems_each_have_a_sentence(mini_catalogue):
    plan = Plan(
        bid=BID,
        lead=LEAD,
        commitments=[
            ready(target=None, owner="", evidence=""),
        ],
    )
    found = messages(plan, mini_catalogue)
    assert "NT1: has no target" in found
    assert "NT1: has no owner" in found
    assert "NT1: does not say what evidence will be kept" in found


def test_yearly_figures_must_add_up_and_fit_the_contract(mini_catalogue):
    plan = Plan(bid=BID, lead=LEAD, commitments=[ready(yearly=[2, 2, 2, 1])])
    found = messages(plan, mini_catalogue)
    assert "NT1: has figures for 4 years but the contract runs 3 years" in found
    assert "NT1: yearly figures add up to 7 FTE, not the target of 6 FTE" in found
    fine = Plan(bid=BID, lead=LEAD, commitments=[ready(yearly=[2, 2.5, 1.5])])
    assert check_plan(fine, mini_catalogue) == []


def test_action_dates_must_be_set_and_inside_the_contract(mini_catalogue):
    actions = [
        Action(action="No date"),
        Action(action="Too early", due=dt.date(2027, 1, 1)),
        Action(action="Too late", due=dt.date(2030, 4, 1)),
        Action(action="Last day", due=dt.date(2030, 3, 31)),
    ]
    found = messages(Plan(bid=BID, lead=LEAD, commitments=[ready(actions=actions)]), mini_catalogue)
    assert "NT1: action 1 (No date) has no due date" in found
    assert "NT1: action 2 (Too early) is due before the contract starts" in found
    assert "NT1: action 3 (Too late) is due after the contract ends" in found
    assert not any("Last day" in f for f in found)


def test_no_partner_and_no_action(mini_catalogue):
    plan = Plan(bid=BID, lead=LEAD, commitments=[ready(partners=[], actions=[])])
    assert "NT1: has no partner and no action: say how it will be delivered" in messages(
        plan, mini_catalogue
    )
    suggested = Plan(bid=BID, lead=LEAD, commitments=[ready(actions=[])])
    assert check_plan(suggested, mini_catalogue) == []


def test_two_disadvantaged_measures_warn_about_double_counting(mini_catalogue):
    other = ready(measure="NT3")
    plan = Plan(bid=BID, lead=LEAD, commitments=[ready(measure="NT3"), other.model_copy()])
    found = check_plan(plan, mini_catalogue)
    assert any("more than once" in f.message for f in found)


def test_catalogue_overlaps_warn(mini_catalogue):
    plan = Plan(bid=BID, lead=LEAD, commitments=[ready(), ready(measure="NT29", target=10)])
    found = check_plan(plan, mini_catalogue)
    overlap = [f for f in found if f.code == "NT1, NT29"]
    assert overlap and overlap[0].severity is Severity.WARNING


def test_unknown_measure_and_partner_are_problems(mini_catalogue):
    plan = Plan(bid=BID, lead=LEAD, commitments=[ready(measure="NT99"), ready(partners=["nobody"])])
    found = messages(plan, mini_catalogue)
    assert "NT99: is not a measure of Mini TOMs" in found
    assert "NT1: names partner 'nobody', which is not in the catalogue" in found


def test_summary_counts_problems_and_warnings(mini_catalogue):
    plan = Plan(bid=BID, commitments=[ready(owner="")])
    assert summary(check_plan(plan, mini_catalogue)) == "1 problem, 1 warning"


def test_a_level_held_each_year_is_not_a_sum(lancashire):
    """NT41's % of staff at 100/100/100 is a level kept each year, not 300%."""
    nt41 = ready(measure="NT41", target=100, yearly=[100, 100, 100])
    plan = Plan(bid=BID, lead=LEAD, commitments=[nt41])
    found = messages(plan, lancashire)
    assert not any("add up" in f or "300" in f for f in found), found
    assert check_plan(plan, lancashire) == []
    over = ready(measure="NT41", target=100, yearly=[100, 110, 100])
    found = messages(Plan(bid=BID, lead=LEAD, commitments=[over]), lancashire)
    assert found == ["NT41: year 2: 110% is over 100%"]


def test_reporting_left_unset_is_a_finding_not_a_default(mini_catalogue):
    plan = Plan(bid=BID, lead=LEAD, commitments=[ready(reporting=None)])
    found = check_plan(plan, mini_catalogue)
    assert [str(f) for f in found] == ["NT1: reporting frequency is not set"]
    assert found[0].severity is Severity.WARNING


def test_partner_roles_need_a_known_partner_a_status_and_a_role(mini_catalogue):
    partner = mini_catalogue.partners[0]
    roles = [
        PartnerRole(partner=partner.id),
        PartnerRole(partner="nobody", role="Mentoring", status=Engagement.AGREED),
    ]
    found = messages(Plan(bid=BID, lead=LEAD, commitments=[ready(roles=roles)]), mini_catalogue)
    assert f"NT1: {partner.name}: no engagement status is recorded" in found
    assert f"NT1: {partner.name}: its role on this contract is not described" in found
    assert "NT1: names partner 'nobody', which is not in the catalogue" in found
    done = [PartnerRole(partner=partner.id, role="Refers candidates", status=Engagement.LETTER)]
    assert (
        check_plan(Plan(bid=BID, lead=LEAD, commitments=[ready(roles=done)]), mini_catalogue) == []
    )
