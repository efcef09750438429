"""What the editor says about a measure and a commitment, as plain text (no Qt).

The commitment editor shows these sentences; the rules behind them (which partners count, which
findings matter most) live here so they are tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

from svplan.core.catalogue import ActionRoute, Catalogue, Measure
from svplan.core.checks import Finding, Severity
from svplan.core.edits import engaged_partner_ids
from svplan.core.plan import Commitment

TODO_SHOWN = 4


@dataclass(frozen=True)
class Todo:
    """What is still to do for one commitment: "ok", "warn" (problems) or "note" (warnings)."""

    state: str
    text: str


def route_actions(measure: Measure) -> list[str]:
    """The delivery approaches the catalogue suggests where it names no partner."""
    return [r.action for r in measure.routes if isinstance(r, ActionRoute)]


def todo(findings: list[Finding], code: str) -> Todo:
    """The findings for one measure: problems first (or warnings when there are none)."""
    key = code.upper()
    mine = [f for f in findings if f.code.upper() == key]
    problems = [f for f in mine if f.severity is Severity.PROBLEM]
    if not mine:
        return Todo("ok", "✓ Everything an evaluator looks for is here.")
    items = [f.message for f in (problems or mine)]
    lines = [f"•  {m[0].upper()}{m[1:]}" for m in items[:TODO_SHOWN]]
    more = len(items) - TODO_SHOWN
    if more > 0:
        lines.append(f"•  …and {more} more (see the Overview)")
    lead = "Still to do:" if problems else "Worth a look:"
    return Todo("warn" if problems else "note", "\n".join([lead, *lines]))


def partners_note(catalogue: Catalogue, measure: Measure, c: Commitment | None) -> str:
    """One line on the partners a commitment engages (or the route, when none is named)."""
    suggested = measure.partner_ids
    if suggested:
        included = engaged_partner_ids(catalogue, measure.code, c)
        names = [catalogue.partner(p).name for p in included if catalogue.has_partner(p)]
        return (
            f"{len(included)} of {len(suggested)} suggested partners included"
            + (f": {', '.join(names)}" if names else "")
            + ". Choose them in the Partners panel."
        )
    routes = route_actions(measure)
    if routes:
        return "No named partner; suggested route: " + "; ".join(routes)
    return "The catalogue names no partner for this measure."


def not_committed(measure: Measure) -> tuple[str, str]:
    """For a measure not in the plan: how to commit to it, and the guidance worth reading."""
    how = (
        f"{measure.code} is not in your plan yet. To commit to it, tick “Commit to this "
        "measure” above (or press Space on it in the list of measures); then set a target "
        "and say how you will deliver it."
    )
    parts = []
    if measure.counting:
        parts.append(f"How it is counted: {measure.counting}")
    partners = len(measure.partner_ids)
    if partners:
        parts.append(
            f"{partners} partner organisation{'s' if partners != 1 else ''} can help "
            "with this measure (see Partners on the right)."
        )
    parts += [f"Suggested route: {r}" for r in route_actions(measure)]
    return how, "\n\n".join(parts)
