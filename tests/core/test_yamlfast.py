"""The fast YAML path (svplan.core.yamlfast): for what it accepts, the same data as
yamlsafe.parse_yaml; for everything parse_yaml refuses, and everything unusual, None (so the
caller goes the careful way and the message is the same as ever)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svplan.core.errors import FileFormatError
from svplan.core.yamlfast import plain_data
from svplan.core.yamlsafe import MAX_DEPTH, parse_yaml
from tests.conftest import DATA, MINI_CATALOGUE, ROOT

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
HERE = Path("test.yaml")


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


def careful(text: str) -> Any:
    """parse_yaml's data, or FileFormatError."""
    return parse_yaml(text, path=HERE, what="test file").data


def assert_agrees(text: str) -> None:
    """plain_data never accepts what parse_yaml refuses, and agrees with it on what it accepts."""
    fast = plain_data(text)
    try:
        expected = careful(text)
    except FileFormatError:
        assert fast is None
        return
    if fast is not None:
        assert same(fast, expected), (fast, expected)


def utf8(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:  # refused before any YAML is parsed
        return None


def corpus() -> list[Path]:
    """Every YAML file of the repository's tests, examples and data that is UTF-8 text."""
    files = [p for p in DATA.rglob("*") if p.suffix in (".yaml", ".svplan")]
    files += [
        ROOT / "examples" / "sample.svplan",
        *(ROOT / "src" / "svplan" / "data").glob("*.yaml"),
    ]
    return sorted(p for p in files if p.is_file() and utf8(p) is not None)


@pytest.mark.parametrize("path", corpus(), ids=lambda p: p.name)
def test_every_file_in_the_repository_reads_the_same(path):
    assert_agrees(utf8(path))


@pytest.mark.parametrize(
    "path",
    [
        MINI_CATALOGUE,
        ROOT / "src" / "svplan" / "data" / "lancashire-toms.yaml",
        ROOT / "tests" / "export" / "data" / "lancashire-extract.yaml",
    ],
    ids=lambda p: p.name,
)
def test_catalogues_take_the_fast_path(path):
    text = path.read_text(encoding="utf-8")
    fast = plain_data(text)
    assert fast is not None
    assert same(fast, careful(text))


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",  # an alias of a list
        "a: &x {k: v}\nb: *x\n",  # of a mapping
        "a: &x [1, *x]\n",  # a list inside itself
        "base: &b {k: v}\nc:\n  <<: *b\n  j: w\n",  # a merge key
        "a: 1\na: 2\n",  # a key written twice
        "d: 2027-01-15\n",  # a date
        "b: !!binary aGVsbG8=\n",
        "s: !!set {a, b}\n",
        "o: !!omap [a: 1]\n",
        "p: !!python/object/apply:os.system [echo]\n",
        "x: !custom 1\n",
        "1: one\n",  # keys must be text
        "yes: y\n",
        "~: n\n",
        "? [a, b]\n: c\n",
        "=: v\n",
        "n: " + "9" * 41 + "\n",  # a number with too many digits
        "b: !!bool maybe\n",  # a value PyYAML cannot build
        "f: !!float nope\n",
        "a: [1, 2\n",  # not valid YAML
        "--- 1\n--- 2\n",  # two documents
        "",
        "# only a comment\n",
        "a: 'x\x0by'\n",  # control characters pasted from Word
        "a: b\x00c\n",
        "a: [" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "\n",  # nesting near the limit
    ],
)
def test_anything_unusual_goes_the_careful_way(text):
    assert plain_data(text) is None


def test_an_alias_bomb_is_left_alone_at_once():
    text = (DATA / "bad" / "billion-laughs.svplan").read_text(encoding="utf-8")
    assert plain_data(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: -2.5\nc: .inf\nd: .nan\ne: true\nf: ~\ng: 0x1F\nh: 1_000\ni: 0o17\nj: ''\n",
        "s: '1'\nt: \"yes\"\nu: !!str 12\nv: !!int '12'\nw: !!float '1'\nx: !!null ''\n",
        "a: |\n  line one\n  line two\nb: >-\n  folded\n  text\n",
        "- a\n- [b, {c: d}]\n- {}\n- []\n",
        "key with spaces: value\n'quoted key': 1\n\"k\\u00e9y\": caf\u00e9 \u00a3\n",
        "plain\n",
        "42\n",
        "empty:\nlist:\n  -\n  - x\n",
    ],
)
def test_plain_data_is_built_exactly_as_pyyaml_builds_it(text):
    fast = plain_data(text)
    if fast is None:
        assert text.strip() in ("~", "null")
    assert same(fast, careful(text))
    assert same(fast, yaml.safe_load(text))


# Property-based -------------------------------------------------------------------------------

scalars = st.one_of(
    st.text(max_size=30),
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
def test_any_dumped_data_reads_back_the_same(data, flow, width):
    text = yaml.safe_dump(data, default_flow_style=flow, width=width, allow_unicode=True)
    assert_agrees(text)
    fast = plain_data(text)
    if fast is not None:
        assert same(fast, yaml.safe_load(text))


PIECES = [
    "a: 1\n",
    "- x\n",
    "  - y\n",
    "k: &a [1, 2]\n",
    "m: *a\n",
    "<<: {z: 1}\n",
    "d: 2027-02-30\n",
    "t: !!str 5\n",
    "n: !!int x\n",
    "q: 'it''s'\n",
    "b: |\n  text\n",
    "{a: b}\n",
    "[1, 2]\n",
    "yes: no\n",
    "1.5: x\n",
    "? c\n",
    ": v\n",
    "---\n",
    "...\n",
    "a:\n  b:\n    c: [d, {e: f}]\n",
    "\t",
    "#",
    "%YAML 1.1\n",
    "!!python/name:os.system\n",
    "x: \x0c\n",
]


@FUZZ
@given(st.lists(st.sampled_from(PIECES), max_size=8), st.text(max_size=6))
def test_any_text_is_judged_as_parse_yaml_judges_it(pieces, noise):
    assert_agrees("".join(pieces) + noise)
