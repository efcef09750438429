"""The YAML safety policy: every plan and catalogue is read here, and only as plain data.

libyaml (PyYAML's C parser) turns the text into events; the data is built from the events in one
pass, so no PyYAML constructor ever runs and no node tree is kept. On the way:
- Values follow the YAML 1.2 core schema, so a number is what the file says: only true/false
  (True, TRUE...) are booleans; numbers are decimal (`036` is 36); `0x1F`, `0o17`, `1:30`, `yes`,
  `on`, `=` and `<<` as a value are text; dates are text (the models read `2027-04-01`).
- Only the standard tags a person may write (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq,
  !!timestamp, !!binary); a tagged value must be of its type. No Python or other object tags.
- Keys are plain text, each written once in a mapping; `<<` as a key merges a mapping (YAML's
  merge key), as most YAML tools do.
- Work is bounded: nesting depth, values in the file, nodes that aliases add (counted from the
  size of what they refer to, never expanded), digits of a number.
Lines are not recorded while building: when a message needs the line of a field, the text is
parsed again for those fields only (YamlDocument.line_of), which costs nothing for a good file.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from svplan.core.errors import FileFormatError
from svplan.core.textfile import MAX_FILE_BYTES, character_error, read_text
from svplan.core.validation import shorten
from svplan.core.yamldata import Builder, Limits, Loc, find_fields

try:  # pragma: no branch - the C parser is present in every wheel we ship
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = [
    "MAX_ALIAS_CHARS",
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "YamlDocument",
    "gc_paused",
    "load_yaml_file",
    "parse_yaml",
    "read_text",
    "shorten",
]

MAX_NODES = 1_000_000  # values (scalars, lists, mappings) written in one file
MAX_ALIAS_NODES = 50_000  # values that aliases add; a real plan or catalogue needs none
MAX_ALIAS_CHARS = 1_000_000  # characters of text that aliases add (50 copies of a long note)
MAX_DEPTH = 64
MAX_INT_DIGITS = 40  # longer whole numbers are refused before Python converts them

# Control characters that text pasted from Word or a PDF brings along (vertical tab for a line
# break, form feed, Word's hyphen and field marks, C1 codes from old encodings). YAML does not
# allow them unescaped, so a file holding them is read with PyYAML's Python parser, which is told
# to accept them; the text keeps them exactly (the export cleans them up). NUL is never accepted.
_PASTED_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


_REFUSED_IN_PASTED_TEXT = "[^\x01-\x9f\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


class _PastedTextLoader(yaml.SafeLoader):
    # compiled when a file needs it (few do): compiling this class of characters takes ~5 ms
    NON_PRINTABLE = property(lambda _: re.compile(_REFUSED_IN_PASTED_TEXT))


@dataclass
class YamlDocument:
    """Parsed data, and the text it came from (to find the line of a field when one is asked)."""

    data: Any
    source: str
    path: Path = field(default_factory=lambda: Path("file.yaml"))
    what: str = "file"
    _lines: dict[Loc, int] = field(default_factory=dict, repr=False)
    _texts: dict[Loc, str] = field(default_factory=dict, repr=False)
    _looked_up: set[Loc] = field(default_factory=set, repr=False)
    _texts_looked_up: set[Loc] = field(default_factory=set, repr=False)

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """Best line (1-based) for a field path: the deepest prefix that has a line."""
        return self.lines_of([loc])[0]

    def lines_of(self, locs: Iterable[Sequence[str | int]]) -> list[int | None]:
        """line_of for many fields, with one extra parse for all of them."""
        wanted = [tuple(loc) for loc in locs]
        self._look_up(p for loc in wanted for p in _prefixes(loc))
        out = []
        for loc in wanted:
            line = next(
                (self._lines[p] for p in reversed(_prefixes(loc)) if p in self._lines), None
            )
            out.append(line)
        return out

    def plain_text(self, loc: Sequence[str | int]) -> str | None:
        """The characters of an unquoted value at exactly this field (a number, true/false...),
        or None when the value there is not a plain scalar."""
        return self.plain_texts([tuple(loc)]).get(tuple(loc))

    def plain_texts(self, locs: Iterable[Loc]) -> dict[Loc, str]:
        """plain_text of many fields, with one extra parse for all of them (only the fields
        that hold a plain scalar are in the answer)."""
        wanted = [tuple(loc) for loc in locs]
        self._look_up(wanted, texts_too=True)
        return {loc: self._texts[loc] for loc in wanted if loc in self._texts}

    def _look_up(self, locs: Iterable[Loc], *, texts_too: bool = False) -> None:
        done = self._texts_looked_up if texts_too else self._looked_up
        new = set(locs) - done
        if new:
            loader = _loader(self.source, self.path, self.what)
            lines, texts = find_fields(loader, new, texts_too=texts_too)
            self._lines.update(lines)
            self._texts.update(texts)
            done |= new
            if texts_too:  # (a search for texts finds the lines too)
                self._looked_up |= new


def _prefixes(loc: Loc) -> list[Loc]:
    return [loc[:i] for i in range(len(loc) + 1)]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Building a large structure triggers Python's cycle collector over and over; pause it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_yaml_file(path: Path, *, what: str, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    """Read and parse a YAML file, raising FileFormatError with a one-line message."""
    return parse_yaml(read_text(path, what=what, max_bytes=max_bytes), path=path, what=what)


def parse_yaml(
    text: str,
    *,
    path: Path,
    what: str,
    max_nodes: int = MAX_NODES,
    max_alias_nodes: int = MAX_ALIAS_NODES,
) -> YamlDocument:
    """Parse one YAML document safely into plain data (FileFormatError: one sentence)."""
    if "\x00" in text:
        raise character_error(text, "\x00", path, what)
    limits = Limits(max_nodes, max_alias_nodes, MAX_ALIAS_CHARS, MAX_DEPTH, MAX_INT_DIGITS)
    builder = Builder(lambda: _loader(text, path, what), path, what, limits)
    loader = _loader(text, path, what)
    try:
        with gc_paused():
            data = builder.build(loader)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path, what) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = exc.problem or exc.context or "the YAML is invalid"
        raise FileFormatError(
            f"{path.name}{where}: this is not valid YAML ({problem}).", path=path, details=str(exc)
        ) from None
    except yaml.YAMLError as exc:
        raise FileFormatError(
            f"{path.name}: this is not valid YAML.", path=path, details=str(exc)
        ) from None
    except RecursionError:
        raise FileFormatError(
            f"{path.name} is nested too deeply to be a {what}.", path=path
        ) from None
    finally:
        loader.dispose()
    return YamlDocument(data=data, source=text, path=path, what=what)


def _loader(text: str, path: Path, what: str) -> Any:
    loader_class = _PastedTextLoader if _PASTED_CONTROLS.search(text) else _Loader
    try:
        return loader_class(text)  # the Python parser checks the characters here
    except UnicodeError:
        raise FileFormatError(
            f"{path.name}: the text holds characters that are not valid Unicode.", path=path
        ) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path, what) from None


def _reader_error(
    exc: yaml.reader.ReaderError, text: str, path: Path, what: str
) -> FileFormatError:
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)[:1]
    return character_error(text, char or "\ufffd", path, what)
