"""`make bench`: the worst case of each input limit, checked and exported by the real command.

    python benchmarks/limits.py [--no-write] [--only NAME,NAME]

For every limit of a plan or a catalogue (docs/plan-format.md, docs/catalogue-format.md) this
builds the largest input the limit lets through, then times `svplan check` and `svplan export`
on it in a fresh process and takes that process's peak memory (os.wait4). The goal (issue 18):
every input within the limits checks and exports in under 5 s and 500 MB on this machine. Inputs
over a limit are timed too: they must be refused (exit 2) just as quickly. Like run.py, a missed
goal is printed as MISS and does not fail the run; exit status 1 means a command did not do what
it must (an input within the limits was refused, or one over a limit was not).

This launcher imports nothing of the app (a child's peak RSS on Linux is at least its
launcher's); the inputs are built by `limits.py --make DIR` in a child of their own, into
build/bench/limits/. The table is printed, and written into benchmarks/results.md and
docs/performance.md between the `limits` markers (replacing the previous table).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "build" / "bench" / "limits"
RESULTS = HERE / "results.md"
PERFORMANCE = ROOT / "docs" / "performance.md"
SECONDS, MIB = 5.0, 500
START, END = "<!-- limits:start -->", "<!-- limits:end -->"


@dataclass
class Case:
    name: str  # file stem in build/bench/limits
    limit: str  # what limit it sits at, in words
    catalogue: str = ""  # a catalogue built with it ('' for the shipped Lancashire one)
    refused: bool = False  # over a limit: check must exit 2
    export: bool = True


CASES = [
    Case("commitments", "1,000 commitments, 5,000 actions, 5,000 risks (the limits), all written"),
    Case("text", "5 MB plan file (the limit) of paragraphs: 1,000 commitments"),
    Case("words", "5 MB of unbroken 20,000-character words (the text limit per field)"),
    Case("actions", "5,000 actions (the limit), 1,000 per commitment (the limit)"),
    Case("risks", "5,000 risks (the limit), 1,000 per commitment (the limit)"),
    Case("roles", "5 MB of partner roles: 1,000 per commitment (the limit)"),
    Case("actuals", "100,000 actuals (the limit) in the delivery record"),
    Case("aliases", "YAML aliases adding 4,800 actions and 1,000,000 characters (the limit)"),
    Case("values", "1,000,000 values in the file (the limit), in an unknown key"),
    Case("unknown", "1,000 unknown codes against 500 measures", "catalogue-500"),
    Case(
        "all-500", "500 measures (the limit) all committed, every partner engaged", "catalogue-500"
    ),
    Case("all-full", "8 MB catalogue, its lists at their limits, all committed", "catalogue-full"),
    Case("over-values", "2.1 million plain values (over the limit)", refused=True, export=False),
    Case("over-aliases", "440,000 actions by alias (over the alias limit)", refused=True),
    Case("over-websites", "1.9 million websites of one partner", "catalogue-websites", True),
    Case("over-measures", "501 measures (over the limit)", "catalogue-501", True, False),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)  # the input builder
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--only", default="", help="comma-separated case names")
    args = parser.parse_args(argv)
    if args.make:
        from limits_inputs import make_inputs  # imports the app: only in its own process

        make_inputs(args.make)
        return 0
    cases = [c for c in CASES if not args.only or c.name in args.only.split(",")]
    OUT.mkdir(parents=True, exist_ok=True)
    print("Building the inputs ...", flush=True)
    made = subprocess.run([sys.executable, __file__, "--make", str(OUT)], cwd=ROOT)
    if made.returncode != 0:
        print("could not build the inputs", file=sys.stderr)
        return 1
    rows, failed = [], False
    with tempfile.TemporaryDirectory(prefix="svplan-limits-") as home:
        env = child_env(Path(home))
        for case in cases:
            row, ok = measure(case, env)
            rows.append(row)
            failed |= not ok
            print(" | ".join(row), flush=True)
    table = render(rows)
    print("\n" + table)
    if not args.no_write:
        for path in (RESULTS, PERFORMANCE):
            write_section(path, table)
        print(f"Written to {RESULTS.relative_to(ROOT)} and {PERFORMANCE.relative_to(ROOT)}")
    return 1 if failed else 0


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(ROOT / "build" / "bench" / "pycache")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    env["HOME"] = str(home)
    return env


def run(args: list[str], env: dict[str, str]) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak RSS in MiB, last line of stderr) of `svplan ARGS`."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "svplan", *args],
        cwd=OUT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
    )
    stderr = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    lines = stderr.strip().splitlines()
    return proc.returncode, seconds, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def measure(case: Case, env: dict[str, str]) -> tuple[list[str], bool]:
    plan = OUT / f"{case.name}.svplan"
    base = ["--catalogue", str(OUT / f"{case.catalogue}.yaml")] if case.catalogue else []
    size = plan.stat().st_size if plan.is_file() else 0
    figures, ok, note = [], True, ""
    commands = [("check", ["check", str(plan)])]
    if case.export:
        commands.append(("export", ["export", str(plan), "-o", f"{case.name}.docx"]))
    measured = True  # False when the command did not do what it must (not a time or memory miss)
    for label, command in commands:
        code, seconds, mib, last = run(base + command, env)
        expected = (2,) if case.refused else (0, 1)
        good = code in expected and seconds < SECONDS and mib < MIB
        ok &= good
        measured &= code in expected
        figures.append(f"{label} {seconds:.2f} s, {mib:.0f} MiB" + ("" if good else " **MISS**"))
        if code not in expected:
            note = f"exit {code}: {last[:120]}"
        elif case.refused:
            note = last.removeprefix("svplan: ")[:110]
    if case.refused and not case.export:
        figures.append("–")
    result = "pass" if ok else ("**MISS**" if measured else "**ERROR**")
    return [case.limit, f"{size / 1048576:.1f} MB", *figures, result, note], measured


HEADER = ["Input at (or over) a limit", "Plan file", "Check", "Export", "Result", "Note"]


def render(rows: list[list[str]]) -> str:
    lines = [
        f"Every input within the limits must check and export in under {SECONDS:.0f} s and "
        f"{MIB} MiB; inputs over a limit must be refused (exit 2) as fast. Written by "
        f"`benchmarks/limits.py` on {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC "
        f"(peak RSS of the `svplan` process, os.wait4).",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
    ]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def write_section(path: Path, table: str) -> None:
    """Replace the text between the limits markers (or add a section with them at the end)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    block = f"{START}\n{table}\n{END}"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Limits: the worst case of each\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
