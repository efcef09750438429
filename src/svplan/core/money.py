"""Social value in money terms: each commitment times the bidder's own proxy value (£ per unit).

The product ships no proxy values (the National TOMs values and HACT's are CC BY-NC-ND); the
table comes from the bidder (Plan.proxies, or a file given to `svplan value --proxies`). Every
figure is a Decimal, worked out exactly and rounded once, when it is shown.

The rules (docs/money.md):
- A quantity measure: £ = target × value; each contract year = that year's profile × value.
  When the profile does not add up to the target, the total uses the target and says so.
- A level measure (Catalogue.is_level, e.g. NT41's % of staff) is never multiplied as if it were
  a quantity. Only when the table says its value is "per point of the level, per year"
  (ProxyValue.per_level) is it valued: each contract year = that year's level × value (the level
  is the year's profile figure, or the target held every year), a part year in proportion to its
  months; the total is the sum of the years. Otherwise it shows no £ value, with the reason.
- No target, or no value in the table: no £ value, with the reason. Nothing is guessed.
- Pence per £1 of contract value = total ÷ contract value × 100, when the contract value is known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from svplan.core.amounts import pounds, short_pounds
from svplan.core.catalogue import Catalogue, Unit
from svplan.core.plan import Bid, Commitment, Plan, ProxyTable, ProxyValue

OTHER_THEME = "Other commitments"
CAVEAT = (
    "These figures apply proxy values (the authority's estimate of the social value of each "
    "unit delivered); they are not cash, not a cost to the authority and not part of the "
    "contract price."
)
_SINGULAR = {"people": "person", "hours": "hour", "weeks": "week", "employees": "employee"}


@dataclass(frozen=True)
class ValuedCommitment:
    """One commitment in money terms; `total` None means no £ value, and `reason` says why."""

    code: str  # as the catalogue spells it, else as the plan does
    short: str  # the catalogue's short label ("" for a measure it does not have)
    theme: str  # the theme's name, or OTHER_THEME
    unit: Unit | None
    quantity: Decimal | None  # the target (for a level measure, the level)
    per_unit: Decimal | None  # £ per unit from the table (None: no value in the table)
    level: bool = False  # a level measure, valued per point per year
    years: tuple[Decimal, ...] = ()  # £ per contract year (empty: no yearly profile)
    total: Decimal | None = None
    reason: str = ""  # why there is no £ value
    note: str = ""  # something the user should know about how it was worked out

    @property
    def valued(self) -> bool:
        return self.total is not None

    @property
    def basis(self) -> str:
        """'18 FTE × £1,000 per FTE' (or, for a level, 'per percentage point per year')."""
        if self.per_unit is None or self.quantity is None:
            return ""
        qty = _quantity(self.unit, self.quantity)
        rate = pounds(self.per_unit)
        if self.level:
            return f"{qty} each year × {rate} per percentage point per year"
        return f"{qty} × {rate} per {unit_word(self.unit)}"


@dataclass(frozen=True)
class MoneySummary:
    """The plan in money terms, at one proxy table."""

    proxies: ProxyTable
    items: tuple[ValuedCommitment, ...]  # every commitment, in catalogue order
    contract_value: Decimal | None
    theme_order: tuple[str, ...] = field(default=())

    @property
    def valued(self) -> list[ValuedCommitment]:
        return [i for i in self.items if i.valued]

    @property
    def unvalued(self) -> list[ValuedCommitment]:
        return [i for i in self.items if not i.valued]

    @property
    def total(self) -> Decimal:
        return sum((i.total for i in self.items if i.total is not None), Decimal(0))

    @property
    def pence_per_pound(self) -> Decimal | None:
        """Social value per £1 of contract value, in pence (exact; round when shown)."""
        if not self.contract_value:
            return None
        return self.total * 100 / self.contract_value

    @property
    def by_theme(self) -> list[tuple[str, Decimal]]:
        """(theme name, £) for each theme with a valued commitment, in catalogue order."""
        sums: dict[str, Decimal] = {}
        for item in self.valued:
            sums[item.theme] = sums.get(item.theme, Decimal(0)) + (item.total or 0)
        order = {name: i for i, name in enumerate(self.theme_order)}
        return sorted(sums.items(), key=lambda kv: order.get(kv[0], len(order)))

    @property
    def years(self) -> list[Decimal]:
        """£ per contract year, summed over the valued commitments that have a yearly profile."""
        out: list[Decimal] = []
        for item in self.valued:
            for i, value in enumerate(item.years):
                if i == len(out):
                    out.append(Decimal(0))
                out[i] += value
        return out

    @property
    def unprofiled(self) -> Decimal:
        """£ of valued commitments without a yearly profile (not in `years`)."""
        return sum((i.total or Decimal(0) for i in self.valued if not i.years), Decimal(0))

    def headline(self) -> str:
        """'£1.32m, 27.5p per £1' (just '£1.32m' when the contract value is not known)."""
        ratio = self.pence_per_pound
        total = short_pounds(self.total)
        return f"{total}, {pence_text(ratio)} per £1" if ratio is not None else total


def value_plan(
    plan: Plan, catalogue: Catalogue, proxies: ProxyTable | None = None
) -> MoneySummary | None:
    """The plan in money terms at `proxies` (default: the plan's own table); None when there is
    no table with values, so that nothing about money is shown."""
    table = proxies if proxies is not None else plan.proxies
    if table is None or not table.values:
        return None
    lookup = proxy_lookup(table.values)
    items = [
        value_commitment(c, catalogue, lookup.get(c.measure.strip().upper()), plan.bid)
        for c in _in_order(plan.commitments, catalogue)
    ]
    value = plan.bid.contract_value
    return MoneySummary(
        proxies=table,
        items=tuple(items),
        contract_value=Decimal(str(value)) if value else None,
        theme_order=(*(t.name for t in catalogue.themes), OTHER_THEME),
    )


def proxy_lookup(values: Sequence[ProxyValue]) -> dict[str, ProxyValue]:
    """Values by measure code in capitals (the first one wins; imports refuse duplicates)."""
    out: dict[str, ProxyValue] = {}
    for value in values:
        out.setdefault(value.measure.strip().upper(), value)
    return out


def value_commitment(
    c: Commitment, catalogue: Catalogue, proxy: ProxyValue | None, bid: Bid
) -> ValuedCommitment:
    """One commitment in money terms, following the rules in this module's docstring."""
    known = catalogue.has_measure(c.measure)
    measure = catalogue.measure(c.measure) if known else None
    unit = catalogue.unit_of(c.measure) if known else None
    base = {
        "code": measure.code if measure else c.measure.strip(),
        "short": measure.short if measure else "",
        "theme": catalogue.theme(measure.theme).name if measure else OTHER_THEME,
        "unit": unit,
        "quantity": _decimal(c.target),
        "per_unit": proxy.value if proxy is not None else None,
    }
    if proxy is None:
        return ValuedCommitment(**base, reason="no value in the proxy table")
    if catalogue.is_level(c.measure):
        return _value_level(c, proxy, bid, base)
    if c.target is None:
        return ValuedCommitment(**base, reason="no target yet")
    rate = proxy.value
    total = _decimal(c.target) * rate  # type: ignore[operator]
    profile = [_decimal(v) for v in c.yearly or []]
    years = tuple(v * rate for v in profile)  # type: ignore[operator]
    note = ""
    if profile and sum(profile, Decimal(0)) != _decimal(c.target):
        note = (
            f"the yearly profile adds up to {_quantity(unit, sum(profile, Decimal(0)))}, not the "
            f"target of {_quantity(unit, _decimal(c.target))}; the total uses the target"
        )
    return ValuedCommitment(**base, years=years, total=total, note=note)


def _value_level(
    c: Commitment, proxy: ProxyValue, bid: Bid, base: dict[str, object]
) -> ValuedCommitment:
    if not proxy.per_level:
        return ValuedCommitment(
            **base,  # type: ignore[arg-type]
            reason=(
                "a level measure (a percentage held each year): the proxy table does not say its "
                "value is per percentage point per year, so it is not multiplied"
            ),
        )
    if c.yearly:
        levels = [_decimal(v) for v in c.yearly]
        held = ""
    elif c.target is not None and bid.years:
        levels = [_decimal(c.target)] * bid.years
        held = "the target level is held in each contract year"
    else:
        why = "no target yet" if c.target is None else "the contract length is not known"
        return ValuedCommitment(
            **base,  # type: ignore[arg-type]
            level=True,
            reason=f"a level measure valued per year, but {why}",
        )
    shares = _year_shares(bid.months, len(levels))
    years = tuple(lv * proxy.value * share for lv, share in zip(levels, shares, strict=True))  # type: ignore[operator]
    notes = [held] if held else []
    if any(share != 1 for share in shares):
        notes.append("a part year counts in proportion to its months")
    return ValuedCommitment(
        **base,  # type: ignore[arg-type]
        level=True,
        years=years,
        total=sum(years, Decimal(0)),
        note="; ".join(notes),
    )


def _year_shares(months: int | None, count: int) -> list[Decimal]:
    """The share of a full year each profiled year is: 1, except a last contract year that is a
    part year (a 30-month contract's year 3 is 6/12) when the profile covers the contract."""
    shares = [Decimal(1)] * count
    if months and count == (months + 11) // 12 and months % 12:
        shares[-1] = Decimal(months % 12) / 12
    return shares


def _in_order(commitments: Sequence[Commitment], catalogue: Catalogue) -> list[Commitment]:
    known = [c for c in commitments if catalogue.has_measure(c.measure)]
    other = [c for c in commitments if not catalogue.has_measure(c.measure)]
    known.sort(key=lambda c: catalogue.order_of(catalogue.measure(c.measure).code))
    return known + other


def _decimal(value: float | None) -> Decimal | None:
    """A target (a float in the plan) as the decimal the user typed: 12.5 -> Decimal('12.5')."""
    return None if value is None else Decimal(repr(float(value)))


def _quantity(unit: Unit | None, value: Decimal) -> str:
    if unit is None:
        return f"{value.normalize():,f}"
    return unit.format(float(value))


def unit_word(unit: Unit | None) -> str:
    """What one unit is called after 'per': 'FTE', 'hour', '£1', 'percentage point'."""
    if unit is None:
        return "unit"
    if unit.prefix == "£":
        return "£1"
    if unit.suffix.startswith("%"):
        return "percentage point"
    word = unit.suffix or unit.name
    head, _, last = word.rpartition(" ")
    last = _SINGULAR.get(last, last[:-1] if last.endswith("s") and len(last) > 3 else last)
    return f"{head} {last}".strip()


def pence_text(pence: Decimal) -> str:
    """27.456 -> '27.5p' (rounded once, here)."""
    return f"{pence.quantize(Decimal('0.1'), ROUND_HALF_UP):,}p"


def money_text(value: Decimal | None) -> str:
    """A £ figure for tables: whole pounds ('£12,346'); '' for no value."""
    return "" if value is None else pounds(value, pence=False)


def attribution(table: ProxyTable) -> str:
    """'<source>, <year>, supplied by the bidder' (the table's name when it names no source)."""
    named = table.source or table.name or "source not named"
    parts = [" ".join(p.split()) for p in (named, table.year) if p.strip()]
    return ", ".join([*parts, "supplied by the bidder"])


def plain(value: Decimal | None) -> str | None:
    """Decimal('1.8E+5') -> '180000': exact, no exponent, no trailing zeros (for JSON)."""
    if value is None:
        return None
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
