"""Money values: `svplan value` (the plan in £) and `svplan proxies import|remove`.

The proxy table is the bidder's own (their authority's calculator, the tender pack); the product
ships none (docs/money.md). `value --proxies FILE` uses a table without saving it; `proxies
import` previews a table and saves it into the plan atomically, keeping NAME.svplan.bak. Bad
input is exit 2 and one line on stderr, and the plan is not changed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from svplan.commands.common import EXIT_OK, fail, load_plan_for, one_line, print_lines, saved, warn


def register(sub: argparse._SubParsersAction) -> None:
    value = sub.add_parser(
        "value", help="the plan's social value in £ at your proxy values, and pence per £1"
    )
    value.add_argument("plan", type=Path, help="the .svplan file")
    value.add_argument(
        "--proxies",
        type=Path,
        metavar="FILE",
        help="use this proxy table (.csv or .xlsx) instead of the plan's, without saving it",
    )
    value.add_argument("--json", action="store_true", help="print as JSON")
    value.set_defaults(func=cmd_value)

    proxies = sub.add_parser("proxies", help="import or remove the plan's proxy table")
    actions = proxies.add_subparsers(dest="proxies_command", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import",
        help="import proxy values from CSV or XLSX (columns measure, value; optional unit, "
        "source, year, per_level)",
    )
    imp.add_argument("plan", type=Path, help="the .svplan file")
    imp.add_argument("file", type=Path, help="the proxy table, .csv or .xlsx")
    imp.add_argument("--source", default="", help="where the values come from (wins over the file)")
    imp.add_argument("--year", default="", help="the year of the values, e.g. 2025/26")
    imp.add_argument("--name", default="", help="a name for the table (default: the file name)")
    imp.add_argument("--dry-run", action="store_true", help="print the preview and change nothing")
    imp.set_defaults(func=cmd_import)
    remove = actions.add_parser("remove", help="take the proxy table out of the plan")
    remove.add_argument("plan", type=Path, help="the .svplan file")
    remove.set_defaults(func=cmd_remove)


def cmd_value(args: argparse.Namespace) -> int:
    from svplan.core.money import value_plan

    plan, catalogue = load_plan_for(args)
    table = None
    if args.proxies is not None:
        preview = _read(args.proxies, catalogue, plan)
        for line in preview.concerns():
            warn(line)
        table = preview.table
    summary = value_plan(plan, catalogue, table)
    if summary is None:
        return fail(
            f"{args.plan.name} has no proxy values; import your authority's table with "
            f"'svplan proxies import {args.plan.name} FILE', or give one with --proxies FILE"
        )
    if args.json:
        import json

        print(json.dumps(summary_data(summary, plan), indent=2, ensure_ascii=False))
    else:
        print_lines(summary_lines(summary, plan))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    plan, catalogue = load_plan_for(args)
    preview = _read(args.file, catalogue, plan, source=args.source, year=args.year, name=args.name)
    print_lines(preview.lines())
    if not preview.table.source:
        message = (
            f"{args.file.name} names no source; add a 'source' column or give --source "
            '(e.g. --source "Lancashire social value calculator")'
        )
        if args.dry_run:
            print(one_line(f"Before importing: {message}."))
        else:
            return fail(f"{message}; the plan was not changed")
    if args.dry_run:
        print("Dry run: the plan was not changed.")
        return EXIT_OK
    count = len(preview.table.values)
    return saved(
        preview.apply(plan),
        args.plan,
        f"Saved {args.plan.name}: {count} proxy value{'s' if count != 1 else ''} from "
        f"{preview.table.source} (the previous file is {args.plan.name}.bak).",
    )


def cmd_remove(args: argparse.Namespace) -> int:
    plan, _catalogue = load_plan_for(args)
    if plan.proxies is None:
        print(f"{args.plan.name} has no proxy table; nothing changed.")
        return EXIT_OK
    return saved(
        plan.model_copy(update={"proxies": None}),
        args.plan,
        f"Removed the proxy table from {args.plan.name} (the previous file is .bak).",
    )


def _read(path: Path, catalogue: Any, plan: Any, **options: str) -> Any:
    from svplan.core.proxy_import import read_proxy_file

    return read_proxy_file(path, catalogue, plan, **options)


def summary_lines(summary: Any, plan: Any) -> list[str]:
    """The plan in £ as text lines: one per commitment, then themes, years and the total."""
    from svplan.core.amounts import pounds
    from svplan.core.money import CAVEAT, attribution, money_text, pence_text

    years = _years(plan)
    out = [f"Proxy values: {attribution(summary.proxies)}", ""]
    width = max((len(i.code) for i in summary.items), default=4)
    for item in summary.items:
        label = item.short if len(item.short) <= 44 else item.short[:43] + "…"
        if item.valued:
            out.append(
                f"{item.code:<{width}}  {label:<44}  {money_text(item.total):>12}  {item.basis}"
            )
        else:
            out.append(f"{item.code:<{width}}  {label:<44}  {'no £ value':>12}  {item.reason}")
        if item.note:
            out.append(f"{'':<{width}}  note: {item.note}")
    out.append("")
    out.append("By theme: " + " · ".join(f"{name} {money_text(v)}" for name, v in summary.by_theme))
    if summary.years:
        out.append(
            "By year: "
            + " · ".join(f"{_label(years, i)} {money_text(v)}" for i, v in enumerate(summary.years))
            + (f" · not profiled {money_text(summary.unprofiled)}" if summary.unprofiled else "")
        )
    total = f"Total: {money_text(summary.total)}"
    ratio = summary.pence_per_pound
    if ratio is not None:
        total += (
            f", {pence_text(ratio)} per £1 of the {pounds(summary.contract_value)} contract value"
        )
    else:
        total += " (give the contract value to see pence per £1)"
    out += [total, CAVEAT]
    return out


def summary_data(summary: Any, plan: Any) -> dict[str, Any]:
    """The plan in £ for --json: exact amounts as decimal text, and the rounded text beside."""
    from svplan.core.money import attribution, money_text, pence_text, plain

    years = _years(plan)
    ratio = summary.pence_per_pound
    t = summary.proxies
    return {
        "plan": str(plan.bid.title),
        "proxies": {
            "name": t.name,
            "source": t.source,
            "year": t.year,
            "attribution": attribution(t),
        },
        "total": plain(summary.total),
        "total_text": money_text(summary.total),
        "contract_value": plain(summary.contract_value),
        "pence_per_pound": plain(ratio),
        "pence_per_pound_text": pence_text(ratio) if ratio is not None else None,
        "measures": [
            {
                "code": i.code,
                "measure": i.short,
                "theme": i.theme,
                "quantity": plain(i.quantity),
                "per_unit": plain(i.per_unit),
                "per_level": i.level,
                "years": [plain(v) for v in i.years],
                "total": plain(i.total),
                "total_text": money_text(i.total),
                "reason": i.reason,
                "note": i.note,
            }
            for i in summary.items
        ],
        "themes": [{"theme": n, "total": plain(v)} for n, v in summary.by_theme],
        "years": [
            {"year": i + 1, "label": _label(years, i), "total": plain(v)}
            for i, v in enumerate(summary.years)
        ],
        "not_valued": [i.code for i in summary.unvalued],
    }


def _years(plan: Any) -> list[Any]:
    from svplan.core.periods import contract_years

    return contract_years(plan.bid.start, plan.bid.months)


def _label(years: list[Any], index: int) -> str:
    """'Year 1 (Apr 2027 – Mar 2028)' with ordinary spaces, for terminals and scripts."""
    from svplan.core.periods import year_label

    return year_label(years, index).replace("\u00a0", " ")
