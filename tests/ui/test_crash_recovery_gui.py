"""Killing the app mid-edit and restarting restores the work.

A real, separate process runs the real main window with autosave on: it opens a saved plan,
edits it through the widgets, lets the autosaver keep its copy (the window loses focus, as when
the user switches to Word) and is then killed with SIGKILL, with no chance to clean up. A new
main window in this process must then offer the work on its start page, bring it back exactly,
marked modified, without touching the original file, and drop the copy once it is saved. Copies
also go after a clean save or an explicit discard, and a copy whose process is still running is
never offered. The core side is tests/core/test_recovery.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from svplan import APP_NAME
from svplan.core.plan import Commitment, Plan
from svplan.core.planio import load_plan, parse_plan, save_plan
from svplan.core.recovery import list_recoveries, load_recovery, recovery_dir, recovery_path
from svplan.ui.main_window import MainWindow
from tests.conftest import MINI_CATALOGUE, ROOT

Btn = QMessageBox.StandardButton
TIMEOUT = 60  # seconds, for the child process

needs_sigkill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

# The app, in its own process: edits, an autosave on focus loss, then a crash (or it stays up).
SESSION = textwrap.dedent(
    """
    import datetime as dt, json, os, signal, sys
    from pathlib import Path

    args = json.loads(sys.argv[1])

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    from svplan.core import recovery
    from svplan.core.catalogue import load_catalogue
    from svplan.core.planio import dump_plan
    from svplan.ui.app import create_application
    from svplan.ui.main_window import MainWindow
    from svplan.ui.settings import Settings


    def wait_until(condition, what, ms=30_000):
        # run the event loop until condition() holds (no sleeping)
        if condition():
            return
        loop = QEventLoop()
        poll, give_up = QTimer(), QTimer()
        poll.timeout.connect(lambda: condition() and loop.quit())
        give_up.setSingleShot(True)
        give_up.timeout.connect(loop.quit)
        poll.start(5)
        give_up.start(ms)
        loop.exec()
        poll.stop()
        if not condition():
            sys.exit(f"timed out waiting for {what}")


    app = create_application()
    settings = Settings(QSettings(args["settings"], QSettings.Format.IniFormat))
    window = MainWindow(load_catalogue(args["catalogue"]), settings)  # autosave on, as shipped
    if window.autosaver is None:
        sys.exit("the window has no autosaver")
    window.show()
    window.activateWindow()
    wait_until(window.isActiveWindow, "the window to be active")
    if not window.files.open_path(Path(args["plan"])):
        sys.exit("could not open the plan")

    # Edits, through the widgets a user works with.
    editor = window.workspace.editor
    window.workspace.browser.select_measure("NT1")
    editor.commit_box.click()                            # tick a measure
    editor.target_box.setFocus()
    editor.target_box.selectAll()
    QTest.keyClicks(editor.target_box, "6")              # set a target
    editor.actions.add_row()                             # add an action
    editor.actions_model.setData(editor.actions_model.index(0, 0), "Advertise the jobs locally")
    editor.actions_model.setData(editor.actions_model.index(0, 1), dt.date(2027, 5, 31))
    window.workspace.browser.select_measure("NT3")
    editor.owner_edit.setFocus()
    editor.owner_edit.selectAll()
    QTest.keyClicks(editor.owner_edit, "Recruitment team")   # change what was saved
    window.document.update_bid(title="Typed but never saved")

    copy = recovery.recovery_path(window.autosaver.session_id)
    if copy.exists():
        sys.exit("a copy was written before the window lost focus")
    # The user switches to another program: the window loses focus and keeps a copy now.
    other = QWidget()
    other.setWindowTitle("Word")
    other.show()
    other.activateWindow()
    wait_until(copy.exists, "the recovery copy")
    wait_until(lambda: not window.isActiveWindow(), "the window to lose focus")

    Path(args["expected"]).write_text(dump_plan(window.document.plan), encoding="utf-8")
    print(json.dumps({"session": window.autosaver.session_id, "pid": os.getpid()}), flush=True)
    if args["mode"] == "stay":
        sys.stdin.readline()  # still running (another window of the app) until the test ends it
        os._exit(0)
    os.kill(os.getpid(), signal.SIGKILL)  # a crash: no cleanup, no closeEvent, no finally
    print("not reached", flush=True)
    """
)


def child_environment() -> dict[str, str]:
    """This test's environment (its private XDG_* folders, so the recovery folder is shared),
    offscreen, with this checkout's sources importable."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    paths = [str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    # tests/conftest.py points XDG_* at this test's private folders; the child inherits them
    assert str(recovery_dir()).startswith(env["XDG_DATA_HOME"])
    return env


def session_args(tmp_path: Path, plan: Path, mode: str) -> list[str]:
    args = {
        "catalogue": str(MINI_CATALOGUE),
        "plan": str(plan),
        "settings": str(tmp_path / "child-settings.ini"),
        "expected": str(tmp_path / "expected.svplan"),
        "mode": mode,
    }
    return [sys.executable, "-c", SESSION, json.dumps(args)]


def first_json_line(output: str) -> dict:
    """What the session printed once its copy was written."""
    lines = [line for line in output.splitlines() if line.startswith("{")]
    assert lines, output
    return json.loads(lines[0])


def crash_mid_edit(tmp_path: Path, plan: Path) -> tuple[Plan, dict]:
    """Run the session until it kills itself; returns the plan it had open and what it printed."""
    result = subprocess.run(
        session_args(tmp_path, plan, "crash"),
        env=child_environment(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == -signal.SIGKILL, (result.returncode, result.stderr)
    assert "not reached" not in result.stdout
    info = first_json_line(result.stdout)
    expected = parse_plan((tmp_path / "expected.svplan").read_text(encoding="utf-8")).plan
    return expected, info


def on_disk(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def copies() -> list[str]:
    """Recovery copies in the folder (not temporary files)."""
    folder = recovery_dir()
    return sorted(p.name for p in folder.glob("*.svplan")) if folder.exists() else []


@pytest.fixture
def saved_plan(tmp_path: Path) -> Path:
    plan = Plan(
        catalogue="mini-toms",
        bid={"title": "Highways maintenance", "start": dt.date(2027, 4, 1), "months": 36},
        commitments=[Commitment(measure="NT3", target=2, owner="HR")],
    )
    path = tmp_path / "bids" / "highways.svplan"
    path.parent.mkdir()
    save_plan(plan, path)
    old = int(dt.datetime(2020, 1, 2, tzinfo=dt.UTC).timestamp()) * 1_000_000_000
    os.utime(path, ns=(old, old))
    return path


@pytest.fixture
def make_window(qtbot, catalogue, settings, boxes, dialogs):
    """New main windows with autosave on, as the app starts them (a 'restart')."""
    made: list[MainWindow] = []

    def make() -> MainWindow:
        win = MainWindow(catalogue, settings)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield make
    for win in made:
        if win.autosaver is not None:
            win.autosaver.stop()
        win.document.undo_stack.setClean()
        win.document.reset(win.document.plan)


def lose_focus(qtbot, window: MainWindow) -> QWidget:
    """Switch to another window, as when the user goes to Word or the browser."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    other = QWidget()
    qtbot.addWidget(other)
    other.setWindowTitle("Word")
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    return other


# Killed mid-edit, restarted ---------------------------------------------------------------------


@needs_sigkill
def test_killing_the_app_mid_edit_and_restarting_restores_the_work(
    qtbot, make_window, boxes, file_answers, catalogue, saved_plan, tmp_path
):
    original = on_disk(saved_plan)
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)

    expected, info = crash_mid_edit(tmp_path, saved_plan)

    # the child really edited: the plan it had open is not the saved one
    assert expected != load_plan(saved_plan, catalogue).plan
    assert expected.commitment("NT1").target == 6
    assert expected.commitment("NT1").actions[0].action == "Advertise the jobs locally"
    assert expected.commitment("NT1").actions[0].due == dt.date(2027, 5, 31)
    assert expected.commitment("NT3").owner == "Recruitment team"
    assert expected.bid.title == "Typed but never saved"
    assert on_disk(saved_plan) == original  # the crash left the plan file alone
    assert copies() == [f"{info['session']}.svplan"]

    window = make_window()  # the app is started again

    recovered = window.start_page.recovered
    assert window.pages.currentWidget() is window.start_page
    assert recovered.count() == 1 and recovered.isVisibleTo(window.start_page)
    assert window.start_page.discard_recovered.isVisibleTo(window.start_page)
    [found] = list_recoveries()
    assert found.session_id == info["session"] and found.pid == info["pid"]
    assert started <= found.saved_at <= dt.datetime.now(dt.UTC)
    when = found.saved_at.astimezone()
    # which plan, which file, and when it was copied
    assert recovered.item(0).text() == (
        f"Typed but never saved (highways.svplan) — last copied {when.day} {when:%b %Y %H:%M}"
    )

    recovered.setCurrentRow(0)
    qtbot.keyClick(recovered, Qt.Key.Key_Return)  # the user opens it

    assert window.has_plan() and window.pages.currentWidget() is window.workspace.tabs
    assert window.document.plan == expected  # exactly the edited plan
    assert window.document.path == saved_plan  # for its own file
    assert window.document.is_modified() and window.isWindowModified()
    assert window.windowTitle() == f"highways.svplan[*] — {APP_NAME}"
    assert "Recovered unsaved work" in window.statusBar().currentMessage()
    assert boxes.shown == []
    assert on_disk(saved_plan) == original  # recovering did not write the original
    assert copies() == [f"{info['session']}.svplan"]  # kept until the work is saved

    window.menus.save_action.trigger()

    assert file_answers.asked == []  # saved to its own file, no dialog
    assert not window.document.is_modified() and not window.isWindowModified()
    assert load_plan(saved_plan, catalogue).plan == expected
    assert copies() == []  # saving removed the recovery copy
    assert list_recoveries(include_live=True) == []


@needs_sigkill
def test_recovered_work_keeps_a_copy_until_saved(qtbot, make_window, saved_plan, tmp_path):
    """After recovering, the work is never without a copy: the window carries on the crashed
    session's copy (rewriting it in place) rather than starting a second one."""
    expected, info = crash_mid_edit(tmp_path, saved_plan)
    window = make_window()
    window.start_page.recovered.itemActivated.emit(window.start_page.recovered.item(0))
    window.document.set_committed("NT29", True)  # more work after recovering

    lose_focus(qtbot, window)

    assert copies() == [f"{info['session']}.svplan"]
    [found] = list_recoveries(include_live=True)
    assert load_recovery(found).codes == [*expected.codes, "NT29"]
    assert found.original == saved_plan
    assert list_recoveries() == []  # this window's live copy is not offered to another one


@needs_sigkill
def test_discarding_from_the_start_page_removes_the_copy(make_window, boxes, saved_plan, tmp_path):
    crash_mid_edit(tmp_path, saved_plan)
    original = on_disk(saved_plan)
    window = make_window()
    assert window.start_page.recovered.count() == 1

    boxes.answer(Btn.Cancel)
    window.start_page.discard_recovered.click()
    assert boxes.last.text.startswith("Delete the unsaved copies")
    assert len(copies()) == 1  # cancelled: kept

    boxes.answer(Btn.Discard)
    window.start_page.discard_recovered.click()
    assert copies() == []
    assert not window.start_page.recovered.isVisibleTo(window.start_page)
    assert on_disk(saved_plan) == original

    again = make_window()  # the next start offers nothing
    assert again.start_page.recovered.count() == 0


@needs_sigkill
def test_recovered_then_closed_without_saving_removes_the_copy(
    make_window, boxes, saved_plan, tmp_path
):
    crash_mid_edit(tmp_path, saved_plan)
    original = on_disk(saved_plan)
    window = make_window()
    window.start_page.recovered.itemActivated.emit(window.start_page.recovered.item(0))
    assert window.document.is_modified()

    boxes.answer(Btn.Discard)  # "Don't save"
    assert window.close()

    assert boxes.last.text == "Do you want to save the changes to highways.svplan?"
    assert copies() == []
    assert on_disk(saved_plan) == original


@needs_sigkill
def test_a_copy_from_a_process_still_running_is_not_offered(make_window, saved_plan, tmp_path):
    proc = subprocess.Popen(
        session_args(tmp_path, saved_plan, "stay"),
        env=child_environment(),
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(TIMEOUT, proc.kill)  # a generous limit, never a hang
    watchdog.start()
    try:
        line = proc.stdout.readline()  # printed once its copy is written
        assert line.startswith("{"), line + (proc.stderr.read() if proc.poll() is not None else "")
        info = json.loads(line)
        assert proc.poll() is None  # still running
        [live] = list_recoveries(include_live=True)  # the copy is there...
        assert live.session_id == info["session"] and live.live

        window = make_window()
        assert window.start_page.recovered.count() == 0  # ...but not offered
        assert not window.start_page.recovered.isVisibleTo(window.start_page)
        assert list_recoveries() == []
    finally:
        watchdog.cancel()
        proc.kill()  # now it crashes
        proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == -signal.SIGKILL

    again = make_window()
    assert again.start_page.recovered.count() == 1
    assert "(highways.svplan)" in again.start_page.recovered.item(0).text()


@pytest.fixture
def changed(qtbot, make_window, saved_plan):
    """A window with the saved plan open, NT1 ticked and the focus lost: one copy kept."""
    window = make_window()
    assert window.files.open_path(saved_plan)
    window.document.set_committed("NT1", True)
    lose_focus(qtbot, window)
    assert len(copies()) == 1
    return window


def test_another_window_of_this_process_is_not_offered(make_window, changed):
    second = make_window()
    assert second.start_page.recovered.count() == 0


def test_a_cell_being_typed_when_the_window_loses_focus_is_in_the_copy(
    qtbot, make_window, saved_plan
):
    from PySide6.QtWidgets import QApplication

    window = make_window()
    assert window.files.open_path(saved_plan)
    window.workspace.browser.select_measure("NT3")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.workspace.editor.actions.add_row()  # opens the new row's first cell for typing
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClicks(QApplication.focusWidget(), "Advertise the jobs locally")

    lose_focus(qtbot, window)  # the user switches to Word, mid-sentence

    # the window has the text (the cell was committed as the focus left)...
    assert window.document.commitment("NT3").actions[0].action == "Advertise the jobs locally"
    # ...and the copy that was "kept now" must have it too
    [found] = list_recoveries(include_live=True)
    assert load_recovery(found).commitment("NT3").actions[0].action == (
        "Advertise the jobs locally"
    )


# Copies go when the work is saved or deliberately dropped -----------------------------------------


def test_a_clean_save_removes_the_copy(qtbot, make_window, catalogue, saved_plan):
    window = make_window()
    assert window.files.open_path(saved_plan)
    window.workspace.browser.select_measure("NT1")
    window.workspace.editor.commit_box.click()
    assert copies() == []  # nothing yet: the timer is a minute and the window has focus

    lose_focus(qtbot, window)
    [found] = list_recoveries(include_live=True)
    assert found.original == saved_plan and load_recovery(found).codes == ["NT1", "NT3"]

    window.activateWindow()
    window.menus.save_action.trigger()
    assert copies() == []
    assert load_plan(saved_plan, catalogue).plan.codes == ["NT1", "NT3"]


def test_undoing_back_to_the_saved_plan_removes_the_copy(changed):
    window = changed
    window.menus.undo_action.trigger()
    assert not window.document.is_modified()
    assert copies() == []


def test_closing_without_saving_removes_the_copy(boxes, changed):
    window = changed
    boxes.answer(Btn.Cancel)
    assert not window.close()
    assert len(copies()) == 1  # still open, still protected

    boxes.answer(Btn.Discard)
    assert window.close()
    assert copies() == []


def test_closing_with_save_removes_the_copy(
    qtbot, make_window, boxes, file_answers, catalogue, tmp_path
):
    window = make_window()
    window.files.new_plan()
    window.document.set_committed("NT29", True)
    lose_focus(qtbot, window)
    [found] = list_recoveries(include_live=True)
    assert found.original is None and found.label == "Untitled plan"

    boxes.answer(Btn.Save)
    file_answers.append(tmp_path / "new.svplan")
    assert window.close()
    assert copies() == []
    assert load_plan(tmp_path / "new.svplan", catalogue).plan.codes == ["NT29"]


def test_the_recovery_folder_is_this_tests_private_one():
    assert str(recovery_dir()).startswith(os.environ["XDG_DATA_HOME"])
    assert recovery_path("x").parent == recovery_dir()
