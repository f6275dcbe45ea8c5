"""The board is asked for one plan (docs/reports.md, "One plan"): page 1 states one ordered
list, its cost and where critical risks stand after it, with step 1 first; the control plan
page shows the same list with the risks each step lowers. No second plan on page 1."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from workbench.model import load_model
from workbench.report.data import gather
from workbench.report.one_plan import board_plan
from workbench.report.pdf import render_pdf

from ..conftest import SAMPLES

INSULIN = SAMPLES / "insulin-closed-loop.twm.json"


def _text(pdf: bytes, page: int) -> str:
    text = PdfReader(io.BytesIO(pdf)).pages[page].extract_text() or ""
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def insulin():
    return gather(load_model(INSULIN), INSULIN.read_bytes())


def test_the_plan_starts_with_the_top_risks_fix_and_lowers_critical_at_every_decision(
        insulin):
    plan = board_plan(insulin)
    assert plan is not None and len(plan.decisions) <= 5
    first = plan.decisions[0]
    assert first.steps[0]["control"] == "radio-link-authentication"
    assert first.steps[0]["elements"] == ["pump"]
    assert "thing.unauthorized-therapy-change@pump" in {x["threat"] for x in first.lowered}
    critical = [plan.before["critical"]] + [d.critical_after for d in plan.decisions]
    assert all(b < a for a, b in zip(critical, critical[1:], strict=False)), critical
    assert plan.after["critical"] == critical[-1]
    # the top risk reads "after the plan: moderate" on page 1, as the plan says
    assert plan.final["thing.unauthorized-therapy-change@pump"] == "moderate"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_page_one_states_one_plan_and_the_plan_page_the_same_list(insulin, lang):
    plan = board_plan(insulin)
    pdf = render_pdf(insulin, "board", lang)
    page1 = _text(pdf, 0)
    before, after = plan.before["critical"], plan.after["critical"]
    if lang == "en":
        assert f"With them, critical risks go from {before} to {after}" in page1
        assert "1. Mutual authentication on the device radio link" in page1
        assert "lowers Unauthorised change of therapy settings (Insulin patch pump)" in page1
        gone = ("The attack analysis recommends", "further steps", "would fund first")
    else:
        assert f"Avec elles, les risques critiques passent de {before} à {after}" in page1
        assert "1. Authentification mutuelle sur la liaison radio du dispositif" in page1
        gone = ("recommande", "étapes supplémentaires", "financerait d’abord")
    assert not any(g in page1 for g in gone), page1
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    intro = "The plan page 1 asks for" if lang == "en" else "Le plan demandé en page 1"
    plan_page = next(_text(pdf, i) for i in range(pages) if intro in _text(pdf, i))
    assert "What the analysis would add" not in plan_page
    # the same decisions, in order, each with the critical risks left after it
    rows = "".join(rf" {n} .+? {d.critical_after}\b"
                   for n, d in enumerate(plan.decisions, start=1))
    assert re.search(rows + rf" Total .+? {after}\b", plan_page), plan_page
