"""The one UK date parser: what a bid manager types is what is stored, or it is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svplan.core.dates import DateError, format_date, format_long_date, parse_date

OCT15 = dt.date(2027, 10, 15)


@pytest.mark.parametrize(
    "text",
    [
        "15/10/2027",
        "15/10/27",
        "15-10-2027",
        "15.10.2027",
        "15 Oct 2027",
        "15 October 2027",
        "Oct 15 2027",
        "Oct 15, 2027",
        "2027-10-15",
        "15th October 2027",
        "  15 oct 2027 ",
        "Friday 15 October 2027",
        "15 Oct. 2027",
    ],
)
def test_uk_forms_read_as_typed(text):
    assert parse_date(text) == OCT15


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the dates the issue saw silently changed
        ("15 Oct 2027", dt.date(2027, 10, 15)),
        ("30 Jun 2027", dt.date(2027, 6, 30)),
        ("15 April 2027", dt.date(2027, 4, 15)),
        ("01/05/2027", dt.date(2027, 5, 1)),
        ("30/06/2027", dt.date(2027, 6, 30)),
        ("1st April 2027", dt.date(2027, 4, 1)),
        ("2nd Sept 2027", dt.date(2027, 9, 2)),
        ("29/02/2028", dt.date(2028, 2, 29)),
    ],
)
def test_the_dates_that_were_changed_are_now_kept(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("31/02/2027", "February 2027 has 28 days"),
        ("29/02/2027", "February 2027 has 28 days"),
        ("15/13/2027", "no month 13"),
        ("15 Oct", "not a date"),  # no year typed: never guessed
        ("Oct 2027", "not a date"),  # no day typed
        ("15/10", "not a date"),
        ("15 Octember 2027", "'octember' is not a month"),
        ("tomorrow", "not a date"),
        ("", "no date was typed"),
        ("15/10/3027", "between 1990 and 2200"),
        ("2027-10-15T10:00", "not a date"),
    ],
)
def test_unreadable_text_is_refused_with_a_hint(text, words):
    with pytest.raises(DateError) as info:
        parse_date(text)
    message = str(info.value)
    assert words in message
    assert "\n" not in message


def test_month_day_swap_hint_for_us_style_dates():
    with pytest.raises(DateError, match="day/month/year"):
        parse_date("10/15/2027")


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_round_trip_short_form(day):
    assert parse_date(format_date(day)) == day


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_round_trip_long_and_numeric_forms(day):
    assert parse_date(format_long_date(day)) == day
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year}") == day
    assert parse_date(day.isoformat()) == day


def test_format_empty():
    assert format_date(None) == ""
    assert format_date(None, "Not set") == "Not set"
