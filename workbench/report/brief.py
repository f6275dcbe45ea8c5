"""The board report's first page: the message a board member reads in five minutes.

Why a page of its own: a cover with metadata and a contents list asks nothing of a board.
This page says what is at risk for patients and for the organisation, how likely (in words
and in figures), what the board is asked to decide and what that costs (person-days and
money ranges from ``control-costs.json`` and the organisation's settings), and where risk
stands after the plan. Every figure comes from :class:`ReportData`, so the page follows the
analysis engines rather than restating them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import reduce
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from workbench.report.costs import ZERO, Estimate, days_range, money, money_range
from workbench.report.data import LEVELS, ReportData, RiskRow, TopRisk
from workbench.report.document import GRID, HEADER_FILL, Styles, p, rich
from workbench.report.engine_plan import engine_days, plan_days
from workbench.report.firstfix import first_fix
from workbench.report.i18n import SCALE_NAMES, chance, date_words, number, tr, vocab
from workbench.report.one_plan import BoardPlan, after_plan, board_plan
from workbench.report.riskcalc import LEVEL_COLOURS
from workbench.report.sections import (
    after_words,
    consequences,
    control_title,
    level_name,
    sentence_part,
    target_name,
    threat_title,
)

AT_RISK = 3  # risks named on the first page
DECISION_FILL = colors.HexColor("#eef2f8")


def total_cost(items) -> Estimate:
    estimates = [item.estimate for item in items if item.estimate is not None]
    return reduce(lambda a, b: a + b, estimates, ZERO) if estimates else ZERO


def decision_lines(data: ReportData, lang: str, compact: int = 0) -> list[str]:
    """The sentences of the decision box, in order: one plan (docs/reports.md, "One
    plan"): the engine's ordered list when it lowers a critical risk, else the model's
    planned controls."""
    if not data.model.components:
        return [tr("brief_empty", lang)]
    if not any(row.open for row in data.risks):
        return [tr("brief_no_risk", lang)]
    plan = board_plan(data)
    if plan is not None:
        return plan_lines(data, plan, lang, compact)
    items, suggested = data.funded_plan()
    if not items:
        return [tr("brief_nothing", lang)]
    cost = total_cost(items)
    if suggested:
        return [tr("brief_suggest", lang, count=len(items), money=money_range(cost, lang),
                   days=days_range(cost, lang))]
    key = "brief_fund_one" if len(items) == 1 else "brief_fund"
    now, after = data.level_counts("residual"), data.level_counts("projected")
    lines = [tr(key, lang, count=len(items), money=money_range(cost, lang),
                days=days_range(cost, lang)),
             # "critical ones from 19 to 19" (cardiac board) read as a slip: say they stay.
             tr("brief_after" if now["critical"] != after["critical"] else
                "brief_after_crit_same", lang, now=now["high"] + now["critical"],
                after=after["high"] + after["critical"], crit_now=now["critical"],
                crit_after=after["critical"])]
    if after["critical"]:
        lines.append(tr("brief_remaining", lang, count=after["critical"]))
    return lines


def plan_lines(data: ReportData, plan: BoardPlan, lang: str, compact: int = 0) -> list[str]:
    """The one plan: its cost and where critical risks go, one line per decision (what,
    where, effort, the risk it lowers, critical left), why step 1 comes first, and what
    stays critical. ``compact`` 1: a bundle names its first two measures and counts the
    rest, a lowered risk drops its element when it is the step's; 2: a step counts the
    risks it lowers rather than naming one (the plan page names everything), so a long
    plan leaves page 1 at its print size."""
    before, after = plan.before, plan.after
    figures = {"before": before["critical"], "after": after["critical"],
               "hc_before": before["high"] + before["critical"],
               "hc_after": after["high"] + after["critical"]}
    days = engine_days(plan.days, lang) if plan.days is not None else "–"
    count = len(plan.decisions)
    if plan.estimate is not None:
        head = tr("brief_plan_one" if count == 1 else "brief_plan", lang, count=count,
                  money=money_range(plan.estimate, lang), days=days, **figures)
    else:
        head = tr("brief_plan_days", lang, count=count, days=days, **figures)
    lines = [head]
    for n, decision in enumerate(plan.decisions, start=1):
        what, where, effort = step_words(data, decision.steps, lang,
                                         titles=2 if compact else 0)
        lines.append(tr("brief_step", lang, n=n, what=what[:1].upper() + what[1:],
                        where=where, days=effort,
                        lowers=lowers_words(data, decision.lowered, lang,
                                            where=where if compact else "",
                                            named=compact < 2),
                        left=decision.critical_after))
    fix = first_fix_line(data, lang)
    if fix:
        lines.append(fix)
    if after["critical"]:
        lines.append(tr("brief_remaining", lang, count=after["critical"]))
    return lines


def step_words(data: ReportData, steps: list[dict], lang: str,
               titles: int = 0) -> tuple[str, str, str]:
    """(what, where, person-days) of one decision, in the report's words; ``titles``: name
    at most that many measures and count the others (0: name all)."""
    from workbench.report.sections import step_title

    names = list(dict.fromkeys(
        control_title(data, str(s.get("control") or ""), step_title(s), lang) for s in steps))
    what = " + ".join(names[:titles] if titles else names)
    if titles and len(names) > titles:
        more = len(names) - titles
        what += tr("and_one_more" if more == 1 else "and_more", lang, count=more)
    what = sentence_part(what)
    names = data.names()
    elements = list(dict.fromkeys(str(e) for s in steps for e in s.get("elements") or []))
    where = ", ".join(names.get(e, e) for e in elements[:3])
    if len(elements) > 3:
        where += tr("and_one_more" if len(elements) == 4 else "and_more", lang,
                    count=len(elements) - 3)
    days = plan_days(steps)
    return what, where, engine_days(days, lang) if days is not None else "–"


def lowered_rows(data: ReportData, lowered: list[dict]) -> list[RiskRow]:
    """The open risks a step lowers, the most serious first: from critical, patient
    safety, today's score."""
    rows = {row.id: row for row in data.risks if row.open}
    found = [rows[str(x["threat"])] for x in lowered if str(x["threat"]) in rows]
    rank = {level: i for i, level in enumerate(reversed(LEVELS))}
    return sorted(found, key=lambda r: (rank.get(r.residual.level, 9), not r.patient_safety,
                                        -r.residual.score, r.id))


def lowers_words(data: ReportData, lowered: list[dict], lang: str, where: str = "",
                 named: bool = True) -> str:
    """"lowers <the most serious risk> and N more risks" (or what a step with none does);
    the risk's element is left out when it is the step's only element ``where``; not
    ``named``: "lowers N risks"."""
    rows = lowered_rows(data, lowered)
    if not rows:
        return tr("step_lowers_none", lang)
    if not named and len(rows) > 1:
        return tr("step_lowers_count", lang, count=len(rows))
    risk = threat_title(rows[0], lang)
    if rows[0].element_name != where:
        risk += f" ({rows[0].element_name})"
    if len(rows) == 1:
        return tr("step_lowers", lang, risk=risk)
    return tr("step_lowers_one_more" if len(rows) == 2 else "step_lowers_more", lang,
              risk=risk, count=len(rows) - 1)


def first_fix_line(data: ReportData, lang: str) -> str:
    """The attack engine's first decision in one sentence ("" when it planned nothing):
    what, where, person-days, and the chance it lowers, patient safety first."""
    fix = first_fix(data)
    if fix is None:
        return ""
    titles = [control_title(data, cid, title, lang)
              for cid, title in zip(fix.controls, fix.titles, strict=True)]
    what = sentence_part(" + ".join(dict.fromkeys(titles)))
    names = data.names()
    where = ", ".join(names.get(e, e) for e in fix.elements[:3])
    if len(fix.elements) > 3:
        where += tr("and_one_more" if len(fix.elements) == 4 else "and_more", lang,
                    count=len(fix.elements) - 3)
    days = (f"{number(fix.days, lang, 0 if fix.days == int(fix.days) else 1)} "
            f"{tr('days_short', lang)}") if fix.days is not None else "–"
    if fix.target is None:
        return tr("brief_first_fix_flat", lang, what=what, where=where, days=days)
    return tr("brief_first_fix", lang, what=what, where=where, days=days,
              target=target_name(data, fix.target, lang), before=chance(fix.before, lang),
              after=chance(fix.after, lang))


def _decision_box(data: ReportData, styles: Styles, lang: str, width: float,
                  compact: int) -> Table:
    lines = decision_lines(data, lang, compact)
    content = [p(tr("brief_decision", lang), styles.h2)]
    content += [p(line, styles.body) for line in lines]
    box = Table([[content]], colWidths=[width])
    box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), DECISION_FILL),
                             ("LINEBEFORE", (0, 0), (0, -1), 3, HEADER_FILL),
                             ("LEFTPADDING", (0, 0), (-1, -1), 8),
                             ("TOPPADDING", (0, 0), (-1, -1), 2),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return box


def _at_risk(data: ReportData, styles: Styles, lang: str, top: list[TopRisk],
             plan: BoardPlan | None) -> list:
    story: list = [p(tr("brief_at_risk", lang), styles.h2)]
    for group in top:
        row = group.row
        patients, _ = consequences(row, data.model, lang)
        text = tr("brief_risk_line", lang, threat=escape(threat_title(row, lang)),
                  element=escape(row.element_name), harm=escape(patients))
        levels = tr("brief_levels", lang, now=level_name(row.residual.level, lang).lower(),
                    after=after_words(after_plan(group, plan), lang, lower=True))
        story.append(rich(f"• <b>{text}</b> {escape(levels)}", styles.body))
    _, org = consequences(top[0].row, data.model, lang)
    story.append(p(tr("brief_org", lang, text=org), styles.body))
    return story


def _scale_word(levels, value: int, lang: str) -> str:
    for level in levels:
        if level.value == value:
            return vocab(SCALE_NAMES, level.name, lang).lower() if level.name in SCALE_NAMES \
                else level.name
    return str(value)


def _likely(data: ReportData, styles: Styles, lang: str, worst: RiskRow) -> list:
    risk = worst.residual
    settings = data.model.risk
    story: list = [p(tr("brief_likely", lang), styles.h2), p(tr(
        "brief_likely_text", lang,
        lik=_scale_word(settings.likelihood_levels, risk.likelihood, lang), l=risk.likelihood,
        lmax=risk.l_max, sev=_scale_word(settings.severity_levels, risk.severity, lang),
        s=risk.severity, smax=risk.s_max, level=level_name(risk.level, lang).lower()),
        styles.body)]
    best = _worst_compromise(data)
    if best is not None:
        interval = ""
        if (best.approximate and best.ci_low is not None and best.ci_high is not None
                and best.ci_high - best.ci_low >= 0.01):
            interval = tr("brief_interval", lang, low=chance(best.ci_low, lang),
                          high=chance(best.ci_high, lang))
        story.append(p(tr("brief_attack", lang, attacker=target_name(data, best.attacker, lang)
                          if best.attacker else "–",
                          target=target_name(data, best.target, lang),
                          prob=chance(best.probability, lang), interval=interval),
                       styles.body))
    return story


def _worst_compromise(data: ReportData):
    """The target most likely compromised, patient-safety targets first."""
    if not data.compromise:
        return None
    safety = [c for c in data.compromise
              if data.target_info.get(c.target, ("", ""))[0] == "patient_safety"]
    return max(safety or data.compromise, key=lambda c: c.probability)


def _standing(data: ReportData, styles: Styles, lang: str, width: float,
              plan: BoardPlan | None) -> list:
    now = data.level_counts("residual")
    after = plan.after if plan is not None else data.level_counts("projected")
    header = [tr("brief_open_risks", lang)] + [level_name(level, lang)
                                               for level in reversed(LEVELS)]
    rows = [[tr("brief_today", lang)] + [str(now[level]) for level in reversed(LEVELS)],
            [tr("brief_after_plan", lang)] + [str(after[level]) for level in reversed(LEVELS)]]
    first = width * 0.36
    other = (width - first) / len(LEVELS)
    cells = [[p(header[0], styles.cell_bold)] + [p(h, styles.cell_bold) for h in header[1:]]]
    cells += [[p(row[0], styles.cell)] + row[1:] for row in rows]
    grid = Table(cells, colWidths=[first] + [other] * len(LEVELS))
    commands = [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("ALIGN", (1, 1), (-1, -1), "CENTER"),
                ("FONTSIZE", (1, 1), (-1, -1), 10), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for index, level in enumerate(reversed(LEVELS), start=1):
        commands.append(("BACKGROUND", (index, 0), (index, 0),
                         colors.HexColor(LEVEL_COLOURS[level])))
    grid.setStyle(TableStyle(commands))
    return [p(tr("brief_standing", lang), styles.h2), grid]


def _cost_note(data: ReportData, styles: Styles, lang: str) -> list:
    costs = data.costs
    if costs is None:
        return []
    settings = tr("brief_settings", lang, name=costs.settings.rsplit("/", 1)[-1]) \
        if costs.settings else ""
    return [p(tr("brief_costs_note", lang, rate=money(costs.day_rate, costs.currency, lang),
                 version=costs.version, settings=settings), styles.small)]


def page_styles(styles: Styles) -> Styles:
    """Page 1's styles: body 9 pt (9.5 elsewhere), notes 8 pt, a smaller title and tighter
    headings, so that the message fits its page without the frame shrinking it under 7 pt
    (a 24 pt title took two lines in French; the frame printed notes at 6.0 pt)."""
    return replace(styles,
                   body=ParagraphStyle("body1", parent=styles.body, fontSize=9,
                                       leading=11.5, spaceAfter=3.5),
                   title=ParagraphStyle("title1", parent=styles.title, fontSize=18,
                                        leading=22, spaceAfter=2),
                   subtitle=ParagraphStyle("subtitle1", parent=styles.subtitle,
                                           fontSize=12.5, leading=15, spaceAfter=3),
                   h2=ParagraphStyle("h2p1", parent=styles.h2, fontSize=11, leading=13.5,
                                     spaceBefore=6, spaceAfter=2))


def first_page(data: ReportData, styles: Styles, lang: str, width: float,
               compact: int = 0) -> list:
    """The flowables of page 1 (the caller adds the contents and the page frame), in
    :func:`page_styles`; ``compact``: the decision box's shorter forms (:func:`plan_lines`)."""
    meta = data.model.metadata
    day = meta.review_date or dt.date.today()
    story: list = [p(tr("board_title", lang), styles.title), p(meta.title, styles.subtitle),
                   p(tr("brief_meta", lang, system=meta.system or meta.title,
                        version=meta.version or tr("not_set", lang), date=date_words(day, lang),
                        owner=meta.owner or tr("not_set", lang)), styles.small),
                   Spacer(1, 2 * mm), _decision_box(data, styles, lang, width, compact)]
    top = data.top_groups(AT_RISK) if data.model.components else []
    if top:
        plan = board_plan(data)
        story += _at_risk(data, styles, lang, top, plan)
        story += _likely(data, styles, lang, top[0].row)
        story += _standing(data, styles, lang, width, plan)
    story += [Spacer(1, 2 * mm), *_cost_note(data, styles, lang),
              p(tr("brief_fingerprint", lang, digest=data.fingerprint), styles.small),
              p(tr("confidential", lang), styles.small)]
    return story
