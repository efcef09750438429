"""Starting a new bid from a past one: what is kept, what is cleared, and the scaled figures
marked for review until the user confirms them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from svplan.core.plan import Action, Answer, Bid, Commitment, Engagement, PartnerRole, Plan
from svplan.core.planio import load_plan
from svplan.core.reuse import confirm, needs_review, plan_from_past_bid, review_text
from tests.conftest import SAMPLE_PLAN


def sample(lancashire) -> Plan:
    return load_plan(SAMPLE_PLAN, lancashire).plan


def test_copy_keeps_delivery_detail_and_clears_the_old_bid(lancashire):
    old = sample(lancashire)
    old = old.model_copy(
        update={
            "answer": Answer(text="Our old answer", edited=True, words=750),
            "commitments": [
                old.commitments[0].model_copy(
                    update={
                        "roles": [
                            PartnerRole(
                                partner="recruit-lancashire-people",
                                role="Advertises our vacancies",
                                status=Engagement.AGREED,
                                date=dt.date(2026, 11, 1),
                            )
                        ]
                    }
                ),
                *old.commitments[1:],
            ],
        }
    )
    result = plan_from_past_bid(old, lancashire, scale=False)
    new = result.plan
    assert [c.measure for c in new.commitments] == [c.measure for c in old.commitments]
    first, was = new.commitments[0], old.commitments[0]
    assert [a.action for a in first.actions] == [a.action for a in was.actions]
    assert all(a.due is None for c in new.commitments for a in c.actions)
    assert first.owner == was.owner and first.evidence == was.evidence
    assert first.roles[0].role == "Advertises our vacancies"
    assert first.roles[0].status is None and first.roles[0].date is None
    assert new.bid.title == "" and new.bid.reference == "" and new.bid.start is None
    assert new.bid.issued is None and new.bid.bidder == old.bid.bidder
    assert new.answer.text == "" and not new.answer.edited
    assert new.lead == old.lead
    # nothing scaled: the figures are the old ones and nothing is marked
    assert [c.target for c in new.commitments] == [c.target for c in old.commitments]
    assert needs_review(new) == []


def test_scaling_to_a_bigger_contract_marks_every_changed_figure(lancashire):
    old = sample(lancashire)  # £2.5m over 36 months
    result = plan_from_past_bid(old, lancashire, value=Decimal("3000000"), months=36)
    assert result.factor == 1.2 and "£2,500,000" in result.basis and "£3,000,000" in result.basis
    nt1 = result.plan.commitment("NT1")
    assert nt1.target == 21.6 and nt1.yearly == [7.2, 7.2, 7.2]
    assert nt1.review == ["target", "yearly"]
    nt18 = result.plan.commitment("NT18")
    assert nt18.target == 900_000 and sum(nt18.yearly) == 900_000
    flagged = dict(needs_review(result.plan))
    assert set(flagged) == {c.measure for c in old.commitments}
    assert review_text(flagged["NT1"]) == "target and yearly figures"
    # the old plan object is untouched
    assert old.commitment("NT1").target == 18 and old.commitment("NT1").review == []


def test_a_longer_contract_keeps_the_profile_shape_and_adds_up(lancashire):
    old = sample(lancashire)
    result = plan_from_past_bid(old, lancashire, months=60)  # no value: scaled by length
    nt10 = result.plan.commitment("NT10")  # 520 weeks as [104, 208, 208] over 3 years
    assert len(nt10.yearly) == 5
    assert abs(sum(nt10.yearly) - nt10.target) < 1e-9
    assert nt10.target == round(520 * 60 / 36, 1)
    assert nt10.yearly[0] < nt10.yearly[1] == nt10.yearly[4]  # the ramp-up is kept
    nt31 = result.plan.commitment("NT31")  # tCO2e, two decimals
    assert abs(sum(nt31.yearly) - nt31.target) < 1e-9


def test_level_measures_are_never_scaled(lancashire):
    old = Plan(
        bid=Bid(contract_value=1_000_000, months=24),
        commitments=[Commitment(measure="NT41", target=100, yearly=[100, 100])],
    )
    result = plan_from_past_bid(old, lancashire, value=Decimal(5_000_000), months=36)
    nt41 = result.plan.commitment("NT41")
    assert nt41.target == 100 and nt41.yearly == [100, 100, 100]
    assert nt41.review == ["yearly"]  # a year was added: still worth a look


def test_small_targets_do_not_scale_to_nothing(lancashire):
    old = Plan(
        bid=Bid(contract_value=1_000_000, months=12),
        commitments=[Commitment(measure="NT20", target=2, actions=[Action(action="x")])],
    )
    result = plan_from_past_bid(old, lancashire, value=Decimal(100_000))
    assert result.plan.commitment("NT20").target == 1  # employees: whole numbers, at least 1


def test_confirming_clears_the_marker(lancashire):
    result = plan_from_past_bid(sample(lancashire), lancashire, value=Decimal(3_000_000))
    nt1 = result.plan.commitment("NT1")
    assert confirm(nt1, ["target"]).review == ["yearly"]
    assert confirm(nt1).review == []


def test_readiness_lists_what_still_needs_review(lancashire):
    from svplan.core.checks import Severity, check_plan

    result = plan_from_past_bid(sample(lancashire), lancashire, value=Decimal(3_000_000))
    findings = [f for f in check_plan(result.plan, lancashire) if "past bid" in f.message]
    assert {f.code for f in findings} == {c.measure for c in result.plan.commitments}
    nt1 = next(f for f in findings if f.code == "NT1")
    assert nt1.message == "check the target and yearly figures scaled from a past bid"
    assert nt1.severity is Severity.PROBLEM
    confirmed = result.plan.model_copy(
        update={"commitments": [confirm(c) for c in result.plan.commitments]}
    )
    assert not [f for f in check_plan(confirmed, lancashire) if "past bid" in f.message]
