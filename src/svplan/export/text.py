"""Text helpers for the Word export: cleaning user text, dates, money and safe links.

Pure functions with no python-docx import, so the editor and the checks can reuse them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from urllib.parse import urlsplit

__all__ = [
    "WRAP_EVERY",
    "clean_text",
    "display_url",
    "email_link",
    "format_date",
    "format_money",
    "format_number",
    "is_blank",
    "link_text",
    "paragraphs_of",
    "sanitize",
    "strip_bidi",
    "web_link",
    "wrap_long_words",
]

WRAP_EVERY = 40  # a zero-width space is inserted every this many characters of an unbroken word
ZWSP = "\u200b"

# Characters XML 1.0 forbids (C0 controls except tab/newline/CR, lone surrogates, U+FFFE/U+FFFF)
# and the C1 controls, which Word shows as boxes. NEL (U+0085) is a line break, handled first.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile("\r\n?|[\x85\u2028\u2029]")
_WORD = re.compile(f"[^\\s{ZWSP}]{{{WRAP_EVERY + 1},}}")
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def sanitize(text: str | None) -> str:
    """User text made safe for a Word document, spaces kept exactly.

    Removes characters XML cannot hold (NUL and other controls, lone surrogates, U+FFFE/FFFF),
    turns every kind of line ending into "\\n" and tabs into a space, and keeps everything else
    (emoji, right-to-left scripts, accents) as it is.
    """
    if not text:
        return ""
    text = _NEWLINES.sub("\n", text)
    text = _ILLEGAL.sub("", text)
    return text.replace("\t", " ")


def clean_text(text: str | None) -> str:
    """sanitize(), then leading and trailing space trimmed."""
    return sanitize(text).strip()


def is_blank(text: str | None) -> bool:
    """True when nothing printable would be left after cleaning."""
    return not clean_text(text).replace(ZWSP, "").strip()


def _breakable(prev: str, nxt: str) -> bool:
    """Whether a zero-width space may go between prev and nxt without splitting a character."""
    if prev == "\u200d" or nxt in "\u200d\u20e3":  # zero-width joiner, keycap
        return False
    if unicodedata.category(nxt) in ("Mn", "Mc", "Me"):  # combining marks
        return False
    code = ord(nxt)
    return not (
        0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= code <= 0xE007F  # emoji tag characters
        or 0xE0100 <= code <= 0xE01EF
    )


def _wrap_word(match: re.Match[str]) -> str:
    word = match.group(0)
    out: list[str] = []
    run = 0
    for i, char in enumerate(word):
        if run >= WRAP_EVERY and _breakable(word[i - 1], char):
            out.append(ZWSP)
            run = 0
        out.append(char)
        run += 1
    return "".join(out)


def wrap_long_words(text: str) -> str:
    """Insert zero-width spaces into unbroken runs longer than WRAP_EVERY so they can wrap.

    Never inside a character sequence (emoji with modifiers, combining accents). Idempotent.
    """
    return _WORD.sub(_wrap_word, text) if len(text) > WRAP_EVERY else text


def paragraphs_of(text: str | None) -> list[str]:
    """Cleaned text split into paragraphs at blank lines (single newlines stay as line breaks)."""
    cleaned = clean_text(text)
    if not cleaned:
        return []
    return [p.strip() for p in _BLANK_LINES.split(cleaned) if p.strip()]


def format_date(value: dt.date) -> str:
    """1 April 2027 (no leading zero, English month names whatever the locale)."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def format_number(value: float, decimals: int = 2) -> str:
    """2500000 -> '2,500,000'; 2.5 -> '2.5'; up to `decimals` places, trailing zeros dropped."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")


def format_money(value: float) -> str:
    """2500000 -> '£2,500,000'; pence are shown only when there are some ('£12.50')."""
    if value == int(value):
        return f"£{int(value):,}"
    return f"£{value:,.2f}"


# Bidirectional controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM): in a link they
# can show an address reversed or reordered, so a link seems to go somewhere it does not.
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_bidi(text: str) -> str:
    """`text` without bidirectional control characters."""
    return _BIDI.sub("", text)


def link_text(text: str | None) -> str:
    """The shown text of a link: cleaned, without bidirectional controls."""
    return strip_bidi(sanitize(text))


_URL_FORBIDDEN = re.compile(r"[\s<>\"{}|\\^`\x00-\x1f\x7f]")
# A plain address only: no '?' or '&', so a link cannot add cc/bcc/body headers to the mail.
_EMAIL = re.compile(
    r"^[^@\s<>\"(),;:\[\]\\?&%]+@[^@\s<>\"(),;:\[\]\\?&%]+\.[^@\s<>\"(),;:\[\]\\.?&%]+$"
)


def web_link(text: str | None) -> str | None:
    """The https/http address to link a website to, or None if it must stay plain text.

    'www.example.org' becomes 'https://www.example.org'; any other scheme (javascript:, file:,
    ftp:) is refused. Bidirectional controls are removed first.
    """
    value = strip_bidi(clean_text(text))
    if not value or _URL_FORBIDDEN.search(value):
        return None
    if value.lower().startswith("www."):
        value = "https://" + value
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return value


def display_url(text: str | None) -> str:
    """A web address as printed: without 'https://' and a trailing '/' (the link keeps them)."""
    value = strip_bidi(clean_text(text))
    lower = value.lower()
    for scheme in ("https://", "http://"):
        if lower.startswith(scheme) and len(value) > len(scheme):
            value = value[len(scheme) :]
            break
    return value[:-1] if value.endswith("/") and value.count("/") >= 1 else value


def email_link(text: str | None) -> str | None:
    """'mailto:' address for an email, or None if it does not look like one (bidirectional
    controls are removed first)."""
    value = strip_bidi(clean_text(text))
    if value.lower().startswith("mailto:"):
        value = value[7:]
    if not value or len(value) > 320 or not _EMAIL.match(value):
        return None
    return "mailto:" + value
