"""Whether this computer has a program for a link or a file (a mail program, one for .docx).

On Linux, handing a link to the desktop always "succeeds" (xdg-open starts) even when nothing
opens it, so "Email these partners" used to do nothing at all. Asking the desktop's own
database (`xdg-mime query default`) first lets the app say so and copy the text instead.
Windows and macOS report a missing program themselves, so there the answer is always yes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QUrl

_FILE_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".txt": "text/plain",
}


def can_open(target: Path | QUrl | str) -> bool:
    """False only when the desktop says it has no program for this link or file type."""
    if not sys.platform.startswith("linux"):
        return True
    kind = _kind(target)
    if not kind:
        return True
    found = query_default(kind)
    return True if found is None else bool(found)


def _kind(target: Path | QUrl | str) -> str:
    """'x-scheme-handler/mailto' for a link, the MIME type for a local file ('' if unknown)."""
    if isinstance(target, Path):
        return _FILE_TYPES.get(target.suffix.lower(), "")
    url = QUrl(target) if isinstance(target, str) else target
    if url.isLocalFile():
        return _FILE_TYPES.get(Path(url.toLocalFile()).suffix.lower(), "")
    return f"x-scheme-handler/{url.scheme().lower()}" if url.scheme() else ""


def query_default(kind: str) -> str | None:
    """The desktop's default program for a MIME type ('' when none; None when it cannot tell:
    no xdg-mime, or it failed). Tests replace this."""
    tool = shutil.which("xdg-mime")
    if tool is None:
        return None
    try:
        done = subprocess.run(
            [tool, "query", "default", kind],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None
