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
    """``_RunResult.fields`` passes ``_Scored`` values by position: each lands in its own
    field of ``ThreatRisk``; ``_AFTER_INSTANCE`` reads them back in the same order."""
    from dataclasses import fields

    from workbench.analysis.risk import ThreatRisk
    from workbench.analysis.risk_memo import _AFTER_INSTANCE, _RunResult, _Scored

    names = [f.name for f in fields(_Scored) if f.name != "cvss_error"]
    containers = {"likelihood_reasons": ["r"], "impact": {"legal": 2},
                  "impact_reasons": {"legal": "why"}, "controls": ["c"], "cvss": {"v": 1}}
    scored = _Scored(**{n: object() for n in names if n not in containers}, **containers,
                     cvss_error=None)
    run = _RunResult(scored, "type")
    risk = ThreatRisk("inst", *run.fields)  # type: ignore[arg-type]
    assert risk.instance == "inst" and risk.threat_type == "type"
    for name in names:
        assert getattr(risk, name) is getattr(run.copy, name), name
    assert ThreatRisk("inst", *_AFTER_INSTANCE(risk)) == risk  # type: ignore[arg-type]


def test_one_run_shares_lists_only_within_the_run(base, catalog):
    first = assess(base, catalog)
    second = assess(base, catalog)
    assert first[0].likelihood_reasons == second[0].likelihood_reasons
    assert first[0].likelihood_reasons is not second[0].likelihood_reasons
    assert first[0].impact is not second[0].impact


_JUDGED = ("mass_harm", "mass_harm_reason", "harm_distance", "harm", "harm_id")
_SAMPLES = sorted(SAMPLE.parent.glob("*.twm.json"))


def _fleet_variety(model: ThreatModel) -> ThreatModel:
    """Identical infusion pumps told apart only by what the fleet and harm judgements read
    (one a declared patient-safety target, one with open services, one fed by the update
    server): same memo results, different judgements."""
    from workbench.model import Flow, Target

    pumps = [c for c in model.components if c.stencil == "infusion-pump"]
    model.targets.append(Target(id="t-pump", element=pumps[0].id, kind="patient_safety"))
    pumps[1].properties.open_services = ["telnet"]
    server = next(c for c in model.components if c.stencil == "firmware-update-server")
    model.flows.append(Flow(id="f-fw", source=server.id, target=pumps[2].id, name="firmware"))
    return model


def _judgement_models(catalog) -> list[ThreatModel]:
    import sys

    sys.path.insert(0, str(SAMPLE.parents[1] / "benchmarks"))
    from gen_synthetic import synthetic_model

    models = [suggest_threats(load_model(p), catalog) for p in _SAMPLES]
    return models + [suggest_threats(_fleet_variety(synthetic_model(300, seed=0)), catalog)]


def test_judged_in_the_scoring_loop_as_the_two_passes_after_it(catalog):
    """``assess`` judges fleet, directness and harm once per (run result, element role)
    inside the memo's loop: each risk gets what ``judge_fleet_and_directness`` and
    ``judge_harm`` give it when run over every risk, on the six samples and a generated
    model whose identical pumps differ only in their role."""
    from dataclasses import replace

    from workbench.analysis.harm import judge_harm
    from workbench.analysis.risk import ModelIndex, judge_fleet_and_directness

    spread = 0
    for model in _judgement_models(catalog):
        risks = assess(model, catalog)
        plain = [replace(r, mass_harm=None, mass_harm_reason=None, harm_distance=None,
                         harm=None, harm_id=None) for r in risks]
        judge_fleet_and_directness(model, plain)
        judge_harm(plain, ModelIndex(model))
        for fast, slow in zip(risks, plain, strict=True):
            assert [getattr(fast, f) for f in _JUDGED] == [getattr(slow, f) for f in _JUDGED]
        # one run result (the same impact dict) judged differently on different elements
        per_result: dict[int, set] = {}
        for r in risks:
            per_result.setdefault(id(r.impact), set()).add(tuple(getattr(r, f) for f in _JUDGED))
        spread += sum(len(s) > 1 for s in per_result.values())
    assert spread  # the role part of the key was exercised
