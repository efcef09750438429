"""examples/delivery-sample.svplan is what examples/build_delivery_sample.py builds, and it shows
what the issue asks of it: a 4-year contract, 6 quarters of actuals, one commitment at each
level, a recovery action and a variation."""

from __future__ import annotations

import importlib.util

from svplan.core.delivery import Level, delivery_status
from svplan.core.planio import dump_plan, load_plan
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"


def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_delivery_sample", EXAMPLES / "build_delivery_sample.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_example_is_what_the_script_builds():
    built = dump_plan(_builder().build())
    assert (EXAMPLES / "delivery-sample.svplan").read_text(encoding="utf-8") == built


def test_the_example_shows_every_level(lancashire):
    loaded = load_plan(EXAMPLES / "delivery-sample.svplan", lancashire)
    assert loaded.warnings == []
    plan = loaded.plan
    assert plan.bid.months == 48
    assert sorted({a.quarter for a in plan.delivery.actuals}) == [
        "Y1Q1",
        "Y1Q2",
        "Y1Q3",
        "Y1Q4",
        "Y2Q1",
        "Y2Q2",
    ]
    status = delivery_status(plan, lancashire)
    levels = {c.code: c.level for c in status.commitments}
    assert set(levels.values()) == set(Level)
    assert levels["NT41"] is Level.APPROACHING  # a level measure
    assert plan.delivery.variations and plan.delivery.recovery
    assert not any(c.needs_recovery for c in status.commitments)
    assert status.warnings == ()
