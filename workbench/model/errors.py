"""Problems found while reading or checking a model.

Every problem names where it sits (a JSON path such as ``flows[3].target``) so that the
CLI can print ``FILE: path: message`` and the GUI can show the same text in a dialog.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a model, located by a JSON path."""

    path: str
    message: str

    def format(self, source: str | None = None) -> str:
        where = self.path or "$"
        return f"{source}: {where}: {self.message}" if source else f"{where}: {self.message}"


class ModelError(Exception):
    """A model could not be loaded or is inconsistent; holds one or more problems."""

    def __init__(self, problems: list[Problem], source: str | None = None):
        self.problems = list(problems)
        self.source = source
        super().__init__(self.describe())

    def describe(self) -> str:
        return "\n".join(p.format(self.source) for p in self.problems)


def format_loc(loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into a JSON path like ``flows[2].target``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
