"""The catalogue's rules as pydantic stated them, kept as a test-only oracle.

Until issue 11 the catalogue was a set of pydantic models; it is now plain classes checked by
svplan.core.catalogue_record (pydantic cost ~80 ms and ~20 MiB at start-up). This module builds
those same models again, from one table, and loads a catalogue the way the app did: the file is
read and outlined by the app's own code (shared: unchanged), then validated by pydantic with
the old text-keeping step and worded by the old path. tests/core/test_catalogue_oracle.py checks
that the app and this oracle accept the same catalogues, with the same data, and refuse the
others with the same sentence. Nothing under src/ imports this.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    create_model,
    model_validator,
)

from svplan.core import catalogue_fields as f
from svplan.core.catalogue import MAX_CATALOGUE_NODES, _describe_problem, _Problem, check_outline
from svplan.core.errors import CatalogueError, FileFormatError
from svplan.core.validation import describe_validation_error, validate_keeping_text
from svplan.core.yamlsafe import parse_yaml


def _given(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        raise ValueError("must not be empty")
    return value


def _not_empty(value: str) -> str:
    if not value:
        raise ValueError("must not be empty (once control characters are removed)")
    return value


# The kinds of value, as catalogue_fields.py declared them for pydantic
ID = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
CODE = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-]*$", max_length=20)]
LINE = Annotated[str, Field(max_length=f.MAX_LINE), AfterValidator(f.clean_line)]
TEXT = Annotated[LINE, BeforeValidator(_given), AfterValidator(_not_empty)]
PARAGRAPHS = Annotated[str, Field(max_length=f.MAX_PARAGRAPHS), AfterValidator(f.clean_text)]
WORDING = Annotated[PARAGRAPHS, BeforeValidator(_given), AfterValidator(_not_empty)]
ADDRESS = Annotated[str, Field(max_length=f.MAX_LINE), AfterValidator(f.clean_address)]
FLAG = Annotated[bool, Field(strict=True)]

CONFIG = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _contact_given(self: Any) -> Any:
    if not (self.name or self.phone or self.email):
        raise ValueError("a contact needs at least a name, a phone number or an email")
    return self


def _cross_check(self: Any) -> Any:
    """Catalogue._cross_check of the pydantic catalogue, restated: duplicates (naming the first
    one too), then each measure's unit, theme, outcome and partners, then the overlaps."""
    outcome_items = [
        (o.id, ("themes", i, "outcomes", j, "id"))
        for i, t in enumerate(self.themes)
        for j, o in enumerate(t.outcomes)
    ]
    code_items = [(m.code.upper(), ("measures", i, "code")) for i, m in enumerate(self.measures)]
    groups = [
        ("unit id", [(u.id, ("units", i, "id")) for i, u in enumerate(self.units)]),
        ("theme id", [(t.id, ("themes", i, "id")) for i, t in enumerate(self.themes)]),
        ("outcome id", outcome_items),
        ("partner id", [(p.id, ("partners", i, "id")) for i, p in enumerate(self.partners)]),
        ("measure code", code_items),
    ]
    for what, items in groups:
        first: dict[str, tuple] = {}
        for value, loc in items:
            if value in first:
                raise _Problem(f"duplicate {what} '{value}'", loc, first[value])
            first[value] = loc
    theme_of = {o.id: t.id for t in self.themes for o in t.outcomes}
    known_units = {u.id for u in self.units}
    known_themes = {t.id for t in self.themes}
    known_partners = {p.id for p in self.partners}
    for i, m in enumerate(self.measures):
        if m.unit not in known_units:
            message = f"measure {m.code} has unit '{m.unit}', which is not defined"
            raise _Problem(message, ("measures", i, "unit"))
        if m.theme not in known_themes:
            message = f"measure {m.code} has theme '{m.theme}', which is not defined"
            raise _Problem(message, ("measures", i, "theme"))
        if theme_of.get(m.outcome) != m.theme:
            message = (
                f"measure {m.code} has outcome '{m.outcome}', which is not an outcome of "
                f"theme '{m.theme}'"
            )
            raise _Problem(message, ("measures", i, "outcome"))
        for j, route in enumerate(m.routes):
            partner = getattr(route, "partner", None)
            if partner is not None and partner not in known_partners:
                message = f"measure {m.code} names unknown partner id '{partner}'"
                raise _Problem(message, ("measures", i, "routes", j, "partner"))
    codes = {m.code for m in self.measures}
    for i, overlap in enumerate(self.overlaps):
        for j, code in enumerate(overlap.codes):
            if code not in codes:
                message = f"an overlap names unknown measure code '{code}'"
                raise _Problem(message, ("overlaps", i, "codes", j))
    return self


MODELS: dict[str, type[BaseModel]] = {}


def _lst(kind: Any, least: int | None = None, most: int = 0) -> tuple[Any, Any]:
    """A list field: required when it has a least length, else empty by default."""
    if least is None:
        return (list[kind], Field(default_factory=list, max_length=most))
    return (list[kind], Field(min_length=least, max_length=most))


def _build(model: str, after: Any = None, /, **fields: Any) -> type[BaseModel]:
    validators = {"_after": model_validator(mode="after")(after)} if after else None
    MODELS[model] = create_model(model, __config__=CONFIG, __validators__=validators, **fields)
    return MODELS[model]


# One table: each model's fields in their order, as (type, default) or a type (required)
_build(
    "Unit", id=ID, name=TEXT, prefix=(LINE, ""), suffix=(LINE, ""),
    decimals=(int, Field(default=0, ge=0, le=3)), maximum=(float, Field(default=1e9, gt=0)),
    evidence=(PARAGRAPHS, ""), level=(FLAG, False),
)  # fmt: skip
_build(
    "Contact", _contact_given,
    name=(LINE, ""), role=(LINE, ""), phone=(ADDRESS, ""), email=(ADDRESS, ""),
)  # fmt: skip
_build(
    "Partner", id=ID, name=TEXT, websites=_lst(ADDRESS, most=f.MAX_WEBSITES),
    contacts=_lst(MODELS["Contact"], most=f.MAX_CONTACTS), note=(PARAGRAPHS, ""),
)  # fmt: skip
_build("PartnerRoute", partner=ID, description=(PARAGRAPHS, ""))
_build("ActionRoute", action=TEXT, description=(PARAGRAPHS, ""))
_build(
    "Measure", code=CODE, short=TEXT, wording=WORDING, unit=ID, theme=ID, outcome=ID,
    routes=_lst(MODELS["PartnerRoute"] | MODELS["ActionRoute"], most=f.MAX_ROUTES),
    guidance=(PARAGRAPHS, ""), counting=(PARAGRAPHS, ""), disadvantaged=(FLAG, False),
    level=(FLAG | None, None), withheld=_lst(PARAGRAPHS, most=f.MAX_ROUTES),
)  # fmt: skip
_build("Outcome", id=ID, name=TEXT)
_build(
    "Theme", id=ID, name=TEXT, description=(PARAGRAPHS, ""),
    outcomes=_lst(MODELS["Outcome"], 1, f.MAX_OUTCOMES),
)  # fmt: skip
_build("Overlap", codes=_lst(CODE, 2, f.MAX_OVERLAP_CODES), warning=WORDING)
_build(
    "CatalogueInfo", id=ID, title=TEXT, publisher=TEXT, source_title=TEXT,
    source_url=(ADDRESS, ""), edition=TEXT, notes=(PARAGRAPHS, ""),
)  # fmt: skip
OldCatalogue = _build(
    "Catalogue", _cross_check, format=Literal[1], info=MODELS["CatalogueInfo"],
    units=_lst(MODELS["Unit"], 1, f.MAX_UNITS), themes=_lst(MODELS["Theme"], 1, f.MAX_THEMES),
    partners=_lst(MODELS["Partner"], most=f.MAX_PARTNERS),
    measures=_lst(MODELS["Measure"], 1, f.MAX_MEASURES),
    overlaps=_lst(MODELS["Overlap"], most=f.MAX_OVERLAPS),
)  # fmt: skip


def oracle_parse(text: str, path: Path) -> BaseModel:
    """The catalogue as the pydantic loader read it; CatalogueError as it worded a refusal."""
    try:
        doc = parse_yaml(text, path=path, what="catalogue file", max_nodes=MAX_CATALOGUE_NODES)
    except FileFormatError as exc:
        raise CatalogueError(exc.message, path=path) from None
    check_outline(doc.data, path)
    try:
        return validate_keeping_text(OldCatalogue.model_validate, doc.data, doc, ValidationError)
    except ValidationError as exc:
        problem = _describe_problem(exc, doc, path)  # type: ignore[arg-type]
        raise CatalogueError(
            problem or describe_validation_error(exc, doc, path), path=path
        ) from None
