"""Small pieces of the delivery plan's wording: quantities, partners, contacts, measure titles.

Used by the section builders; no python-docx here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from svplan.core.catalogue import ActionRoute, Catalogue, Contact, Measure, Partner, Unit
from svplan.core.edits import engaged_partner_ids
from svplan.core.plan import Commitment, Reporting
from svplan.export.model import Run
from svplan.export.text import (
    clean_text,
    display_url,
    email_link,
    format_number,
    is_blank,
    web_link,
)

PORTAL = "Social Value Portal"
DEFAULT_REPORTING = Reporting.QUARTERLY  # Lancashire asks for quarterly returns through the Portal
SEP = " · "
DASH = "–"
NBSP = "\u00a0"


@dataclass
class Engaged:
    """A partner engaged on a commitment."""

    partner: Partner
    description: str  # what the partner offers for this measure ("" when not routed to it)


def engaged_partners(c: Commitment, catalogue: Catalogue) -> list[Engaged]:
    """Partners engaged for a commitment: all the catalogue suggests (partners None) or the
    listed ids, each with the catalogue's description for this measure; unknown ids skipped."""
    routes = catalogue.partner_routes(c.measure) if catalogue.has_measure(c.measure) else []
    described: dict[str, str] = {}
    for partner, route in routes:
        described.setdefault(partner.id, route.description)
    ids = [p.strip() for p in engaged_partner_ids(catalogue, c.measure, c)]
    out: list[Engaged] = []
    seen: set[str] = set()
    for pid in ids:
        if pid in seen or not catalogue.has_partner(pid):
            continue
        seen.add(pid)
        out.append(Engaged(catalogue.partner(pid), described.get(pid, "")))
    return out


def suggested_routes(c: Commitment, catalogue: Catalogue) -> list[ActionRoute]:
    """Catalogue delivery approaches, shown only while the bidder keeps the suggested partners."""
    if c.partners is not None or not catalogue.has_measure(c.measure):
        return []
    return [r for r in catalogue.measure(c.measure).routes if isinstance(r, ActionRoute)]


def amount(unit: Unit | None, value: float | None, *, suffix: bool = True) -> str:
    """A quantity in the measure's unit ('6 FTE', '£25,000'); without suffix for compact lists."""
    if value is None:
        return "to be confirmed"
    if unit is None:
        return format_number(value)
    if suffix or unit.suffix.startswith("%"):
        return unit.format(value)
    decimals = unit.decimals if value != int(value) else 0
    return f"{unit.prefix}{value:,.{decimals}f}"


def frequency(c: Commitment) -> Reporting:
    """How often a commitment is reported: as the plan says, else quarterly."""
    return c.reporting or DEFAULT_REPORTING


def in_words(f: Reporting) -> str:
    """'quarterly', 'every six months' - for use inside a sentence."""
    return f.label.lower()


def contact_runs(contact: Contact) -> list[Run]:
    """'Name, Role · phone · email' with the email as a mailto link."""
    parts: list[list[Run]] = []
    who = ", ".join(x for x in (clean_text(contact.name), clean_text(contact.role)) if x)
    if who:
        parts.append([Run(who)])
    if not is_blank(contact.phone):
        parts.append([Run(clean_text(contact.phone))])
    if not is_blank(contact.email):
        parts.append([Run(clean_text(contact.email), link=email_link(contact.email))])
    return joined(parts)


def website_run(url: str) -> Run:
    """A website as a link (printed without 'https://'); plain text if it is not http(s)."""
    link = web_link(url)
    return Run(display_url(url) if link else clean_text(url), link=link)


def website_runs(websites: list[str]) -> list[Run]:
    return joined([[website_run(w)] for w in websites if not is_blank(w)])


def contact_lines(contact: Contact) -> list[Run]:
    """The parts of contact_runs, for stacking one per line in the partner directory."""
    return [r for r in contact_runs(contact) if r.text != SEP]


def joined(parts: Iterable[list[Run]], sep: str = SEP) -> list[Run]:
    """The parts one after the other, `sep` between them."""
    out: list[Run] = []
    for i, part in enumerate(parts):
        if i:
            out.append(Run(sep))
        out.extend(part)
    return out


def measure_title(m: Measure, unit: Unit | None) -> str:
    """The measure's short title for inside a sentence: '(Local people employed)'.

    A trailing unit in brackets is dropped, since the quantity already says it ('18 FTE against
    NT1 (Local people employed)', not '... (Local people employed (FTE))'); a title that still
    has brackets is quoted instead of bracketed.
    """
    short = clean_text(m.short)
    if unit is not None:
        units = {x.casefold() for x in (unit.suffix.strip(), unit.name.strip()) if x}
        match = re.search(r"\s*\(([^()]*)\)$", short)
        if match and match.group(1).strip().casefold() in units and match.start() > 0:
            short = short[: match.start()]
    return f"“{short}”" if "(" in short or ")" in short else f"({short})"


def plural(n: int, one: str, many: str) -> str:
    return f"one {one}" if n == 1 else f"{n} {many}"
