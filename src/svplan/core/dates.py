"""Reading dates as a UK bid manager types them, and writing them back.

One parser for every date field, the bid dialog and the command line. It reads day-month-year in
the usual UK spellings and ISO dates, and it never guesses: a month or a year that was not typed,
a day that the month does not have, or anything it cannot read is refused with a one-line hint,
never turned into another date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

HINT = "type a date such as 15/10/2027 or 15 Oct 2027"
MIN_YEAR, MAX_YEAR = 1990, 2200

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9
_DAYS = {name.lower() for name in (*calendar.day_name, *calendar.day_abbr)}

# all in figures: day/month/year (15/10/2027, 15.10.27) or ISO year-month-day (2027-10-15)
_NUMERIC = re.compile(
    r"^(?P<day>\d{1,2})\s*([/.\-])\s*(?P<month>\d{1,2})\s*\2\s*(?P<year>\d{2}|\d{4})$"
)
_ISO = re.compile(r"^(?P<year>\d{4})\s*([-/.])\s*(?P<month>\d{1,2})\s*\2\s*(?P<day>\d{1,2})$")
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_WORD_DMY = re.compile(rf"^{_DAY}\s+([a-z]+)\.?,?\s+(\d{{2}}|\d{{4}})$")
_WORD_MDY = re.compile(rf"^([a-z]+)\.?\s+{_DAY},?\s+(\d{{2}}|\d{{4}})$")


class DateError(ValueError):
    """Text that is not a date this parser reads; the message is one sentence for the user."""


def parse_date(text: str) -> dt.date:
    """The date typed, or DateError saying why not (and how to type it)."""
    raw = " ".join(str(text).split())
    if not raw:
        raise DateError(f"no date was typed; {HINT}")
    cleaned = _drop_weekday(raw.lower())
    for reader in (_figures, _words):
        found = reader(cleaned)
        if found is not None:
            return _build(raw, *found)
    raise DateError(f"'{_short(raw)}' is not a date the app can read; {HINT}")


def parse_optional_date(text: str) -> dt.date | None:
    """Like parse_date, but empty text means no date."""
    return None if not str(text).strip() else parse_date(text)


def format_date(day: dt.date | None, empty: str = "") -> str:
    """'15 Oct 2027' (what the editor shows, and what parse_date reads back)."""
    return empty if day is None else f"{day.day} {calendar.month_abbr[day.month]} {day.year}"


def format_long_date(day: dt.date | None, empty: str = "") -> str:
    """'15 October 2027' for documents."""
    return empty if day is None else f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _drop_weekday(text: str) -> str:
    head, _, rest = text.partition(" ")
    return rest if head.rstrip(",.") in _DAYS and rest else text


def _figures(text: str) -> tuple[int, int, int, bool] | None:
    for pattern in (_NUMERIC, _ISO):
        match = pattern.match(text)
        if match:
            return int(match["day"]), int(match["month"]), _year(match["year"]), True
    return None


def _words(text: str) -> tuple[int, int, int, bool] | None:
    match = _WORD_DMY.match(text)
    if match:
        day, name, year = match.groups()
    else:
        match = _WORD_MDY.match(text)
        if not match:
            return None
        name, day, year = match.groups()
    month = _MONTHS.get(name)
    if month is None:
        raise DateError(f"'{name}' is not a month; {HINT}")
    return int(day), month, _year(year), False


def _year(text: str) -> int:
    """A four-digit year as typed; a two-digit one is this century's (27 -> 2027)."""
    return int(text) if len(text) == 4 else 2000 + int(text)


def _build(raw: str, day: int, month: int, year: int, numeric: bool) -> dt.date:
    if not 1 <= month <= 12:
        hint = " (dates are day/month/year)" if numeric and 1 <= day <= 12 else ""
        raise DateError(f"'{_short(raw)}' has no month {month}{hint}; {HINT}")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"'{_short(raw)}': the year must be between {MIN_YEAR} and {MAX_YEAR}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(
            f"'{_short(raw)}' is not a date: {calendar.month_name[month]} {year} has {last} days"
        )
    return dt.date(year, month, day)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
