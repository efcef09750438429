"""The bad-file corpus through the command line: `svplan check FILE` and
`svplan export FILE -o out.docx` in a real subprocess.

A refused file gives exit code 2 and exactly one line on stderr, starting "svplan: " and naming
the file; no traceback; the file is unchanged and nothing is written. The timeout is a guard
against a hang only; speed is measured in benchmarks/.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.cli.runner import run as svplan
from tests.core.test_bad_files import BAD, LOADS, MARKER, REFUSED, big_file, many_commitments


def assert_refused(result, name: str, expected: list[str]) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("svplan: ")
    assert name in line
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert "unexpected error" not in line
    for part in expected:
        assert part in line, f"{part!r} not in {line!r}"
    assert result.stdout == ""


def command_line(command: str, path: Path) -> list[str | Path]:
    """`svplan check PATH` or `svplan export PATH -o out.docx`."""
    return ["check", path] if command == "check" else ["export", path, "-o", "out.docx"]


def copy_in(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes((BAD / name).read_bytes())
    return path


@pytest.mark.parametrize("command", ["check", "export"])
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bad_file_is_refused_on_one_line(tmp_path, name, command):
    path = copy_in(tmp_path, name)
    before = path.read_bytes()
    assert_refused(svplan(*command_line(command, path), cwd=tmp_path), name, REFUSED[name])
    assert path.read_bytes() == before == (BAD / name).read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no .docx, .bak or temp file
    assert not (tmp_path / MARKER).exists()


@pytest.mark.parametrize("name", sorted(LOADS))
def test_file_that_loads_checks_with_warnings_on_stderr(tmp_path, name):
    path = copy_in(tmp_path, name)
    before = path.read_bytes()
    result = svplan("check", path, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("svplan: warning")]
    assert len(warnings) == len(LOADS[name])
    for part in LOADS[name]:
        assert any(part in w and name in w for w in warnings), (part, warnings)
    assert result.stderr.splitlines()[-1] == f"{name}: Ready to export"
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", sorted(LOADS))
def test_file_that_loads_exports(tmp_path, name):
    import docx

    path = copy_in(tmp_path, name)
    before = path.read_bytes()
    result = svplan("export", path, "-o", "out.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("out.docx")
    assert all(line.startswith("svplan: warning: ") for line in result.stderr.splitlines()), (
        result.stderr
    )
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs)
    assert "Highways maintenance framework" in text
    assert path.read_bytes() == before


def test_pasted_control_characters_export_to_valid_word_xml(tmp_path):
    import zipfile

    from lxml import etree

    path = copy_in(tmp_path, "control-characters.svplan")
    result = svplan("export", path, "-o", "out.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "out.docx") as archive:
        xml = archive.read("word/document.xml")
    etree.fromstring(xml)  # well-formed
    text = xml.decode("utf-8")
    for bad in ("\x00", "\x07", "\x0b", "\x0c", "\x1e", "\x1f", "\ufffe"):
        assert bad not in text, repr(bad)
    assert "smart" in text and "quotes" in text


def renamed_word_document(tmp_path: Path) -> Path:
    import docx

    path = tmp_path / "plan.svplan"
    document = docx.Document()
    document.add_paragraph("Social value delivery plan")
    document.save(str(path))
    return path


@pytest.mark.parametrize("command", ["check", "export"])
@pytest.mark.parametrize(
    ("make", "words"),
    [(renamed_word_document, "Word or zip file"), (big_file, "at most 5 MB")],
    ids=["renamed-word-document", "over-5-mb"],
)
def test_a_word_document_or_a_file_over_5_mb_is_refused(tmp_path, make, words, command):
    path = make(tmp_path)
    before = path.read_bytes()
    assert_refused(svplan(*command_line(command, path), cwd=tmp_path), path.name, [words])
    assert path.read_bytes() == before
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("command", ["check", "export"])
def test_a_missing_file_and_a_folder_are_refused(tmp_path, command):
    (tmp_path / "folder.svplan").mkdir()
    for name, part in (("missing.svplan", "no such file"), ("folder.svplan", "is a folder")):
        args = [command, tmp_path / name]
        assert_refused(svplan(*args, cwd=tmp_path), name, [part])


@pytest.mark.slow
@pytest.mark.parametrize("count", [1_000])
def test_many_commitments_check_and_export(tmp_path, count):
    """The most commitments a plan may have load, check and export; the times are printed (run
    with -s), not asserted (benchmarks/limits.py measures them). 1,001 are refused: see
    too-many-commitments.svplan in the corpus."""
    from svplan.core.planio import save_plan

    path = tmp_path / "many.svplan"
    save_plan(many_commitments(count), path)
    times = {}
    for command in ("check", "export"):
        args = ["check", path] if command == "check" else ["export", path, "-o", "o.docx"]
        start = time.perf_counter()
        result = svplan(*args, cwd=tmp_path, timeout=900)
        times[command] = time.perf_counter() - start
        assert result.returncode == (1 if command == "check" else 0), result.stderr[-500:]
        assert "Traceback" not in result.stderr
    assert (tmp_path / "o.docx").stat().st_size > 0
    size = f"{path.stat().st_size / 1e6:.1f} MB"
    took = ", ".join(f"{k} {v:.1f} s" for k, v in times.items())
    print(f"{count:,} commitments ({size}): {took}")  # shown with -s
