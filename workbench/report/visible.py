"""Model text as a report shows it: control and invisible characters as visible escapes.

Why: a name imported from another tool can hold a bell (``\\x07``), an escape sequence, a
right-to-left override (U+202E) or a zero-width space. The report font has no glyph for
them, so reportlab drew empty boxes, silently ("Pump\\x07" printed "Pump▯"), and a bidi
override could make a name read backwards in a PDF viewer's text layer. The report shows
them the way the CLI does (:mod:`workbench.model.text`): ``Pump\\x07``, ``\\u202e``. Nothing is
lost, nothing is interpreted, and the reader sees that the name holds something odd. The
model itself is never changed: the report works on a copy (the fingerprint is taken first).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from workbench.model.text import printable, printable_block
from workbench.model.threat_model import ThreatModel

#: Free-text fields that may span lines: their newlines and tabs are kept.
BLOCK_FIELDS = frozenset({"description", "scope", "comment", "reason", "rationale",
                          "notes", "assumptions", "evidence", "summary"})

#: What ``model_dump_json`` shows of a character :func:`printable` would escape: a JSON
#: escape of a C0 or C1 control, or one of the invisible characters as it is.
_SUSPECT = re.compile(r"\\u00[01][0-9a-fA-F]|\\u00[89][0-9a-fA-F]|\\u007[fF]|\\[bfnrt]"
                      "|[\x7f-\x9f\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064"
                      "\u2066-\u206f\ufeff]")


def visible_model(model: ThreatModel) -> tuple[ThreatModel, int]:
    """``model`` with every string a report prints made visible, and how many strings
    changed (0: the same object back, which is the common case and costs one JSON dump)."""
    try:
        if not _SUSPECT.search(model.model_dump_json()):
            return model, 0
    except ValueError:  # a lone surrogate cannot be dumped: look field by field
        pass
    changed = [0]
    copy = _visible(model, "", changed)
    return copy, changed[0]


def _visible(value: Any, field: str, changed: list[int]) -> Any:
    """``value`` with its strings escaped (``field`` picks one line or several); the same
    object when nothing in it changes."""
    if isinstance(value, str):
        new = printable_block(value) if field in BLOCK_FIELDS else printable(value)
        if new != value:
            changed[0] += 1
            return new
        return value
    if isinstance(value, BaseModel):
        updates = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _visible(old, name, changed)
            if new is not old:
                updates[name] = new
        # model_copy does not validate: an escaped name may run past a length limit.
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, (list, tuple)):
        items = [_visible(item, field, changed) for item in value]
        if any(new is not old for new, old in zip(items, value, strict=True)):
            return type(value)(items)
        return value
    if isinstance(value, dict):  # keys are ids (a safe pattern): only values change
        items = {key: _visible(item, field, changed) for key, item in value.items()}
        if any(items[key] is not item for key, item in value.items()):
            return items
        return value
    return value
