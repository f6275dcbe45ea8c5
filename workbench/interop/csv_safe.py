"""CSV cells that a spreadsheet will show, never run (OWASP "CSV injection").

Names come from vendor files. A cell that begins with ``=``, ``+``, ``-``, ``@``, tab or
carriage return is read by Excel and LibreOffice as a formula: ``=HYPERLINK("http://x",
"Pump")`` in an element name becomes a link in a risk register shown to a board, and older
spreadsheets run ``=cmd|' /C calc'!A0``. OWASP's advice: prefix such cells with a single
quote (shown as text) and quote every cell. Numbers (``-3``, ``+1.5``) are left alone so
sums still work. Control characters are escaped as ``\\x1b`` so nothing is lost silently.

:func:`unneutralise` is the importer's inverse: ``workbench import`` of a CSV written by
:func:`csv_cell` gives back the original names.
"""

from __future__ import annotations

import re

from workbench.model.text import printable

#: First characters a spreadsheet reads as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")


def csv_cell(value: object) -> str:
    """``value`` as a spreadsheet-safe cell (see the module docstring)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.match(text):
        return "'" + printable(text)
    return printable(text)


def unneutralise(cell: str) -> str:
    """Undo :func:`csv_cell`'s quote: ``'=SUM(A1)`` -> ``=SUM(A1)``; other cells unchanged.

    Only a quote followed by a formula character is removed, so a name that really starts
    with a quote (``'t Hooft ward``) stays as written. Tab and CR were escaped by
    :func:`csv_cell` (``\\x09``) and come back as written, visible.
    """
    if cell.startswith("'") and cell[1:2] in {"=", "+", "-", "@", "\\"}:
        rest = cell[1:]
        if rest.startswith(("\\x09", "\\x0d")):
            return {"\\x09": "\t", "\\x0d": "\r"}[rest[:4]] + rest[4:]
        return rest
    return cell
