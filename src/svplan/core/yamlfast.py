"""The fast path for reading a large YAML file that is plain data: no line numbers kept.

`yamlsafe.parse_yaml` checks every node and records the line of every key and list item, then
lets PyYAML's Python constructor build the data: three walks over a node tree of a few hundred
thousand nodes. Most files are ordinary and valid, and their lines are never needed. Here the
checks and the building are one walk, and nothing is recorded; the caller validates the data and
only when that fails parses the text again with `parse_yaml`, to report the line at fault.

Anything out of the ordinary makes `plain_data` return None instead, and the caller then uses
`parse_yaml`, which refuses or reads it exactly as before: a YAML error, a tag other than
str/int/float/bool/null/map/seq (dates, binary and every object tag included), a key that is not
plain text, a merge key, a key written twice, a list or mapping reached twice (any alias of one,
so an alias bomb is never expanded here), nesting near the depth limit, more nodes than
MAX_EXPANDED_NODES, a number with too many digits, control characters pasted from Word. For the
files it accepts, the data is equal to what `parse_yaml` builds.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from svplan.core.yamlsafe import (
    MAX_DEPTH,
    MAX_EXPANDED_NODES,
    MAX_INT_DIGITS,
    _Loader,
    gc_paused,
)

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_INT = "tag:yaml.org,2002:int"
_SIMPLE = {  # scalar tags built here, with PyYAML's own safe constructors
    _INT: SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
}


class _Unusual(Exception):
    """Something the fast path leaves to yamlsafe.parse_yaml."""


def plain_data(text: str) -> Any | None:
    """The data of a YAML document that is plain data, or None: then use yamlsafe.parse_yaml."""
    if "\x00" in text:
        return None
    # Control characters pasted from Word need yamlsafe's Python loader; libyaml (and PyYAML's
    # own reader) refuse them, so such a file ends below, without a 19 ms regex over 6.5 MB.
    try:
        loader = _Loader(text)
    except Exception:  # the full parse reports it
        return None
    try:
        with gc_paused():  # the nodes are freed before the collector runs again
            try:
                node = loader.get_single_node()
            except Exception:  # invalid YAML, several documents...: the full parse reports it
                return None
            if node is None:
                return None
            try:
                return _Builder().build(node)
            except Exception:  # _Unusual, or a value PyYAML cannot build: the full parse judges
                return None
            finally:
                del node
    finally:
        loader.dispose()


class _Builder:
    def __init__(self) -> None:
        self.constructor = SafeConstructor()
        self.seen: set[int] = set()  # ids of the lists and mappings built so far
        self.nodes = 0

    def build(self, node: yaml.Node) -> Any:
        if type(node) is yaml.ScalarNode:
            return self.scalar(node)
        return self.container(node, 1)

    def scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        construct = _SIMPLE.get(tag)
        if construct is None or (tag == _INT and len(node.value) > MAX_INT_DIGITS):
            raise _Unusual
        return construct(self.constructor, node)

    def container(self, node: yaml.Node, depth: int) -> Any:
        if id(node) in self.seen or depth >= MAX_DEPTH - 1:
            raise _Unusual  # an alias (perhaps of itself), or nesting near the limit
        self.seen.add(id(node))
        items = node.value
        self.nodes += len(items) + 1
        if self.nodes > MAX_EXPANDED_NODES:
            raise _Unusual
        kind = type(node)
        if kind is yaml.MappingNode and node.tag == _MAP:
            out: dict[str, Any] = {}
            for key, value in items:
                if type(key) is not yaml.ScalarNode or key.tag != _STR or key.value in out:
                    raise _Unusual  # not plain text, a merge key (<<), or written twice
                if type(value) is yaml.ScalarNode:
                    out[key.value] = value.value if value.tag == _STR else self.scalar(value)
                else:
                    out[key.value] = self.container(value, depth + 1)
            return out
        if kind is yaml.SequenceNode and node.tag == _SEQ:
            return [
                (item.value if item.tag == _STR else self.scalar(item))
                if type(item) is yaml.ScalarNode
                else self.container(item, depth + 1)
                for item in items
            ]
        raise _Unusual
