"""`svplan new`'s contract options (--start, --months, --value) and `--from OLD.svplan`.

The `new` command itself is in svplan.cli; this module reads its contract options through the
shared parsers (core.dates, core.amounts) and starts a plan from a past bid (core.reuse).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from svplan.commands.common import EXIT_OK, fail, load_plan_for, one_line
from svplan.core.errors import SvplanError
from svplan.core.plan import MAX_MONTHS


def register(sub: argparse._SubParsersAction) -> None:
    """No command of its own: `svplan new` (svplan.cli) uses the functions below."""


def contract_terms(args: argparse.Namespace) -> dict[str, Any]:
    """{"start", "months", "contract_value"} for the options given; SvplanError (exit 2, one line
    naming the value) for one that cannot be read. Nothing is guessed."""
    from svplan.core.amounts import AmountError, parse_amount
    from svplan.core.dates import DateError, parse_date

    terms: dict[str, Any] = {}
    if args.start is not None:
        try:
            terms["start"] = parse_date(args.start)
        except DateError as exc:
            raise SvplanError(f"--start: {exc}") from None
    if args.months is not None:
        text = args.months.strip()
        if not text.isdigit() or not 1 <= int(text) <= MAX_MONTHS:
            raise SvplanError(
                f"--months: '{one_line(args.months)[:20]}' is not a number of months; give the "
                f"contract length as a whole number of months from 1 to {MAX_MONTHS}, e.g. 36"
            )
        terms["months"] = int(text)
    if args.value is not None:
        try:
            terms["contract_value"] = parse_amount(args.value, what="contract value")
        except AmountError as exc:
            raise SvplanError(f"--value: {exc}") from None
    return terms


def from_past_bid(args: argparse.Namespace, out: Path, terms: dict[str, Any]) -> int:
    """Write a new plan at `out` from the past bid `args.source`, which is only read."""
    from svplan.core.planio import save_plan
    from svplan.core.reuse import needs_review, plan_from_past_bid, review_text

    source: Path = args.source
    if out.resolve() == source.resolve():
        return fail(f"{out.name}: the new plan would overwrite the past bid; choose another name")
    old, catalogue = load_plan_for(args, source)
    bid = {
        "title": args.bid_title,
        "reference": args.reference,
        "authority": args.authority,
        "bidder": args.bidder,
    }
    result = plan_from_past_bid(
        old,
        catalogue,
        value=terms.get("contract_value"),
        months=terms.get("months"),
        start=terms.get("start"),
        bid=bid,
    )
    save_plan(result.plan, out)
    print(out)
    count = len(result.plan.commitments)
    print(f"Copied {count} commitment{'s' if count != 1 else ''} from {source.name}.")
    if result.factor is not None:
        print(f"Targets scaled by {result.factor:.3g} ({result.basis}).")
    elif terms.get("contract_value") is not None or terms.get("months") is not None:
        print(f"Targets not scaled: {source.name} has no contract value or length to scale from.")
    for code, fields in needs_review(result.plan):
        print(f"  Check {code}: {review_text(fields)}")
    print("Cleared: " + "; ".join(result.cleared) + ".")
    return EXIT_OK
