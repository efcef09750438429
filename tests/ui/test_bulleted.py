"""Long lists in message boxes: the first few as bullets, then how many more (dialogs.bulleted)."""

from __future__ import annotations

from svplan.ui.dialogs import bulleted


def test_a_short_list_is_all_bullets() -> None:
    assert bulleted(["one", "two"], 6) == "• one\n• two"


def test_a_long_list_stops_at_the_limit_and_says_how_many_are_left() -> None:
    problems = [f"problem {i}" for i in range(1, 9)]
    text = bulleted(problems, 6, "…and {n} more", capital=True)
    assert text.splitlines() == [*(f"• Problem {i}" for i in range(1, 7)), "…and 2 more"]
    assert bulleted(problems, 5).splitlines()[-1] == "…"
