"""The bad-file corpus (tests/data/bad) read by the core: every file is refused with one clear
sentence, or loads (with warnings where that is the documented behaviour). Never a crash, never
a change to the file. The command-line side of the same corpus is tests/cli/test_bad_files_cli.py.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml

from svplan.core.errors import NewerFormatError, PlanError, SaveError
from svplan.core.plan import (
    MAX_COMMITMENTS,
    MAX_PLAN_ACTIONS,
    MAX_PLAN_RISKS,
    MAX_TEXT,
    Commitment,
    Plan,
)
from svplan.core.planio import dump_plan, load_plan, parse_plan, save_plan
from svplan.core.textfile import MAX_FILE_BYTES
from svplan.core.yamlsafe import MAX_NODES
from tests.conftest import DATA

BAD = DATA / "bad"
MARKER = "svplan-was-run"  # what the Python-tag files would create if anything ran them

# file -> substrings the one-sentence message must contain (besides the file name)
REFUSED: dict[str, list[str]] = {
    "empty.svplan": ["is empty"],
    "whitespace-only.svplan": ["is empty"],
    "binary-garbage.svplan": ["binary file"],
    "invalid-yaml.svplan": ["line 6", "not valid YAML"],
    "wrong-type-target.svplan": ["line 7", "(commitments[1].target)", "must be a number"],
    "wrong-type-commitments.svplan": ["line 5", "(commitments)", "must be a list"],
    "wrong-type-bid.svplan": ["line 3", "(bid)", "key: value"],
    "wrong-type-action-due.svplan": ["line 8", "(commitments[1].actions[1].due)", "YYYY-MM-DD"],
    "newer-version.svplan": ["plan format 3", "newer version"],
    "newer-version-float.svplan": ["plan format 3", "newer version"],
    "no-format-line.svplan": ["not a plan file", "svplan:"],
    "latin1.svplan": ["line 4", "not UTF-8"],
    "windows-1252-smart-quotes.svplan": ["line 4", "not UTF-8"],
    "utf16-le-bom.svplan": ["UTF-16", "must be UTF-8"],
    "utf16-be-bom.svplan": ["UTF-16", "must be UTF-8"],
    "utf16-le-no-bom.svplan": ["UTF-16", "must be UTF-8"],
    "billion-laughs.svplan": ["YAML aliases", "more than 50,000 values", "refused"],
    "alias-amplification.svplan": ["YAML aliases", "more than 50,000 values", "refused"],
    "recursive-alias.svplan": ["line 3", "alias refers to the structure it is part of"],
    "recursive-alias-mapping.svplan": ["line 3", "alias refers to the structure it is part of"],
    "python-tag-apply.svplan": ["line 3", "Python object tag"],
    "python-tag-open.svplan": ["line 4", "Python object tag"],
    "python-tag-new.svplan": ["line 3", "Python object tag"],
    "python-tag-name.svplan": ["line 3", "Python object tag"],
    "python-tag-module.svplan": ["line 3", "Python object tag"],
    "python-tag-verbatim.svplan": ["line 3", "Python object tag"],
    "python-tag-directive.svplan": ["line 5", "Python object tag"],
    "python-tag-scalar-key.svplan": ["line 3", "Python object tag"],
    "python-tag-on-key.svplan": ["line 3", "key must be plain text"],
    "custom-tag.svplan": ["line 3", "!council", "not allowed"],
    "target-negative.svplan": ["line 5", "(commitments[1].target)", "at least 0"],
    "target-nan.svplan": ["line 5", "(commitments[1].target)", "not NaN or infinity"],
    "target-nan-text.svplan": ["line 5", "(commitments[1].target)", "not NaN or infinity"],
    "target-infinite.svplan": ["line 5", "(commitments[1].target)", "not NaN or infinity"],
    "target-absurd.svplan": ["line 5", "(commitments[1].target)", "at most 1,000,000,000,000"],
    "target-huge-integer.svplan": ["line 5", "too many digits"],
    "target-yes.svplan": ["line 5", "(commitments[1].target)", "must be a number, not 'yes'"],
    "target-base-60.svplan": ["line 15", "(commitments[1].target)", "must be a number, not '1:30'"],
    "contract-value-hex.svplan": [
        "line 9",
        "(bid.contract_value)",
        "must be a number, not '0x2500000'",
    ],
    "months-octal.svplan": ["line 11", "(bid.months)", "must be a whole number, not '0o36'"],
    "start-unix-time.svplan": ["line 10", "(bid.start)", "YYYY-MM-DD, not the number 1806451200"],
    "format-yes.svplan": ["line 2", "(svplan)", "must be a whole number, not 'yes'"],
    "option-yes.svplan": ["line 24", "(options.contact_details)", "true or false, not 'yes'"],
    "yearly-negative.svplan": ["line 6", "(commitments[1].yearly[2])", "at least 0"],
    "contract-value-negative.svplan": ["line 4", "(bid.contract_value)", "at least 0"],
    "months-absurd.svplan": ["line 4", "(bid.months)", "at most 600"],
    "date-too-early.svplan": ["line 4", "(bid.start)", "1850-01-01", "out of range"],
    "date-too-late.svplan": ["line 4", "(bid.start)", "3027-04-01", "out of range"],
    "date-impossible.svplan": ["line 4", "(bid.start)", "'2027-02-30' is not a real date"],
    "date-with-time.svplan": ["line 4", "(bid.issued)", "without a time"],
    "action-due-too-late.svplan": ["line 6", "(commitments[1].actions[1].due)", "out of range"],
    "long-title.svplan": ["line 4", "(bid.title)", "too long (at most 500 characters)"],
    "long-measure-code.svplan": ["line 4", "(commitments[1].measure)", "too long"],
    "nul-character.svplan": ["line 18", "U+0000", "NUL"],
    "yaml-list.svplan": ["not a plan file"],
    "bare-string.svplan": ["not a plan file"],
    "bare-number.svplan": ["not a plan file"],
    "deeply-nested.svplan": ["nested too deeply"],
    "very-deeply-nested.svplan": ["line 3", "nested too deeply"],
    "key-number.svplan": ["line 5", "the key '2027' must be text"],
    "key-null.svplan": ["line 3", "the key '~' must be text"],
    "key-list.svplan": ["line 3", "key must be plain text"],
    "multiple-documents.svplan": ["line 3", "another document"],
    "duplicate-keys.svplan": [
        "line 6 (bid)",
        "the key 'title' is written twice in the same section (first on line 5)",
    ],
    "duplicate-top-level-key.svplan": [
        "line 24",
        "the key 'commitments' is written twice in the same section (first on line 13)",
    ],
    "too-many-commitments.svplan": ["has 1,001 commitments", "at most 1,000"],
}

# file -> one substring per expected warning (the file loads)
LOADS: dict[str, list[str]] = {
    "utf8-bom-crlf.svplan": [],
    "unknown-keys.svplan": [
        "line 4: unknown key 'future_feature'",
        "line 25: unknown key 'commitments[1].confidence'",
    ],
    "control-characters.svplan": [],
    "numbers-leading-zeros.svplan": [],
    "values-that-are-text.svplan": [],
    "key-yes.svplan": ["line 4: unknown key 'yes'"],
}


def corpus_file(tmp_path: Path, name: str) -> Path:
    """A copy of a corpus file in a private folder (the committed file is never at risk)."""
    path = tmp_path / name
    path.write_bytes((BAD / name).read_bytes())
    return path


def assert_one_clear_sentence(message: str, name: str, expected: list[str]) -> None:
    assert name in message
    assert "\n" not in message and "\r" not in message
    assert "Traceback" not in message
    assert len(message) < 400
    for part in expected:
        assert part in message, f"{part!r} not in {message!r}"


# The corpus and its README ----------------------------------------------------------------------


def test_every_corpus_file_has_an_expectation_and_a_readme_line():
    files = {p.name for p in BAD.iterdir() if p.name != "README.md"}
    assert files == set(REFUSED) | set(LOADS)
    readme = (BAD / "README.md").read_text(encoding="utf-8")
    described = {line.split("`")[1] for line in readme.splitlines() if line.startswith("- `")}
    assert files <= described, sorted(files - described)


def test_corpus_files_are_small():
    assert all(p.stat().st_size < 64 * 1024 for p in BAD.iterdir())


# Refused ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bad_file_is_refused_with_one_clear_sentence(tmp_path, mini_catalogue, name):
    path = corpus_file(tmp_path, name)
    before = path.read_bytes()
    with pytest.raises(PlanError) as info:
        load_plan(path, mini_catalogue)
    assert_one_clear_sentence(str(info.value), name, REFUSED[name])
    assert info.value.path == path
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize("name", sorted(n for n in REFUSED if "python-tag" in n))
def test_python_tags_run_nothing(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PlanError, match=r"Python object tag|key must be plain text"):
        load_plan(corpus_file(tmp_path, name))
    assert not (tmp_path / MARKER).exists()


def test_the_python_tag_payload_is_real(tmp_path, monkeypatch):
    """Proof that the marker test above can fail: PyYAML's unsafe loader does run it."""
    monkeypatch.chdir(tmp_path)
    text = (BAD / "python-tag-open.svplan").read_text(encoding="utf-8")
    data = yaml.unsafe_load(text)
    data["bid"]["title"].close()
    assert (tmp_path / MARKER).exists()


def test_newer_version_is_its_own_error_type(tmp_path):
    for name in ("newer-version.svplan", "newer-version-float.svplan"):
        with pytest.raises(NewerFormatError):
            load_plan(corpus_file(tmp_path, name))


# Loads ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LOADS))
def test_file_that_loads_reports_its_warnings_and_saves_back(tmp_path, mini_catalogue, name):
    path = corpus_file(tmp_path, name)
    before = path.read_bytes()
    loaded = load_plan(path, mini_catalogue)
    assert path.read_bytes() == before
    for part in LOADS[name]:
        assert any(part in w for w in loaded.warnings), (part, loaded.warnings)
    if not LOADS[name]:
        assert loaded.warnings == []
    assert all("\n" not in w for w in loaded.warnings)
    out = tmp_path / "saved.svplan"
    save_plan(loaded.plan, out)
    assert load_plan(out, mini_catalogue).plan == loaded.plan


def test_bom_and_crlf_give_the_same_plan_as_plain_utf8(tmp_path):
    crlf = load_plan(corpus_file(tmp_path, "utf8-bom-crlf.svplan")).plan
    plain = (BAD / "utf8-bom-crlf.svplan").read_bytes()[3:].replace(b"\r\n", b"\n")
    assert parse_plan(plain.decode("utf-8")).plan == crlf
    assert crlf.bid.start == dt.date(2027, 4, 1)


def test_unknown_keys_are_kept_when_saved(tmp_path):
    loaded = load_plan(corpus_file(tmp_path, "unknown-keys.svplan"))
    text = dump_plan(loaded.plan)
    assert "future_feature:" in text and "colour: teal" in text and "confidence: high" in text


def test_numbers_are_what_the_file_says(tmp_path):
    """YAML 1.2: 036 is 36 and 02500000 is 2,500,000 (YAML 1.1 read 30 and £688,128)."""
    bid = load_plan(corpus_file(tmp_path, "numbers-leading-zeros.svplan")).plan.bid
    assert (bid.months, bid.contract_value) == (36, 2_500_000)


def test_unquoted_values_where_text_belongs_are_kept_as_written(tmp_path):
    plan = load_plan(corpus_file(tmp_path, "values-that-are-text.svplan")).plan
    assert plan.bid.reference == "0x2500000"  # not 38,797,312
    assert plan.bid.version == "1.10"  # not the number 1.1
    assert plan.bid.status == "="  # not YAML 1.1's "value" type
    assert plan.lead.role == "<<"  # not a merge
    assert plan.lead.phone == "07976079544"  # the leading zero kept
    assert parse_plan(dump_plan(plan)).plan == plan  # and saved so that they read back


def test_a_key_yes_is_the_text_yes(tmp_path):
    plan = load_plan(corpus_file(tmp_path, "key-yes.svplan")).plan
    assert plan.model_extra == {"yes": True}


def test_text_pasted_from_word_keeps_every_character(tmp_path):
    c = load_plan(corpus_file(tmp_path, "control-characters.svplan")).plan.commitments[0]
    for ch in ("\x0b", "\x0c", "\u00ad", "\u200b", "\u201c", "\u2019", "\x07", "\x1e", "\x7f"):
        assert ch in c.resources
    assert "\ufeff" in c.owner and "\u202e" in c.owner and "\u00a0" in c.owner
    assert c.notes == "escaped: \x00 NUL, \x0b VT, \x0c FF, \x07 BEL, \u2029 PS, \ufeff BOM"
    # saved by the app, every character is escaped and the file reads back identically
    again = parse_plan(dump_plan(Plan(commitments=[c]))).plan.commitments[0]
    assert again == c


def test_a_nul_character_after_the_first_8_kb_is_refused_with_its_line(tmp_path):
    text = "svplan: 1\n" + "# padding\n" * 1000 + "bid: {title: a\x00b}\n"
    path = tmp_path / "late-nul.svplan"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError, match=r"line 1002: contains the character U\+0000"):
        load_plan(path)


# Generated at run time (too big, or binary, to commit) -----------------------------------------


def test_a_word_document_renamed_to_svplan_is_named_as_such(tmp_path):
    import docx

    path = tmp_path / "delivery-plan.svplan"
    document = docx.Document()
    document.add_paragraph("svplan: 1")
    document.save(str(path))
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert_one_clear_sentence(str(info.value), path.name, ["Word or zip file"])


def big_file(tmp_path: Path) -> Path:
    path = tmp_path / "too-big.svplan"
    pad = "# " + "x" * 98 + "\n"
    path.write_text("svplan: 1\n" + pad * (MAX_FILE_BYTES // len(pad) + 10), encoding="utf-8")
    assert path.stat().st_size > MAX_FILE_BYTES
    return path


def test_a_file_over_5_mb_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = big_file(tmp_path)
    read = Path.read_bytes

    def no_read(self):  # the size check must come first
        assert self != path, "the over-size file was read"
        return read(self)

    monkeypatch.setattr(Path, "read_bytes", no_read)
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert_one_clear_sentence(str(info.value), path.name, ["5.0 MB", "at most 5 MB"])


def test_text_over_the_length_limit_names_the_field_and_the_limit(tmp_path):
    path = tmp_path / "long-notes.svplan"
    path.write_text(
        "svplan: 1\ncommitments:\n  - measure: NT1\n    notes: " + "word " * (MAX_TEXT // 5 + 1),
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert_one_clear_sentence(
        str(info.value), path.name, ["line 4", "(commitments[1].notes)", "at most 20,000"]
    )


def many_commitments(count: int) -> Plan:
    return Plan(
        bid={"title": "Framework", "start": dt.date(2027, 4, 1), "months": 36},
        commitments=[
            Commitment(
                measure=("NT1", "NT3", "NT29")[i % 3],
                target=i + 0.5,
                owner=f"Owner {i}",
                evidence="Payroll extract, quarterly",
                notes=f"Commitment {i}: local people, local suppliers",
                actions=[{"action": "Advertise", "due": dt.date(2027, 5, 31)}],
            )
            for i in range(count)
        ],
    )


def test_the_most_commitments_a_plan_may_have_load_and_check(tmp_path, mini_catalogue):
    """1,000 realistic commitments (the limit) load and check. (Timings: benchmarks/limits.py.)"""
    from svplan.core.checks import check_plan

    plan = many_commitments(MAX_COMMITMENTS)
    path = tmp_path / "many.svplan"
    save_plan(plan, path)
    assert path.stat().st_size < MAX_FILE_BYTES
    loaded = load_plan(path, mini_catalogue)
    assert loaded.plan == plan
    findings = check_plan(loaded.plan, mini_catalogue)
    assert any("more than once" in f.message for f in findings)


def test_more_commitments_than_the_limit_cannot_be_made_either():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="at most 1000 items"):
        many_commitments(MAX_COMMITMENTS + 1)


@pytest.mark.parametrize(
    ("key", "limit"), [("actions", MAX_PLAN_ACTIONS), ("risks", MAX_PLAN_RISKS)]
)
def test_more_actions_or_risks_than_a_plan_holds_are_refused(tmp_path, key, limit):
    """Each commitment within its own limit (1,000), the plan over its total."""
    item = "{action: Step, due: 2027-05-31}" if key == "actions" else "{risk: R, mitigation: M}"

    def plan(count: int) -> str:
        sizes = [1000] * (count // 1000) + ([count % 1000] if count % 1000 else [])
        rows = "".join(
            f"  - measure: NT{i}\n    {key}:\n" + f"      - {item}\n" * n
            for i, n in enumerate(sizes)
        )
        return f"svplan: 2\ncommitments:\n{rows}"

    path = tmp_path / f"many-{key}.svplan"
    path.write_text(plan(limit + 1), encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert_one_clear_sentence(
        str(info.value), path.name, [f"has {limit + 1:,} {key}; a plan holds at most {limit:,}"]
    )
    path.write_text(plan(limit), encoding="utf-8")
    assert load_plan(path).plan.commitments  # at the limit: it loads


def test_millions_of_plain_values_are_refused_without_talking_of_aliases(tmp_path):
    """2.1 million list items (4 MB, within the size limit): refused while reading, in one
    sentence that says what is wrong; there is no alias in the file."""
    path = tmp_path / "many-values.svplan"
    path.write_text("svplan: 2\nnumbers: [" + "1," * 2_100_000 + "1]\n", encoding="utf-8")
    assert path.stat().st_size < MAX_FILE_BYTES
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert_one_clear_sentence(str(info.value), path.name, [f"more than {MAX_NODES:,} values"])
    assert "alias" not in str(info.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX devices and pipes")
def test_devices_and_pipes_are_refused_without_reading_them(tmp_path):
    fifo = tmp_path / "pipe.svplan"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    for path in (fifo, Path("/dev/zero")):  # reading it would never end
        with pytest.raises(PlanError, match="is not a file"):
            load_plan(path)


def test_a_plan_too_large_to_reopen_is_refused_at_save_and_the_old_file_kept(tmp_path):
    path = tmp_path / "large.svplan"
    save_plan(Plan(commitments=[Commitment(measure="NT1")]), path)
    before = path.read_bytes()
    plan = Plan(commitments=[Commitment(measure="NT1", notes="n" * 5_500) for _ in range(1_000)])
    with pytest.raises(SaveError) as info:
        save_plan(plan, path)
    assert "at most 5 MB" in str(info.value) and "was not changed" in str(info.value)
    assert path.read_bytes() == before
    assert load_plan(path).plan.commitments[0].measure == "NT1"


def test_a_plan_just_under_the_limit_is_saved_and_reopened(tmp_path):
    plan = Plan(commitments=[Commitment(measure="NT1", notes="n" * 5_000) for _ in range(900)])
    path = tmp_path / "large.svplan"
    save_plan(plan, path)
    assert load_plan(path).plan == plan


@pytest.mark.parametrize("value", ["!!bool maybe", '!!int ""', "!!float ''", "!!bool ''"])
def test_a_typed_value_that_is_not_of_its_type_is_one_clear_sentence(tmp_path, value):
    path = tmp_path / "typed.svplan"
    path.write_text(f"svplan: 1\nbid:\n  title: {value}\n", encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert_one_clear_sentence(str(info.value), path.name, ["line 3 (bid.title)", "YAML type"])


@pytest.mark.parametrize("value", ["=", "<<"])
def test_equals_and_merge_signs_as_values_are_text_not_tags(tmp_path, value):
    """YAML 1.1 gives a plain = or << a type of its own; the messages talked about tags."""
    path = tmp_path / "signs.svplan"
    path.write_text(f"svplan: 2\nbid:\n  title: {value}\n  months: {value}\n", "utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert_one_clear_sentence(
        str(info.value), path.name, ["line 4 (bid.months)", f"whole number, not '{value}'"]
    )
    assert "tag" not in str(info.value)
    path.write_text(f"svplan: 2\nbid:\n  title: {value}\n", "utf-8")
    assert load_plan(path).plan.bid.title == value
