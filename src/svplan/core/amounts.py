"""Reading amounts of money as bidders type them ("£2.4m", "2,400,000", "£750k"), exactly.

Money is a Decimal, never a float: it is rounded once, when it is shown.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_AMOUNT = Decimal("1e12")
_SCALES = {"": 1, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
_AMOUNT = re.compile(
    r"^(?:£|gbp)?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(k|m|bn|b|million|thousand|billion)?$"
)
_WORDS = {"thousand": "k", "million": "m", "billion": "bn"}


class AmountError(ValueError):
    """Text that is not an amount of money; the message is one sentence for the user."""


def parse_amount(text: str, *, what: str = "amount") -> Decimal:
    """'£2.4m' -> Decimal('2400000'); AmountError for anything else (negative, '£1,2,3', NaN)."""
    raw = " ".join(str(text).split())
    cleaned = raw.lower().replace(" ", "")
    if cleaned.startswith("-") or cleaned.startswith("£-"):
        raise AmountError(f"the {what} '{_short(raw)}' is negative; it must be 0 or more")
    match = _AMOUNT.match(cleaned)
    if not match:
        raise AmountError(
            f"the {what} '{_short(raw)}' is not an amount of money; type it as 2400000, "
            "£2,400,000 or £2.4m"
        )
    whole, fraction, scale = match.groups()
    try:
        value = Decimal(whole.replace(",", "") + (fraction or ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise AmountError(f"the {what} '{_short(raw)}' is not an amount of money") from None
    value *= _SCALES[_WORDS.get(scale or "", scale or "")]
    if value > MAX_AMOUNT:
        raise AmountError(f"the {what} '{_short(raw)}' is more than £1 trillion")
    return value.normalize() if value == value.to_integral_value() else value


def pounds(value: Decimal | float | int | None, *, pence: bool | None = None) -> str:
    """'£2,400,000' (pence shown when there are any, or when asked)."""
    if value is None:
        return ""
    amount = Decimal(str(value))
    show_pence = pence if pence is not None else amount != amount.to_integral_value()
    if show_pence:
        return f"£{amount.quantize(Decimal('0.01'), ROUND_HALF_UP):,.2f}"
    return f"£{amount.quantize(Decimal('1'), ROUND_HALF_UP):,.0f}"


def short_pounds(value: Decimal | float | int) -> str:
    """'£1.32m', '£750k', '£950' for status bars and headlines."""
    amount = Decimal(str(value))
    for limit, suffix in ((Decimal(1_000_000_000), "bn"), (Decimal(1_000_000), "m")):
        if amount >= limit:
            return (
                f"£{(amount / limit).quantize(Decimal('0.01'), ROUND_HALF_UP)}".rstrip("0").rstrip(
                    "."
                )
                + suffix
            )
    if amount >= 1000:
        return (
            f"£{(amount / 1000).quantize(Decimal('0.1'), ROUND_HALF_UP)}".rstrip("0").rstrip(".")
            + "k"
        )
    return pounds(amount)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
