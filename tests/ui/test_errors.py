"""Error boxes and the unexpected-exception handler (log written, report shown, app runs on)."""

from __future__ import annotations

import sys

from pydantic import ValidationError

from svplan.core.errors import PlanError
from svplan.core.plan import Commitment
from svplan.ui import dialogs, errors


def test_show_error_gives_one_sentence_and_details(qtbot, boxes) -> None:
    error = PlanError("plan.svplan, line 3: the target must be a number.", details="raw detail")
    dialogs.show_error(None, error, "Could not open the plan")
    assert boxes.last.title == "Could not open the plan — Social Value Plan Builder"
    assert boxes.last.text == "plan.svplan, line 3: the target must be a number."
    assert boxes.last.details == "raw detail"


def test_safe_message_leaves_out_plan_text() -> None:
    try:
        Commitment(measure="NT1", target="secret client name")
    except ValidationError as exc:
        message = errors.safe_message(exc)
    assert "secret" not in message
    assert "target" in message
    assert errors.safe_message(PlanError("Could not open x.svplan.")) == "Could not open x.svplan."
    assert "Acme" not in errors.safe_message(KeyError("Acme bid title"))
    gone = FileNotFoundError(2, "No such file or directory", "/home/u/Bids/secret.svplan")
    assert errors.safe_message(gone) == "No such file or directory (secret.svplan)"


def test_exception_handler_logs_and_reports(qtbot, dialogs) -> None:
    handler = errors.ExceptionHandler()
    previous = sys.excepthook
    handler.install()
    try:
        assert sys.excepthook is handler
        try:
            raise ZeroDivisionError("division by zero")
        except ZeroDivisionError as exc:
            handler(type(exc), exc, exc.__traceback__)
    finally:
        handler.uninstall()
    assert sys.excepthook is previous
    dialog = dialogs.shown[-1]
    assert isinstance(dialog, errors.CrashDialog)
    assert "ZeroDivisionError" in dialog.report and "division by zero" not in dialog.report
    assert "test_errors.py" in dialog.report
    dialog.copy_report()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == dialog.report
    import logging

    from svplan.core import logs

    files = [h for h in logs.get_logger().handlers if isinstance(h, logging.FileHandler)]
    assert files and handler.log_path is not None
    files[0].flush()
    log = open(files[0].baseFilename, encoding="utf-8").read()  # noqa: SIM115
    assert "ZeroDivisionError" in log


def test_handler_does_not_recurse(qtbot, dialogs) -> None:
    handler = errors.ExceptionHandler()
    handler._busy = True
    exc = RuntimeError("again")
    handler(RuntimeError, exc, None)
    assert dialogs.shown == []
