"""Plain, read-only records of a catalogue (a unit, a partner, a measure...), checked as read.

A Record subclass declares its fields as class attributes whose values are rules
(svplan.core.catalogue_values), in order, with the field's type as the annotation:

    class Outcome(Record):
        id: str = Id
        name: str = Text

The class gets one slot a field (a class that needs a __dict__, for cached properties, says
`__slots__ = ("__dict__",)`), an __init__ taking the fields by name (a field the rule does not
require takes the rule's default), equality and a hash by value, a useful repr, and no way to
change a field afterwards. `Outcome.checked(data)` builds one from a file's data by its rules and
raises InvalidRecord listing every problem, in the order pydantic listed them: fields in the
order declared (a list's items in order, a nested record's problems where it stands), then keys
that are not fields. A record's `_after_check` (as pydantic's model validator "after") runs once
its fields are good; a ValueError it raises is one more problem, at the record's place.
Plain Python classes rather than dataclasses: decorating a dozen dataclasses costs ~6 ms at
start-up, these ~0.2 ms.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from svplan.core.catalogue_values import Loc, Problems, Rule, problem

R = TypeVar("R", bound="Record")


class InvalidRecord(ValueError):
    """The data does not make the record; errors() lists each problem (pydantic's records)."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems)} problem(s), the first at {problems[0]['loc']}")
        self._problems = problems

    def errors(self) -> Problems:
        return list(self._problems)


class _RecordType(type):
    """Turns the rules a Record subclass declares into its fields (slots), in order."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> type:
        rules = {k: v for k, v in namespace.items() if isinstance(v, Rule)}
        for key in rules:
            del namespace[key]
        namespace["__slots__"] = (*namespace.get("__slots__", ()), *rules)
        cls = super().__new__(mcs, name, bases, namespace)
        cls._rules = tuple(rules.items())  # type: ignore[attr-defined]
        cls._fields = tuple(rules)  # type: ignore[attr-defined]
        return cls


class Record(metaclass=_RecordType):
    __slots__ = ()
    _rules: ClassVar[tuple[tuple[str, Rule], ...]]
    _fields: ClassVar[tuple[str, ...]]

    def __init__(self, **values: Any) -> None:
        for name, rule in self._rules:
            if name in values:
                value = values.pop(name)
            elif rule.required:
                raise TypeError(f"{type(self).__name__} needs {name}")
            else:
                value = rule.default()
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(f"{type(self).__name__} has no field {next(iter(values))}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only ({name} cannot be set)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only ({name} cannot be deleted)")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuilt, (type(self), self._values()))

    def _after_check(self) -> None:
        """Checks across fields, once each field is good; raise ValueError for a problem."""

    @classmethod
    def checked(cls: type[R], data: Any) -> R:
        """A record from a file's data, by the rules; InvalidRecord lists every problem."""
        problems: Problems = []
        record = check_record(cls, data, (), problems)
        if problems:
            raise InvalidRecord(problems)
        return record


def _rebuilt(cls: type[R], values: tuple[Any, ...]) -> R:
    record = object.__new__(cls)
    for name, value in zip(cls._fields, values, strict=True):
        object.__setattr__(record, name, value)
    return record


def fields_of(record: Record) -> tuple[str, ...]:
    """The names of a record's fields, in order."""
    return record._fields


def replaced(record: R, **changes: Any) -> R:
    """A copy of the record with some fields changed (not checked: for tests and tools)."""
    unknown = set(changes) - set(record._fields)
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {sorted(unknown)[0]}")
    return _rebuilt(type(record), tuple(changes.get(n, getattr(record, n)) for n in record._fields))


def check_record(cls: type[R], data: Any, loc: Loc, problems: Problems) -> R:
    """The record the data makes, or problems appended (and then what is returned is junk)."""
    if not isinstance(data, dict):
        problems.append(problem("model_type", loc, data, class_name=cls.__name__))
        return None  # type: ignore[return-value]
    before = len(problems)
    record = object.__new__(cls)
    for name, rule in cls._rules:
        if name in data:
            value = rule.check(data[name], (*loc, name), problems)
        elif rule.required:
            problems.append(problem("missing", (*loc, name), data, "Field required"))
            continue
        else:
            value = rule.default()
        object.__setattr__(record, name, value)
    fields = cls._fields
    for key, value in data.items():
        if key not in fields:
            problems.append(problem("extra_forbidden", (*loc, key), value))
    if len(problems) > before:
        return None  # type: ignore[return-value]
    try:
        record._after_check()
    except ValueError as exc:
        problems.append(problem("value_error", loc, data, f"Value error, {exc}", error=exc))
    return record


class Nested(Rule):
    """A field holding one record."""

    def __init__(self, cls: type[Record]) -> None:
        self.cls = cls

    def check(self, value: Any, loc: Loc, problems: Problems) -> Any:
        return check_record(self.cls, value, loc, problems)


class OneOf(Rule):
    """One of some kinds of record, the first that the data makes; when none does, the problems
    of each kind, its name in their place (measures[1].routes[2].PartnerRoute.partner)."""

    def __init__(self, *classes: type[Record]) -> None:
        self.classes = classes

    def check(self, value: Any, loc: Loc, problems: Problems) -> Any:
        tried: Problems = []
        for cls in self.classes:
            found: Problems = []
            record = check_record(cls, value, (*loc, cls.__name__), found)
            if not found:
                return record
            tried += found
        problems += tried
        return None


class ListOf(Rule):
    """A list of values or records (a Record class for its records), of a length within limits
    (checked as pydantic did: a list that is too long is only that; one too short is reported
    only when its items are good)."""

    def __init__(self, item: Rule | type[Record], *, max_length: int, min_length: int = 0) -> None:
        self.item = item if isinstance(item, Rule) else Nested(item)
        self.max_length, self.min_length = max_length, min_length
        self.required = min_length > 0

    def default(self) -> list[Any]:
        return []

    def check(self, value: Any, loc: Loc, problems: Problems) -> Any:
        if not isinstance(value, list):
            problems.append(problem("list_type", loc, value))
            return None
        size = len(value)
        if size > self.max_length:
            problems.append(
                problem(
                    "too_long",
                    loc,
                    value,
                    field_type="List",
                    max_length=self.max_length,
                    actual_length=size,
                )
            )
            return None
        before = len(problems)
        check = self.item.check
        items = [check(item, (*loc, i), problems) for i, item in enumerate(value)]
        if len(problems) == before and size < self.min_length:
            problems.append(
                problem(
                    "too_short",
                    loc,
                    value,
                    field_type="List",
                    min_length=self.min_length,
                    actual_length=size,
                )
            )
        return items
