"""After the award: baseline, variations, the quarterly profile, the four status levels, level
measures and recovery actions (core/delivery.py, core/actuals.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from svplan.core.actuals import add_recovery, parse_actual, put_actuals, set_actual
from svplan.core.delivery import (
    DeliveryError,
    Level,
    award,
    delivery_status,
    drift,
    effective,
    latest_reported,
    level_for,
    vary,
)
from svplan.core.errors import PlanError
from svplan.core.plan import Actual, Plan, RecoveryAction, Thresholds
from svplan.core.planio import dump_plan, parse_plan

D = dt.date


def contract(*commitments: dict, months: int = 24) -> Plan:
    """A plan starting 1 June 2027 (so Y1Q1 is 1 Jun - 31 Aug 2027)."""
    return Plan.model_validate(
        {
            "bid": {"title": "Test", "start": D(2027, 6, 1), "months": months},
            "commitments": list(commitments),
        }
    )


def awarded(*commitments: dict, months: int = 24) -> Plan:
    return award(contract(*commitments, months=months), D(2027, 5, 1))


def with_actuals(plan: Plan, code: str, values: list[float]) -> Plan:
    keys = [f"Y{i // 4 + 1}Q{i % 4 + 1}" for i in range(len(values))]
    return put_actuals(
        plan, [Actual(measure=code, quarter=k, actual=v) for k, v in zip(keys, values, strict=True)]
    )


def status_of(plan: Plan, catalogue, code: str):
    return next(c for c in delivery_status(plan, catalogue).commitments if c.code == code)


# The award ---------------------------------------------------------------------------------------


def test_award_copies_targets_and_profiles_into_the_baseline():
    plan = awarded({"measure": "NT1", "target": 8, "yearly": [4, 4]}, {"measure": "NT29"})
    assert plan.delivery.awarded == D(2027, 5, 1)
    assert [(b.measure, b.target, b.yearly) for b in plan.delivery.baseline] == [
        ("NT1", 8, [4, 4]),
        ("NT29", None, None),
    ]


def test_award_is_refused_twice_without_dates_and_without_commitments():
    plan = awarded({"measure": "NT1", "target": 8})
    with pytest.raises(DeliveryError, match="already marked awarded on 1 May 2027"):
        award(plan, D(2027, 6, 1))
    undated = Plan.model_validate({"commitments": [{"measure": "NT1", "target": 1}]})
    with pytest.raises(DeliveryError, match="contract start date and length"):
        award(undated, D(2027, 5, 1))
    with pytest.raises(DeliveryError, match="no commitments"):
        award(contract(), D(2027, 5, 1))


def test_the_delivery_record_round_trips_through_the_file(mini_catalogue):
    plan = with_actuals(awarded({"measure": "NT1", "target": 8, "yearly": [4, 4]}), "NT1", [1, 2])
    again = parse_plan(dump_plan(plan)).plan
    assert again.delivery == plan.delivery


# The quarterly profile and the four levels -------------------------------------------------------


def test_a_years_figure_is_spread_evenly_over_its_quarters(mini_catalogue):
    plan = with_actuals(awarded({"measure": "NT1", "target": 12, "yearly": [8, 4]}), "NT1", [0] * 6)
    rows = status_of(plan, mini_catalogue, "NT1").quarters
    assert [r.period.key for r in rows] == ["Y1Q1", "Y1Q2", "Y1Q3", "Y1Q4", "Y2Q1", "Y2Q2"]
    assert [r.due for r in rows] == [2, 2, 2, 2, 1, 1]
    assert [r.to_date for r in rows] == [2, 4, 6, 8, 9, 10]
    assert rows[0].period.dates == "1 Jun – 31 Aug 2027"


def test_a_target_without_a_yearly_profile_is_spread_over_the_contract_years(mini_catalogue):
    plan = with_actuals(awarded({"measure": "NT29", "target": 100}), "NT29", [10])
    row = status_of(plan, mini_catalogue, "NT29")
    assert row.effective.years == (50, 50)
    assert "spread evenly over the 2 contract years" in row.effective.basis
    assert row.now.to_date == 12.5


@pytest.mark.parametrize(
    ("delivered", "level"),
    [
        (95, Level.GOOD),  # exactly 95% of the profile to date
        (120, Level.GOOD),
        (94.9, Level.APPROACHING),
        (80, Level.APPROACHING),
        (79.9, Level.REQUIRES_IMPROVEMENT),
        (50, Level.REQUIRES_IMPROVEMENT),
        (49.9, Level.INADEQUATE),
        (0, Level.INADEQUATE),
    ],
)
def test_each_threshold_gives_its_level(mini_catalogue, delivered, level):
    # 400 hours over a year: 100 due by the end of Y1Q1
    plan = with_actuals(awarded({"measure": "NT29", "target": 400}, months=12), "NT29", [delivered])
    row = status_of(plan, mini_catalogue, "NT29")
    assert row.now.to_date == 100
    assert row.level is level
    assert row.label == level.value


def test_thresholds_are_the_plans_own(mini_catalogue):
    plan = with_actuals(awarded({"measure": "NT29", "target": 400}, months=12), "NT29", [90])
    assert status_of(plan, mini_catalogue, "NT29").level is Level.APPROACHING
    lenient = Thresholds(good=0.9, approaching=0.7, requires_improvement=0.4)
    plan = plan.model_copy(
        update={"delivery": plan.delivery.model_copy(update={"thresholds": lenient})}
    )
    assert status_of(plan, mini_catalogue, "NT29").level is Level.GOOD
    assert level_for(0.69, lenient) is Level.REQUIRES_IMPROVEMENT
    assert level_for(0.39, lenient) is Level.INADEQUATE


def test_thresholds_that_go_up_are_refused_when_the_file_is_read():
    text = dump_plan(awarded({"measure": "NT1", "target": 1}))
    assert "    good: 0.95\n" in text
    text = text.replace("    good: 0.95\n", "    good: 0.5\n")
    with pytest.raises(PlanError, match="thresholds must go down") as caught:
        parse_plan(text)
    assert "\n" not in caught.value.message


def test_nothing_due_yet_is_good_and_no_target_is_not_rated(mini_catalogue):
    plan = awarded({"measure": "NT1", "target": 4, "yearly": [0, 4]}, {"measure": "NT29"})
    plan = with_actuals(plan, "NT1", [0])
    status = delivery_status(plan, mini_catalogue)
    nt1, nt29 = status.commitments
    assert nt1.level is Level.GOOD and nt1.now.ratio is None
    assert nt29.level is None and nt29.label == "Not rated"
    assert status.counts == {
        "Good": 1,
        "Approaching target": 0,
        "Requires improvement": 0,
        "Inadequate": 0,
        "Not rated": 1,
    }
    assert not status.all_good


def test_the_default_quarter_is_the_latest_with_any_actual(mini_catalogue):
    plan = awarded({"measure": "NT1", "target": 8}, {"measure": "NT29", "target": 8})
    assert latest_reported(plan) is None
    plan = put_actuals(
        plan,
        [
            Actual(measure="NT1", quarter="Y1Q2", actual=1),
            Actual(measure="NT29", quarter="Y2Q1", actual=1),
        ],
    )
    assert latest_reported(plan).key == "Y2Q1"
    assert [len(c.quarters) for c in delivery_status(plan, mini_catalogue).commitments] == [5, 5]


# Level measures ----------------------------------------------------------------------------------


def test_a_level_measure_compares_levels_and_never_adds_them_up(lancashire):
    plan = awarded({"measure": "NT41", "target": 100, "yearly": [90, 100]})
    plan = put_actuals(
        plan,
        [
            Actual(measure="NT41", quarter="Y1Q1", actual=86),
            Actual(measure="NT41", quarter="Y1Q2", actual=90),
            Actual(measure="NT41", quarter="Y2Q1", actual=96),
        ],
    )
    row = status_of(plan, lancashire, "NT41")
    assert row.level_measure
    by_key = {r.period.key: r for r in row.quarters}
    assert by_key["Y1Q1"].to_date == 90 and by_key["Y1Q1"].cumulative == 86  # 96%: Good
    assert by_key["Y1Q1"].level is Level.GOOD
    # nothing reported in Y1Q3: the latest level (90) still stands; it is not 86 + 90
    assert by_key["Y1Q3"].cumulative == 90 and by_key["Y1Q3"].actual is None
    assert by_key["Y2Q1"].to_date == 100 and by_key["Y2Q1"].cumulative == 96
    assert row.level is Level.GOOD
    lower = put_actuals(plan, [Actual(measure="NT41", quarter="Y2Q1", actual=75)])
    assert status_of(lower, lancashire, "NT41").level is Level.REQUIRES_IMPROVEMENT


def test_a_level_without_a_yearly_profile_is_the_target_every_year(lancashire):
    plan = with_actuals(awarded({"measure": "NT41", "target": 80}), "NT41", [80, 80, 80, 80, 70])
    row = status_of(plan, lancashire, "NT41")
    assert row.effective.years == (80, 80)
    assert row.now.to_date == 80 and row.now.cumulative == 70
    assert row.level is Level.APPROACHING  # 87.5%


# Variations --------------------------------------------------------------------------------------


def test_a_variation_keeps_the_baseline_and_changes_what_is_rated(mini_catalogue):
    plan = awarded({"measure": "NT29", "target": 400, "yearly": [200, 200]})
    varied = vary(
        plan,
        mini_catalogue,
        "nt29",
        D(2028, 1, 10),
        "School closed",
        target=300,
        yearly=[200, 100],
    )
    assert [(b.target, b.yearly) for b in varied.delivery.baseline] == [(400, [200, 200])]
    assert varied.commitment("NT29").target == 300
    assert varied.commitment("NT29").yearly == [200, 100]
    v = varied.delivery.variations[0]
    assert (v.date, v.measure, v.reason, v.target) == (D(2028, 1, 10), "NT29", "School closed", 300)
    now = effective(varied, "NT29", mini_catalogue)
    assert (now.target, now.years, now.in_baseline) == (300, (200, 100), True)
    varied = with_actuals(varied, "NT29", [50, 50, 50, 50, 25])
    assert status_of(varied, mini_catalogue, "NT29").now.to_date == 225
    assert not drift(varied, mini_catalogue)
    # the file keeps both
    again = parse_plan(dump_plan(varied)).plan
    assert again.delivery.baseline[0].target == 400
    assert again.delivery.variations[0].target == 300


def test_variations_apply_in_date_order(mini_catalogue):
    plan = awarded({"measure": "NT29", "target": 400})
    plan = vary(plan, mini_catalogue, "NT29", D(2028, 6, 1), "later", target=500)
    plan = vary(plan, mini_catalogue, "NT29", D(2028, 1, 1), "earlier", target=300)
    assert effective(plan, "NT29", mini_catalogue).target == 500


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reason": " ", "target": 3}, "needs a reason"),
        ({"day": D(2027, 4, 1), "target": 3}, "before the award"),
        ({}, "changes neither"),
        ({"target": 8}, "already in force"),
        ({"target": 10}, "adds up to 8 FTE, not the new target of 10 FTE"),
        ({"yearly": [1, 2, 3], "target": 6}, "has 3 years but the contract runs 2"),
        ({"code": "NT3", "target": 1}, "not one of the plan's commitments"),
    ],
)
def test_a_variation_that_cannot_be_made_says_why(mini_catalogue, kwargs, message):
    plan = awarded({"measure": "NT1", "target": 8, "yearly": [4, 4]})
    args = {"code": "NT1", "day": D(2028, 1, 1), "reason": "Scope change", **kwargs}
    code, day, reason = args.pop("code"), args.pop("day"), args.pop("reason")
    with pytest.raises(DeliveryError, match=message):
        vary(plan, mini_catalogue, code, day, reason, **args)


def test_a_variation_needs_the_award(mini_catalogue):
    with pytest.raises(DeliveryError, match="not marked as awarded"):
        vary(contract({"measure": "NT1", "target": 1}), mini_catalogue, "NT1", D(2028, 1, 1), "x")


def test_a_target_edited_after_the_award_without_a_variation_is_reported(mini_catalogue):
    plan = awarded({"measure": "NT1", "target": 8})
    edited = plan.model_copy(
        update={"commitments": [plan.commitments[0].model_copy(update={"target": 5})]}
    )
    (message,) = drift(edited, mini_catalogue)
    assert "plan says 5 FTE but the contract" in message and "8 FTE" in message
    # the status is measured against the contract, not the edited figure
    edited = with_actuals(edited, "NT1", [1])
    assert status_of(edited, mini_catalogue, "NT1").now.to_date == 1  # 8 / 2 years / 4
    assert delivery_status(edited, mini_catalogue).warnings == (message,)


# Recovery actions --------------------------------------------------------------------------------


def test_a_commitment_that_is_not_good_asks_for_a_recovery_action(mini_catalogue):
    plan = awarded({"measure": "NT29", "target": 800})
    plan = with_actuals(plan, "NT29", [100, 100, 50])  # 100% Good, 100% Good, 83% Approaching
    row = status_of(plan, mini_catalogue, "NT29")
    assert row.level is Level.APPROACHING and row.needs_recovery
    fixed = add_recovery(
        plan,
        RecoveryAction(
            measure="nt29", quarter="Y1Q3", action="Two more volunteering days", owner="CLO"
        ),
    )
    row = status_of(fixed, mini_catalogue, "NT29")
    assert not row.needs_recovery
    assert [r.measure for r in row.recovery] == ["NT29"]
    # back to Good, then a new slip: the old action answered the old slip, a new one is asked for
    later = with_actuals(fixed, "NT29", [100, 100, 50, 150, 0])
    assert [q.level for q in status_of(later, mini_catalogue, "NT29").quarters][-2:] == [
        Level.GOOD,
        Level.APPROACHING,
    ]
    assert status_of(later, mini_catalogue, "NT29").needs_recovery


def test_a_recovery_action_needs_words_and_a_contract_quarter(mini_catalogue):
    plan = awarded({"measure": "NT29", "target": 800})
    with pytest.raises(DeliveryError, match="needs a description"):
        add_recovery(plan, RecoveryAction(measure="NT29", quarter="Y1Q1", action=" "))
    with pytest.raises(DeliveryError, match="Y3Q1 is not a quarter of this contract"):
        add_recovery(plan, RecoveryAction(measure="NT29", quarter="Y3Q1", action="x"))


# Recording actuals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [("12", 12), (" 1,250.5 ", 1250.5), ("£3,000", 3000), ("92%", 92), ("0", 0), (".5", 0.5)],
)
def test_an_actual_is_read_as_typed(mini_catalogue, typed, value):
    assert parse_actual(typed, mini_catalogue.unit("hours")) == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-3", "is negative"),
        ("(3)", "is negative"),
        ("nan", "is not a number"),
        ("inf", "is not a number"),
        ("1e400", "is not a number"),
        ("twelve", "is not a number"),
        ("", "is empty"),
        ("20000", "more than 10,000 FTE"),
        (float("nan"), "not an ordinary number"),
        (float("-inf"), "not an ordinary number"),
        (True, "not yes/no"),
    ],
)
def test_a_bad_actual_is_one_sentence(mini_catalogue, typed, message):
    with pytest.raises(DeliveryError, match=message) as caught:
        parse_actual(typed, mini_catalogue.unit("fte"), code="NT1")
    assert "\n" not in caught.value.message


def test_set_actual_records_clears_and_refuses_outside_the_contract(mini_catalogue):
    plan = awarded({"measure": "NT1", "target": 8}, {"measure": "NT29", "target": 8})
    plan = set_actual(plan, mini_catalogue, "NT29", "y1q2", "3", note="Food bank")
    plan = set_actual(plan, mini_catalogue, "nt1", "Y1Q1", "2")
    assert [(a.measure, a.quarter, a.actual, a.note) for a in plan.delivery.actuals] == [
        ("NT1", "Y1Q1", 2, ""),
        ("NT29", "Y1Q2", 3, "Food bank"),
    ]
    plan2 = set_actual(plan, mini_catalogue, "NT29", "Y1Q2", "4")
    assert plan2.delivery.actuals[1].note == "Food bank"  # the note stays when not given
    with pytest.raises(DeliveryError, match="has a note or evidence"):
        set_actual(plan, mini_catalogue, "NT29", "Y1Q2", "")
    cleared = set_actual(plan, mini_catalogue, "NT1", "Y1Q1", None)
    assert [a.measure for a in cleared.delivery.actuals] == ["NT29"]
    with pytest.raises(DeliveryError, match=r"Y3Q1 is not a quarter .*Y1Q1 to Y2Q4"):
        set_actual(plan, mini_catalogue, "NT1", "Y3Q1", "1")
    with pytest.raises(DeliveryError, match="not marked as awarded"):
        set_actual(contract({"measure": "NT1"}), mini_catalogue, "NT1", "Y1Q1", "1")
