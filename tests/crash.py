"""A Python child killed with SIGKILL in the middle of writing a file, for the tests that prove a
crash loses nothing: the target keeps its old bytes and the next write clears the leftover."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT

STOP_AT_FSYNC = """
import os, sys
sys.path.insert(0, {root!r})
def stopped(fd):  # the whole new file is in the temporary file; the kill comes here
    print("writing", flush=True)
    sys.stdin.readline()
os.fsync = stopped
"""


def kill_9_mid_write(code: str, cwd: Path | None = None) -> None:
    """Run `code` in a new Python whose os.fsync stops it once the data is written to the
    temporary file, and kill it there with SIGKILL."""
    script = STOP_AT_FSYNC.format(root=str(ROOT)) + textwrap.dedent(code)
    with subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=cwd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == "writing\n"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
