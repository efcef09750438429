"""When is a window on screen? Measured from outside the process, as the X server sees it.

Under a private Xvfb, the launcher asks the server for SubstructureNotify events on the root
window (libX11 through ctypes: standard library only, like run.py) and notes the moment the first
top-level window of the launched program is mapped (MapNotify; menus and tooltips, which are
override-redirect windows, do not count). Both programs are timed by the same clock from the
same point (just before the launch), so the ratio compares like with like.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator

MAP_NOTIFY = 19
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19


class _XMapEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("event", ctypes.c_ulong),
        ("window", ctypes.c_ulong),
        ("override_redirect", ctypes.c_int),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xmap", _XMapEvent), ("pad", ctypes.c_long * 24)]


def available() -> str:
    """'' when the on-screen measurement can run here, else why not."""
    if shutil.which("Xvfb") is None:
        return "Xvfb is not installed (apt-get install xvfb)"
    if ctypes.util.find_library("X11") is None:
        return "libX11 is not installed"
    return ""


@contextlib.contextmanager
def xvfb(size: str = "1600x1000x24") -> Iterator[str]:
    """A private Xvfb on a free display number; yields the DISPLAY value (':N')."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    number = b""
    with os.fdopen(read, "rb") as pipe:
        number = pipe.readline().strip()  # Xvfb writes its display number once it is ready
    try:
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number.decode()}"
    finally:
        proc.terminate()
        proc.wait(10)


class MapWatcher:
    """Notes when top-level windows are mapped on one X display."""

    def __init__(self, display: str) -> None:
        x = ctypes.CDLL(ctypes.util.find_library("X11"))
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        x.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x.XPending.argtypes = [ctypes.c_void_p]
        x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XEvent)]
        x.XFlush.argtypes = [ctypes.c_void_p]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._x = x
        self._dpy = x.XOpenDisplay(display.encode())
        if not self._dpy:
            raise RuntimeError(f"cannot open X display {display}")
        x.XSelectInput(self._dpy, x.XDefaultRootWindow(self._dpy), SUBSTRUCTURE_NOTIFY_MASK)
        x.XFlush(self._dpy)
        self._fd = x.XConnectionNumber(self._dpy)
        self._event = _XEvent()

    def _next_map(self) -> bool:
        """Read the events that have arrived; True if one maps a top-level window."""
        x, found = self._x, False
        while x.XPending(self._dpy):
            x.XNextEvent(self._dpy, ctypes.byref(self._event))
            if self._event.type == MAP_NOTIFY and not self._event.xmap.override_redirect:
                found = True
        return found

    def drain(self) -> None:
        self._next_map()

    def wait_for_map(self, t0: float, proc: subprocess.Popen, timeout: float = 60) -> float | None:
        """Seconds from `t0` to the first top-level map; None if `proc` ended or time ran out."""
        deadline = t0 + timeout
        while time.perf_counter() < deadline:
            if self._next_map():
                return time.perf_counter() - t0
            if proc.poll() is not None:
                return None
            select.select([self._fd], [], [], 0.05)  # wakes as soon as the server sends
        return None

    def close(self) -> None:
        self._x.XCloseDisplay(self._dpy)
