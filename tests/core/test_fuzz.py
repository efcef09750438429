"""Property-based tests (hypothesis).

1. Whatever the bytes or text, reading a plan raises PlanError or succeeds: never another
   exception type.
2. Any valid plan saves and loads back equal, and saving twice gives the same bytes.
3. Any valid plan exports against the mini catalogue.

The settings live in this module (not a global profile) and keep the file under a minute.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from svplan.core.errors import PlanError
from svplan.core.plan import (
    MAX_DATE,
    MAX_MONTHS,
    MAX_SHORT,
    MAX_TARGET,
    MIN_DATE,
    Action,
    Bid,
    Commitment,
    Person,
    Plan,
    Reporting,
    Risk,
)
from svplan.core.planio import dump_plan, load_plan, parse_plan, save_plan
from svplan.export import export_plan
from tests.core.test_bad_files import BAD

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ROUND_TRIP = settings(FUZZ, max_examples=120)
EXPORT = settings(FUZZ, max_examples=25)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def reads_or_refuses(read) -> None:  # type: ignore[no-untyped-def]
    """Run a read; only success or PlanError (with a one-line message) is acceptable."""
    try:
        read()
    except PlanError as exc:
        assert exc.message and "\n" not in exc.message, exc.message
        assert "Traceback" not in exc.message


# 1. Only PlanError -----------------------------------------------------------------------------

SEEDS = sorted(p.read_bytes() for p in BAD.iterdir() if p.suffix == ".svplan")


def mutated(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Apply (position, length to delete, bytes to insert) edits to a valid-ish file."""
    for pos, cut, insert in edits:
        pos %= len(data) + 1
        data = data[:pos] + insert + data[pos + cut :]
    return data


NASTY_BYTES = st.sampled_from(
    [b"\x00", b"\xff", b"\xef\xbb\xbf", b"\r", b"\n", b"\t", b"  ", b"- ", b": ", b"[", b"{",
     b"&a ", b"*a", b"!!python/name:os.system ", b"!!binary ", b"%TAG ! x\n", b"---\n",
     b"\xe2\x80\xa8", b"\x0b", b"\x85", b"\xc2", b"'", b'"', b"\\", b"#", b"?", b"|", b">",
     b"<<: ", b"~", b".nan", b"1e999", b"9" * 50, b"2027-02-30", b"\xed\xa0\x80"]
)  # fmt: skip

any_bytes = st.one_of(
    st.binary(max_size=600),
    st.builds(
        mutated,
        st.sampled_from(SEEDS),
        st.lists(
            st.tuples(st.integers(0, 4000), st.integers(0, 8), NASTY_BYTES | st.binary(max_size=4)),
            min_size=1,
            max_size=6,
        ),
    ),
)


@FUZZ
@given(data=any_bytes)
@example(data=b"")
@example(data=b"\xff\xfe")
@example(data=b"svplan: 1\n" + b"[" * 2000)
def test_arbitrary_bytes_only_raise_plan_error(scratch, mini_catalogue, data):
    path = scratch / "fuzz.svplan"
    path.write_bytes(data)
    reads_or_refuses(lambda: load_plan(path, mini_catalogue))
    assert path.read_bytes() == data


YAML_CHARS = "\x00\x0b\x0c\x1b\x7f\x85\x9f\u2028\ufffe\ufeff\ud800:-?[]{},&*!|>'\"#%@` \n\t\ra1~."
awkward_text = st.text(st.sampled_from(YAML_CHARS) | st.characters(), max_size=200)


@FUZZ
@given(text=st.text(max_size=400) | awkward_text)
@example(text="\ud800")
@example(text="svplan: 1\nbid: {title: \x00}")
@example(text="svplan: 1\nx: \x0b\ufffe\n")  # a pasted control character and a non-character
def test_arbitrary_text_only_raises_plan_error(mini_catalogue, text):
    reads_or_refuses(lambda: parse_plan(text, "fuzz.svplan", mini_catalogue))


# YAML-ish text from a small grammar of the plan's keys and awkward values
KEYS = [
    "svplan", "catalogue", "bid", "lead", "monitoring", "commitments", "title", "start",
    "months", "contract_value", "issued", "measure", "target", "yearly", "owner", "actions",
    "partners", "reporting", "risks", "due", "action", "risk", "notes", "x", "<<", "1", "yes",
    "~", '"quoted key"', "? complex",
]  # fmt: skip
SCALARS = [
    "1", "0", "-3", "2.5", "1e30", "1.0e+30", ".nan", ".inf", "-.inf", "yes", "no", "~", "null",
    "", "NT1", "nt3", "2027-04-01", "2027-02-30", "0001-01-01", "3027-01-01", "2027-04-01 10:00",
    '"text with \\x0b and \\0"', "'single'", "quarterly", "weekly", "[]", "{}", "9" * 45,
    "!!str 5", "!!int x", "!!float y", "!!binary aGk=", "!!timestamp z", "!!python/none ''",
    "&anchor 5", "*anchor", "*missing", "|\n  block", ">\n  folded", "\x0bvt", "a: b", "- c",
    "'unterminated", "\"bad escape \\q\"", "@reserved", "`tick", "%percent", "\u2028",
]  # fmt: skip

scalar_text = st.sampled_from(SCALARS) | st.text(alphabet=st.characters(codec="utf-8"), max_size=12)


def flow(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(children, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(st.sampled_from(KEYS), children), max_size=4).map(
            lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"
        ),
    )


flow_value = st.recursive(scalar_text, flow, max_leaves=12)


def block(depth: int) -> st.SearchStrategy[str]:
    """A block mapping or list at some indentation, with nested blocks."""
    pad = "  " * depth
    line = st.tuples(st.sampled_from(KEYS), flow_value).map(lambda kv: f"{pad}{kv[0]}: {kv[1]}\n")
    if depth >= 3:
        return st.lists(line, min_size=1, max_size=4).map("".join)
    nested = st.tuples(st.sampled_from(KEYS), block(depth + 1)).map(
        lambda kv: f"{pad}{kv[0]}:\n{kv[1]}"
    )
    items = st.tuples(st.booleans(), block(depth + 1)).map(
        lambda b: f"{pad}- " + b[1].lstrip() if b[0] else f"{pad}-\n{b[1]}"
    )
    return st.lists(line | nested | items, min_size=1, max_size=5).map("".join)


yamlish = st.tuples(
    st.sampled_from(["svplan: 1\n", "svplan: 2\n", "", "\ufeffsvplan: 1\n", "%YAML 1.1\n---\n"]),
    block(0),
).map("".join)


@FUZZ
@given(text=yamlish)
def test_yaml_like_text_only_raises_plan_error(mini_catalogue, text):
    reads_or_refuses(lambda: parse_plan(text, "fuzz.svplan", mini_catalogue))


@FUZZ
@given(text=yamlish)
def test_yaml_like_files_only_raise_plan_error_with_crlf_and_bom(scratch, text):
    path = scratch / "fuzz-crlf.svplan"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    reads_or_refuses(lambda: load_plan(path))


# 2. Valid plans round-trip ----------------------------------------------------------------------

SPECIAL_TEXT = [
    "", " ", "yes", "No", "~", "null", "1", "0x1F", "1_000", "2027-04-01", "=", "<<", "- item",
    "key: value", "#hash", "@at", "`tick", "'quoted'", '"double"', "trailing space ",
    " leading", "tab\there", "a\nb", "a\n\nb\n", "\n", "a\r\nb", "a\rb", "\x0b", "\x0c", "\x00",
    "\x07", "\x1b[31mred", "\x7f", "\x85", "\u00ad", "\u200b", "\u2028", "\u2029", "\ufeff",
    "\ufffe", "\uffff", "“smart” ‘quotes’ – —", "😀👩🏽‍🔧", "مرحبا بالعالم", "שלום", "\u202eevil",
    "£4,000", "multi\nline with: colon\n  and indent", "x" * 120 + " " + "y" * 120,
]  # fmt: skip

any_char = st.characters(exclude_categories=["Cs"])  # pydantic refuses lone surrogates


def text(max_size: int = 60) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(any_char, max_size=max_size),
        st.sampled_from(SPECIAL_TEXT),
        st.lists(st.sampled_from(SPECIAL_TEXT) | st.text(any_char, max_size=8), max_size=5).map(
            "".join
        ),
    ).map(lambda s: s[: min(max_size, MAX_SHORT)])


dates = st.dates(MIN_DATE, MAX_DATE)
amounts = st.one_of(
    st.floats(0, MAX_TARGET, allow_nan=False, allow_infinity=False),
    st.decimals(0, 10**6, places=3, allow_nan=False).map(float),
    st.integers(0, 10**6).map(float),
)
extra_keys = st.from_regex(r"\A[a-z][a-z_]{0,8}\Z")
# What an unknown key can hold when read from a file (YAML 1.2: a date is its text there)
extra_values = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), text(20),
    dates.map(dt.date.isoformat),
    st.lists(st.integers(0, 9), max_size=3),
)  # fmt: skip


def extras(model: type) -> st.SearchStrategy[dict]:
    names = set(model.model_fields)
    return st.dictionaries(extra_keys.filter(lambda k: k not in names), extra_values, max_size=2)


actions = st.builds(Action, action=text(), due=st.none() | dates, owner=text(20))
risks = st.builds(Risk, risk=text(), mitigation=text(200))
measures = text(40).filter(lambda s: s.strip() != "") | st.sampled_from(["NT1", "NT3", "NT29"])


@st.composite
def commitments(draw) -> Commitment:  # type: ignore[no-untyped-def]
    return Commitment(
        measure=draw(measures),
        target=draw(st.none() | amounts),
        yearly=draw(st.none() | st.lists(amounts, max_size=4)),
        owner=draw(text(30)),
        resources=draw(text(200)),
        actions=draw(st.lists(actions, max_size=2)),
        partners=draw(
            st.none()
            | st.lists(st.sampled_from(["helpful-org", "other-org"]) | text(20), max_size=3)
        ),
        evidence=draw(text(200)),
        reporting=draw(st.none() | st.sampled_from(list(Reporting))),
        risks=draw(st.lists(risks, max_size=2)),
        notes=draw(text(300)),
        **draw(extras(Commitment)),
    )


@st.composite
def plans(draw) -> Plan:  # type: ignore[no-untyped-def]
    bid = Bid(
        title=draw(text()),
        reference=draw(text(20)),
        authority=draw(text(40)),
        bidder=draw(text(40)),
        contract_value=draw(st.none() | amounts),
        start=draw(st.none() | dates),
        months=draw(st.none() | st.integers(1, MAX_MONTHS)),
        version=draw(text(10)),
        status=draw(text(10)),
        issued=draw(st.none() | dates),
        **draw(extras(Bid)),
    )
    lead = Person(name=draw(text(30)), role=draw(text(30)), email=draw(text(30)))
    return Plan(
        catalogue=draw(st.sampled_from(["mini-toms", "lancashire-toms"]) | text(20)),
        bid=bid,
        lead=lead,
        monitoring=draw(text(300)),
        commitments=draw(st.lists(commitments(), max_size=4)),
        **draw(extras(Plan)),
    )


@ROUND_TRIP
@given(plan=plans())
def test_save_then_load_is_the_identity_and_saving_is_byte_stable(scratch, plan):
    path = scratch / "round-trip.svplan"
    save_plan(plan, path)
    first = path.read_bytes()
    loaded = load_plan(path)
    assert loaded.plan == plan
    assert loaded.plan.model_extra == plan.model_extra
    save_plan(loaded.plan, path)
    assert path.read_bytes() == first
    assert dump_plan(plan) == first.decode("utf-8")


@ROUND_TRIP
@given(value=st.text(any_char, max_size=80))
def test_any_text_survives_a_round_trip_in_every_text_field(value):
    plan = Plan(
        bid=Bid(title=value),
        monitoring=value,
        commitments=[Commitment(measure="NT1", notes=value, partners=[value])],
    )
    again = parse_plan(dump_plan(plan)).plan
    assert again == plan


@ROUND_TRIP
@given(amount=amounts, when=dates)
def test_numbers_and_dates_round_trip_exactly(amount, when):
    plan = Plan(
        bid=Bid(contract_value=amount, start=when),
        commitments=[Commitment(measure="NT1", target=amount, yearly=[amount, amount / 3])],
    )
    again = parse_plan(dump_plan(plan)).plan
    assert again == plan
    assert again.commitments[0].target == amount


# 3. Valid plans export -----------------------------------------------------------------------


@EXPORT
@given(plan=plans())
def test_any_valid_plan_exports(scratch, mini_catalogue, plan):
    import zipfile

    from lxml import etree

    out = export_plan(plan, mini_catalogue, scratch / "fuzz.docx", issued=dt.date(2027, 1, 1))
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))  # every part is well-formed XML
