"""On the board's control plan page a figure and its unit never break: narrow Effort and
Cost columns printed "per- / son-days" and "€180k–€800 / k" over two lines."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from workbench.report.board import PLAN_PAGE
from workbench.report.costs import money_range
from workbench.report.engine_plan import engine_days, plan_days
from workbench.report.one_plan import board_plan

from .conftest import SAMPLE_NAMES


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_each_effort_and_cost_prints_whole_on_one_line(name, lang, sample_data, board_pdf):
    data = sample_data(name)
    plan = board_plan(data)
    assert plan is not None
    page = PdfReader(io.BytesIO(board_pdf(name, lang))).pages[PLAN_PAGE - 1]
    lines = [" ".join(line.replace("\u202f", " ").replace("\u00a0", " ").split())
             for line in (page.extract_text() or "").splitlines()]
    figures = [money_range(d.estimate, lang) for d in plan.decisions if d.estimate]
    figures += [engine_days(plan_days(d.steps), lang) for d in plan.decisions]
    figures += [money_range(plan.estimate, lang), engine_days(plan.days, lang)]
    assert len(figures) > 2
    for figure in figures:
        figure = " ".join(figure.replace("\u202f", " ").replace("\u00a0", " ").split())
        assert any(figure in line for line in lines), (figure, lines)
