"""JSON Schema of the .svplan format, generated from the pydantic model."""

from __future__ import annotations

from typing import Any

from svplan import __version__
from svplan.core.plan import PLAN_FORMAT, Plan


def plan_json_schema() -> dict[str, Any]:
    """The schema other tools validate .svplan files against (after YAML parsing)."""
    schema = Plan.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Social Value Plan Builder plan (.svplan)"
    schema["description"] = (
        f"Plan format {PLAN_FORMAT}, written by svplan {__version__}. YAML, UTF-8. "
        "Only 'svplan' and each commitment's 'measure' are required. See docs/plan-format.md."
    )
    schema["required"] = sorted({*schema.get("required", []), "svplan"})
    return schema
