"""The word and character counter against reference strings whose counts Word's rules fix.

Sources for the expected counts (no copy of Word runs here, so each expectation cites where the
rule is documented):
[WT] Allen Wyatt, "Ignoring Hyphens in Word Counts", WordTips (Word 2007-365): a hyphenated
     compound is one word ("real-time video" is 2, "father-in-law" is 1).
[OF] office-forums.com, "Word 2000 line and word counts" (MVP answer): "June 30, 2003" is 3 words,
     "06/30/2003" is 1, "vis-a-vis" is 1; characters leave out spaces, tabs and paragraph marks;
     characters with spaces add the spaces but not paragraph marks.
[SF] The Saratoga Falcon, "The Common Application has an em dash dilemma": in Word a spaced em dash
     adds no word (the Common App counts it); unspaced, "beginning—phrase—end" is one token.
[LO] LibreOffice Help, "Word Count": every string between two spaces is a word, a mix of letters,
     numbers and special characters ("abc123 1.23 "$" http://www.example.com" is 4 words);
     always-visible hyphens (plug-in, add-on) keep one word. (LibreOffice, unlike Word, also
     splits at dashes; where they differ Word's rule is used.)
[WC] wordcounttool.com, "What counts as a word": numbers count, contractions are one word, URLs
     and emails are one word each, punctuation alone never counts.
[LM] Lists pasted as text: Word does not count list numbering or bullets it formats itself; a bullet
     character typed before an item is punctuation standing alone, which [WC] and [SF] say is not
     a word.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svplan.core.wordcount import count, count_words, fits

REFERENCE = [
    # (text, words, characters with spaces, characters without spaces, source)
    ("real-time video", 2, 15, 14, "WT"),
    ("Talk to your father-in-law.", 4, 27, 24, "WT"),
    ("June 30, 2003", 3, 13, 11, "OF"),
    ("06/30/2003", 1, 10, 10, "OF"),
    ("vis-a-vis", 1, 9, 9, "OF"),
    ('abc123 1.23 "$" http://www.example.com', 4, 38, 35, "LO"),
    ("plug-in add-on user/config", 3, 26, 24, "LO"),
    ("We will spend £2,400,000 locally.", 5, 33, 29, "WC"),
    ("There were 3 apples", 4, 19, 16, "WC"),
    ("Don't stop", 2, 10, 9, "WC"),
    (
        "See https://www.lancashire.gov.uk/business/social-value/ or sam.taylor@example.com",
        4,
        82,
        79,
        "WC",
    ),
    ("I love the em dash — a lot.", 7, 27, 20, "SF"),
    ("beginning—phrase—end", 1, 20, 20, "SF"),
    ("Targets – agreed with the council", 5, 33, 28, "SF"),
    ("18 FTE - 6 a year", 5, 17, 12, "SF"),
    ("• Advertise vacancies\n• Run work trials", 5, 38, 33, "LM"),
    ("- one\n- two\n* three", 3, 17, 14, "LM"),
    ("Recruit 2 apprentices (Level 3) by 30 Sep 2027.", 9, 47, 39, "WC"),
    ("10 staff x 3 hours = 30 hours", 8, 29, 22, "WC"),
    ("Skills & Employment Hub", 4, 23, 20, "LO"),
    ("NT1: 18 FTE; NT3: 3 FTE.", 6, 24, 19, "WC"),
    ("45 tCO2e over 36 months", 5, 23, 19, "WC"),
    ("", 0, 0, 0, "-"),
    ("  \n\t ", 0, 4, 0, "OF"),  # spaces and the tab count with spaces; the break does not
]


@pytest.mark.parametrize(("text", "words", "chars", "no_spaces", "source"), REFERENCE)
def test_counts_match_words_rules(text, words, chars, no_spaces, source):
    c = count(text)
    assert (c.words, c.chars, c.chars_no_spaces) == (words, chars, no_spaces), source


def test_a_character_limit_counts_line_breaks_as_a_web_form_does():
    text = "one two\nthree"
    assert count(text).chars == 12
    assert count(text).length == 14  # the break is sent as CR LF
    assert fits(text, None, 14) and not fits(text, None, 13)
    assert fits(text, 3, None) and not fits(text, 2, None)


def test_label_reads_naturally():
    assert count("one").label() == "1 word, 3 characters"
    assert count("a " * 1200).label() == "1,200 words, 2,400 characters"


@given(
    st.lists(st.sampled_from(["word", "£2,400", "well-known", "—", "•", "NT1:", "x"]), max_size=40)
)
def test_joining_with_spaces_adds_the_words(tokens):
    expected = sum(1 for t in tokens if t not in {"—", "•"})
    assert count_words(" ".join(tokens)) == expected
    assert count_words("\n".join(tokens)) == expected
