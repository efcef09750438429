"""Money typed as bidders type it, kept exact."""

from __future__ import annotations

from decimal import Decimal

import pytest

from svplan.core.amounts import AmountError, parse_amount, pounds, short_pounds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£2.4m", Decimal("2400000")),
        ("2400000", Decimal("2400000")),
        ("£2,400,000", Decimal("2400000")),
        ("£750k", Decimal("750000")),
        ("2.4 million", Decimal("2400000")),
        ("£1.5bn", Decimal("1500000000")),
        ("12.50", Decimal("12.50")),
        ("£0", Decimal("0")),
        ("GBP 1,000", Decimal("1000")),
    ],
)
def test_amounts(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("-5", "negative"),
        ("£-5", "negative"),
        ("£1,2,3", "not an amount"),
        ("NaN", "not an amount"),
        ("inf", "not an amount"),
        ("lots", "not an amount"),
        ("£2000bn", "more than £1 trillion"),
        ("", "not an amount"),
    ],
)
def test_bad_amounts_are_refused(text, words):
    with pytest.raises(AmountError, match=words):
        parse_amount(text, what="contract value")


def test_display_rounds_once():
    assert pounds(Decimal("2400000")) == "£2,400,000"
    assert pounds(Decimal("0.125")) == "£0.13"
    assert pounds(Decimal("10"), pence=True) == "£10.00"
    assert short_pounds(Decimal("1320000")) == "£1.32m"
    assert short_pounds(Decimal("2400000")) == "£2.4m"
    assert short_pounds(Decimal("750000")) == "£750k"
    assert short_pounds(Decimal("950")) == "£950"
