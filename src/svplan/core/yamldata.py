"""Plain data from libyaml's parser events, by the rules svplan.core.yamlsafe describes.

One pass over the events builds the data and applies the rules: YAML 1.2 core values, the
allowed tags (and a tagged value of its type), text keys written once each, `<<` merges, and
the limits (values, values added by aliases, depth, digits). `find_fields` is the second pass
that finds the line, or the unquoted text, of given field paths when a message needs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from svplan.core.errors import FileFormatError
from svplan.core.validation import format_loc, shorten

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Limits:
    nodes: int  # values (scalars, lists, mappings) written in the file
    alias_nodes: int  # values that aliases add, counted from the size of what they refer to
    alias_chars: int  # characters of text that aliases add (an alias of a long note)
    depth: int  # lists and mappings inside each other
    int_digits: int  # longer whole numbers are refused before Python converts them


_Y = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_Y + t for t in ("str", "int", "float", "bool", "null"))
_MAP, _SEQ, _TIMESTAMP, _BINARY = (_Y + t for t in ("map", "seq", "timestamp", "binary"))
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _BINARY}

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), plus `<<` for keys
_CORE = re.compile(
    r"(?P<null>~|null|Null|NULL)"
    r"|(?P<bool>true|True|TRUE|false|False|FALSE)"
    r"|(?P<int>[-+]?[0-9]+)"
    r"|(?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"
    r"|(?P<merge><<)"
)
_CORE_FIRST = frozenset("~nNtTfF-+.0123456789<")
_TRUE = frozenset({"true", "True", "TRUE"})
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")

_NO_KEY = object()  # a mapping waiting for its next key
_MERGE = object()  # the key `<<`
_OPEN = object()  # an anchored list or mapping still being read


class _Frame:
    """A list or mapping being built."""

    __slots__ = ("anchor", "height", "is_map", "key", "line", "merges", "obj", "size")

    def __init__(self, is_map: bool, anchor: str | None, line: int) -> None:
        self.is_map = is_map
        self.obj: Any = {} if is_map else []
        self.key: Any = _NO_KEY
        self.anchor = anchor
        self.line = line
        self.size = 1
        self.height = 0
        self.merges: list[tuple[Any, int]] = []


class Builder:
    """Plain data from parser events (one instance per parse). new_loader gives a fresh parser
    of the same text, for the second pass that finds the first line of a key written twice."""

    def __init__(self, new_loader: Callable[[], Any], path: Path, what: str, limits: Limits):
        self.new_loader, self.path, self.what = new_loader, path, what
        self.limits = limits
        self.max_nodes, self.max_alias = limits.nodes, limits.alias_nodes
        self.nodes = 0
        self.alias_nodes = 0
        self.alias_chars = 0
        self.chars: dict[str, int] = {}  # anchor -> characters of text in what it refers to
        self.anchors: dict[str, Any] = {}
        self.stack: list[_Frame] = []

    def fail(self, line: int | None, message: str, loc: Loc | None = None) -> FileFormatError:
        where = f", line {line}" if line else ""
        field_path = format_loc(self.loc() if loc is None else loc)
        what = f" ({field_path})" if field_path else ""
        return FileFormatError(f"{self.path.name}{where}{what}: {message}", path=self.path)

    def loc(self) -> Loc:
        """The field path of the value being read (the last key or list position)."""
        out: list[str | int] = []
        for frame in self.stack:
            if frame.is_map:
                if frame.key is _NO_KEY or frame.key is _MERGE:
                    break
                out.append(frame.key)
            else:
                out.append(len(frame.obj))
        return tuple(out)

    def build(self, loader: Any) -> Any:
        get = loader.get_event
        get()  # the stream's start
        event = get()
        if type(event) is StreamEndEvent:
            raise FileFormatError(f"{self.path.name} is empty; it is not a {self.what}.")
        data = self.document(get)
        event = get()
        if type(event) is not StreamEndEvent:
            raise self.fail(
                event.start_mark.line + 1, "this is not valid YAML (but found another document)."
            )
        return data

    def document(self, get: Any) -> Any:
        stack = self.stack
        while True:
            event = get()
            kind = type(event)
            if kind is ScalarEvent:
                if stack and stack[-1].key is _NO_KEY and stack[-1].is_map:
                    self.key(stack[-1], event)
                    continue
                value = self.scalar(event)
                size, height = 1, 0
                self.nodes += 1
                if self.nodes > self.max_nodes:
                    self.count(event)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1, 0)
                    self.chars.pop(event.anchor, None)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self.start(event, kind is MappingStartEvent)
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                value = self.finish(frame)
                size, height = frame.size, frame.height
                if frame.anchor:
                    self.anchors[frame.anchor] = (value, size, height)
                    self.chars.pop(frame.anchor, None)
            elif kind is AliasEvent:
                value, size, height = self.alias(event)
                if stack and stack[-1].key is _NO_KEY and stack[-1].is_map:
                    self.alias_key(stack[-1], event, value)
                    continue
            elif kind is DocumentEndEvent:
                raise FileFormatError(f"{self.path.name} is empty; it is not a {self.what}.")
            else:  # pragma: no cover - the parser gives no other event inside a document
                continue
            if not stack:
                get()  # the document's end
                return value
            top = stack[-1]
            top.size += size
            if height >= top.height:
                top.height = height + 1
            if not top.is_map:
                top.obj.append(value)
            elif top.key is _MERGE:
                top.merges.append((value, event.start_mark.line + 1))
                top.key = _NO_KEY
            else:
                top.obj[top.key] = value
                top.key = _NO_KEY

    def count(self, event: Any) -> None:
        if self.nodes > self.max_nodes:
            raise FileFormatError(
                f"{self.path.name} holds more than {self.max_nodes:,} values, far more than a "
                f"{self.what} needs; it was refused.",
                path=self.path,
            )

    def start(self, event: Any, is_map: bool) -> None:
        line = event.start_mark.line + 1
        if self.stack and self.stack[-1].is_map and self.stack[-1].key is _NO_KEY:
            raise self.fail(line, "a key must be plain text.", ())
        tag = event.tag
        if tag not in (None, "!", _MAP if is_map else _SEQ):
            raise self.fail(line, _tag_problem(tag))
        if len(self.stack) >= self.limits.depth:
            raise self.fail(line, f"nested too deeply to be a {self.what}.", ())
        self.nodes += 1
        self.count(event)
        frame = _Frame(is_map, event.anchor, line)
        if event.anchor:
            self.anchors[event.anchor] = _OPEN
        self.stack.append(frame)

    def finish(self, frame: _Frame) -> Any:
        if not frame.merges:
            return frame.obj
        merged: dict[str, Any] = {}
        for value, line in frame.merges:
            parts = value if isinstance(value, list) else [value]
            if not parts or not all(isinstance(part, dict) for part in parts):
                self.stack.append(frame)  # so that the message names this mapping's place
                raise self.fail(
                    line,
                    "'<<' (YAML's merge key) must be followed by a mapping or a list of "
                    "mappings; put '<<' in quotes if it is meant as text.",
                )
            for part in parts:
                for key, item in part.items():
                    merged.setdefault(key, item)
        merged.update(frame.obj)  # keys written in the mapping itself win
        return merged

    def alias(self, event: Any) -> tuple[Any, int, int]:
        line = event.start_mark.line + 1
        entry = self.anchors.get(event.anchor)
        if entry is None:
            raise self.fail(
                line, f"this is not valid YAML (found undefined alias '{shorten(event.anchor)}')."
            )
        if entry is _OPEN:
            raise self.fail(
                line,
                "a YAML alias refers to the structure it is part of, so it never ends; "
                "it was refused.",
            )
        value, size, height = entry
        self.alias_nodes += size
        if self.alias_nodes <= self.max_alias:  # (else no need to count: it is refused)
            if event.anchor not in self.chars:
                self.chars[event.anchor] = _characters(value)
            self.alias_chars += self.chars[event.anchor]
        if self.alias_nodes > self.max_alias or self.alias_chars > self.limits.alias_chars:
            raise FileFormatError(
                f"{self.path.name} repeats parts of itself with YAML aliases (*name) so often "
                f"that it would expand to more than {self.max_alias:,} values or "
                f"{self.limits.alias_chars:,} characters; it was refused.",
                path=self.path,
            )
        if len(self.stack) + height > self.limits.depth:
            raise self.fail(line, f"nested too deeply to be a {self.what}.", ())
        return value, size, height

    def key(self, frame: _Frame, event: Any) -> None:
        line = event.start_mark.line + 1
        value = event.value
        tag = event.tag
        if tag is None and event.implicit[0]:
            if value == "<<":
                self.set_key(frame, _MERGE, "<<", line)
                return
            if value in _NULLS or (value[0] in _CORE_FIRST and _CORE.fullmatch(value)):
                raise self.fail(
                    line,
                    f"the key '{shorten(value)}' must be text; put it in quotes if it is meant.",
                )
        elif tag not in (None, "!", _STR):
            if tag not in _SCALAR_TAGS:
                raise self.fail(line, _tag_problem(tag))
            raise self.fail(
                line, f"the key '{shorten(value)}' must be text; put it in quotes if it is meant."
            )
        self.set_key(frame, value, value, line)

    def alias_key(self, frame: _Frame, event: Any, value: Any) -> None:
        if not isinstance(value, str):
            raise self.fail(event.start_mark.line + 1, "a key must be plain text.")
        self.set_key(frame, value, value, event.start_mark.line + 1)

    def set_key(self, frame: _Frame, key: Any, shown: str, line: int) -> None:
        written = bool(frame.merges) if key is _MERGE else key in frame.obj
        if written:
            place = self.loc()
            first = find_fields(self.new_loader(), {(*place, shown)})[0].get((*place, shown))
            seen = f" (first on line {first})" if first else ""
            raise self.fail(
                line,
                f"the key '{shorten(shown)}' is written twice in the same section{seen}; "
                "each key may be given once, so remove or rename one of them.",
                place,
            )
        frame.key = key

    def scalar(self, event: Any) -> Any:
        value = event.value
        tag = event.tag
        if tag is None:
            if not event.implicit[0]:  # quoted, or a block of text
                return value
            if not value:
                return None
            if value[0] not in _CORE_FIRST:
                return value
            match = _CORE.fullmatch(value)
            if match is None:
                return value
            kind = match.lastgroup
            if kind == "int":
                return self.whole_number(value, event)
            if kind == "float":
                return _float(value)
            if kind == "bool":
                return value in _TRUE
            if kind == "null":
                return None
            return value  # `<<` as a value is text
        if tag == _STR or tag == "!":
            return value
        return self.typed(value, tag, event)

    def whole_number(self, value: str, event: Any) -> int:
        if len(value) > self.limits.int_digits:
            raise self.fail(event.start_mark.line + 1, "the number has far too many digits.")
        return int(value, 10)

    def typed(self, value: str, tag: str, event: Any) -> Any:
        """A value the file marks with a tag (`!!int 12`): it must be of that type."""
        line = event.start_mark.line + 1
        if tag not in _SCALAR_TAGS:
            raise self.fail(line, _tag_problem(tag))
        text = value.strip()
        match = _CORE.fullmatch(text)
        kind = match.lastgroup if match else None
        if tag == _INT and kind == "int":
            return self.whole_number(text, event)
        if tag == _FLOAT and kind in ("int", "float"):
            return _float(text)
        if tag == _BOOL and kind == "bool":
            return text in _TRUE
        if tag == _NULL and (kind == "null" or not text):
            return None
        if tag == _TIMESTAMP:
            return self.timestamp(text, line)
        if tag == _BINARY:
            import base64  # (here: a rare tag, kept off the start-up path)

            try:
                return base64.b64decode(re.sub(r"\s", "", text), validate=True)
            except ValueError:  # (binascii.Error is one)
                pass
        name = tag.rsplit(":", 1)[-1]
        raise self.fail(
            line,
            f"the value '{shorten(value)}' is marked with the YAML type !!{name}, "
            "but it is not one.",
        )

    def timestamp(self, text: str, line: int) -> Any:
        """`!!timestamp 2027-04-01`: a real date (a date and time is built as PyYAML does)."""
        import datetime as dt  # (here: a rare tag, kept off the start-up path)

        match = _DATE.match(text)
        try:
            if match is None:
                raise ValueError(text)
            day = dt.date(*(int(part) for part in match.groups()))
            if match.end() == len(text):
                return day
            node = yaml.ScalarNode(_TIMESTAMP, text)
            return yaml.constructor.SafeConstructor().construct_yaml_timestamp(node)
        except (ValueError, TypeError, AttributeError, OverflowError):
            raise self.fail(line, f"'{shorten(text)}' is not a real date.") from None


def _characters(value: Any) -> int:
    """Characters of text (keys included) in a value, as its expansion would hold them."""
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, dict):
            total += sum(len(k) for k in item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return total


def _float(text: str) -> float:
    lower = text.lower()
    if lower.endswith((".inf", ".nan")):
        sign = -1.0 if lower.startswith("-") else 1.0
        return sign * float("inf") if lower.endswith("inf") else float("nan")
    return float(text)


def _tag_problem(tag: str) -> str:
    shown = "!!" + tag[len(_Y) :] if tag.startswith(_Y) else tag
    kind = "a Python object tag" if "python" in tag else f"the tag {shorten(shown)}"
    return f"uses {kind}, which is not allowed; only plain YAML data can be read."


def find_fields(
    loader: Any, wanted: set[Loc], *, texts_too: bool = False
) -> tuple[dict[Loc, int], dict[Loc, str]]:
    """Lines (of the key, for a mapping's entry) and unquoted scalar text of the wanted field
    paths, from a fresh parser of the text: a second pass, made only when a message needs it."""
    lines: dict[Loc, int] = {}
    texts: dict[Loc, str] = {}
    # one entry per open list or mapping: [is_map, loc, key or next index, merging]
    stack: list[list[Any]] = []
    try:
        while loader.check_event() and (texts_too or len(lines) < len(wanted)):
            event = loader.get_event()
            kind = type(event)
            if kind in (MappingEndEvent, SequenceEndEvent):
                stack.pop()
                _next(stack)
                continue
            if kind not in (ScalarEvent, AliasEvent, MappingStartEvent, SequenceStartEvent):
                continue
            line = event.start_mark.line + 1
            top = stack[-1] if stack else None
            if top is not None and top[0] and top[2] is None:  # a key
                key = event.value if kind is ScalarEvent else None
                top[2] = _MERGE if (key == "<<" and event.tag is None) else key
                if key is not None and key != "<<" and (*top[1], key) in wanted:
                    lines.setdefault((*top[1], key), line)
                if kind in (MappingStartEvent, SequenceStartEvent):
                    break  # a key that is not text: the first parse refused it
                continue
            if top is None:
                loc: Loc = ()
            elif top[2] is _MERGE or top[3]:
                loc = top[1]
            else:
                loc = (*top[1], top[2])
            if loc in wanted:
                lines.setdefault(loc, line)
                if kind is ScalarEvent and event.tag is None and event.implicit[0]:
                    texts.setdefault(loc, event.value)
            if kind is MappingStartEvent:
                stack.append([True, loc, None, False])
            elif kind is SequenceStartEvent:  # under `<<`, its mappings merge into the parent
                stack.append([False, loc, 0, top is not None and top[2] is _MERGE])
            else:
                _next(stack)
    except yaml.YAMLError:
        pass  # the first parse reported the error
    finally:
        loader.dispose()
    return lines, texts


def _next(stack: list[list[Any]]) -> None:
    """After a value: a mapping waits for its next key, a list moves to its next position."""
    if stack:
        top = stack[-1]
        top[2] = None if top[0] else top[2] + 1
