"""The risk memo gives exactly the figures of scoring afresh, after any kind of edit.

Each test runs a chain of edited models through ``assess`` with the memo (results carried
from one run to the next, as in the GUI) and compares every threat's full JSON with
``assess(..., memo=False)``. An edit the memo key missed would show as a stale figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.analysis.catalog import load_catalog
from workbench.analysis.pipeline import threat_json
from workbench.analysis.risk import assess
from workbench.analysis.rules import suggest_threats
from workbench.model import ControlInstance, MitigationLink, ThreatModel
from workbench.model.defaults import risk_settings_5x5
from workbench.model.entities import ImpactCategory
from workbench.model.enums import ControlStatus, PatchStatus
from workbench.model.io import load_model

SAMPLE = Path(__file__).resolve().parents[2] / "sample-models" / "hospital-ward-iomt.twm.json"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


@pytest.fixture(scope="module")
def base(catalog) -> ThreatModel:
    return suggest_threats(load_model(SAMPLE), catalog)


def _same_as_fresh(model: ThreatModel, catalog) -> list[dict]:
    warn_memo: list[str] = []
    warn_fresh: list[str] = []
    memo = [threat_json(r, catalog) for r in assess(model, catalog, warnings=warn_memo)]
    fresh = [threat_json(r, catalog)
             for r in assess(model, catalog, warnings=warn_fresh, memo=False)]
    assert memo == fresh
    assert warn_memo == warn_fresh
    return memo


def _edit(model: ThreatModel, fn) -> ThreatModel:
    copy = model.model_copy(deep=True)
    fn(copy)
    return copy


def _controls_verified(m: ThreatModel) -> None:
    for ctl in m.controls:
        ctl.status = ControlStatus.VERIFIED


def _control_weaker(m: ThreatModel) -> None:
    m.controls[0].effectiveness = 0.05


def _new_control_on_element(m: ThreatModel) -> None:
    inst = m.threats[0]
    m.controls.append(ControlInstance(id="ctl-new", title="new", elements=[inst.element],
                                      status=ControlStatus.IMPLEMENTED, effectiveness=0.9))
    inst.mitigations.append(MitigationLink(control="ctl-new", status=ControlStatus.VERIFIED,
                                           evidence="audit"))


def _link_status(m: ThreatModel) -> None:
    for inst in m.threats:
        for link in inst.mitigations:
            link.status = ControlStatus.PLANNED


def _link_evidence(m: ThreatModel) -> None:
    for inst in m.threats:
        for link in inst.mitigations:
            link.evidence = "test report"


def _assets_rerated(m: ThreatModel) -> None:
    for asset in m.data_assets:
        asset.impact = {}
        asset.integrity = 1
        asset.confidentiality = 4
        asset.name = asset.name + " (renamed)"


def _safety_function(m: ThreatModel) -> None:
    for comp in m.components:
        comp.properties.safety_critical_function = (
            None if comp.properties.safety_critical_function else "dosing")


def _facts_change(m: ThreatModel) -> None:
    for comp in m.components:
        comp.properties.patch_status = PatchStatus.UNSUPPORTED
    for flow in m.flows:
        flow.encrypted = not flow.encrypted


def _likelihood_set(m: ThreatModel) -> None:
    for i, inst in enumerate(m.threats[:40]):
        inst.likelihood = 1 + i % 4


def _impact_set(m: ThreatModel) -> None:
    for i, inst in enumerate(m.threats[:40]):
        inst.impact = {"patient_safety": i % 5}


def _cvss_set(m: ThreatModel) -> None:
    for i, inst in enumerate(m.threats[:40]):
        inst.cvss = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" if i % 3 else "CVSS:bad"


def _scales_5x5(m: ThreatModel) -> None:
    m.risk = risk_settings_5x5()


def _categories(m: ThreatModel) -> None:
    m.risk.impact_categories = [ImpactCategory(id="patient_safety", name="Safety")]


EDITS = [_controls_verified, _control_weaker, _new_control_on_element, _link_status,
         _link_evidence,
         _assets_rerated, _safety_function, _facts_change, _likelihood_set, _impact_set,
         _cvss_set, _scales_5x5, _categories]


@pytest.mark.parametrize("edit", EDITS, ids=lambda f: f.__name__.strip("_"))
def test_memo_matches_fresh_scoring_after_edit(base, catalog, edit):
    before = _same_as_fresh(base, catalog)  # fills the memo with the unedited results
    after = _same_as_fresh(_edit(base, edit), catalog)
    assert after != before  # the edit changes some figure: the test can see staleness


def test_results_do_not_share_lists_between_runs(base, catalog):
    first = assess(base, catalog)
    first[0].likelihood_reasons.append("scribbled")
    first[0].impact["legal"] = 99
    second = assess(base, catalog)
    assert "scribbled" not in second[0].likelihood_reasons
    assert second[0].impact.get("legal") != 99


def test_memo_limit_clears_without_changing_figures(base, catalog, monkeypatch):
    from workbench.analysis import risk_memo

    monkeypatch.setattr(risk_memo, "MEMO_LIMIT", 7)
    _same_as_fresh(base, catalog)
    _same_as_fresh(_edit(base, _controls_verified), catalog)


def test_memo_result_fills_each_field_of_its_name():
    """``_risk`` passes ``_Scored`` values by position: each lands in its own field."""
    from dataclasses import fields

    from workbench.analysis.risk_memo import _risk, _Scored

    names = [f.name for f in fields(_Scored) if f.name != "cvss_error"]
    scored = _Scored(**{n: object() for n in names}, cvss_error=None)
    risk = _risk("inst", "type", scored)  # type: ignore[arg-type]
    assert risk.instance == "inst" and risk.threat_type == "type"
    for name in names:
        assert getattr(risk, name) is getattr(scored, name), name


def test_one_run_shares_lists_only_within_the_run(base, catalog):
    first = assess(base, catalog)
    second = assess(base, catalog)
    assert first[0].likelihood_reasons == second[0].likelihood_reasons
    assert first[0].likelihood_reasons is not second[0].likelihood_reasons
    assert first[0].impact is not second[0].impact
