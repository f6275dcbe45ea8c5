"""The attack engine's plan cut to a board-sized budget (page 1 and the plan page).

Why a module: the model's planned controls leave every top risk critical on the insulin
sample (24 -> 23) while the attack engine's plan (``analyze --json`` ``recommendations``,
issue 11) projects critical 23 -> 8. The board must see what the analysis would add, in
the engine's own figures: it reads only the plan's JSON keys (``control``, ``elements``,
``step_days``, ``bundle``, ``levels_after``), so the report follows the engine.

The rule (docs/reports.md): a bundle (consecutive steps with the same ``bundle``) is one
decision; take the shortest prefix of whole decisions whose last step reaches the critical
count of the plan's last step, at most :data:`MAX_DECISIONS` decisions; when five do not
reach it, stop after the decision (among the first five) that brought critical lowest,
earliest first: trailing decisions that lower nothing critical are not asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.report.i18n import number, tr

MAX_DECISIONS = 5


@dataclass(frozen=True)
class EnginePlan:
    steps: list[dict[str, Any]]  # the engine's steps kept, in plan order
    days: float | None  # their person-days (sum of step_days; None when one lacks it)
    before: int  # critical risks with the model's planned controls (projected)
    after: int  # critical risks after the kept steps (last kept step's levels_after)


def _critical(rec: dict[str, Any]) -> int | None:
    levels = rec.get("levels_after")
    if not isinstance(levels, dict):
        return None
    return int(levels.get("critical", 0))


def decisions(recs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The plan's steps grouped into decisions: a bundle's consecutive steps are one."""
    out: list[list[dict[str, Any]]] = []
    for rec in recs:
        bundle = rec.get("bundle")
        if out and bundle and out[-1][-1].get("bundle") == bundle:
            out[-1].append(rec)
        else:
            out.append([rec])
    return out


def board_cut(recs: list[dict[str, Any]], before: int) -> EnginePlan | None:
    """The engine's steps a board is asked for, or None when the plan has no step with
    ``levels_after`` or lowers no critical risk below ``before``."""
    recs = [r for r in recs if isinstance(r, dict)]
    if not recs or any(_critical(r) is None for r in recs):
        return None
    goal = _critical(recs[-1])
    groups = decisions(recs)[:MAX_DECISIONS]
    ends = [_critical(g[-1]) for g in groups]
    reach = next((i for i, c in enumerate(ends) if c is not None and c <= goal), None)
    if reach is None:
        lowest = min(c for c in ends if c is not None)
        reach = ends.index(lowest)
    after = ends[reach]
    if after is None or after >= before:
        return None
    steps = [s for g in groups[: reach + 1] for s in g]
    return EnginePlan(steps=steps, days=plan_days(steps), before=before, after=after)


def plan_days(steps: list[dict[str, Any]]) -> float | None:
    """Person-days of these steps (sum of ``step_days``; None when one lacks it)."""
    days = [s.get("step_days") for s in steps]
    return sum(float(d) for d in days) if all(d is not None for d in days) else None


def engine_days(days: float, lang: str) -> str:
    """Person-days of a plan: whole days from ten up ("220 person-days", not 220.2)."""
    return f"{number(days, lang, 0 if days >= 10 or days == int(days) else 1)} " \
        f"{tr('days_short', lang)}"
