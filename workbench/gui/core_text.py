"""Messages the Qt-free core raises, in the interface language.

``workbench.model.edits`` refuses an edit with a plain English ``ValueError`` ("'pump' is
not a network component"), which the CLI prints as is. The window shows the same refusal
in the analyst's language: each known message is matched by its pattern and worded again;
an unknown one is shown as the core wrote it (better English than nothing).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication


def _quoted(name: str) -> str:
    """A quoted name as the core wrote it ('pump'), without the quotes."""
    return name[1:-1] if len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"" \
        else name


_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^id ('.+') is already used$"),
     lambda m: QCoreApplication.translate("CoreMessage", "the id “%1” is already used")
     .replace("%1", _quoted(m.group(1)))),
    (re.compile(r"^unknown component ('.+')$"),
     lambda m: QCoreApplication.translate("CoreMessage", "no element “%1” in the model")
     .replace("%1", _quoted(m.group(1)))),
    (re.compile(r"^a flow needs two different components$"),
     lambda m: QCoreApplication.translate("CoreMessage",
                                          "a flow joins two different elements")),
    (re.compile(r"^(?:via: )?('.+') is not a network component$"),
     lambda m: QCoreApplication.translate("CoreMessage", "“%1” is not a network element")
     .replace("%1", _quoted(m.group(1)))),
    (re.compile(r"^unknown zone ('.+')$"),
     lambda m: QCoreApplication.translate("CoreMessage", "no trust zone “%1” in the model")
     .replace("%1", _quoted(m.group(1)))),
    (re.compile(r"^unknown data asset ('.+') \(known: (.*)\)$"),
     lambda m: QCoreApplication.translate("CoreMessage",
                                          "no data asset “%1” in the model (known: %2)")
     .replace("%1", _quoted(m.group(1))).replace("%2", m.group(2))),
    (re.compile(r"^rejecting a threat needs a reason$"),
     lambda m: QCoreApplication.translate("CoreMessage", "rejecting a threat needs a reason")),
    (re.compile(r"^select at least one element to put in the zone$"),
     lambda m: QCoreApplication.translate("CoreMessage",
                                          "select at least one element to put in the zone")),
    (re.compile(r"^another threat already has key ('.+')$"),
     lambda m: QCoreApplication.translate("CoreMessage", "another threat already has key %1")
     .replace("%1", m.group(1))),
    (re.compile(r"^('.+') is already a (.+) target$"),
     lambda m: QCoreApplication.translate("CoreMessage", "“%1” is already a target (%2)")
     .replace("%1", _quoted(m.group(1))).replace("%2", m.group(2))),
]


def core_message(text: str) -> str:
    """``text`` (a core ``ValueError``'s message, or pydantic's "Value error, …") in the
    interface language."""
    text = str(text).strip()
    text = text.removeprefix("Value error, ")
    for pattern, word in _PATTERNS:
        match = pattern.match(text)
        if match:
            return word(match)
    return text
