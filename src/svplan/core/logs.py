"""The user's log folder and the one log file; no plan contents are ever logged."""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from pathlib import Path

import platformdirs

APP_DIR_NAME = "svplan"
LOG_FILE = "svplan.log"
MAX_LOG_BYTES = 1_000_000


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def data_dir() -> Path:
    """Where recovery copies live (per user)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_FILE


def get_logger() -> logging.Logger:
    """The app logger, writing to the log file (created on first use, rotated at 1 MB)."""
    logger = logging.getLogger("svplan")
    if not logger.handlers:
        try:
            path = log_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
                path.replace(path.with_suffix(".log.1"))
            handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
        except OSError:
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


def log_exception(exc: BaseException) -> str:
    """Write an unexpected error with its traceback to the log; returns the report text."""
    report = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    get_logger().error("unexpected error at %s\n%s", dt.datetime.now().isoformat(), report)
    return report
