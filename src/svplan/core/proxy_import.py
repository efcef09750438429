"""Importing the bidder's proxy table (£ per unit of each measure) from CSV or Excel, previewed.

Columns: `measure` and `value` (£ per unit of the measure's unit), optionally `unit`, `source`,
`year` and `per_level` (yes for a level measure whose value is £ per percentage point per year;
see core/money.py). A file is read whole and checked before anything changes: one bad row (a
negative value, NaN, "£1,2,3", an empty measure, a measure given twice with different values)
refuses the file with one sentence naming the row and the value. What is only worth knowing
(a measure the catalogue does not have, a unit that differs from the measure's, a committed
measure with no value) goes into the preview, which the user reads before the table is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from svplan.core.amounts import AmountError, parse_amount, pounds
from svplan.core.catalogue import Catalogue, Unit
from svplan.core.errors import ImportFileError
from svplan.core.money import proxy_lookup, unit_word
from svplan.core.plan import MAX_SHORT, Plan, ProxyTable, ProxyValue
from svplan.core.tabular import TableRow, read_table
from svplan.core.tabular_xlsx import shorten

WHAT = "proxy table"
REQUIRED = ("measure", "value")
OPTIONAL = ("unit", "source", "year", "per_level")
_NO_VALUE = {"", "-", "–", "—", "n/a", "na", "none", "not valued"}
_YES = {"yes", "y", "true", "1", "✓", "x"}
_NO = {"", "no", "n", "false", "0"}
_LEADING_CODE = re.compile(r"^([A-Za-z]{1,5}\d{1,4}[A-Za-z]?)(?:\s|[:–—-]|$)")
_SYNONYMS = {
    "fte": {"person", "people", "job", "employee"},
    "hour": {"hr"},
    "week": {"wk"},
    "gbp": {"spend", "spent", "invested", "value", "pound"},
}
_DECIMAL_COMMA = re.compile(r"^£?\s*\d+,\d{1,2}$")


@dataclass(frozen=True)
class PreviewRow:
    """A row that gave a value."""

    number: int
    code: str  # as the catalogue spells it, else as the file does
    value: Decimal
    unit: str  # the unit the file states ("" if none)
    per_level: bool
    known: bool  # the catalogue has the measure


@dataclass
class ProxyPreview:
    """What an import would do, for the user to read before anything changes."""

    path: Path
    table: ProxyTable
    rows: list[PreviewRow]
    # (row, the measure's unit, what one of it is called: 'hours (staff time)', 'hour')
    unit_mismatch: list[tuple[PreviewRow, str, str]] = field(default_factory=list)
    level_without_rule: list[PreviewRow] = field(default_factory=list)
    no_value: list[str] = field(default_factory=list)  # committed measures the table lacks
    skipped: list[int] = field(default_factory=list)  # rows with a measure and no value
    notes: list[str] = field(default_factory=list)
    replaces: ProxyTable | None = None

    @property
    def matched(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.known]

    @property
    def unknown(self) -> list[PreviewRow]:
        return [r for r in self.rows if not r.known]

    def apply(self, plan: Plan) -> Plan:
        """A copy of the plan with this table as its proxy table (the old one replaced)."""
        return plan.model_copy(update={"proxies": self.table})

    def lines(self) -> list[str]:
        """The preview as sentences, one per line (the CLI prints them; the dialog lists them)."""
        t, name = self.table, self.path.name
        out = [
            f"{name}: {_count(len(self.rows), 'value')} read"
            + (f" (source: {t.source}" if t.source else " (no source named")
            + (f", {t.year})." if t.year else ").")
        ]
        if self.matched:
            out.append(
                f"Matched {_count(len(self.matched), 'measure')} of the catalogue: "
                + ", ".join(f"{r.code} {pounds(r.value, pence=True)}" for r in self.matched)
                + "."
            )
        out += self.concerns()
        if self.no_value:
            out.append("Committed but no value: " + ", ".join(self.no_value) + ".")
        if self.replaces is not None and self.replaces.values:
            old = self.replaces
            label = old.source or old.name or "the current table"
            out.append(
                f"It replaces the plan's proxy table ({shorten(label, 60)}, "
                f"{_count(len(old.values), 'value')})."
            )
        return out

    def concerns(self) -> list[str]:
        """What the user should check before using the table (none of it stops the import)."""
        out = []
        if self.unknown:
            out.append(
                "Not in the catalogue (kept, used only by a commitment with that code): "
                + ", ".join(f"row {r.number} '{shorten(r.code, 30)}'" for r in self.unknown)
                + "."
            )
        for row, unit, one in self.unit_mismatch:
            out.append(
                f"Unit differs: row {row.number} gives {row.code} per '{shorten(row.unit, 30)}', "
                f"but the catalogue counts {row.code} in {unit}; check the value is £ per {one}."
            )
        for row in self.level_without_rule:
            out.append(
                f"Level measure: row {row.number} {row.code} is a percentage held each year; "
                "without per_level = yes its value is not used, so it shows no £ value."
            )
        if self.skipped:
            out.append(f"Skipped (no value given): {_rows(self.skipped)}.")
        return out + self.notes


def read_proxy_file(
    path: Path | str,
    catalogue: Catalogue,
    plan: Plan | None = None,
    *,
    source: str = "",
    year: str = "",
    name: str = "",
) -> ProxyPreview:
    """Read and check a proxy table; ImportFileError (one sentence, by row) if it cannot be used.
    `source`, `year` and `name` given here win over the file's columns (and its name)."""
    path = Path(path)
    table = read_table(path, required=REQUIRED, optional=OPTIONAL, what=WHAT)
    rows: list[PreviewRow] = []
    seen: dict[str, PreviewRow] = {}
    preview = ProxyPreview(path=path, table=ProxyTable(), rows=rows, notes=list(table.warnings))
    faults: list[str] = []  # every row at fault, so the user can fix them all in one go
    for raw in table:
        try:
            row = _row(path, raw, catalogue, preview)
        except ImportFileError as exc:
            faults.append(exc.message)
            continue
        if row is None:
            continue
        key = row.code.upper()
        if key in seen:
            first = seen[key]
            if (first.value, first.per_level) != (row.value, row.per_level):
                faults.append(
                    f"{path.name}, rows {first.number} and {row.number} both give {row.code}, "
                    f"with different values ({pounds(first.value, pence=True)} and "
                    f"{pounds(row.value, pence=True)}); keep one row per measure."
                )
            else:
                preview.notes.append(f"Row {row.number} repeats row {first.number} ({row.code}).")
            continue
        seen[key] = row
        rows.append(row)
    if faults:
        raise _faults(path, faults)
    if not rows:
        raise ImportFileError(f"{path.name} has no proxy values (no row gives a value).", path=path)
    preview.table = ProxyTable(
        name=_short_field(path, "name", name or path.stem),
        source=_short_field(path, "source", source or _joined(table, "source")),
        year=_short_field(path, "year", year or _joined(table, "year")),
        values=[
            ProxyValue(measure=r.code, value=r.value, unit=r.unit, per_level=r.per_level)
            for r in rows
        ],
    )
    _check_against(preview, catalogue, plan)
    return preview


def _faults(path: Path, faults: list[str]) -> ImportFileError:
    """One sentence for the first row at fault (and how many more); every row in `details`."""
    if len(faults) == 1:
        return ImportFileError(faults[0], path=path)
    first = faults[0].removeprefix(f"{path.name}, ").rstrip(".")
    more = len(faults) - 1
    return ImportFileError(
        f"{path.name}: {len(faults)} rows cannot be used (the table was not imported); first, "
        f"{first[:1].lower() + first[1:]} ({more} more in the details).",
        path=path,
        details="\n".join(faults),
    )


def _row(path: Path, raw: TableRow, catalogue: Catalogue, preview: ProxyPreview):
    cells, n = raw.values, raw.number
    code_text, value_text = cells["measure"], cells["value"]
    if not code_text:
        if not value_text:
            return None  # a row of notes
        raise ImportFileError(
            f"{path.name}, row {n}: the measure is empty (value '{shorten(value_text, 30)}'); "
            "give the measure code, such as NT1.",
            path=path,
        )
    code = _code(path, n, code_text, catalogue, preview)
    if value_text.strip().lower() in _NO_VALUE:
        preview.skipped.append(n)
        return None
    value = _value(path, n, code, value_text)
    per_level = _yes_no(path, n, code, cells["per level"])
    known = catalogue.has_measure(code)
    if per_level and not catalogue.is_level(code):
        preview.notes.append(
            f"Row {n}: {code} is not a level measure, so per_level is ignored (its value is "
            "per unit)."
        )
        per_level = False
    return PreviewRow(n, code, value, cells["unit"][:MAX_SHORT], per_level, known)


def _code(path: Path, n: int, text: str, catalogue: Catalogue, preview: ProxyPreview) -> str:
    squeezed = "".join(text.split())
    if catalogue.has_measure(squeezed):
        return catalogue.measure(squeezed).code
    match = _LEADING_CODE.match(text)
    if match and catalogue.has_measure(match.group(1)):
        code = catalogue.measure(match.group(1)).code
        preview.notes.append(f"Row {n}: '{shorten(text, 40)}' was read as {code}.")
        return code
    if len(squeezed) > 40 or not squeezed.isprintable():
        raise ImportFileError(
            f"{path.name}, row {n}: '{shorten(text, 40)}' is not a measure code; give the code, "
            "such as NT1.",
            path=path,
        )
    return squeezed


def _value(path: Path, n: int, code: str, text: str) -> Decimal:
    try:
        value = parse_amount(text, what="value")
    except AmountError as exc:
        hint = ""
        if _DECIMAL_COMMA.match(text.strip()):
            hint = " (write pence after a point: 12.50, not 12,50)"
        raise ImportFileError(f"{path.name}, row {n} ({code}): {exc}{hint}.", path=path) from None
    return plain_decimal(value)


def plain_decimal(value: Decimal) -> Decimal:
    """Decimal('1E+4') -> Decimal('10000'): kept as the digits a person would write (the plan
    file stores the value as text)."""
    return Decimal(format(value, "f"))


def _yes_no(path: Path, n: int, code: str, text: str) -> bool:
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ImportFileError(
        f"{path.name}, row {n} ({code}): per_level is '{shorten(text, 20)}'; write yes or no.",
        path=path,
    )


def _joined(table: list[TableRow], column: str) -> str:
    """The column's distinct values, in order, joined ('' when the file has none)."""
    seen: list[str] = []
    for row in table:
        text = " ".join(row.values.get(column, "").split())
        if text and text not in seen:
            seen.append(text)
    return "; ".join(seen)


def _short_field(path: Path, what: str, text: str) -> str:
    text = " ".join(text.split())
    if len(text) > MAX_SHORT:
        raise ImportFileError(
            f"{path.name}: the {what} is {len(text):,} characters long; at most {MAX_SHORT} are "
            "kept, so shorten it.",
            path=path,
        )
    return text


def _check_against(preview: ProxyPreview, catalogue: Catalogue, plan: Plan | None) -> None:
    for row in preview.rows:
        if not row.known:
            continue
        unit = catalogue.unit_of(row.code)
        if row.unit and not unit_matches(row.unit, unit):
            preview.unit_mismatch.append((row, unit.name, unit_word(unit)))
        if catalogue.is_level(row.code) and not row.per_level:
            preview.level_without_rule.append(row)
    if plan is None:
        return
    preview.replaces = plan.proxies
    lookup = proxy_lookup(preview.table.values)
    for c in plan.commitments:
        code = catalogue.measure(c.measure).code if catalogue.has_measure(c.measure) else c.measure
        if code.upper() not in lookup and code not in preview.no_value:
            preview.no_value.append(code)


def _words(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9%]+", text.lower().replace("co2e", "co2"))
    out = set()
    for word in words:
        if word in {"per", "of", "a", "an", "the", "1", "unit", "each"}:
            continue
        out.add(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return out


def unit_matches(text: str, unit: Unit) -> bool:
    """Whether the unit a table states ('£ per FTE', 'per hour', '£1') fits the measure's unit."""
    stated = _words(text)
    if unit.suffix.startswith("%"):
        return "%" in text or bool(stated & {"percent", "percentage", "point", "pp"})
    own = _words(unit.name) | _words(unit.suffix) | _words(unit_word(unit)) | _words(unit.id)
    for word in list(own):
        own |= _SYNONYMS.get(word, set())
    return not stated or stated <= own or (_words(unit.suffix) or {"-"}) <= stated


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _rows(numbers: list[int]) -> str:
    return ("row " if len(numbers) == 1 else "rows ") + ", ".join(str(n) for n in numbers)
