"""The Portal entry sheet: one row per commitment, as XLSX or CSV (chosen by the extension).

Columns: code, measure, unit, Year 1 … Year n (dated), total, owner, partners, narrative
(core.portal). The XLSX adds a second sheet with the bid's details, for the person re-keying.
"""

from __future__ import annotations

from pathlib import Path

from svplan.core.catalogue import Catalogue
from svplan.core.errors import ExportError
from svplan.core.plan import Plan
from svplan.core.portal import table
from svplan.export.sheets import Sheet, write_csv, write_xlsx

SUFFIXES = (".xlsx", ".csv")


def sheet_widths(years: int) -> list[float]:
    return [8, 30, 18, *([13] * years), 12, 22, 32, 70]


def bid_sheet(plan: Plan) -> Sheet:
    bid, lead = plan.bid, plan.lead
    rows: list[list] = [
        ["Tender", bid.title],
        ["Reference", bid.reference],
        ["Authority", bid.authority],
        ["Bidder", bid.bidder],
        ["Contract value (£)", bid.contract_value],
        ["Contract start", bid.start],
        ["Length (months)", bid.months],
        ["Social value lead", ", ".join(x for x in (lead.name, lead.role) if x)],
        ["Lead's email", lead.email],
        ["Note", "Figures as in the plan, to type into the Social Value Portal."],
    ]
    return Sheet("Bid", ["Detail", "Value"], [r for r in rows if r[1] not in ("", None)], [22, 70])


def write_entry_sheet(
    plan: Plan, catalogue: Catalogue, out: Path | str, *, chars: int | None = None
) -> Path:
    """Write the entry sheet to `out` (.xlsx or .csv) atomically and return the path."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportError(f"{out.name}: an entry sheet is a .xlsx or .csv file", path=out)
    headers, rows = table(plan, catalogue, chars)
    if suffix == ".csv":
        write_csv(out, headers, rows)
    else:
        years = len(headers) - 7
        entry = Sheet("Portal entry", headers, rows, sheet_widths(years))
        write_xlsx(out, [entry, bid_sheet(plan)])
    return out
