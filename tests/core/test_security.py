"""Security properties of reading and exporting untrusted files.

- YAML is only ever read with the safe loader; object tags are refused in every spelling and
  nothing in a file runs.
- Hyperlinks in an exported document are only http(s) and mailto.
- Nothing touches the network (corporate laptops, offline use, privacy).
- Logs hold no plan contents; warnings cannot send escape sequences to a terminal.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from svplan.core.catalogue import parse_catalogue
from svplan.core.errors import CatalogueError, PlanError
from svplan.core.plan import Commitment, Person, Plan
from svplan.core.planio import load_plan, parse_plan
from tests.cli.runner import run
from tests.conftest import MINI_CATALOGUE, ROOT
from tests.core.test_bad_files import BAD

SRC = ROOT / "src" / "svplan"


# Safe loading -----------------------------------------------------------------------------------

TAGGED = [
    '!!python/object/apply:os.system ["touch pwned"]',
    '!!python/object/apply:subprocess.check_output [["touch", "pwned"]]',
    '!!python/object/new:os.system ["touch pwned"]',
    "!!python/object:builtins.object {}",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/tuple [1, 2]",
    "!!python/bytes aGVsbG8=",
    "!!python/complex 1+2j",
    '!<tag:yaml.org,2002:python/object/apply:os.system> ["touch pwned"]',
    '!python/object/apply:os.system ["touch pwned"]',
    "!ruby/object:Gem::Installer {}",
    "!!set {a, b}",
    "!include other.yaml",
]


@pytest.fixture
def no_execution(monkeypatch, tmp_path):
    """Fail loudly if anything tries to run a command or import a module by name."""
    import os

    calls: list[str] = []

    def trap(name):
        def fail(*args, **kwargs):
            calls.append(name)
            raise AssertionError(f"{name} was called while reading a file")

        return fail

    monkeypatch.setattr(os, "system", trap("os.system"))
    monkeypatch.setattr(subprocess, "Popen", trap("subprocess.Popen"))
    monkeypatch.setattr(subprocess, "check_output", trap("subprocess.check_output"))
    monkeypatch.chdir(tmp_path)
    yield calls
    assert calls == []
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("tagged", TAGGED)
def test_tags_are_refused_in_a_plan(no_execution, tagged):
    with pytest.raises(PlanError, match=r"line 3 \(bid.title\): uses (a Python object|the) tag"):
        parse_plan(f"svplan: 1\nbid:\n  title: {tagged}\n")


@pytest.mark.parametrize("tagged", TAGGED[:6])
def test_tags_are_refused_everywhere_in_a_plan(no_execution, tagged):
    short = tagged.replace("!!python/", "!p!")
    for text in (
        f"svplan: 1\ncommitments:\n  - {tagged}\n",
        f"svplan: 1\nextra: [1, {{deep: [{tagged}]}}]\n",
        f"svplan: 1\nanchor: &a {tagged}\nbid: {{title: *a}}\n",
        f"%TAG !p! tag:yaml.org,2002:python/\n---\nsvplan: 1\nx: {short}\n",
        f"--- {tagged}\n",
    ):
        with pytest.raises(PlanError):
            parse_plan(text)


@pytest.mark.parametrize("tagged", TAGGED[:6])
def test_tags_are_refused_in_a_catalogue(no_execution, tagged):
    text = MINI_CATALOGUE.read_text(encoding="utf-8").replace(
        "  title: Mini TOMs\n", f"  title: {tagged}\n"
    )
    with pytest.raises(CatalogueError, match="tag"):
        parse_catalogue(text)


def test_the_loader_classes_are_the_safe_ones():
    from svplan.core import yamlsafe

    assert issubclass(yamlsafe._Loader, yaml.SafeLoader | yaml.CSafeLoader)
    assert issubclass(yamlsafe._PastedTextLoader, yaml.SafeLoader)
    for loader in (yamlsafe._Loader, yamlsafe._PastedTextLoader):
        constructors = {**loader.yaml_constructors, **loader.yaml_multi_constructors}
        assert not any("python" in str(tag) for tag in constructors), loader


@pytest.fixture
def no_constructor(monkeypatch):
    """Fail if any PyYAML constructor runs: the data is built from parser events only."""

    def never(*args, **kwargs):
        raise AssertionError("a PyYAML constructor ran")

    for cls in (yaml.constructor.BaseConstructor, yaml.constructor.SafeConstructor):
        for name in ("construct_document", "construct_object", "construct_mapping"):
            monkeypatch.setattr(cls, name, never)


@pytest.mark.parametrize("text", ["a: 1\nb: [x, {c: d}]\n", "a: 'x\x0by'\n", "a: !!int '5'\n"])
def test_no_pyyaml_constructor_ever_runs(no_constructor, text):
    from svplan.core.yamlsafe import parse_yaml

    assert parse_yaml(text, path=Path("t.yaml"), what="file").data


def test_no_source_file_uses_an_unsafe_yaml_call():
    unsafe = re.compile(
        r"yaml\.(load|load_all|unsafe_load|full_load|add_constructor|add_multi_constructor)\("
        r"|(Unsafe|Full)Loader|yaml\.Loader\b|CLoader\b"
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in SRC.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if unsafe.search(line)
    ]
    assert offenders == []


def test_an_alias_bomb_is_refused_without_expanding_it(monkeypatch):
    """Counted, not built: an alias adds the size of what it refers to (never a copy), and the
    file is refused as soon as aliases have added 50,000 values, long before its end."""
    from svplan.core import yamldata

    seen = []
    real = yamldata.Builder.alias

    def counted(self, event):
        seen.append(event.anchor)
        return real(self, event)

    monkeypatch.setattr(yamldata.Builder, "alias", counted)
    with pytest.raises(PlanError, match="YAML aliases") as info:
        load_plan(BAD / "billion-laughs.svplan")
    assert "more than 50,000 values" in str(info.value)
    text = (BAD / "billion-laughs.svplan").read_text(encoding="utf-8")
    assert len(seen) < text.count("*") / 2  # stopped at the first level over the budget


# Hyperlinks in the export ---------------------------------------------------------------------

HOSTILE_CATALOGUE = """\
format: 1
info: {id: hostile, title: Hostile TOMs, publisher: Nobody, source_title: x, edition: "1"}
units:
  - {id: fte, name: people (FTE), suffix: FTE}
themes:
  - id: jobs
    name: Jobs
    outcomes:
      - {id: local-employment, name: More local people in employment}
partners:
  - id: evil
    name: Evil Partner
    websites:
      - "javascript:alert(1)"
      - "file:///etc/passwd"
      - "data:text/html,<script>alert(1)</script>"
      - "vbscript:msgbox(1)"
      - '\\\\server\\share\\payload.exe'
      - " javascript:alert(2)"
      - "https://good.example.org/path?a=1"
      - "www.also-good.example.org"
    contacts:
      - {name: Mallory, email: "x@y.com?bcc=victim@z.com"}
      - {name: Trudy, email: "x@y.com?bcc=z.com"}
      - {name: Eve, email: "javascript:alert(1)//@x.com"}
      - {name: Good, email: good@example.org}
measures:
  - code: NT1
    short: Local people employed
    wording: No. of local people employed
    unit: fte
    theme: jobs
    outcome: local-employment
    routes:
      - {partner: evil, description: "Click <a href='javascript:alert(1)'>here</a>"}
"""


@pytest.fixture(scope="module")
def hostile_rels(tmp_path_factory):
    """(type, target, mode) of every relationship of the exported document part."""
    from svplan.export import export_plan

    catalogue = parse_catalogue(HOSTILE_CATALOGUE, "hostile.yaml")
    plan = Plan(
        lead=Person(name="Lead", email="javascript:alert(1)"),
        commitments=[
            Commitment(
                measure="NT1",
                target=1,
                owner="file:///c:/windows",
                roles=[{"partner": "evil", "status": "agreed"}],  # so its links are in the plan
            )
        ],
    )
    out = export_plan(plan, catalogue, tmp_path_factory.mktemp("hostile") / "hostile.docx")
    with zipfile.ZipFile(out) as archive:
        rels_xml = archive.read("word/_rels/document.xml.rels").decode("utf-8")
        every_rels = [archive.read(n).decode("utf-8") for n in archive.namelist() if ".rels" in n]
    from lxml import etree

    rels = []
    for xml in every_rels:
        for rel in etree.fromstring(xml.encode("utf-8")):
            rels.append((rel.get("Type"), rel.get("Target"), rel.get("TargetMode") or ""))
    assert "hyperlink" in rels_xml
    return rels


def test_hyperlinks_are_only_http_https_and_mailto(hostile_rels):
    links = [target for kind, target, _mode in hostile_rels if kind.endswith("/hyperlink")]
    assert links, "the good links should be there"
    for target in links:
        assert target.lower().startswith(("http://", "https://", "mailto:")), target
    assert "https://good.example.org/path?a=1" in links
    assert "https://www.also-good.example.org" in links
    assert "mailto:good@example.org" in links
    assert not any("javascript" in t.lower() or "file:" in t.lower() for t in links)


def test_only_hyperlinks_point_outside_the_document(hostile_rels):
    external = [(kind, target) for kind, target, mode in hostile_rels if mode == "External"]
    assert all(kind.endswith("/hyperlink") for kind, _target in external), external


def test_mailto_links_carry_no_extra_headers(hostile_rels):
    mailtos = [t for kind, t, _mode in hostile_rels if t.lower().startswith("mailto:")]
    assert all("?" not in t and "&" not in t for t in mailtos), mailtos


# No network -----------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_load_check_and_export_work_with_the_network_blocked(no_network, tmp_path):
    from svplan.core.catalogue import load_catalogue
    from svplan.core.checks import check_plan
    from svplan.export import export_plan

    catalogue = load_catalogue(MINI_CATALOGUE)
    plan = load_plan(BAD / "utf8-bom-crlf.svplan", catalogue).plan
    assert check_plan(plan, catalogue) == []
    out = export_plan(plan, catalogue, tmp_path / "plan.docx")
    assert zipfile.is_zipfile(out)


NO_NETWORK_PROBE = """
import socket, sys
def refuse(*args, **kwargs):
    raise SystemExit("network access attempted")
socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse
from svplan.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", ["check", "export"])
def test_the_command_line_works_with_the_network_blocked(tmp_path, command):
    plan = tmp_path / "plan.svplan"
    plan.write_bytes((BAD / "utf8-bom-crlf.svplan").read_bytes())
    args = ["check", str(plan)] if command == "check" else ["export", str(plan), "-o", "p.docx"]
    result = subprocess.run(
        [sys.executable, "-c", NO_NETWORK_PROBE, "--catalogue", str(MINI_CATALOGUE), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "network" not in result.stderr


# Logs and terminals ---------------------------------------------------------------------------


def test_refused_files_leave_no_plan_text_in_the_log(tmp_path):
    from svplan.core.logs import log_path

    secret = "Confidential pricing 4471"
    for text in (
        f"svplan: 1\nbid:\n  title: {secret}\n  months: lots\n",
        f"svplan: 1\nbid: {{title: {secret}}}\ncommitments: !!python/object:x {{}}\n",
    ):
        path = tmp_path / "plan.svplan"
        path.write_text(text, encoding="utf-8")
        result = run("check", path, cwd=tmp_path)
        assert result.returncode == 2
        assert secret not in result.stderr
    log = log_path()
    assert not log.exists() or secret not in log.read_text(encoding="utf-8")


def test_log_entries_for_unexpected_errors_do_not_quote_the_exception(monkeypatch):
    import logging

    from svplan.cli import _log_unexpected
    from svplan.core.logs import log_path

    logger = logging.getLogger("svplan")
    monkeypatch.setattr(logger, "handlers", [])  # a fresh log file in this test's folder
    secret = "Bid title nobody may read 9902"
    try:
        try:
            raise KeyError(secret)
        except KeyError as inner:
            raise ValueError(f"while exporting {secret}") from inner
    except ValueError as exc:
        _log_unexpected(exc)
    for handler in logger.handlers:
        handler.close()
    text = log_path().read_text(encoding="utf-8")
    assert "builtins.ValueError" in text and "builtins.KeyError" in text
    assert "test_security.py" in text  # the traceback is there
    assert secret not in text


def test_warnings_cannot_send_escape_sequences_to_a_terminal(tmp_path):
    path = tmp_path / "plan.svplan"
    path.write_text(
        'svplan: 1\n"\\e[2J\\e]8;;http://evil.example\\a": 1\ncommitments:\n'
        '  - {measure: "NT1\\e[31m", partners: ["\\e]0;owned\\a"]}\n',
        encoding="utf-8",
    )
    result = run("check", path, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    assert "\x07" not in result.stdout + result.stderr
    assert "\\x1b" in result.stderr  # shown, escaped


def test_recovery_copies_are_private_to_the_user(tmp_path):
    import os
    import stat

    from svplan.core.recovery import write_recovery

    if os.name != "posix":
        pytest.skip("POSIX permissions")
    path = write_recovery(Plan(lead=Person(email="sam@example.com")), None, "private-test")
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE(Path(path.parent).stat().st_mode) & 0o077 == 0
