"""The quarterly delivery report as a table (XLSX or CSV), for re-keying into the Social Value
Portal or a council's form: one row per commitment per quarter, from Y1Q1 to the report quarter.

Numbers are numbers (no formulas); the XLSX has a frozen, bold header and widths to fit; the CSV
is UTF-8 with a byte order mark (export/sheets.py writes both, atomically). A level measure's
"profile to date" is the level due that quarter and its "cumulative" the latest level reported:
levels are never added up.
"""

from __future__ import annotations

from pathlib import Path

from svplan.core.catalogue import Catalogue
from svplan.core.delivery import CommitmentStatus, DeliveryStatus
from svplan.core.plan import Plan
from svplan.export.sheets import Cell, Sheet, csv_bytes, xlsx_bytes

HEADERS = (
    "Code",
    "Measure",
    "Unit",
    "Counted as",
    "Quarter",
    "Quarter starts",
    "Quarter ends",
    "Profile to date",
    "Actual",
    "Cumulative",
    "Status",
    "Note",
)
WIDTHS = (8, 50, 18, 13, 9, 16, 15, 16, 11, 13, 22, 50)
SUM, LEVEL = "sum to date", "level"


def report_rows(plan: Plan, catalogue: Catalogue, status: DeliveryStatus) -> list[list[Cell]]:
    """The table's rows: every commitment (plan order) × every quarter up to the report quarter."""
    notes = {(a.measure.upper(), a.quarter): a.note for a in plan.delivery.actuals}
    rows: list[list[Cell]] = []
    for c in status.commitments:
        measure = catalogue.measure(c.code) if catalogue.has_measure(c.code) else None
        short = measure.short if measure else "(not in the catalogue)"
        unit = c.unit.name if c.unit else ""
        for q in c.quarters:
            rows.append(
                [
                    measure.code if measure else c.code,
                    short,
                    unit,
                    LEVEL if c.level_measure else SUM,
                    q.period.key,
                    q.period.start,
                    q.period.end,
                    _number(c, q.to_date) if c.effective.rated else None,
                    _number(c, q.actual),
                    _number(c, q.cumulative),
                    q.level.value if q.level else "Not rated",
                    notes.get((c.code.upper(), q.period.key), ""),
                ]
            )
    return rows


def _number(c: CommitmentStatus, value: float | None) -> float | int | None:
    """Rounded to the unit's decimals (at least 2, so a quarter's share of a year shows)."""
    if value is None:
        return None
    places = max(2, c.unit.decimals if c.unit else 2)
    rounded = round(value, places)
    return int(rounded) if rounded == int(rounded) else rounded


def table_bytes(plan: Plan, catalogue: Catalogue, status: DeliveryStatus, suffix: str) -> bytes:
    """The report as .xlsx or .csv bytes."""
    rows = report_rows(plan, catalogue, status)
    if suffix == ".csv":
        return csv_bytes(HEADERS, rows)
    key = status.as_of.key if status.as_of else "no quarter"
    return xlsx_bytes([Sheet(f"Delivery to {key}", HEADERS, rows, WIDTHS)])


def write_report_table(
    plan: Plan, catalogue: Catalogue, status: DeliveryStatus, out: Path | str
) -> Path:
    """Write the table to `out` (.xlsx or .csv) atomically and return the path."""
    from svplan.core.atomic import atomic_write_bytes

    out = Path(out)
    atomic_write_bytes(out, table_bytes(plan, catalogue, status, out.suffix.lower()), verb="export")
    return out
