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
from collections.abc import Callable
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


def timed(section: str, metric: str, seconds: float, key: str = "", unit: str = "s") -> Row:
    """A time, shown in seconds (or ms), checked against the target of `key`."""
    return Row(section, metric, _ms(seconds) if unit == "ms" else _s(seconds), key, seconds)


def ratio(section: str, metric: str, of: dict[str, float], key: str = "") -> Row:
    """The app's figure over the bare window's, checked against the target of `key`."""
    value = of["app"] / of["bare"]
    return Row(section, metric, f"{value:.2f}", key, value)


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


def _line_after(path: str, prefix: str) -> str | None:
    """What follows `prefix` on the first line of the file that starts with it, if any."""
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return None
    return next((line[len(prefix) :] for line in lines if line.startswith(prefix)), None)


def machine(env: dict[str, str]) -> dict[str, str]:
    cpu = _line_after("/proc/cpuinfo", "model name")  # "\t: Intel(R) ..."
    cpu = cpu.split(":", 1)[1].strip() if cpu else platform.processor() or "unknown"
    ram = _line_after("/proc/meminfo", "MemTotal:")  # "   24576000 kB"
    ram = f"{int(ram.split()[0]) / 1024 / 1024:.1f} GiB" if ram else "unknown"
    os_name = _line_after("/etc/os-release", "PRETTY_NAME=")
    if os_name:
        os_name = f"{os_name.strip(chr(34))} (Linux {platform.release()})"
    else:
        os_name = platform.platform()
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
    replica = [PY, str(HERE / "replica_window.py")]  # the same first frame, plain PySide6
    app, label = [PY, "-m", "svplan", "--smoke-start"], "svplan --smoke-start"
    if find_spec("svplan.ui.app") is None:
        return [Row("Start-up", label, "missing", error=True)], ["svplan.ui.app does not exist"]
    results: dict[str, list[dict[str, Any]]] = {"bare": [], "app": [], "replica": []}
    for i in range(runs + 1):  # alternate, in this one process tree; run 0 is the warm-up
        for kind, cmd in (("bare", bare), ("app", app), ("replica", replica)):
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
            ratio("Start-up", "on-screen ratio app / bare", shown, "onscreen_ratio"),
            Row(
                "Start-up",
                "on screen: its first frame in plain PySide6 (replica_window.py) / bare",
                f"{shown['replica'] / shown['bare']:.2f}",
            ),
        ]
    wall = {k: statistics.median(r["wall"] for r in v) for k, v in results.items()}
    rows += [
        Row("Start-up", f"bare PySide6 window exits, median of {runs}", _s(wall["bare"])),
        Row("Start-up", f"{label} ready (exits), median of {runs}", _s(wall["app"])),
        ratio("Start-up", "ready ratio app / bare", wall, "startup_ratio"),
    ]
    if all(r["rss"] for v in results.values() for r in v):
        cpu = {k: statistics.median(r["cpu"] for r in v) for k, v in results.items()}
        rows.append(
            ratio(
                "Start-up",
                f"CPU time (user+sys) ratio app / bare ({_s(cpu['app'])} / {_s(cpu['bare'])})",
                cpu,
            )
        )
        rss = {k: statistics.median(r["rss"] for r in v) for k, v in results.items()}
        launcher = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        rows += [
            Row("Start-up", "peak RSS, bare window", _mb(rss["bare"])),
            Row("Start-up", f"peak RSS, {label}", _mb(rss["app"])),
            Row("Start-up", "peak RSS, its first frame in plain PySide6", _mb(rss["replica"])),
            ratio("Start-up", "peak RSS ratio app / bare", rss, "rss_ratio"),
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


def run_worker(
    args: list[str], env: dict[str, str], quick: bool, timeout: float = 400
) -> dict[str, Any]:
    """One benchmarks/workers.py run: its metrics and notes, or {"error": why it failed}."""
    args = [*args, "--quick"] if quick else args
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


RowsOf = Callable[[dict[str, Any], bool], list[Row]]  # (a worker's metrics, --quick) -> rows


def bench(
    args: list[str], env: dict[str, str], quick: bool, rows: RowsOf, failed: tuple[str, str]
) -> tuple[list[Row], list[str]]:
    """A worker's figures as rows (`rows(metrics, quick)`) and its notes; if the worker failed,
    the `failed` (section, metric) row marked ERROR, and why."""
    res = run_worker(args, env, quick)
    if "error" in res:
        return [Row(*failed, "failed", error=True)], [res["error"]]
    return rows(res["metrics"], quick), res["notes"]


def export_rows(m: dict[str, Any], quick: bool) -> list[Row]:
    runs = "3" if quick else "7"
    sample = f"{m['sample']['name']} ({m['sample']['commitments']} commitments)"
    return [
        timed("Export", f"{sample}, median of {runs}", m["sample"]["median"], "export_sample"),
        timed(
            "Export",
            f"all {m['measures']} measures, every field filled, median of {runs}",
            m["all"]["median"],
            "export_all",
        ),
    ]


def scale_rows(m: dict[str, Any], quick: bool) -> list[Row]:
    size = f"{m['measures']:,} measures, {m['partners']:,} partners, {m['bytes'] / 1e6:.1f} MB"
    rows = [timed("Scale", f"catalogue load ({size}), median", m["load"]["median"], "load_big")]
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
    metric = f"export cost growth: per commitment at {sizes[-1]} / at {sizes[0]}"
    rows.append(Row("Scale", metric, f"{growth:.2f}", "export_growth", growth))
    return rows


def filter_rows(m: dict[str, Any], quick: bool) -> list[Row]:
    q = f'"apprentice" typed ({m["matches"]} of {m["measures"]:,} match)'
    keystroke = f"filter per keystroke, {m.get('filter', 'proxy')}"
    proxy = m["proxy"]
    rows = [
        timed("Scale", "measure tree model build", m["model_build"]["median"], unit="ms"),
        timed("Scale", f"{keystroke}, median — {q}", proxy["median"], "proxy_median", unit="ms"),
        timed("Scale", f"{keystroke}, max", proxy["max"], "proxy_max", unit="ms"),
    ]
    if "widget" in m:
        browser, widget = "keystroke in the measure browser", m["widget"]
        rows += [
            timed(
                "Scale",
                f"{browser} (filter, expand, status, paint), median",
                widget["median"],
                "widget_median",
                unit="ms",
            ),
            timed("Scale", f"{browser}, max", widget["max"], "widget_max", unit="ms"),
        ]
    return rows


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
            r, n = bench(["export"], env, args.quick, export_rows, ("Export", "export"))
            rows, notes = rows + r, notes + n
        if only & {"scale", "filter"}:
            print(f"Generating a {BIG_MEASURES:,}-measure catalogue ...", flush=True)
            big = make_big_catalogue(env)
            if "scale" in only:
                print("Scale: catalogue load, export of 50/200/500 commitments ...", flush=True)
                failed = ("Scale", "catalogue load and export")
                r, n = bench(["scale", str(big)], env, args.quick, scale_rows, failed)
                rows, notes = rows + r, notes + n
            if "filter" in only:
                print("Scale: search-as-you-type in the measure browser ...", flush=True)
                failed = ("Scale", "search filter")
                r, n = bench(["filter", str(big)], env, args.quick, filter_rows, failed)
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
