"""Where `svplan export` and `svplan new` write, as a user types it (issue 18, "Nothing lost").

Each refusal is exit 2 with one line and no traceback, every file in the folder unchanged (bytes
and mode), and nothing new written; each success writes exactly the file asked for.
"""

from __future__ import annotations

import os
import signal
import stat
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest

from svplan.cli import main
from tests.cli.runner import one_error_line, run
from tests.cli.test_cli import READY
from tests.conftest import MINI_CATALOGUE, ROOT
from tests.crash import kill_9_mid_write

run_cli = partial(run, timeout=60)  # in a subprocess: umask, kill -9
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX links, modes and signals")


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def svplan(tmp_path, monkeypatch, capsys):
    """`svplan ARGS` run in this process (the same `main` as the console script), in tmp_path."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str | Path) -> Result:
        code = main(["--catalogue", str(MINI_CATALOGUE), *map(str, args)])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def folder(tmp_path) -> Path:
    """A plan, a company template (the default one) and a catalogue, side by side."""
    (tmp_path / "plan.svplan").write_bytes(READY.read_bytes())
    template = ROOT / "src" / "svplan" / "resources" / "template.docx"
    (tmp_path / "company.docx").write_bytes(template.read_bytes())
    (tmp_path / "council.yaml").write_bytes(MINI_CATALOGUE.read_bytes())
    return tmp_path


def snapshot(folder: Path) -> dict[str, tuple[str, bytes | str, int]]:
    """Every entry below `folder`: its kind, its content (or link target) and its mode."""
    out = {}
    for path in sorted(folder.rglob("*")):
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            out[str(path.relative_to(folder))] = ("link", os.readlink(path), 0)
        elif stat.S_ISREG(info.st_mode):
            out[str(path.relative_to(folder))] = ("file", path.read_bytes(), info.st_mode)
        else:
            out[str(path.relative_to(folder))] = ("other", "", info.st_mode)
    return out


def refused(svplan, folder: Path, args: list, *parts: str) -> str:
    before = snapshot(folder)
    line = one_error_line(svplan(*args), *parts)
    assert snapshot(folder) == before
    return line


# the output is one of the inputs ---------------------------------------------------------------


def test_the_template_is_never_the_output(svplan, folder):
    line = refused(
        svplan,
        folder,
        ["export", "plan.svplan", "-o", "company.docx", "--template", "company.docx"],
        "company.docx",
        "overwrite the template",
    )
    assert line == (
        "svplan: Could not export company.docx: that would overwrite the template company.docx "
        "that it reads; choose another name."
    )


def test_the_catalogue_is_never_the_output(folder, monkeypatch, capsys):
    (folder / "council.yaml").rename(folder / "council.docx")
    monkeypatch.chdir(folder)
    before = snapshot(folder)
    code = main(["--catalogue", "council.docx", "export", "plan.svplan", "-o", "./council.docx"])
    err = capsys.readouterr().err
    one_error_line(Result(code, "", err), "overwrite the catalogue council.docx")
    assert snapshot(folder) == before


def test_new_never_overwrites_its_catalogue(folder, monkeypatch, capsys):
    (folder / "council.yaml").rename(folder / "council.svplan")
    monkeypatch.chdir(folder)
    before = snapshot(folder)
    code = main(["--catalogue", "council.svplan", "new", "-o", "council.svplan", "--force"])
    one_error_line(Result(code, "", capsys.readouterr().err), "overwrite the catalogue")
    assert snapshot(folder) == before


def test_a_dot_dot_spelling_of_the_template(svplan, folder):
    (folder / "sub").mkdir()
    args = ["export", "plan.svplan", "-o", "sub/../company.docx", "--template", "company.docx"]
    refused(svplan, folder, args, "overwrite the template company.docx")
    args = [
        "export",
        "plan.svplan",
        "-o",
        str(folder / "company.docx"),
        "--template",
        "company.docx",
    ]
    refused(svplan, folder, args, "overwrite the template company.docx")


@posix_only
def test_a_symlink_to_the_template(svplan, folder):
    (folder / "link.docx").symlink_to("company.docx")
    args = ["export", "plan.svplan", "-o", "link.docx", "--template", "company.docx"]
    refused(svplan, folder, args, "overwrite the template company.docx")


@posix_only
def test_a_hard_link_to_the_template(svplan, folder):
    os.link(folder / "company.docx", folder / "copy.docx")
    args = ["export", "plan.svplan", "-o", "copy.docx", "--template", "company.docx"]
    refused(svplan, folder, args, "overwrite the template company.docx")


def test_the_plan_itself_under_another_spelling(svplan, folder):
    (folder / "plan.svplan").rename(folder / "plan.docx")  # a plan saved with the wrong suffix
    refused(svplan, folder, ["export", "./plan.docx", "-o", "plan.docx"], "overwrite the plan file")


# targets that must not be replaced -------------------------------------------------------------


@posix_only
def test_a_read_only_target_is_refused(svplan, folder):
    out = folder / "out.docx"
    out.write_bytes(b"last week's export")
    out.chmod(0o444)
    line = refused(svplan, folder, ["export", "plan.svplan", "-o", "out.docx"], "read-only")
    assert line == (
        "svplan: Could not export out.docx: the file is read-only; make it writable or choose "
        "another name."
    )
    assert stat.S_IMODE(out.stat().st_mode) == 0o444


@posix_only
def test_a_read_only_plan_is_not_replaced_by_new(svplan, folder):
    (folder / "plan.svplan").chmod(0o444)
    refused(svplan, folder, ["new", "-o", "plan.svplan", "--force"], "read-only")


@posix_only
def test_a_link_to_another_file_is_refused(svplan, folder):
    (folder / "victim.txt").write_bytes(b"someone else's")
    (folder / "out.docx").symlink_to("victim.txt")
    refused(svplan, folder, ["export", "plan.svplan", "-o", "out.docx"], "is a link")


@posix_only
def test_a_pipe_as_the_output_is_refused(svplan, folder):
    os.mkfifo(folder / "out.docx")
    refused(svplan, folder, ["export", "plan.svplan", "-o", "out.docx"], "a device or a pipe")


@posix_only
def test_new_force_with_a_symlinked_bak_leaves_the_link_target_alone(svplan, folder):
    (folder / "victim.txt").write_bytes(b"not a plan")
    (folder / "plan.svplan.bak").symlink_to("victim.txt")
    old = (folder / "plan.svplan").read_bytes()
    result = svplan("new", "-o", "plan.svplan", "--bid-title", "Other", "--force")
    assert result.returncode == 0, result.stderr
    assert (folder / "victim.txt").read_bytes() == b"not a plan"
    bak = folder / "plan.svplan.bak"
    assert not bak.is_symlink() and bak.read_bytes() == old
    assert b"Other" in (folder / "plan.svplan").read_bytes()


# how a file is written -------------------------------------------------------------------------


def test_a_250_byte_output_name_works(svplan, folder):
    name = "d" * 245 + ".docx"
    result = svplan("export", "plan.svplan", "-o", name)
    assert result.returncode == 0, result.stderr
    assert (folder / name).read_bytes()[:2] == b"PK"
    plan = "p" * 243 + ".svplan"
    for _ in range(2):  # the second time it keeps the first as a 254-byte .bak
        result = svplan("new", "-o", plan, "--force")
        assert result.returncode == 0, result.stderr
    assert (folder / (plan + ".bak")).is_file()
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@posix_only
def test_new_files_follow_the_umask_as_words_do(folder):
    for umask, mode in ((0o022, 0o644), (0o077, 0o600)):
        out, plan = f"out-{umask:o}.docx", f"new-{umask:o}.svplan"
        assert run_cli("export", "plan.svplan", "-o", out, cwd=folder, umask=umask).returncode == 0
        assert run_cli("new", "-o", plan, cwd=folder, umask=umask).returncode == 0
        assert stat.S_IMODE((folder / out).stat().st_mode) == mode
        assert stat.S_IMODE((folder / plan).stat().st_mode) == mode


KILLED_EXPORT = """
from svplan.cli import main
main(["--catalogue", {catalogue!r}, "export", "plan.svplan", "-o", "out.docx"])
print("not reached", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_mid_export_leaves_the_target_and_the_next_run_clears_the_temp(folder):
    (folder / "out.docx").write_bytes(b"the export sent last week")
    kill_9_mid_write(KILLED_EXPORT.format(catalogue=str(MINI_CATALOGUE)), cwd=folder)
    [temp] = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert temp.name.startswith(".out.docx~") and temp.stat().st_size > 1000
    assert (folder / "out.docx").read_bytes() == b"the export sent last week"

    again = run_cli("export", "plan.svplan", "-o", "out.docx", cwd=folder)
    assert again.returncode == 0, again.stderr
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert (folder / "out.docx").read_bytes()[:2] == b"PK"
