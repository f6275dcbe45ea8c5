"""The board's control plan page: the same ordered list as page 1, with what each step lowers.

Why a module: the page used to show the model's planned controls (best value first) and,
under "What the analysis would add", the engine's further steps: two plans, in two orders.
It now shows the one plan page 1 asks for (:mod:`workbench.report.one_plan`): per decision
its effort, cost, the risks it lowers (today's level -> after) and the critical risks left;
then the model's planned controls the plan does not take, named. Without an engine plan
that lowers a critical risk it falls back to the model's plan (``sections.board_plan``).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from workbench.report.brief import lowered_rows, step_words
from workbench.report.costs import money_range
from workbench.report.data import ReportData
from workbench.report.document import Styles, figure_column_width, fit_widths, p, rich, table
from workbench.report.i18n import tr
from workbench.report.one_plan import board_plan
from workbench.report.sections import board_plan as model_plan
from workbench.report.sections import level_name, threat_title

#: Risks named per step (the rest counted).
NAMED = 3


def _lowers(data: ReportData, lowered: list[dict], lang: str) -> str:
    rows = lowered_rows(data, lowered)
    if not rows:
        return tr("step_lowers_none", lang)
    to = {str(x["threat"]): str(x["to"]) for x in lowered}
    parts = [f"{threat_title(r, lang)} ({r.element_name}): "
             f"{level_name(r.residual.level, lang).lower()} → "
             f"{level_name(to[r.id], lang).lower()}" for r in rows[:NAMED]]
    if len(rows) > NAMED:
        parts.append(tr("one_plan_more", lang, count=len(rows) - NAMED))
    return "; ".join(parts)


def plan_section(data: ReportData, styles: Styles, lang: str, width: float,
                 limit: int = 10) -> list:
    """The control plan page's body (its heading is the caller's)."""
    plan = board_plan(data)
    if plan is None:
        return model_plan(data, styles, lang, width, limit=limit)
    from workbench.report.engine_plan import engine_days

    rows, figures = [], []
    for n, decision in enumerate(plan.decisions, start=1):
        what, where, days = step_words(data, decision.steps, lang)
        cost = money_range(decision.estimate, lang) if decision.estimate else "–"
        figures.append((days, cost))
        rows.append([str(n), what[:1].upper() + what[1:], where, None,
                     _lowers(data, decision.lowered, lang), str(decision.critical_after)])
    figures.append((engine_days(plan.days, lang) if plan.days is not None else "–",
                    money_range(plan.estimate, lang) if plan.estimate else "–"))
    rows.append([tr("plan_total", lang), "", "", None, "", str(plan.after["critical"])])
    # Effort above cost in one column as wide as the longest figure: in two narrow
    # columns "per- son-days" and "€180k–€800 k" broke over two lines.
    for row, (days, cost) in zip(rows, figures, strict=True):
        row[3] = rich(f"{escape(days)}<br/>{escape(cost)}", styles.cell)
    head = tr("plan_effort_cost", lang)
    fixed = {3: figure_column_width([t for pair in figures for t in pair], head, styles)}
    widths = fit_widths([0.04, 0.22, 0.14, 0.16, 0.34, 0.1], fixed, width)
    story = [p(tr("one_plan_intro", lang, before=plan.before["critical"]), styles.small),
             table(["#", tr("control", lang), tr("elements", lang), head,
                    tr("one_plan_lowers", lang), tr("engine_critical_after", lang)], rows,
                   widths, styles, wrap=[False, True, True, False, True, False])]
    taken = {str(s.get("control") or "") for s in data.recommendations}
    idle = [item.label(lang) for item in data.plan
            if item.status == "planned" and item.id not in taken]
    if idle:
        story.append(p(tr("one_plan_not_in", lang, names=", ".join(idle)), styles.small))
    return story


__all__ = ["plan_section"]
