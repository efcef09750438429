"""The JSON Schema shipped in docs/ is the one the model generates."""

from __future__ import annotations

import json

from svplan.core.schema import plan_json_schema
from tests.conftest import ROOT


def test_shipped_schema_is_up_to_date():
    shipped = json.loads((ROOT / "docs" / "plan.schema.json").read_text(encoding="utf-8"))
    assert shipped == plan_json_schema(), "run `make schema` to refresh docs/plan.schema.json"


def test_schema_requires_the_format_version_and_measure_codes():
    schema = plan_json_schema()
    assert "svplan" in schema["required"]
    assert "measure" in schema["$defs"]["Commitment"]["required"]
    assert set(schema["$defs"]["Reporting"]["enum"]) == {
        "monthly",
        "quarterly",
        "six-monthly",
        "annually",
    }
