"""Social value in £: exact Decimal arithmetic, rounded once when shown; level measures by rule.

Every proxy value here is MADE UP FOR TESTS — not real proxy values.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from svplan.core.money import (
    OTHER_THEME,
    money_text,
    pence_text,
    unit_word,
    value_commitment,
    value_plan,
)
from svplan.core.plan import Bid, Commitment, Plan, ProxyTable, ProxyValue
from svplan.core.planio import load_plan
from tests.conftest import DATA, SAMPLE_PLAN

MADE_UP = "MADE UP FOR TESTS — not real proxy values"


def table(*values: tuple[str, str] | tuple[str, str, bool]) -> ProxyTable:
    return ProxyTable(
        name="made-up",
        source=MADE_UP,
        year="2025",
        values=[
            ProxyValue(measure=v[0], value=Decimal(v[1]), per_level=bool(v[2:] and v[2]))
            for v in values
        ],
    )


def plan_with(*commitments: Commitment, value: float | None = 1_000_000, months=36) -> Plan:
    bid = Bid(contract_value=value, months=months, start=dt.date(2027, 4, 1))
    return Plan(bid=bid, commitments=list(commitments))


@pytest.fixture(scope="module")
def sample_summary(lancashire):
    from svplan.core.proxy_import import read_proxy_file

    plan = load_plan(SAMPLE_PLAN, lancashire).plan
    preview = read_proxy_file(DATA / "proxies-made-up.csv", lancashire, plan)
    return value_plan(preview.apply(plan), lancashire)


def test_sample_plan_at_the_made_up_table(sample_summary):
    s = sample_summary
    nt1 = next(i for i in s.items if i.code == "NT1")
    assert nt1.total == Decimal("180000") and nt1.years == (Decimal("60000"),) * 3
    assert nt1.basis == "18 FTE × £10,000 per FTE"
    assert s.total == Decimal("334900")
    assert s.pence_per_pound == Decimal("13.396")  # exact: 334,900 / 2,500,000 × 100
    assert s.headline() == "£334.9k, 13.4p per £1"
    assert [i.code for i in s.unvalued] == ["NT72"]
    assert s.unvalued[0].reason == "no value in the proxy table"
    assert s.by_theme[0] == ("Jobs", Decimal("248200"))
    assert [name for name, _ in s.by_theme] == ["Jobs", "Growth", "Social", "Environment"]
    assert s.years == [Decimal("104400"), Decimal("115000"), Decimal("115500")]
    assert sum(s.years) == s.total and s.unprofiled == 0


def test_money_is_exact_where_floats_are_not(lancashire):
    # 0.1 + 0.2 as floats is 0.30000000000000004; as the plan's money it is 0.30 exactly
    plan = plan_with(
        Commitment(measure="NT18", target=1), Commitment(measure="NT19", target=2), value=None
    )
    s = value_plan(plan, lancashire, table(("NT18", "0.10"), ("NT19", "0.10")))
    assert s.total == Decimal("0.30")
    assert s.pence_per_pound is None and s.headline() == "£0.30"


def test_rounded_once_when_shown(lancashire):
    # two commitments worth £0.50 each show as £1 each (half up) but total £1, not £2
    plan = plan_with(Commitment(measure="NT8", target=1), Commitment(measure="NT29", target=1))
    s = value_plan(plan, lancashire, table(("NT8", "0.5"), ("NT29", "0.5")))
    assert [money_text(i.total) for i in s.items] == ["£1", "£1"]
    assert money_text(s.total) == "£1"


def test_pence_per_pound_is_rounded_half_up_at_display():
    assert pence_text(Decimal("27.45")) == "27.5p"
    assert pence_text(Decimal("132.04")) == "132.0p"


def test_level_measure_without_a_rule_is_never_multiplied(lancashire):
    plan = plan_with(Commitment(measure="NT41", target=80, yearly=[80, 80, 80]))
    s = value_plan(plan, lancashire, table(("NT41", "1000")))
    item = s.items[0]
    assert item.total is None and s.total == 0
    assert "not multiplied" in item.reason and "per percentage point per year" in item.reason


def test_level_measure_per_point_per_year(lancashire):
    plan = plan_with(Commitment(measure="NT41", target=80))
    item = value_plan(plan, lancashire, table(("NT41", "1000", True))).items[0]
    assert item.years == (Decimal("80000"),) * 3 and item.total == Decimal("240000")
    assert item.note == "the target level is held in each contract year"
    assert item.basis == "80% each year × £1,000 per percentage point per year"


def test_level_measure_uses_the_yearly_levels_and_counts_a_part_year_in_proportion(lancashire):
    plan = plan_with(Commitment(measure="NT41", target=90, yearly=[60, 80, 90]), months=30)
    item = value_plan(plan, lancashire, table(("NT41", "1000", True))).items[0]
    assert item.years == (Decimal("60000"), Decimal("80000"), Decimal("45000"))
    assert "part year" in item.note


def test_level_measure_with_nothing_to_count_years_by(lancashire):
    plan = plan_with(Commitment(measure="NT41", target=80), months=None)
    item = value_plan(plan, lancashire, table(("NT41", "1000", True))).items[0]
    assert item.total is None and "contract length is not known" in item.reason


def test_no_target_no_value(lancashire):
    plan = plan_with(Commitment(measure="NT1"))
    item = value_plan(plan, lancashire, table(("NT1", "10000"))).items[0]
    assert item.total is None and item.reason == "no target yet"


def test_a_profile_that_does_not_add_up_is_said_and_the_target_wins(lancashire):
    plan = plan_with(Commitment(measure="NT1", target=10, yearly=[3, 3, 3]))
    item = value_plan(plan, lancashire, table(("NT1", "100"))).items[0]
    assert item.total == Decimal("1000") and sum(item.years) == Decimal("900")
    assert "adds up to 9 FTE, not the target of 10 FTE" in item.note


def test_measures_the_catalogue_lacks_are_valued_under_other(lancashire):
    plan = plan_with(Commitment(measure="XX9", target=4))
    s = value_plan(plan, lancashire, table(("xx9", "2.5")))
    assert s.items[0].total == Decimal("10.0") and s.by_theme == [(OTHER_THEME, Decimal("10.0"))]


def test_no_table_means_no_money(lancashire):
    plan = plan_with(Commitment(measure="NT1", target=1))
    assert value_plan(plan, lancashire) is None
    assert value_plan(plan, lancashire, ProxyTable(source="x")) is None


def test_codes_match_in_any_case(lancashire):
    plan = plan_with(Commitment(measure="nt3d", target=2))
    item = value_plan(plan, lancashire, table(("NT3D", "7"))).items[0]
    assert item.code == "NT3d" and item.total == Decimal("14")


def test_unit_words(lancashire):
    words = {code: unit_word(lancashire.unit_of(code)) for code in ("NT1", "NT8", "NT18", "NT41")}
    assert words == {"NT1": "FTE", "NT8": "hour", "NT18": "£1", "NT41": "percentage point"}


def test_value_commitment_without_a_value(lancashire):
    item = value_commitment(Commitment(measure="NT1", target=1), lancashire, None, Bid())
    assert not item.valued and item.basis == ""
