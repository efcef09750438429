"""`svplan new` with --start, --months, --value (the shared parsers) and --from a past bid."""

from __future__ import annotations

import hashlib
import shutil

import yaml

from tests.cli.runner import one_error_line, shipped
from tests.conftest import SAMPLE_PLAN


def test_new_writes_the_contract_terms_as_typed(tmp_path):
    out = tmp_path / "bid.svplan"
    result = shipped(
        "new",
        "-o",
        out,
        "--start",
        "15/10/2027",
        "--months",
        "36",
        "--value",
        "£2.4m",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    bid = yaml.safe_load(out.read_text(encoding="utf-8"))["bid"]
    assert bid["start"].isoformat() == "2027-10-15"
    assert bid["months"] == 36 and bid["contract_value"] == 2_400_000


def test_an_impossible_date_exits_2_naming_it_and_writes_nothing(tmp_path):
    out = tmp_path / "bid.svplan"
    result = shipped("new", "-o", out, "--start", "31/02/2027", cwd=tmp_path)
    line = one_error_line(result, "31/02/2027", "--start")
    assert "February 2027 has 28 days" in line
    assert not out.exists()


def test_bad_months_and_value_exit_2(tmp_path):
    out = tmp_path / "bid.svplan"
    one_error_line(shipped("new", "-o", out, "--months", "three", cwd=tmp_path), "three")
    one_error_line(shipped("new", "-o", out, "--months", "0", cwd=tmp_path), "--months")
    one_error_line(shipped("new", "-o", out, "--value", "lots", cwd=tmp_path), "lots")
    assert not out.exists()


def test_from_a_past_bid_scales_marks_and_never_changes_the_old_file(tmp_path):
    old = tmp_path / "old.svplan"
    shutil.copy(SAMPLE_PLAN, old)
    before = hashlib.sha256(old.read_bytes()).hexdigest()
    stat_before = old.stat().st_mtime_ns
    new = tmp_path / "new.svplan"
    result = shipped(
        "new",
        "--from",
        old,
        "--value",
        "£3m",
        "--months",
        "36",
        "-o",
        new,
        "--bid-title",
        "Street lighting",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert hashlib.sha256(old.read_bytes()).hexdigest() == before
    assert old.stat().st_mtime_ns == stat_before
    assert not (tmp_path / "old.svplan.bak").exists()
    data = yaml.safe_load(new.read_text(encoding="utf-8"))
    assert data["bid"]["title"] == "Street lighting" and data["bid"]["contract_value"] == 3_000_000
    nt1 = next(c for c in data["commitments"] if c["measure"] == "NT1")
    assert nt1["target"] == 21.6 and nt1["review"] == ["target", "yearly"]
    assert "Check NT1: target and yearly figures" in result.stdout
    assert "scaled by 1.2" in result.stdout


def test_from_refuses_to_overwrite_the_past_bid(tmp_path):
    old = tmp_path / "old.svplan"
    shutil.copy(SAMPLE_PLAN, old)
    before = old.read_bytes()
    result = shipped("new", "--from", old, "-o", old, "--force", cwd=tmp_path)
    one_error_line(result, "past bid")
    assert old.read_bytes() == before
