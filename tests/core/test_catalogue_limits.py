"""Catalogues from councils are untrusted too: duplicates are refused naming both lines, text is
cleaned at load (control characters, bidi controls in addresses), values are read as YAML 1.2,
and every list has a limit that keeps loading, checking and exporting quick. The corpus is
tests/data/catalogues/ (bad/: refused; loads/: loads, with what the app makes of it)."""

from __future__ import annotations

import difflib
import re
import time
from pathlib import Path

import pytest
import yaml

from svplan.core import catalogue as catalogue_module
from svplan.core.catalogue import MAX_CATALOGUE_NODES, load_catalogue, parse_catalogue
from svplan.core.catalogue_fields import MAX_MEASURES, MAX_PARTNERS, MAX_WEBSITES
from svplan.core.catalogue_record import Record, fields_of
from svplan.core.errors import CatalogueError
from tests.conftest import DATA, MINI_CATALOGUE

CATALOGUES = DATA / "catalogues"
BAD = CATALOGUES / "bad"
LOADS = CATALOGUES / "loads"

# file -> substrings of its one-sentence refusal (besides the file name)
REFUSED = {
    "duplicate-measures-key.yaml": [
        "line 63: the key 'measures' is written twice in the same section (first on line 33)",
        "remove or rename one of them",
    ],
    "duplicate-short.yaml": [
        "line 44 (measures[2]): the key 'short' is written twice in the same section "
        "(first on line 43)"
    ],
    "duplicate-code.yaml": [
        "line 53 (measures[3].code): duplicate measure code 'NT3' (first on line 43)"
    ],
    "too-many-websites.yaml": [
        "line 26 (partners[1].websites): has 11 entries; at most 10 are allowed"
    ],
    "maximum-hex.yaml": ["line 10 (units[1].maximum): must be a number, not '0x10'"],
    "flag-yes.yaml": ["line 48 (measures[2].disadvantaged): must be true or false, not 'yes'"],
    "long-partner-name.yaml": ["line 30 (partners[2].name): is too long (at most 500 characters)"],
    "title-only-controls.yaml": [
        "line 5 (info.title): must not be empty (once control characters are removed)"
    ],
}


def refusal(path: Path) -> str:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    message = info.value.message
    assert message.startswith(path.name) and "\n" not in message and len(message) < 400
    return message


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_bad_catalogue_is_refused_in_one_sentence_naming_the_lines(name):
    message = refusal(BAD / name)
    for part in REFUSED[name]:
        assert part in message, (part, message)


def test_every_bad_catalogue_is_described_in_the_readme():
    readme = (CATALOGUES / "README.md").read_text(encoding="utf-8")
    for path in [*BAD.glob("*.yaml"), *LOADS.glob("*.yaml")]:
        assert f"`{path.parent.name}/{path.name}`" in readme, path.name


# Text is cleaned at load, keeping every word --------------------------------------------------


def every_text(catalogue) -> list[str]:
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, Record):
            for name in fields_of(value):
                walk(getattr(value, name))

    walk(catalogue)
    return found


@pytest.mark.parametrize("path", sorted(LOADS.glob("*.yaml")), ids=lambda p: p.name)
def test_no_control_character_is_left_in_any_text(path):
    for text in every_text(load_catalogue(path)):
        assert not any((ch < " " and ch != "\n") or "\x7f" <= ch <= "\x9f" for ch in text), text


def test_escape_codes_are_removed_and_the_words_kept():
    """Whole ESC sequences go (a colour, OSC 52 that writes the clipboard, an OSC 8 link and its
    hidden address); a lone C1 code goes alone, as it may be a mis-decoded character."""
    cat = load_catalogue(LOADS / "escape-codes.yaml")
    nt1 = cat.measure("NT1")
    assert nt1.short == "Local people employed"
    assert nt1.wording == "No. of FTE  hired2J or retained"
    assert cat.partner("helpful-org").name == "Helpful Organisation"
    assert cat.partner("helpful-org").contacts[0].name == "Alex Example"
    description = nt1.routes[0].description
    assert description == "Helps you recruit local people.\n\nSecond paragraph."
    assert "evil.example" not in description


def test_a_control_character_in_the_title_is_cleaned_as_plan_text_is():
    cat = load_catalogue(LOADS / "control-title.yaml")
    assert cat.info.title == "Mini TOMs (pasted)"  # a pasted line break in a title: a space
    assert (
        cat.measure("NT3").routes[1].description == "Runs work trials.\nAsk for Sam.\nEvery month."
    )


def test_bidi_controls_are_removed_from_addresses_only():
    cat = load_catalogue(LOADS / "bidi-links.yaml")
    partner = cat.partner("helpful-org")
    assert partner.websites == ["https://helpful.example.org/gpj.exe", "www.helpful.example.org"]
    assert partner.contacts[0].email == "alex@helpful.example.org"
    assert partner.contacts[0].phone == "01234 567890"
    assert cat.info.source_url == "https://example.gov.uk/txt.exe"
    assert cat.partner("other-org").name == "Other Org \u05e9\u05dc\u05d5\u05dd"  # letters kept


def test_unquoted_numbers_where_text_belongs_are_kept_as_written():
    cat = load_catalogue(LOADS / "unquoted-numbers-as-text.yaml")
    assert cat.partner("helpful-org").contacts[0].phone == "07976079544"  # not 7976079544
    assert cat.info.edition == "2026.10"  # not 2026.1
    assert cat.partner("other-org").name == "1999"
    assert cat.unit("gbp-spent").maximum == 36  # a number where a number belongs: decimal


def test_unquoted_numbers_where_text_belongs_are_read_back_in_one_pass(tmp_path, monkeypatch):
    """(One pass over the file a field took 114 s for 1,500 unquoted phone numbers.)"""
    from svplan.core import yamlsafe

    path = generated(tmp_path, 20, 300)
    text, count = re.subn(r"phone: [^\n]+", "phone: 07976079544", path.read_text("utf-8"))
    assert count > 300
    passes = []
    real = yamlsafe.find_fields
    monkeypatch.setattr(yamlsafe, "find_fields", lambda *a, **k: passes.append(1) or real(*a, **k))
    cat = parse_catalogue(text, "council.yaml")
    phones = [c.phone for p in cat.partners for c in p.contacts if c.phone]
    assert len(phones) == count and set(phones) == {"07976079544"}  # not 7976079544
    assert len(passes) == 1


# Limits ------------------------------------------------------------------------------------


def generated(tmp_path: Path, measures: int, partners: int) -> Path:
    from benchmarks.make_catalogue import write_catalogue

    return write_catalogue(tmp_path / "council.yaml", measures=measures, partners=partners)


def test_the_largest_catalogue_within_the_limits_loads(tmp_path):
    cat = load_catalogue(generated(tmp_path, MAX_MEASURES, MAX_PARTNERS))
    assert (len(cat.measures), len(cat.partners)) == (MAX_MEASURES, MAX_PARTNERS)


@pytest.mark.parametrize(
    ("measures", "partners", "words"),
    [
        (MAX_MEASURES + 1, 10, "has 501 measures; a catalogue may have at most 500"),
        (10, MAX_PARTNERS + 1, "has 1,001 partners; a catalogue may have at most 1,000"),
    ],
)
def test_more_measures_or_partners_are_refused_in_one_sentence(tmp_path, measures, partners, words):
    message = refusal(generated(tmp_path, measures, partners))
    assert words in message and "National TOMs" in message


def test_a_partner_with_two_million_websites_is_refused_while_reading(tmp_path):
    """The case that took 67 s and 7.6 GB to export (3.8 MB): refused while reading, at the
    300,000th value, before any model is built."""
    text = MINI_CATALOGUE.read_text(encoding="utf-8")
    sites = "[" + "w," * 1_900_000 + "w]"
    path = tmp_path / "sites.yaml"
    path.write_text(text.replace("[https://helpful.example.org/]", sites, 1), "utf-8")
    assert 3_000_000 < path.stat().st_size < catalogue_module.MAX_CATALOGUE_BYTES
    message = refusal(path)
    assert f"holds more than {MAX_CATALOGUE_NODES:,} values" in message


def test_a_partner_with_many_websites_within_the_file_limits_is_refused_by_its_list_limit(
    tmp_path,
):
    text = MINI_CATALOGUE.read_text(encoding="utf-8")
    sites = "[" + ", ".join(["https://x.example.org/"] * 100_000) + "]"
    path = tmp_path / "sites.yaml"
    path.write_text(text.replace("[https://helpful.example.org/]", sites, 1), "utf-8")
    message = refusal(path)
    assert f"(partners[1].websites): has 100,000 entries; at most {MAX_WEBSITES}" in message


# Ported from the old fast-path tests: YAML shorthand loads, changes get their message -------------


def test_aliases_and_merge_keys_load(tmp_path):
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
    cat = parse_catalogue(text, "shorthand.yaml")
    assert cat.partner("other-org").websites == ["https://x.org/"]
    assert cat.measure("NT3").routes[1].partner == "other-org"
    assert cat.measure("NT3").routes[1].description == "Runs work trials."


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("  title: Mini TOMs\n", "  title: !!python/name:os.system\n", "uses a Python object tag"),
        ("  title: Mini TOMs\n", "  title: [Mini, TOMs]\n", "(info.title): must be text"),
        (
            "  title: Mini TOMs\n",
            "  title: Mini TOMs\n  title: Again\n",
            "line 6 (info): the key 'title' is written twice in the same section (first on line 5)",
        ),
        ("format: 1\n", "format: 1\nlol: &a [x, x]\nlol2: [*a, *a]\n", "(lol): this key is not"),
        ("    disadvantaged: true\n", "    disadvantaged: True\n", None),  # 1.2 core: a boolean
        ("    disadvantaged: true\n", "    disadvantaged: on\n", "must be true or false, not 'on'"),
    ],
)
def test_a_changed_mini_catalogue_is_refused_or_read_as_the_file_says(old, new, words):
    text = MINI_CATALOGUE.read_text(encoding="utf-8")
    assert old in text
    if words is None:
        assert parse_catalogue(text.replace(old, new, 1), "council.yaml").measure("NT3")
        return
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(text.replace(old, new, 1), "council.yaml")
    assert words in info.value.message, info.value.message


# Unknown codes: one search per distinct code ------------------------------------------------------


def test_suggestions_for_unknown_codes_are_searched_once_per_code(monkeypatch):
    calls = []
    real = difflib.get_close_matches
    monkeypatch.setattr(
        difflib,
        "get_close_matches",
        lambda *a, **k: calls.append(a[0]) or real(*a, **k),
    )
    cat = load_catalogue(MINI_CATALOGUE)  # a fresh one, with its own memory of suggestions
    assert cat.closest_code("nt3x") == "NT3"
    assert [cat.closest_code("nt3x ") for _ in range(1000)] == ["NT3"] * 1000
    assert cat.closest_code("NT99") == "NT29"
    assert calls == ["NT3X", "NT99"]


def test_a_thousand_unknown_codes_against_the_largest_catalogue_check_quickly(tmp_path):
    """The case that took 59 s (20,000 codes, 2,000 measures) is now 1,000 codes at most
    (a plan's commitments), each searched once. A generous guard, not a benchmark."""
    from svplan.core.checks import check_plan
    from svplan.core.plan import Commitment, Plan
    from svplan.core.planio import unknown_measures

    cat = load_catalogue(generated(tmp_path, MAX_MEASURES, 20))
    plan = Plan(commitments=[Commitment(measure=f"ZZ{i}Q") for i in range(1000)])
    start = time.perf_counter()
    assert len(unknown_measures(plan, cat)) == 1000
    check_plan(plan, cat)
    assert time.perf_counter() - start < 20


def test_the_shipped_catalogue_is_still_plain_yaml_1_2():
    """Nothing in it means something else to YAML 1.2 than to YAML 1.1 (dates aside)."""
    from svplan.core.catalogue import default_catalogue_path
    from svplan.core.yamlsafe import parse_yaml

    text = default_catalogue_path().read_text(encoding="utf-8")
    new = parse_yaml(text, path=Path("c.yaml"), what="catalogue file").data
    assert new == yaml.safe_load(text)
