"""Recording what was delivered: reading an actual as typed, and the edits to the delivery record.

Every function returns a new Plan (the old one is untouched), so the window can undo any of them
and the command line can save the result in one atomic write. Each refusal is a DeliveryError
with one sentence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from svplan.core.catalogue import Catalogue, Unit
from svplan.core.delivery import DeliveryError, fmt, quarters_of, require_awarded
from svplan.core.periods import Period, quarter_of
from svplan.core.plan import Actual, Evidence, Plan, RecoveryAction

_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$|^\.\d+$")
_DECORATION = re.compile(r"^(?:£|gbp)\s*|\s*(?:%|fte|hours?|weeks?|tco2e|tonnes?)$", re.IGNORECASE)
HINT = "type a quantity such as 12 or 12.5"


def parse_actual(text: str | float | int, unit: Unit | None, *, code: str = "") -> float:
    """A quantity as typed ('12', '1,250.5', '£3,000', '92%') in the measure's unit, or
    DeliveryError for anything negative, not a number, infinite or beyond the unit's maximum."""
    what = f"The actual for {code}" if code else "The actual"
    if isinstance(text, bool):
        raise DeliveryError(f"{what} must be a number, not yes/no.")
    if isinstance(text, int | float):
        value = float(text)
        raw = str(text)
    else:
        raw = " ".join(str(text).split())
        if not raw:
            raise DeliveryError(f"{what} is empty; {HINT}.")
        cleaned = _DECORATION.sub("", raw).strip()
        if cleaned.startswith(("-", "−", "(")):
            raise DeliveryError(f"{what} '{_short(raw)}' is negative; an actual is 0 or more.")
        if not _NUMBER.match(cleaned):
            raise DeliveryError(f"{what} '{_short(raw)}' is not a number; {HINT}.")
        value = float(cleaned.replace(",", ""))
    if not math.isfinite(value):
        raise DeliveryError(f"{what} '{_short(raw)}' is not an ordinary number; {HINT}.")
    if value < 0:
        raise DeliveryError(f"{what} '{_short(raw)}' is negative; an actual is 0 or more.")
    limit = unit.maximum if unit is not None else 1e12
    if value > limit:
        raise DeliveryError(
            f"{what} '{_short(raw)}' is more than {fmt(unit, limit)}, which no contract "
            "delivers in a quarter; check the figure."
        )
    return value


def quarter_in_contract(plan: Plan, key: str) -> Period:
    """The contract quarter named by 'Y1Q3'; DeliveryError when the contract has no such one."""
    quarters = quarters_of(plan)
    found = quarter_of(key, quarters)
    if found is None:
        span = f"{quarters[0].key} to {quarters[-1].key}" if quarters else "none (no dates)"
        raise DeliveryError(f"{key} is not a quarter of this contract (its quarters: {span}).")
    return found


def commitment_code(plan: Plan, code: str) -> str:
    """The plan's spelling of a commitment's code; DeliveryError when it is not committed."""
    found = plan.commitment(code.strip())
    if found is None:
        raise DeliveryError(f"{code.strip()} is not one of the plan's commitments.")
    return found.measure


def find_actual(plan: Plan, code: str, key: str) -> Actual | None:
    code = code.upper()
    return next(
        (a for a in plan.delivery.actuals if a.measure.upper() == code and a.quarter == key), None
    )


def put_actuals(plan: Plan, entries: Sequence[Actual]) -> Plan:
    """The plan with these actuals added or replacing those for the same measure and quarter,
    kept in commitment and quarter order (so the file reads like the grid)."""
    replaced = {(a.measure.upper(), a.quarter): a for a in entries}
    kept = [a for a in plan.delivery.actuals if (a.measure.upper(), a.quarter) not in replaced]
    actuals = _ordered(plan, [*kept, *replaced.values()])
    return _with(plan, actuals=actuals)


def set_actual(
    plan: Plan,
    catalogue: Catalogue,
    code: str,
    key: str,
    value: float | str | None,
    *,
    note: str | None = None,
    evidence: list[Evidence] | None = None,
) -> Plan:
    """One cell of the grid: the actual (None clears it), and optionally its note and evidence."""
    require_awarded(plan)
    code = commitment_code(plan, code)
    period = quarter_in_contract(plan, key)
    old = find_actual(plan, code, period.key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if old is None:
            return plan
        if (note if note is not None else old.note).strip() or (
            evidence if evidence is not None else old.evidence
        ):
            raise DeliveryError(
                f"{code} {period.key} has a note or evidence; remove them before clearing the "
                "actual, or type 0."
            )
        actuals = [a for a in plan.delivery.actuals if a is not old]
        return _with(plan, actuals=actuals)
    unit = catalogue.unit_of(code) if catalogue.has_measure(code) else None
    number = parse_actual(value, unit, code=code)
    fields = {
        "measure": code,
        "quarter": period.key,
        "actual": number,
        "note": note if note is not None else (old.note if old else ""),
        "evidence": evidence if evidence is not None else (list(old.evidence) if old else []),
    }
    # validated (a note longer than the file allows is refused), keeping any unknown keys
    try:
        entry = Actual.model_validate({**(old.model_dump() if old else {}), **fields})
    except ValueError as exc:
        raise DeliveryError(f"{code} {period.key}: {_first_error(exc)}") from None
    return put_actuals(plan, [entry])


def set_recovery(plan: Plan, actions: Sequence[RecoveryAction]) -> Plan:
    """The plan with its recovery actions replaced by `actions`."""
    return _with(plan, recovery=list(actions))


def add_recovery(plan: Plan, action: RecoveryAction) -> Plan:
    require_awarded(plan)
    code = commitment_code(plan, action.measure)
    if action.quarter:
        quarter_in_contract(plan, action.quarter)
    if not action.action.strip():
        raise DeliveryError(f"The recovery action for {code} needs a description of what is done.")
    fixed = action.model_copy(update={"measure": code})
    return _with(plan, recovery=[*plan.delivery.recovery, fixed])


def _ordered(plan: Plan, actuals: list[Actual]) -> list[Actual]:
    rank = {c.measure.upper(): i for i, c in enumerate(plan.commitments)}
    quarters = {q.key: i for i, q in enumerate(quarters_of(plan))}
    return sorted(
        actuals,
        key=lambda a: (
            rank.get(a.measure.upper(), len(rank)),
            a.measure.upper(),
            quarters.get(a.quarter, len(quarters)),
            a.quarter,
        ),
    )


def _with(plan: Plan, **update: object) -> Plan:
    return plan.model_copy(update={"delivery": plan.delivery.model_copy(update=update)})


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return f"{where}: {first.get('msg', 'not valid')}" if where else first.get("msg", "")
    return str(exc)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
