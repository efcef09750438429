"""Reading an input file's bytes without being fooled: a regular file, at most N bytes.

A FIFO given as a file would block forever, and /dev/zero (or a link to it) would be read until
memory runs out: the file is checked to be a regular file before it is opened, opened without
blocking, checked again on the open handle, and read only up to its limit. (core.yamlsafe's
read_text makes the same check for plans and catalogues.)
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["FileTooLargeError", "NotAFileError", "read_regular_bytes"]

_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
_FLAGS |= getattr(os, "O_NOCTTY", 0)
_CHUNK = 1024 * 1024  # read(n) sets aside n bytes at once: a large limit is read in steps


class NotAFileError(OSError):
    """The path is a device, pipe or socket, not a regular file."""


class FileTooLargeError(OSError):
    """The file is larger than the caller's limit (`size` is what it measured, or limit + 1)."""

    def __init__(self, size: int) -> None:
        super().__init__(errno.EFBIG, "file too large")
        self.size = size


def read_regular_bytes(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of regular file `path`, at most `max_bytes` of them.

    Raises FileNotFoundError, IsADirectoryError, NotAFileError (device, pipe, socket: checked
    before opening, so a FIFO never blocks), FileTooLargeError, or another OSError.
    """
    path = Path(path)
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise NotAFileError(errno.EINVAL, "not a regular file", str(path))
    if info.st_size > max_bytes:
        raise FileTooLargeError(info.st_size)
    fd = os.open(path, _FLAGS)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since the check
            raise NotAFileError(errno.EINVAL, "not a regular file", str(path))
        chunks, total = [], 0
        while total <= max_bytes:  # it may have grown since it was measured
            chunk = handle.read(min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    if total > max_bytes:
        raise FileTooLargeError(total)
    return b"".join(chunks)
