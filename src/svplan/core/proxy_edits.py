"""Pure edits of the plan's proxy table (Plan -> Plan), for values typed in the editor.

The UI's undo commands apply these; nothing here changes a plan in place. A value is £ per unit
of the measure's unit, read with the shared money parser (core/amounts.py) and kept exact.
"""

from __future__ import annotations

from decimal import Decimal

from svplan.core.amounts import parse_amount
from svplan.core.catalogue import Catalogue
from svplan.core.plan import MAX_SHORT, Plan, ProxyTable, ProxyValue


def parse_proxy_value(text: str) -> Decimal | None:
    """'£12.50' -> Decimal('12.50'); '' -> None (no value); AmountError for anything else."""
    if not text.strip():
        return None
    return Decimal(format(parse_amount(text, what="proxy value"), "f"))


def with_value(plan: Plan, catalogue: Catalogue, code: str, value: Decimal | None) -> Plan:
    """The plan with £ `value` per unit for a measure (None takes the measure's value out)."""
    code = catalogue.measure(code).code if catalogue.has_measure(code) else code.strip()
    table = plan.proxies or ProxyTable()
    values = list(table.values)
    at = next((i for i, v in enumerate(values) if v.measure.upper() == code.upper()), None)
    if value is None:
        if at is None:
            return plan
        values.pop(at)
    elif at is None:
        values.append(ProxyValue(measure=code, value=value))
    else:
        values[at] = values[at].model_copy(update={"value": value})
    return _with_table(plan, table.model_copy(update={"values": values}))


def with_per_level(plan: Plan, code: str, on: bool) -> Plan:
    """Whether a level measure's value is £ per percentage point per year (core/money.py)."""
    table = plan.proxies
    if table is None:
        return plan
    values = [
        v.model_copy(update={"per_level": on}) if v.measure.upper() == code.upper() else v
        for v in table.values
    ]
    return _with_table(plan, table.model_copy(update={"values": values}))


def with_source(plan: Plan, source: str, year: str | None = None) -> Plan:
    """The plan with the table's source (and year) named; text is kept as typed, trimmed."""
    source = " ".join(source.split())[:MAX_SHORT]
    table = plan.proxies or ProxyTable()
    update: dict[str, str] = {"source": source}
    if year is not None:
        update["year"] = " ".join(year.split())[:MAX_SHORT]
    return _with_table(plan, table.model_copy(update=update))


def without_table(plan: Plan) -> Plan:
    return plan if plan.proxies is None else plan.model_copy(update={"proxies": None})


def _with_table(plan: Plan, table: ProxyTable) -> Plan:
    empty = not table.values and not table.source and not table.year and not table.name
    return plan.model_copy(update={"proxies": None if empty else table})
