"""What the attack analysis would fund first, in words a board reads on page 1.

Why a module: the model's planned controls (the board's plan page) leave the top risks
where they are on every sample, so page 1 also names the first step of the attack engine's
plan (issue 11): the measure, where, its effort in person-days and what it lowers, the
chance that an attacker reaches a target, patient safety first. It reads only the plan's
JSON keys (``analyze --json`` ``recommendations``: ``title``, ``control``, ``elements``,
``step_days``, ``bundle``, ``targets[].before/after``), so the report follows the engine
as the engine's plan changes; a step that belongs to a bundle ("close the easiest ways onto
X") is shown with the rest of its bundle, as one decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.report.data import ReportData
from workbench.report.engine_plan import decisions, plan_days

#: A drop smaller than this (one percentage point) is not "what it lowers".
MATERIAL = 0.01


@dataclass(frozen=True)
class FirstFix:
    controls: list[str]  # control ids (catalog or model), in plan order
    titles: list[str]  # the engine's titles, without " on <element id>"
    elements: list[str]  # element ids, in first-seen order
    days: float | None  # person-days of the whole unit (None: the engine gave none)
    target: str | None  # the target whose chance drops most (patient safety first)
    before: float = 0.0
    after: float = 0.0


def first_fix(data: ReportData) -> FirstFix | None:
    """The attack engine's first decision, or None when it planned nothing."""
    from workbench.report.sections import step_title

    recs = [r for r in data.recommendations if isinstance(r, dict)]
    if not recs:
        return None
    steps = decisions(recs)[0]  # the first step, with the rest of its bundle
    before = {str(t["target"]): float(t["before"]) for t in steps[0].get("targets") or []
              if "before" in t}
    after = {str(t["target"]): float(t["after"]) for t in steps[-1].get("targets") or []
             if "after" in t}
    drops = [(before[t] - after[t], t) for t in before if t in after
             and before[t] - after[t] >= MATERIAL]
    safety = [d for d in drops if data.target_info.get(d[1], ("", ""))[0] == "patient_safety"]
    best = max(safety or drops, default=None)
    elements = list(dict.fromkeys(str(e) for s in steps for e in s.get("elements") or []))
    return FirstFix(
        controls=[str(s.get("control") or s.get("added") or "") for s in steps],
        titles=[step_title(s) for s in steps], elements=elements,
        days=plan_days(steps),
        target=best[1] if best else None,
        before=before[best[1]] if best else 0.0, after=after[best[1]] if best else 0.0)
