"""Small pieces of the delivery plan's wording: quantities, partners, contacts, phone numbers.

Used by the section builders; no python-docx here. The commitment sentences themselves live in
svplan.core.sentences (shared with the tender answer).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from svplan.core.catalogue import Catalogue, Contact, Measure, Partner, Unit
from svplan.core.partner_roles import display_name, named_partner_ids, role_of
from svplan.core.plan import Commitment, PartnerRole, Reporting
from svplan.core.sentences import decimals_for, quantity
from svplan.export.model import Run
from svplan.export.text import (
    clean_text,
    display_url,
    email_link,
    format_date,
    format_number,
    is_blank,
    web_link,
)

PORTAL = "Social Value Portal"
SEP = " · "
DASH = "–"
NBSP = "\u00a0"


# Quantities ---------------------------------------------------------------------------------------


def amount(unit: Unit | None, value: float | None, *, suffix: bool = True) -> str:
    """A quantity in the measure's unit ('6 FTE', '£25,000'); without suffix for compact lists."""
    if value is None:
        return "to be confirmed"
    if unit is None:
        return format_number(value)
    if suffix or unit.suffix.startswith("%"):
        return quantity(unit, value)
    return f"{unit.prefix}{value:,.{decimals_for(unit, [value])}f}"


def in_words(f: Reporting) -> str:
    """'quarterly', 'every six months' - for use inside a sentence."""
    return f.label.lower()


def plural(n: int, one: str, many: str) -> str:
    return f"one {one}" if n == 1 else f"{n} {many}"


def measure_title(m: Measure, unit: Unit | None) -> str:
    """The measure's short title for inside a sentence: '(Local people employed)'.

    A trailing unit in brackets is dropped, since the quantity already says it; a title that
    still has brackets is quoted instead of bracketed.
    """
    short = clean_text(m.short)
    if unit is not None:
        units = {x.casefold() for x in (unit.suffix.strip(), unit.name.strip()) if x}
        match = re.search(r"\s*\(([^()]*)\)$", short)
        if match and match.group(1).strip().casefold() in units and match.start() > 0:
            short = short[: match.start()]
    return f"“{short}”" if "(" in short or ")" in short else f"({short})"


# Partners -----------------------------------------------------------------------------------------


def partner_name(partner: Partner) -> str:
    """The partner's name with one dash style: 'Lancashire Skills Pledge – Take on an
    Apprentice' whether the source wrote a hyphen or an en dash between the parts."""
    return display_name(clean_text(partner.name))


@dataclass
class Engaged:
    """A partner on a commitment, with the bidder's role and engagement (None: not recorded)."""

    partner: Partner
    role: PartnerRole | None = None


def engaged_partners(c: Commitment, catalogue: Catalogue) -> list[Engaged]:
    """The bidder's partners on a commitment (core.partner_roles.named_partner_ids), each with
    the role, engagement status and date the bidder recorded."""
    return [
        Engaged(catalogue.partner(pid), role_of(c, pid)) for pid in named_partner_ids(c, catalogue)
    ]


def engagement(role: PartnerRole | None) -> str:
    """'Letter of support, 10 Dec 2026'; 'Agreed'; '' when nothing is recorded."""
    if role is None or role.status is None:
        return ""
    text = role.status.label
    if role.date is not None:
        text += f", {short_date(role.date)}"
    return text


def short_date(day) -> str:  # type: ignore[no-untyped-def]
    """'10 Dec 2026' for tables (no-break spaces keep it on one line)."""
    return f"{day.day}{NBSP}{day:%b}{NBSP}{day.year}"


def descriptions(partner: Partner, catalogue: Catalogue, codes: Iterable[str]) -> list[str]:
    """What the catalogue says about a partner for these measures: each distinct text once (a text
    contained in a longer one is left out). Never the partner's `note`: that is the transcriber's
    note about the source, not the council's words, and this text is printed as the council's."""
    texts: list[str] = []
    for code in codes:
        if not catalogue.has_measure(code):
            continue
        for p, route in catalogue.partner_routes(code):
            if p.id == partner.id and not is_blank(route.description):
                texts.append(clean_text(route.description))
    keys = [" ".join(t.split()).casefold() for t in texts]
    out: list[str] = []
    for i, text in enumerate(texts):
        key = keys[i]
        if key in keys[:i]:
            continue
        if any(key != other and key in other for other in keys):
            continue
        out.append(text)
    return out


# Contacts -----------------------------------------------------------------------------------------

_UK_PREFIX = re.compile(r"^\+?44\s*(?:\(0\))?")


def format_phone(text: str) -> str:
    """One format for UK numbers: '01772 893963', '07976 079544', '0300 456 8152',
    '020 7946 0000', '0161 496 0000'. Anything else is returned as written."""
    raw = clean_text(text)
    local = _UK_PREFIX.sub("0", raw.replace(" ", "")) if raw.startswith(("+", "44")) else raw
    digits = re.sub(r"[\s\-()]", "", local)
    if not digits.isdigit() or len(digits) != 11 or not digits.startswith("0"):
        return raw
    if digits.startswith("02"):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if digits.startswith(("011", "0121", "0131", "0141", "0151", "0161", "0171", "0181", "0191")):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    if digits.startswith(("03", "05", "08", "09")):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return f"{digits[:5]} {digits[5:]}"


def is_personal(contact: Contact) -> bool:
    """A named person's details (personal data), rather than an organisation's own line."""
    return not is_blank(contact.name)


def contact_runs(contact: Contact, details: bool = True) -> list[Run]:
    """'Name, Role · phone · email' with the email as a mailto link.

    With `details` False a named person's phone and email are left out (their name and role
    stay); an organisation's own phone and email (no name) are always kept.
    """
    parts: list[list[Run]] = []
    who = ", ".join(x for x in (clean_text(contact.name), clean_text(contact.role)) if x)
    if who:
        parts.append([Run(who)])
    if details or not is_personal(contact):
        if not is_blank(contact.phone):
            parts.append([Run(format_phone(contact.phone))])
        if not is_blank(contact.email):
            parts.append([Run(clean_text(contact.email), link=email_link(contact.email))])
    return joined(parts)


def contact_lines(contact: Contact, details: bool = True) -> list[Run]:
    """The parts of contact_runs, for stacking one per line."""
    return [r for r in contact_runs(contact, details) if r.text != SEP]


def website_run(url: str) -> Run:
    """A website as a link (printed without 'https://'); plain text if it is not http(s)."""
    link = web_link(url)
    return Run(display_url(url) if link else clean_text(url), link=link)


def website_runs(websites: list[str]) -> list[Run]:
    return joined([[website_run(w)] for w in websites if not is_blank(w)])


def joined(parts: Iterable[list[Run]], sep: str = SEP) -> list[Run]:
    """The parts one after the other, `sep` between them."""
    out: list[Run] = []
    for i, part in enumerate(parts):
        if i:
            out.append(Run(sep))
        out.extend(part)
    return out


__all__ = [
    "DASH",
    "NBSP",
    "PORTAL",
    "SEP",
    "Engaged",
    "amount",
    "contact_lines",
    "contact_runs",
    "descriptions",
    "engaged_partners",
    "engagement",
    "format_date",
    "format_phone",
    "in_words",
    "joined",
    "measure_title",
    "partner_name",
    "plural",
    "website_run",
    "website_runs",
]
