"""svplan.export.text: cleaning user text, dates, money and links (pure functions)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from svplan.export.text import (
    WRAP_EVERY,
    clean_text,
    display_url,
    email_link,
    format_date,
    format_money,
    format_number,
    is_blank,
    paragraphs_of,
    sanitize,
    web_link,
    wrap_long_words,
)

ZWSP = "\u200b"


def test_clean_text_removes_what_xml_cannot_hold():
    dirty = "a\x00b\x01c\x08d\x0be\x0cf\x1fg\ufffeh\uffffi\ud800j\x7fk\x9fl"
    assert clean_text(dirty) == "abcdefghijkl"


def test_clean_text_keeps_emoji_rtl_accents_and_newlines():
    text = "Café 👩🏽‍🔧 مرحبا بالعالم שלום\nnext line"
    assert clean_text(text) == text


def test_line_endings_and_tabs():
    assert clean_text("a\r\nb\rc\u2028d\x85e") == "a\nb\nc\nd\ne"
    assert clean_text("a\tb") == "a b"
    assert sanitize("  keep  ") == "  keep  "
    assert clean_text("  trim  ") == "trim"


def test_is_blank():
    assert is_blank(None) and is_blank("") and is_blank(" \t\n\x00 ") and is_blank(ZWSP)
    assert not is_blank(" x ")


def test_paragraphs_split_at_blank_lines_only():
    assert paragraphs_of("one\ntwo\n\n\nthree\n \nfour") == ["one\ntwo", "three", "four"]
    assert paragraphs_of("  ") == []


def test_long_words_get_break_opportunities():
    word = "x" * 100
    wrapped = wrap_long_words(f"short {word} end")
    assert wrapped.replace(ZWSP, "") == f"short {word} end"
    assert all(len(part) <= WRAP_EVERY for part in wrapped.split(" ")[1].split(ZWSP))
    assert wrap_long_words(wrapped) == wrapped  # idempotent
    assert wrap_long_words("a normal sentence with words") == "a normal sentence with words"


def test_wrapping_never_splits_an_emoji_sequence_or_accent():
    family = "👨\u200d👩\u200d👧\u200d👦"
    text = ("é" * 39) + "e\u0301" + family * 20 + "👍🏽" * 30
    wrapped = wrap_long_words(text)
    for i, ch in enumerate(wrapped):
        if ch == ZWSP:
            assert wrapped[i - 1] != "\u200d" and wrapped[i + 1] not in "\u200d\u0301\U0001f3fd"


@given(st.text())
def test_cleaned_text_is_always_valid_xml_text(text):
    cleaned = wrap_long_words(clean_text(text))
    etree.Element("t").text = cleaned  # raises ValueError for anything XML cannot hold
    assert wrap_long_words(cleaned) == cleaned


def test_dates_and_money():
    assert format_date(dt.date(2027, 4, 1)) == "1 April 2027"
    assert format_date(dt.date(2026, 11, 25)) == "25 November 2026"
    assert format_money(2_500_000) == "£2,500,000"
    assert format_money(12.5) == "£12.50"
    assert format_number(2.50) == "2.5" and format_number(1234) == "1,234"


@pytest.mark.parametrize(
    ("given_url", "expected"),
    [
        ("https://lancsvp.org.uk/", "https://lancsvp.org.uk/"),
        ("http://www.tlc.ac.uk", "http://www.tlc.ac.uk"),
        ("www.boostbusinesslancashire.co.uk", "https://www.boostbusinesslancashire.co.uk"),
        ("WWW.EXAMPLE.ORG/x", "https://WWW.EXAMPLE.ORG/x"),
        ("  https://example.org/a?b=1&c=2  ", "https://example.org/a?b=1&c=2"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("ftp://example.org", None),
        ("data:text/html,hi", None),
        ("https://", None),
        ("https://exa mple.org", None),
        ("example.org", None),
        ("", None),
        (None, None),
    ],
)
def test_web_links_are_only_http_or_https(given_url, expected):
    assert web_link(given_url) == expected


def test_display_url():
    assert display_url("https://lancsvp.org.uk/") == "lancsvp.org.uk"
    assert display_url("http://www.tlc.ac.uk") == "www.tlc.ac.uk"
    assert display_url("www.x.org/a/") == "www.x.org/a"


@pytest.mark.parametrize(
    ("given_email", "expected"),
    [
        ("PAM.ALDREN@DWP.GOV.UK", "mailto:PAM.ALDREN@DWP.GOV.UK"),
        ("mailto:sam@example.com", "mailto:sam@example.com"),
        ("sam@example", None),
        ("not an email", None),
        ("a@b.c>d", None),
        ("", None),
    ],
)
def test_email_links(given_email, expected):
    assert email_link(given_email) == expected
