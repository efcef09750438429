"""Autosave: a recovery copy of unsaved work every minute (core.recovery does the files)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from svplan.core import recovery
from svplan.core.errors import SvplanError
from svplan.ui.plan_document import PlanDocument

INTERVAL_MS = 60_000
_log = logging.getLogger("svplan")


def autosave_folder() -> Path:
    return recovery.recovery_dir()


class Autosaver(QObject):
    """Keeps this window's recovery copy while the document has unsaved changes.

    The copy is written every minute (and when asked, e.g. when the window loses focus), and
    deleted once the work is saved or deliberately discarded. `failed(str)` carries the reason
    when a copy cannot be written (shown in the status bar, never as an interruption).
    """

    failed = Signal(str)

    def __init__(
        self, document: PlanDocument, interval_ms: int = INTERVAL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._doc = document
        self._session = recovery.new_session_id()
        self._written = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.save_now)
        document.modifiedChanged.connect(self._on_modified)

    @property
    def session_id(self) -> str:
        return self._session

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def save_now(self) -> Path | None:
        """Write the recovery copy if there are unsaved changes (never raises)."""
        if not self._doc.is_modified():
            return None
        try:
            path = recovery.write_recovery(self._doc.plan, self._doc.path, self._session)
        except SvplanError as exc:
            _log.warning("could not write the recovery copy")
            self.failed.emit(exc.message)
            return None
        self._written = True
        return path

    def adopt(self, found: recovery.Recovery) -> None:
        """Carry on a recovered session: the next write replaces its copy, discard removes it."""
        self.discard()
        self._session = found.session_id
        self._written = True

    def discard(self) -> None:
        """Delete this window's recovery copy (the work was saved or deliberately dropped)."""
        if not self._written:
            return
        try:
            recovery.discard_recovery(self._session)
        except SvplanError:
            _log.warning("could not delete a recovery copy")
            return
        self._written = False

    def leftovers(self) -> list[recovery.Recovery]:
        """Copies from sessions that ended without saving (never another live window's)."""
        return [r for r in recovery.list_recoveries() if r.session_id != self._session]

    def _on_modified(self, modified: bool) -> None:
        if not modified:
            self.discard()
