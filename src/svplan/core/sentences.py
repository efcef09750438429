"""Quantities read as sentences a person wrote: one pattern per kind of unit (no Qt, no Word).

The public entry points (used by the Word plan, the tender answer and the app):

- ``commitment_sentence(commitment, catalogue, plan)`` -> the whole commitment in one sentence,
  in the bidder's voice: "Example Contractors Ltd will employ 6 local people full time in each
  year of the 36-month contract (1 April 2027 to 31 March 2030): 18 FTE-years in total."
- ``commitment_clause(...)`` -> the same without subject, period and full stop ("employ 6 local
  people full time in each contract year (18 FTE-years)"), for composing other sentences.
- ``quantity(unit, value, decimals)``, ``decimals_for(unit, values)`` -> quantities with the same
  number of decimals for every figure of one commitment ("10.0, 15.0 and 20.5 tCO2e").
- ``share_of_contract(value, plan)`` -> "30%" of the contract value, for £ measures.

Kinds of unit, each with its pattern (the object comes from the measure's short title):

==========  ==============================================================================
people      employ 6 local people full time in each contract year (18 FTE-years);
            disadvantaged groups: employ 3 long-term unemployed people (3 FTE, each
            counted in their first year of employment)
level       pay 100% of contract staff at least the Real Living Wage in every contract year
spend       spend £750,000 (30% of the contract value) in the local supply chain
invest      invest £10,000, including staff time, in initiatives to reduce the gender pay gap
give        give £5,000 in donations and in-kind contributions to local projects
hours       give 40 staff hours on school and college visits in each contract year (120 hours)
weeks       provide 520 weeks of apprenticeships or T-Levels
carbon      save 45 tCO2e through de-carbonisation
tonnes      divert 12 tonnes of hard to recycle waste from landfill; reduce plastics by 2 tonnes
==========  ==============================================================================

A measure whose title fits no pattern reads "deliver 25 units against NT99 (Its title)"; a code
the catalogue does not know reads "deliver 25 against SOC99". Nothing here invents a figure: a
missing target gives a sentence that says the target is to be confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from svplan.core.catalogue import Catalogue, Measure, Unit
from svplan.core.dates import format_long_date
from svplan.core.plan import Commitment, Plan

__all__ = [
    "commitment_clause",
    "commitment_sentence",
    "decimals_for",
    "join_words",
    "quantity",
    "share_of_contract",
    "unit_kind",
]

EPSILON = 1e-9
_ONE = re.compile(r"(?<![\d,.])1 ((?:[a-z]+ )?)(hours|weeks|employees|tonnes|miles)\b")


# Numbers ------------------------------------------------------------------------------------------


def _places(value: float, limit: int) -> int:
    """How many decimals `value` needs, at most `limit` (12.50 -> 1, 12 -> 0)."""
    text = f"{value:.{limit}f}"
    if "." not in text:
        return 0
    return len(text.split(".")[1].rstrip("0"))


def decimals_for(unit: Unit | None, values: Sequence[float | None]) -> int:
    """One number of decimals for every figure of a commitment (target, years, totals).

    0 when every value is whole; else the most any value needs, capped at the unit's decimals
    (so "10.0, 15.0 and 20.5 tCO2e", never "10, 15 and 20.5"). Money shows pence as 2 places.
    """
    limit = unit.decimals if unit is not None else 2
    needed = max((_places(v, limit) for v in values if v is not None), default=0)
    if needed and unit is not None and unit.prefix == "£":
        return 2
    return min(needed, limit)


def number(value: float, decimals: int = 0) -> str:
    """2500000 -> '2,500,000'; with decimals, always that many places."""
    return f"{value:,.{decimals}f}"


def quantity(unit: Unit | None, value: float | None, decimals: int | None = None) -> str:
    """A value in its unit: '6 FTE', '£25,000', '100%', '45.5 tCO2e'; '' for None.

    `decimals` (from decimals_for) keeps a commitment's figures alike; None: as the value needs.
    """
    if value is None:
        return ""
    if decimals is None:
        decimals = decimals_for(unit, [value])
    text = number(value, decimals)
    if unit is None:
        return text
    text = f"{unit.prefix}{text}"
    if not unit.suffix:
        return text
    gap = "" if unit.suffix.startswith("%") else " "
    return f"{text}{gap}{singular(unit.suffix) if value == 1 else unit.suffix}"


def singular(words: str) -> str:
    """'hours' -> 'hour', 'car miles' -> 'car mile', 'people' -> 'person' (for a count of one);
    acronyms and words that are not plain plurals stay ('FTE', 'tCO2e', '%')."""
    if words.endswith("people"):
        return words[: -len("people")] + "person"
    last = words.rsplit(" ", 1)[-1]
    if len(last) > 2 and last.endswith("s") and last[:-1].islower() and not last.endswith("ss"):
        return words[:-1]
    if last.endswith("s") and last[:-1].isupper() and len(last) > 2:  # 'NEETs'
        return words[:-1]
    return words


def _singular_group(who: str) -> str:
    """'survivors of modern slavery' -> 'survivor of modern slavery'; 'care leavers aged
    16-25' -> 'care leaver aged 16-25': the noun before ' of '/' aged '/' who ' goes singular."""
    for joint in (" of ", " aged ", " who ", " with "):
        if joint in who:
            head, tail = who.split(joint, 1)
            return f"{singular(head)}{joint}{tail}"
    return singular(who)


def share_of_contract(value: float | None, plan: Plan) -> str:
    """'30%' of the contract value ('' when either is unknown); '<0.1%' for a sliver."""
    total = plan.bid.contract_value
    if value is None or not total:
        return ""
    share = value / total * 100
    if 0 < share < 0.1:
        return "less than 0.1%"
    text = f"{share:,.1f}".rstrip("0").rstrip(".") if share < 10 else f"{share:,.0f}"
    return f"{text}%"


def join_words(items: Sequence[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


# Kinds of unit ------------------------------------------------------------------------------------


def unit_kind(unit: Unit | None, level: bool = False) -> str:
    """people | level | spend | invest | give | hours | weeks | carbon | tonnes | other."""
    if unit is None:
        return "other"
    if level:
        return "level"
    ident, name, suffix = unit.id.lower(), unit.name.lower(), unit.suffix.lower()
    if suffix == "fte" or "fte" in name:
        return "people"
    if unit.prefix == "£":
        if "spent" in name or "spend" in ident:
            return "spend"
        if "invest" in name:
            return "invest"
        return "give"
    if "hour" in suffix or "hour" in name:
        return "hours"
    if "week" in suffix:
        return "weeks"
    if "co2" in suffix or "co2" in name:
        return "carbon"
    if suffix in ("tonnes", "t") or name == "tonnes":
        return "tonnes"
    return "other"


def _lower_first(text: str) -> str:
    """'Local people' -> 'local people'; acronyms stay ('NEETs', 'VCSEs', 'EDI')."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _short(m: Measure) -> str:
    return " ".join(m.short.split())


def _hours_on(g: re.Match[str], n: str) -> str:
    """'Staff hours on school visits' -> 'give 40 staff hours on school visits'."""
    adjective = f"{_lower_first(g[1])} " if g[1] else ""
    return f"give {n} {adjective}hours {g[2]}"


def _reduced(g: re.Match[str], q: str) -> str:
    """'Plastics reduced' -> 'reduce plastics by 2 tonnes' (with what the title says after it)."""
    rest = f" {g[2]}" if g[2] else ""
    return f"reduce {_lower_first(g[1])} by {q}{rest}"


# The patterns. For each kind, the patterns its measure's short title may fit, each with the verb
# phrase it gives: `g` the match (g[1], g[2] its groups), `q` the quantity ('£750,000', '45 tCO2e';
# for the kinds in _BARE the bare number, '40'). The first that fits wins; none: _fallback.
_PHRASES: dict[str, list[tuple[str, Callable[[re.Match[str], str], str]]]] = {
    "spend": [(r"^£ ?(?:spent|spend) (.+)$", lambda g, q: f"spend {q} {g[1]}")],
    "invest": [
        (
            r"^innovation: (.+)$",
            lambda g, q: f"invest {q}, including staff time, in innovative measures for {g[1]}",
        ),
        (r"^(.*)$", lambda g, q: f"invest {q}, including staff time, in {_lower_first(g[1])}"),
    ],
    "give": [(r"^(.*)$", lambda g, q: f"give {q} in {_lower_first(g[1])}")],
    "attendee hours": [
        (r"^(.*)$", lambda g, n: f"provide {n} attendee hours of {_lower_first(g[1])}")
    ],
    "hours": [
        (r"^(.+?) \(hours\)$", lambda g, n: f"give {n} hours of {_lower_first(g[1])}"),
        (r"^(?:(\w+) )?(?:attendee )?hours (.+)$", _hours_on),
    ],
    "weeks": [(r"^weeks (.+)$", lambda g, n: f"provide {n} weeks {g[1]}")],
    "carbon": [(r"^carbon (?:savings|saved|reductions?) (.+)$", lambda g, q: f"save {q} {g[1]}")],
    "tonnes": [
        (r"^(.+?) diverted (.+)$", lambda g, q: f"divert {q} of {_lower_first(g[1])} {g[2]}"),
        (r"^(.+?) reduced(?: (.+))?$", _reduced),
    ],
    "miles": [(r"^car miles saved (.+)$", lambda g, q: f"save {q} {g[1]}")],
    "employees": [(r"^employees (.+)$", lambda g, n: f"enrol {n} employees {g[1]}")],
    "level": [(r"^staff paid (.+?)(?: \(%\))?$", lambda g, q: f"pay {q} of contract staff {g[1]}")],
}
_BARE = {"attendee hours", "hours", "weeks", "employees"}  # counted in bare numbers


def _phrase(kind: str, m: Measure, q: str) -> str | None:
    """The verb phrase of the first of `kind`'s patterns the measure's short title fits."""
    short = _short(m)
    for pattern, phrase in _PHRASES.get(kind, []):
        match = re.match(pattern, short, re.IGNORECASE)
        if match:
            return phrase(match, q)
    return None


def _people(m: Measure) -> str | None:
    """Who a people measure employs: 'local people' from 'Local people employed (FTE)'."""
    match = re.match(r"^(.+?) employed(?: \(FTE\))?$", _short(m), re.IGNORECASE)
    return _lower_first(match.group(1)) if match else None


def _fallback(m: Measure, q: str) -> str:
    return f"deliver {q} against {m.code} ({_short(m)})"


# Sentences ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parts:
    """A commitment in words: the verb phrase, how it spreads over the years, and the total."""

    phrase: str  # 'employ 6 local people full time'
    each_year: bool = False  # the phrase is per contract year ('in each contract year')
    total: str = ""  # '18 FTE-years' (said after an each-year phrase)
    level: bool = False  # a level held each year (NT41), never summed
    share: str = ""  # '30%' of the contract value, for £ spent


def _equal_years(c: Commitment, plan: Plan) -> float | None:
    """The yearly figure when every contract year has the same one (and there are 2+ years)."""
    years = plan.bid.years
    y = c.yearly or []
    if len(y) < 2 or (years is not None and len(y) != years):
        return None
    first = y[0]
    return first if first > 0 and all(abs(v - first) < EPSILON for v in y) else None


def _parts(c: Commitment, catalogue: Catalogue, plan: Plan) -> _Parts | None:
    if c.target is None:
        return None
    if not catalogue.has_measure(c.measure):
        return _Parts(
            f"deliver {number(c.target, decimals_for(None, [c.target]))} against "
            f"{c.measure.strip()}"
        )
    m = catalogue.measure(c.measure)
    unit = catalogue.unit_of(m.code)
    kind = unit_kind(unit, catalogue.is_level(m.code))
    places = decimals_for(unit, [c.target, *(c.yearly or [])])
    if kind == "level":
        return _level_parts(m, c, unit, places)
    each = _equal_years(c, plan)
    if kind == "people":
        people = _people_parts(m, c, each, places)
        if people is not None:
            return people
    shown = each if each is not None else c.target
    q, n = quantity(unit, shown, places), number(shown, places)
    share = share_of_contract(c.target, plan) if kind == "spend" else ""
    suffix, name = unit.suffix.lower(), unit.name.lower()
    if kind == "hours" and ("attendee" in suffix or "attendee" in name):
        kind = "attendee hours"
    elif kind in ("people", "other"):  # a people title that fits no pattern, or another unit
        kind = "miles" if "mile" in suffix else "employees" if "employee" in suffix else ""
    said = n if kind in _BARE else q
    if kind == "spend" and share and each is None:
        said = f"{q} ({share} of the contract value)"
    phrase = _phrase(kind, m, said) or _fallback(m, q)
    if shown == 1:  # "1 staff hour", "1 week of training"
        phrase = _ONE.sub(lambda x: f"1 {x.group(1)}{x.group(2)[:-1]}", phrase, count=1)
    if each is None:
        return _Parts(phrase)
    return _Parts(phrase, each_year=True, total=quantity(unit, c.target, places), share=share)


def _people_parts(m: Measure, c: Commitment, each: float | None, places: int) -> _Parts | None:
    def count(v: float) -> str:
        return number(v, places) if v == int(v) else f"the equivalent of {number(v, places)}"

    target = c.target or 0.0
    who = _people(m)
    if who is None:
        return None

    def people(v: float) -> str:
        return f"{count(v)} {_singular_group(who) if v == 1 else who}"

    if m.disadvantaged:
        counted = "counted in the first year" if target == 1 else "each counted in their first year"
        return _Parts(
            f"employ {people(target)} ({number(target, places)} FTE, {counted} of employment)"
        )
    if each is not None:
        return _Parts(
            f"employ {people(each)} full time",
            each_year=True,
            total=_fte_years(target, places),
        )
    return _Parts(f"employ {who} for {_fte_years(target, places)}")


def _fte_years(value: float, places: int) -> str:
    return f"{number(value, places)} FTE-year{'' if value == 1 else 's'}"


def _level_parts(m: Measure, c: Commitment, unit: Unit, places: int) -> _Parts:
    def at(v: float) -> str:
        q = quantity(unit, v, places)
        return _phrase("level", m, q) or _fallback(m, q)

    years = list(c.yearly or [])
    target = c.target or 0.0
    if not years or all(abs(v - target) < EPSILON for v in years):
        return _Parts(at(target), each_year=bool(years), level=True)
    first, last = years[0], years[-1]
    if all(b >= a for a, b in pairwise(years)):
        return _Parts(
            f"{at(first)} in Year 1, rising to {quantity(unit, last, places)} by Year {len(years)}",
            level=True,
        )
    figures = join_words([quantity(unit, v, places) for v in years])
    return _Parts(f"{at(target)} ({figures} in Years 1 to {len(years)})", level=True)


def commitment_clause(c: Commitment, catalogue: Catalogue, plan: Plan) -> str:
    """The commitment as a verb phrase, no subject, no period, no full stop.

    'employ 6 local people full time in each contract year (18 FTE-years)';
    'spend £750,000 (30% of the contract value) in the local supply chain';
    'pay 100% of contract staff at least the Real Living Wage in every contract year'.
    A missing target gives '' (the caller says it is to be confirmed).
    """
    parts = _parts(c, catalogue, plan)
    if parts is None:
        return ""
    if not parts.each_year:
        return parts.phrase
    if parts.level:
        return f"{parts.phrase} in every contract year"
    share = f", {parts.share} of the contract value" if parts.share else ""
    return f"{parts.phrase} in each contract year ({parts.total}{share})"


def contract_dates(plan: Plan) -> str:
    """'1 April 2027 to 31 March 2030' ('' unless start and length are known)."""
    bid = plan.bid
    if bid.start and bid.end:
        return f"{format_long_date(bid.start)} to {format_long_date(bid.end)}"
    return ""


def contract_name(plan: Plan) -> str:
    """'the 36-month contract (1 April 2027 to 31 March 2030)', or as much of it as is known."""
    bid, dates = plan.bid, contract_dates(plan)
    name = f"the {bid.months}-month contract" if bid.months else "the contract"
    return f"{name} ({dates})" if dates else name


def measure_name(c: Commitment, catalogue: Catalogue) -> str:
    """'NT15 Expert business advice to VCSEs and MSMEs (hours)'; the code alone when unknown."""
    if not catalogue.has_measure(c.measure):
        return c.measure.strip()
    m = catalogue.measure(c.measure)
    return f"{m.code} {_short(m)}"


def commitment_sentence(c: Commitment, catalogue: Catalogue, plan: Plan) -> str:
    """The commitment in one sentence, in the bidder's voice, with the contract period.

    'Example Contractors Ltd will employ 6 local people full time in each year of the 36-month
    contract (1 April 2027 to 31 March 2030): 18 FTE-years in total.'
    'Example Contractors Ltd will spend £750,000 (30% of the contract value) in the local supply
    chain over the 36-month contract (1 April 2027 to 31 March 2030).'
    With no target: 'The target for NT15 Expert business advice ... is to be confirmed.'
    """
    parts = _parts(c, catalogue, plan)
    if parts is None:
        return f"The target for {measure_name(c, catalogue)} is to be confirmed."
    who = " ".join(plan.bid.bidder.split()) or "We"
    contract = contract_name(plan)
    if parts.each_year and parts.level:
        return f"{who} will {parts.phrase} in every year of {contract}."
    if parts.each_year:
        share = f" ({parts.share} of the contract value)" if parts.share else ""
        return (
            f"{who} will {parts.phrase} in each year of {contract}: {parts.total} in total{share}."
        )
    if parts.level:
        return (
            f"{who} will {parts.phrase} of {contract}."
            if "by Year" in parts.phrase
            else (f"{who} will {parts.phrase} throughout {contract}.")
        )
    return f"{who} will {parts.phrase} over {contract}."
