"""Personal data in a delivery record: what councils accept for a person, and a full-postcode check.

Evidence never needs names. For a person (a new starter on a people measure) councils accept the
role, the start date, the hours worked and the first half of the home postcode (the outward code,
e.g. "PR1"), which is enough to show the person is local. A full postcode with a start date can
identify someone, so wherever a user types free text the app warns when it sees a full UK
postcode, and says what to keep instead. It never changes the text itself.
"""

from __future__ import annotations

import re

NEW_STARTER_FIELDS = ("role", "start date", "hours a week", "first half of the home postcode")
NEW_STARTER_HINT = (
    "For a new starter record only the role, start date, hours a week and the first half of the "
    "home postcode (e.g. PR1); never a name."
)
PEOPLE_UNITS = frozenset({"fte", "employees"})  # units whose evidence is about people

# A full UK postcode: outward code (area letters, district) + inward code (sector digit, unit).
_FULL = re.compile(
    r"(?<![A-Za-z0-9])(?P<out>[A-PR-UWYZ][A-HK-Y]?[0-9][A-HJKMNPR-Y0-9]?)"
    r" ?(?P<in>[0-9][ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_OUTWARD = re.compile(r"^[A-PR-UWYZ][A-HK-Y]?[0-9][A-HJKMNPR-Y0-9]?$", re.IGNORECASE)


def full_postcodes(text: str) -> list[str]:
    """Every full UK postcode in `text`, as typed ('PR1 2HE', 'pr12he')."""
    return [m.group(0) for m in _FULL.finditer(text or "")]


def outward_code(postcode: str) -> str:
    """The first half of a postcode ('PR1 2HE' -> 'PR1'); the text itself if it is no postcode."""
    match = _FULL.search(postcode or "")
    return match.group("out").upper() if match else (postcode or "").strip().upper()


def is_outward_code(text: str) -> bool:
    """True for the first half of a postcode alone ('PR1', 'M14', 'SW1A')."""
    return bool(_OUTWARD.match((text or "").strip()))


def postcode_warning(text: str, where: str = "") -> str | None:
    """One sentence when `text` holds a full postcode, else None."""
    found = full_postcodes(text)
    if not found:
        return None
    first = found[0]
    place = f" in {where}" if where else ""
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return (
        f"'{first}'{place}{more} looks like a full home postcode; keep only the first half "
        f"({outward_code(first)}), which is all a council asks for and cannot identify a person."
    )


def holds_people(unit_id: str) -> bool:
    """True when evidence for this unit is about people (new starters)."""
    return unit_id in PEOPLE_UNITS
