"""Atomic file writing: a temporary file in the same folder, flushed, then renamed over the target.

A failure at any point leaves the previous file untouched and raises SaveError with one sentence
that says why (read-only, open in another program, disk full, path too long). The rules:

- **The target is checked first** (`check_target`): a folder in the way, a missing folder, a
  link, a device or pipe, a read-only file or one you may not change is refused and nothing is
  written. (`svplan.core.outputs.check_output` adds the rules about a command's inputs.)
- **Never through a link.** The rename replaces a name, never what a link points to; a target
  that is a link is refused, and `NAME.bak` is written by rename too, so a link of that name is
  replaced and the file it pointed to is left alone.
- **Temporary files cannot pile up.** One is named `.NAME~PID-HOST.XXXXXXXX.tmp` (NAME cut to 32
  characters, so a 250-byte target name still has a legal temporary name). A process killed while
  writing leaves it behind; the next write into that folder removes every such file whose
  process on this computer is gone, and any that is over an hour old.
- **Modes as Word's.** A new file gets 0666 less the umask; a replaced file keeps its mode
  (`private=True`: 0600, for recovery copies, which hold unsaved plan text).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import shutil
import socket
import stat
import time
from pathlib import Path
from typing import BinaryIO

from svplan.core.errors import SaveError

__all__ = [
    "atomic_write_bytes",
    "atomic_write_text",
    "check_target",
    "describe_os_error",
    "remove_stale_temps",
    "temp_files_of",
]

MAX_NAME_BYTES = 255  # the longest file name (one path component) of ext4, NTFS, APFS
STALE_SECONDS = 3600  # no write takes an hour: an older temporary file of ours is left over
LEGACY_STALE_SECONDS = 600
_SHORT = 32  # characters of the target's name kept in a temporary file's name
_TEMP = re.compile(
    r"\.(?P<short>.{0,32})~(?P<pid>\d{1,10})-(?P<host>[0-9a-f]{4})\.[0-9a-f]{8}\.tmp", re.DOTALL
)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)


def describe_os_error(exc: OSError, path: Path, *, verb: str = "save") -> str:
    """One sentence for why writing `path` failed."""
    name = path.name or str(path)
    return f"Could not {verb} {name}: {_os_reason(exc, path, name)}"


def _os_reason(exc: OSError, path: Path, name: str) -> str:
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full."
    if code == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206:
        if len(os.fsencode(name)) > MAX_NAME_BYTES:
            return "the file name is too long; choose a shorter name."
        return "the folder path is too long; choose a shorter location."
    if code == errno.ENOENT:
        return f"the folder {path.parent} does not exist."
    if code == errno.EROFS:
        return "the drive is read-only."
    if code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        if os.name == "nt" and path.exists():
            return (
                "the file is open in another program (such as Word) or is read-only; close it "
                "and try again."
            )
        return (
            "you do not have permission to write there, or the file is read-only or open in "
            "another program."
        )
    if code == errno.EISDIR:
        return "a folder of that name is in the way."
    return f"{exc.strerror or str(exc)}."


def check_target(path: Path | str, *, verb: str = "save") -> os.stat_result | None:
    """Refuse a target that must not be replaced; return its lstat (None: it does not exist yet).

    Raises SaveError (one sentence) for a folder in the way, a missing folder, a link, a device
    or pipe, a read-only file (by its mode bits, so also for root and on Windows) or a file this
    user may not change. Writes nothing.
    """
    path = Path(path)
    name = path.name or str(path)

    def refused(why: str) -> SaveError:
        return SaveError(f"Could not {verb} {name}: {why}", path=path)

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        raise refused(f"{path.parent} is a file, not a folder.") from None
    except OSError as exc:
        raise SaveError(describe_os_error(exc, path, verb=verb), path=path) from None
    if info is None:
        if not path.parent.is_dir():
            raise refused(f"the folder {path.parent} does not exist.")
        return None
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        raise refused(
            "that name is a link to another file, and links are never written through; use the "
            "file itself or another name."
        )
    if stat.S_ISDIR(mode):
        raise refused("a folder of that name is in the way.")
    if not stat.S_ISREG(mode):
        raise refused("it is a device or a pipe, not an ordinary file.")
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise refused("the file is read-only; make it writable or choose another name.")
    if not os.access(path, os.W_OK):
        raise refused("you do not have permission to change the file.")
    return info


def atomic_write_bytes(
    path: Path | str,
    data: bytes,
    *,
    backup: bool = False,
    verb: str = "save",
    private: bool = False,
) -> None:
    """Write `data` to `path` atomically; with backup=True keep the old file as NAME.bak.

    The target is checked with `check_target` first. A new file gets 0666 less the umask, a
    replaced one keeps its mode; private=True makes it 0600 either way (recovery copies).
    Raises SaveError with one sentence.
    """
    path = Path(path)
    existing = check_target(path, verb=verb)
    remove_stale_temps(path.parent, path.name)
    keep_mode = stat.S_IMODE(existing.st_mode) if existing is not None else None
    tmp: Path | None = None
    try:
        tmp = _write_temp(path, 0o600 if private else keep_mode, data=data)
        if backup and existing is not None:
            _write_backup(path, existing, verb)
        os.replace(tmp, path)  # replaces the name: a link put there meanwhile is not followed
        tmp = None
    except OSError as exc:
        raise SaveError(
            describe_os_error(exc, path, verb=verb), path=path, details=str(exc)
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def atomic_write_text(path: Path | str, text: str, *, backup: bool = False) -> None:
    """UTF-8 text, LF line endings, written atomically."""
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)


# The backup --------------------------------------------------------------------------------------


def _write_backup(path: Path, existing: os.stat_result, verb: str) -> None:
    """Copy the current file to NAME.bak through a temporary file and a rename, so a link or
    anything else of that name is replaced, never written through."""
    bak = path.with_name(path.name + ".bak")
    tmp: Path | None = None
    try:
        flags = os.O_RDONLY | _O_BINARY | _O_NOFOLLOW
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as source:
            if not stat.S_ISREG(os.fstat(source.fileno()).st_mode):  # swapped since the check
                raise OSError(errno.EINVAL, "not a regular file", str(path))
            tmp = _write_temp(bak, stat.S_IMODE(existing.st_mode), source=source)
        with contextlib.suppress(OSError):
            os.utime(tmp, ns=(existing.st_atime_ns, existing.st_mtime_ns))  # as copy2 kept it
        os.replace(tmp, bak)
        tmp = None
    except OSError as exc:
        why = describe_os_error(exc, bak, verb="write").split(": ", 1)[-1].rstrip(".")
        raise SaveError(
            f"Could not {verb} {path.name}: the previous version could not be kept as "
            f"{bak.name} ({why}).",
            path=path,
            details=str(exc),
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


# Temporary files ---------------------------------------------------------------------------------


def _host_tag() -> str:
    """4 hex digits naming this computer, so that a process id is only judged on the computer
    it belongs to (a shared network folder is written by several)."""
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:4]


def temp_name(target_name: str) -> str:
    """A fresh temporary name for writing `target_name`; never longer than 55 + 4x32 bytes."""
    short = target_name[:_SHORT]
    return f".{short}~{os.getpid()}-{_host_tag()}.{secrets.token_hex(4)}.tmp"


def _write_temp(
    target: Path, mode: int | None, *, data: bytes | None = None, source: BinaryIO | None = None
) -> Path:
    """Create a new temporary file next to `target` holding `data` (or `source`'s content),
    flushed to disk; created 0666 less the umask, or given `mode`. Returns its path."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY | _O_NOFOLLOW
    for _attempt in range(100):
        tmp = target.with_name(temp_name(target.name))
        try:
            fd = os.open(tmp, flags, 0o666)  # the kernel applies the umask, as for Word's files
        except FileExistsError:
            continue
        break
    else:  # pragma: no cover - 100 collisions of 32 random bits
        raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))
    try:
        with os.fdopen(fd, "wb") as handle:
            if source is not None:
                shutil.copyfileobj(source, handle)
            else:
                handle.write(data or b"")
            handle.flush()
            if mode is not None:
                _chmod(handle.fileno(), tmp, mode)
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _chmod(fd: int, path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):  # a folder that has no modes (FAT, some shares)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        else:  # pragma: no cover - Windows: only the read-only flag, and the target is writable
            os.chmod(path, mode)


def remove_stale_temps(folder: Path | str, target_name: str | None = None) -> list[str]:
    """Remove temporary files of ours left in `folder` by a process that was killed while
    writing; returns their names. Never raises.

    Removed: files named by `temp_name` whose process on this computer is gone, and any such
    file over an hour old (a process id can be reused; no write takes an hour). With
    `target_name`, also the `.NAME.XXXXXXXX.tmp` files earlier versions wrote for that name, when
    over ten minutes old.
    """
    legacy = None
    if target_name:
        legacy = re.compile(re.escape(f".{target_name}.") + r"[a-z0-9_]{8}\.tmp")
    removed: list[str] = []
    now = time.time()
    me, host = os.getpid(), _host_tag()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(".tmp")):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        match = _TEMP.fullmatch(name)
        if match:
            pid = int(match["pid"])
            ours_here = match["host"] == host
            stale = age > STALE_SECONDS or (ours_here and pid != me and not _pid_alive(pid))
        else:
            stale = legacy is not None and legacy.fullmatch(name) is not None
            stale = stale and age > LEGACY_STALE_SECONDS
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(name)
    return removed


def temp_files_of(path: Path | str) -> list[Path]:
    """The temporary files in `path`'s folder that writing `path` made (now or in a past run,
    also by earlier versions), whoever wrote them: for removing them with the file."""
    path = Path(path)
    short = path.name[:_SHORT]
    legacy = re.compile(re.escape(f".{path.name}.") + r".+\.tmp", re.DOTALL)
    try:
        names = [entry.name for entry in os.scandir(path.parent)]
    except OSError:
        return []
    found = []
    for name in names:
        match = _TEMP.fullmatch(name)
        if (match and match["short"] == short) or legacy.fullmatch(name):
            found.append(path.parent / name)
    return found


def _pid_alive(pid: int) -> bool:
    """Whether process `pid` exists on this computer (True when unsure)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, but belongs to someone else
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
