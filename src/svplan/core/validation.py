"""Validating the data of a file: plain values kept as text where text belongs, and every
validation error turned into a sentence: 'file, line N (field path): what is wrong'.

An error is a dict as pydantic describes one (`type`, `loc`, `msg`, `input`, `ctx`): the plan is
a pydantic model and the catalogue's own checker (svplan.core.catalogue_record) records its
problems the same way. Nothing here imports pydantic (the catalogue is loaded without it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
Loc = tuple[str | int, ...]


class Located(Protocol):
    """What the sentences need from a parsed file (svplan.core.yamlsafe.YamlDocument)."""

    def lines_of(self, locs: Sequence[Sequence[str | int]]) -> list[int | None]: ...

    def plain_texts(self, locs: Sequence[Loc]) -> dict[Loc, str]: ...


def shorten(text: str, limit: int = 60) -> str:
    """Text from the file made safe for a one-line message: escaped controls, bounded length."""
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


# Plain values kept as text -------------------------------------------------------------------


def validate_keeping_text(
    validate: Callable[[Any], T], data: Any, doc: Located, invalid: type[Exception]
) -> T:
    """validate(data); where a text field got a plain number or true/false (`version: 1.0`,
    `phone: 07976079544`, `edition: 2027`), use the characters the file has and validate again.
    `invalid` is what validate raises; its errors() are the errors as pydantic lists them.

    Only values written without quotes are changed, and only into exactly what the file says,
    so `1.10` stays '1.10' (not the number 1.1) and a number field is never touched. The text of
    every such field is found in one more pass over the file (not one pass a field)."""
    for _ in range(3):  # each round fixes every such field validate reported
        try:
            return validate(data)
        except invalid as exc:
            wanted = []
            for err in exc.errors():  # type: ignore[attr-defined]
                if err.get("type") != "string_type" or not _plain_scalar(err.get("input")):
                    continue
                loc = _data_loc(data, tuple(err.get("loc", ())))
                if loc is not None:
                    wanted.append(loc)
            texts = doc.plain_texts(wanted) if wanted else {}
            fixes = [(loc, texts[loc]) for loc in wanted if loc in texts]
            if not fixes:
                raise
            for loc, text in fixes:
                data = _replaced(data, loc, text)
    return validate(data)


def _plain_scalar(value: Any) -> bool:
    return isinstance(value, bool | int | float)


def _data_loc(data: Any, loc: Loc) -> Loc | None:
    """The part of a pydantic error location that is a path in the data (a union's member
    names, such as 'PartnerRoute', are not), or None when it does not lead to a value."""
    out: list[str | int] = []
    current = data
    for part in loc:
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            current = current[part]
        elif isinstance(part, str):
            continue
        else:
            return None
        out.append(part)
    return tuple(out) if _plain_scalar(current) else None


def _replaced(data: Any, loc: Loc, value: str) -> Any:
    """A copy of data with the value at loc replaced (the containers on the way are copied, so
    data shared by a YAML alias elsewhere is left as it was)."""
    if not loc:
        return value
    head, rest = loc[0], loc[1:]
    if isinstance(data, dict):
        return {**data, head: _replaced(data[head], rest, value)}
    copy = list(data)
    copy[head] = _replaced(copy[head], rest, value)  # type: ignore[index]
    return copy


# Errors as sentences ---------------------------------------------------------------------------


def describe_validation_error(exc: Any, doc: Located, path: Path, *, limit: int = 1) -> str:
    """Turn a pydantic ValidationError into 'file, line N (field path): what is wrong'."""
    return "; ".join(describe_errors(exc.errors(), doc, path, limit=limit))


def describe_errors(
    errors: Sequence[dict[str, Any]], doc: Located, path: Path, *, limit: int = 1
) -> list[str]:
    """'file, line N (field path): what is wrong' for each of the first `limit` errors (their
    lines found in one pass over the file)."""
    errors = errors[:limit]
    locs = [tuple(err.get("loc", ())) for err in errors]
    parts = []
    for err, loc, line in zip(errors, locs, doc.lines_of(locs), strict=True):
        field = format_loc(loc)
        where = f", line {line}" if line else ""
        what = f" ({field})" if field else ""
        parts.append(f"{path.name}{where}{what}: {friendly_message(err)}")
    return parts


def format_loc(loc: Sequence[str | int]) -> str:
    """commitments.0.target -> commitments[1].target (1-based, as a person counts)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif str(part).startswith(("function-", "union[", "list[", "float", "int")):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


_FRIENDLY = {
    "missing": "this is required but missing",
    "extra_forbidden": "this key is not recognised",
    "finite_number": "must be an ordinary number (not NaN or infinity)",
    "int_parsing": "must be a whole number",
    "float_parsing": "must be a number",
    "int_type": "must be a whole number",
    "float_type": "must be a number",
    "string_type": "must be text",
    "list_type": "must be a list",
    "dict_type": "must be a set of key: value lines",
    "model_type": "must be a set of key: value lines",
    "model_attributes_type": "must be a set of key: value lines",
    "date_parsing": "must be a date written as YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written as YYYY-MM-DD",
    "date_type": "must be a date written as YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date written as YYYY-MM-DD, without a time",
    "int_from_float": "must be a whole number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
}
_NO_VALUE = {"missing", "extra_forbidden", "finite_number"}
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def friendly_message(err: dict[str, Any]) -> str:
    """A plain-words version of one pydantic error, naming the value where that helps."""
    kind = err.get("type", "")
    ctx = err.get("ctx", {}) or {}
    value = err.get("input")
    if kind.startswith("date") and isinstance(value, str) and _DATE_LIKE.match(value.strip()):
        return f"'{shorten(value)}' is not a real date"
    if kind in _FRIENDLY:
        return _FRIENDLY[kind] + _not(value, kind)
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt", 0))
        return f"must be at least {_number_text(limit)}"
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        return f"must be at most {_number_text(limit)}" if limit is not None else "is too large"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length', 0):,} characters)"
    if kind in ("too_short", "string_too_short"):
        least = ctx.get("min_length", 1)
        if least == 1:
            return "must not be empty"
        unit = "characters" if kind == "string_too_short" else "entries"
        return f"must have at least {least:,} {unit}"
    if kind == "too_long":
        return (
            f"has {ctx.get('actual_length', 0):,} entries; at most "
            f"{ctx.get('max_length', 0):,} are allowed"
        )
    if kind in ("enum", "literal_error"):
        return f"must be one of {ctx.get('expected', '')}" + _not(value, kind)
    msg = str(err.get("msg", "is not valid"))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return msg[:1].lower() + msg[1:]


def _not(value: Any, kind: str) -> str:
    """ ", not 'yes'" for a plain value that is the wrong kind; '' for lists and mappings (and
    for a missing key, which has no value)."""
    if kind in _NO_VALUE or not isinstance(value, str | int | float):
        return ""
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f", not '{shorten(str(value), 40)}'"


def _number_text(value: Any) -> str:
    """1e12 -> '1,000,000,000,000'; 0.0 -> '0'; 2.5 -> '2.5'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int | float) else str(value)
