"""Report data: the built-in risk estimate, the control plan, regulatory applicability."""

from __future__ import annotations

from workbench.model.entities import RegulatoryContext
from workbench.report.data import cost_units, gather
from workbench.report.regulatory import assess, load_checklist
from workbench.report.riskcalc import Risk

from .factories import report_model


def test_levels_follow_documented_bounds_on_4x4():
    levels = {(l_, s): Risk(l_, s).level for l_ in range(1, 5) for s in range(1, 5)}
    assert levels[(1, 2)] == "low" and levels[(1, 3)] == "moderate"
    assert levels[(2, 3)] == "high" and levels[(3, 3)] == "high"
    assert levels[(3, 4)] == "critical" and levels[(4, 4)] == "critical"


def test_implemented_control_lowers_residual_planned_only_projected():
    data = gather(report_model(), use_engines=False)
    rows = {r.id: r for r in data.risks}
    dose, leak = rows["t-dose"], rows["t-leak"]
    # Planned pairing control: residual unchanged, projected lower.
    assert dose.residual == dose.inherent and dose.projected.score < dose.residual.score
    # Implemented audit: residual already lower than inherent.
    assert leak.residual.score < leak.inherent.score
    # Safety-critical pump: patient safety at the top of the scale.
    assert dose.impact["patient_safety"] == 4 and dose.patient_safety


def test_control_plan_ranks_by_reduction_per_cost():
    data = gather(report_model(), use_engines=False)
    assert [item.id for item in data.plan] == ["c-pair"]
    assert data.plan[0].reduction > 0
    assert cost_units("low") < cost_units("medium") < cost_units("high")
    assert cost_units("3.5") == 3.5


def test_regulatory_items_apply_by_declaration():
    model = report_model()
    states = {r.id: r.state for r in assess(model)}
    assert states["fda_premarket"] != "not_applicable"
    assert states["eu_mdr"] != "not_applicable"
    assert states["has_5b"] == "not_applicable"  # no hospital zone in this model
    model.regulatory = RegulatoryContext(medical_device=False)
    states = {r.id: r.state for r in assess(model, "fr")}
    assert states["fda_premarket"] == "not_applicable" and states["eu_mdr"] == "not_applicable"
    assert states["gdpr"] != "not_applicable"  # personal health data flows


def test_regulatory_evidence_reads_controls_and_facts():
    model = report_model()
    gdpr = next(r for r in assess(model) if r.id == "gdpr")
    assert any("encrypt" in e for e in gdpr.evidence)
    assert gdpr.state in ("ready", "partial")
    assert {i.id for i in load_checklist().items} >= {"hds", "gdpr", "has_5b", "ars_incident",
                                                       "fda_premarket", "eu_mdr"}


def test_has_5b_needs_e1_e2_e3_covered_by_controls_in_place():
    from workbench.model import ControlInstance
    from workbench.model.entities import TrustZone
    from workbench.model.enums import ZoneKind

    model = report_model()
    model.zones.append(TrustZone(id="ward", name="Ward", kind=ZoneKind.HOSPITAL))
    model.controls = [
        ControlInstance(id="a", catalog_id="continuity-plan", title="Recovery plan",
                        status="implemented"),
        ControlInstance(id="b", catalog_id="security-policy", title="Policy",
                        status="verified")]
    refs = {"continuity-plan": {"has_5b": ["E2"]}, "security-policy": {"has_5b": ["E1"]}}

    def frameworks(catalog_id):
        return refs.get(catalog_id, {})

    has = next(r for r in assess(model, "en", None, frameworks) if r.id == "has_5b")
    assert has.state == "partial" and "E3" in has.evidence[0]
    refs["audit"] = {"has_5b": ["E3"]}
    model.controls.append(ControlInstance(id="c", catalog_id="audit", title="Yearly audit",
                                          status="implemented"))
    has = next(r for r in assess(model, "en", None, frameworks) if r.id == "has_5b")
    assert has.state == "ready"


def test_layer_heat_table_shows_highest_impact_per_layer_and_category():
    from workbench.report.document import make_styles
    from workbench.report.sections import layer_heat_table

    data = gather(report_model(), use_engines=False)
    table = layer_heat_table(data, make_styles(), "en", 500)[1]
    cells = table._cellvalues
    header = [str(getattr(c, "text", c)) for c in cells[0]]
    safety = header.index("safety")
    things = next(row for row in cells[1:] if row[0] == "Things")
    assert getattr(things[safety], "text", things[safety]) == "4"  # the pump's dosing


def test_board_summary_leads_with_patient_safety_among_equal_risks():
    """At the same residual level, the board reads the threat to patients first."""
    from pathlib import Path

    from workbench.model import load_model

    root = Path(__file__).resolve().parents[2] / "sample-models"
    data = gather(load_model(root / "cardiac-implant-remote-monitoring.twm.json"),
                  recommend=False)
    top = data.top_risks(5)
    best = max(r.residual.score for r in data.risks if r.open)
    if any(r.patient_safety and r.residual.score == best for r in data.risks if r.open):
        assert top[0].patient_safety and top[0].residual.score == best


def test_partial_readiness_says_what_is_missing():
    """Insulin board page 6 read "Partial" beside a lone "✔ logging on 13/13 elements"."""
    from workbench.model import load_model
    from workbench.report.analysis_rows import control_frameworks

    from ..conftest import SAMPLES

    model = load_model(SAMPLES / "insulin-closed-loop.twm.json")
    for lang in ("en", "fr"):
        for row in assess(model, lang, None, control_frameworks):
            if row.state == "partial":
                assert any(e.startswith(("✘", "○")) for e in row.evidence), (lang, row)
    ars = next(r for r in assess(model, "en", None, control_frameworks)
               if r.id == "ars_incident")
    assert ars.state == "partial" and ars.evidence[-1].endswith("ready needs two")
