"""Personal data in delivery evidence: full postcodes are spotted; the first half is kept."""

from __future__ import annotations

import pytest

from svplan.core.personal import (
    full_postcodes,
    holds_people,
    is_outward_code,
    outward_code,
    postcode_warning,
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("New starter, lives at PR1 2HE", ["PR1 2HE"]),
        ("pr12he and M1 1AE", ["pr12he", "M1 1AE"]),
        ("SW1A 1AA", ["SW1A 1AA"]),
        ("postcode area PR1 only", []),
        ("Y1Q3 actual 12 hours, ref HR-2028-114", []),
        ("NT1 2 FTE", []),
        ("", []),
    ],
)
def test_full_postcodes_are_found(text, found):
    assert full_postcodes(text) == found


def test_the_warning_says_what_to_keep_and_changes_nothing():
    text = "Joiner, starts 3 Oct, PR2 8AB"
    warning = postcode_warning(text, "the note")
    assert warning is not None and "'PR2 8AB' in the note" in warning and "(PR2)" in warning
    assert "\n" not in warning
    assert postcode_warning("Joiner, PR2") is None
    assert text == "Joiner, starts 3 Oct, PR2 8AB"


def test_outward_codes():
    assert outward_code("pr1 2he") == "PR1"
    assert is_outward_code("PR1") and is_outward_code("sw1a") and not is_outward_code("PR1 2HE")
    assert holds_people("fte") and holds_people("employees") and not holds_people("hours")
