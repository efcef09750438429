"""`svplan value` and `svplan proxies import|remove`: the plan in £, exit codes, nothing changed on
bad input. The proxy values are MADE UP FOR TESTS — not real proxy values."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.runner import one_error_line, shipped
from tests.conftest import DATA, SAMPLE_PLAN

MADE_UP_CSV = DATA / "proxies-made-up.csv"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.svplan"
    shutil.copyfile(SAMPLE_PLAN, path)
    return path


def test_value_without_a_table_is_exit_2_and_one_line(sample, tmp_path):
    result = shipped("value", sample, cwd=tmp_path)
    one_error_line(result, "sample.svplan has no proxy values", "svplan proxies import")


def test_value_with_a_table_given_on_the_command_line(sample, tmp_path):
    before = sample.read_bytes()
    result = shipped("value", sample, "--proxies", MADE_UP_CSV, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert (
        "Proxy values: MADE UP FOR TESTS — not real proxy values, 2025, supplied by the bidder"
        in out
    )
    assert "£180,000  18 FTE × £10,000 per FTE" in out
    assert "no value in the proxy table" in out  # NT72
    assert "Total: £334,900, 13.4p per £1 of the £2,500,000 contract value" in out
    assert "Year 1 (Apr 2027 – Mar 2028) £104,400" in out
    assert "not cash" in out
    assert result.stderr == ""  # the made-up table raises no concern
    assert sample.read_bytes() == before  # --proxies never saves


def test_value_json_has_exact_amounts(sample, tmp_path):
    result = shipped("value", sample, "--proxies", MADE_UP_CSV, "--json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert data["total"] == "334900" and data["pence_per_pound"] == "13.396"
    assert data["pence_per_pound_text"] == "13.4p"
    assert data["not_valued"] == ["NT72"]
    nt18 = next(m for m in data["measures"] if m["code"] == "NT18")
    assert nt18["per_unit"] == "0.1" and nt18["total"] == "75000"
    assert [t["theme"] for t in data["themes"]] == ["Jobs", "Growth", "Social", "Environment"]
    assert data["years"][0]["label"] == "Year 1 (Apr 2027 – Mar 2028)"


def test_import_dry_run_changes_nothing(sample, tmp_path):
    before = sample.read_bytes()
    result = shipped("proxies", "import", sample, MADE_UP_CSV, "--dry-run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Committed but no value: NT72." in result.stdout
    assert "Dry run: the plan was not changed." in result.stdout
    assert sample.read_bytes() == before and not (tmp_path / "sample.svplan.bak").exists()


def test_import_saves_with_a_backup_then_value_and_remove(sample, tmp_path):
    before = sample.read_bytes()
    result = shipped("proxies", "import", sample, MADE_UP_CSV, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Saved sample.svplan: 10 proxy values" in result.stdout
    assert (tmp_path / "sample.svplan.bak").read_bytes() == before
    assert "source: MADE UP FOR TESTS" in sample.read_text(encoding="utf-8")
    value = shipped("value", sample, cwd=tmp_path)
    assert "Total: £334,900, 13.4p per £1" in value.stdout
    removed = shipped("proxies", "remove", sample, cwd=tmp_path)
    assert removed.returncode == 0
    one_error_line(shipped("value", sample, cwd=tmp_path), "has no proxy values")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("NT1,-5\n", ["p.csv, row 2 (NT1)", "negative"]),
        ("NT1,NaN\n", ["row 2 (NT1)", "not an amount of money"]),
        ('NT1,"£1,2,3"\n', ["row 2 (NT1)", "'£1,2,3'"]),
        (",5\n", ["row 2: the measure is empty"]),
        ("NT1,5\nNT1,6\n", ["rows 2 and 3 both give NT1"]),
    ],
)
@pytest.mark.parametrize("command", ["import", "value"])
def test_a_bad_table_is_exit_2_one_line_and_the_plan_unchanged(
    sample, tmp_path, body, words, command
):
    table = tmp_path / "p.csv"
    table.write_text("measure,value,source\n" + body.replace("\n", ",made up\n"), encoding="utf-8")
    before = sample.read_bytes()
    if command == "import":
        result = shipped("proxies", "import", sample, table, cwd=tmp_path)
    else:
        result = shipped("value", sample, "--proxies", table, cwd=tmp_path)
    one_error_line(result, *words)
    assert result.stdout == ""
    assert sample.read_bytes() == before and not (tmp_path / "sample.svplan.bak").exists()


def test_a_50_mb_table_is_exit_2(sample, tmp_path):
    big = tmp_path / "big.xlsx"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    one_error_line(
        shipped("proxies", "import", sample, big, cwd=tmp_path),
        "big.xlsx is 50.0 MB",
    )


def test_import_needs_a_named_source(sample, tmp_path):
    table = tmp_path / "nosource.csv"
    table.write_text("measure,value\nNT1,5\n", encoding="utf-8")
    before = sample.read_bytes()
    result = shipped("proxies", "import", sample, table, cwd=tmp_path)
    one_error_line(result, "nosource.csv names no source", "--source")
    assert sample.read_bytes() == before
    named = shipped(
        "proxies", "import", sample, table, "--source", "Made-up calculator", cwd=tmp_path
    )
    assert named.returncode == 0, named.stderr
    assert "source: Made-up calculator" in sample.read_text(encoding="utf-8")


def test_value_reports_concerns_as_warnings(sample, tmp_path):
    table = tmp_path / "odd.csv"
    table.write_text("measure,value,unit,source\nNT8,10,per day,made up\n", encoding="utf-8")
    result = shipped("value", sample, "--proxies", table, cwd=tmp_path)
    assert result.returncode == 0
    assert "svplan: warning: Unit differs: row 2 gives NT8 per 'per day'" in result.stderr
