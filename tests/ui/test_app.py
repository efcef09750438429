"""App entry points: startup catalogue choice and the installation self-test."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from svplan.core.errors import CatalogueError
from svplan.ui import app


def test_startup_catalogue_explicit_path_must_load(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("nonsense: [", "utf-8")
    with pytest.raises(CatalogueError):
        app.startup_catalogue(bad, None)


def test_startup_catalogue_remembered_one_falls_back(tmp_path, lancashire) -> None:
    catalogue, note = app.startup_catalogue(None, tmp_path / "missing.yaml")
    assert catalogue.info.id == lancashire.info.id
    assert note.startswith("Using the built-in catalogue")
    catalogue, note = app.startup_catalogue(None, None)
    assert note == ""


def test_self_test_prints_ok(qtbot, capsys) -> None:
    code = app.self_test()
    out = capsys.readouterr().out.strip()
    assert code == 0, out
    assert out == "OK"


def test_smoke_start_shows_the_window_first_then_loads_the_default_catalogue(
    qtbot, monkeypatch, lancashire
) -> None:
    import sys

    from svplan.ui import main_window

    shown: list[tuple[main_window.MainWindow, str, str, bool, bool]] = []

    class Watched(main_window.MainWindow):
        def showEvent(self, event) -> None:
            super().showEvent(event)
            on_start = self.pages.currentWidget() is self.start_page
            label = self.status_parts.catalogue_label.text()
            shown.append((self, self.windowTitle(), label, on_start, self.is_ready()))

    class ExitTheLoop:  # QApplication.quit() would also mark the test's application closing
        @staticmethod
        def singleShot(msec: int, _quit: object) -> None:
            QTimer.singleShot(msec, lambda: QApplication.exit(0))

    monkeypatch.setattr(main_window, "MainWindow", Watched)
    monkeypatch.setattr(app, "QTimer", ExitTheLoop)
    monkeypatch.setattr(gc, "freeze", lambda: None)  # keep the test process's collector as is
    assert app.smoke_start() == 0
    assert len(shown) == 1
    window, title, label_when_shown, on_start, ready_when_shown = shown[0]
    assert title == "Social Value Plan Builder" and on_start
    assert not ready_when_shown and label_when_shown == ""  # on screen before the catalogue
    # --smoke-start means "ready": it returned only once the catalogue was loaded and named
    assert window.is_ready()
    catalogue = window.status_parts.catalogue_label.text()
    assert catalogue == f"{lancashire.info.title} ({lancashire.info.edition})"
    assert window.document.catalogue.info.id == lancashire.info.id
    assert not window.has_workspace()  # built when a plan is first shown
    assert "svplan.core.catalogue" in sys.modules
    window.close()


# The start of a fresh interpreter as the app starts: the window shown, its first paint done; a
# message box would wait for a click, so one ends the run with its text instead.
_FRESH_START = (
    "import sys\n"
    "from svplan.ui.app import create_application\n"
    "app = create_application()\n"
    "from svplan.ui import dialogs\n"
    "dialogs.exec_box = lambda box: sys.exit(f'a box asked: {box.text()}')\n"
    "from svplan.ui.main_window import MainWindow\n"
    "window = MainWindow(None, autosave=False)\n"
    "window.show()\n"
    "app.processEvents()\n"
)


def _printed_by_a_fresh_start(then: str) -> str:
    """What `then` prints after _FRESH_START, in a new interpreter (offscreen)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", _FRESH_START + then],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_the_start_page_needs_no_catalogue_and_no_pydantic() -> None:
    """The window's first half imports neither, and does not touch the Qt namespace, whose ~100
    enums cost ~12 ms to build on first use: a module the first frame needs writes
    `QtCore.Qt.X` inside a function, not `from PySide6.QtCore import Qt`."""
    printed = _printed_by_a_fresh_start(
        "heavy = [m for m in ('pydantic', 'yaml', 'svplan.core.catalogue') if m in sys.modules]\n"
        "import PySide6.QtCore\n"
        "heavy += ['the Qt namespace'] if 'Qt' in vars(PySide6.QtCore) else []\n"
        "print(heavy, window.pages.currentWidget() is window.start_page)\n"
    )
    assert printed == "[] True"


def test_new_before_the_catalogue_has_loaded_loads_it_first(qtbot, settings, lancashire) -> None:
    from svplan.ui.main_window import MainWindow

    window = MainWindow(None, settings, autosave=False)
    qtbot.addWidget(window)
    loads: list[int] = []
    window.load_catalogue = lambda: loads.append(1) or window.finish_start(lancashire)
    assert not window.is_ready()
    assert window.files.open_sample()  # the click came before the first paint's load
    assert loads == [1] and window.is_ready()
    assert (
        window.document.plan.commitments and window.pages.currentWidget() is window.workspace.tabs
    )
    window.document.undo_stack.setClean()


def test_long_lived_objects_pauses_the_collector_then_freezes(monkeypatch) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(gc.isenabled()))
    assert gc.isenabled()
    with app.long_lived_objects():
        assert not gc.isenabled()
    assert gc.isenabled() and frozen == [False]
    gc.disable()  # a caller that had turned the collector off keeps it off
    try:
        with app.long_lived_objects():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_ready_needs_no_plan_model_until_a_plan_is_wanted() -> None:
    """Once ready (catalogue loaded, features installed) the start page still has not imported
    pydantic or the plan model; opening a plan imports them and shows it."""
    printed = _printed_by_a_fresh_start(
        "from svplan.core.catalogue import load_default_catalogue\n"
        "window.finish_start(load_default_catalogue())\n"
        "app.processEvents()\n"
        "ready = [m for m in ('pydantic', 'svplan.core.plan') if m in sys.modules]\n"
        "opened = window.files.open_sample()\n"
        "app.processEvents()\n"
        "shown = window.pages.currentWidget() is window.workspace.tabs\n"
        "print(window.is_ready(), ready, opened, 'pydantic' in sys.modules, shown,\n"
        "      len(window.document.plan.commitments))\n"
        "window.document.undo_stack.setClean()\n"
    )
    assert printed == "True [] True True True 10"  # the sample's ten commitments
