"""Reading untrusted YAML safely: size limit, text decoding, no object tags, bounded aliases.

Everything is parsed with PyYAML's C safe loader when available. The composed node tree is kept so
that a validation error at a field path can be reported with the line it came from.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
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
        size = path.stat().st_size
    except FileNotFoundError:
        raise FileFormatError(f"{path.name}: no such file.", path=path) from None
    except OSError as exc:
        raise FileFormatError(f"{path.name}: cannot be read ({exc.strerror}).", path=path) from None
    if path.is_dir():
        raise FileFormatError(f"{path.name} is a folder, not a {what}.", path=path)
    if size > max_bytes:
        raise FileFormatError(
            f"{path.name} is {size / 1048576:.1f} MB; a {what} is at most "
            f"{max_bytes // 1048576} MB, so this is not one.",
            path=path,
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FileFormatError(f"{path.name}: cannot be read ({exc.strerror}).", path=path) from None
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
    if b"\x00" in raw[:8192]:
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


def parse_yaml(text: str, *, path: Path, what: str) -> YamlDocument:
    """Parse one YAML document safely and record the line of every mapping key and list item."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise FileFormatError(f"{path.name} is empty; it is not a {what}.", path=path)
        lines: dict[Path_, int] = {}
        _check_nodes(node, path, lines)
        data = loader.construct_document(node)
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
    except RecursionError:
        raise FileFormatError(
            f"{path.name} is nested too deeply to be a {what}.", path=path
        ) from None
    finally:
        loader.dispose()
    _reject_non_finite_keys(data, path)
    return YamlDocument(data=data, lines=lines, source=text)


def _check_nodes(root: yaml.Node, path: Path, lines: dict[Path_, int]) -> None:
    """Refuse object tags and alias bombs; record line numbers (iterative, bounded)."""
    count = 0
    stack: list[tuple[yaml.Node, Path_, int]] = [(root, (), 0)]
    while stack:
        node, loc, depth = stack.pop()
        count += 1
        if count > MAX_EXPANDED_NODES:
            raise FileFormatError(
                f"{path.name} expands to a structure far too large to be a real file "
                "(repeated YAML aliases); it was refused.",
                path=path,
            )
        if depth > MAX_DEPTH:
            raise FileFormatError(f"{path.name} is nested too deeply to be read.", path=path)
        if node.tag not in _ALLOWED_TAGS:
            line = node.start_mark.line + 1
            kind = "a Python object tag" if "python" in node.tag else f"the tag {node.tag}"
            raise FileFormatError(
                f"{path.name}, line {line}: uses {kind}, which is not allowed; "
                "only plain YAML data can be read.",
                path=path,
            )
        lines.setdefault(loc, node.start_mark.line + 1)
        if node.tag == "tag:yaml.org,2002:timestamp":
            _check_date(node, path)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise FileFormatError(
                        f"{path.name}, line {key.start_mark.line + 1}: a key must be plain text.",
                        path=path,
                    )
                child = (*loc, key.value)
                lines.setdefault(child, key.start_mark.line + 1)
                stack.append((value, child, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                stack.append((item, (*loc, index), depth + 1))


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
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
}


def friendly_message(err: dict[str, Any]) -> str:
    """A plain-words version of one pydantic error."""
    kind = err.get("type", "")
    if kind in _FRIENDLY:
        return _FRIENDLY[kind]
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {err.get('ctx', {}).get('ge', err.get('ctx', {}).get('gt', 0))}"
    if kind in ("less_than_equal", "less_than"):
        limit = err.get("ctx", {}).get("le", err.get("ctx", {}).get("lt"))
        return f"must be at most {limit:,}" if isinstance(limit, int | float) else "is too large"
    if kind == "string_too_long":
        return f"is too long (at most {err.get('ctx', {}).get('max_length', 0):,} characters)"
    if kind in ("enum", "literal_error"):
        expected = err.get("ctx", {}).get("expected", "")
        return f"must be one of {expected}"
    msg = str(err.get("msg", "is not valid"))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return msg[:1].lower() + msg[1:]
