"""Partner introduction emails: the draft (subject and body) and a safe mailto: link (no Qt).

The draft names the bid and the measure, and gives the bidder's company, the tender, the target,
what the bidder would like from each partner (the role the bidder wrote, never the council's
description of the partner) and the social value lead's contact details. The user reviews it in
their mail program before anything is sent.

The mailto: link follows RFC 6068: every address, the subject and the body are percent-encoded
(UTF-8), line breaks in the body are %0D%0A, and a subject can never carry a line break, so no
header can be injected. Addresses that are not plain addresses are left out (and reported). A link
longer than MAX_MAILTO characters is refused: some mail programs cut long links off, so the caller
copies the draft to the clipboard instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

from svplan.core.answer_parts import measure_name
from svplan.core.catalogue import Catalogue, Partner
from svplan.core.edits import engaged_partner_ids
from svplan.core.plan import Commitment, Engagement, PartnerRole, Plan
from svplan.core.sentences import commitment_clause

MAX_MAILTO = 2000  # characters; Windows and several mail programs cut longer links
_ADDRESS = re.compile(r"^[A-Za-z0-9!#$'*+/=^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\u0085\u2028\u2029]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ORDER = [Engagement.IDENTIFIED, Engagement.CONTACTED, Engagement.AGREED, Engagement.LETTER]


@dataclass
class Draft:
    """An email ready for the user's mail program or the clipboard."""

    to: list[str]
    subject: str
    body: str
    partners: list[str] = field(default_factory=list)  # catalogue partner ids it is addressed to
    skipped: list[str] = field(default_factory=list)  # addresses left out as unsafe

    def as_text(self) -> str:
        """The whole email as plain text, for the clipboard."""
        return f"To: {', '.join(self.to)}\nSubject: {self.subject}\n\n{self.body}"


def is_plain_address(address: str) -> bool:
    """A bare address (name@example.org): nothing a mail program would read as more headers."""
    return bool(_ADDRESS.match(address.strip())) and len(address.strip()) <= 254


def one_line(text: str) -> str:
    """Text for a header: no line breaks or control characters, single spaces."""
    return " ".join(_CONTROLS.sub("", _LINE_BREAKS.sub(" ", text)).split())


def mailto_link(addresses: Iterable[str], subject: str = "", body: str = "") -> str:
    """'mailto:a@x.org,b@y.org?subject=...&body=...' with everything percent-encoded.

    Only plain addresses are kept; the subject is one line; the body's line breaks become CR LF.
    """
    kept = [a.strip() for a in addresses if is_plain_address(a)]
    link = "mailto:" + ",".join(quote(a, safe="@") for a in kept)
    query = []
    if subject.strip():
        query.append("subject=" + quote(one_line(subject), safe=""))
    if body.strip():
        text = _CONTROLS.sub("", body.replace("\r\n", "\n").replace("\r", "\n"))
        query.append("body=" + quote(text.replace("\n", "\r\n"), safe=""))
    return link + ("?" + "&".join(query) if query else "")


def fits_mailto(draft: Draft) -> bool:
    """Whether the draft's link is short enough to hand to a mail program."""
    return len(mailto_link(draft.to, draft.subject, draft.body)) <= MAX_MAILTO


def _tidy(text: str) -> str:
    return " ".join(str(text).split())


def _addresses(partners: list[Partner]) -> tuple[list[str], list[str]]:
    kept, skipped = [], []
    for p in partners:
        for contact in p.contacts:
            email = contact.email.strip()
            if not email:
                continue
            if is_plain_address(email):
                if email.lower() not in {k.lower() for k in kept}:
                    kept.append(email)
            else:
                skipped.append(email)
    return kept, skipped


def introduction(
    plan: Plan, catalogue: Catalogue, code: str, partner_ids: list[str] | None = None
) -> Draft:
    """The introduction email for one commitment to its engaged partners (or `partner_ids`)."""
    c = plan.commitment(code) or Commitment(measure=code)
    ids = partner_ids if partner_ids is not None else engaged_partner_ids(catalogue, code, c)
    partners = [catalogue.partner(p) for p in ids if catalogue.has_partner(p)]
    to, skipped = _addresses(partners)
    bid, lead = plan.bid, plan.lead
    bidder = _tidy(bid.bidder) or "our company"
    measure = measure_name(c, catalogue)
    title = _tidy(bid.title) or "a tender"
    subject = one_line(f"{title}: social value partnership on {measure}")
    names = [c2.name for p in partners for c2 in p.contacts if c2.email.strip() in to and c2.name]
    greeting = (
        f"Dear {_tidy(names[0])}," if len(names) == 1 and len(to) == 1 else "Dear colleagues,"
    )
    tender = title if title != "a tender" else "a tender"
    if _tidy(bid.reference):
        tender += f" ({_tidy(bid.reference)})"
    if _tidy(bid.authority):
        tender += f" for {_tidy(bid.authority)}"
    lines = [greeting, "", f"{bidder} is bidding for {tender}."]
    clause = commitment_clause(c, catalogue, plan)
    if clause:
        lines.append(f"As part of our social value commitments we plan to {clause} ({measure}).")
    else:
        lines.append(f"As part of our social value commitments we plan to deliver {measure}.")
    lines.append("")
    roles = {r.partner: _tidy(r.role) for r in c.roles if _tidy(r.role)}
    asked = [p for p in partners if p.id in roles]
    for p in asked:
        lines.append(f"What we would like from {_tidy(p.name)}: {roles[p.id]}")
    rest = [p for p in partners if p.id not in roles]
    if rest:
        who = " and ".join(_tidy(p.name) for p in rest) if len(rest) <= 2 else "your organisation"
        lines.append(
            f"We would like to talk with {who} about working together on this commitment, "
            "and whether you could support it."
        )
    lines += ["", "Please reply to this email or contact our social value lead:"]
    contact = [x for x in (_tidy(lead.name), _tidy(lead.role)) if x]
    lines.append(", ".join(contact) if contact else "Social value lead")
    lines += [x for x in (_tidy(lead.email), _tidy(lead.phone)) if x]
    lines += ["", "Kind regards,", "", _tidy(lead.name) or bidder]
    if _tidy(lead.name):
        lines.append(bidder)
    body = "\n".join(lines)
    return Draft(to, subject, body, [p.id for p in partners], skipped)


def mark_contacted(
    c: Commitment, partner_ids: Iterable[str], day: dt.date | None = None
) -> Commitment:
    """The commitment with each partner's engagement at least "contacted", dated `day`.

    A partner already further on (agreed, letter of support) keeps its status; a partner with no
    role yet gets one (with no role text: the bidder writes that).
    """
    day = day or dt.date.today()
    roles = [r.model_copy() for r in c.roles]
    by_id = {r.partner: r for r in roles}
    for pid in partner_ids:
        role = by_id.get(pid)
        if role is None:
            role = PartnerRole(partner=pid)
            roles.append(role)
            by_id[pid] = role
        current = _ORDER.index(role.status) if role.status is not None else -1
        if current < _ORDER.index(Engagement.CONTACTED):
            role.status = Engagement.CONTACTED
            role.date = day
    return c.model_copy(update={"roles": roles})
