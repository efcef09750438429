"""The bad-file corpus (tests/data/bad) opened in the real main window.

Every broken or hostile plan file gives one message box with one clear sentence naming the file
(the expandable details hold the technical text where there is any); the app keeps running, on
the start page or with the plan that was open still open and unchanged; and the file on disk is
byte-for-byte the same, with the same modification time. Files meant to load (a byte-order mark
and Windows line endings, unknown keys, ...) open, with a non-blocking note when the core warns.
The core side of the same corpus is tests/core/test_bad_files.py.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from svplan import APP_NAME
from svplan.core.errors import CatalogueError, PlanError
from svplan.core.plan import Action, Commitment, Plan
from svplan.core.planio import load_plan, save_plan
from svplan.ui.main_window import MainWindow
from tests.conftest import DATA
from tests.core.test_bad_files import LOADS, MARKER, REFUSED
from tests.ui.session_helpers import drop_file

Btn = QMessageBox.StandardButton

BAD = DATA / "bad"
BAD_CATALOGUES = DATA / "catalogues" / "bad"
CORPUS = sorted(p.name for p in BAD.iterdir() if p.name != "README.md")
REFUSED_FILES = [name for name in CORPUS if name not in LOADS]
LOADING_FILES = [name for name in CORPUS if name in LOADS]
OPEN_TITLE = f"Could not open the plan — {APP_NAME}"
CATALOGUE_TITLE = f"Could not use that catalogue — {APP_NAME}"
# A fixed time well in the past: a file rewritten by the app, even with the same bytes and within
# the file system's timestamp resolution, gets a different modification time.
OLD_NS = int(dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC).timestamp()) * 1_000_000_000


@dataclass(frozen=True)
class OnDisk:
    """What is on disk for a file and its folder (to prove nothing was written)."""

    data: bytes
    mtime_ns: int
    folder: tuple[str, ...]

    @classmethod
    def of(cls, path: Path) -> OnDisk:
        return cls(
            path.read_bytes(),
            path.stat().st_mtime_ns,
            tuple(sorted(p.name for p in path.parent.iterdir())),
        )


def inbox_copy(tmp_path: Path, name: str, source: Path = BAD) -> Path:
    """A copy of a corpus file in its own folder with an old modification time (the committed
    file is never at risk, and any write shows)."""
    folder = tmp_path / "inbox"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes((source / name).read_bytes())
    os.utime(path, ns=(OLD_NS, OLD_NS))
    return path


def core_error(path: Path, catalogue) -> PlanError:
    """What the core says about the file (the box must show exactly this)."""
    with pytest.raises(PlanError) as info:
        load_plan(path, catalogue)
    return info.value


def assert_one_clear_sentence(text: str, name: str, expected: list[str]) -> None:
    assert name in text, text
    assert "\n" not in text and "\r" not in text, text
    assert "Traceback" not in text and "Error:" not in text, text
    assert 10 < len(text) < 400, text
    for part in expected:
        assert part in text, f"{part!r} not in {text!r}"


def buttons(shown) -> list[str]:
    return [b.replace("&", "") for b in shown.buttons]


def visible_boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


@pytest.fixture(autouse=True)
def _run_in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Work in the test's folder: a Python-tag payload, if anything ran it, would show here."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def good_plan(tmp_path: Path) -> Path:
    plan = Plan(
        catalogue="mini-toms",
        bid={"title": "Highways maintenance", "start": dt.date(2027, 4, 1), "months": 36},
        commitments=[
            Commitment(
                measure="NT3",
                target=2,
                owner="HR",
                actions=[Action(action="Advertise", due=dt.date(2027, 5, 31))],
            )
        ],
    )
    folder = tmp_path / "bids"
    folder.mkdir()
    path = folder / "highways.svplan"
    save_plan(plan, path)
    os.utime(path, ns=(OLD_NS, OLD_NS))
    return path


def assert_on_start_page(window: MainWindow) -> None:
    assert window.isVisible()
    assert not window.has_plan()
    assert window.pages.currentWidget() is window.start_page
    assert window.windowTitle() == APP_NAME
    assert not window.menus.save_action.isEnabled() and not window.menus.export_action.isEnabled()
    assert window.menus.open_action.isEnabled() and window.menus.new_action.isEnabled()


# The corpus and this file agree ----------------------------------------------------------------


def test_every_corpus_file_is_covered_here():
    assert CORPUS, "the corpus folder is empty"
    missing = [name for name in CORPUS if name not in REFUSED and name not in LOADS]
    assert missing == [], f"no expectation in tests/core/test_bad_files.py for {missing}"
    assert len(REFUSED_FILES) + len(LOADING_FILES) == len(CORPUS)


# Refused files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", REFUSED_FILES)
def test_refused_file_from_the_start_page(window, boxes, settings, catalogue, tmp_path, name):
    path = inbox_copy(tmp_path, name)
    before = OnDisk.of(path)
    expected = core_error(path, catalogue)

    assert window.files.open_path(path) is False

    [shown] = boxes.shown  # exactly one box: the error
    assert shown.title == OPEN_TITLE
    assert shown.text == expected.message
    assert_one_clear_sentence(shown.text, name, REFUSED[name])
    assert shown.details == expected.details  # the technical text, expandable, where there is any
    assert shown.text not in shown.details
    # OK, and Qt's "Show Details..." exactly when there are details to expand
    assert sorted(buttons(shown)) == (["OK", "Show Details..."] if expected.details else ["OK"])
    assert_on_start_page(window)
    assert settings.recent_files() == []  # a refused file is not offered again as recent
    assert OnDisk.of(path) == before
    assert not (tmp_path / MARKER).exists()


@pytest.mark.parametrize("name", REFUSED_FILES)
def test_refused_file_through_file_open_keeps_the_open_plan(
    window, boxes, file_answers, catalogue, good_plan, tmp_path, name
):
    assert window.files.open_path(good_plan)
    plan, title = window.document.plan, window.windowTitle()
    path = inbox_copy(tmp_path, name)
    bad_before, good_before = OnDisk.of(path), OnDisk.of(good_plan)

    file_answers.append(path)
    window.menus.open_action.trigger()  # File > Open…, answered with the bad file

    assert [caption for caption, _ in file_answers.asked] == ["Open a plan"]
    [shown] = boxes.shown  # no "unsaved changes" question: nothing was changed
    assert shown.title == OPEN_TITLE
    assert shown.text == core_error(path, catalogue).message
    assert_one_clear_sentence(shown.text, name, REFUSED[name])
    # the plan that was open is still open, as it was
    assert window.has_plan() and window.pages.currentWidget() is window.workspace.tabs
    assert window.document.path == good_plan
    assert window.document.plan == plan
    assert not window.document.is_modified() and not window.isWindowModified()
    assert window.windowTitle() == title == f"highways.svplan[*] — {APP_NAME}"
    assert window.document.is_committed("NT3")
    assert OnDisk.of(path) == bad_before
    assert OnDisk.of(good_plan) == good_before
    assert not (tmp_path / MARKER).exists()


def test_refused_file_from_the_start_page_open_button(window, boxes, file_answers, tmp_path):
    path = inbox_copy(tmp_path, "python-tag-apply.svplan")
    before = OnDisk.of(path)
    file_answers.append(path)
    window.start_page.open_button.click()
    assert boxes.last.text.startswith(
        "python-tag-apply.svplan, line 3 (commitments): uses a Python object tag"
    )
    assert_on_start_page(window)
    assert OnDisk.of(path) == before
    assert not (tmp_path / MARKER).exists()


def test_refused_file_dropped_on_the_window(qtbot, window, boxes, tmp_path):
    path = inbox_copy(tmp_path, "billion-laughs.svplan")
    before = OnDisk.of(path)
    drop_file(window, path)
    qtbot.waitUntil(lambda: len(boxes.shown) == 1)
    assert "YAML aliases" in boxes.last.text and "billion-laughs.svplan" in boxes.last.text
    assert_on_start_page(window)
    assert OnDisk.of(path) == before


# Made at run time (binary, too big, or not a file) ----------------------------------------------


def word_document(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("svplan: 1")
    document.save(str(path))


def too_big(path: Path) -> None:
    from svplan.core.textfile import MAX_FILE_BYTES

    pad = "# " + "x" * 98 + "\n"
    path.write_text("svplan: 1\n" + pad * (MAX_FILE_BYTES // len(pad) + 10), encoding="utf-8")


def many_values(path: Path) -> None:  # 2.1 million list items, 4 MB: within the size limit
    path.write_text("svplan: 2\nnumbers: [" + "1," * 2_100_000 + "1]\n", encoding="utf-8")


def many_actions(path: Path) -> None:  # 1,000 a commitment (its limit), 5,001 in the plan
    rows = "".join(
        f"  - measure: NT{i}\n    actions:\n" + "      - {action: Step}\n" * n
        for i, n in enumerate([1000] * 5 + [1])
    )
    path.write_text(f"svplan: 2\ncommitments:\n{rows}", encoding="utf-8")


def fifo(path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("POSIX named pipes")
    os.mkfifo(path)  # opening it for reading would wait for a writer forever


def folder(path: Path) -> None:
    path.mkdir()


MADE = {
    "delivery-plan.svplan": (word_document, ["Word or zip file"]),
    "too-big.svplan": (too_big, ["5.0 MB", "at most 5 MB"]),
    "many-values.svplan": (many_values, ["more than 1,000,000 values"]),
    "many-actions.svplan": (many_actions, ["has 5,001 actions; a plan holds at most 5,000"]),
    "pipe.svplan": (fifo, ["is not a file"]),
    "a-folder.svplan": (folder, ["is a folder, not a plan file"]),
}


@pytest.mark.parametrize("name", sorted(MADE))
def test_files_made_at_run_time_are_refused(window, boxes, good_plan, tmp_path, name):
    make, expected = MADE[name]
    path = tmp_path / "inbox" / name
    path.parent.mkdir()
    make(path)
    stat = path.lstat()
    assert window.files.open_path(good_plan)
    plan = window.document.plan

    assert window.files.open_path(path) is False

    [shown] = boxes.shown
    assert shown.title == OPEN_TITLE
    assert_one_clear_sentence(shown.text, name, expected)
    assert window.document.path == good_plan and window.document.plan == plan
    assert not window.document.is_modified()
    after = path.lstat()
    assert (after.st_mode, after.st_size, after.st_mtime_ns) == (
        stat.st_mode,
        stat.st_size,
        stat.st_mtime_ns,
    )


def test_a_file_that_vanished_before_opening(window, boxes, file_answers, tmp_path):
    file_answers.append(tmp_path / "gone.svplan")
    window.menus.open_action.trigger()
    assert boxes.last.title == OPEN_TITLE
    assert_one_clear_sentence(boxes.last.text, "gone.svplan", ["no such file"])
    assert_on_start_page(window)
    assert not (tmp_path / "gone.svplan").exists()  # nothing created in its place


# Files that load ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LOADING_FILES)
def test_file_that_loads_opens_with_a_non_blocking_note(window, boxes, catalogue, tmp_path, name):
    path = inbox_copy(tmp_path, name)
    before = OnDisk.of(path)

    assert window.files.open_path(path) is True

    assert boxes.shown == []  # nothing modal
    assert window.has_plan() and window.pages.currentWidget() is window.workspace.tabs
    assert window.document.path == path
    assert window.document.plan == load_plan(path, catalogue).plan
    assert not window.document.is_modified() and not window.isWindowModified()
    assert window.windowTitle() == f"{name}[*] — {APP_NAME}"
    notes = visible_boxes(window)
    if LOADS[name]:
        [box] = notes
        assert box.windowModality() == Qt.WindowModality.NonModal
        assert box.windowTitle() == f"Opened with notes — {APP_NAME}"
        count = len(LOADS[name])
        thing = "thing" if count == 1 else "things"
        assert box.text() == f"{name} opened, with {count} {thing} worth knowing:"
        for part in LOADS[name]:
            assert part in box.detailedText() and part in box.informativeText()
        assert f"opened with {count} note" in window.statusBar().currentMessage()
        box.close()
    else:
        assert notes == []
        assert window.statusBar().currentMessage() == f"Opened {name}"
    assert OnDisk.of(path) == before


# A plan open with unsaved changes, then a bad file ----------------------------------------------


def edit_through_the_editor(qtbot, window: MainWindow) -> None:
    """Tick NT1 and type a target, as a user does."""
    window.workspace.browser.select_measure("NT1")
    window.workspace.editor.commit_box.click()
    window.workspace.editor.target_box.setFocus()
    window.workspace.editor.target_box.selectAll()
    qtbot.keyClicks(window.workspace.editor.target_box, "4")
    assert window.document.commitment("NT1").target == 4
    assert window.document.is_modified()


def test_save_then_a_bad_file_keeps_the_saved_plan_open(
    qtbot, window, boxes, catalogue, good_plan, tmp_path
):
    path = inbox_copy(tmp_path, "invalid-yaml.svplan")
    before = OnDisk.of(path)
    assert window.files.open_path(good_plan)
    edit_through_the_editor(qtbot, window)
    boxes.answer(Btn.Save)

    assert window.files.open_path(path) is False

    question, error = boxes.shown
    assert question.text == "Do you want to save the changes to highways.svplan?"
    assert error.title == OPEN_TITLE and error.text.startswith("invalid-yaml.svplan, line 6")
    # the changes were saved to the plan's own file and that plan is still the one open
    assert window.document.path == good_plan
    assert window.document.commitment("NT1").target == 4
    assert not window.document.is_modified() and not window.isWindowModified()
    assert load_plan(good_plan, catalogue).plan == window.document.plan
    assert OnDisk.of(path) == before


def test_discard_then_a_bad_file_keeps_the_open_plan_and_its_changes(
    qtbot, window, boxes, good_plan, tmp_path
):
    """'Don't save' was meant for switching plans; the switch failed, so nothing is thrown away:
    the plan stays open with its unsaved changes, still marked modified."""
    path = inbox_copy(tmp_path, "target-nan.svplan")
    before, good_before = OnDisk.of(path), OnDisk.of(good_plan)
    assert window.files.open_path(good_plan)
    edit_through_the_editor(qtbot, window)
    plan = window.document.plan
    boxes.answer(Btn.Discard)

    assert window.files.open_path(path) is False

    assert [s.title.split(" — ")[0] for s in boxes.shown] == [
        "Unsaved changes",
        "Could not open the plan",
    ]
    assert window.has_plan() and window.pages.currentWidget() is window.workspace.tabs
    assert window.document.path == good_plan
    assert window.document.plan == plan  # the unsaved changes are all there
    assert window.document.is_modified() and window.isWindowModified()
    assert (
        window.workspace.editor.code == "NT1" and window.workspace.editor.target_box.number() == 4
    )
    assert OnDisk.of(good_plan) == good_before  # "don't save" did not save
    assert OnDisk.of(path) == before
    # and the user can still save them
    assert window.files.save()
    assert not window.document.is_modified()


def test_discard_then_a_bad_file_through_file_open_keeps_the_open_plan(
    qtbot, window, boxes, file_answers, good_plan, tmp_path
):
    path = inbox_copy(tmp_path, "utf16-le-bom.svplan")
    assert window.files.open_path(good_plan)
    edit_through_the_editor(qtbot, window)
    plan = window.document.plan
    boxes.answer(Btn.Discard)
    file_answers.append(path)

    window.menus.open_action.trigger()

    assert "UTF-16" in boxes.last.text and boxes.last.title == OPEN_TITLE
    assert window.document.path == good_plan and window.document.plan == plan
    assert window.document.is_modified()


def test_cancel_at_the_unsaved_changes_question_does_not_touch_the_file(
    qtbot, window, boxes, good_plan, tmp_path
):
    path = inbox_copy(tmp_path, "empty.svplan")
    assert window.files.open_path(good_plan)
    edit_through_the_editor(qtbot, window)
    boxes.answer(Btn.Cancel)
    assert window.files.open_path(path) is False
    assert [s.title.split(" — ")[0] for s in boxes.shown] == ["Unsaved changes"]
    assert window.document.is_modified() and window.document.path == good_plan


@pytest.fixture
def autosaving_window(qtbot, catalogue, settings, boxes, dialogs):
    """A main window with autosave on (the recovery folder is the test's private one)."""
    win = MainWindow(catalogue, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.autosaver is not None:
        win.autosaver.stop()
    win.document.undo_stack.setClean()
    win.document.reset(win.document.plan)


def test_discard_then_a_bad_file_keeps_the_recovery_copy_of_the_open_plan(
    qtbot, autosaving_window, boxes, good_plan, tmp_path
):
    from svplan.core.recovery import list_recoveries, load_recovery

    window = autosaving_window
    path = inbox_copy(tmp_path, "invalid-yaml.svplan")
    assert window.files.open_path(good_plan)
    edit_through_the_editor(qtbot, window)
    copy = window.autosaver.save_now()  # what the one-minute timer does
    assert copy is not None and copy.is_file()
    boxes.answer(Btn.Discard)

    assert window.files.open_path(path) is False

    # The plan is still open with unsaved changes (see the test above), so a crash now must
    # still be recoverable: its copy must still be there.
    assert window.document.is_modified()
    copies = [r for r in list_recoveries(include_live=True) if r.original == good_plan]
    assert copies, "the open plan's unsaved changes have no recovery copy any more"
    assert load_recovery(copies[0]) == window.document.plan


# A broken catalogue file --------------------------------------------------------------------------

CATALOGUE_CASES = [
    *sorted(p.name for p in BAD_CATALOGUES.iterdir()),
    # plan files given as a catalogue: hostile ones too
    "python-tag-apply.svplan",
    "billion-laughs.svplan",
    "utf16-le-bom.svplan",
    "binary-garbage.svplan",
]


@pytest.mark.parametrize("name", CATALOGUE_CASES)
def test_broken_catalogue_keeps_the_current_one_with_a_message(
    window, boxes, catalogue, settings, good_plan, tmp_path, name
):
    from svplan.core.catalogue import load_catalogue

    source = BAD_CATALOGUES if (BAD_CATALOGUES / name).exists() else BAD
    path = inbox_copy(tmp_path, name, source)
    before = OnDisk.of(path)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    assert window.files.open_path(good_plan)
    plan, label = window.document.plan, window.status_parts.catalogue_label.text()

    assert window.files.use_catalogue(path) is False

    [shown] = boxes.shown
    assert shown.title == CATALOGUE_TITLE
    assert shown.text == info.value.message
    assert_one_clear_sentence(shown.text, name, [])
    assert shown.details == info.value.details
    assert window.document.catalogue is catalogue
    assert window.status_parts.catalogue_label.text() == label and "Mini TOMs" in label
    assert window.document.plan == plan and not window.document.is_modified()
    assert window.workspace.editor.code and window.workspace.browser.current_measure()
    assert settings.last_catalogue() is None  # the broken file is not remembered
    assert OnDisk.of(path) == before
    assert not (tmp_path / MARKER).exists()


def test_broken_catalogue_through_the_file_menu(window, boxes, file_answers, catalogue, tmp_path):
    path = inbox_copy(tmp_path, "duplicate-code.yaml", BAD_CATALOGUES)
    before = OnDisk.of(path)
    file_answers.append(path)
    window.menus.catalogue_action.trigger()
    assert [caption for caption, _ in file_answers.asked] == ["Use a council's TOMs file"]
    assert boxes.last.title == CATALOGUE_TITLE
    assert_one_clear_sentence(boxes.last.text, "duplicate-code.yaml", ["duplicate measure code"])
    assert window.document.catalogue is catalogue
    assert_on_start_page(window)
    assert OnDisk.of(path) == before
