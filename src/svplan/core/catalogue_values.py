"""One value of a catalogue field checked and read: text, true/false, a whole number, a number.

The catalogue is read without pydantic (importing it and building its validators cost ~80 ms and
~20 MiB before the window was ready; docs/performance.md), by the rules it was always read
with, pydantic's "lax mode" as svplan configured it: text is stripped of white space at both
ends (the characters Unicode calls White_Space), "5" or " 1_000 " is a number where a number
belongs, and true/false is only true or false. Each problem is recorded as pydantic recorded it,
a dict with its `type`, `loc`, `msg`, `input` and `ctx`, so that svplan.core.validation words it
as before: 'file, line N (field path): what is wrong'.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

Loc = tuple[str | int, ...]
Problems = list[dict[str, Any]]

# Unicode's White_Space (what pydantic strips), which is not quite str.strip()'s: U+001C-U+001F
# are not white space here, and stay for the length limit (then the cleaning removes them)
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    map(chr, range(0x2000, 0x200B))
)
_SURROGATES = re.compile("[\ud800-\udfff]")
_JSON_INT = re.compile(r"-?(?:0|[1-9][0-9]*)", re.ASCII)  # a whole number as JSON writes it
_FLOAT = re.compile(  # what Rust's f64 parser reads (pydantic reads number text with it)
    r"[+-]?(?:inf|infinity|nan|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?)", re.ASCII | re.I
)
MAX_INT_TEXT = 4300  # digits: Python's own limit for turning text into a whole number


# pydantic's words for the kinds of problem that svplan.core.validation has no sentence for
_MESSAGES = {
    "string_unicode": "Input should be a valid string, "
    "unable to parse raw data as a unicode string",
    "int_parsing_size": "Unable to parse input string as an integer, exceeded maximum size",
}


def problem(kind: str, loc: Loc, value: Any, msg: str = "", **ctx: Any) -> dict[str, Any]:
    """One problem, as pydantic recorded it (`msg` is needed only where the type has no
    sentence of its own in svplan.core.validation)."""
    msg = msg or _MESSAGES.get(kind, "")
    found: dict[str, Any] = {"type": kind, "loc": loc, "msg": msg, "input": value}
    if ctx:
        found["ctx"] = ctx
    return found


class Rule:
    """How one field is checked and read. `required`: a missing key is a problem; otherwise
    the field takes `default()`."""

    required = True

    def default(self) -> Any:
        return None

    def check(self, value: Any, loc: Loc, problems: Problems) -> Any:
        """The value the field holds; a problem is appended to `problems` instead (and what is
        returned then does not matter)."""
        raise NotImplementedError


class Str(Rule):
    """Text: stripped, at most max_length characters, matching a pattern, then cleaned.
    `given`: it must not be empty, before or after the cleaning."""

    def __init__(
        self,
        max_length: int,
        *,
        pattern: str | None = None,
        clean: Callable[[str], str] | None = None,
        required: bool = False,
        given: bool = False,
    ) -> None:
        self.max_length = max_length
        self.pattern = pattern
        self._match = re.compile(pattern).fullmatch if pattern else None
        self.clean = clean
        self.required = required
        self.given = given

    def default(self) -> str:
        return ""

    def check(self, value: Any, loc: Loc, problems: Problems) -> Any:
        raw = value
        if isinstance(value, bytes):  # YAML's !!binary, read as UTF-8
            try:
                value = value.decode("utf-8")
            except UnicodeDecodeError:
                problems.append(_not_unicode(loc, raw))
                return None
        elif not isinstance(value, str):
            problems.append(problem("string_type", loc, value))
            return None
        elif self.given and not value.strip():
            problems.append(_empty(loc, raw, "must not be empty"))
            return None
        elif not value.isascii() and _SURROGATES.search(value):
            problems.append(_not_unicode(loc, raw))
            return None
        value = value.strip(WHITE_SPACE)
        if len(value) > self.max_length:
            problems.append(problem("string_too_long", loc, raw, max_length=self.max_length))
            return None
        if self._match is not None and not self._match(value):
            message = f"String should match pattern '{self.pattern}'"
            problems.append(
                problem("string_pattern_mismatch", loc, raw, message, pattern=self.pattern)
            )
            return None
        if self.clean is not None:
            value = self.clean(value)
        if self.given and not value:
            problems.append(
                _empty(loc, raw, "must not be empty (once control characters are removed)")
            )
            return None
        return value


def _not_unicode(loc: Loc, value: Any) -> dict[str, Any]:
    return problem("string_unicode", loc, value)


def _empty(loc: Loc, value: Any, words: str) -> dict[str, Any]:
    return problem("value_error", loc, value, f"Value error, {words}", error=ValueError(words))


class Flag(Rule):
    """true or false, written so (not 'yes', 'on' or 1); `optional`: or nothing (null)."""

    def __init__(self, *, optional: bool = False) -> None:
        self.required = False
        self.optional = optional

    def default(self) -> bool | None:
        return None if self.optional else False

    def check(self, value: Any, loc: Loc, problems: Problems) -> Any:
        if value is True or value is False or (value is None and self.optional):
            return value
        problems.append(problem("bool_type", loc, value))
        return None


class Number(Rule):
    """A number within limits (`whole`: a whole number). Numbers written as text are read as
    pydantic read them: "5", " 1_000 ", "1e9" and "inf" are numbers, "0x10" is not; a whole
    number may be 2, 2.0, "2" or " 02 ", but not 2.5 or "2e0"."""

    def __init__(
        self,
        *,
        default: float,
        whole: bool = False,
        gt: float | None = None,
        ge: int | None = None,
        le: int | None = None,
    ) -> None:
        self._default, self.required = default, False
        self.read = _whole if whole else _number
        self.gt, self.ge, self.le = gt, ge, le

    def default(self) -> float:
        return self._default

    def check(self, value: Any, loc: Loc, problems: Problems) -> Any:
        number, kind = self.read(value)
        if kind:
            problems.append(problem(kind, loc, value))
        elif self.gt is not None and not number > self.gt:  # (NaN is not above it either)
            problems.append(problem("greater_than", loc, value, gt=self.gt))
        elif self.ge is not None and number < self.ge:
            problems.append(problem("greater_than_equal", loc, value, ge=self.ge))
        elif self.le is not None and number > self.le:
            problems.append(problem("less_than_equal", loc, value, le=self.le))
        return number


class Exactly(Rule):
    """One given whole number (the format: 1); 1.0 and true are equal to 1, the text "1" is not."""

    def __init__(self, value: int) -> None:
        self.value = value

    def check(self, value: Any, loc: Loc, problems: Problems) -> Any:
        if type(value) in (int, bool, float) and value == self.value:
            return self.value
        if type(value) is int and not -(2**63) <= value < 2**63:  # (as pydantic: too large)
            problems.append(problem("int_parsing_size", loc, value))
        else:
            problems.append(problem("literal_error", loc, value, expected=str(self.value)))
        return None


def _whole(value: Any) -> tuple[float, str]:
    """(the whole number, '') or (0, the kind of problem)."""
    kind = type(value)
    if kind is int or kind is bool:
        return int(value), ""
    if kind is float:
        if not math.isfinite(value):
            return 0, "finite_number"
        if value % 1:
            return 0, "int_from_float"
        if not -(2.0**63) < value < 2.0**63:
            return 0, "int_parsing_size"
        return int(value), ""
    value, kind = _number_text(value, bad_bytes="int_parsing", not_text="int_type")
    if kind:
        return 0, kind
    if _JSON_INT.fullmatch(value):
        return (0, "int_parsing_size") if len(value) > MAX_INT_TEXT else (int(value), "")
    cleaned = _clean_whole(value)
    if cleaned is None or not _JSON_INT.fullmatch(cleaned) or len(cleaned) > MAX_INT_TEXT:
        return 0, "int_parsing"
    return int(cleaned), ""


def _clean_whole(text: str) -> str | None:
    """' +0_12.00 ' -> '12': what pydantic makes of number text before reading it again; None
    when there is nothing to clean (the text was read as it is, or it is not a number)."""
    before = len(text)
    text = text.strip(WHITE_SPACE)
    if text.startswith("+"):
        if text.startswith("+-"):
            return None
        text = text[1:]
    sign = ""
    if text.startswith("-"):
        if text.startswith(("--", "-+")):
            return None
        sign, text = "-", text[1:]
    rest = _without_leading_zeros(text)
    if rest is None:
        return None
    dot = rest.find(".")
    if dot >= 0 and rest[dot + 1 :] and not rest[dot + 1 :].strip("0"):
        rest = rest[:dot]
    joined = _without_underscores(rest)
    if joined is not None:
        return sign + joined
    return None if before == len(rest) else sign + rest


def _without_leading_zeros(text: str) -> str | None:
    if not text:
        return None
    if text[0] != "0":
        return text if "1" <= text[0] <= "9" or text[0] == "-" else None
    for i, ch in enumerate(text[1:], 1):
        if ch in "0_":
            continue
        if "1" <= ch <= "9" or ch == "-":
            return text[i:]
        return text[i - 1 :] if ch == "." else None
    return text[-1:]


def _without_underscores(text: str) -> str | None:
    """'1_000' -> '1000'; None when there is none, or one at either end, or two together."""
    if "_" not in text or text.startswith("_") or text.endswith("_") or "__" in text:
        return None
    return text.replace("_", "")


def _number(value: Any) -> tuple[float, str]:
    """(the number, '') or (0.0, the kind of problem)."""
    kind = type(value)
    if kind is float:
        return value, ""
    if kind is int or kind is bool:
        try:
            return float(value), ""
        except OverflowError:
            return 0.0, "float_type"
    value, kind = _number_text(value, bad_bytes="float_parsing", not_text="float_type")
    if kind:
        return 0.0, kind
    text = value.strip(WHITE_SPACE)
    if _FLOAT.fullmatch(text):
        return float(text), ""
    joined = _without_underscores(value)
    if joined is not None and _FLOAT.fullmatch(joined):
        return float(joined), ""
    return 0.0, "float_parsing"


def _number_text(value: Any, *, bad_bytes: str, not_text: str) -> tuple[str, str]:
    """(text, '') from text or YAML's !!binary bytes (as UTF-8), or ('', the kind of problem)."""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return "", bad_bytes
    if not isinstance(value, str):
        return "", not_text
    if _SURROGATES.search(value):
        return "", "string_unicode"
    return value, ""
