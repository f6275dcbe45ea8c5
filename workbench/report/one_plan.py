"""The one plan the board is asked to fund: page 1's decision and the control plan page.

Why one plan: page 1 used to state the model's planned controls ("Fund 6 security
measures ... critical from 25 to 22") and then the attack engine's further steps ("with
them, critical would go from 22 to 19"), with a first fix taken from the second list: two
plans, and a costly one that left most critical risks critical. The engine's plan now
counts the risk levels the board reads and treats the model's planned controls as
candidates like the catalog's (``analysis/attack/plan_risk.py``), so its list *is* the
plan: the model's planned controls it takes are in it, in its order; those it does not
take lower no critical or high risk and no attack target enough to be a step
(docs/reports.md, "One plan").

The board is asked for a prefix of whole decisions (a bundle's steps together) cut by
``engine_plan.board_cut``; "before" is today (the controls in place), "after" the last
kept step's ``levels_after``. Money comes from the cost table (shipped data and the
organisation's settings) for each step's control and elements, person-days from the
engine's ``step_days``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.model.entities import ControlInstance
from workbench.report.costs import ZERO, Estimate
from workbench.report.data import LEVELS, ReportData, TopRisk
from workbench.report.engine_plan import board_cut, decisions, plan_days


@dataclass(frozen=True)
class Decision:
    steps: list[dict[str, Any]]  # the engine's steps of this decision (a bundle's together)
    estimate: Estimate | None  # money and person-days ranges (None: no cost table)
    critical_after: int  # critical risks after this decision (the engine's levels_after)
    lowered: list[dict[str, str]]  # risks whose level drops here: threat, from, to


@dataclass(frozen=True)
class BoardPlan:
    decisions: list[Decision]
    estimate: Estimate | None
    days: float | None  # the engine's person-days (sum of step_days)
    before: dict[str, int]  # open risks per level today
    after: dict[str, int]  # open risks per level after the plan
    final: dict[str, str]  # threat key -> level after the plan, for the risks it lowers

    @property
    def steps(self) -> list[dict[str, Any]]:
        return [s for d in self.decisions for s in d.steps]


def _estimate(data: ReportData, step: dict[str, Any]) -> Estimate | None:
    costs = data.costs
    if costs is None:
        return None
    control = str(step.get("control") or "")
    own = {c.id: c for c in data.model.controls}
    if control in own:
        return costs.estimate(own[control])
    catalog = data.analysis.catalog if data.analysis is not None else None
    ctype = catalog.controls.get(control) if catalog is not None else None
    return costs.estimate(ControlInstance(
        id="plan", catalog_id=control, title=ctype.title if ctype else control,
        elements=list(step.get("elements") or []), cost=ctype.cost if ctype else None))


def board_plan(data: ReportData) -> BoardPlan | None:
    """The plan page 1 asks for, or None when the engine planned nothing that lowers a
    critical risk (the report then falls back to the model's planned controls)."""
    before = data.level_counts("residual")
    cut = board_cut(data.recommendations, before["critical"])
    if cut is None:
        return None
    kept = {id(s) for s in cut.steps}
    out: list[Decision] = []
    final: dict[str, str] = {}
    total: Estimate | None = ZERO if data.costs is not None else None
    for group in decisions([r for r in data.recommendations if isinstance(r, dict)]):
        if id(group[0]) not in kept:
            break
        estimates = [_estimate(data, s) for s in group]
        est = None
        if all(e is not None for e in estimates):
            est = ZERO
            for e in estimates:
                est = est + e
        if total is not None and est is not None:
            total = total + est
        lowered = [x for s in group for x in s.get("lowered") or []]
        for x in lowered:
            final[str(x["threat"])] = str(x["to"])
        out.append(Decision(group, est, int(group[-1]["levels_after"].get("critical", 0)),
                            lowered))
    levels = cut.steps[-1].get("levels_after") or {}
    after = {level: int(levels.get(level, 0)) for level in LEVELS}
    if sum(after.values()) != sum(before.values()):  # closed risks the engine counted
        after = _open_after(data, final)
    return BoardPlan(out, total, plan_days(cut.steps), before, after, final)


@dataclass(frozen=True)
class After:
    """Where one of the board's risks stands after the plan."""

    level: str
    #: The element whose copy of the threat is left at ``level`` when it is not the one
    #: the board names (the worst today), else "".
    elsewhere: str


def after_plan(group: TopRisk, plan: BoardPlan | None) -> After:
    """The level one of the board's risks reaches after the one plan: its worst copy after
    the plan, as "today" is its worst copy today (a threat is not "down to moderate" while
    it stays critical on another element). Page 1 and page 2 both read this, so they
    cannot disagree; without an engine plan, the model's planned controls (the plan page
    then shows those)."""
    rank = {level: i for i, level in enumerate(LEVELS)}

    def level_of(copy) -> str:
        if plan is None:
            return copy.projected.level
        return plan.final.get(copy.id, copy.residual.level)

    worst = max(group.copies, key=lambda c: rank.get(level_of(c), -1))  # first of equals
    level = level_of(worst)
    return After(level, "" if level_of(group.row) == level else worst.element_name)


def _open_after(data: ReportData, final: dict[str, str]) -> dict[str, int]:
    """Open risks per level after the plan, from today's levels and the plan's drops."""
    counts = dict.fromkeys(LEVELS, 0)
    for row in data.risks:
        if row.open:
            level = final.get(row.id, row.residual.level)
            if level in counts:
                counts[level] += 1
    return counts


__all__ = ["After", "BoardPlan", "Decision", "after_plan", "board_plan"]
