"""Reading untrusted YAML safely: size limit, text decoding, no object tags, bounded aliases.

Everything is parsed with PyYAML's C safe loader when available. The composed node tree is kept so
that a validation error at a field path can be reported with the line it came from.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import math
import re
import stat
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from svplan.core.errors import FileFormatError

try:  # pragma: no branch - the C loader is present in every wheel we ship
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_EXPANDED_NODES = 2_000_000
MAX_DEPTH = 64
MAX_INT_DIGITS = 40  # longer whole numbers are refused before Python converts them
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:binary",
}

Path_ = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Parsed data plus where each part of it was in the file."""

    data: Any
    lines: dict[Path_, int]
    source: str
    warnings: list[str] = field(default_factory=list)  # e.g. a key written twice

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """Best line (1-based) for a field path: the deepest prefix that has a recorded line."""
        parts = tuple(loc)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return self.lines.get(())


def read_text(path: Path, *, what: str, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a file as UTF-8 text (BOM and CRLF accepted), with a clear error for anything else."""
    try:
        info = path.stat()
        size = info.st_size
    except FileNotFoundError:
        raise FileFormatError(f"{path.name}: no such file.", path=path) from None
    except OSError as exc:
        raise FileFormatError(f"{path.name}: cannot be read ({exc.strerror}).", path=path) from None
    if path.is_dir():
        raise FileFormatError(f"{path.name} is a folder, not a {what}.", path=path)
    if not stat.S_ISREG(info.st_mode):  # a device or pipe could block or never end
        raise FileFormatError(f"{path.name} is not a file, so not a {what}.", path=path)
    if size > max_bytes:
        raise FileFormatError(
            f"{path.name} is {size / 1048576:.1f} MB; a {what} is at most "
            f"{max_bytes // 1048576} MB, so this is not one.",
            path=path,
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # the file may have grown since it was measured
    except OSError as exc:
        raise FileFormatError(f"{path.name}: cannot be read ({exc.strerror}).", path=path) from None
    if len(raw) > max_bytes:
        raise FileFormatError(
            f"{path.name} is over {max_bytes // 1048576} MB; a {what} is at most "
            f"{max_bytes // 1048576} MB, so this is not one.",
            path=path,
        )
    return decode_text(raw, path=path, what=what)


def decode_text(raw: bytes, *, path: Path, what: str) -> str:
    """Decode bytes as UTF-8 text, refusing binary files and other encodings clearly."""
    if not raw.strip():
        raise FileFormatError(f"{path.name} is empty; it is not a {what}.", path=path)
    if raw[:4] == b"PK\x03\x04":
        raise FileFormatError(
            f"{path.name} is a Word or zip file, not a {what}. Open the {what} file itself.",
            path=path,
        )
    encoding = _utf16_or_32(raw)
    if encoding:
        raise FileFormatError(
            f"{path.name} is saved as {encoding} text; a {what} must be UTF-8. Open it in a text "
            "editor, save it with the encoding UTF-8 and try again.",
            path=path,
        )
    if _looks_binary(raw[:8192]):
        raise FileFormatError(f"{path.name} is a binary file, not a {what}.", path=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileFormatError(
            f"{path.name}, line {line}: the text is not UTF-8. Save it as UTF-8 and try again.",
            path=path,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_or_32(raw: bytes) -> str:
    """'UTF-16' or 'UTF-32' when the bytes are text in one of those encodings, else ''."""
    if raw[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return "UTF-32"
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    sample = raw[:8192]
    half = len(sample) // 2
    zeros = sorted((sample[0::2].count(0), sample[1::2].count(0)))
    if half >= 4 and zeros[1] >= 0.4 * half and zeros[0] <= 0.05 * half:
        return "UTF-16"  # no byte-order mark, but every other byte is zero: ASCII as UTF-16
    return ""


def _looks_binary(sample: bytes) -> bool:
    """NUL bytes in something that is not UTF-8 text (a few NULs in text get their own error)."""
    if b"\x00" not in sample:
        return False
    if sample.count(b"\x00") > 8:
        return True
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < len(sample) - 4  # not just a character cut by the sample's end
    return False


# Control characters that text pasted from Word or a PDF brings along (vertical tab for a line
# break, form feed, Word's hyphen and field marks, C1 codes from old encodings). YAML does not
# allow them unescaped, so a file holding them is read with PyYAML's Python loader, which is told
# to accept them; the text keeps them exactly (the export cleans them up). NUL is never accepted.
_PASTED_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


class _PastedTextLoader(yaml.SafeLoader):
    NON_PRINTABLE = re.compile("[^\x01-\x9f\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Building a large node tree triggers Python's cycle collector over and over; pause it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _character_error(text: str, char: str, path: Path, what: str) -> FileFormatError:
    line = text.count("\n", 0, max(text.find(char), 0)) + 1
    code = ord(char)
    name = "NUL" if code == 0 else unicodedata.name(char, "a control or special character")
    return FileFormatError(
        f"{path.name}, line {line}: contains the character U+{code:04X} ({name}), which a "
        f"{what} cannot hold. Delete it in a text editor and try again.",
        path=path,
    )


def _reader_error(
    exc: yaml.reader.ReaderError, text: str, path: Path, what: str
) -> FileFormatError:
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)[:1]
    return _character_error(text, char or "\ufffd", path, what)


def parse_yaml(text: str, *, path: Path, what: str) -> YamlDocument:
    """Parse one YAML document safely and record the line of every mapping key and list item."""
    if "\x00" in text:
        raise _character_error(text, "\x00", path, what)
    loader_class = _PastedTextLoader if _PASTED_CONTROLS.search(text) else _Loader
    try:
        loader = loader_class(text)  # the Python loader checks the characters here
    except UnicodeError:
        raise FileFormatError(
            f"{path.name}: the text holds characters that are not valid Unicode.", path=path
        ) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path, what) from None
    try:
        with gc_paused():
            node = loader.get_single_node()
            if node is None:
                raise FileFormatError(f"{path.name} is empty; it is not a {what}.", path=path)
            lines: dict[Path_, int] = {}
            warnings: list[str] = []
            _check_nodes(node, path, lines, warnings)
            data = loader.construct_document(node)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path, what) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = exc.problem or exc.context or "the YAML is invalid"
        raise FileFormatError(
            f"{path.name}{where}: this is not valid YAML ({problem}).",
            path=path,
            details=str(exc),
        ) from None
    except yaml.YAMLError as exc:
        raise FileFormatError(
            f"{path.name}: this is not valid YAML.", path=path, details=str(exc)
        ) from None
    except (ValueError, TypeError, OverflowError) as exc:
        raise FileFormatError(
            f"{path.name}: a value could not be read ({exc}).", path=path, details=str(exc)
        ) from None
    except LookupError as exc:  # e.g. `!!bool maybe`, `!!int ""`: PyYAML indexes a table
        raise FileFormatError(
            f"{path.name}: a value marked with a YAML type (such as !!bool or !!int) is not "
            "a value of that type.",
            path=path,
            details=repr(exc),
        ) from None
    except RecursionError:
        raise FileFormatError(
            f"{path.name} is nested too deeply to be a {what}.", path=path
        ) from None
    finally:
        loader.dispose()
    _reject_non_finite_keys(data, path)
    return YamlDocument(data=data, lines=lines, source=text, warnings=warnings)


def _check_nodes(
    root: yaml.Node, path: Path, lines: dict[Path_, int], warnings: list[str] | None = None
) -> None:
    """Refuse object tags, keys that are not text, alias bombs and self-referring aliases;
    record line numbers; note keys written twice.

    Each distinct node is checked once. A list or mapping reached again through an alias only
    adds its size, so a "billion laughs" file is refused after counting, without expanding it.
    """
    sizes: dict[int, int] = {}  # id(node) -> nodes in its subtree once aliases are expanded
    heights: dict[int, int] = {}  # id(node) -> levels below it once aliases are expanded
    open_nodes: set[int] = set()  # nodes whose subtree is being walked (to catch *a inside &a)
    if isinstance(root, yaml.ScalarNode):
        _check_scalar(root, path)
        lines[()] = root.start_mark.line + 1
        return
    stack: list[tuple[yaml.Node, Path_, list[yaml.Node] | None]] = [(root, (), None)]
    while stack:
        node, loc, children = stack.pop()
        node_id = id(node)
        if children is not None:  # every child is done: add up
            size, height = 1, 0
            for child in children:
                if type(child) is yaml.ScalarNode:
                    size += 1
                    height = max(height, 1)
                else:
                    size += sizes[id(child)]
                    height = max(height, heights[id(child)] + 1)
            open_nodes.discard(node_id)
            sizes[node_id], heights[node_id] = size, height
            if size > MAX_EXPANDED_NODES:
                raise FileFormatError(
                    f"{path.name} expands to a structure far too large to be a real file "
                    "(repeated YAML aliases); it was refused.",
                    path=path,
                )
            if height > MAX_DEPTH:
                raise FileFormatError(f"{path.name} is nested too deeply to be read.", path=path)
            continue
        lines.setdefault(loc, node.start_mark.line + 1)
        if node_id in sizes:  # an alias of a list or mapping already checked
            continue
        if node_id in open_nodes:
            raise FileFormatError(
                f"{path.name}, line {node.start_mark.line + 1}: a YAML alias refers to the "
                "structure it is part of, so it never ends; it was refused.",
                path=path,
            )
        open_nodes.add(node_id)
        _check_tag(node, path)
        if isinstance(node, yaml.MappingNode):
            items = []
            seen: dict[str, int] = {}
            for key, value in node.value:
                _check_key(key, path)
                line = key.start_mark.line + 1
                if key.tag == _MERGE_TAG:
                    items.append((value, loc))
                    continue
                if key.value in seen and warnings is not None:
                    warnings.append(
                        f"{path.name}, line {line}: the key '{shorten(key.value)}' is written "
                        f"twice in the same section (first on line {seen[key.value]}); the "
                        "last one is used"
                    )
                seen.setdefault(key.value, line)
                child = (*loc, key.value)
                lines.setdefault(child, line)
                items.append((value, child))
        else:
            items = [(item, (*loc, i)) for i, item in enumerate(node.value)]
        stack.append((node, loc, [value for value, _loc in items]))
        for value, child in reversed(items):
            if type(value) is yaml.ScalarNode:
                _check_scalar(value, path)
                lines.setdefault(child, value.start_mark.line + 1)
            else:
                stack.append((value, child, None))


def _check_scalar(node: yaml.Node, path: Path) -> None:
    if node.tag == _STR_TAG:
        return
    _check_tag(node, path)
    if node.tag == "tag:yaml.org,2002:timestamp":
        _check_date(node, path)
    elif node.tag == "tag:yaml.org,2002:int" and len(str(node.value)) > MAX_INT_DIGITS:
        raise FileFormatError(
            f"{path.name}, line {node.start_mark.line + 1}: the number has far too many digits.",
            path=path,
        )


def _check_tag(node: yaml.Node, path: Path) -> None:
    if node.tag not in _ALLOWED_TAGS:
        line = node.start_mark.line + 1
        kind = "a Python object tag" if "python" in node.tag else f"the tag {node.tag}"
        raise FileFormatError(
            f"{path.name}, line {line}: uses {kind}, which is not allowed; "
            "only plain YAML data can be read.",
            path=path,
        )


def _check_key(key: yaml.Node, path: Path) -> None:
    """Keys are plain text: `1:`, `yes:` or `~:` would become a number, true/false or nothing."""
    line = key.start_mark.line + 1
    if not isinstance(key, yaml.ScalarNode):
        raise FileFormatError(f"{path.name}, line {line}: a key must be plain text.", path=path)
    if key.tag == _MERGE_TAG:
        return
    _check_tag(key, path)
    if key.tag != _STR_TAG:
        raise FileFormatError(
            f"{path.name}, line {line}: the key '{shorten(key.value)}' must be text; put it in "
            "quotes if it is meant.",
            path=path,
        )


def shorten(text: str, limit: int = 60) -> str:
    """Text from the file made safe for a one-line message: escaped controls, bounded length."""
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _check_date(node: yaml.Node, path: Path) -> None:
    """A date such as 2027-13-45 looks like a date to YAML but is not a real one."""
    text = str(node.value)
    try:
        dt.date(int(text[0:4]), int(text[5:7]), int(text[8:10]))
    except ValueError:
        raise FileFormatError(
            f"{path.name}, line {node.start_mark.line + 1}: '{text}' is not a real date.",
            path=path,
        ) from None


def _reject_non_finite_keys(data: Any, path: Path) -> None:
    """Mapping keys must be strings or numbers; a NaN key would never compare equal."""
    if isinstance(data, dict):
        for key in data:
            if isinstance(key, float) and not math.isfinite(key):
                raise FileFormatError(f"{path.name}: a key is not a valid value.", path=path)


def load_yaml_file(path: Path, *, what: str, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    """Read and parse a YAML file, raising FileFormatError with a one-line message."""
    return parse_yaml(read_text(path, what=what, max_bytes=max_bytes), path=path, what=what)


def describe_validation_error(exc: Any, doc: YamlDocument, path: Path, *, limit: int = 1) -> str:
    """Turn a pydantic ValidationError into 'file, line N (field path): what is wrong'."""
    parts = []
    for err in exc.errors()[:limit]:
        loc = tuple(err.get("loc", ()))
        line = doc.line_of(loc)
        field = format_loc(loc)
        where = f", line {line}" if line else ""
        what = f" ({field})" if field else ""
        parts.append(f"{path.name}{where}{what}: {friendly_message(err)}")
    return "; ".join(parts)


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
    "date_parsing": "must be a date written as YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written as YYYY-MM-DD",
    "date_type": "must be a date written as YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date written as YYYY-MM-DD, without a time",
    "int_from_float": "must be a whole number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
}


def friendly_message(err: dict[str, Any]) -> str:
    """A plain-words version of one pydantic error."""
    kind = err.get("type", "")
    if kind in _FRIENDLY:
        return _FRIENDLY[kind]
    if kind in ("greater_than_equal", "greater_than"):
        limit = err.get("ctx", {}).get("ge", err.get("ctx", {}).get("gt", 0))
        return f"must be at least {_number_text(limit)}"
    if kind in ("less_than_equal", "less_than"):
        limit = err.get("ctx", {}).get("le", err.get("ctx", {}).get("lt"))
        return f"must be at most {_number_text(limit)}" if limit is not None else "is too large"
    if kind == "string_too_long":
        return f"is too long (at most {err.get('ctx', {}).get('max_length', 0):,} characters)"
    if kind in ("enum", "literal_error"):
        expected = err.get("ctx", {}).get("expected", "")
        return f"must be one of {expected}"
    msg = str(err.get("msg", "is not valid"))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return msg[:1].lower() + msg[1:]


def _number_text(value: Any) -> str:
    """1e12 -> '1,000,000,000,000'; 0.0 -> '0'; 2.5 -> '2.5'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int | float) else str(value)
