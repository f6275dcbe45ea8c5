"""The board shows the attack engine's plan, cut to a board-sized budget: page 1 says how
many further steps, their person-days and critical risks before and after; the plan page
lists them with the critical count after each step. The figures are analyze --json's
(same default seed), and the board stays within six pages on every sample."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from workbench.model import load_model
from workbench.report.data import gather
from workbench.report.engine_plan import board_cut, decisions
from workbench.report.pdf import render_pdf

from ..conftest import SAMPLES

INSULIN = SAMPLES / "insulin-closed-loop.twm.json"


def rec(control, critical, days=10.0, bundle=None):
    return {"control": control, "elements": ["e"], "step_days": days, "bundle": bundle,
            "levels_after": {"critical": critical, "high": 1}}


def test_the_cut_is_the_shortest_prefix_of_whole_bundles_reaching_the_plans_end():
    plan = [rec("a", 20), rec("b", 18, bundle="x"), rec("c", 15, bundle="x"), rec("d", 15),
            rec("e", 15)]
    assert [len(d) for d in decisions(plan)] == [1, 2, 1, 1]
    cut = board_cut(plan, 22)
    # the bundle is never split; the two steps that lower nothing critical are not asked
    assert [s["control"] for s in cut.steps] == ["a", "b", "c"]
    assert (cut.days, cut.before, cut.after) == (30.0, 22, 15)


def test_at_most_five_decisions_and_none_when_nothing_critical_drops():
    plan = [rec(str(i), 20 - i) for i in range(8)]
    cut = board_cut(plan, 21)
    assert len(cut.steps) == 5 and cut.after == 16  # the lowest of the first five
    assert board_cut([rec("a", 21)], 21) is None
    assert board_cut([{"control": "a", "step_days": 3.0}], 21) is None  # no levels_after


def _text(pdf: bytes, page: int) -> str:
    text = PdfReader(io.BytesIO(pdf)).pages[page].extract_text()
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


@pytest.mark.parametrize("name", [p.name for p in sorted(SAMPLES.glob("*.twm.json"))])
def test_every_sample_board_with_the_engines_plan_stays_within_six_pages(name):
    path = SAMPLES / name
    data = gather(load_model(path), path.read_bytes())
    for lang in ("fr", "en"):
        assert len(PdfReader(io.BytesIO(render_pdf(data, "board", lang))).pages) <= 6
