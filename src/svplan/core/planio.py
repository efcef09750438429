"""Reading and writing .svplan files (YAML, UTF-8): safe, validated, atomic, byte-stable."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from svplan.core.atomic import atomic_write_bytes
from svplan.core.catalogue import Catalogue
from svplan.core.errors import FileFormatError, NewerFormatError, PlanError, SaveError
from svplan.core.plan import MAX_COMMITMENTS, MAX_PLAN_ACTIONS, MAX_PLAN_RISKS, PLAN_FORMAT, Plan
from svplan.core.textfile import MAX_FILE_BYTES
from svplan.core.validation import (
    describe_validation_error,
    format_loc,
    friendly_message,
    shorten,
    validate_keeping_text,
)
from svplan.core.yamlsafe import YamlDocument, gc_paused, load_yaml_file, parse_yaml

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

PLAN_SUFFIX = ".svplan"


@dataclass
class LoadedPlan:
    """A plan read from disk, with anything worth telling the user about it."""

    plan: Plan
    warnings: list[str] = field(default_factory=list)


def load_plan(path: Path | str, catalogue: Catalogue | None = None) -> LoadedPlan:
    """Read a .svplan file. Raises PlanError (one clear sentence) for anything unusable."""
    path = Path(path)
    try:
        doc = load_yaml_file(path, what="plan file")
    except FileFormatError as exc:
        raise PlanError(exc.message, path=path, details=exc.details) from None
    return plan_from_document(doc, path, catalogue)


def parse_plan(text: str, path: Path | str = "plan.svplan", catalogue: Catalogue | None = None):
    """Validate plan YAML text; same errors as load_plan."""
    path = Path(path)
    try:
        doc = parse_yaml(text, path=path, what="plan file")
    except FileFormatError as exc:
        raise PlanError(exc.message, path=path, details=exc.details) from None
    return plan_from_document(doc, path, catalogue)


def plan_from_document(doc: YamlDocument, path: Path, catalogue: Catalogue | None) -> LoadedPlan:
    data = doc.data
    if not isinstance(data, dict) or "svplan" not in data:
        raise PlanError(
            f"{path.name} is not a plan file: it has no 'svplan:' format line.", path=path
        )
    version = _format_number(data.get("svplan"))
    if version is not None and version > PLAN_FORMAT:
        raise NewerFormatError(
            f"{path.name} was written in plan format {version} by a newer version of the app; "
            f"this version reads format {PLAN_FORMAT}. Install the newer version to open it.",
            path=path,
        )
    _check_counts(data, path)
    data = upgrade_data(data)
    try:
        with gc_paused():
            plan = validate_keeping_text(Plan.model_validate, data, doc, ValidationError)
    except ValidationError as exc:
        raise PlanError(
            describe_validation_error(exc, doc, path), path=path, details=str(exc)[:2000]
        ) from None
    unknown = unknown_keys(plan)
    warnings = [
        f"{path.name}, line {line or '?'}: unknown key '{shorten(format_loc(loc))}' "
        "was kept but is not used"
        for loc, line in zip(unknown, doc.lines_of(unknown), strict=True)
    ]
    if catalogue is not None:
        warnings += [shorten(w, 300) for w in unknown_measures(plan, catalogue)]
    return LoadedPlan(plan=plan, warnings=warnings)


def _check_counts(data: dict[str, Any], path: Path) -> None:
    """Refuse, in one sentence, a plan with more commitments, actions or risks than any real
    plan has: each limit keeps checking and exporting it under 5 s (benchmarks/limits.py)."""
    commitments = data.get("commitments")
    commitments = commitments if isinstance(commitments, list) else []
    parts = [c for c in commitments if isinstance(c, dict)]

    def total(key: str, extra: Any = None) -> int:
        lists = [c.get(key) for c in parts] + [extra]
        return sum(len(x) for x in lists if isinstance(x, list))

    usual = "a full plan has a few hundred"
    for count, limit, what, why in (
        (
            len(commitments),
            MAX_COMMITMENTS,
            "commitments",
            "one per measure of the largest catalogue",
        ),
        (total("actions"), MAX_PLAN_ACTIONS, "actions", usual),
        (total("risks", data.get("risks")), MAX_PLAN_RISKS, "risks", usual),
    ):
        if count > limit:
            raise PlanError(
                f"{path.name} has {count:,} {what}; a plan holds at most {limit:,} ({why}), "
                "so it was not opened.",
                path=path,
            )


def upgrade_data(data: dict[str, Any]) -> dict[str, Any]:
    """Older formats brought up to this one before validation, losing nothing.

    Format 2 only added keys (partner roles, governance, delivery record, proxy values, the
    tender answer...), so a format-1 file is already a valid format-2 plan: every value it holds
    keeps its key and meaning. The file on disk says 2 from its next save on.
    """
    version = _format_number(data.get("svplan"))
    if version is not None and version < PLAN_FORMAT:
        data = {**data, "svplan": PLAN_FORMAT}
    return data


def _format_number(value: Any) -> int | None:
    """The format version as a whole number, also when written 2.0 or '2' (so never misread)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if (
        isinstance(value, str)
        and len(value) < 20
        and value.strip().isascii()
        and value.strip().isdecimal()
    ):
        return int(value.strip())
    return value if isinstance(value, int) else None


def unknown_keys(plan: Plan) -> list[tuple[str | int, ...]]:
    """Field paths of keys the model does not know (kept on save, reported on load)."""
    found: list[tuple[str | int, ...]] = []

    def walk(model: Any, loc: tuple[str | int, ...]) -> None:
        for key in model.model_extra or {}:
            found.append((*loc, key))
        for name in type(model).model_fields:
            value = getattr(model, name)
            if hasattr(value, "model_extra"):
                walk(value, (*loc, name))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if hasattr(item, "model_extra"):
                        walk(item, (*loc, name, i))

    walk(plan, ())
    return found


def unknown_measures(plan: Plan, catalogue: Catalogue) -> list[str]:
    """One message per commitment whose measure the catalogue does not have (kept, not dropped)."""
    out = []
    for c in plan.commitments:
        if not catalogue.has_measure(c.measure):
            hint = catalogue.closest_code(c.measure)
            tip = f" (did you mean {hint}?)" if hint else ""
            out.append(
                f"{c.measure}: this measure is not in {catalogue.info.title}{tip}; "
                "the commitment is kept as written"
            )
    return out


# Writing ---------------------------------------------------------------------------------------


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """Plain data for the file: empty values left out, keys in the models' declared order."""
    data = _model_data(plan)
    data.pop("svplan", None)
    return {"svplan": max(plan.svplan, PLAN_FORMAT), **data}


def _model_data(model: BaseModel) -> dict[str, Any]:
    """Declared fields first (in declaration order), then unknown keys kept from the file."""
    out: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = _plain(getattr(model, name))
        # an empty value is left out, unless reading the file back would give something else
        # (partners: [] is not "all partners"; catalogue: '' is not the default catalogue)
        default = _plain(info.get_default(call_default_factory=True))
        if name == "measure" or not _empty(value) or value != default:
            out[name] = value
    for key, value in (model.model_extra or {}).items():
        out[key] = _plain(value)
    return out


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _model_data(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):  # money: kept exact, as text ('12.50'), never a float
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


class _PlanDumper(_Dumper):  # type: ignore[misc, valid-type]
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and _block_safe(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _block_safe(value: str) -> bool:
    """Literal block style only when it round-trips exactly (no trailing spaces, tabs, CRs)."""
    return not any(
        line != line.rstrip() or "\t" in line or "\r" in line for line in value.split("\n")
    ) and not value.startswith((" ", "\n"))


def _list_representer(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    flow = bool(value) and all(not isinstance(v, dict | list) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_PlanDumper.add_representer(str, _str_representer)
_PlanDumper.add_representer(list, _list_representer)
# Text that the reader (YAML 1.2 core, svplan.core.yamlsafe) would take for a number is quoted
# too: PyYAML's writer speaks YAML 1.1, for which `09`, `+5` and `1e5` are text.
_PlanDumper.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_PlanDumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"),
)


def dump_plan(plan: Plan) -> str:
    """The file text for a plan (a short header comment, then YAML)."""
    with gc_paused():
        body = yaml.dump(
            plan_to_data(plan),
            Dumper=_PlanDumper,
            sort_keys=False,
            allow_unicode=True,
            width=100,
            default_flow_style=False,
        )
    return "# Social value delivery plan (Social Value Plan Builder, docs/plan-format.md)\n" + body


def save_plan(plan: Plan, path: Path | str) -> None:
    """Save atomically, keeping the previous version as NAME.svplan.bak. Raises SaveError.

    A plan larger than the read limit is refused here, so that every saved plan can be reopened.
    """
    path = Path(path)
    data = dump_plan(plan).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise SaveError(
            f"Could not save {path.name}: the plan would be {len(data) / 1024 / 1024:.1f} MB and "
            f"plan files can be at most {MAX_FILE_BYTES // 1024 // 1024} MB; shorten the longest "
            "notes or split the plan. The file on disk was not changed.",
            path=path,
        )
    atomic_write_bytes(path, data, backup=True)


def new_plan(title: str = "", **bid: Any) -> Plan:
    """An empty plan, dated today. PlanError names the limit a value is over (a 600-character
    title: "The new plan's bid.title is too long (at most 500 characters).")."""
    try:
        return Plan.model_validate({"svplan": PLAN_FORMAT, "bid": {"title": title, **bid}})
    except ValidationError as exc:
        err = exc.errors()[0]
        field_path = format_loc(tuple(err.get("loc", ()))) or "plan"
        raise PlanError(f"The new plan's {field_path} {friendly_message(err)}.") from None


def today() -> dt.date:
    return dt.date.today()
