"""Partners' roles on a commitment, and suggested delivery approaches the bidder may adopt (no Qt).

Pure functions, Commitment in, Commitment out, for the app's undo commands:

- ``with_role(c, partner_id, role=..., status=..., date=...)``: the bidder's words, engagement
  status and its date for one partner; a role emptied of all three is removed.
- ``suggestions(measure)``: the catalogue's suggested approaches as text to offer; withheld text
  (cut off in the source) is never among them.
- ``adopt(approach, suggestion)``: the approach with a suggestion added as its own paragraph;
  from then on it is the bidder's text, exported like anything they typed.
- ``named_partner_ids(c, catalogue)``: the partners the plan names for a commitment (the Word
  plan, the answer, the entry sheet and the Overview all show these, and only these).
- ``display_name(name)``: a partner's name with one dash style.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from svplan.core.catalogue import ActionRoute, Catalogue, Measure
from svplan.core.plan import Commitment, Engagement, PartnerRole

__all__ = [
    "ENGAGEMENT_STEPS",
    "adopt",
    "display_name",
    "named_partner_ids",
    "role_of",
    "suggestions",
    "with_role",
]

ENGAGEMENT_STEPS = (
    Engagement.IDENTIFIED,
    Engagement.CONTACTED,
    Engagement.AGREED,
    Engagement.LETTER,
)
_UNSET = object()


def named_partner_ids(c: Commitment, catalogue: Catalogue) -> list[str]:
    """The bidder's partners on a commitment: every partner it records a role for (the bidder's
    words, engagement status or date), in the order recorded.

    The catalogue's suggestions are not the bidder's partners: a partner is named in the plan
    once the bidder records its status or its role. A suggested partner the bidder left out
    (unticked in the app) stays out even with a role. Ids the catalogue does not know are
    skipped (`check` reports them).
    """
    out: list[str] = []
    left_out: set[str] = set()  # suggested, then unticked in the app
    if c.partners is not None and catalogue.has_measure(c.measure):
        left_out = set(catalogue.measure(c.measure).partner_ids) - {p.strip() for p in c.partners}
    for role in c.roles:
        pid = role.partner.strip()
        if pid not in out and pid not in left_out and catalogue.has_partner(pid):
            out.append(pid)
    return out


def display_name(name: str) -> str:
    """'Lancashire Skills Pledge – Take on an Apprentice' whether the source wrote a hyphen or
    an en dash between the parts."""
    return re.sub(r"\s+[-–—]\s+", " – ", name)


def role_of(c: Commitment | None, partner_id: str) -> PartnerRole | None:
    """The commitment's role for a partner, if it records one."""
    if c is None:
        return None
    return next((r for r in c.roles if r.partner.strip() == partner_id), None)


def _empty(role: PartnerRole) -> bool:
    return not role.role.strip() and role.status is None and role.date is None


def with_role(
    c: Commitment,
    partner_id: str,
    *,
    role: Any = _UNSET,
    status: Any = _UNSET,
    date: Any = _UNSET,
) -> Commitment:
    """The commitment with one partner's role, status or date changed (others kept as they are).

    A partner without a role gets one, at the end; a role left with no words, status or date is
    removed. Raises ValueError (pydantic) for a value the plan cannot hold.
    """
    changes: dict[str, Any] = {}
    if role is not _UNSET:
        changes["role"] = role
    if status is not _UNSET:
        changes["status"] = Engagement(status) if status is not None else None
    if date is not _UNSET:
        if date is not None and not isinstance(date, dt.date):
            raise ValueError("the date of a partner's status must be a date")
        changes["date"] = date
    roles = list(c.roles)
    index = next((i for i, r in enumerate(roles) if r.partner.strip() == partner_id), None)
    current = roles[index] if index is not None else PartnerRole(partner=partner_id)
    updated = PartnerRole.model_validate({**current.model_dump(), **changes})
    if index is None:
        roles.append(updated)
    else:
        roles[index] = updated
    roles = [r for r in roles if not _empty(r)]
    return c.model_copy(update={"roles": roles})


def suggestions(measure: Measure) -> list[str]:
    """The catalogue's suggested approaches for a measure, each as one paragraph to offer."""
    out = []
    for r in measure.routes:
        if not isinstance(r, ActionRoute):
            continue
        text = " ".join(r.action.split())
        description = " ".join(r.description.split())
        if description:
            stop = "" if text.endswith((".", "!", "?")) else "."
            text = f"{text}{stop} {description}"
        out.append(text)
    return out


def adopt(approach: str, suggestion: str) -> str:
    """The approach with the suggestion added as a new paragraph (nothing added twice)."""
    suggestion = suggestion.strip()
    if not suggestion or suggestion in approach:
        return approach
    return f"{approach.rstrip()}\n\n{suggestion}" if approach.strip() else suggestion
