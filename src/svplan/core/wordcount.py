"""Counting words and characters the way Microsoft Word does, for tender word limits.

Word's rules (Review → Word Count), as documented and as tests/core/test_wordcount.py records:
- a word is a run of characters between whitespace: "real-time", "father-in-law", "£2,400",
  "06/30/2003", "don't" and "https://example.com/a-b" are one word each; "June 30, 2003" is three;
- punctuation standing alone between spaces is not a word: a spaced dash (" – ", " — ", " - ")
  and the bullet characters a list pasted as text starts with ("•", "◦", "▪", "‣", "⁃", "·", "*");
  a token with a letter, digit or symbol ("&", "$", "£", "%") is a word;
- an unspaced dash does not split ("well—known" is one word);
- "characters (no spaces)" leaves out spaces, tabs and line breaks; "characters (with spaces)"
  counts spaces and tabs but not paragraph marks (line breaks).

A *limit* on characters is checked more strictly (`fits`): every character counts, line breaks
included, as a web form's text box counts them, so text that fits here fits in Word and in a portal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NOT_WORDS = set("-‐‑‒–—―•◦▪▫‣⁃∙·*●○■□►▸➢➤✓✔→")
_BREAKS = re.compile(r"\r\n|[\n\r\v\f\u2028\u2029\x85]")


@dataclass(frozen=True)
class Count:
    words: int
    chars: int  # with spaces (Word's "Characters (with spaces)"), line breaks not counted
    chars_no_spaces: int
    length: int  # every character, line breaks included: what a character limit is checked on

    def label(self) -> str:
        """'742 words, 4,810 characters' for the live count."""
        words = "1 word" if self.words == 1 else f"{self.words:,} words"
        chars = "1 character" if self.chars == 1 else f"{self.chars:,} characters"
        return f"{words}, {chars}"


def is_word(token: str) -> bool:
    """A whitespace-separated token Word counts: not a lone dash, bullet or other punctuation
    made only of dash/bullet characters."""
    return any(ch not in _NOT_WORDS for ch in token)


def count_words(text: str) -> int:
    return sum(1 for token in text.split() if is_word(token))


def count(text: str) -> Count:
    """Words and characters of `text` as Word counts them (and the strict length for limits)."""
    text = unicodedata.normalize("NFC", text)
    one_break = _BREAKS.sub("\n", text)
    without_breaks = one_break.replace("\n", "")
    no_spaces = sum(1 for ch in without_breaks if not ch.isspace())
    return Count(
        words=count_words(text),
        chars=len(without_breaks),
        chars_no_spaces=no_spaces,
        length=len(_BREAKS.sub("\r\n", text)),  # a web form sends each line break as CR LF
    )


def fits(text: str, words: int | None, chars: int | None) -> bool:
    """Whether `text` is within a word limit and a character limit (None: no limit)."""
    c = count(text)
    return (words is None or c.words <= words) and (chars is None or c.length <= chars)
