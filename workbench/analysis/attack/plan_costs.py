"""What a candidate control costs the plan, in person-days.

Why person-days: a board funds effort, and a cost class ("medium") says nothing about how
much of it a control takes. The figures are the midpoints of the ranges in
``workbench/report/control-costs.json`` (the same file the board report prices the plan
with): one-off days for a first element, plus ``per_element_days`` for each further element
a programme covers. The file is read as data (the analysis layer never imports the report
package); an organisation's own settings file changes the report's money figures, not the
plan's choice (docs/attack-paths.md, "Costs").

* a catalog control: its line in ``controls``, else its catalog cost class's line;
* a model control: its ``cost`` class ("low", "medium", "high") from ``classes``, or a
  number, read as person-days;
* anything else: the "medium" class.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

#: The report's cost file, found from this module's place in the package, where
#: ``importlib.resources`` finds it in an install made of files (the only kind the
#: analysis runs from: ``workbench.data``), without importing it and its readers.
COSTS_FILE = Path(__file__).parents[2] / "report" / "control-costs.json"

#: Used when the data file cannot be read (never in a correct install): midpoints of the
#: shipped classes.
_FALLBACK = {"low": (6.5, 0.35), "medium": (20.0, 0.75), "high": (55.0, 2.0)}


def _mid(pair) -> float:
    low, high = (float(x) for x in pair)
    return (low + high) / 2.0


@cache
def _table() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """(classes, controls): each name -> (days for a first element, days per further one)."""
    try:
        raw = json.loads(COSTS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return dict(_FALLBACK), {}

    def rows(part: dict) -> dict[str, tuple[float, float]]:
        return {k: (_mid(v["days"]), _mid(v.get("per_element_days", [0, 0])))
                for k, v in part.items()}

    classes = dict(_FALLBACK)
    classes.update(rows(raw.get("classes", {})))
    return classes, rows(raw.get("controls", {}))


def catalog_days(control: str, cost_class: str | None, elements: int = 1) -> float:
    """Person-days to put catalog control ``control`` on ``elements`` elements."""
    classes, controls = _table()
    first, extra = controls.get(control) or classes.get(cost_class or "medium",
                                                        classes["medium"])
    return round(first + extra * max(0, elements - 1), 2)


def model_days(cost: str | None, elements: int = 1) -> float:
    """Person-days of a control the analyst wrote in the model (class or number of days)."""
    classes, _ = _table()
    text = str(cost).strip().lower() if cost is not None else "medium"
    if text in classes:
        first, extra = classes[text]
        return round(first + extra * max(0, elements - 1), 2)
    try:
        value = float(text.replace(",", "").split()[0])
    except (ValueError, IndexError):
        value = math.nan
    if value > 0 and math.isfinite(value):
        return value
    first, extra = classes["medium"]
    return round(first + extra * max(0, elements - 1), 2)


__all__ = ["catalog_days", "model_days"]
