"""Fixtures for the UI tests: private settings, a document, a main window, scripted dialogs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox

from svplan.core.catalogue import Catalogue
from svplan.ui import dialogs as ui_dialogs

MINI = Path(__file__).resolve().parents[1] / "data" / "catalogues" / "mini.yaml"


@pytest.fixture(autouse=True)
def _private_qsettings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every QSettings (INI, user scope) lives in a temp folder: never the real settings."""
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(folder))


@pytest.fixture(autouse=True)
def _desktop_programs_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether this machine has a mail program or a .docx viewer must not decide a test:
    "cannot tell" (tests that need "none" say so)."""
    from svplan.ui import handlers

    monkeypatch.setattr(handlers, "query_default", lambda kind: None)


@pytest.fixture
def settings(tmp_path: Path):
    from svplan.ui.settings import Settings

    return Settings(QSettings(str(tmp_path / "svplan.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def catalogue(mini_catalogue: Catalogue) -> Catalogue:
    return mini_catalogue


@pytest.fixture
def document(qtbot, catalogue):
    from svplan.ui.plan_document import PlanDocument

    return PlanDocument(catalogue)


@dataclass
class Shown:
    """A message box the app showed (what the user would have read)."""

    title: str
    text: str
    informative: str
    details: str
    buttons: list[str]


Answer = QMessageBox.StandardButton | str | Callable[[QMessageBox], Any] | None


@dataclass
class Boxes:
    """Scripted answers for message boxes, in order; records every box shown."""

    answers: list[Answer] = field(default_factory=list)
    shown: list[Shown] = field(default_factory=list)

    def answer(self, *answers: Answer) -> None:
        self.answers.extend(answers)

    def __call__(self, box: QMessageBox) -> QAbstractButton | None:
        self.shown.append(
            Shown(
                box.windowTitle(),
                box.text(),
                box.informativeText(),
                box.detailedText(),
                [b.text() for b in box.buttons()],
            )
        )
        answer = self.answers.pop(0) if self.answers else None
        if callable(answer) and not isinstance(answer, QMessageBox.StandardButton):
            return answer(box)
        if isinstance(answer, QMessageBox.StandardButton):
            return box.button(answer)
        if isinstance(answer, str):
            for button in box.buttons():
                if button.text().replace("&", "") == answer:
                    return button
            raise AssertionError(f"no button {answer!r} in {[b.text() for b in box.buttons()]}")
        return None

    @property
    def last(self) -> Shown:
        assert self.shown, "no message box was shown"
        return self.shown[-1]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    """Replace dialogs.exec_box: no real modal box ever opens in a test."""
    recorder = Boxes()
    monkeypatch.setattr(ui_dialogs, "exec_box", recorder)
    return recorder


@dataclass
class Dialogs:
    """Scripted modal dialogs: each handler gets the dialog and returns its result code."""

    handlers: list[Callable[[QDialog], int]] = field(default_factory=list)
    shown: list[QDialog] = field(default_factory=list)

    def __call__(self, dialog: QDialog) -> int:
        self.shown.append(dialog)
        if self.handlers:
            return self.handlers.pop(0)(dialog)
        if getattr(dialog, "first_time", False):  # New plan: the user clicks OK on its details
            dialog.accept()
            return QDialog.DialogCode.Accepted
        dialog.reject()
        return QDialog.DialogCode.Rejected


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    recorder = Dialogs()
    monkeypatch.setattr(ui_dialogs, "exec_dialog", recorder)
    return recorder


@pytest.fixture
def window(qtbot, catalogue, settings, boxes, dialogs):
    """A main window on the mini catalogue, shown, with no autosave and private settings."""
    from svplan.ui.main_window import MainWindow

    win = MainWindow(catalogue, settings, autosave=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.document.undo_stack.setClean()
    win.document.reset(win.document.plan)


class FileAnswers(list):
    """Paths to answer file dialogs with, in order; `asked` records (caption, suggestion)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[str, str]] = []


@pytest.fixture
def file_answers(monkeypatch: pytest.MonkeyPatch) -> FileAnswers:
    """Answer QFileDialog.getSaveFileName/getOpenFileName with the queued paths ('' = cancel)."""
    from PySide6.QtWidgets import QFileDialog

    queue = FileAnswers()

    def fake(parent, caption="", directory="", filter="", *args, **kwargs):
        queue.asked.append((caption, directory))
        return (str(queue.pop(0)) if queue else "", filter)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    return queue
