"""The catalogue corpus (tests/data/catalogues) through the command line, in a subprocess:
refused catalogues give exit 2 and one line; hostile ones list, show partners and export with no
control character reaching the terminal or the document. Also `svplan new` with a field over its
limit, and the terminal escaping of `measures`/`partners` on its own."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.cli.runner import one_error_line, run
from tests.core.test_bad_files import BAD
from tests.core.test_catalogue_limits import BAD as BAD_CATALOGUES
from tests.core.test_catalogue_limits import LOADS, REFUSED

READY = BAD / "utf8-bom-crlf.svplan"  # a complete plan for the mini catalogue
# the same, with both partners engaged, so that their contacts and links are in the Word plan
ENGAGED = (
    READY.read_bytes()
    .decode("utf-8-sig")
    .replace("\r\n", "\n")
    .replace(
        "    partners: [helpful-org]\n",
        "    partners: [helpful-org]\n    roles:\n      - {partner: helpful-org, status: agreed}\n"
        "  - measure: NT3\n    target: 2\n    owner: HR\n    roles:\n"
        "      - {partner: helpful-org, status: agreed}\n"
        "      - {partner: other-org, status: agreed}\n",
    )
)
GUARD_SECONDS = 30
CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]]


def svplan(*args: str | Path, cwd: Path):
    return run(*args, cwd=cwd, mini=False)


def no_controls(text: str) -> None:
    found = sorted({repr(ch) for ch in text if ch in CONTROLS})
    assert not found, found


@pytest.mark.parametrize("command", [["measures"], ["partners", "NT1"], ["check", READY]])
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_bad_catalogue_is_refused_on_one_line(tmp_path, name, command):
    result = svplan("--catalogue", BAD_CATALOGUES / name, *command, cwd=tmp_path)
    one_error_line(result, name, *REFUSED[name])
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", sorted(LOADS.glob("*.yaml")), ids=lambda p: p.name)
@pytest.mark.parametrize(
    "command",
    [["measures"], ["measures", "--json"], ["partners", "NT1"], ["partners", "NT3", "--json"]],
    ids=" ".join,
)
def test_hostile_catalogue_text_never_reaches_the_terminal(tmp_path, path, command):
    result = svplan("--catalogue", path, *command, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    no_controls(result.stdout + result.stderr)
    if "--json" in command:
        json.loads(result.stdout)


def test_the_cleaned_text_is_what_is_listed(tmp_path):
    result = svplan("--catalogue", LOADS / "escape-codes.yaml", "partners", "NT1", cwd=tmp_path)
    assert "Helpful Organisation" in result.stdout
    assert "Contact: Alex Example, 01234 567890" in result.stdout


@pytest.mark.parametrize("path", sorted(LOADS.glob("*.yaml")), ids=lambda p: p.name)
def test_hostile_catalogues_export_a_clean_document(tmp_path, path):
    import docx

    result = export_with(tmp_path, path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "plan.docx"
    document = docx.Document(str(out))  # python-docx opens it
    props = document.core_properties
    for text in (props.title, props.subject, props.keywords, props.comments, props.category):
        no_controls(text or "")
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                xml = archive.read(name).decode("utf-8")
                no_controls(xml.replace("\n", "").replace("\r", "").replace("\t", ""))
                for bidi in ("\u202e", "\u2066", "\u2069", "\u200f"):
                    if name.endswith(".rels"):
                        assert bidi not in xml, (name, repr(bidi))


def export_with(tmp_path: Path, catalogue: Path):
    """`svplan --catalogue CATALOGUE export` of the engaged plan, to plan.docx."""
    plan = tmp_path / "plan.svplan"
    plan.write_text(ENGAGED, encoding="utf-8")
    return svplan("--catalogue", catalogue, "export", plan, "-o", "plan.docx", cwd=tmp_path)


def test_a_vertical_tab_in_the_catalogue_title_no_longer_breaks_the_export(tmp_path):
    result = export_with(tmp_path, LOADS / "control-title.yaml")
    assert result.returncode == 0, result.stderr
    assert "unexpected" not in result.stderr


def test_bidi_controls_never_reach_a_link(tmp_path):
    result = export_with(tmp_path, LOADS / "bidi-links.yaml")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "plan.docx") as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "https://helpful.example.org/gpj.exe" in rels
    assert "mailto:alex@helpful.example.org" in rels


def test_a_501_measure_catalogue_is_refused_on_one_line(tmp_path):
    from benchmarks.make_catalogue import write_catalogue

    path = write_catalogue(tmp_path / "big.yaml", measures=501, partners=5)
    result = svplan("--catalogue", path, "measures", cwd=tmp_path)
    one_error_line(result, "big.yaml has 501 measures; a catalogue may have at most 500")


def test_new_with_a_title_over_the_limit_says_which_limit(tmp_path):
    result = svplan("new", "-o", "p.svplan", "--bid-title", "x" * 600, cwd=tmp_path)
    line = one_error_line(result, "bid.title is too long (at most 500 characters)")
    assert "unexpected" not in line
    assert list(tmp_path.iterdir()) == []


# The escaping itself, with text that no loaded catalogue could hold any more ----------------


def test_measures_and_partners_escape_every_control_character(capsys, monkeypatch):
    from svplan import cli
    from svplan.core.catalogue import load_catalogue
    from svplan.core.catalogue_record import replaced
    from tests.conftest import MINI_CATALOGUE

    cat = load_catalogue(MINI_CATALOGUE)
    nt3 = cat.measures[1]
    hostile = "x\x1b]52;c;cm0K\x07y\x9b2J"
    routes = [replaced(route, description=f"one\n{hostile}") for route in nt3.routes]
    evil = replaced(nt3, wording=hostile, guidance=hostile, routes=routes)
    cat = replaced(cat, measures=[cat.measures[0], evil, cat.measures[2]])
    monkeypatch.setattr(cli, "_catalogue", lambda args: cat)
    for argv in (
        ["measures"],
        ["measures", "--json"],
        ["partners", "NT3"],
        ["partners", "NT3", "--json"],
    ):
        assert cli.main(argv) == 0
        out = capsys.readouterr().out
        no_controls(out)
        assert "\\x1b]52" in out or "\\u001b]52" in out
        assert "\\x9b2J" in out or "\\u009b2J" in out
