"""Page 1 says what step 1 of the plan (the engine's first step, with the rest of its
bundle) does to an attacker's chance, patient safety first, read from the plan's JSON keys
(``analyze --json`` ``recommendations``); the list above it says what, where and the
person-days (``test_one_plan.py``)."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from workbench.cli.main import main
from workbench.model import load_model
from workbench.report.brief import first_fix_line
from workbench.report.data import gather
from workbench.report.firstfix import first_fix
from workbench.report.i18n import chance
from workbench.report.pdf import render_pdf

from ..conftest import SAMPLES
from .factories import report_model

CARDIAC = SAMPLES / "cardiac-implant-remote-monitoring.twm.json"


def step(control, elements, days, targets, bundle=None):
    return {"control": control, "title": f"{control} title on {elements[0]}",
            "elements": elements, "step_days": days, "days": days, "cost_unit": "person-days",
            "bundle": bundle, "targets": [{"target": t, "before": b, "after": a}
                                          for t, b, a in targets]}


def test_a_bundle_is_one_decision_and_patient_safety_comes_first():
    data = gather(report_model(), b"{}", use_engines=False)
    data.target_info.update({"safety": ("patient_safety", "pump"),
                             "data": ("health_data", "vcloud")})
    data.recommendations = [
        step("debug-port-lockdown", ["relay"], 10.0,
             [("safety", 0.9, 0.9), ("data", 0.8, 0.5)], bundle="b1"),
        step("device-hardening", ["relay"], 7.5,
             [("safety", 0.9, 0.6), ("data", 0.5, 0.2)], bundle="b1"),
        step("security-logging", ["vcloud"], 5.0, [("data", 0.2, 0.1)]),
    ]
    fix = first_fix(data)
    assert fix.controls == ["debug-port-lockdown", "device-hardening"]
    assert fix.days == 17.5 and fix.elements == ["relay"]
    # health data drops further (0.8 -> 0.2), but a patient-safety target comes first
    assert (fix.target, fix.before, fix.after) == ("safety", 0.9, 0.6)
    assert fix.titles[0] == "debug-port-lockdown title"  # no " on <element id>"
    line = first_fix_line(data, "en")
    # step 1 of the one plan: page 1's list says what, where and the person-days
    assert line.startswith("Step 1") and "from 90% to 60%" in line


def test_a_first_step_that_lowers_nothing_is_said_plainly():
    data = gather(report_model(), b"{}", use_engines=False)
    data.recommendations = [step("security-logging", ["vcloud"], 10.0, [("t", 0.5, 0.5)])]
    assert "lowers no attacker's chance" in first_fix_line(data, "en")
    assert "probabilité d’aucun attaquant" in first_fix_line(data, "fr")
    data.recommendations = []
    assert first_fix_line(data, "en") == ""


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_cardiac_page_one_names_the_engines_first_fix(tmp_path, lang, capsys):
    assert main(["analyze", str(CARDIAC), "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)["recommendations"]
    assert plan
    data = gather(load_model(CARDIAC), CARDIAC.read_bytes())
    first = data.recommendations[0]
    assert first["control"] == plan[0]["control"]  # the report reads the same plan
    text = PdfReader(io.BytesIO(render_pdf(data, "board", lang))).pages[0].extract_text()
    text = " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())
    fix = first_fix(data)
    assert fix is not None and fix.target is not None
    word = "person-days" if lang == "en" else "jours-personne"
    assert word in text
    for value in (fix.before, fix.after):
        assert chance(value, lang).replace("\u202f", " ") in text


def test_the_technical_plan_table_names_controls_in_french():
    """"Mutual authentication on the device radio link" in a French report: the table now
    takes the catalog's French title, as page 1 of the board does."""
    from workbench.analysis.catalog import load_catalog
    from workbench.report.document import make_styles
    from workbench.report.sections import recommendations_table

    data = gather(load_model(CARDIAC), CARDIAC.read_bytes())
    catalog = load_catalog()
    first = data.recommendations[0]["control"]
    title_fr = catalog.controls[first].title_fr
    assert title_fr
    story = recommendations_table(data, make_styles(), "fr", 500)
    cells = " ".join(str(getattr(c, "getPlainText", lambda c=c: c)())
                     for row in story[-1]._cellvalues for c in row)
    assert title_fr.split()[0] in cells and catalog.controls[first].title not in cells
