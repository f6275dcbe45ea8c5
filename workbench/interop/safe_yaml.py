"""YAML reading that survives hostile files: no alias bombs, no deep nesting, no tags.

``yaml.safe_load`` already refuses Python object tags, but a "billion laughs" document
(anchors referencing anchors) loads as a small graph that explodes when walked, and deep
nesting overflows the recursive composer. We scan the event stream first (iterative, cheap),
then count the expanded size of the loaded data without recursion.
"""

from __future__ import annotations

from typing import Any

import yaml

from workbench.interop.common import fail
from workbench.model.io import MAX_DEPTH

MAX_ALIASES = 100
MAX_NODES = 200_000
#: Longest integer literal read (Python refuses to convert 4,301 digits or more with a
#: ValueError, which reached the user as "internal error"; 20 digits hold any 64-bit value).
MAX_INT_DIGITS = 20


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's C parser when PyYAML was built with it (same safe constructor, ~10x
    faster), with over-long integers refused at their line."""


def _bounded_int(loader: Any, node: yaml.ScalarNode) -> Any:
    digits = str(node.value).replace("_", "").lstrip("+-")
    if len(digits) > MAX_INT_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"integer of {len(digits):,} digits is out of range", node.start_mark)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


Loader.add_constructor("tag:yaml.org,2002:int", _bounded_int)


def safe_yaml_load(text: str, source: str) -> Any:
    """Parse YAML text into plain data; raises ModelError naming ``source`` on any danger."""
    aliases = depth = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise fail(source, "$", f"YAML uses more than {MAX_ALIASES} aliases "
                                            f"(possible alias bomb); refused")
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise fail(source, "$", f"YAML nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
        data = yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader variant
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if "nesting depth" in problem:  # libyaml's own limit, reached before ours
            raise fail(source, "$", f"YAML nested more than {MAX_DEPTH} levels deep") from None
        raise fail(source, "$", f"invalid YAML{where}: {problem}") from None
    except RecursionError:
        raise fail(source, "$", "YAML nested too deeply") from None
    _check_expanded_size(data, source)
    return data


def _check_expanded_size(data: Any, source: str) -> None:
    """Walk the data as a consumer would (aliases expanded), stopping at MAX_NODES."""
    count = 0
    stack = [data]
    while stack:
        node = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise fail(source, "$", f"YAML expands to more than {MAX_NODES} values "
                                    f"(possible alias bomb); refused")
        if isinstance(node, dict):
            stack.extend(node.values())
            stack.extend(node.keys())
        elif isinstance(node, list):
            stack.extend(node)
