"""`make bench`: measure start-up, export and scale; print one table; write benchmarks/results.md.

    python benchmarks/run.py [--quick] [--only startup,export,scale,filter] [--no-write]

This process stays small on purpose (standard library only, nothing of the app imported): it
launches every measured process itself, and on Linux a child's peak-RSS figure can never be
lower than its launcher's RSS (see "Peak memory" in docs/performance.md). The in-process
benchmarks run in worker processes (benchmarks/workers.py). Targets are in TARGETS below.
Exit status: 0 when everything was measured (missed targets included: benchmarks report, they
do not gate); 1 when a measurement could not be made (the app or a worker failed).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUILD = ROOT / "build" / "bench"  # ignored by git: generated catalogue, bytecode cache
RESULTS = HERE / "results.md"
PY = sys.executable

STARTUP_RUNS = 7  # measured runs of each program (plus one warm-up run each, discarded)
BIG_MEASURES, BIG_PARTNERS = 500, 1000  # the ceiling a catalogue may reach (issue 11)
FRAME = 0.016  # one frame at 60 Hz

# metric key -> (target text, test). Rows without an entry are information only.
TARGETS: dict[str, tuple[str, Any]] = {
    "onscreen_ratio": ("≤ 1.3", lambda v: v <= 1.3),
    "startup_ratio": ("≤ 2.0", lambda v: v <= 2.0),
    "rss_ratio": ("≤ 1.6", lambda v: v <= 1.6),
    "export_sample": ("≤ 0.5 s", lambda v: v <= 0.5),
    "export_all": ("≤ 0.5 s", lambda v: v <= 0.5),
    "load_big": ("≤ 1 s (proposed)", lambda v: v <= 1.0),
    "proxy_median": ("≤ 16 ms", lambda v: v <= FRAME),
    "proxy_max": ("≤ 16 ms", lambda v: v <= FRAME),
    "widget_median": ("≤ 16 ms", lambda v: v <= FRAME),
    "widget_max": ("≤ 16 ms", lambda v: v <= FRAME),
    "export_growth": ("≤ 1.5", lambda v: v <= 1.5),
}


@dataclass
class Row:
    section: str
    metric: str
    value: str
    key: str = ""
    raw: float | None = None
    error: bool = False

    @property
    def target(self) -> str:
        return TARGETS[self.key][0] if self.key in TARGETS else "–"

    @property
    def result(self) -> str:
        if self.error:
            return "**ERROR**"
        if self.key not in TARGETS or self.raw is None:
            return "info"
        return "pass" if TARGETS[self.key][1](self.raw) else "**MISS**"


# Environment -------------------------------------------------------------------------------------


def child_env(home: Path) -> dict[str, str]:
    """The environment of every measured process.

    - offscreen Qt (no display needed; same for the app and the baseline);
    - bytecode cached under build/bench/pycache: the top Makefile exports PYTHONDONTWRITEBYTECODE,
      which would make every start recompile svplan from source (an installed app has .pyc);
    - per-user folders in a fresh temporary home, so settings and recent files of whoever runs
      the benchmark do not change what the app does at start-up.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(BUILD / "pycache")
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM") or "offscreen"
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    env["HOME"] = str(home)
    return env


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # pragma: no cover - Windows
        return None


def code_version() -> str:
    """The commit measured, and whether the working tree had changes on top of it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(  # the app's own source, new files included
            ["git", "status", "--porcelain", "--", "src"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head or 'unknown'}{' + uncommitted changes in src/' if dirty else ''}"


def machine(env: dict[str, str]) -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    os_name = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = f"{line.split('=', 1)[1].strip(chr(34))} (Linux {platform.release()})"
    except OSError:
        pass
    probe = (
        "import PySide6, PySide6.QtCore as c, pydantic, yaml, docx\n"
        "print(PySide6.__version__, c.qVersion(), pydantic.VERSION, yaml.__version__,"
        " getattr(yaml, '__with_libyaml__', False))"
    )
    try:
        out = subprocess.run(
            [PY, "-c", probe], env=env, capture_output=True, text=True, timeout=60, check=True
        ).stdout.split()
        qt = f"PySide6 {out[0]}, Qt {out[1]}"
        libs = f"pydantic {out[2]}, PyYAML {out[3]} (libyaml: {out[4]})"
    except (subprocess.SubprocessError, IndexError, OSError):
        qt = libs = "unknown"
    return {
        "CPU": f"{cpu}, {os.cpu_count()} logical cores",
        "RAM": ram,
        "OS": os_name,
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "Qt": qt,
        "Libraries": libs,
        "Qt platform": env["QT_QPA_PLATFORM"],
        "Code": code_version(),
    }


# Start-up ----------------------------------------------------------------------------------------


def launch(
    cmd: list[str],
    env: dict[str, str],
    log: Path,
    timeout: float = 120,
    watcher: Any = None,
) -> dict[str, Any]:
    """Run one process to its end: wall time, exit code, and that process's own peak RSS.

    os.wait4 returns the resource usage of exactly the child it reaped (unlike
    getrusage(RUSAGE_CHILDREN), which is the maximum over every child waited for so far).
    With `watcher` (onscreen.MapWatcher), also the time until its first top-level window is
    mapped by the X server ("on screen"), from the same starting point.
    """
    with log.open("wb") as err:
        if watcher is not None:
            watcher.drain()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT)
        mapped = watcher.wait_for_map(t0, proc, timeout) if watcher is not None else None
        if hasattr(os, "wait4"):
            killer = threading.Timer(timeout, proc.kill)  # a blocking wait; no polling
            killer.start()
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            finally:
                killer.cancel()
            wall = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)
            rss: float | None = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
            cpu: float | None = usage.ru_utime + usage.ru_stime
        else:  # pragma: no cover - Windows: time only
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            wall, rss, cpu = time.perf_counter() - t0, None, None
    return {"wall": wall, "rss": rss, "cpu": cpu, "rc": proc.returncode, "log": log, "map": mapped}


def tail(path: Path, lines: int = 6) -> str:
    try:
        text = path.read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(text[-lines:])


def bench_startup(env: dict[str, str], runs: int, logs: Path) -> tuple[list[Row], list[str]]:
    """The bare PySide6 window and `svplan --smoke-start`, alternating, under a private Xvfb.

    Three figures against the bare window: on screen (the X server maps the top-level window),
    ready (the process exits: --smoke-start waits for the catalogue), peak memory. Without Xvfb
    the programs run offscreen and "on screen" is not measured.
    """
    import onscreen

    why = onscreen.available()
    with contextlib.ExitStack() as stack:
        watcher = None
        if not why:
            display = stack.enter_context(onscreen.xvfb())
            env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
            watcher = onscreen.MapWatcher(display)
            stack.callback(watcher.close)
        return _startup_runs(env, runs, logs, watcher, why)


def _startup_runs(
    env: dict[str, str], runs: int, logs: Path, watcher: Any, why_offscreen: str
) -> tuple[list[Row], list[str]]:
    notes = [f"start-up ran offscreen: {why_offscreen}"] if why_offscreen else []
    if watcher is not None:
        notes.append("start-up ran under a private Xvfb (QT_QPA_PLATFORM=xcb), both programs")
    bare = [PY, str(HERE / "bare_window.py")]
    app, label = [PY, "-m", "svplan", "--smoke-start"], "svplan --smoke-start"
    if find_spec("svplan.ui.app") is None:
        return [Row("Start-up", label, "missing", error=True)], ["svplan.ui.app does not exist"]
    results: dict[str, list[dict[str, Any]]] = {"bare": [], "app": []}
    for i in range(runs + 1):  # alternate, in this one process tree; run 0 is the warm-up
        for kind, cmd in (("bare", bare), ("app", app)):
            r = launch(cmd, env, logs / f"startup-{kind}-{i}.log", watcher=watcher)
            if r["rc"] != 0 or (watcher is not None and r["map"] is None):
                msg = f"{' '.join(cmd[1:])} exited with {r['rc']}: {tail(r['log'])}"
                return [Row("Start-up", f"{label}", "failed", error=True)], [msg]
            if i:
                results[kind].append(r)
    rows: list[Row] = []
    if watcher is not None:
        shown = {k: statistics.median(r["map"] for r in v) for k, v in results.items()}
        rows += [
            Row("Start-up", f"on screen (X map), bare window, median of {runs}", _s(shown["bare"])),
            Row("Start-up", f"on screen (X map), {label}", _s(shown["app"])),
            Row(
                "Start-up",
                "on-screen ratio app / bare",
                f"{shown['app'] / shown['bare']:.2f}",
                "onscreen_ratio",
                shown["app"] / shown["bare"],
            ),
        ]
    wall = {k: statistics.median(r["wall"] for r in v) for k, v in results.items()}
    rows += [
        Row("Start-up", f"bare PySide6 window exits, median of {runs}", _s(wall["bare"])),
        Row("Start-up", f"{label} ready (exits), median of {runs}", _s(wall["app"])),
        Row(
            "Start-up",
            "ready ratio app / bare",
            f"{wall['app'] / wall['bare']:.2f}",
            "startup_ratio",
            wall["app"] / wall["bare"],
        ),
    ]
    if all(r["rss"] for v in results.values() for r in v):
        cpu = {k: statistics.median(r["cpu"] for r in v) for k, v in results.items()}
        rows.append(
            Row(
                "Start-up",
                f"CPU time (user+sys) ratio app / bare ({_s(cpu['app'])} / {_s(cpu['bare'])})",
                f"{cpu['app'] / cpu['bare']:.2f}",
            )
        )
        rss = {k: statistics.median(r["rss"] for r in v) for k, v in results.items()}
        launcher = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        rows += [
            Row("Start-up", "peak RSS, bare window", _mb(rss["bare"])),
            Row("Start-up", f"peak RSS, {label}", _mb(rss["app"])),
            Row(
                "Start-up",
                "peak RSS ratio app / bare",
                f"{rss['app'] / rss['bare']:.2f}",
                "rss_ratio",
                rss["app"] / rss["bare"],
            ),
        ]
        if min(rss.values()) < 1.5 * launcher:
            notes.append(
                f"peak RSS may be overstated: the launcher itself is {_mb(launcher)} "
                "(a child's ru_maxrss is at least its launcher's RSS)"
            )
        spread = {
            k: (min(r["wall"] for r in v), max(r["wall"] for r in v)) for k, v in results.items()
        }
        notes.append(
            "start-up spread (min–max): bare "
            f"{_s(spread['bare'][0])}–{_s(spread['bare'][1])}, app "
            f"{_s(spread['app'][0])}–{_s(spread['app'][1])}; launcher RSS {_mb(launcher)}"
        )
    return rows, notes


# Workers -----------------------------------------------------------------------------------------


def run_worker(args: list[str], env: dict[str, str], timeout: float = 400) -> dict[str, Any]:
    try:
        proc = subprocess.run(
            [PY, str(HERE / "workers.py"), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"workers.py {args[0]} took longer than {timeout:.0f} s"}
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        err = " | ".join(proc.stderr.strip().splitlines()[-8:])
        return {"error": f"workers.py {args[0]} exited with {proc.returncode}: {err}"}
    return json.loads(lines[-1])


def bench_export(env: dict[str, str], quick: bool) -> tuple[list[Row], list[str]]:
    res = run_worker(["export", *(["--quick"] if quick else [])], env)
    if "error" in res:
        return [Row("Export", "export", "failed", error=True)], [res["error"]]
    m = res["metrics"]
    runs = "3" if quick else "7"
    return [
        Row(
            "Export",
            f"{m['sample']['name']} ({m['sample']['commitments']} commitments), median of {runs}",
            _s(m["sample"]["median"]),
            "export_sample",
            m["sample"]["median"],
        ),
        Row(
            "Export",
            f"all {m['measures']} measures, every field filled, median of {runs}",
            _s(m["all"]["median"]),
            "export_all",
            m["all"]["median"],
        ),
    ], res["notes"]


def bench_scale(env: dict[str, str], quick: bool, path: Path) -> tuple[list[Row], list[str]]:
    res = run_worker(["scale", str(path), *(["--quick"] if quick else [])], env)
    if "error" in res:
        return [Row("Scale", "catalogue load and export", "failed", error=True)], [res["error"]]
    m = res["metrics"]
    size = f"{m['measures']:,} measures, {m['partners']:,} partners, {m['bytes'] / 1e6:.1f} MB"
    rows = [
        Row(
            "Scale",
            f"catalogue load ({size}), median",
            _s(m["load"]["median"]),
            "load_big",
            m["load"]["median"],
        ),
    ]
    ex = m["export"]
    for n, e in ex.items():
        rows.append(
            Row(
                "Scale",
                f"export {n} commitments (per commitment)",
                f"{_s(e['median'])} ({e['per_commitment'] * 1000:.1f} ms)",
            )
        )
    sizes = sorted(ex, key=int)
    growth = ex[sizes[-1]]["per_commitment"] / ex[sizes[0]]["per_commitment"]
    rows.append(
        Row(
            "Scale",
            f"export cost growth: per commitment at {sizes[-1]} / at {sizes[0]}",
            f"{growth:.2f}",
            "export_growth",
            growth,
        )
    )
    return rows, res["notes"]


def bench_filter(env: dict[str, str], quick: bool, path: Path) -> tuple[list[Row], list[str]]:
    res = run_worker(["filter", str(path), *(["--quick"] if quick else [])], env)
    if "error" in res:
        return [Row("Scale", "search filter", "failed", error=True)], [res["error"]]
    m = res["metrics"]
    q = f'"apprentice" typed ({m["matches"]} of {m["measures"]:,} match)'
    rows = [
        Row("Scale", "measure tree model build", _ms(m["model_build"]["median"])),
        Row(
            "Scale",
            f"filter per keystroke, {m.get('filter', 'proxy')}, median — {q}",
            _ms(m["proxy"]["median"]),
            "proxy_median",
            m["proxy"]["median"],
        ),
        Row(
            "Scale",
            f"filter per keystroke, {m.get('filter', 'proxy')}, max",
            _ms(m["proxy"]["max"]),
            "proxy_max",
            m["proxy"]["max"],
        ),
    ]
    if "widget" in m:
        rows += [
            Row(
                "Scale",
                "keystroke in the measure browser (filter, expand, status, paint), median",
                _ms(m["widget"]["median"]),
                "widget_median",
                m["widget"]["median"],
            ),
            Row(
                "Scale",
                "keystroke in the measure browser, max",
                _ms(m["widget"]["max"]),
                "widget_max",
                m["widget"]["max"],
            ),
        ]
    return rows, res["notes"]


def make_big_catalogue(env: dict[str, str]) -> Path:
    path = BUILD / f"catalogue-{BIG_MEASURES}.yaml"
    subprocess.run(
        [
            PY,
            str(HERE / "make_catalogue.py"),
            str(path),
            "--measures",
            str(BIG_MEASURES),
            "--partners",
            str(BIG_PARTNERS),
        ],
        env=env,
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return path


# Output ------------------------------------------------------------------------------------------


def _s(seconds: float) -> str:
    return f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _mb(size: float) -> str:
    return f"{size / 1048576:.0f} MiB"


def table(rows: list[Row]) -> str:
    out = ["| Section | Metric | Value | Target | Result |", "|---|---|---|---|---|"]
    out += [f"| {r.section} | {r.metric} | {r.value} | {r.target} | {r.result} |" for r in rows]
    return "\n".join(out)


def report(info: dict[str, str], rows: list[Row], notes: list[str], took: float, argv: str) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (`python benchmarks/run.py{argv}`) on "
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; the run took {took:.0f} s. "
        "See docs/performance.md for what each figure means.",
        "",
        *[f"- **{k}**: {v}" for k, v in info.items()],
        "",
        table(rows),
        "",
    ]
    if notes:
        lines += ["Notes:", "", *[f"- {n}" for n in notes], ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="svplan benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer runs (for trying changes)")
    parser.add_argument("--only", default="startup,export,scale,filter")
    parser.add_argument("--no-write", action="store_true", help="do not write results.md")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    started = time.perf_counter()
    load_start = load_average()
    BUILD.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="svplan-bench-") as tmp:
        home = Path(tmp)
        env = child_env(home)
        info = machine(env)
        print("Machine: " + "; ".join(f"{k}: {v}" for k, v in info.items()), flush=True)
        if "startup" in only:
            print("Start-up (alternating bare window and app) ...", flush=True)
            r, n = bench_startup(env, 3 if args.quick else STARTUP_RUNS, home)
            rows, notes = rows + r, notes + n
        if "export" in only:
            print("Export (sample plan, all-measures plan) ...", flush=True)
            r, n = bench_export(env, args.quick)
            rows, notes = rows + r, notes + n
        if only & {"scale", "filter"}:
            print(f"Generating a {BIG_MEASURES:,}-measure catalogue ...", flush=True)
            big = make_big_catalogue(env)
            if "scale" in only:
                print("Scale: catalogue load, export of 50/200/500 commitments ...", flush=True)
                r, n = bench_scale(env, args.quick, big)
                rows, notes = rows + r, notes + n
            if "filter" in only:
                print("Scale: search-as-you-type in the measure browser ...", flush=True)
                r, n = bench_filter(env, args.quick, big)
                rows, notes = rows + r, notes + n
    took = time.perf_counter() - started
    load_end = load_average()
    if load_start is not None and load_end is not None:
        info["Load average (1 min)"] = (
            f"{load_start:.2f} before the run, {load_end:.2f} after it (the benchmark itself "
            "keeps about one core busy)"
        )
        busy = 0.3 * (os.cpu_count() or 1)
        if load_start > busy:
            notes.append(
                f"the machine was busy before the run (load average {load_start:.2f} > "
                f"{busy:.1f}): absolute times are inflated and noisy; ratios of alternated "
                "runs less so. Re-run on a quiet machine before comparing."
            )
    shown = " " + " ".join(sys.argv[1:]) if sys.argv[1:] else ""
    text = report(info, rows, notes, took, shown)
    print()
    print(table(rows))
    for n in notes:
        print(f"note: {n}")
    misses = [r for r in rows if r.result == "**MISS**"]
    errors = [r for r in rows if r.error]
    for r in misses:
        print(f"MISS: {r.section}: {r.metric} = {r.value} (target {r.target})")
    for r in errors:
        print(f"ERROR: {r.section}: {r.metric} could not be measured")
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")
        print(f"\nWritten to {RESULTS.relative_to(ROOT)} ({took:.0f} s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
