"""In-process benchmark workers; benchmarks/run.py starts each in its own process.

    python benchmarks/workers.py export              sample plan and all-measures plan
    python benchmarks/workers.py scale CATALOGUE     catalogue load, export of 50/200/500
    python benchmarks/workers.py filter CATALOGUE    search-as-you-type in the measure browser

Each prints one JSON object on its last stdout line: {"metrics": {...}, "notes": [...]}. Times
are in seconds. Modules are imported once and every timed operation is warmed up once first.
Everything measured is the app's own code (svplan.export.export_plan, the shipped catalogue,
svplan.ui.models.measure_tree, svplan.ui.measure_browser); nothing is stubbed.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

QUERY = "apprentice"


# Helpers ---------------------------------------------------------------------------------------


def timed(fn: Callable[[], Any], runs: int, warmup: int = 1) -> list[float]:
    """Wall times of `runs` calls of fn after `warmup` untimed ones (gc collected before each)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def summary(times: list[float]) -> dict[str, float]:
    return {"median": statistics.median(times), "max": max(times), "min": min(times)}


# Plans -------------------------------------------------------------------------------------------

BID = {
    "title": "Highways maintenance framework",
    "reference": "LCC/2027/0042",
    "authority": "Lancashire County Council",
    "bidder": "Example Contractors Ltd",
    "contract_value": 2_500_000,
    "start": dt.date(2027, 4, 1),
    "months": 36,
    "version": "1.0",
    "status": "Draft for submission",
    "issued": dt.date(2027, 1, 15),
}
LEAD = {"name": "Sam Taylor", "role": "Social Value Lead", "email": "sam@example.com"}
MONITORING = (
    "Site managers record social value activity monthly on a shared tracker, with the evidence "
    "filed alongside each entry. The Social Value Lead checks the tracker before each quarterly "
    "submission and presents progress at the contract review meetings."
)


def full_commitment(code: str, i: int) -> dict[str, Any]:
    """A commitment with every field filled, with text lengths like the sample plan's."""
    per_year = 2 + i % 5
    return {
        "measure": code,
        "target": per_year * 3,
        "yearly": [per_year, per_year, per_year],
        "owner": f"Operations Manager (team {i % 7 + 1})",
        "resources": (
            f"Budget £{1000 + 250 * (i % 9):,} a year; coordinator one day a week; "
            "site managers' time; materials and travel"
        ),
        "actions": [
            {
                "action": f"Agree the delivery route for {code} with the named partners",
                "due": dt.date(2027, 5 + k * 3, 28),
                "owner": ("Social Value Lead", "HR Manager", "Site Managers")[k],
            }
            for k in range(3)
        ],
        "evidence": (
            f"Monthly log of {code} activity with dates, names and hours, signed by the site "
            "manager; partner confirmation letters filed with the quarterly return"
        ),
        "reporting": ("monthly", "quarterly", "six-monthly", "annually")[i % 4],
        "risks": [
            {
                "risk": "Partner capacity is lower than expected in the first year",
                "mitigation": "A second partner is agreed in advance and the plan is reviewed "
                "at the quarterly meeting with the council",
            },
            {
                "risk": "Site programme changes move activity between years",
                "mitigation": "The yearly split is reviewed each quarter and the total is kept",
            },
        ],
        "notes": f"Counted as the catalogue's counting rule for {code} says.",
    }


def make_plan(codes: list[str]) -> Any:
    from svplan.core.plan import Plan

    return Plan.model_validate(
        {
            "svplan": 1,
            "bid": BID,
            "lead": LEAD,
            "monitoring": MONITORING,
            "commitments": [full_commitment(c, i) for i, c in enumerate(codes)],
        }
    )


def spread(catalogue: Any, n: int) -> list[str]:
    """n measure codes spread evenly over the catalogue (all themes take part)."""
    ms = catalogue.measures
    return [ms[i * len(ms) // n].code for i in range(n)]


# Workers -----------------------------------------------------------------------------------------


def work_export(runs: int) -> dict[str, Any]:
    """Export the sample plan and an all-measures plan of the shipped catalogue."""
    from svplan.core.catalogue import load_default_catalogue
    from svplan.export import export_plan

    notes: list[str] = []
    catalogue = load_default_catalogue()

    sample_path = ROOT / "examples" / "sample.svplan"
    if sample_path.exists():
        from svplan.core.planio import load_plan

        sample = load_plan(sample_path, catalogue).plan
        sample_name = "examples/sample.svplan"
    else:
        sample = make_plan(spread(catalogue, 10))
        sample_name = "generated 10-commitment plan"
        notes.append("examples/sample.svplan missing; a generated 10-commitment plan used")
    everything = make_plan([m.code for m in catalogue.measures])

    metrics: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for key, plan in (("sample", sample), ("all", everything)):
            out = Path(tmp) / f"{key}.docx"
            times = timed(lambda plan=plan, out=out: export_plan(plan, catalogue, out), runs)
            metrics[key] = {
                **summary(times),
                "commitments": len(plan.commitments),
                "bytes": out.stat().st_size,
            }
    metrics["sample"]["name"] = sample_name
    metrics["measures"] = len(catalogue.measures)
    return {"metrics": metrics, "notes": notes}


def work_scale(path: Path, load_runs: int, sizes: list[int]) -> dict[str, Any]:
    """Load the big catalogue, then export plans of growing size against it."""
    from svplan.core.catalogue import load_catalogue
    from svplan.export import export_plan

    catalogue = load_catalogue(path)  # also the warm-up
    load = timed(lambda: load_catalogue(path), load_runs, warmup=0)
    metrics: dict[str, Any] = {
        "load": summary(load),
        "bytes": path.stat().st_size,
        "measures": len(catalogue.measures),
        "partners": len(catalogue.partners),
    }
    exports = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            plan = make_plan(spread(catalogue, n))
            out = Path(tmp) / f"plan-{n}.docx"
            runs = 5 if n <= 50 else 3
            times = timed(lambda plan=plan, out=out: export_plan(plan, catalogue, out), runs)
            exports[str(n)] = {**summary(times), "per_commitment": statistics.median(times) / n}
    metrics["export"] = exports
    return {"metrics": metrics, "notes": []}


def _query_setter(proxy: Any) -> Callable[[str], None]:
    """The filter's 'set the search text' method, whatever the UI engineer named it."""
    for name in ("set_query", "set_search_text", "setSearchText", "set_filter_text", "set_text"):
        fn = getattr(proxy, name, None)
        if callable(fn):
            return fn
    raise SystemExit(f"{type(proxy).__name__} has no method to set the search text")


def work_filter(path: Path, rounds: int) -> dict[str, Any]:
    """Type QUERY one character at a time: into the proxy alone, then into the real browser."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QModelIndex
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMainWindow

    from svplan.core.catalogue import load_catalogue
    from svplan.ui import models
    from svplan.ui.measure_browser import MeasureBrowser
    from svplan.ui.models.measure_tree import KindRole, MeasureTreeModel
    from svplan.ui.plan_document import PlanDocument

    app = QApplication.instance() or QApplication([])
    catalogue = load_catalogue(path)
    document = PlanDocument(catalogue, make_plan(spread(catalogue, 50)))
    metrics: dict[str, Any] = {}

    build = timed(lambda: MeasureTreeModel(document), 3)
    metrics["model_build"] = summary(build)

    model = MeasureTreeModel(document)
    proxy_class = getattr(models, "MeasureFilterProxy", None)
    if proxy_class is not None:  # today: a QSortFilterProxyModel over the tree model
        proxy = proxy_class()
        proxy.setSourceModel(model)
        metrics["filter"] = "proxy"
    else:  # should the filtering move into the tree model itself
        proxy = model
        metrics["filter"] = "model"
    set_query = _query_setter(proxy)

    def walk() -> int:
        """Visit every visible row as an expanded tree view does; returns the measures shown.

        Visiting a parent makes the proxy build its mapping, so the next filter change
        re-filters every row on screen, as it does in the app (a proxy nobody has looked into
        filters almost nothing, which would flatter it).
        """
        count = 0
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            children = [proxy.index(r, 0, parent) for r in range(proxy.rowCount(parent))]
            for child in children:
                if child.data(KindRole) == "measure":
                    count += 1
                else:
                    stack.append(child)
        return count

    def remap() -> None:
        """Make the proxy map every visible heading again, as the view's next layout does.

        A proxy may invalidate lazily (a layout change) and filter the rows only when they are
        next asked for: that work belongs to the keystroke, not to the untimed walk.
        (rowCount on a heading maps it; themes hold outcomes, outcomes hold measures.)
        """
        for t in range(proxy.rowCount()):
            theme = proxy.index(t, 0)
            for o in range(proxy.rowCount(theme)):
                proxy.rowCount(proxy.index(o, 0, theme))

    walk()
    per_key: list[float] = []
    for r in range(rounds + 1):  # round 0 is the warm-up
        for i in range(1, len(QUERY) + 1):
            t0 = time.perf_counter()
            set_query(QUERY[:i])
            remap()
            elapsed = time.perf_counter() - t0
            shown = walk()  # untimed: what the view would then ask for
            if r:
                per_key.append(elapsed)
        metrics["matches"] = shown
        set_query("")
        walk()
    metrics["proxy"] = {**summary(per_key), "keystrokes": len(per_key)}

    # The real widget: key events into the search box, the browser's own reaction (filter,
    # expand, status line), then the event loop until layout and paint are done.
    def settle() -> None:
        """Run the event loop until it is idle: the keystroke's layout and then its paint.

        One processEvents() is not enough: the paint a layout asks for is posted while it
        runs, so it would be timed with the next keystroke, and what the untimed clearing of
        the search box left to do would be timed with the first keystroke of the next round.
        """
        dispatcher = app.eventDispatcher()
        for _ in range(20):  # bounded, should a timer keep firing
            if not dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents):
                break

    window = QMainWindow()
    browser = MeasureBrowser(document, window)
    window.setCentralWidget(browser)
    window.resize(420, 800)
    window.show()
    settle()
    browser.search.setFocus()
    widget: list[float] = []
    for r in range(rounds + 1):
        for ch in QUERY:
            t0 = time.perf_counter()
            QTest.keyClick(browser.search, ch)
            settle()
            elapsed = time.perf_counter() - t0
            if r:
                widget.append(elapsed)
        browser.search.clear()
        settle()
    metrics["widget"] = {**summary(widget), "keystrokes": len(widget)}
    window.close()
    metrics["measures"] = len(catalogue.measures)
    return {"metrics": metrics, "notes": []}


def main(argv: list[str]) -> int:
    kind = argv[0] if argv else ""
    quick = "--quick" in argv
    if kind == "export":
        result = work_export(runs=3 if quick else 7)
    elif kind == "scale":
        result = work_scale(Path(argv[1]), load_runs=2 if quick else 3, sizes=[50, 200, 500])
    elif kind == "filter":
        result = work_filter(Path(argv[1]), rounds=2 if quick else 5)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
