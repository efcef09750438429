"""Where svplan may write (core.outputs.check_output) and how it writes (core.atomic): never an
input, never through a link, never a read-only file; modes as Word's; no temporary files left."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from svplan.core import atomic
from svplan.core.atomic import atomic_write_bytes, remove_stale_temps, temp_name
from svplan.core.errors import SaveError
from svplan.core.outputs import check_output, same_file
from tests.crash import kill_9_mid_write

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes and links")


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def refused(out, inputs=(), **kwargs) -> str:
    with pytest.raises(SaveError) as info:
        check_output(out, inputs, **kwargs)
    message = str(info.value)
    assert "\n" not in message and message.count(". ") == 0, message  # one sentence
    return message


# an output that is an input --------------------------------------------------------------------


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "company.docx"
    path.write_bytes(b"the company template")
    return path


def test_the_same_path_is_refused_and_named(tmp_path, template):
    message = refused(template, {"template": template}, suffixes=(".docx",))
    assert message == (
        "Could not export company.docx: that would overwrite the template company.docx that it "
        "reads; choose another name."
    )


def test_a_dot_dot_spelling_is_the_same_file(tmp_path, template):
    (tmp_path / "sub").mkdir()
    spelled = tmp_path / "sub" / ".." / "company.docx"
    assert "overwrite the catalogue" in refused(spelled, {"catalogue": template})


def test_a_relative_spelling_is_the_same_file(tmp_path, template, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "overwrite the plan" in refused(Path("company.docx"), {"plan": template})


@posix_only
def test_a_symlink_to_an_input_is_the_same_file(tmp_path, template):
    link = tmp_path / "out.docx"
    link.symlink_to(template)
    assert "overwrite the template company.docx" in refused(link, {"template": template})


@posix_only
def test_a_hard_link_to_an_input_is_the_same_file(tmp_path, template):
    hard = tmp_path / "out.docx"
    os.link(template, hard)
    assert "overwrite the template company.docx" in refused(hard, {"template": template})


def test_plain_paths_and_missing_options_are_accepted(tmp_path, template):
    out = tmp_path / "out.docx"
    assert check_output(str(out), [template, None], suffixes=(".docx",)) == out
    assert check_output(out, {"template": None, "plan": tmp_path / "gone.svplan"}) == out
    assert "overwrite the input company.docx" in refused(template, [None, template])


def test_same_file_is_false_for_different_files(tmp_path, template):
    other = tmp_path / "other.docx"
    other.write_bytes(b"the company template")  # same content, another file
    assert not same_file(other, template)
    assert not same_file(tmp_path / "missing.docx", template)
    assert same_file(template, tmp_path / "." / "company.docx")


# what may not be replaced -----------------------------------------------------------------------


def test_the_wrong_suffix_is_refused(tmp_path):
    message = refused(tmp_path / "out.pdf", suffixes=(".docx",))
    assert message == "Could not export out.pdf: the output must be a .docx file."
    assert check_output(tmp_path / "OUT.DOCX", suffixes=(".docx",)).name == "OUT.DOCX"


def test_a_folder_in_the_way_and_a_missing_folder(tmp_path):
    (tmp_path / "a.docx").mkdir()
    assert refused(tmp_path / "a.docx") == (
        "Could not export a.docx: a folder of that name is in the way."
    )
    assert "the folder" in refused(tmp_path / "nowhere" / "a.docx")
    assert "does not exist" in refused(tmp_path / "nowhere" / "a.docx")
    (tmp_path / "file").write_text("x")
    assert "is a file, not a folder" in refused(tmp_path / "file" / "a.docx")


@posix_only
def test_a_read_only_target_is_refused_even_for_root(tmp_path):
    """The mode bits decide, so the rule holds when CI runs as root (os.access says yes)."""
    out = tmp_path / "out.docx"
    out.write_bytes(b"keep me")
    out.chmod(0o444)
    message = refused(out, verb="save")
    assert message == (
        "Could not save out.docx: the file is read-only; make it writable or choose another name."
    )
    with pytest.raises(SaveError, match="read-only"):
        atomic_write_bytes(out, b"new")
    assert out.read_bytes() == b"keep me"
    assert stat.S_IMODE(out.stat().st_mode) == 0o444
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


@posix_only
def test_a_pipe_or_device_is_refused(tmp_path):
    fifo = tmp_path / "out.docx"
    os.mkfifo(fifo)
    assert "a device or a pipe" in refused(fifo)
    with pytest.raises(SaveError, match="a device or a pipe"):
        atomic_write_bytes(fifo, b"x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@posix_only
def test_a_link_is_never_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    link = tmp_path / "out.docx"
    link.symlink_to(victim)
    assert "is a link to another file" in refused(link)
    with pytest.raises(SaveError, match="links are never written through"):
        atomic_write_bytes(link, b"new")
    assert victim.read_bytes() == b"precious" and link.is_symlink()


# the write -------------------------------------------------------------------------------------


@posix_only
def test_a_symlinked_bak_is_replaced_not_followed(tmp_path):
    plan = tmp_path / "p.svplan"
    plan.write_bytes(b"version 1")
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"not yours")
    (tmp_path / "p.svplan.bak").symlink_to(victim)
    atomic_write_bytes(plan, b"version 2", backup=True)
    assert victim.read_bytes() == b"not yours"
    bak = tmp_path / "p.svplan.bak"
    assert not bak.is_symlink() and bak.read_bytes() == b"version 1"
    assert plan.read_bytes() == b"version 2"
    assert sorted(files(tmp_path)) == ["p.svplan", "p.svplan.bak", "victim.txt"]


def test_a_folder_named_bak_stops_the_save_with_one_sentence(tmp_path):
    plan = tmp_path / "p.svplan"
    plan.write_bytes(b"version 1")
    (tmp_path / "p.svplan.bak").mkdir()
    with pytest.raises(SaveError) as info:
        atomic_write_bytes(plan, b"version 2", backup=True)
    assert str(info.value).startswith(
        "Could not save p.svplan: the previous version could not be kept as p.svplan.bak ("
    )
    assert plan.read_bytes() == b"version 1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.svplan", "p.svplan.bak"]


@posix_only
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_respect_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        atomic_write_bytes(tmp_path / "new.docx", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.docx").stat().st_mode) == mode


@posix_only
def test_a_replaced_file_keeps_its_mode(tmp_path):
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")
    out.chmod(0o640)
    atomic_write_bytes(out, b"new", backup=True)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "out.docx.bak").stat().st_mode) == 0o640


def test_a_250_byte_name_can_be_written(tmp_path):
    for name in ("a" * 245 + ".docx", "é" * 122 + ".docx"):  # 250 and 249 bytes
        assert len(os.fsencode(name)) >= 249
        atomic_write_bytes(tmp_path / name, b"x", backup=True)
        atomic_write_bytes(tmp_path / name, b"y", backup=True)
        assert (tmp_path / name).read_bytes() == b"y"
        assert len(os.fsencode(temp_name(name))) < 200
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_name_over_255_bytes_says_the_name_is_too_long(tmp_path):
    with pytest.raises(SaveError) as info:
        atomic_write_bytes(tmp_path / ("a" * 300 + ".docx"), b"x")
    assert "the file name is too long; choose a shorter name." in str(info.value)


# temporary files ------------------------------------------------------------------------------


def dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def temp_of(folder: Path, target: str, pid: int, host: str | None = None, age: float = 0) -> Path:
    name = temp_name(target).replace(f"~{os.getpid()}-", f"~{pid}-")
    if host is not None:
        name = name.replace(f"-{atomic._host_tag()}.", f"-{host}.")
    path = folder / name
    path.write_bytes(b"half written")
    if age:
        os.utime(path, (path.stat().st_mtime - age,) * 2)
    return path


def test_stale_temporary_files_are_removed_and_live_ones_kept(tmp_path):
    gone = dead_pid()
    other_host = "ffff" if atomic._host_tag() != "ffff" else "0000"
    dead = temp_of(tmp_path, "out.docx", gone)
    live = temp_of(tmp_path, "out.docx", os.getppid())  # a running process (pytest's parent)
    mine = temp_of(tmp_path, "other.docx", os.getpid())
    far_recent = temp_of(tmp_path, "out.docx", gone, host=other_host)  # pid means nothing here
    far_old = temp_of(tmp_path, "out.docx", gone, host=other_host, age=2 * 3600)
    live_old = temp_of(tmp_path, "out.docx", os.getppid(), age=2 * 3600)
    legacy_old = tmp_path / ".out.docx.ab_cd123.tmp"
    legacy_new = tmp_path / ".out.docx.zz_cd123.tmp"
    for path, age in ((legacy_old, 3600), (legacy_new, 0)):
        path.write_bytes(b"old version's")
        os.utime(path, (path.stat().st_mtime - age,) * 2)
    users = tmp_path / ".notes.tmp"
    users.write_bytes(b"the user's own")

    removed = remove_stale_temps(tmp_path, "out.docx")
    assert sorted(removed) == sorted(p.name for p in (dead, far_old, live_old, legacy_old))
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {p.name for p in (live, mine, far_recent, legacy_new, users)}


CRASH_MID_WRITE = """
from svplan.core import atomic
atomic.atomic_write_bytes({target!r}, b"new version " * 250_000, verb="export")
print("not reached", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_temporary_file_left_by_kill_9_goes_on_the_next_write(tmp_path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"the previous export")
    kill_9_mid_write(CRASH_MID_WRITE.format(target=str(target)))
    [left] = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert left.stat().st_size == 3_000_000  # the whole new version, never renamed
    assert target.read_bytes() == b"the previous export"

    atomic_write_bytes(target, b"next export", verb="export")
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]
    assert target.read_bytes() == b"next export"
