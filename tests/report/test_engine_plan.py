"""The board shows the attack engine's plan, cut to a board-sized budget: page 1 says how
many further steps, their person-days and critical risks before and after; the plan page
lists them with the critical count after each step. The figures are analyze --json's
(same default seed), and the board stays within six pages on every sample."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from workbench.cli.main import main
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


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_insulin_board_prints_the_engines_figures(lang, capsys):
    assert main(["analyze", str(INSULIN), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    plan = out["recommendations"]
    note = next(n for n in out["attack"]["notes"] if n.startswith("control plan: critical risks"))
    before = int(re.search(r"\) (\d+) ->", note).group(1))
    expected = board_cut(plan, before)
    assert expected is not None and expected.after < before
    data = gather(load_model(INSULIN), INSULIN.read_bytes())
    assert [r["control"] for r in data.recommendations] == [r["control"] for r in plan]
    pdf = render_pdf(data, "board", lang)
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 6
    days = f"{round(expected.days):,}".replace(",", " ")
    if lang == "en":
        line = (f"The attack analysis recommends {len(expected.steps)} further steps "
                f"({days} person-days): with them, critical risks would go from "
                f"{before} to {expected.after}.")
    else:
        line = (f"L'analyse des chemins d'attaque recommande {len(expected.steps)} étapes "
                f"supplémentaires ({days} jours-personne) : avec elles, les risques critiques "
                f"passeraient de {before} à {expected.after}.").replace("'", "’")
    assert line in _text(pdf, 0)
    plan_page = next(_text(pdf, i) for i in range(len(PdfReader(io.BytesIO(pdf)).pages))
                     if ("What the analysis would add" if lang == "en"
                         else "Ce que l’analyse ajouterait") in _text(pdf, i))
    # the rows in plan order: number, ..., the step's person-days, critical after it
    unit = r"(?:person- ?days|jours- ?personne)"
    rows = "".join(rf" {step} .+? {round(item['step_days'])} {unit} "
                   rf"{item['levels_after']['critical']}"
                   for step, item in enumerate(expected.steps, start=1))
    assert re.search(rows + rf" Total {days} {unit} {expected.after}\b", plan_page)


@pytest.mark.parametrize("name", [p.name for p in sorted(SAMPLES.glob("*.twm.json"))])
def test_every_sample_board_with_the_engines_plan_stays_within_six_pages(name):
    path = SAMPLES / name
    data = gather(load_model(path), path.read_bytes())
    for lang in ("fr", "en"):
        assert len(PdfReader(io.BytesIO(render_pdf(data, "board", lang))).pages) <= 6
