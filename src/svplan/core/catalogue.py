"""The TOMs catalogue: themes, outcomes, measures, units, partners and the routes between them.

A catalogue is a YAML file (docs/catalogue-format.md). The Lancashire one ships inside the package;
a council can publish its own and the user names it with --catalogue or from the File menu.
The classes are plain read-only records (svplan.core.catalogue_record), checked as they are read
by the rules of their fields, not pydantic models: pydantic is imported only with a plan, so the
window is ready sooner (docs/performance.md). tests/core/catalogue_oracle.py keeps the pydantic
statement of the same rules, and tests/core/test_catalogue_oracle.py shows that both agree.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

from svplan.core.catalogue_fields import (
    MAX_CONTACTS,
    MAX_MEASURES,
    MAX_OUTCOMES,
    MAX_OVERLAP_CODES,
    MAX_OVERLAPS,
    MAX_PARTNERS,
    MAX_ROUTES,
    MAX_THEMES,
    MAX_UNITS,
    MAX_WEBSITES,
    Address,
    Code,
    Flag,
    Id,
    Line,
    OptionalFlag,
    Paragraphs,
    Text,
    Wording,
)
from svplan.core.catalogue_record import InvalidRecord, ListOf, Nested, OneOf, Record
from svplan.core.catalogue_values import Exactly, Number
from svplan.core.errors import CatalogueError, FileFormatError, UnknownMeasureError
from svplan.core.textfile import read_text
from svplan.core.validation import describe_errors, format_loc, validate_keeping_text
from svplan.core.yamlsafe import YamlDocument, gc_paused, parse_yaml

CATALOGUE_FORMAT = 1
DEFAULT_CATALOGUE_FILE = "lancashire-toms.yaml"
MAX_CATALOGUE_BYTES = 8 * 1024 * 1024  # a 500-measure, 1,000-partner catalogue is about 1.5 MB
MAX_CATALOGUE_NODES = 300_000  # values in the file: the largest catalogue within the limits


class Unit(Record):
    """What a target is counted in, and how to show a quantity of it."""

    id: str = Id
    name: str = Text  # "people (FTE)"
    prefix: str = Line  # "£"
    suffix: str = Line  # "FTE" (shown after a space) or "%" (shown without one)
    decimals: int = Number(whole=True, ge=0, le=3, default=0)
    maximum: float = Number(gt=0.0, default=1e9)
    evidence: str = Paragraphs  # what evidence is typically asked for, shown as a hint
    level: bool = Flag  # a level (e.g. % of staff), not a quantity that adds up over years

    def format(self, value: float | None) -> str:
        """6 -> '6 FTE'; 25000 -> '£25,000'; None -> 'to be confirmed'."""
        if value is None:
            return "to be confirmed"
        decimals = self.decimals if value != int(value) else 0
        number = f"{self.prefix}{value:,.{decimals}f}"
        if not self.suffix:
            return number
        gap = "" if self.suffix.startswith("%") else " "
        return f"{number}{gap}{self.suffix}"


class Contact(Record):
    """One way to reach a partner: a named person and/or a phone number and email."""

    name: str = Line
    role: str = Line
    phone: str = Address
    email: str = Address

    def _after_check(self) -> None:
        if not (self.name or self.phone or self.email):
            raise ValueError("a contact needs at least a name, a phone number or an email")

    def written(self) -> dict[str, str]:
        """The parts the catalogue gives ({'name': ..., 'email': ...}), in order."""
        return {k: v for k, v in zip(self._fields, self._values(), strict=True) if v}


class Partner(Record):
    """An organisation that can help a supplier deliver measures. Listed once per catalogue."""

    id: str = Id
    name: str = Text
    websites: list[str] = ListOf(Address, max_length=MAX_WEBSITES)
    contacts: list[Contact] = ListOf(Contact, max_length=MAX_CONTACTS)
    note: str = Paragraphs  # anything the source says about the organisation itself


class PartnerRoute(Record):
    """A partner suggested for one measure, with what the partner offers for that measure."""

    partner: str = Id
    description: str = Paragraphs


class ActionRoute(Record):
    """A suggested way to deliver a measure where the source names no partner."""

    action: str = Text
    description: str = Paragraphs


Route = PartnerRoute | ActionRoute


class Measure(Record):
    """One TOMs measure (e.g. NT1) with its wording, unit, place in the themes, and routes."""

    code: str = Code
    short: str = Text  # a short title for lists and tables
    wording: str = Wording  # the full wording as the source gives it
    unit: str = Id
    theme: str = Id
    outcome: str = Id
    routes: list[Route] = ListOf(OneOf(PartnerRoute, ActionRoute), max_length=MAX_ROUTES)
    guidance: str = Paragraphs  # general text the source gives for the measure (NT50-NT53)
    counting: str = Paragraphs  # counting rule shown as a hint
    disadvantaged: bool = Flag  # one person counts under one disadvantaged measure only
    level: bool | None = OptionalFlag  # overrides the unit's `level` mark when given
    # source text kept for the record but never shown or offered (cut off, local to one district)
    withheld: list[str] = ListOf(Paragraphs, max_length=MAX_ROUTES)

    @property
    def partner_ids(self) -> list[str]:
        return [r.partner for r in self.routes if isinstance(r, PartnerRoute)]


class Outcome(Record):
    """What the measures under it achieve, within their theme (e.g. "More local people in
    employment", under Jobs)."""

    id: str = Id
    name: str = Text


class Theme(Record):
    """A heading of the TOMs (e.g. Jobs), with its outcomes."""

    id: str = Id
    name: str = Text
    description: str = Paragraphs
    outcomes: list[Outcome] = ListOf(Outcome, min_length=1, max_length=MAX_OUTCOMES)


class Overlap(Record):
    """Measures that invite double counting when committed together."""

    codes: list[str] = ListOf(Code, min_length=2, max_length=MAX_OVERLAP_CODES)
    warning: str = Wording


class CatalogueInfo(Record):
    """Which catalogue this is: its title, publisher, source and edition."""

    id: str = Id
    title: str = Text
    publisher: str = Text
    source_title: str = Text
    source_url: str = Address
    edition: str = Text
    notes: str = Paragraphs


class Catalogue(Record):
    """A complete, cross-checked catalogue."""

    __slots__ = ("__dict__",)  # for the cached lookups
    format: int = Exactly(CATALOGUE_FORMAT)
    info: CatalogueInfo = Nested(CatalogueInfo)
    units: list[Unit] = ListOf(Unit, min_length=1, max_length=MAX_UNITS)
    themes: list[Theme] = ListOf(Theme, min_length=1, max_length=MAX_THEMES)
    partners: list[Partner] = ListOf(Partner, max_length=MAX_PARTNERS)
    measures: list[Measure] = ListOf(Measure, min_length=1, max_length=MAX_MEASURES)
    overlaps: list[Overlap] = ListOf(Overlap, max_length=MAX_OVERLAPS)

    def _after_check(self) -> None:
        _no_duplicates("unit id", [(u.id, ("units", i, "id")) for i, u in enumerate(self.units)])
        _no_duplicates("theme id", [(t.id, ("themes", i, "id")) for i, t in enumerate(self.themes)])
        _no_duplicates(
            "outcome id",
            [
                (o.id, ("themes", i, "outcomes", j, "id"))
                for i, t in enumerate(self.themes)
                for j, o in enumerate(t.outcomes)
            ],
        )
        _no_duplicates(
            "partner id", [(p.id, ("partners", i, "id")) for i, p in enumerate(self.partners)]
        )
        _no_duplicates(
            "measure code",
            [(m.code.upper(), ("measures", i, "code")) for i, m in enumerate(self.measures)],
        )
        units = {u.id for u in self.units}
        themes = {t.id for t in self.themes}
        outcomes = {o.id: t.id for t in self.themes for o in t.outcomes}
        partners = {p.id for p in self.partners}
        for i, m in enumerate(self.measures):
            at = ("measures", i)
            if m.unit not in units:
                raise _Problem(
                    f"measure {m.code} has unit '{m.unit}', which is not defined", (*at, "unit")
                )
            if m.theme not in themes:
                raise _Problem(
                    f"measure {m.code} has theme '{m.theme}', which is not defined", (*at, "theme")
                )
            if outcomes.get(m.outcome) != m.theme:
                raise _Problem(
                    f"measure {m.code} has outcome '{m.outcome}', which is not an outcome "
                    f"of theme '{m.theme}'",
                    (*at, "outcome"),
                )
            for j, r in enumerate(m.routes):
                if isinstance(r, PartnerRoute) and r.partner not in partners:
                    raise _Problem(
                        f"measure {m.code} names unknown partner id '{r.partner}'",
                        (*at, "routes", j, "partner"),
                    )
        codes = {m.code for m in self.measures}
        for i, o in enumerate(self.overlaps):
            for j, c in enumerate(o.codes):
                if c not in codes:
                    raise _Problem(
                        f"an overlap names unknown measure code '{c}'", ("overlaps", i, "codes", j)
                    )

    # Lookups -------------------------------------------------------------------------------

    @cached_property
    def _measures(self) -> dict[str, Measure]:
        return {m.code.upper(): m for m in self.measures}

    @cached_property
    def _partners(self) -> dict[str, Partner]:
        return {p.id: p for p in self.partners}

    @cached_property
    def _units(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}

    @cached_property
    def _themes(self) -> dict[str, Theme]:
        return {t.id: t for t in self.themes}

    @cached_property
    def _outcomes(self) -> dict[str, Outcome]:
        return {o.id: o for t in self.themes for o in t.outcomes}

    @cached_property
    def _order(self) -> dict[str, int]:
        return {m.code: i for i, m in enumerate(self.measures)}

    def has_measure(self, code: str) -> bool:
        return code.upper() in self._measures

    def measure(self, code: str) -> Measure:
        """The measure with this code (any case); UnknownMeasureError suggests the closest."""
        try:
            return self._measures[code.strip().upper()]
        except KeyError:
            hint = self.closest_code(code)
            tip = f" Did you mean {hint}?" if hint else ""
            raise UnknownMeasureError(
                f"There is no measure '{code}' in {self.info.title}.{tip}"
            ) from None

    @cached_property
    def _suggestions(self) -> dict[str, str | None]:
        return {}

    def closest_code(self, code: str) -> str | None:
        """The code most like this one, or None: remembered, so a plan naming thousands of
        unknown codes (or the same one thousands of times) costs one search per distinct code."""
        import difflib  # (only for a code the catalogue does not have)

        key = code.strip().upper()[:40]
        found = self._suggestions
        if key not in found:
            if len(found) >= 10_000:
                found.clear()
            close = difflib.get_close_matches(key, list(self._measures), n=1)
            found[key] = self._measures[close[0]].code if close else None
        return found[key]

    def partner(self, partner_id: str) -> Partner:
        return self._partners[partner_id]

    def has_partner(self, partner_id: str) -> bool:
        return partner_id in self._partners

    def unit(self, unit_id: str) -> Unit:
        return self._units[unit_id]

    def unit_of(self, code: str) -> Unit:
        return self._units[self.measure(code).unit]

    def is_level(self, code: str) -> bool:
        """True when the measure is a level held each year (NT41's % of staff), which is
        compared year by year and never summed; False for unknown codes."""
        if not self.has_measure(code):
            return False
        measure = self.measure(code)
        return measure.level if measure.level is not None else self.unit(measure.unit).level

    def theme(self, theme_id: str) -> Theme:
        return self._themes[theme_id]

    def outcome(self, outcome_id: str) -> Outcome:
        return self._outcomes[outcome_id]

    def order_of(self, code: str) -> int:
        """Position of a measure in the catalogue (unknown codes sort last)."""
        return self._order.get(code, len(self._order))

    def measures_in(self, outcome_id: str) -> list[Measure]:
        return [m for m in self.measures if m.outcome == outcome_id]

    def partner_routes(self, code: str) -> list[tuple[Partner, PartnerRoute]]:
        m = self.measure(code)
        return [(self.partner(r.partner), r) for r in m.routes if isinstance(r, PartnerRoute)]

    def overlaps_among(self, codes: set[str]) -> list[Overlap]:
        return [o for o in self.overlaps if len(codes.intersection(o.codes)) >= 2]

    @property
    def label(self) -> str:
        """'Lancashire TOMs – methodology and partners (edition)' for status bars and notes."""
        return f"{self.info.title} ({self.info.edition})"


class _Problem(ValueError):
    """A cross-check failure, with the field path it concerns so the loader can name the line
    (and, for a duplicate, the path of the first one, so that both lines are named)."""

    def __init__(
        self, message: str, loc: tuple[str | int, ...], first: tuple[str | int, ...] = ()
    ) -> None:
        super().__init__(message)
        self.loc = loc
        self.first = first


def _no_duplicates(what: str, values: list[tuple[str, tuple[str | int, ...]]]) -> None:
    seen: dict[str, tuple[str | int, ...]] = {}
    for v, loc in values:
        if v in seen:
            raise _Problem(f"duplicate {what} '{v}'", loc, seen[v])
        seen[v] = loc


# Loading -----------------------------------------------------------------------------------

_cache: dict[str, Catalogue] = {}


def default_catalogue_path() -> Path:
    """Path of the Lancashire catalogue shipped inside the package (the app is always installed
    as files, so it is beside the code; importlib.resources would cost imports at start-up)."""
    return Path(__file__).resolve().parent.parent / "data" / DEFAULT_CATALOGUE_FILE


def load_default_catalogue() -> Catalogue:
    """The shipped Lancashire catalogue, loaded and validated once per process."""
    key = "<default>"
    if key not in _cache:
        _cache[key] = load_catalogue(default_catalogue_path())
    return _cache[key]


def load_catalogue(path: Path | str) -> Catalogue:
    """Load and validate a catalogue file; CatalogueError names the file, line and problem."""
    path = Path(path)
    try:
        text = read_text(path, what="catalogue file", max_bytes=MAX_CATALOGUE_BYTES)
    except FileFormatError as exc:
        raise CatalogueError(exc.message, path=path, details=exc.details) from None
    return parse_catalogue(text, path)


def parse_catalogue(text: str, path: Path | str = "catalogue.yaml") -> Catalogue:
    """Validate catalogue YAML text; CatalogueError names the file, line and problem."""
    path = Path(path)
    try:
        doc = parse_yaml(text, path=path, what="catalogue file", max_nodes=MAX_CATALOGUE_NODES)
    except FileFormatError as exc:
        raise CatalogueError(exc.message, path=path, details=exc.details) from None
    return catalogue_from_document(doc, path)


def catalogue_from_document(doc: YamlDocument, path: Path) -> Catalogue:
    """The validated catalogue of a parsed file; CatalogueError names the line at fault."""
    data = doc.data
    check_outline(data, path)
    try:
        with gc_paused():  # tens of thousands of objects, no cycles
            return validate_keeping_text(Catalogue.checked, data, doc, InvalidRecord)
    except InvalidRecord as exc:
        problem = _describe_problem(exc, doc, path)
        sentences = [problem] if problem else describe_errors(exc.errors(), doc, path, limit=20)
        raise CatalogueError(sentences[0], path=path, details="\n".join(sentences)[:2000]) from None


def check_outline(data: object, path: Path) -> None:
    """What is refused before any field is read: a file that is not a mapping, a newer format,
    more measures or partners than a catalogue may have (CatalogueError)."""
    if not isinstance(data, dict):
        raise CatalogueError(
            f"{path.name} is not a catalogue: it should be a set of key: value lines.", path=path
        )
    if data.get("format") not in (None, CATALOGUE_FORMAT) and isinstance(data.get("format"), int):
        raise CatalogueError(
            f"{path.name} is catalogue format {data['format']}; this version of the app reads "
            f"format {CATALOGUE_FORMAT}. Install the newer app to use it.",
            path=path,
        )
    for key, limit in (("measures", MAX_MEASURES), ("partners", MAX_PARTNERS)):
        items = data.get(key)
        if isinstance(items, list) and len(items) > limit:
            raise CatalogueError(
                f"{path.name} has {len(items):,} {key}; a catalogue may have at most {limit:,} "
                "(room for the full National TOMs with plug-ins and local measures), so it "
                "was not loaded.",
                path=path,
            )


def _describe_problem(exc: InvalidRecord, doc: YamlDocument, path: Path) -> str | None:
    """'file, line N (measures[3].unit): ...' for a cross-check failure (reported against the
    whole file, so the line is found from the path _Problem carries); None for ordinary field
    errors, which describe_errors words."""
    errors = exc.errors()
    problem = errors[0].get("ctx", {}).get("error") if errors else None
    if not isinstance(problem, _Problem):
        return None
    line, first = doc.lines_of([problem.loc, problem.first])
    where = f", line {line}" if line else ""
    also = f" (first on line {first})" if problem.first and first else ""
    return f"{path.name}{where} ({format_loc(problem.loc)}): {problem}{also}"


_WORD = re.compile(r"\w+")


def search_text(catalogue: Catalogue, measure: Measure) -> str:
    """Lower-case text a measure is found by: code, titles, wording and its partners' names."""
    names = " ".join(catalogue.partner(p).name for p in measure.partner_ids)
    actions = " ".join(r.action for r in measure.routes if isinstance(r, ActionRoute))
    return " ".join([measure.code, measure.short, measure.wording, names, actions]).lower()
