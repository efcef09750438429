"""Recovery copies: the open plan, written every minute or so, for after a crash or a power cut.

No Qt here; the desktop app drives it. Each app window (or process) has its own *session id* and
its own file, so two windows never overwrite each other's copy. A copy is a normal plan file
(readable by `load_plan` too) whose first line is a comment holding the metadata as JSON::

    # svplan recovery copy: {"app": "0.1.0", "original": "C:\\\\Bids\\\\plan.svplan", ...}
    # Social value delivery plan (...)
    svplan: 1
    ...

Copies live in ``recovery_dir()`` (``platformdirs.user_data_dir("svplan")/recovery``) and are
written atomically (temporary file, flush, rename), so a crash while writing leaves the previous
copy intact. They hold the user's plan (names, emails), so they are created readable by the user
only, and nothing from them is logged.

How the GUI uses it
-------------------
::

    from svplan.core import recovery

    # once per window
    session = recovery.new_session_id()

    # every 60 s (QTimer) and when the window loses focus, if the document is modified:
    try:
        recovery.write_recovery(document.plan, document.path, session)   # path may be None
    except SvplanError:
        pass                # e.g. disk full: show it in the status bar, never interrupt the user

    # after a successful Save, and when the window closes cleanly (saved, or the user chose
    # "Don't save"):
    recovery.discard_recovery(session)

    # at start-up, before opening anything:
    for r in recovery.list_recoveries():          # newest first; other live windows excluded
        # ask: f"Restore {r.label}, last saved {r.saved_at:%d %b %Y %H:%M}?"
        plan = recovery.load_recovery(r)          # raises PlanError if it became unreadable
        # open `plan` as a modified, unsaved document for r.original (which may be None), and
        # give that window r.session_id as its session: its next write replaces this copy and
        # its discard removes it, so the work is never without a copy in between.
        # If the user declines: recovery.discard_recovery(r) (after confirming).

``list_recoveries()`` leaves out copies whose writing process is still running (another window
of this app, or a second instance), so one window never offers, or discards, another's live work.
A process is recognised by its id *and* its start time where the system tells it (Windows,
Linux), so a crashed session's copy is offered even when its process id has been reused.
Broken or unreadable files in the folder are skipped, never deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from svplan import __version__
from svplan.core.atomic import atomic_write_bytes, describe_os_error, temp_files_of
from svplan.core.errors import PlanError, SaveError, SvplanError
from svplan.core.logs import data_dir
from svplan.core.plan import Plan
from svplan.core.planio import dump_plan, parse_plan
from svplan.core.textfile import read_text

RECOVERY_SUFFIX = ".svplan"
HEADER_PREFIX = "# svplan recovery copy: "
RECOVERY_FORMAT = 1
MAX_RECOVERY_BYTES = 64 * 1024 * 1024  # our own files; larger than a plan file may be
_SESSION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")

__all__ = [
    "Recovery",
    "discard_recovery",
    "list_recoveries",
    "load_recovery",
    "new_session_id",
    "recovery_dir",
    "recovery_path",
    "write_recovery",
]


@dataclass(frozen=True)
class Recovery:
    """One recovery copy found on disk."""

    path: Path
    original: Path | None  # the plan file it is a copy of; None for a plan never saved
    saved_at: dt.datetime  # when the copy was written (timezone-aware, UTC)
    title: str  # the plan's tender title ("" when it has none)
    session_id: str = ""
    app_version: str = ""
    pid: int = 0
    started: str | None = field(default=None, repr=False)  # start time of process `pid`

    @property
    def label(self) -> str:
        """What to call it in a prompt: the tender title, else the file name, else 'Untitled'."""
        if self.title.strip():
            return self.title.strip()
        return self.original.name if self.original else "Untitled plan"

    @property
    def live(self) -> bool:
        """True while the process that wrote it is still running (another open window)."""
        return _process_running(self.pid, self.started)


def recovery_dir() -> Path:
    """The per-user folder of recovery copies (not created here)."""
    return data_dir() / "recovery"


def new_session_id() -> str:
    """A fresh id for one window's recovery copy."""
    return f"{os.getpid()}-{uuid.uuid4().hex[:12]}"


def recovery_path(session_id: str) -> Path:
    """Where the copy for `session_id` is written. ValueError for an id that is not a name."""
    if not isinstance(session_id, str) or not _SESSION_ID.match(session_id):
        raise ValueError(f"not a valid recovery session id: {session_id!r}")
    return recovery_dir() / f"{session_id}{RECOVERY_SUFFIX}"


def write_recovery(plan: Plan, original: Path | str | None, session_id: str) -> Path:
    """Write (or replace) the recovery copy of `plan` for this session, atomically.

    Returns the path written. Raises SaveError (one sentence) when it cannot be written; any
    previous copy of the session is then left as it was.
    """
    path = recovery_path(session_id)
    meta = {
        "recovery": RECOVERY_FORMAT,
        "app": __version__,
        "session": session_id,
        "original": str(Path(original).absolute()) if original is not None else None,
        "saved_at": _now().isoformat(),
        "pid": os.getpid(),
        "started": _process_started(os.getpid()),
    }
    header = HEADER_PREFIX + json.dumps(meta, ensure_ascii=True, sort_keys=True) + "\n"
    data = (header + dump_plan(plan)).encode("utf-8")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(
            describe_os_error(exc, path, verb="save the recovery copy"), path=path
        ) from None
    atomic_write_bytes(path, data, verb="save the recovery copy", private=True)
    return path


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def list_recoveries(*, include_live: bool = False) -> list[Recovery]:
    """Recovery copies on disk, newest first.

    Copies whose writing process is still running are left out unless `include_live`. Files
    that cannot be read as a recovery copy are skipped (and left on disk).
    """
    folder = recovery_dir()
    try:
        candidates = sorted(p for p in folder.glob(f"*{RECOVERY_SUFFIX}") if p.is_file())
    except OSError:
        return []
    found = []
    for path in candidates:
        try:
            recovery, _plan = _read(path)
        except (SvplanError, OSError, ValueError, TypeError, KeyError):
            _log_skipped(path)
            continue
        if include_live or not recovery.live:
            found.append(recovery)
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


def load_recovery(recovery: Recovery | Path | str) -> Plan:
    """The plan held by a recovery copy. Raises PlanError if it is missing or unreadable."""
    path = recovery.path if isinstance(recovery, Recovery) else Path(recovery)
    try:
        return _read(path)[1]
    except PlanError:
        raise
    except SvplanError as exc:
        raise PlanError(exc.message, path=path, details=exc.details) from None
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise PlanError(
            f"The recovery copy {path.name} can no longer be read.", path=path, details=repr(exc)
        ) from None


def discard_recovery(recovery: str | Recovery | Path) -> None:
    """Delete a recovery copy (by session id, Recovery or path); a missing copy is fine.

    Raises SaveError if the file exists but cannot be deleted.
    """
    if isinstance(recovery, Recovery):
        path = recovery.path
    elif isinstance(recovery, Path):
        path = recovery
    else:
        path = recovery_path(recovery)
    for leftover in temp_files_of(path):  # from a crash while writing
        with contextlib.suppress(OSError):
            leftover.unlink()
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SaveError(
            describe_os_error(exc, path, verb="delete the recovery copy"), path=path
        ) from None


# Reading -----------------------------------------------------------------------------------------


def _read(path: Path) -> tuple[Recovery, Plan]:
    text = read_text(path, what="recovery copy", max_bytes=MAX_RECOVERY_BYTES)
    first, _, _rest = text.partition("\n")
    if not first.startswith(HEADER_PREFIX):
        raise ValueError("no recovery header")
    meta = json.loads(first[len(HEADER_PREFIX) :])
    if not isinstance(meta, dict) or meta.get("recovery") != RECOVERY_FORMAT:
        raise ValueError("not a recovery header of this version")
    saved_at = dt.datetime.fromisoformat(str(meta["saved_at"]))
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=dt.UTC)
    original = meta.get("original")
    plan = parse_plan(text, path).plan  # the header is a YAML comment
    recovery = Recovery(
        path=path,
        original=Path(original) if isinstance(original, str) and original else None,
        saved_at=saved_at,
        title=plan.bid.title,
        session_id=path.name[: -len(RECOVERY_SUFFIX)],
        app_version=str(meta.get("app", "")),
        pid=int(meta.get("pid") or 0),
        started=str(meta["started"]) if meta.get("started") is not None else None,
    )
    return recovery, plan


def _log_skipped(path: Path) -> None:
    with contextlib.suppress(Exception):
        from svplan.core.logs import get_logger

        get_logger().warning("skipped an unreadable recovery copy: %s", path.name)


# Is the writer still running? ------------------------------------------------------------------


def _process_running(pid: int, started: str | None) -> bool:
    if pid <= 0:
        return False
    now = _process_started(pid)
    if now is not None:
        return started is None or now == started
    if sys.platform.startswith("linux") or os.name == "nt":
        return False  # these systems tell the start time of every running process we may see
    try:  # other POSIX systems: the process id alone
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True


def _process_started(pid: int) -> str | None:
    """When process `pid` started, as an opaque string; None if there is no such process or the
    system does not say."""
    if sys.platform.startswith("linux"):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
            return stat[stat.rindex(")") + 2 :].split()[19]  # field 22, starttime
        except (OSError, ValueError, IndexError):
            return None
    if os.name == "nt":  # pragma: no cover - Windows only
        return _windows_process_started(pid)
    return None


def _windows_process_started(pid: int) -> str | None:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.GetProcessTimes.argtypes = (wintypes.HANDLE, *[ctypes.POINTER(wintypes.FILETIME)] * 4)
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    process_query_limited_information, still_active = 0x1000, 259
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return None
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return None
        if code.value != still_active:
            return None
        times = [wintypes.FILETIME() for _ in range(4)]
        if not kernel32.GetProcessTimes(handle, *[ctypes.byref(t) for t in times]):
            return None
        return f"{times[0].dwHighDateTime}:{times[0].dwLowDateTime}"
    finally:
        kernel32.CloseHandle(handle)
