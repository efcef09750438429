"""Nothing a user sees changed when the catalogue stopped being a pydantic model: the loader and
the old pydantic rules (tests/core/catalogue_oracle.py) accept the same catalogues with the same
data, and refuse the others with the same sentence, over the corpus of catalogue files and over
many catalogues mutated at random from the shipped one and small ones (keys dropped or added,
values of the wrong kind, too long, empty, with control characters, bad ids, duplicates,
unknown references, numbers and true/false where text belongs, lists too long or too short)."""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from svplan.core.catalogue import (
    ActionRoute,
    Catalogue,
    CatalogueInfo,
    Contact,
    Measure,
    Outcome,
    Overlap,
    Partner,
    PartnerRoute,
    Theme,
    Unit,
    default_catalogue_path,
    parse_catalogue,
)
from svplan.core.catalogue_record import InvalidRecord, ListOf, Nested, OneOf, Record, fields_of
from svplan.core.errors import CatalogueError
from svplan.core.validation import friendly_message
from svplan.core.yamlsafe import parse_yaml
from tests.conftest import DATA, MINI_CATALOGUE
from tests.core.catalogue_oracle import MODELS, oracle_parse

try:
    from yaml import CSafeDumper as Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as Dumper  # type: ignore[assignment]

PATH = Path("council.yaml")
TINY = """\
format: 1
info: {id: tiny, title: Tiny, publisher: P, source_title: S, edition: 1}
units: [{id: u, name: U}]
themes: [{id: t, name: T, outcomes: [{id: o, name: O}]}]
partners: [{id: p, name: P, contacts: [{phone: 1}], websites: [w]}]
measures:
  - {code: NT1, short: S, wording: W, unit: u, theme: t, outcome: o, routes: [{partner: p}]}
  - {code: NT2, short: S, wording: W, unit: u, theme: t, outcome: o, routes: [{action: A}]}
overlaps: [{codes: [NT1, NT2], warning: W}]
"""


def plain(value: Any) -> Any:
    """A loaded catalogue as plain data, each record with its class name and each value with
    its type, so that the two loaders' catalogues compare attribute by attribute."""
    if isinstance(value, Record):
        return type(value).__name__, {n: plain(getattr(value, n)) for n in fields_of(value)}
    if isinstance(value, BaseModel):
        return type(value).__name__, {n: plain(getattr(value, n)) for n in type(value).model_fields}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, float) and math.isnan(value):
        return "float", "nan"
    return type(value).__name__, value


def outcome(load: Any, text: str) -> tuple[str, Any]:
    try:
        return "loads", plain(load(text, PATH))
    except CatalogueError as exc:
        return "refused", exc.message


def same_for_both(text: str) -> tuple[str, Any]:
    new, old = outcome(parse_catalogue, text), outcome(oracle_parse, text)
    assert new == old
    return new


# The corpus ----------------------------------------------------------------------------------

CORPUS = sorted((DATA / "catalogues").rglob("*.yaml"))


@pytest.mark.parametrize("path", [*CORPUS, default_catalogue_path()], ids=lambda p: p.name)
def test_every_catalogue_file_loads_or_is_refused_as_before(path):
    same_for_both(path.read_text(encoding="utf-8"))


def test_the_comparison_sees_a_difference():
    """(So that the tests above can fail.)"""
    text = MINI_CATALOGUE.read_text(encoding="utf-8")
    assert outcome(parse_catalogue, text) != outcome(parse_catalogue, text.replace("NT29", "NT9"))
    assert outcome(oracle_parse, text) != outcome(oracle_parse, text.replace("NT29", "NT9"))
    assert plain([5]) != plain([5.0])


# Mutated catalogues --------------------------------------------------------------------------


def _data(text: str) -> Any:
    return parse_yaml(text, path=PATH, what="catalogue file").data


BASES = {
    "tiny": _data(TINY),
    "mini": _data(MINI_CATALOGUE.read_text(encoding="utf-8")),
    "shipped": _data(default_catalogue_path().read_text(encoding="utf-8")),
}
NASTY: list[Any] = [
    None, True, False, 0, 1, -1, 2, 3, 4, 2.0, 2.5, -0.0, 1e9, 1e300, math.inf, -math.inf,
    math.nan, 10**20, "", " ", "  padded  ", "\t", "\x1f", "\x1c" + "a" * 500, "x\x1by",
    "\x1b[31m", "\x1b]52;c;cm0K\x07", "a\u202eb", "\u3000wide\u3000", "\x85" + "b" * 500,
    "line\nbreak", "A", "-a", "a_b", "nt1", "NT1", "NT 1", "NT3", "x" * 81, "y" * 501,
    "z" * 20_001, "1_000", " 2 ", "0x10", "1.10", "2027", "inf", "nan", "+3", "3.00", "03",
    "yes", "on", "\x01S\x01", b"bytes", b"\xff", b"2", [], [1], ["a"], ["a"] * 21, {}, {"a": 1},
    {"partner": "helpful-org"}, {"action": "Do it"}, {"partner": "x", "action": "y"},
    {"name": "N"}, {"role": "only a role"}, {"id": "o", "name": "O"},
]  # fmt: skip
REFERENCES = ["nobody", "fte", "hours", "jobs", "social", "local-employment", "helpful-org",
              "u", "t", "o", "p", "NT1", "NT3", "nt3", "NT99"]  # fmt: skip
FIELDS = ["id", "name", "code", "unit", "theme", "outcome", "partner", "action", "routes",
          "codes", "warning", "decimals", "maximum", "level", "disadvantaged", "websites",
          "contacts", "format", "info", "units", "themes", "measures", "partners", "overlaps",
          "withheld", "edition", "zz", "extra"]  # fmt: skip


def _places(data: Any, at: tuple = ()) -> list[tuple]:
    """Every path in the data (of a mapping's value or a list's item)."""
    found = [at]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _places(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _places(value, (*at, i))
    return found


def _at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    _at(data, path[:-1])[path[-1]] = value
    return data


@st.composite
def mutated(draw: Any, base: str) -> str:
    data = copy.deepcopy(BASES[base])
    for _ in range(draw(st.integers(1, 3))):
        places = _places(data)
        path = draw(st.sampled_from(places))
        here = _at(data, path)
        op = draw(st.sampled_from(["set", "set", "reference", "drop", "add", "copy", "grow"]))
        if op == "set" or (op in ("drop", "add") and not isinstance(here, dict)):
            data = _set(data, path, copy.deepcopy(draw(st.sampled_from(NASTY))))
        elif op == "reference" and path:
            data = _set(data, path, draw(st.sampled_from(REFERENCES)))
        elif op == "drop" and here:
            del here[draw(st.sampled_from(sorted(here)))]
        elif op == "add":
            here[draw(st.sampled_from(FIELDS))] = copy.deepcopy(draw(st.sampled_from(NASTY)))
        elif op == "copy" and isinstance(here, list) and here:  # a duplicate (or an alias)
            item = draw(st.sampled_from(here))
            item = draw(st.sampled_from([item, copy.deepcopy(item)]))
            here.insert(draw(st.integers(0, len(here))), item)
        elif op == "grow" and isinstance(here, list) and here:  # past a list's limit
            size = draw(st.sampled_from([2, 11, 21, 101, 501, 1001]))
            here[:] = (here * size)[: max(size, len(here))]
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False)
    return text.replace("\\x01S\\x01", "\\uD800")  # a lone surrogate (libyaml cannot write one)


DIFFERENTIAL = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@settings(DIFFERENTIAL, max_examples=600)
@given(text=mutated("tiny") | mutated("mini"))
def test_a_mutated_small_catalogue_loads_or_is_refused_as_before(text):
    same_for_both(text)


@settings(DIFFERENTIAL, max_examples=80)
@given(text=mutated("shipped"))
def test_a_mutated_shipped_catalogue_loads_or_is_refused_as_before(text):
    same_for_both(text)


# Record by record: every problem, in order ---------------------------------------------------

TEXTS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "ok", "fte", "NT1", "nt-1", "A", "-a", "x" * 81, "y" * 501, "\ud800",
                     "\x1f\x1f", "\x1b[31m", " \u3000", "\x85" + "b" * 500, "\x1c" + "c" * 500]),
    st.from_regex(r"\A\s?[+-]{0,2}[0-9_]{0,4}(\.[0-9_]*)?([eE][+-]?[0-9]+)?\s?\Z"),
    st.sampled_from(["inf", "-Infinity", "NaN", "+nan", "0x10", "1e", ".5", "5.", "٢", "３"]),
)  # fmt: skip
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.integers(), st.floats(), TEXTS,
    st.binary(max_size=4),
)  # fmt: skip


def values(rule: Any, depth: int) -> st.SearchStrategy[Any]:
    """Values for a field: of its kind, or not, or a record or a list where that is expected."""
    if isinstance(rule, ListOf):
        size = st.sampled_from([0, 1, 2, 3, rule.max_length, rule.max_length + 1])
        if depth > 2 or rule.max_length > 20:
            size = st.sampled_from([0, 1, 2])
        item = values(rule.item, depth + 1)
        return size.flatmap(lambda n: st.lists(item, min_size=n, max_size=n)) | SCALARS
    if isinstance(rule, OneOf):
        return st.one_of(*(records(cls, depth + 1) for cls in rule.classes)) | SCALARS
    if isinstance(rule, Nested):
        return records(rule.cls, depth + 1) | SCALARS
    return SCALARS


def records(cls: type[Record], depth: int = 0) -> st.SearchStrategy[Any]:
    rules = dict(cls._rules)
    return st.fixed_dictionaries(
        {}, optional={**{name: values(rule, depth) for name, rule in rules.items()}, "zz": SCALARS}
    )


def problems(errors: list[dict[str, Any]]) -> list[tuple[str, tuple, str]]:
    return [(e["type"], tuple(e["loc"]), friendly_message(e)) for e in errors]


def checked_by_both(cls: type[Record], data: Any) -> None:
    try:
        new: Any = ("loads", plain(cls.checked(data)))
    except InvalidRecord as exc:
        new = ("refused", problems(exc.errors()))
    try:
        old: Any = ("loads", plain(MODELS[cls.__name__].model_validate(data)))
    except ValidationError as exc:
        old = ("refused", problems(exc.errors()))
    assert new == old


RECORDS = [Unit, Contact, Partner, PartnerRoute, ActionRoute, Measure, Outcome, Theme, Overlap,
           CatalogueInfo, Catalogue]  # fmt: skip


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_every_problem_of_a_record_is_found_and_worded_as_before(cls):
    @settings(DIFFERENTIAL, max_examples=150, database=None)
    @given(data=records(cls))
    def check(data):
        checked_by_both(cls, data)

    check()
