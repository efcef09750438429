"""Recovery copies: written atomically per session, found again after a crash, never lost."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from svplan import __version__
from svplan.core import recovery
from svplan.core.errors import PlanError, SaveError
from svplan.core.logs import data_dir
from svplan.core.plan import Action, Commitment, Person, Plan, Reporting
from svplan.core.planio import load_plan
from svplan.core.recovery import (
    Recovery,
    discard_recovery,
    list_recoveries,
    load_recovery,
    new_session_id,
    recovery_dir,
    write_recovery,
)


def sample_plan(title: str = "Highways maintenance framework") -> Plan:
    return Plan(
        catalogue="mini-toms",
        bid={"title": title, "start": dt.date(2027, 4, 1), "months": 36},
        lead=Person(name="Sam Taylor", email="sam@example.com"),
        monitoring="Line one\nLine two — ünïcödé 😀\x0b",
        commitments=[
            Commitment(
                measure="NT1",
                target=6.5,
                yearly=[2, 2, 2.5],
                actions=[Action(action="Advertise", due=dt.date(2027, 5, 31))],
                partners=[],
                reporting=Reporting.SIX_MONTHLY,
                notes="not yet saved anywhere",
            )
        ],
    )


def test_the_folder_is_the_users_data_folder():
    assert recovery_dir() == data_dir() / "recovery"
    assert str(recovery_dir()).startswith(os.environ["XDG_DATA_HOME"])  # tests stay private


def test_write_list_load_discard(tmp_path):
    plan = sample_plan()
    original = tmp_path / "bid.svplan"
    before = dt.datetime.now(dt.UTC)
    path = write_recovery(plan, original, "session-1")
    assert path.parent == recovery_dir()

    [found] = list_recoveries(include_live=True)
    assert found.path == path
    assert found.original == original
    assert found.title == "Highways maintenance framework"
    assert found.label == "Highways maintenance framework"
    assert found.session_id == "session-1"
    assert found.app_version == __version__
    assert found.pid == os.getpid()
    assert before - dt.timedelta(seconds=1) <= found.saved_at <= dt.datetime.now(dt.UTC)
    assert load_recovery(found) == plan
    assert load_recovery(found.path) == plan

    discard_recovery("session-1")
    assert not path.exists()
    assert list_recoveries(include_live=True) == []
    discard_recovery("session-1")  # already gone: fine


def test_a_recovery_copy_is_an_ordinary_plan_file_with_a_metadata_line():
    path = write_recovery(sample_plan(), None, "s")
    first, _, _rest = path.read_text(encoding="utf-8").partition("\n")
    assert first.startswith(recovery.HEADER_PREFIX)
    meta = json.loads(first[len(recovery.HEADER_PREFIX) :])
    assert meta["original"] is None and meta["app"] == __version__
    assert "saved_at" in meta
    assert load_plan(path).plan == sample_plan()  # the header is a YAML comment


def test_a_plan_never_saved_has_no_original_and_is_labelled_untitled():
    write_recovery(Plan(), None, "untitled")
    [found] = list_recoveries(include_live=True)
    assert found.original is None
    assert found.label == "Untitled plan"


def test_the_label_falls_back_to_the_file_name(tmp_path):
    write_recovery(Plan(), tmp_path / "Bid for Preston.svplan", "named")
    [found] = list_recoveries(include_live=True)
    assert found.label == "Bid for Preston.svplan"


def test_each_session_has_its_own_copy_and_a_rewrite_replaces_it():
    write_recovery(sample_plan("First window"), None, "window-a")
    write_recovery(sample_plan("Second window"), None, "window-b")
    write_recovery(sample_plan("First window, later"), None, "window-a")
    titles = [r.title for r in list_recoveries(include_live=True)]
    assert titles == ["First window, later", "Second window"]  # newest first
    assert sorted(p.name for p in recovery_dir().iterdir()) == [
        "window-a.svplan",
        "window-b.svplan",
    ]


def test_newest_first(monkeypatch):
    times = iter(dt.datetime(2027, 1, day, tzinfo=dt.UTC) for day in (3, 1, 2))
    monkeypatch.setattr(recovery, "_now", lambda: next(times))
    for name in ("c", "a", "b"):  # written out of order
        write_recovery(sample_plan(name), None, name)
    assert [r.title for r in list_recoveries(include_live=True)] == ["c", "b", "a"]


def test_broken_files_are_skipped_and_kept():
    write_recovery(sample_plan(), None, "good")
    folder = recovery_dir()
    broken = {
        "empty.svplan": b"",
        "no-header.svplan": b"svplan: 1\n",
        "bad-json.svplan": (recovery.HEADER_PREFIX + "{not json\nsvplan: 1\n").encode(),
        "bad-date.svplan": (recovery.HEADER_PREFIX + '{"recovery": 1, "saved_at": "x"}\n').encode(),
        "json-list.svplan": (recovery.HEADER_PREFIX + "[1, 2]\nsvplan: 1\n").encode(),
        "bad-plan.svplan": (
            recovery.HEADER_PREFIX + '{"recovery": 1, "saved_at": "2027-01-01T00:00:00"}\n'
            "svplan: 1\ncommitments: 7\n"
        ).encode(),
        "newer.svplan": (
            recovery.HEADER_PREFIX + '{"recovery": 2, "saved_at": "2027-01-01T00:00:00"}\n'
            "svplan: 1\n"
        ).encode(),
        "binary.svplan": bytes(range(256)),
        "latin1.svplan": (recovery.HEADER_PREFIX + "{}\n# caf\xe9\n").encode("latin-1"),
    }
    for name, data in broken.items():
        (folder / name).write_bytes(data)
    (folder / "a-folder.svplan").mkdir()
    (folder / ".good.svplan.abc123.tmp").write_bytes(b"half written")
    (folder / "notes.txt").write_text("not a recovery copy")

    assert [r.session_id for r in list_recoveries(include_live=True)] == ["good"]
    for name in broken:
        assert (folder / name).exists()  # never deleted: it might be someone's work


def test_a_missing_folder_means_no_recoveries():
    assert not recovery_dir().exists()
    assert list_recoveries() == []


def test_load_recovery_of_a_copy_that_became_unreadable_raises_plan_error():
    path = write_recovery(sample_plan(), None, "s")
    [found] = list_recoveries(include_live=True)
    path.write_text("garbage: [", encoding="utf-8")
    with pytest.raises(PlanError, match=r"s\.svplan"):
        load_recovery(found)
    path.unlink()
    with pytest.raises(PlanError, match="no such file"):
        load_recovery(found)


@pytest.mark.parametrize("bad", ["", "../escape", "a/b", "..", ".hidden", "x" * 65, "a b", "é"])
def test_session_ids_must_be_plain_names(bad):
    with pytest.raises(ValueError):
        write_recovery(Plan(), None, bad)
    with pytest.raises(ValueError):
        discard_recovery(bad)


def test_new_session_ids_are_unique_and_usable():
    ids = {new_session_id() for _ in range(100)}
    assert len(ids) == 100
    write_recovery(Plan(), None, ids.pop())


def test_discard_by_recovery_object_also_clears_leftover_temp_files():
    path = write_recovery(sample_plan(), None, "s")
    leftover = path.parent / f".{path.name}.xyz.tmp"
    leftover.write_bytes(b"half")
    [found] = list_recoveries(include_live=True)
    discard_recovery(found)
    assert list(recovery_dir().iterdir()) == []


def test_a_failed_write_keeps_the_previous_copy(monkeypatch):
    write_recovery(sample_plan("kept"), None, "s")

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", disk_full)
        with pytest.raises(SaveError, match="disk is full"):
            write_recovery(sample_plan("lost"), None, "s")
    [found] = list_recoveries(include_live=True)
    assert found.title == "kept"
    assert [p.name for p in recovery_dir().iterdir()] == ["s.svplan"]


def test_an_unwritable_folder_is_a_save_error(monkeypatch, tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setattr(recovery, "recovery_dir", lambda: blocker / "recovery")
    with pytest.raises(SaveError):
        write_recovery(Plan(), None, "s")


def test_a_copy_from_a_running_process_is_not_offered_by_default():
    write_recovery(sample_plan(), None, "this-process")
    [found] = list_recoveries(include_live=True)
    assert found.live  # this test process wrote it and is running
    assert list_recoveries() == []


def test_a_copy_whose_process_id_was_reused_is_offered():
    path = write_recovery(sample_plan(), None, "reused")
    text = path.read_text(encoding="utf-8")
    meta = json.loads(text.partition("\n")[0][len(recovery.HEADER_PREFIX) :])
    if meta["started"] is None:
        pytest.skip("this system does not tell process start times")
    meta["started"] = "0"  # same id as this process, but a process that started at another time
    header = recovery.HEADER_PREFIX + json.dumps(meta)
    path.write_text(header + "\n" + text.partition("\n")[2], encoding="utf-8")
    [found] = list_recoveries()
    assert not found.live


# A real crash -----------------------------------------------------------------------------------

CRASHING_SESSION = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {root!r})
    from tests.core.test_recovery import sample_plan
    from svplan.core import recovery
    from svplan.core.plan import Commitment

    plan = sample_plan("Typed but never saved")
    recovery.write_recovery(plan, {original!r}, "crashed-session")
    # the user keeps typing; the next write is cut off by the crash, half way through
    plan = plan.model_copy(update={{"commitments": [*plan.commitments, Commitment(measure="NT3")]}})
    calls = []
    real_fsync = os.fsync
    def crash_during_write(fd):
        calls.append(fd)
        os.kill(os.getpid(), {signal_number})   # power cut: no cleanup, no finally blocks
    os.fsync = crash_during_write
    recovery.write_recovery(plan, {original!r}, "crashed-session")
    print("not reached")
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_after_a_crash_the_plan_comes_back_equal(tmp_path):
    from tests.conftest import ROOT

    original = tmp_path / "bid.svplan"
    script = CRASHING_SESSION.format(
        root=str(ROOT), original=str(original), signal_number=int(signal.SIGKILL)
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "not reached" not in result.stdout

    found = list_recoveries()  # the crashed process is gone, so its copy is offered
    assert [r.session_id for r in found] == ["crashed-session"]
    [copy] = found
    assert isinstance(copy, Recovery)
    assert copy.original == original
    assert not copy.live
    assert load_recovery(copy) == sample_plan("Typed but never saved")
    # the half-written temporary file is left beside it, ignored, and cleared on discard
    assert any(p.name.endswith(".tmp") for p in recovery_dir().iterdir())
    discard_recovery(copy)
    assert list(recovery_dir().iterdir()) == []


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_two_processes_write_their_own_copies_at_the_same_time(tmp_path):
    script = textwrap.dedent(
        """
        import os, signal, sys
        sys.path.insert(0, {root!r})
        from tests.core.test_recovery import sample_plan
        from svplan.core import recovery
        for i in range(30):
            recovery.write_recovery(sample_plan(f"{{sys.argv[1]}} {{i}}"), None, sys.argv[1])
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    from tests.conftest import ROOT

    code = script.format(root=str(ROOT))
    procs = [
        subprocess.Popen([sys.executable, "-c", code, name], stderr=subprocess.PIPE)
        for name in ("alpha", "beta")
    ]
    for proc in procs:
        proc.wait(timeout=60)
        assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    titles = sorted(r.title for r in list_recoveries())
    assert titles == ["alpha 29", "beta 29"]


def test_the_gui_can_use_it_without_qt():
    assert "PySide6" not in Path(recovery.__file__).read_text(encoding="utf-8")
