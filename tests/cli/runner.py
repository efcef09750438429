"""`python -m svplan` in a subprocess, as a user or a script runs it, for every test of the
command line: one runner (encoding, time guard, catalogue) and what a refusal must look like.

Exit codes: 0 ready / done, 1 findings (check), 2 unusable input; errors are one line on stderr
starting "svplan: ". The timeout is a guard against a hang only; speed is measured in
benchmarks/.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import MINI_CATALOGUE

GUARD_SECONDS = 20


def run(
    *args: str | Path,
    cwd: Path,
    mini: bool = True,
    timeout: float = GUARD_SECONDS,
    env: dict[str, str] | None = None,
    umask: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """`svplan ARGS` with the mini catalogue (mini=False: the one the app ships), extra
    environment variables `env` and, on POSIX, the `umask` the new files get."""
    extra = ["--catalogue", str(MINI_CATALOGUE)] if mini else []
    return subprocess.run(
        [sys.executable, "-m", "svplan", *extra, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


def shipped(*args: str | Path, cwd: Path, **options) -> subprocess.CompletedProcess[str]:
    """`run` with the catalogue the app ships (Lancashire's), as a user runs it."""
    return run(*args, cwd=cwd, mini=False, **options)


def one_error_line(result: subprocess.CompletedProcess[str], *parts: str) -> str:
    """Exit 2 and exactly one line on stderr, "svplan: ...", with each of `parts`; no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("svplan: ")
    assert "Traceback" not in result.stderr
    for part in parts:
        assert part in lines[0], (part, lines[0])
    return lines[0]
