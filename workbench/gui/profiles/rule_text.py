"""An attacker's entry rule (a declarative :class:`Condition`) in words, for reading only.

Rules are data written for the analysis (``docs/conditions.md``); an analyst tuning a
profile needs to see *where* it starts, not the JSON. Nested rules are written as an
indented list; editing them stays a file-level task (the dock offers "Clear rule" and
explicit entry points instead).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from workbench.gui.labels import enum_label, field_label
from workbench.model.conditions import Condition


def _attr_words(attr: str) -> str:
    words = {
        "id": QCoreApplication.translate("EntryRule", "id"),
        "name": QCoreApplication.translate("EntryRule", "name"),
        "stencil": QCoreApplication.translate("EntryRule", "element type"),
        "layer": QCoreApplication.translate("EntryRule", "layer"),
        "category": QCoreApplication.translate("EntryRule", "category"),
        "tags": QCoreApplication.translate("EntryRule", "type tags"),
        "zone": QCoreApplication.translate("EntryRule", "trust zone"),
        "zone.kind": QCoreApplication.translate("EntryRule", "trust zone kind"),
        "zone.trust_level": QCoreApplication.translate("EntryRule", "trust level"),
        "has_wireless": QCoreApplication.translate("EntryRule", "has a wireless interface"),
        "data.kinds": QCoreApplication.translate("EntryRule", "kinds of data held"),
        "data.personal": QCoreApplication.translate("EntryRule", "holds personal data"),
        "data.special_category": QCoreApplication.translate(
            "EntryRule", "holds special-category data"),
    }
    if attr in words:
        return words[attr]
    if attr.startswith("properties."):
        return field_label(attr.removeprefix("properties.")).lower()
    return attr


def _value_words(value: Any, names: Callable[[str], str]) -> str:
    if isinstance(value, list):
        return ", ".join(_value_words(v, names) for v in value)
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("EntryRule", "yes")
        return QCoreApplication.translate("EntryRule", "no")
    if isinstance(value, str):
        return names(value)
    return str(value)


def _leaf(cond: Condition, names: Callable[[str], str]) -> str:
    attr, op, value = _attr_words(cond.attr or ""), cond.op, cond.value
    if op in ("eq", "ne") and isinstance(value, bool):
        negate = (op == "ne") == value
        if negate:
            return QCoreApplication.translate("EntryRule", "not: %1").replace("%1", attr)
        return attr
    if op == "exists":
        text = QCoreApplication.translate("EntryRule", "%1 is set") if value else \
            QCoreApplication.translate("EntryRule", "%1 is not set")
        return text.replace("%1", attr)
    patterns = {
        "eq": QCoreApplication.translate("EntryRule", "%1 is %2"),
        "ne": QCoreApplication.translate("EntryRule", "%1 is not %2"),
        "in": QCoreApplication.translate("EntryRule", "%1 is one of %2"),
        "not_in": QCoreApplication.translate("EntryRule", "%1 is none of %2"),
        "contains": QCoreApplication.translate("EntryRule", "%1 include %2"),
        "contains_any": QCoreApplication.translate("EntryRule", "%1 include any of %2"),
        "gt": "%1 > %2", "gte": "%1 ≥ %2", "lt": "%1 < %2", "lte": "%1 ≤ %2",
    }
    return patterns[op].replace("%1", attr).replace("%2", _value_words(value, names))


def rule_lines(cond: Condition, names: Callable[[str], str] | None = None,
               depth: int = 0) -> list[str]:
    """The rule as indented lines ("Any of:", "• internet exposed", ...)."""
    names = names or enum_label
    pad = "    " * depth
    if cond.attr is not None:
        return [pad + "• " + _leaf(cond, names)]
    if cond.not_ is not None:
        head = QCoreApplication.translate("EntryRule", "None of:")
        return [pad + head] + rule_lines(cond.not_, names, depth + 1)
    if cond.all is not None:
        head = QCoreApplication.translate("EntryRule", "All of:")
    else:
        head = QCoreApplication.translate("EntryRule", "Any of:")
    children = cond.all if cond.all is not None else (cond.any or [])
    out = [pad + head]
    for child in children:
        out += rule_lines(child, names, depth + 1)
    return out


def rule_text(cond: Condition | None, names: Callable[[str], str] | None = None) -> str:
    if cond is None:
        return QCoreApplication.translate(
            "EntryRule", "No entry rule: it starts at its listed entry points only.")
    return "\n".join(rule_lines(cond, names))
