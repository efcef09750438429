"""make wheel-check: the app as `pip install` gives it, not as the editable dev install hides it.

Builds the svplan wheel from this tree (hatchling from the hash-pinned build venv, as
`make installer` does), installs it NON-editable with its dependencies into a fresh venv
(packaging/build/wheel-check/venv), and from a folder outside the repository runs what a user
runs: `svplan --self-test` (Qt offscreen), `svplan check` and `svplan export` of the sample plan
the wheel carries. Each check prints PASS or FAIL; the last line is
"wheel-check: N passed, N failed"; any failure exits 1.

Run with the build venv's Python: `packaging/build/venv/bin/python packaging/check_wheel.py`
(Linux, `make wheel-check`) or `packaging\\build\\venv\\Scripts\\python` (the Windows workflow).
The fresh venv gets the interpreter named by --python (default: python3 on PATH).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "packaging" / "build" / "wheel-check"
SAMPLE = ROOT / "examples" / "sample.svplan"
SAMPLE_IN_WHEEL = "svplan/resources/sample.svplan"


class Checks:
    def __init__(self) -> None:
        self.passed = self.failed = 0

    def record(self, ok: bool, what: str, detail: str = "") -> bool:
        print(f"  {'PASS' if ok else 'FAIL'}  {what}" + (f": {detail}" if detail else ""))
        sys.stdout.flush()
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("    $ " + " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)


def tail(proc: subprocess.CompletedProcess) -> str:
    return (proc.stdout + proc.stderr).strip()[-800:]


def build_wheel(checks: Checks) -> Path | None:
    dist = OUT / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    made = run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index"),
            *("--no-build-isolation", "--wheel-dir", str(dist), str(ROOT)),
        ]
    )
    wheels = sorted(dist.glob("svplan-*.whl"))
    if not checks.record(made.returncode == 0 and len(wheels) == 1, "wheel built", tail(made)):
        return None
    with zipfile.ZipFile(wheels[0]) as zf:
        inside = zf.read(SAMPLE_IN_WHEEL) if SAMPLE_IN_WHEEL in zf.namelist() else None
    checks.record(
        inside == SAMPLE.read_bytes(),
        f"{wheels[0].name} carries {SAMPLE_IN_WHEEL} (= examples/sample.svplan)",
        "" if inside is not None else "missing",
    )
    return wheels[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--python", default="python3", help="interpreter for the fresh venv")
    args = parser.parse_args(argv)
    checks = Checks()
    started = time.monotonic()
    print("==> The svplan wheel, built from this tree", flush=True)
    wheel = build_wheel(checks)
    if wheel is None:
        print(f"wheel-check: {checks.passed} passed, {checks.failed} failed")
        return 1

    print("==> A fresh venv, the wheel installed non-editable", flush=True)
    venv = OUT / "venv"
    shutil.rmtree(venv, ignore_errors=True)
    made = run([args.python, "-m", "venv", str(venv)])
    scripts, exe = (venv / "Scripts", ".exe") if os.name == "nt" else (venv / "bin", "")
    py, svplan = scripts / f"python{exe}", scripts / f"svplan{exe}"
    got = (
        run([str(py), "-m", "pip", "install", "--quiet", str(wheel)])
        if made.returncode == 0
        else made
    )
    checks.record(
        got.returncode == 0,
        f"pip install {wheel.name} (with its dependencies)",
        "" if got.returncode == 0 else tail(got),
    )
    if got.returncode != 0:
        print(f"wheel-check: {checks.passed} passed, {checks.failed} failed")
        return 1

    work = Path(tempfile.mkdtemp(prefix="svplan-wheel-check-"))
    # Outside the repository, with its own settings, logs and recovery folders.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update({f"XDG_{d}_HOME": str(work / d.lower()) for d in ("CONFIG", "DATA", "STATE")})
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    try:
        where = run(
            [str(py), "-c", "import svplan, svplan.ui.app; print(svplan.__file__)"],
            cwd=work,
            env=env,
        )
        location = where.stdout.strip()
        checks.record(
            where.returncode == 0 and location.startswith(str(venv)),
            "svplan is imported from the installed wheel, not from src/",
            location or tail(where),
        )
        print("==> What a user runs", flush=True)
        test = run([str(svplan), "--self-test"], cwd=work, env=env)
        checks.record(
            test.returncode == 0 and test.stdout.strip().splitlines()[-1:] == ["OK"],
            "svplan --self-test prints OK",
            tail(test),
        )
        installed = Path(location).parent / "resources" / "sample.svplan"
        check = run([str(svplan), "check", str(installed)], cwd=work, env=env)
        said = (check.stdout + check.stderr).strip()
        checks.record(
            check.returncode in (0, 1) and bool(said) and "Traceback" not in said,
            "svplan check on the installed sample plan",
            f"exit {check.returncode}: {said.splitlines()[0][:120] if said else '(no output)'}",
        )
        docx = work / "sample.docx"
        export = run([str(svplan), "export", str(installed), "-o", str(docx)], cwd=work, env=env)
        opened = run(
            [str(py), "-c", f"import docx; print(len(docx.Document(r'{docx}').paragraphs))"]
        )
        checks.record(
            export.returncode == 0 and opened.returncode == 0,
            "svplan export of it writes a Word document python-docx opens",
            f"{docx.stat().st_size if docx.exists() else 0} bytes, "
            f"{opened.stdout.strip() or '?'} paragraphs"
            if export.returncode == 0
            else tail(export),
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"    took {time.monotonic() - started:.0f} s")
    print(f"wheel-check: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
