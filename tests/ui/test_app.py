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


def test_smoke_start_shows_the_start_page_with_the_default_catalogue(
    qtbot, monkeypatch, lancashire
) -> None:
    from svplan.ui import main_window

    shown: list[tuple[main_window.MainWindow, str, str, bool]] = []

    class Watched(main_window.MainWindow):
        def showEvent(self, event) -> None:
            super().showEvent(event)
            on_start = self.pages.currentWidget() is self.start_page
            shown.append(
                (self, self.windowTitle(), self.status_parts.catalogue_label.text(), on_start)
            )

    class ExitTheLoop:  # QApplication.quit() would also mark the test's application closing
        @staticmethod
        def singleShot(msec: int, _quit: object) -> None:
            QTimer.singleShot(msec, lambda: QApplication.exit(0))

    monkeypatch.setattr(main_window, "MainWindow", Watched)
    monkeypatch.setattr(app, "QTimer", ExitTheLoop)
    monkeypatch.setattr(gc, "freeze", lambda: None)  # keep the test process's collector as is
    assert app.smoke_start() == 0
    assert len(shown) == 1
    window, title, catalogue, on_start = shown[0]
    assert title == "Social Value Plan Builder" and on_start
    assert catalogue == f"{lancashire.info.title} ({lancashire.info.edition})"
    assert window.document.catalogue.info.id == lancashire.info.id
    assert not window.has_workspace()  # built when a plan is first shown
    window.close()


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
