"""Atomic file writing: a temporary file in the same folder, flushed, then renamed over the target.

A failure at any point leaves the previous file untouched and raises SaveError with one sentence
that says why (read-only, open in another program, disk full, path too long).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path

from svplan.core.errors import SaveError


def describe_os_error(exc: OSError, path: Path, *, verb: str = "save") -> str:
    """One sentence for why writing `path` failed."""
    name = path.name or str(path)
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"Could not {verb} {name}: the disk is full."
    if code == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206:
        return f"Could not {verb} {name}: the folder path is too long. Choose a shorter location."
    if code == errno.ENOENT:
        return f"Could not {verb} {name}: the folder {path.parent} does not exist."
    if code == errno.EROFS:
        return f"Could not {verb} {name}: the drive is read-only."
    if code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        if path.exists() and os.name == "nt":
            return (
                f"Could not {verb} {name}: the file is open in another program (such as Word) "
                "or is read-only. Close it and try again."
            )
        return (
            f"Could not {verb} {name}: you do not have permission to write there, or the file "
            "is read-only or open in another program."
        )
    if code == errno.EISDIR:
        return f"Could not {verb} {name}: a folder of that name is in the way."
    reason = exc.strerror or str(exc)
    return f"Could not {verb} {name}: {reason}."


def atomic_write_bytes(
    path: Path | str, data: bytes, *, backup: bool = False, verb: str = "save"
) -> None:
    """Write `data` to `path` atomically; with backup=True keep the old file as NAME.bak."""
    path = Path(path)
    tmp_name: str | None = None
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            if backup:
                shutil.copy2(path, path.with_name(path.name + ".bak"))
            with contextlib.suppress(OSError):
                shutil.copymode(path, tmp_name)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise SaveError(
            describe_os_error(exc, path, verb=verb), path=path, details=str(exc)
        ) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def atomic_write_text(path: Path | str, text: str, *, backup: bool = False) -> None:
    """UTF-8 text, LF line endings, written atomically."""
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)
