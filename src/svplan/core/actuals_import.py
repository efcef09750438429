"""Importing actuals from the CSV or Excel sheet a site team keeps, with a preview first.

Columns (headings in any case, in any order, other columns ignored with a warning):
`measure` (NT1), `quarter` (Y1Q3, or any date inside the quarter: 2027-10-31, 31/10/2027),
`actual` (a quantity in the measure's unit) and, optionally, `note`. An empty note leaves the
note already recorded as it is.

`preview_import` reads the file and the plan and says, before anything changes, what will change,
what is new, what is the same, and every row that cannot be used (by its row number in the
spreadsheet). `apply_import` applies a preview with no errors; with any error nothing changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from svplan.core.actuals import parse_actual, put_actuals
from svplan.core.catalogue import Catalogue
from svplan.core.dates import DateError, format_date, parse_date
from svplan.core.delivery import DeliveryError, fmt, quarters_of, require_awarded
from svplan.core.errors import SvplanError
from svplan.core.periods import Period, parse_quarter_key, quarter_of
from svplan.core.personal import postcode_warning
from svplan.core.plan import MAX_TEXT, Actual, Plan

COLUMNS = ("measure", "quarter", "actual")
OPTIONAL = ("note",)
WHAT = "actuals file"


class ImportRowsError(SvplanError):
    """Some rows of an actuals file cannot be used; nothing was changed."""


@dataclass(frozen=True)
class RowChange:
    """One usable row: what it sets, and what was there before (None: new)."""

    row: int
    measure: str
    period: Period
    actual: float
    note: str | None  # None: the note is left as it is
    before: Actual | None
    shown: str  # the new actual in its unit
    shown_before: str  # the old actual in its unit ("" when new)


@dataclass(frozen=True)
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {_lower_first(self.message)}"


@dataclass
class ImportPreview:
    """What an import would do; nothing has changed yet."""

    file: str
    changes: list[RowChange] = field(default_factory=list)  # replace a recorded actual
    new: list[RowChange] = field(default_factory=list)  # a quarter not recorded yet
    same: list[RowChange] = field(default_factory=list)  # already recorded as in the file
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_sentence(self) -> str:
        """One line for the command line's stderr: how many rows are bad, and which."""
        rows = ", ".join(str(e.row) for e in self.errors[:10])
        more = "…" if len(self.errors) > 10 else ""
        first = self.errors[0] if self.errors else None
        head = (
            f"{self.file}: {first}"
            if len(self.errors) == 1 and first
            else f"{self.file}: {len(self.errors)} rows cannot be imported (rows {rows}{more})"
        )
        return f"{head.rstrip('.')}; nothing was changed."

    def lines(self) -> list[str]:
        """The preview as text (the command line prints it; the window shows the same)."""
        out = [
            f"{self.file}: {len(self.new)} new, {len(self.changes)} changed, "
            f"{len(self.same)} unchanged, {len(self.errors)} with errors"
        ]
        for c in self.new:
            out.append(f"  new      row {c.row}: {c.measure} {c.period.key} = {c.shown}")
        for c in self.changes:
            was = f" (was {c.shown_before})" if c.shown_before != c.shown else " (note changed)"
            out.append(f"  change   row {c.row}: {c.measure} {c.period.key} = {c.shown}{was}")
        for e in self.errors:
            out.append(f"  error    {e}")
        out += [f"  warning  {w}" for w in self.warnings]
        return out


def preview_import(plan: Plan, catalogue: Catalogue, path: Path | str) -> ImportPreview:
    """Read an actuals file against the plan. Raises DeliveryError when the plan is not awarded
    and ImportFileError when the file cannot be read at all; row problems go in `errors`."""
    from svplan.core.tabular import read_table

    require_awarded(plan)
    path = Path(path)
    table = read_table(path, required=COLUMNS, optional=OPTIONAL, what=WHAT)
    preview = ImportPreview(file=path.name, warnings=list(table.warnings))
    quarters = quarters_of(plan)
    seen: dict[tuple[str, str], int] = {}
    pending: dict[tuple[str, str], Actual] = {}
    for row in table:
        try:
            change = _row(plan, catalogue, quarters, row.number, row.values)
        except DeliveryError as exc:
            preview.errors.append(RowError(row.number, exc.message))
            continue
        key = (change.measure.upper(), change.period.key)
        if key in seen:
            preview.errors.append(
                RowError(
                    row.number,
                    f"{change.measure} {change.period.key} is already given in row {seen[key]}; "
                    "keep one row per measure and quarter.",
                )
            )
            continue
        seen[key] = row.number
        pending[key] = _entry(change)
        if change.note and (warning := postcode_warning(change.note, "the note")):
            preview.warnings.append(f"row {row.number}: {warning}")
        if change.before is None:
            preview.new.append(change)
        elif _entry(change) == change.before:
            preview.same.append(change)
        else:
            preview.changes.append(change)
    if not table:
        preview.errors.append(RowError(table.header_row, "the file has headings but no rows."))
    return preview


def apply_import(plan: Plan, preview: ImportPreview) -> Plan:
    """The plan with the preview's new and changed actuals; ImportRowsError (nothing changes)
    when any row has an error."""
    if preview.errors:
        raise ImportRowsError(preview.error_sentence())
    return put_actuals(plan, [_entry(c) for c in (*preview.new, *preview.changes)])


def _entry(change: RowChange) -> Actual:
    before = change.before
    data = before.model_dump() if before is not None else {}
    data.update(measure=change.measure, quarter=change.period.key, actual=change.actual)
    if change.note is not None:
        data["note"] = change.note
    return Actual.model_validate(data)


def _row(
    plan: Plan,
    catalogue: Catalogue,
    quarters: list[Period],
    number: int,
    values: dict[str, str],
) -> RowChange:
    code_text = values.get("measure", "").strip()
    if not code_text:
        raise DeliveryError("the measure is empty; give a code such as NT1.")
    commitment = plan.commitment(code_text)
    if commitment is None:
        if catalogue.has_measure(code_text):
            raise DeliveryError(f"{code_text} is not one of the plan's commitments.")
        hint = catalogue.closest_code(code_text)
        tip = f" (did you mean {hint}?)" if hint else ""
        raise DeliveryError(f"'{_short(code_text)}' is not a measure{tip}.")
    code = commitment.measure
    period = _quarter(values.get("quarter", ""), quarters)
    unit = catalogue.unit_of(code) if catalogue.has_measure(code) else None
    actual = parse_actual(values.get("actual", ""), unit, code=code)
    note_text = values.get("note", "").strip()
    if len(note_text) > MAX_TEXT:
        raise DeliveryError(f"the note is longer than {MAX_TEXT:,} characters.")
    before = next(
        (
            a
            for a in plan.delivery.actuals
            if a.measure.upper() == code.upper() and a.quarter == period.key
        ),
        None,
    )
    return RowChange(
        row=number,
        measure=code,
        period=period,
        actual=actual,
        note=note_text or None,
        before=before,
        shown=fmt(unit, actual),
        shown_before=fmt(unit, before.actual) if before is not None else "",
    )


def _quarter(text: str, quarters: list[Period]) -> Period:
    raw = " ".join(text.split())
    if not raw:
        raise DeliveryError("the quarter is empty; give Y1Q3 or a date inside the quarter.")
    span = (
        f"{format_date(quarters[0].start)} to {format_date(quarters[-1].end)}, "
        f"{quarters[0].key} to {quarters[-1].key}"
        if quarters
        else "unknown"
    )
    if parse_quarter_key(raw) is not None:
        found = quarter_of(raw, quarters)
        if found is None:
            raise DeliveryError(f"{raw.upper()} is outside the contract ({span}).")
        return found
    try:
        day = _date(raw)
    except DateError as exc:
        raise DeliveryError(
            f"the quarter '{_short(raw)}' is neither a quarter such as Y1Q3 nor a date ({exc})."
        ) from None
    found = quarter_of(day, quarters)
    if found is None:
        raise DeliveryError(f"{format_date(day)} is outside the contract ({span}).")
    return found


def _date(raw: str) -> dt.date:
    # Excel dates arrive as '2027-10-31' or '2027-10-31 00:00:00'
    if len(raw) > 10 and raw[4] == "-" and raw[10] == " " and raw[:4].isdigit():
        raw = raw[:10]
    return parse_date(raw)


def _lower_first(text: str) -> str:
    """'The actual ...' -> 'the actual ...' after 'row 7: ' (codes such as NT3 stay)."""
    head = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if head.isalpha() and head.istitle() else text


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
