"""Contract years and quarters, dated from the contract start.

Year 1 is the first twelve months from the start date, Y1Q1 the first three months, Y2Q1 the
thirteenth to fifteenth months. A contract whose length is not a whole number of years or
quarters ends its last period on the contract's last day. Everything that labels a year or a
quarter (the editor, the Word plan, the entry sheet, the tracker) takes its dates from here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_QUARTER = re.compile(r"^\s*Y(\d{1,2})\s*Q([1-4])\s*$", re.IGNORECASE)
NBSP = "\u00a0"
EN_DASH = "\u2013"


@dataclass(frozen=True, order=True)
class Period:
    """A dated stretch of the contract: a year ("Y1") or a quarter ("Y1Q3")."""

    start: dt.date
    end: dt.date  # last day, inclusive
    year: int  # 1-based contract year
    quarter: int | None = None  # 1-4 within the year, None for a whole year

    @property
    def key(self) -> str:
        """'Y2' or 'Y2Q3' (the file's and the command line's spelling)."""
        return f"Y{self.year}" if self.quarter is None else f"Y{self.year}Q{self.quarter}"

    @property
    def dates(self) -> str:
        """'Apr 2027 – Mar 2028' for a year; '1 Jun – 31 Aug 2027' for a quarter."""
        if self.quarter is None:
            return f"{_month(self.start)} {EN_DASH} {_month(self.end)}"
        if self.start.year == self.end.year:
            head = f"{self.start.day} {self.start:%b}"
        else:
            head = _day(self.start)
        return f"{head} {EN_DASH} {_day(self.end)}"

    @property
    def label(self) -> str:
        """'Year 1 (Apr 2027 – Mar 2028)' or 'Y1Q1 (1 Jun – 31 Aug 2027)', with no-break spaces
        where a line must not break ('Year 1')."""
        name = f"Year{NBSP}{self.year}" if self.quarter is None else self.key
        return f"{name} ({self.dates})"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _month(day: dt.date) -> str:
    return f"{day:%b} {day.year}"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b} {day.year}"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    last = (nxt - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def contract_end(start: dt.date, months: int) -> dt.date:
    """The contract's last day."""
    return add_months(start, months) - dt.timedelta(days=1)


def _periods(start: dt.date, months: int, step: int) -> list[tuple[dt.date, dt.date, int]]:
    end = contract_end(start, months)
    out = []
    for i, offset in enumerate(range(0, months, step)):
        first = add_months(start, offset)
        last = min(add_months(start, offset + step) - dt.timedelta(days=1), end)
        out.append((first, last, i))
    return out


def contract_years(start: dt.date | None, months: int | None) -> list[Period]:
    """Every contract year, dated; [] when the start or the length is not known."""
    if start is None or not months:
        return []
    return [Period(a, b, i + 1) for a, b, i in _periods(start, months, 12)]


def contract_quarters(start: dt.date | None, months: int | None) -> list[Period]:
    """Every contract quarter, dated; [] when the start or the length is not known."""
    if start is None or not months:
        return []
    return [Period(a, b, i // 4 + 1, i % 4 + 1) for a, b, i in _periods(start, months, 3)]


def year_label(years: list[Period], index: int) -> str:
    """'Year 2 (Apr 2028 – Mar 2029)' when dated, else 'Year 2' (index is 0-based)."""
    if 0 <= index < len(years):
        return years[index].label
    return f"Year{NBSP}{index + 1}"


def parse_quarter_key(text: str) -> tuple[int, int] | None:
    """(year, quarter) from 'Y1Q3' / 'y1q3' / 'Y1 Q3'; None when it is not that form."""
    match = _QUARTER.match(text)
    if not match:
        return None
    year = int(match.group(1))
    return (year, int(match.group(2))) if year >= 1 else None


def quarter_of(text_or_date: str | dt.date, quarters: list[Period]) -> Period | None:
    """The contract quarter named by 'Y1Q3' or containing a date; None when outside."""
    if isinstance(text_or_date, dt.date):
        return next((q for q in quarters if q.contains(text_or_date)), None)
    key = parse_quarter_key(text_or_date)
    if key is None:
        return None
    return next((q for q in quarters if (q.year, q.quarter) == key), None)
