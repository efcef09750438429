"""Plan files: load, save, round trip, atomic save, and every error a user can meet."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from svplan.core.errors import NewerFormatError, PlanError, SaveError
from svplan.core.plan import Action, Commitment, Plan, Reporting, Risk
from svplan.core.planio import dump_plan, load_plan, parse_plan, save_plan

FULL = """\
svplan: 1
catalogue: mini-toms
bid:
  title: Highways maintenance framework
  reference: LCC/2027/0042
  authority: Lancashire County Council
  bidder: Example Contractors Ltd
  contract_value: 2500000
  start: 2027-04-01
  months: 36
lead: {name: Sam Taylor, role: Social Value Lead, email: sam@example.com, phone: 01772 000000}
commitments:
  - measure: NT1
    target: 6
    yearly: [2, 2, 2]
    owner: HR Manager
    resources: Recruitment budget £4,000; HR advisor 1 day/week
    actions:
      - {action: Advertise all vacancies, due: 2027-05-31, owner: HR}
    partners: [helpful-org]
    evidence: Payroll extract with home postcodes, quarterly
    reporting: quarterly
    risks:
      - {risk: Few local applicants, mitigation: Pre-employment course}
    notes: free text
"""


def write(tmp_path: Path, text: str | bytes, name: str = "plan.svplan") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_the_documented_example_loads_with_every_field(tmp_path, mini_catalogue):
    loaded = load_plan(write(tmp_path, FULL), mini_catalogue)
    plan = loaded.plan
    assert loaded.warnings == []
    assert plan.bid.title == "Highways maintenance framework"
    assert plan.bid.start == dt.date(2027, 4, 1)
    assert plan.bid.end == dt.date(2030, 3, 31)
    assert plan.bid.years == 3
    assert plan.lead.email == "sam@example.com"
    c = plan.commitments[0]
    assert (c.measure, c.target, c.yearly, c.partners) == ("NT1", 6, [2, 2, 2], ["helpful-org"])
    assert c.reporting is Reporting.QUARTERLY
    assert c.actions[0].due == dt.date(2027, 5, 31)
    assert c.risks[0].mitigation == "Pre-employment course"


def test_save_then_load_gives_an_equal_plan_and_identical_bytes(tmp_path):
    path = write(tmp_path, FULL)
    plan = load_plan(path).plan
    out = tmp_path / "copy.svplan"
    save_plan(plan, out)
    again = load_plan(out).plan
    assert again == plan
    first = out.read_bytes()
    save_plan(again, out)
    assert out.read_bytes() == first


def test_keys_are_written_in_a_stable_readable_order(tmp_path):
    text = dump_plan(load_plan(write(tmp_path, FULL)).plan)
    order = [
        text.index(f"\n{key}:") for key in ("svplan", "catalogue", "bid", "lead", "commitments")
    ]
    assert order == sorted(order)
    assert text.index("measure: NT1") < text.index("target: 6") < text.index("owner: HR Manager")
    assert "yearly: [2, 2, 2]" in text


def test_empty_fields_are_left_out_but_an_empty_partner_list_is_kept():
    plan = Plan(commitments=[Commitment(measure="NT1", partners=[]), Commitment(measure="NT3")])
    text = dump_plan(plan)
    assert "partners: []" in text
    assert "owner" not in text and "target" not in text
    assert parse_plan(text).plan == plan


def test_multiline_text_and_unicode_round_trip():
    notes = "Line one\nLine two: with colon\n\n  indented — ünïcödé 😀 مرحبا"
    plan = Plan(commitments=[Commitment(measure="NT1", notes=notes, resources="tab\there ")])
    assert parse_plan(dump_plan(plan)).plan == plan


def test_a_half_finished_draft_needs_only_format_and_measure_codes():
    loaded = parse_plan("svplan: 1\ncommitments:\n  - measure: NT8\n")
    assert loaded.plan.commitments[0].target is None


def test_unknown_measure_is_kept_and_reported(tmp_path, mini_catalogue):
    path = write(tmp_path, "svplan: 1\ncommitments:\n  - measure: NT99\n    target: 3\n")
    loaded = load_plan(path, mini_catalogue)
    assert loaded.plan.commitments[0].measure == "NT99"
    assert any("NT99" in w and "kept" in w for w in loaded.warnings)
    save_plan(loaded.plan, path)
    assert "NT99" in path.read_text()


def test_unknown_keys_are_kept_on_save_and_reported_with_their_line(tmp_path):
    path = write(tmp_path, "svplan: 1\nfuture_key: 7\ncommitments:\n  - measure: NT1\n    x: 1\n")
    loaded = load_plan(path)
    assert any("line 2" in w and "future_key" in w for w in loaded.warnings)
    assert any("commitments[1].x" in w for w in loaded.warnings)
    save_plan(loaded.plan, path)
    assert "future_key: 7" in path.read_text()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("svplan: 3\n", "plan format 3"),
        ("svplan: 1\ncommitments:\n  - target: 3\n", "line 3 (commitments[1].measure)"),
        ("svplan: 1\ncommitments:\n  - measure: NT1\n    target: -3\n", "line 4"),
        ("svplan: 1\ncommitments:\n  - measure: NT1\n    target: .nan\n", "NaN"),
        ("svplan: 1\ncommitments:\n  - measure: NT1\n    target: .inf\n", "NaN or infinity"),
        ("svplan: 1\ncommitments:\n  - measure: NT1\n    target: 1e30\n", "at most"),
        ("svplan: 1\ncommitments:\n  - measure: NT1\n    target: lots\n", "must be a number"),
        (
            "svplan: 1\nbid:\n  start: 2027-13-45\n",
            "line 3 (bid.start): '2027-13-45' is not a real date",
        ),
        ("svplan: 1\nbid:\n  start: 27th May\n", "line 3 (bid.start)"),
        ("svplan: 1\nbid:\n  start: 3027-01-01\n", "out of range"),
        ("svplan: 1\nbid:\n  months: 0\n", "bid.months"),
        ("svplan: 1\ncommitments:\n  - measure: NT1\n    reporting: weekly\n", "must be one of"),
        ("title: not a plan\n", "not a plan file"),
        ("- a list\n", "not a plan file"),
        ("svplan: 1\nbid: [1, 2\n", "line 3"),
        ("svplan: 1\ncommitments: !!python/object:os.system {}\n", "Python object tag"),
    ],
)
def test_bad_content_gives_one_clear_sentence(tmp_path, text, expected):
    path = write(tmp_path, text)
    before = path.read_bytes()
    with pytest.raises(PlanError) as info:
        load_plan(path)
    message = str(info.value)
    assert expected in message
    assert "plan.svplan" in message
    assert "\n" not in message
    assert path.read_bytes() == before


def test_newer_format_is_its_own_error_type(tmp_path):
    with pytest.raises(NewerFormatError, match="newer version"):
        load_plan(write(tmp_path, "svplan: 7\ncommitments: []\n"))


def test_bom_and_crlf_load_fine(tmp_path):
    raw = ("\ufeff" + FULL).replace("\n", "\r\n").encode("utf-8")
    assert load_plan(write(tmp_path, raw)).plan.bid.title == "Highways maintenance framework"


def test_save_is_atomic_when_the_write_fails(tmp_path, monkeypatch):
    path = write(tmp_path, FULL)
    before = path.read_bytes()
    plan = load_plan(path).plan.model_copy(update={"catalogue": "changed"})

    real_replace = os.replace

    def broken_replace(src, dst):
        if Path(dst) == path:  # the backup is written (also by rename), the plan is not
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SaveError, match="disk is full"):
        save_plan(plan, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.svplan", "plan.svplan.bak"]


def test_save_keeps_the_previous_version_as_bak(tmp_path):
    path = write(tmp_path, FULL)
    before = path.read_bytes()
    save_plan(Plan(), path)
    assert (tmp_path / "plan.svplan.bak").read_bytes() == before


def test_save_into_a_missing_folder_says_so(tmp_path):
    with pytest.raises(SaveError, match="does not exist"):
        save_plan(Plan(), tmp_path / "nowhere" / "plan.svplan")


def test_save_over_a_folder_says_so(tmp_path):
    (tmp_path / "plan.svplan").mkdir()
    with pytest.raises(SaveError, match="folder"):
        save_plan(Plan(), tmp_path / "plan.svplan")


def test_models_from_code_round_trip_with_dates_and_enums():
    plan = Plan(
        commitments=[
            Commitment(
                measure="NT29",
                target=120.5,
                reporting=Reporting.SIX_MONTHLY,
                actions=[Action(action="Start", due=dt.date(2027, 1, 2))],
                risks=[Risk(risk="r")],
            )
        ]
    )
    text = dump_plan(plan)
    assert "reporting: six-monthly" in text
    assert parse_plan(text).plan == plan
