"""Contract years and quarters are dated from the contract start."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from svplan.core.periods import (
    contract_end,
    contract_quarters,
    contract_years,
    parse_quarter_key,
    quarter_of,
)
from svplan.core.plan import Bid

D = dt.date


def test_quarters_from_a_june_start():
    quarters = contract_quarters(D(2027, 6, 1), 36)
    assert len(quarters) == 12
    q1 = quarters[0]
    assert (q1.key, q1.start, q1.end) == ("Y1Q1", D(2027, 6, 1), D(2027, 8, 31))
    assert q1.dates == "1 Jun – 31 Aug 2027"
    y2q1 = quarters[4]
    assert (y2q1.key, y2q1.start, y2q1.end) == ("Y2Q1", D(2028, 6, 1), D(2028, 8, 31))
    assert quarters[-1].end == D(2030, 5, 31)


def test_years_are_labelled_with_their_dates():
    years = contract_years(D(2027, 4, 1), 36)
    assert [y.label for y in years] == [
        "Year\u00a01 (Apr 2027 – Mar 2028)",
        "Year\u00a02 (Apr 2028 – Mar 2029)",
        "Year\u00a03 (Apr 2029 – Mar 2030)",
    ]


def test_a_part_year_ends_with_the_contract():
    years = contract_years(D(2027, 4, 1), 30)
    assert len(years) == 3
    assert years[-1].end == D(2029, 9, 30)
    assert contract_quarters(D(2027, 4, 1), 31)[-1].end == D(2029, 10, 31)


def test_unknown_start_or_length_gives_no_periods():
    assert contract_years(None, 36) == []
    assert contract_quarters(D(2027, 1, 1), None) == []


def test_quarter_lookup_by_key_and_by_date():
    quarters = contract_quarters(D(2027, 6, 1), 36)
    assert quarter_of("y1q3", quarters).start == D(2027, 12, 1)
    assert quarter_of(D(2027, 10, 31), quarters).key == "Y1Q2"
    assert quarter_of("Y4Q1", quarters) is None
    assert quarter_of(D(2031, 1, 1), quarters) is None
    assert parse_quarter_key("Y0Q1") is None
    assert parse_quarter_key("Q3") is None


@given(
    st.dates(min_value=D(1990, 1, 1), max_value=D(2150, 12, 31)),
    st.integers(min_value=1, max_value=240),
)
def test_quarters_tile_the_contract_without_gaps(start, months):
    quarters = contract_quarters(start, months)
    assert quarters[0].start == start
    assert quarters[-1].end == contract_end(start, months) == Bid(start=start, months=months).end
    for before, after in itertools.pairwise(quarters):
        assert after.start == before.end + dt.timedelta(days=1)
