"""After the award: `svplan award`, `import-actuals`, `status` and `report`.

Each reads the plan with the same safeguards as the app; a change is saved atomically with the
previous file kept as NAME.svplan.bak. Bad input is exit 2 and one line on stderr, and nothing
changes. docs/delivery.md explains the delivery year.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from svplan.commands.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    fail,
    load_plan_for,
    one_line,
    print_lines,
    saved,
    warn,
)

REPORT_SUFFIXES = (".docx", ".xlsx", ".csv")


def register(sub: argparse._SubParsersAction) -> None:
    award = sub.add_parser(
        "award", help="mark a plan awarded: its targets and profile become the baseline"
    )
    award.add_argument("plan", type=Path, help="the .svplan file")
    award.add_argument("--date", help="the award date, e.g. 15/03/2027 (default: today)")
    award.set_defaults(func=cmd_award)

    imp = sub.add_parser(
        "import-actuals",
        help="import actuals from CSV or XLSX (columns measure, quarter, actual, note)",
    )
    imp.add_argument("plan", type=Path, help="the .svplan file")
    imp.add_argument("file", type=Path, help="the actuals, .csv or .xlsx")
    imp.add_argument("--dry-run", action="store_true", help="print the preview and change nothing")
    imp.set_defaults(func=cmd_import)

    status = sub.add_parser(
        "status", help="each commitment's delivery status (exit 0 when every one is Good)"
    )
    status.add_argument("plan", type=Path, help="the .svplan file")
    status.add_argument("--quarter", help="rate up to this quarter, e.g. Y1Q3 (default: latest)")
    status.add_argument("--json", action="store_true", help="print as JSON")
    status.set_defaults(func=cmd_status)

    report = sub.add_parser("report", help="the quarterly delivery report (.docx, .xlsx or .csv)")
    report.add_argument("plan", type=Path, help="the .svplan file")
    report.add_argument("-o", "--output", type=Path, required=True, help="OUT.docx|.xlsx|.csv")
    report.add_argument(
        "--quarter", help="the quarter, e.g. Y1Q3 (default: the latest with any actual)"
    )
    report.set_defaults(func=cmd_report)


def _date(text: str | None):  # type: ignore[no-untyped-def]
    import datetime as dt

    from svplan.core.dates import parse_date

    return dt.date.today() if text is None else parse_date(text)


def cmd_award(args: argparse.Namespace) -> int:
    from svplan.core.dates import DateError, format_date
    from svplan.core.delivery import award

    try:
        day = _date(args.date)
    except DateError as exc:
        return fail(f"--date: {exc}")
    plan, _catalogue = load_plan_for(args)
    awarded = award(plan, day)
    n = len(awarded.delivery.baseline)
    return saved(
        awarded,
        args.plan,
        f"{args.plan.name}: marked awarded on {format_date(day)}; the targets and profiles of "
        f"{n} commitment{'s' if n != 1 else ''} are the baseline.",
    )


def cmd_import(args: argparse.Namespace) -> int:
    from svplan.core.actuals_import import apply_import, preview_import

    plan, catalogue = load_plan_for(args)
    if args.file.resolve() == args.plan.resolve():
        return fail(f"{args.file.name} is the plan itself, not an actuals file.")
    preview = preview_import(plan, catalogue, args.file)
    print_lines(preview.lines())
    if not preview.ok:
        return fail(preview.error_sentence())
    count = len(preview.new) + len(preview.changes)
    if args.dry_run:
        print(f"Dry run: {count} actual{'s' if count != 1 else ''} would change; nothing was.")
        return EXIT_OK
    if not count:
        print(f"{args.plan.name}: nothing to change; the plan was not saved.")
        return EXIT_OK
    return saved(
        apply_import(plan, preview),
        args.plan,
        f"{args.plan.name}: {len(preview.new)} new and {len(preview.changes)} changed actuals "
        f"saved (the previous version is {args.plan.name}.bak).",
    )


def _status_for(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from svplan.core.actuals import quarter_in_contract
    from svplan.core.delivery import delivery_status, require_awarded

    plan, catalogue = load_plan_for(args)
    require_awarded(plan)
    as_of = quarter_in_contract(plan, args.quarter) if args.quarter else None
    return plan, catalogue, delivery_status(plan, catalogue, as_of)


def cmd_status(args: argparse.Namespace) -> int:
    import json

    from svplan.core.delivery import COUNT_KEYS, percent

    _plan, _catalogue, status = _status_for(args)
    for w in status.warnings:
        warn(w)
    q = status.as_of
    if args.json:
        doc = {
            "quarter": q.key if q else None,
            "starts": q.start.isoformat() if q else None,
            "ends": q.end.isoformat() if q else None,
            "all_good": status.all_good,
            "counts": status.counts,
            "commitments": [_json_row(s) for s in status.commitments],
            "warnings": list(status.warnings),
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        print(f"Status at the end of {q.label}:" if q else "No actuals are recorded yet.")
        for s in status.commitments:
            now = s.now
            if now is None or not s.effective.rated:
                detail = "no target" if not s.effective.rated else "nothing reported yet"
            elif s.level_measure:
                detail = f"level {s.format(now.cumulative)} against {s.format(now.to_date)} due"
            else:
                detail = (
                    f"{s.format(now.cumulative)} of {s.format(now.to_date)} due to date "
                    f"({percent(now.ratio)})"
                )
            extra = "; recovery action needed" if s.needs_recovery else ""
            print(one_line(f"{s.code:<6} {s.label:<21} {detail}{extra}"))
        print(" · ".join(f"{k} {status.counts[k]}" for k in COUNT_KEYS))
    return EXIT_OK if status.all_good else EXIT_FINDINGS


def _json_row(s) -> dict:  # type: ignore[no-untyped-def]
    now = s.now
    return {
        "code": s.code,
        "status": s.label,
        "level_measure": s.level_measure,
        "target": s.effective.target,
        "profile_to_date": now.to_date if now and s.effective.rated else None,
        "actual_to_date": now.cumulative if now else None,
        "ratio": now.ratio if now else None,
        "needs_recovery": s.needs_recovery,
        "recovery": [
            {
                "quarter": r.quarter,
                "action": r.action,
                "owner": r.owner,
                "due": r.due.isoformat() if r.due else None,
            }
            for r in s.recovery
        ],
    }


def cmd_report(args: argparse.Namespace) -> int:
    import datetime as dt

    from svplan.core.outputs import check_output

    out = check_output(
        args.output,
        {"plan": args.plan, "catalogue": args.catalogue},
        suffixes=REPORT_SUFFIXES,
        verb="write",
    )
    suffix = out.suffix.lower()
    plan, catalogue, status = _status_for(args)
    if status.as_of is None:
        return fail(
            "No actuals are recorded yet, so there is no quarter to report; import actuals "
            "first or give --quarter."
        )
    if suffix == ".docx":
        from svplan.export.report_docx import write_report_docx

        write_report_docx(plan, catalogue, status, out, dt.date.today())
    else:
        from svplan.export.report_table import write_report_table

        write_report_table(plan, catalogue, status, out)
    print(out)
    return EXIT_OK
