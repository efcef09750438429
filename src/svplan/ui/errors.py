"""Telling the user what went wrong: one clear sentence, details on request, a log for support.

Message boxes and dialogs are shown through svplan.ui.dialogs (tests replace it to answer for the
user). The unexpected-exception handler writes a log (no plan contents, only file names) and shows a
copyable report; the app keeps running.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import platform
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from svplan import APP_NAME, __version__
from svplan.core.errors import SvplanError
from svplan.ui import dialogs

# svplan.core.logs (and platformdirs) is imported when the log is first needed.


# Logs -----------------------------------------------------------------------------------------


def log_folder() -> Path:
    """Where the app writes its log (core.logs decides; created on demand)."""
    from svplan.core import logs

    return logs.log_dir()


def setup_logging() -> Path | None:
    """Make sure the log file is open; returns its path (None if it cannot be written)."""
    from svplan.core import logs

    logger = logs.get_logger()
    if any(isinstance(h, logging.FileHandler) for h in logger.handlers):
        return logs.log_path()
    return None


def open_folder(folder: Path) -> bool:
    """Show a folder in Explorer (created first if needed)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


# Unexpected exceptions --------------------------------------------------------------------------


def safe_message(exc: BaseException) -> str:
    """What may be logged of an exception's message: never text that could quote the plan.

    Our own errors are written to name files only; file errors keep the reason and file name;
    validation errors keep field locations; any other message is left out.
    """
    if isinstance(exc, SvplanError):
        return exc.message
    if isinstance(exc, OSError):
        name = Path(str(exc.filename)).name if exc.filename else ""
        return f"{exc.strerror or 'system error'}" + (f" ({name})" if name else "")
    errors = getattr(exc, "errors", None)
    if callable(errors) and type(exc).__name__ == "ValidationError":
        try:
            parts = [f"{'.'.join(map(str, e['loc']))}: {e['type']}" for e in errors()]
            return "; ".join(parts)[:500]
        except Exception:  # pragma: no cover - best effort only
            return "validation error"
    return "(message not logged: it may quote the plan)"


def crash_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """A copyable report: versions, the exception and where it happened (code locations only)."""
    frames = traceback.extract_tb(tb)
    where = (
        "\n".join(f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames[-12:])
        or "  (no traceback)"
    )
    return (
        f"{APP_NAME} {__version__}\n"
        f"Time: {dt.datetime.now().isoformat(timespec='seconds')}\n"
        f"Python {platform.python_version()}, Qt {qVersion()}, {platform.platform()}\n"
        f"Error: {exc_type.__name__}: {safe_message(exc)}\n"
        f"Where:\n{where}\n"
    )


class CrashDialog(QDialog):
    """'Something went wrong' with the report in a copyable box and a way to the log folder."""

    def __init__(self, report: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Unexpected problem — {APP_NAME}")
        self.report = report
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Something unexpected went wrong. Your plan is still open: save it now "
            "(File > Save As… to a new name is safest), then carry on.\n\n"
            "If it happens again, send this report to your IT support or the app's supplier. "
            "It contains no plan contents."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName("Error report")
        self.text.setMinimumSize(520, 180)
        layout.addWidget(self.text)
        if log_path is not None:
            where = QLabel(f"A copy is in the log file: {log_path}")
            where.setWordWrap(True)
            where.setTextInteractionFlags(where.textInteractionFlags() | _selectable())
            layout.addWidget(where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("&Copy report", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_report)
        if log_path is not None:
            folder = buttons.addButton("Open &log folder", QDialogButtonBox.ButtonRole.ActionRole)
            folder.clicked.connect(lambda: open_folder(log_path.parent))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)


def _selectable():
    from PySide6.QtCore import Qt

    return Qt.TextInteractionFlag.TextSelectableByMouse


class ExceptionHandler:
    """sys.excepthook replacement: log, then show the report; never raises, never recurses."""

    def __init__(self, parent_getter: Callable[[], QWidget | None] = lambda: None) -> None:
        self._parent_getter = parent_getter
        self._busy = False
        self.log_path: Path | None = None
        self._previous = sys.excepthook

    def install(self) -> None:
        self.log_path = setup_logging()
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        report = crash_report(exc_type, exc, tb)
        with contextlib.suppress(Exception):  # logging must never fail
            from svplan.core import logs

            logs.get_logger().error("unexpected error\n%s", report)
        print(report, file=sys.stderr)
        if self._busy or QApplication.instance() is None:
            return
        self._busy = True
        try:
            dialogs.exec_dialog(CrashDialog(report, self.log_path, self._parent_getter()))
        except Exception:  # pragma: no cover - the handler must never fail
            pass
        finally:
            self._busy = False
