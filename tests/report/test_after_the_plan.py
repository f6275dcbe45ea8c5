"""Page 1 and page 2 of the board report state one "after" level per risk: the one plan's
(docs/reports.md, "One plan"). Page 2 used to read the model's planned controls, so the
insulin sample said "après le plan : modéré" on page 1 and "après les mesures prévues :
Critique" on page 2 for the same risk."""

from __future__ import annotations

import re

import pytest

from workbench.report.board import PLAN_PAGE
from workbench.report.i18n import tr
from workbench.report.one_plan import board_plan
from workbench.report.riskcalc import LEVELS

from .conftest import SAMPLE_NAMES, page_texts

AFTER_1 = {"en": r"Today \w+; after the plan (\w+)( on [^.]+?)?\.",
           "fr": r"Aujourd’hui \w+ ; après le plan (\w+)( sur [^.]+?)?\."}
AFTER_2 = {"en": r"after the plan on page (\d): (\w+)( on [^.]+?)?\.",
           "fr": r"après le plan de la page (\d) : (\w+)( sur [^.]+?)?\."}


def _worst_after(data, group) -> str:
    """The rule, restated from the plan's own drops: a risk's level after the plan is its
    worst copy's, a copy the plan does not lower staying at today's level."""
    plan = board_plan(data)
    levels = [plan.final.get(c.id, c.residual.level) if plan else c.projected.level
              for c in group.copies]
    return max(levels, key=LEVELS.index)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_after_level_on_pages_1_and_2_is_the_plans(name, lang, sample_data, board_pdf):
    data = sample_data(name)
    pages = page_texts(board_pdf(name, lang))
    names = {tr(f"level_{lv}", lang).lower(): lv for lv in LEVELS}
    first = [(m.group(1), m.group(2) or "") for m in re.finditer(AFTER_1[lang], pages[0])]
    second = [(m.group(1), m.group(2), m.group(3) or "")
              for m in re.finditer(AFTER_2[lang], pages[1])]
    top = data.top_groups(5)
    assert len(first) == min(3, len(top)) and len(second) == len(top), (first, second)
    # page 2 points at the plan page, and that page is the plan
    assert {page for page, _, _ in second} == {str(PLAN_PAGE)}
    assert tr("sec_plan", lang) in pages[PLAN_PAGE - 1]
    for n, group in enumerate(top):
        expected = _worst_after(data, group)
        level, where = second[n][1].lower(), second[n][2]
        assert names[level] == expected, (n, group.row.id, second[n], expected)
        if n < len(first):  # the same words on page 1 (level and where it stays)
            assert (first[n][0], first[n][1]) == (level, where), (n, first[n], second[n])
