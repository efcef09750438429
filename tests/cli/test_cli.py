"""The `svplan` command in general: help, version, exit codes, JSON output, new, partners, schema,
export targets. Each runs `python -m svplan` in a subprocess, as a user or a script would.

Exit codes: 0 ready / done, 1 findings (check), 2 unusable input; errors are one line on stderr
starting "svplan: ".
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.runner import GUARD_SECONDS, one_error_line, run, shipped
from tests.conftest import MINI_CATALOGUE, SAMPLE_PLAN
from tests.core.test_bad_files import BAD

READY = BAD / "utf8-bom-crlf.svplan"  # a complete plan for the mini catalogue (check: 0)


def write_plan(tmp_path: Path, text: str, name: str = "plan.svplan") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# Help and version -------------------------------------------------------------------------------


def test_version(tmp_path):
    from svplan import __version__

    result = shipped("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"svplan {__version__}"


@pytest.mark.parametrize(
    "command", [None, "gui", "export", "check", "new", "measures", "partners", "schema"]
)
def test_help_for_every_command(tmp_path, command):
    args = ["--help"] if command is None else [command, "--help"]
    result = shipped(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: svplan")
    assert result.stderr == ""
    if command is None:
        for name in ("export", "check", "new", "measures", "partners", "schema"):
            assert name in result.stdout


@pytest.mark.parametrize("argv", [[], ["--smoke-start"], ["--self-test"], ["gui"]])
def test_plain_starts_parse_as_the_parser_would(argv):
    from svplan.cli import build_parser, parse_args

    assert vars(parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_an_unknown_command_is_one_line(tmp_path):
    line = one_error_line(run("frobnicate", cwd=tmp_path), "frobnicate")
    assert "--help" in line


def test_a_missing_argument_is_one_line(tmp_path):
    one_error_line(run("check", cwd=tmp_path), "plan")


# new ---------------------------------------------------------------------------------------------


def test_new_writes_a_plan_that_loads_and_refuses_to_overwrite(tmp_path):
    from svplan.core.planio import load_plan

    result = run(
        "new",
        "-o",
        "bid.svplan",
        "--bid-title",
        "Highways maintenance",
        "--bidder",
        "Example Ltd",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    path = tmp_path / "bid.svplan"
    assert result.stdout.strip() == "bid.svplan"
    plan = load_plan(path).plan
    assert (plan.bid.title, plan.bid.bidder, plan.catalogue) == (
        "Highways maintenance",
        "Example Ltd",
        "mini-toms",
    )
    before = path.read_bytes()

    refused = run("new", "-o", "bid.svplan", "--bid-title", "Other", cwd=tmp_path)
    one_error_line(refused, "bid.svplan", "already exists", "--force")
    assert path.read_bytes() == before

    forced = run("new", "-o", "bid.svplan", "--bid-title", "Other", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert load_plan(path).plan.bid.title == "Other"
    assert (tmp_path / "bid.svplan.bak").read_bytes() == before  # the old one is kept


def test_new_adds_the_suffix_and_refuses_a_missing_folder(tmp_path):
    assert run("new", "-o", "draft", cwd=tmp_path).returncode == 0
    assert (tmp_path / "draft.svplan").is_file()
    one_error_line(run("new", "-o", "nowhere/x.svplan", cwd=tmp_path), "does not exist")


# check -------------------------------------------------------------------------------------------


def test_check_exit_0_when_ready(tmp_path):
    result = run("check", READY, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.strip() == f"{READY.name}: Ready to export"


def test_check_exit_1_with_one_finding_per_line(tmp_path):
    path = write_plan(tmp_path, "svplan: 1\ncommitments:\n  - measure: NT1\n  - measure: NT99\n")
    result = run("check", path, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) >= 4
    assert all(line.startswith(("problem: ", "warning: ")) for line in lines), lines
    assert any("NT1: has no target" in line for line in lines)
    assert any(line.startswith("problem: NT99:") for line in lines)
    assert "svplan: warning: NT99: this measure is not in Mini TOMs" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("plan.svplan: ")


def test_check_exit_2_when_unusable(tmp_path):
    path = write_plan(tmp_path, "svplan: 1\ncommitments: [\n")
    one_error_line(run("check", path, cwd=tmp_path), "plan.svplan", "line")
    one_error_line(run("check", tmp_path / "absent.svplan", cwd=tmp_path), "absent.svplan")


def test_check_json(tmp_path):
    ready = run("check", "--json", READY, cwd=tmp_path)
    assert ready.returncode == 0
    assert json.loads(ready.stdout) == {"ready": True, "findings": []}

    path = write_plan(tmp_path, "svplan: 1\ncommitments:\n  - measure: NT1\n")
    result = run("check", "--json", path, cwd=tmp_path)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ready"] is False
    assert {"code", "severity", "message"} == set(data["findings"][0])
    assert {f["severity"] for f in data["findings"]} <= {"problem", "warning"}
    assert any(f["code"] == "NT1" and "target" in f["message"] for f in data["findings"])


def test_check_json_with_unknown_keys_keeps_stdout_pure_json(tmp_path):
    path = write_plan(tmp_path, "svplan: 1\nsomething_new: 1\n")
    result = run("check", "--json", path, cwd=tmp_path)
    assert result.returncode == 1
    json.loads(result.stdout)
    assert "unknown key 'something_new'" in result.stderr


def test_output_that_the_console_cannot_encode_is_escaped_not_a_crash(tmp_path):
    path = write_plan(tmp_path, "svplan: 1\ncommitments:\n  - measure: NT1\u00e9\U0001f600\n")
    result = run("check", path, cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 1, result.stderr
    assert "NT1\\xe9\\U0001f600" in result.stdout
    assert "Traceback" not in result.stderr


# measures, partners ---------------------------------------------------------------------------


def test_measures_json_parses(tmp_path):
    result = run("measures", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["code"] for r in rows] == ["NT1", "NT3", "NT29"]
    assert rows[0]["unit"] == "people (FTE)" and rows[0]["theme"] == "Jobs"


def test_measures_text(tmp_path):
    result = run("measures", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("NT1")


@pytest.mark.parametrize("code", ["NT3", "nt3", " NT3 "])
def test_partners_for_a_code_in_any_case(tmp_path, code):
    result = run("partners", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("NT3 - ")
    assert "Helpful Organisation" in result.stdout and "Other Org" in result.stdout
    assert "Refers long-term unemployed candidates." in result.stdout
    assert result.stdout == run("partners", "NT3", cwd=tmp_path).stdout


def test_partners_json(tmp_path):
    data = json.loads(run("partners", "nt3", "--json", cwd=tmp_path).stdout)
    assert data["code"] == "NT3"
    assert [r["id"] for r in data["routes"]] == ["helpful-org", "other-org"]
    action = json.loads(run("partners", "NT29", "--json", cwd=tmp_path).stdout)
    assert action["routes"][0]["kind"] == "action"


def test_partners_for_an_unknown_code_suggests_the_closest(tmp_path):
    line = one_error_line(run("partners", "NT999", cwd=tmp_path), "NT999")
    assert "Did you mean NT" in line
    one_error_line(run("partners", "NT30", cwd=tmp_path), "Did you mean NT3")


# --catalogue -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "part"),
    [
        ("format: 1\ninfo: [\n", "line"),
        ("format: 1\ninfo: {id: x}\n", "broken.yaml"),
        ("", "empty"),
        ("format: 1\nx: !!python/object/apply:os.system [true]\n", "Python object tag"),
    ],
)
def test_a_broken_catalogue_is_one_line_naming_it(tmp_path, content, part):
    catalogue = tmp_path / "broken.yaml"
    catalogue.write_text(content, encoding="utf-8")
    result = run("--catalogue", catalogue, "measures", cwd=tmp_path, mini=False)
    one_error_line(result, "broken.yaml", part)


def test_a_missing_catalogue_is_one_line(tmp_path):
    result = run("--catalogue", "nope.yaml", "check", READY, cwd=tmp_path, mini=False)
    one_error_line(result, "nope.yaml")


# schema ----------------------------------------------------------------------------------------


def validate(value: Any, schema: dict, root: dict, where: str = "$") -> list[str]:
    """A small JSON Schema checker for the keywords the plan schema uses."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return validate(value, root["$defs"][name], root, where)
    if "anyOf" in schema:
        options = [validate(value, s, root, where) for s in schema["anyOf"]]
        return [] if any(not o for o in options) else [f"{where}: matches no option"]
    errors: list[str] = []
    kind = schema.get("type")
    checks = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "null": lambda v: v is None,
        "boolean": lambda v: isinstance(v, bool),
    }
    if kind is not None and not checks[kind](value):
        return [f"{where}: not {kind}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: not one of {schema['enum']}")
    if isinstance(value, str):
        if len(value) > schema.get("maxLength", len(value)):
            errors.append(f"{where}: too long")
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{where}: too short")
        if schema.get("format") == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                errors.append(f"{where}: not a date")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{where}: below minimum")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{where}: above maximum")
    if isinstance(value, list):
        if len(value) > schema.get("maxItems", len(value)):
            errors.append(f"{where}: too many items")
        for i, item in enumerate(value):
            errors += validate(item, schema.get("items", {}), root, f"{where}[{i}]")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}.{key}: required")
        props = schema.get("properties", {})
        for key, item in value.items():
            if key in props:
                errors += validate(item, props[key], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}.{key}: not allowed")
    return errors


def plan_data(path: Path) -> Any:
    """A plan file's data after YAML parsing, as JSON sees it (dates become text)."""
    from svplan.core.yamlsafe import load_yaml_file

    data = load_yaml_file(path, what="plan file").data
    return json.loads(json.dumps(data, default=str))


def test_schema_is_json_and_validates_plans(tmp_path):
    result = shipped("schema", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert "svplan" in schema["required"]
    assert schema["$schema"].startswith("https://json-schema.org/")
    plans = [READY, BAD / "unknown-keys.svplan"]
    if SAMPLE_PLAN.is_file():
        plans.append(SAMPLE_PLAN)
    for path in plans:
        assert validate(plan_data(path), schema, schema) == [], path.name

    good = plan_data(READY)
    for broken, expected in (
        ({k: v for k, v in good.items() if k != "svplan"}, "$.svplan: required"),
        ({**good, "commitments": [{"target": 1}]}, "$.commitments[0].measure: required"),
        ({**good, "commitments": [{"measure": "NT1", "target": -1}]}, "matches no option"),
        ({**good, "commitments": [{"measure": "NT1", "target": "six"}]}, "matches no option"),
        ({**good, "bid": {"start": "27th May"}}, "matches no option"),
        ({**good, "bid": {"months": 0}}, "matches no option"),
    ):
        errors = validate(broken, schema, schema)
        assert any(expected in e for e in errors), (expected, errors)


# export targets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "part"),
    [
        ("a-folder.docx", "folder"),
        ("missing/out.docx", "does not exist"),
        ("out.pdf", "must be a .docx"),
        ("a-folder.docx/", "folder"),
    ],
)
def test_export_to_an_unwritable_target_is_one_line(tmp_path, target, part):
    (tmp_path / "a-folder.docx").mkdir()
    plan = tmp_path / "plan.svplan"
    plan.write_bytes(READY.read_bytes())
    before = sorted(p.name for p in tmp_path.iterdir())
    one_error_line(run("export", plan, "-o", target, cwd=tmp_path), part)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert list((tmp_path / "a-folder.docx").iterdir()) == []


def test_export_never_overwrites_the_plan_itself(tmp_path):
    plan = tmp_path / "plan.docx"  # a plan file saved with the wrong extension
    plan.write_bytes(READY.read_bytes())
    before = plan.read_bytes()
    one_error_line(run("export", plan, cwd=tmp_path), "plan.docx", "overwrite the plan")
    assert plan.read_bytes() == before


def test_export_writes_next_to_the_plan_by_default(tmp_path):
    plan = tmp_path / "bid.svplan"
    plan.write_bytes(READY.read_bytes())
    result = run("export", plan, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == tmp_path / "bid.docx"
    assert (tmp_path / "bid.docx").stat().st_size > 0


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_export_into_a_read_only_folder_is_one_line(tmp_path):
    plan = tmp_path / "bid.svplan"
    plan.write_bytes(READY.read_bytes())
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        one_error_line(run("export", plan, "-o", locked / "out.docx", cwd=tmp_path), "out.docx")
    finally:
        locked.chmod(0o700)


# unexpected errors -----------------------------------------------------------------------------


def test_an_unexpected_error_is_one_line_without_plan_text(tmp_path):
    """A bug is reported in one line; neither it nor the log entry quotes the plan."""
    from svplan.core.logs import log_path

    secret = "Top secret bid title 7731"
    plan = write_plan(tmp_path, f"svplan: 1\nbid:\n  title: {secret}\n")
    probe = (
        "import sys, svplan.core.checks as checks\n"
        "def broken(plan, catalogue):\n"
        "    raise ValueError(f'cannot handle {plan.bid.title}')\n"
        "checks.check_plan = broken\n"
        "from svplan.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "--catalogue", str(MINI_CATALOGUE), "check", str(plan)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=GUARD_SECONDS,
    )
    line = one_error_line(result, "unexpected error", "ValueError", "please report it")
    assert secret not in line
    log = log_path().read_text(encoding="utf-8")
    assert "ValueError" in log and "Traceback" in log and "broken" in log
    assert secret not in log


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays")
def test_the_app_without_a_display_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "svplan"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("svplan: there is no display") and "xvfb-run" in line


def test_a_display_or_a_qt_platform_is_enough():
    from svplan.cli import missing_display

    assert missing_display({"DISPLAY": ":0"}) is None
    assert missing_display({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}) is None
