"""Re-keying into the Social Value Portal: one entry per commitment, in the order of the Portal's
entry form, and the entry sheet's table (no Qt).

The Portal cannot be worked on offline and has no bulk upload (bidder guides, e.g. Torbay's), so
the bidder types each commitment in again. Our reading of its tender entry form, from bidders'
guides (the form itself needs a login per tender): the measure is chosen by its reference (NT1)
and shown with its wording and unit; the bidder enters the quantity, year by year over the
contract; the Portal adds the years up; then a free-text description of how the commitment will be
delivered, often with a character limit. So an entry lists code, measure, unit, each year's
quantity, the total, and a narrative within the user's character limit; owner and partners follow
in the sheet for the bid team. A level measure (% of staff) is a level held each year, never a
sum: its "total" is the level committed to.
"""

from __future__ import annotations

from dataclasses import dataclass

from svplan.core import answer_parts as parts
from svplan.core.catalogue import Catalogue
from svplan.core.partner_roles import display_name, named_partner_ids
from svplan.core.periods import NBSP, contract_years
from svplan.core.plan import Commitment, Plan
from svplan.core.wordcount import fits

DEFAULT_PORTAL_CHARS = 1000  # when the user has not set one: a common limit on Portal text boxes


@dataclass(frozen=True)
class Entry:
    """One commitment as the Portal asks for it."""

    code: str
    measure: str  # the measure's short label (ours), or the code for an unknown measure
    unit: str
    years: list[float | None]  # one per contract year (None: not profiled)
    total: float | None
    level: bool
    owner: str
    partners: list[str]
    narrative: str


def year_headers(plan: Plan, count: int) -> list[str]:
    """'Year 1 (Apr 2027 – Mar 2028)' … for `count` years (undated when the start is unknown)."""
    dated = contract_years(plan.bid.start, plan.bid.months)
    out = []
    for i in range(count):
        label = dated[i].label if i < len(dated) else f"Year {i + 1}"
        out.append(label.replace(NBSP, " "))
    return out


def year_count(plan: Plan) -> int:
    """Contract years, or the longest profile when the contract's length is not known."""
    longest = max((len(c.yearly or []) for c in plan.commitments), default=0)
    return max(plan.bid.years or 0, longest)


def narrative(c: Commitment, plan: Plan, catalogue: Catalogue, chars: int | None) -> str:
    """The commitment in the bidder's words within `chars` characters, whole sentences only:
    the richest form that fits (all of it, fewer actions, merged, detail left out, one sentence)."""
    ctx = parts.Context(plan, catalogue, parts.proper_words(plan, catalogue), with_code=False)
    for stage in range(parts.ONE_SENTENCE + 1):
        text = " ".join(parts.commitment_sentences(c, ctx, stage))
        if fits(text, None, chars):
            return text
    kept: list[str] = []
    for s in parts.sentences_of(parts.what_sentence(c, ctx, owner=True)):
        if not fits(" ".join([*kept, s]), None, chars):
            break
        kept.append(s)
    if kept:
        return " ".join(kept)
    short = parts.list_item(c, ctx)
    return short if fits(short, None, chars) else ""


def entries(plan: Plan, catalogue: Catalogue, chars: int | None = None) -> list[Entry]:
    """Every commitment as a Portal entry, in catalogue order (unknown measures last)."""
    limit = chars if chars is not None else plan.answer.portal_chars or DEFAULT_PORTAL_CHARS
    years = year_count(plan)
    known = [c for c in plan.commitments if catalogue.has_measure(c.measure)]
    known.sort(key=lambda c: catalogue.order_of(c.measure))
    other = [c for c in plan.commitments if not catalogue.has_measure(c.measure)]
    out = []
    for c in known + other:
        is_known = catalogue.has_measure(c.measure)
        m = catalogue.measure(c.measure) if is_known else None
        unit = catalogue.unit_of(c.measure) if is_known else None
        level = is_known and catalogue.is_level(c.measure)
        profile: list[float | None] = list(c.yearly or [])
        profile += [None] * (years - len(profile))
        out.append(
            Entry(
                code=m.code if m else parts.tidy(c.measure),
                measure=parts.tidy(m.short) if m else "",
                unit=unit.name if unit else "",
                years=profile,
                total=c.target,
                level=level,
                owner=parts.tidy(c.owner),
                partners=_partners(c, catalogue),
                narrative=narrative(c, plan, catalogue, limit),
            )
        )
    return out


def _partners(c: Commitment, catalogue: Catalogue) -> list[str]:
    """The partners the plan names (as the Word plan does), with their engagement status."""
    status = {r.partner.strip(): r.status for r in c.roles}
    out = []
    for pid in named_partner_ids(c, catalogue):
        name = display_name(parts.tidy(catalogue.partner(pid).name))
        s = status.get(pid)
        out.append(f"{name} ({s.value})" if s is not None else name)
    return out


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == int(value) else value


def _shown(value: float | None) -> str:
    if value is None:
        return "not profiled"
    v = _number(value)
    return f"{v:,}" if isinstance(v, int) else f"{v:,.2f}".rstrip("0").rstrip(".")


def entry_text(entry: Entry, plan: Plan) -> str:
    """'Copy for the portal': the fields in the form's order, one per line."""
    lines = [f"Measure: {entry.code}" + (f" {entry.measure}" if entry.measure else "")]
    if entry.unit:
        lines.append(f"Unit: {entry.unit}")
    for header, value in zip(year_headers(plan, len(entry.years)), entry.years, strict=True):
        lines.append(f"{header}: {_shown(value)}")
    label = "Level committed to (each year)" if entry.level else "Total"
    lines.append(f"{label}: {_shown(entry.total)}")
    lines.append(f"Description: {entry.narrative}")
    return "\n".join(lines)


def table(
    plan: Plan, catalogue: Catalogue, chars: int | None = None
) -> tuple[list[str], list[list]]:
    """The entry sheet: headers and one row per commitment (numbers as numbers)."""
    years = year_count(plan)
    headers = ["Code", "Measure", "Unit", *year_headers(plan, years), "Total", "Owner"]
    headers += ["Partners", "Narrative"]
    rows = []
    for e in entries(plan, catalogue, chars):
        total = _number(e.total)
        rows.append(
            [
                e.code,
                e.measure,
                e.unit + (" (level each year, not a sum)" if e.level else ""),
                *[_number(v) for v in e.years],
                total,
                e.owner,
                "\n".join(e.partners),
                e.narrative,
            ]
        )
    return headers, rows
