"""Loading catalogue files: every broken file is refused with a message naming the file, the line
and what is wrong (the files under tests/data/catalogues/bad/ are mini.yaml with one fault)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from svplan.core.catalogue import (
    load_catalogue,
    load_default_catalogue,
    parse_catalogue,
)
from svplan.core.errors import CatalogueError

CATALOGUES = Path(__file__).resolve().parents[1] / "data" / "catalogues"
MINI = CATALOGUES / "mini.yaml"
BAD = CATALOGUES / "bad"


def line_with(path: Path, needle: str, *, last: bool = False) -> int:
    """1-based number of the first (or last) line of the file that contains needle."""
    numbers = [
        n
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    ]
    assert numbers, f"{needle!r} is not in {path.name}"
    return numbers[-1] if last else numbers[0]


def refused(path: Path) -> CatalogueError:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    assert info.value.path == path
    assert info.value.message.startswith(path.name), info.value.message
    return info.value


def test_the_mini_catalogue_loads():
    cat = load_catalogue(MINI)
    assert [m.code for m in cat.measures] == ["NT1", "NT3", "NT29"]
    assert cat.measure("nt3").partner_ids == ["helpful-org", "other-org"]


@pytest.mark.parametrize(
    ("name", "needle", "last", "field", "words"),
    [
        (
            "unknown-partner.yaml",
            "nobody-org",
            False,
            "measures[2].routes[2].partner",
            "measure NT3 names unknown partner id 'nobody-org'",
        ),
        (
            "duplicate-code.yaml",
            "- code: NT3",
            True,
            "measures[3].code",
            "duplicate measure code 'NT3'",
        ),
        (
            "missing-unit.yaml",
            "- code: NT3",
            False,
            "measures[2].unit",
            "this is required but missing",
        ),
        (
            "undefined-unit.yaml",
            "unit: weeks",
            False,
            "measures[3].unit",
            "measure NT29 has unit 'weeks', which is not defined",
        ),
        (
            "outcome-not-in-theme.yaml",
            "outcome: healthier-community",
            True,
            "measures[3].outcome",
            "outcome 'healthier-community', which is not an outcome of theme 'jobs'",
        ),
        (
            "wrong-type.yaml",
            "decimals: lots",
            False,
            "units[1].decimals",
            "must be a whole number",
        ),
    ],
)
def test_a_wrong_value_is_reported_with_its_line_and_field(name, needle, last, field, words):
    path = BAD / name
    err = refused(path)
    line = line_with(path, needle, last=last)
    assert err.message.startswith(f"{name}, line {line} ({field}): "), err.message
    assert words in err.message


def test_invalid_yaml_names_the_line():
    path = BAD / "invalid-yaml.yaml"
    err = refused(path)
    assert "not valid YAML" in err.message
    found = re.search(r", line (\d+)", err.message)
    assert found, err.message
    broken = line_with(path, "maximum: 1000000")  # the flow mapping left open
    assert broken <= int(found.group(1)) <= broken + 2


def test_a_list_is_not_a_catalogue():
    err = refused(BAD / "not-a-mapping.yaml")
    assert "is not a catalogue" in err.message
    assert "key: value" in err.message


def test_a_newer_format_asks_for_the_newer_app():
    err = refused(BAD / "newer-format.yaml")
    assert "format 2" in err.message
    assert "newer app" in err.message


@pytest.mark.parametrize("name", ["empty.yaml", "comments-only.yaml"])
def test_an_empty_file_is_refused(name):
    err = refused(BAD / name)
    assert "is empty" in err.message


def test_a_missing_file_is_refused(tmp_path):
    path = tmp_path / "council.yaml"
    err = refused(path)
    assert "no such file" in err.message


# Cross-checks on text (parse_catalogue), each naming the line of the item at fault ----------------


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (
            "  - id: other-org",
            "  - id: helpful-org",
            "partners[2].id",
            "duplicate partner id 'helpful-org'",
        ),
        (
            "  - {id: hours, name:",
            "  - {id: fte, name:",
            "units[2].id",
            "duplicate unit id 'fte'",
        ),
        (
            "      - {id: healthier-community, name:",
            "      - {id: local-employment, name:",
            "themes[2].outcomes[1].id",
            "duplicate outcome id 'local-employment'",
        ),
        (
            "    theme: social",
            "    theme: planet",
            "measures[3].theme",
            "theme 'planet', which is not defined",
        ),
        (
            "  - codes: [NT1, NT29]",
            "  - codes: [NT1, NT99]",
            "overlaps[1].codes[2]",
            "unknown measure code 'NT99'",
        ),
    ],
)
def test_cross_checks_name_the_line_of_the_item(old, new, field, words):
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    # the changed line is the last that starts so (a duplicate repeats an earlier one)
    line = [n for n, s in enumerate(text.splitlines(), 1) if s.startswith(new)][-1]
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(text, "council.yaml")
    assert info.value.message.startswith(f"council.yaml, line {line} ({field}): ")
    assert words in info.value.message


def test_the_default_catalogue_is_loaded_once():
    assert load_default_catalogue() is load_default_catalogue()


def test_loading_the_default_catalogue_imports_neither_pydantic_nor_importlib_resources():
    """They cost start-up time (~80 ms and ~20 MiB for pydantic): the window is ready sooner."""
    code = (
        "import sys\n"
        "from svplan.core.catalogue import load_default_catalogue\n"
        "assert load_default_catalogue().measures\n"
        "print(sorted(m for m in ('pydantic', 'importlib.resources') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_the_example_in_the_format_documentation_is_a_valid_catalogue():
    doc = Path(__file__).resolve().parents[2] / "docs" / "catalogue-format.md"
    example = re.search(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
    assert example, "docs/catalogue-format.md has no ```yaml example"
    cat = parse_catalogue(example.group(1), "example.yaml")
    assert cat.unit_of("NT1").format(6) == "6 FTE"
    assert cat.unit_of("NT28").format(25000) == "£25,000"
    assert cat.measure("NT1").routes[0].description.count("\n\n") == 1
    assert cat.overlaps_among({"NT28", "NT29"})
