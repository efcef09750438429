"""Every older plan file opens in format 2 and is saved without losing a value."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from svplan.core.errors import PlanError
from svplan.core.plan import PLAN_FORMAT
from svplan.core.planio import dump_plan, load_plan, plan_to_data, save_plan

ROOT = Path(__file__).resolve().parents[2]
FORMAT1 = sorted((ROOT / "tests" / "data" / "format1").glob("*.svplan"))
EVERY_PLAN = sorted(
    p
    for d in ("examples", "tests/data")
    for p in (ROOT / d).rglob("*.svplan")
    if "bad" not in p.parts
)


def _without_format(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "svplan"}


def test_format_is_2():
    assert PLAN_FORMAT == 2


@pytest.mark.parametrize("path", FORMAT1, ids=lambda p: p.name)
def test_format1_file_upgrades_without_loss(tmp_path, path):
    original = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert original["svplan"] == 1
    loaded = load_plan(path)
    assert loaded.plan.svplan == PLAN_FORMAT
    saved = tmp_path / path.name
    saved.write_bytes(path.read_bytes())
    save_plan(loaded.plan, saved)
    # the previous file is kept as it was; the new one says format 2
    assert (tmp_path / (path.name + ".bak")).read_bytes() == path.read_bytes()
    reread = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert reread["svplan"] == 2
    # every value of the old file is still there, under the same key (only the format changed)
    assert _subset(_without_format(original), _without_format(reread))
    # and a second save changes nothing
    assert dump_plan(load_plan(saved).plan) == saved.read_text(encoding="utf-8")


def _subset(old, new) -> bool:
    """Every value of `old` is in `new` (new may add nothing here, but keys compare as data)."""
    if isinstance(old, dict):
        return isinstance(new, dict) and all(
            k in new and _subset(v, new[k]) for k, v in old.items() if v not in ("", None, [], {})
        )
    if isinstance(old, list):
        return (
            isinstance(new, list)
            and len(old) == len(new)
            and all(_subset(a, b) for a, b in zip(old, new, strict=True))
        )
    if isinstance(old, float) and isinstance(new, int | float):
        return old == new
    return old == new


def test_every_key_file_keeps_unknown_keys_and_unknown_measures(tmp_path):
    loaded = load_plan(ROOT / "tests" / "data" / "format1" / "every-key.svplan")
    data = plan_to_data(loaded.plan)
    assert data["from_a_newer_tool"] == 42
    assert data["commitments"][0]["future_key"] == {"kept": True}
    assert data["commitments"][2]["measure"] == "NT99X"
    assert data["commitments"][1]["partners"] == []  # "none" is not "all"
    assert data["bid"]["contract_value"] == 2500000.5


@pytest.mark.parametrize("path", EVERY_PLAN, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_and_test_plan_opens_in_this_format(path):
    try:
        loaded = load_plan(path)
    except PlanError as exc:  # a deliberately bad file outside tests/data/bad would be a mistake
        pytest.fail(f"{path.name} does not open: {exc}")
    assert loaded.plan.svplan == PLAN_FORMAT
    assert yaml.safe_load(dump_plan(loaded.plan))["svplan"] == PLAN_FORMAT
