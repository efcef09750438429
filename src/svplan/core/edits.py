"""Domain rules for changing a plan: pure functions, Plan in, Plan out (no Qt).

The window's undo commands, the CLI and the export all use these, so a rule (which partners a
commitment engages, where a new commitment goes, ...) is written once.
"""

from __future__ import annotations

from typing import Any, TypeVar

from svplan.core.catalogue import Catalogue
from svplan.core.plan import Bid, Commitment, Person, Plan

M = TypeVar("M", Commitment, Bid, Person)


def canonical_code(catalogue: Catalogue, code: str) -> str:
    """The catalogue's spelling of a measure code ('nt1' -> 'NT1'); unknown codes stripped."""
    if catalogue.has_measure(code):
        return catalogue.measure(code).code
    return code.strip()


def suggested_partner_ids(catalogue: Catalogue, code: str) -> list[str]:
    """The partners the catalogue suggests for a measure ([] for an unknown measure)."""
    if not catalogue.has_measure(code):
        return []
    return list(catalogue.measure(code).partner_ids)


def engaged_partner_ids(catalogue: Catalogue, code: str, c: Commitment | None) -> list[str]:
    """Partners a commitment engages: the ids it lists, or all suggested ones when it lists none
    (`partners` None, or no commitment yet)."""
    if c is None or c.partners is None:
        return suggested_partner_ids(catalogue, code)
    return list(c.partners)


def partners_with(
    catalogue: Catalogue, code: str, c: Commitment | None, partner_id: str, on: bool
) -> list[str] | None:
    """The commitment's `partners` value after ticking a partner in (on) or out.

    Suggested partners keep the catalogue's order, others follow sorted; None when the result is
    exactly the suggested list (the plan does not narrow the choice).
    """
    current = engaged_partner_ids(catalogue, code, c)
    wanted = set(current) | {partner_id} if on else set(current) - {partner_id}
    suggested = suggested_partner_ids(catalogue, code)
    ordered = [p for p in suggested if p in wanted] + sorted(wanted - set(suggested))
    return None if ordered == suggested else ordered


def known_owners(plan: Plan) -> list[str]:
    """Every owner already named in the plan (commitments, actions, the lead), sorted."""
    names = {c.owner for c in plan.commitments if c.owner}
    names |= {a.owner for c in plan.commitments for a in c.actions if a.owner}
    if plan.lead.name:
        names.add(plan.lead.name)
    return sorted(names, key=str.casefold)


def validated(model: M, fields: dict[str, Any]) -> M:
    """A copy of `model` with `fields` changed, validated (raises ValueError when invalid)."""
    unknown = set(fields) - set(type(model).model_fields)
    if unknown:
        raise TypeError(f"unknown field(s) for {type(model).__name__}: {sorted(unknown)}")
    return type(model).model_validate({**model.model_dump(), **fields})


def catalogue_index(catalogue: Catalogue, commitments: list[Commitment], code: str) -> int:
    """Where a new commitment for `code` goes: before the first one later in catalogue order."""
    order = catalogue.order_of
    return next(
        (i for i, c in enumerate(commitments) if order(c.measure) > order(code)),
        len(commitments),
    )


def put_commitment(
    plan: Plan,
    catalogue: Catalogue,
    code: str,
    new: Commitment | None,
    index: int | None = None,
) -> tuple[Plan, int | None]:
    """Replace, insert (in catalogue order, or at `index`) or remove (new None) the commitment
    for `code`. Returns the new plan and the index the old commitment had (None if none)."""
    commitments = list(plan.commitments)
    key = code.upper()
    at = next((i for i, c in enumerate(commitments) if c.measure.upper() == key), None)
    if new is None:
        if at is not None:
            del commitments[at]
    elif at is not None:
        commitments[at] = new
    else:
        if index is None or index > len(commitments):
            index = catalogue_index(catalogue, commitments, new.measure)
        commitments.insert(index, new)
    return plan.model_copy(update={"commitments": commitments}), at


def set_bid(plan: Plan, bid: Bid, lead: Person) -> Plan:
    """The plan with these bid details and social value lead."""
    return plan.model_copy(update={"bid": bid, "lead": lead})


def with_catalogue(plan: Plan, catalogue: Catalogue) -> Plan:
    """The plan recording the catalogue it is written against (the same plan if it does)."""
    if plan.catalogue == catalogue.info.id:
        return plan
    return plan.model_copy(update={"catalogue": catalogue.info.id})


def catalogue_mismatch(plan: Plan, catalogue: Catalogue, name: str) -> list[str]:
    """A note when a plan names another catalogue than the one it is shown with ([] if not)."""
    if plan.catalogue and plan.catalogue != catalogue.info.id:
        return [
            f"{name} was written for the catalogue '{plan.catalogue}'; "
            f"it is shown with {catalogue.info.title}"
        ]
    return []
