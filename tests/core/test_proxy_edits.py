"""Values typed in the editor: pure edits of the proxy table, exact money, no silent defaults.

The values are MADE UP FOR TESTS — not real proxy values.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from svplan.core.amounts import AmountError
from svplan.core.plan import Plan
from svplan.core.proxy_edits import (
    parse_proxy_value,
    with_per_level,
    with_source,
    with_value,
    without_table,
)


def test_typing_values_builds_and_empties_the_table(lancashire):
    plan = Plan()
    one = with_value(plan, lancashire, "nt3d", Decimal("12.50"))
    assert plan.proxies is None  # the original is untouched
    assert [(v.measure, v.value) for v in one.proxies.values] == [("NT3d", Decimal("12.50"))]
    two = with_value(one, lancashire, "NT3D", Decimal("13"))
    assert [(v.measure, v.value) for v in two.proxies.values] == [("NT3d", Decimal("13"))]
    assert with_value(two, lancashire, "NT3d", None).proxies is None  # nothing left: no table
    named = with_source(two, "  Made-up   calculator ")
    assert named.proxies.source == "Made-up calculator"
    assert with_value(named, lancashire, "NT3d", None).proxies.source == "Made-up calculator"
    assert without_table(named).proxies is None


def test_per_level_rule(lancashire):
    plan = with_value(Plan(), lancashire, "NT41", Decimal("1000"))
    assert with_per_level(plan, "nt41", True).proxies.values[0].per_level
    assert with_per_level(Plan(), "NT41", True).proxies is None


@pytest.mark.parametrize(("text", "value"), [("£1,250", "1250"), ("0.10", "0.10"), ("2k", "2000")])
def test_parse_proxy_value(text, value):
    assert parse_proxy_value(text) == Decimal(value)
    assert "E" not in str(parse_proxy_value(text))


@pytest.mark.parametrize("text", ["-1", "NaN", "£1,2,3", "12,50"])
def test_parse_proxy_value_refuses(text):
    with pytest.raises(AmountError):
        parse_proxy_value(text)
    assert parse_proxy_value("  ") is None
