"""Issue 15: each suggested threat in the window says why it applies (the catalog rule and
the element's facts that matched) and what can be done (its catalog controls), in English
and in French; the decision buttons sit beside it, never cut off at the window's edge."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from workbench.model.enums import ThreatStatus

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "home-telemonitoring.twm.json"


def _pick(panel, catalog, with_condition=True):
    for risk in panel.visible_risks():
        ttype = risk.threat_type
        if ttype is None or (with_condition and ttype.when is None):
            continue
        if catalog.controls_for(risk.instance.catalog_id):
            return risk
    raise AssertionError("no suggested threat with a rule condition and controls")


def test_details_say_why_and_what_can_be_done(qtbot, make_window, tiny_path):
    window = make_window(tiny_path, analysis="sync")
    panel = window.threats
    catalog = window.analysis.result.catalog
    risk = _pick(panel, catalog)
    assert panel.select_key(risk.instance.key)
    text = panel.details_text()
    assert "Why it applies" in text and "What can be done" in text
    # the rule's deciding clauses, worded, each with the element's own value
    from workbench.analysis.explain import Explainer

    why = Explainer(window.analysis.result.model, window.stencils).why(
        risk.threat_type, risk.instance.element)
    assert why.holds and why.clauses
    from workbench.gui.why_text import clause_text

    for clause in why.clauses:
        assert clause_text(clause, window.stencils) in text
    for control in catalog.controls_for(risk.instance.catalog_id):
        assert control.title in text
    assert "Likelihood" in text


def test_details_follow_a_decision_and_an_attached_control(qtbot, make_window, tiny_path):
    window = make_window(tiny_path, analysis="sync")
    panel = window.threats
    risk = _pick(panel, window.analysis.result.catalog)
    panel.select_key(risk.instance.key)
    qtbot.mouseClick(panel.accept_btn, Qt.MouseButton.LeftButton)
    assert "accepted" in panel.details_text()
    control_id, title = panel.control_choices()[0]
    panel.attach_control(control_id, title)
    assert f"{title} — attached (planned)" in panel.details_text()
    assert panel.current_risk().instance.status == ThreatStatus.ACCEPTED


def test_an_analysts_own_threat_says_so(qtbot, make_window, tiny_path):
    from workbench.model import edits
    from workbench.model.entities import ThreatInstance

    window = make_window(tiny_path, analysis="sync")
    own = ThreatInstance(id="t-own", key="own@pump", catalog_id="own", element="pump",
                         title="Nurse shares the pump PIN", stride=["S"], manual=True,
                         status=ThreatStatus.ACCEPTED)
    window.doc.apply("Add threat", edits.upsert_threat, own)
    assert window.threats.select_key("own@pump")
    assert "Added by an analyst" in window.threats.details_text()


@pytest.mark.skipif(not SAMPLE.is_file(), reason="sample model not present")
def test_details_in_french(qtbot, french, make_window):
    window = make_window(SAMPLE, analysis="sync")
    panel = window.threats
    catalog = window.analysis.result.catalog
    risk = _pick(panel, catalog)
    panel.select_key(risk.instance.key)
    text = panel.details_text()
    assert "Pourquoi elle s'applique" in text and "Que peut-on faire" in text
    assert "Why it applies" not in text and "Scoring" not in text
    entry = catalog.controls_for(risk.instance.catalog_id)[0]
    assert (entry.title_fr or entry.title) in text
    assert "Vraisemblance" in text
    assert "valeur du catalogue" in text  # the engine's likelihood steps, in French
    assert "catalog default" not in text
    # names, not ids: scale levels, impact categories, the attacker
    assert "patient_safety" not in text and "proximate-radio" not in text


def test_descriptions_and_control_tooltips_in_french(qtbot, french, make_window):
    """The catalog's descriptions were English only in the French window (tooltips of the
    threats table, head of the details); they come from
    workbench/data/catalog-descriptions-fr.json."""
    from workbench.analysis.descriptions_fr import shipped_descriptions
    from workbench.gui.threats_panel import COLUMNS

    window = make_window(SAMPLE, analysis="sync")
    panel = window.threats
    catalog = window.analysis.result.catalog
    french = shipped_descriptions()
    risk = _pick(panel, catalog)
    panel.select_key(risk.instance.key)
    ttype = risk.threat_type
    assert french.threats[ttype.id] in panel.details_text().replace("\n", " ")
    assert ttype.description not in panel.details_text()
    row = panel.table_model.rows.index(risk)
    tip = panel.table_model.data(panel.table_model.index(row, COLUMNS.index("Threat")),
                                 Qt.ItemDataRole.ToolTipRole)
    assert tip == french.threats[ttype.id]
    panel._fill_controls()  # the Attach control menu, as it opens
    tips = [a.toolTip() for a in panel.control_menu.actions()]
    entries = catalog.controls_for(risk.instance.catalog_id)
    assert tips == [french.controls[c.id] for c in entries]
    assert panel.control_menu.toolTipsVisible()


def test_every_likelihood_adjustment_has_its_french_reason():
    """The French steps come from translations/likelihood_reasons_fr.json: an adjustment
    added to the catalog without its French would silently drop from the French details."""
    import json

    root = Path(__file__).resolve().parents[2]
    catalog = json.loads((root / "workbench" / "data" / "catalogs" / "adjustments" /
                          "likelihood.json").read_text("utf-8"))
    french = json.loads((root / "workbench" / "gui" / "translations" /
                         "likelihood_reasons_fr.json").read_text("utf-8"))["reasons"]
    missing = [a["id"] for a in catalog["adjustments"] if a["reason"] not in french]
    assert not missing, missing


def test_decision_buttons_are_whole_at_1280x720(qtbot, make_window, tiny_path):
    """"Attach control…" was clipped at the window's edge on a projector."""
    window = make_window(tiny_path, analysis="sync")
    window.resize(1280, 720)
    qtbot.wait(50)
    panel = window.threats
    for button in (panel.accept_btn, panel.reject_btn, panel.owner_btn, panel.control_btn):
        assert button.isVisible()
        shown = button.visibleRegion().boundingRect()
        assert shown.width() >= button.sizeHint().width() - 2, button.text()
