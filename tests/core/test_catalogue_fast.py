"""Catalogue loading takes the fast way (svplan.core.yamlfast, no line numbers) when it can, and
gives exactly what the careful way (yamlsafe.parse_yaml, every line recorded) gives: the same
catalogue, and for a broken file the same message, line and field path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svplan.core import catalogue as catalogue_module
from svplan.core.catalogue import (
    MAX_CATALOGUE_BYTES,
    Catalogue,
    catalogue_from_document,
    load_catalogue,
    parse_catalogue,
)
from svplan.core.errors import CatalogueError, FileFormatError
from svplan.core.yamlsafe import load_yaml_file
from tests.conftest import DATA, MINI_CATALOGUE, ROOT

BAD = DATA / "catalogues" / "bad"
CATALOGUES = [
    MINI_CATALOGUE,
    ROOT / "src" / "svplan" / "data" / "lancashire-toms.yaml",
    ROOT / "tests" / "export" / "data" / "lancashire-extract.yaml",
]


def careful(path: Path) -> Catalogue:
    """The catalogue as the loader read it before the fast path existed."""
    try:
        doc = load_yaml_file(path, what="catalogue file", max_bytes=MAX_CATALOGUE_BYTES)
    except FileFormatError as exc:
        raise CatalogueError(exc.message, path=path, details=exc.details) from None
    return catalogue_from_document(doc, path)


@pytest.fixture
def no_careful_parse(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the careful parse was used")

    monkeypatch.setattr(catalogue_module, "parse_yaml", refuse)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_a_valid_catalogue_is_read_the_fast_way_and_the_same(path, no_careful_parse):
    assert load_catalogue(path) == careful(path)


def test_a_large_generated_catalogue_is_read_the_fast_way_and_the_same(tmp_path, monkeypatch):
    from benchmarks.make_catalogue import write_catalogue

    path = write_catalogue(tmp_path / "council.yaml", measures=200, partners=500)
    expected = careful(path)
    monkeypatch.setattr(catalogue_module, "parse_yaml", None)  # never called
    assert load_catalogue(path) == expected


def test_the_documented_example_is_read_the_fast_way(no_careful_parse):
    doc = ROOT / "docs" / "catalogue-format.md"
    example = re.search(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
    assert example
    assert parse_catalogue(example.group(1), "example.yaml").info.id


def same_refusal(path: Path) -> CatalogueError:
    with pytest.raises(CatalogueError) as fast:
        load_catalogue(path)
    with pytest.raises(CatalogueError) as slow:
        careful(path)
    assert (fast.value.message, fast.value.path, fast.value.details) == (
        slow.value.message,
        slow.value.path,
        slow.value.details,
    )
    return fast.value


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda p: p.name)
def test_a_broken_catalogue_gets_the_same_message_as_before(path):
    same_refusal(path)


MINI_CHANGES = [
    ("  - id: other-org", "  - id: helpful-org"),  # duplicate partner id
    ("  - {id: hours, name:", "  - {id: fte, name:"),  # duplicate unit id
    ("    theme: social", "    theme: planet"),  # undefined theme
    ("  - codes: [NT1, NT29]", "  - codes: [NT1, NT99]"),  # unknown code in an overlap
    ("  title: Mini TOMs\n", "  title: !!python/name:os.system\n"),  # an object tag
    ("  title: Mini TOMs\n", "  title: [Mini, TOMs]\n"),  # a list where text goes
    ("  title: Mini TOMs\n", "  title: Mini TOMs\n  title: Again\n"),  # a key written twice
    ("format: 1\n", "format: 1\nlol: &a [x, x]\nlol2: [*a, *a]\n"),  # an alias, and a stray key
]


@pytest.mark.parametrize(("old", "new"), MINI_CHANGES)
def test_a_changed_mini_catalogue_gets_the_same_result_as_before(tmp_path, old, new):
    text = MINI_CATALOGUE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "council.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        expected = careful(path)
    except CatalogueError:
        same_refusal(path)
    else:
        assert load_catalogue(path) == expected


def test_aliases_and_merge_keys_load_the_careful_way(tmp_path, monkeypatch):
    """YAML's shorthand is unusual in a catalogue, not wrong: the careful way reads it."""
    text = MINI_CATALOGUE.read_text(encoding="utf-8")
    changes = [
        ("    websites: [https://helpful.example.org/]", "    websites: &sites [https://x.org/]"),
        (
            "      - {email: info@other.example.org}",
            "      - {email: info@other.example.org}\n    websites: *sites",
        ),
        (
            "      - {partner: other-org, description: Runs work trials.}",
            "      - <<: {partner: other-org}\n        description: Runs work trials.",
        ),
    ]
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "shorthand.yaml"
    path.write_text(text, encoding="utf-8")
    calls = []
    real = catalogue_module.parse_yaml
    monkeypatch.setattr(
        catalogue_module, "parse_yaml", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    cat = load_catalogue(path)
    assert calls == [1]
    assert cat.partner("other-org").websites == ["https://x.org/"]
    assert cat.measure("NT3").routes[1].partner == "other-org"
    assert cat.measure("NT3").routes[1].description == "Runs work trials."
