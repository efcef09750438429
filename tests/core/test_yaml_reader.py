"""The one YAML reader (svplan.core.yamlsafe): values by the YAML 1.2 core schema, tags, keys,
merges, limits and the lines of fields. The bad-file corpus covers whole plans
(test_bad_files.py); this file covers the reader's rules one by one."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svplan.core.errors import FileFormatError
from svplan.core.planio import _PlanDumper
from svplan.core.yamlsafe import (
    MAX_ALIAS_CHARS,
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    MAX_NODES,
    parse_yaml,
)
from tests.conftest import DATA, ROOT

HERE = Path("test.yaml")
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(text: str) -> Any:
    return parse_yaml(text, path=HERE, what="test file").data


def refused(text: str) -> str:
    with pytest.raises(FileFormatError) as info:
        read(text)
    message = info.value.message
    assert message.startswith("test.yaml") and "\n" not in message, message
    return message


def same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (1, 1.0 and True are told apart)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


# Values: the YAML 1.2 core schema ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("036", 36),  # decimal, not octal (YAML 1.1: 30)
        ("02500000", 2_500_000),  # YAML 1.1: 688,128
        ("-7", -7),
        ("+5", 5),
        ("0x2500000", "0x2500000"),  # YAML 1.1: 38,797,312
        ("0o17", "0o17"),
        ("0b101", "0b101"),
        ("1:30", "1:30"),  # YAML 1.1: 90
        ("1_000", "1_000"),
        ("2.5", 2.5),
        ("1e3", 1000.0),  # YAML 1.1: text
        (".5", 0.5),
        ("1.", 1.0),
        ("-.inf", -math.inf),
        (".Inf", math.inf),
        ("true", True),
        ("True", True),
        ("FALSE", False),
        ("yes", "yes"),  # YAML 1.1: true
        ("No", "No"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("~", None),
        ("null", None),
        ("", None),
        ("=", "="),  # YAML 1.1: a "value" type, which the old messages called a tag
        ("<<", "<<"),
        ("2027-04-01", "2027-04-01"),  # text: the models read dates from it
        ("1806451200", 1806451200),  # a number (the plan's date fields refuse it)
        ("'036'", "036"),
        ('"true"', "true"),
        ("! 12", "12"),
        ("!!str 12", "12"),
        ("!!int '12'", 12),
        ("!!float 2", 2.0),
        ("!!bool true", True),
        ("!!null ''", None),
        ("!!timestamp 2027-04-01", dt.date(2027, 4, 1)),
        ("!!binary aGVsbG8=", b"hello"),
    ],
)
def test_numbers_are_what_the_file_says(written, value):
    assert same(read(f"v: {written}\n")["v"], value)


def test_nan_is_a_number_that_the_models_refuse():
    assert math.isnan(read("v: .nan\n")["v"])


@pytest.mark.parametrize(
    ("written", "words"),
    [
        (
            "!!bool maybe",
            "the value 'maybe' is marked with the YAML type !!bool, but it is not one",
        ),
        ("!!int 0x1F", "marked with the YAML type !!int"),
        ("!!float nope", "marked with the YAML type !!float"),
        ("!!null x", "marked with the YAML type !!null"),
        ("!!binary 'not base64!'", "marked with the YAML type !!binary"),
        ("!!timestamp 2027-02-30", "'2027-02-30' is not a real date"),
        ("!!set {a, b}", "uses the tag !!set, which is not allowed"),
        ("!!omap [a: 1]", "uses the tag !!omap"),
        ("!council 1", "uses the tag !council"),
        ("!!python/name:os.system", "uses a Python object tag"),
        ("9" * 41, "the number has far too many digits"),
    ],
)
def test_a_value_that_is_not_what_its_tag_says_is_refused_with_its_line_and_field(written, words):
    message = refused(f"a: 1\nb:\n  c: {written}\n")
    assert message.startswith("test.yaml, line 3 (b.c): "), message
    assert words in message


# Keys ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1: one\n", "line 1: the key '1' must be text; put it in quotes if it is meant."),
        ("~: n\n", "the key '~' must be text"),
        ("true: t\n", "the key 'true' must be text"),
        ("!!int 5: x\n", "the key '5' must be text"),
        ("? [a, b]\n: c\n", "line 1: a key must be plain text."),
        ("? {a: b}\n: c\n", "a key must be plain text."),
    ],
)
def test_keys_are_text(text, words):
    assert words in refused(text)


def test_yes_and_equals_are_text_keys():
    assert read("yes: 1\n=: 2\n'1': 3\n") == {"yes": 1, "=": 2, "1": 3}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "a: 1\na: 2\n",
            "line 2: the key 'a' is written twice in the same section (first on line 1)",
        ),
        (
            "x:\n  - b: 1\n    c: 2\n    b: 3\n",
            "line 4 (x[1]): the key 'b' is written twice in the same section (first on line 2)",
        ),
        ("m: {k: 1, k: 2}\n", "line 1 (m): the key 'k' is written twice"),
        ("measures: []\ninfo: {}\nmeasures: [x]\n", "line 3: the key 'measures'"),
    ],
)
def test_a_key_written_twice_is_refused_naming_both_lines(text, words):
    message = refused(text)
    assert words in message, message
    assert "remove or rename one of them" in message


def test_merge_keys_merge_mappings_and_the_mapping_own_keys_win():
    data = read("base: &b {k: v, j: 1}\nc:\n  <<: *b\n  j: w\nd:\n  <<: [{a: 1}, {a: 2, b: 2}]\n")
    assert data["c"] == {"k": "v", "j": "w"}
    assert data["d"] == {"a": 1, "b": 2}  # the first mapping listed wins


def test_a_merge_of_text_is_explained_plainly():
    message = refused("m:\n  <<: text\n")
    assert "line 2 (m): '<<' (YAML's merge key) must be followed by a mapping" in message
    assert "put '<<' in quotes if it is meant as text" in message


# Limits ----------------------------------------------------------------------------------------


def test_aliases_share_what_they_refer_to():
    data = read("a: &x [1, {k: v}]\nb: *x\n")
    assert data["a"] == data["b"] == [1, {"k": "v"}]


def test_aliases_may_add_up_to_the_budget_but_not_more():
    item = "[" + ", ".join(["x"] * 99) + "]"  # 100 values
    fits = MAX_ALIAS_NODES // 100
    assert len(read(f"a: &a {item}\nb: [{', '.join(['*a'] * fits)}]\n")["b"]) == fits
    message = refused(f"a: &a {item}\nb: [{', '.join(['*a'] * (fits + 1))}]\n")
    assert f"that it would expand to more than {MAX_ALIAS_NODES:,} values" in message


def test_aliases_of_long_text_count_its_characters():
    """An alias of a 20,000-character note is one value, but 20,000 characters in the export."""
    note = "word " * 4_000
    fits = MAX_ALIAS_CHARS // len(note)
    text = f"n: &n {note}\nall: [{', '.join(['*n'] * fits)}]\n"
    assert len(read(text)["all"]) == fits
    message = refused(text.replace("*n]", "*n, *n]"))
    assert f"more than {MAX_ALIAS_NODES:,} values or {MAX_ALIAS_CHARS:,} characters" in message


def test_more_values_than_the_limit_are_refused_without_talking_of_aliases():
    message = refused("a: [" + "1, " * MAX_NODES + "1]\n")
    assert f"holds more than {MAX_NODES:,} values" in message
    assert "alias" not in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: &a [1, *a]\n", "line 1 (a[2]): a YAML alias refers to the structure it is part of"),
        ("a: &a {b: *a}\n", "a YAML alias refers to the structure it is part of"),
        ("a: *nope\n", "line 1 (a): this is not valid YAML (found undefined alias 'nope')."),
        ("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n", "nested too deeply"),
        ("a: &d " + "[" * 40 + "]" * 40 + "\nb: " + "[" * 30 + "*d" + "]" * 30 + "\n", "deeply"),
    ],
)
def test_structures_that_never_end_or_nest_too_deep_are_refused(text, words):
    assert words in refused(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "is empty"),
        ("# only a comment\n", "is empty"),
        ("a: [1, 2\n", "line 2: this is not valid YAML (did not find expected ',' or ']')"),
        ("--- 1\n--- 2\n", "line 2: this is not valid YAML (but found another document)."),
        ("a: b\x00c\n", "line 1: contains the character U+0000 (NUL)"),
    ],
)
def test_files_that_are_not_one_yaml_document_are_refused(text, words):
    assert words in refused(text)


def test_text_pasted_from_word_keeps_its_control_characters():
    assert read("a: 'x\x0by\x1fz\x7f'\n") == {"a": "x\x0by\x1fz\x7f"}


# Lines of fields, found when a message asks -------------------------------------------------------

TEXT = """\
svplan: 2
bid:
  title: T
  months: 036
commitments:
  - measure: NT1
    actions:
      - {action: a, due: 2027-05-31}
      - action: b
        due: 1806451200
base: &b {owner: x}
extra:
  <<: *b
  notes: n
"""


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        ((), 1),
        (("bid",), 2),
        (("bid", "months"), 4),
        (("commitments", 0, "actions", 1, "due"), 10),
        (("commitments", 0, "actions", 0, "due"), 8),
        (("commitments", 0, "actions", 1), 9),
        (("commitments", 0, "actions", 5, "due"), 7),  # no such item: the deepest that exists
        (("commitments", 0, "function-after[x]", "target"), 6),  # pydantic's own parts
        (("extra", "notes"), 14),
        (("nothing",), 1),
    ],
)
def test_the_line_of_a_field_is_found_when_asked(loc, line):
    doc = parse_yaml(TEXT, path=HERE, what="test file")
    assert doc.line_of(loc) == line


def test_many_lines_are_found_in_one_pass_and_kept():
    doc = parse_yaml(TEXT, path=HERE, what="test file")
    assert doc.lines_of([("bid", "title"), ("extra",)]) == [3, 12]
    assert doc.line_of(("bid", "title")) == 3


def test_the_unquoted_text_of_a_value_is_found_when_asked():
    doc = parse_yaml(TEXT + "q: '036'\n", path=HERE, what="test file")
    assert doc.plain_text(("bid", "months")) == "036"
    assert doc.plain_text(("q",)) is None  # quoted: it was text already
    assert doc.plain_text(("bid",)) is None  # not a scalar


# Every file in the repository ------------------------------------------------------------------


def as_text(value: Any) -> Any:
    """PyYAML's YAML 1.1 data with dates as their text, to compare with the 1.2 reader."""
    if isinstance(value, dict):
        return {k: as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_text(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# file -> why YAML 1.2 reads it differently from YAML 1.1 (each is a corpus case on purpose)
READ_DIFFERENTLY = {
    "contract-value-hex.svplan": "0x2500000 is text",
    "date-with-time.svplan": "a date and time is text (the plan's date field refuses it)",
    "format-yes.svplan": "svplan: yes is text",
    "key-yes.svplan": "the key yes is text",
    "numbers-leading-zeros.svplan": "036 is 36",
    "option-yes.svplan": "yes is text",
    "target-base-60.svplan": "1:30 is text",
    "target-yes.svplan": "yes is text",
    "flag-yes.yaml": "yes is text",
    "maximum-hex.yaml": "0x10 is text",
    "unquoted-numbers-as-text.yaml": "036 is 36",
}


def repository_files() -> list[Path]:
    files = [p for p in (ROOT / "tests").rglob("*") if p.suffix in (".yaml", ".svplan")]
    files += [*(ROOT / "examples").glob("*.svplan"), *(ROOT / "src" / "svplan").rglob("*.yaml")]
    files += [*(ROOT / "src" / "svplan").rglob("*.svplan")]
    return sorted(p for p in files if p.is_file())


@pytest.mark.parametrize("path", repository_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_in_the_repository_reads_as_yaml_1_1_did_unless_listed(path):
    """Plans and catalogues in examples/, tests/ and the package mean the same as before, except
    the corpus files that show the YAML 1.1 surprises. (A file the reader refuses is covered by
    its corpus's expectations.)"""
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        data = read(text)
    except (UnicodeDecodeError, FileFormatError):
        return
    try:
        old = as_text(yaml.safe_load(text))
    except (yaml.YAMLError, ValueError):  # YAML 1.1 refuses it (`<<` as a value, 2027-02-30)
        return
    if path.name in READ_DIFFERENTLY:
        assert not same(data, old), f"{path.name} no longer differs: update READ_DIFFERENTLY"
    else:
        assert same(data, old), path


def test_the_corpus_files_listed_as_different_exist():
    names = {p.name for p in repository_files()}
    assert set(READ_DIFFERENTLY) <= names
    assert (DATA / "bad" / "numbers-leading-zeros.svplan").is_file()


# Property: what the plan writer writes reads back the same ----------------------------------

scalars = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["09", "1e5", "+5", "0x1F", "1:30", "yes", "=", "<<", "2027-04-01", ".5"]),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.text(min_size=1, max_size=10), children, max_size=5),
    ),
    max_leaves=30,
)


@FUZZ
@given(data=documents, flow=st.sampled_from([None, True, False]), width=st.integers(20, 200))
def test_anything_the_plan_writer_writes_reads_back_the_same(data, flow, width):
    text = yaml.dump(
        data,
        Dumper=_PlanDumper,
        default_flow_style=flow,
        width=width,
        allow_unicode=True,
        sort_keys=False,
    )
    try:
        back = read(text)
    except FileFormatError as exc:  # only an empty document or pasted controls
        assert "is empty" in exc.message or "U+" in exc.message, exc.message
        return
    assert same(back, data), text


PIECES = [
    "a: 1\n", "- x\n", "  - y\n", "k: &a [1, 2]\n", "m: *a\n", "<<: {z: 1}\n", "d: 2027-02-30\n",
    "t: !!str 5\n", "n: !!int x\n", "q: 'it''s'\n", "b: |\n  text\n", "{a: b}\n", "[1, 2]\n",
    "yes: no\n", "1.5: x\n", "? c\n", ": v\n", "---\n", "...\n", "a:\n  b:\n    c: [d, {e: f}]\n",
    "\t", "#", "%YAML 1.1\n", "!!python/name:os.system\n", "x: \x0c\n", "a: 1\n", "=: <<\n",
]  # fmt: skip


@FUZZ
@given(st.lists(st.sampled_from(PIECES), max_size=8), st.text(max_size=6))
def test_any_text_is_read_as_plain_data_or_refused_in_one_sentence(pieces, noise):
    try:
        data = read("".join(pieces) + noise)
    except FileFormatError as exc:
        assert exc.message.startswith("test.yaml") and "\n" not in exc.message
        return
    plain = (str, int, float, bool, type(None), bytes, dt.date, list, dict)

    def check(value: Any) -> None:
        assert isinstance(value, plain), type(value)
        if isinstance(value, dict):
            assert all(isinstance(k, str) for k in value)
            for v in value.values():
                check(v)
        elif isinstance(value, list):
            for v in value:
                check(v)

    check(data)
