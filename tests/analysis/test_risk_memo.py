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


def _perturbed(model: ThreatModel, seed: int, catalog) -> ThreatModel:
    """A copy of ``model`` whose identical devices differ in one thing scoring or the
    judgements read by id, not by shape: a data asset on one flow, a control on one
    device, a patient-safety target, a programmer commanding one device, an analyst's
    figure on one instance; and the threat list shuffled in places (runs of one
    element's instances cut in two)."""
    import random

    from workbench.model import DataAsset, Flow, Target

    rnd = random.Random(seed)
    m = model.model_copy(deep=True)
    pumps = [c for c in m.components if c.stencil == "infusion-pump"]
    ids = {p.id for p in pumps}
    flows = [f for f in m.flows if f.source in ids or f.target in ids]
    m.data_assets.append(DataAsset(id="a-dose", name="dose", integrity=4, availability=3))
    rnd.choice(flows).data_assets.append("a-dose")
    pump = rnd.choice(pumps)
    answering = catalog.controls_for(next(t for t in m.threats if t.element == pump.id)
                                     .catalog_id)
    m.controls.append(ControlInstance(id="ctl-one", title="one", catalog_id=answering[0].id,
                                      elements=[pump.id], status=ControlStatus.IMPLEMENTED))
    m.targets.append(Target(id="t-one", element=rnd.choice(pumps).id, kind="patient_safety"))
    other = next(c for c in m.components if c.stencil == "patient-monitor")
    m.flows.append(Flow(id="f-cmd", source=rnd.choice(pumps).id, target=other.id, name="cmd"))
    rnd.choice(m.threats).likelihood = 1
    cut = rnd.randrange(1, len(m.threats) - 1)
    m.threats = m.threats[cut:] + m.threats[:cut]
    i = rnd.randrange(len(m.threats) - 2)
    m.threats[i], m.threats[i + 2] = m.threats[i + 2], m.threats[i]
    return m


def _plain_content(keys, element_id: str) -> tuple:
    """The element's memo key content as written before ``_RunKeys._content``: a chain of
    the model index's lookups and ``risk``'s helpers (the oracle)."""
    from workbench.analysis.risk import element_layer, safety_role

    ix = keys.ix
    element = ix.element(element_id)
    kind = type(element).__name__ if element is not None else None
    assets = ix.assets.get(element_id, []) if element is not None else []
    holding = ix.adjustments_holding(element_id, keys.catalog, keys.index)
    return (kind, element_layer(keys.model, element_id, ix), safety_role(ix, element),
            ix.scope.get(element_id), element_id in ix.single_user,
            tuple(keys._asset(a.id, a) for a in assets),
            tuple(a.id for a in ix.own_assets.get(element_id, [])),
            tuple(keys._adjustment_pos[id(a)] for a in holding),
            tuple(keys.control(c.id) for c in ix.controls_on.get(element_id, [])))


def test_element_keys_tell_devices_apart_by_what_scoring_reads(catalog):
    """The memo's element key (``_RunKeys._content``) is the plain chain of lookups it
    replaced, element by element, on a generated model and randomly perturbed copies
    whose identical devices differ in one input read by id (an asset on one flow, a
    control, a target, a flow to another device, an analyst's figure); risks before
    exposure (the lean pass) and after are those of scoring each instance afresh."""
    import sys

    from workbench.analysis import risk_memo
    from workbench.analysis.risk import ModelIndex, Scales, assess_instance
    from workbench.model.facts import FactIndex
    from workbench.model.stencils import default_stencils

    sys.path.insert(0, str(SAMPLE.parents[1] / "benchmarks"))
    from gen_synthetic import synthetic_model

    generated = suggest_threats(synthetic_model(120, seed=3), catalog)
    models = [generated] + [suggest_threats(_perturbed(generated, s, catalog), catalog)
                            for s in range(3)]
    models.append(suggest_threats(load_model(SAMPLE), catalog))
    distinct = []
    for model in models:
        _same_as_fresh(model, catalog)
        index = FactIndex(model, default_stencils())
        scales = Scales.of(model)
        ix = ModelIndex(model, index.stencils)
        keys = risk_memo._RunKeys(model, catalog, index, ix, risk_memo._Memo((0,)))
        elements = [*ix.components, *ix.flows, "no-such-element"]
        contents = {e: keys._content(e) for e in elements}
        assert contents == {e: _plain_content(keys, e) for e in elements}
        distinct.append(len(set(contents.values())))
        lean = risk_memo.assess_memoised(model, catalog, index, scales, None, lean=True)
        for step, inst in zip(lean, model.threats, strict=True):
            fresh = assess_instance(model, inst, catalog, index, scales)
            assert step.instance is inst
            assert (step.threat_type, step.likelihood, step.base_likelihood,
                    step.step_likelihood, step.controls) == (
                fresh.threat_type, fresh.likelihood, fresh.base_likelihood,
                fresh.step_likelihood, fresh.controls)
    # each perturbation tells apart devices the generated model had in one key
    assert all(d > distinct[0] for d in distinct[1:4])


def test_element_keys_in_one_loop_are_the_contents_element_by_element(catalog):
    """``_RunKeys._bases`` (every element's content in one loop, the adjustments holding
    through the rules' fact keys) numbers each element as ``_content`` does element by
    element, on a generated model, perturbed copies and a sample; cold (no fact key, no
    adjustment answer known yet) and warm, elements in model order and shuffled; with an
    exposure, ``elements`` is ``element`` one by one."""
    import random
    import sys

    from workbench.analysis import risk_memo
    from workbench.analysis.attack.exposure import Exposure
    from workbench.analysis.risk import ModelIndex
    from workbench.model import Flow
    from workbench.model.facts import FactIndex
    from workbench.model.stencils import default_stencils

    sys.path.insert(0, str(SAMPLE.parents[1] / "benchmarks"))
    from gen_synthetic import synthetic_model

    generated = suggest_threats(synthetic_model(120, seed=3), catalog)
    models = [generated] + [suggest_threats(_perturbed(generated, s, catalog), catalog)
                            for s in range(3)]
    models.append(suggest_threats(load_model(SAMPLE), catalog))
    both = models[1].model_copy(deep=True)  # flows from a pump to a device without a function
    pump = next(c for c in both.components if c.stencil == "infusion-pump")
    plain = next(c for c in both.components
                 if not c.properties.safety_critical_function and c.id != pump.id
                 and ModelIndex(both).safety.get(c.id) is None)
    both.flows += [Flow(id="f-both", source=pump.id, target=plain.id, name="b",
                        bidirectional=True),
                   Flow(id="f-one", source=pump.id, target=plain.id, name="o")]
    models.append(suggest_threats(both, catalog))
    rnd = random.Random(7)
    for model in models:
        warm = load_catalog(include_user_env=False)
        for shuffled in (False, True, None):
            # None: the adjustments' answers known from an earlier run (``warm``'s)
            fresh = warm if shuffled is None else load_catalog(include_user_env=False)
            index = FactIndex(model, default_stencils())
            ix = ModelIndex(model, index.stencils)
            memo = risk_memo._Memo((0,))
            keys = risk_memo._RunKeys(model, fresh, index, ix, memo)
            elements = [*ix.components, *ix.flows, "no-such-element"]
            if shuffled:
                rnd.shuffle(elements)
            if shuffled is None:
                risk_memo._RunKeys(model, warm, FactIndex(model, default_stencils()),
                                   ModelIndex(model), memo)._bases(elements)
            numbers = keys._bases(elements)
            plain = risk_memo._RunKeys(model, fresh, index, ModelIndex(model, index.stencils),
                                       memo)
            assert numbers == [memo.element_number(plain._content(e)) for e in elements]
            assert keys._bases(elements) == numbers  # warm: filed on the model index
            assert {e: ix._holding[e] for e in ix._holding} == {
                e: plain.ix._holding[e] for e in ix._holding}
            assert any(ix._holding.values())
            exposure = {e: Exposure(0.5 if i % 3 else 0.25, "a" if i % 2 else "b", ())
                        for i, e in enumerate(elements[::4])}
            exposed = risk_memo._RunKeys(model, fresh, index, ix, memo, exposure)
            one_by_one = risk_memo._RunKeys(model, fresh, index, ix, memo, exposure)
            assert exposed.elements(elements) == [one_by_one.element(e) for e in elements]


def test_model_index_files_assets_and_scopes_as_the_plain_formulas(catalog):
    """``ModelIndex`` files only elements with data at stake and asks a stencil's scope
    once: read with ``.get(id, [])`` they are the plain per-element formulas, on the
    samples and a perturbed generated model (an asset on one flow, an unknown asset id)."""
    import sys

    from workbench.analysis.risk import ModelIndex, element_scope

    sys.path.insert(0, str(SAMPLE.parents[1] / "benchmarks"))
    from gen_synthetic import synthetic_model

    odd = _perturbed(suggest_threats(synthetic_model(60, seed=5), catalog), 1, catalog)
    odd.flows[0].data_assets.append("no-such-asset")
    odd.components[0].properties.data_assets.append("a-dose")
    for model in [odd, *(load_model(p) for p in _SAMPLES)]:
        ix = ModelIndex(model)
        known = model.assets_by_id()
        at_stake: dict[str, list[str]] = {c.id: list(c.properties.data_assets)
                                          for c in model.components}
        for flow in model.flows:
            at_stake[flow.id] = list(flow.data_assets)
            for end in dict.fromkeys([flow.source, flow.target, *flow.via]):
                at_stake.setdefault(end, []).extend(flow.data_assets)
        for element, ids in at_stake.items():
            assert ix.assets.get(element, []) == [known[a] for a in dict.fromkeys(ids)
                                                  if a in known]
        for comp in model.components:
            assert ix.own_assets.get(comp.id, []) == [
                known[a] for a in dict.fromkeys(comp.properties.data_assets) if a in known]
            assert ix.scope[comp.id] == element_scope(comp, ix.stencils)
        assert any(ix.assets.values())


def test_roles_in_one_loop_are_the_plain_roles(catalog):
    """``_Judged.roles`` (the fleet and harm lookups inlined over all elements) numbers
    each element as ``_Judged.role`` does element by element, on the samples, the pumps
    told apart by role only, and a perturbed generated model (a flow from a pump to a
    monitor: a flow's care system read through its ends)."""
    import sys

    from workbench.analysis import risk_memo
    from workbench.analysis.risk import ModelIndex
    from workbench.model.facts import FactIndex
    from workbench.model.stencils import default_stencils

    sys.path.insert(0, str(SAMPLE.parents[1] / "benchmarks"))
    from gen_synthetic import synthetic_model

    generated = suggest_threats(synthetic_model(120, seed=3), catalog)
    models = [*_judgement_models(catalog), suggest_threats(_perturbed(generated, 1, catalog),
                                                           catalog)]
    for model in models:
        index = FactIndex(model, default_stencils())
        ix = ModelIndex(model, index.stencils)
        elements = [*ix.components, *ix.flows, "no-such-element"]
        plain = risk_memo._Judged(model, index, ix)
        fast = risk_memo._Judged(model, index, ix)
        assert fast.roles(elements) == [plain.role(e) for e in elements]
        assert len(set(fast.roles(elements))) > 1


def test_pair_values_once_per_element_group_and_own_key(catalog):
    """``_pair_values`` (the passes' grouping over ``ThreatColumns``) asks one value per
    (element group, catalog id, STRIDE) of plain instances and one per hand-scored
    instance, in instance order, and gives every instance of a pair the same tuple: the
    plain walk instance by instance, on a generated model with analysts' figures, CVSS
    and mitigation links on some instances, a perturbed copy, and random element groups."""
    import random
    import sys

    import numpy as np

    from workbench.analysis import risk_memo
    from workbench.analysis.rules import merge_suggestions

    sys.path.insert(0, str(SAMPLE.parents[1] / "benchmarks"))
    from gen_synthetic import synthetic_model

    generated = suggest_threats(synthetic_model(120, seed=3), catalog)
    models = [generated, suggest_threats(_perturbed(generated, 2, catalog), catalog),
              _edit(_edit(base_model := suggest_threats(load_model(SAMPLE), catalog),
                          _likelihood_set), _cvss_set), _edit(base_model, _link_status)]
    cases = [(model, None) for model in models]
    # the merge's new instances read per run (``ThreatColumns.runs``): all new, and new
    # after kept instances, some scored by hand
    cases.append(merge_suggestions(synthetic_model(120, seed=4), catalog))
    dropped = {c.id for c in models[2].components[::2]}
    cases.append(merge_suggestions(models[2].model_copy(update={"threats": [
        t for t in models[2].threats if t.element not in dropped]}), catalog))
    assert cases[-1][1].fresh is not None and cases[-1][1].fresh.start > 0
    rnd = random.Random(5)
    for model, report in cases:
        columns = risk_memo.ThreatColumns(model.threats, report and report.fresh)
        assert bool(columns.runs) == (report is not None)
        assert columns.elements == list(dict.fromkeys(t.element for t in model.threats))
        group_of = [rnd.randrange(3) for _ in columns.elements]
        asked: list[int] = []

        def value(i: int, group: int, asked=asked) -> tuple:
            asked.append(i)
            return (i, group)

        values = risk_memo._pair_values(columns, np.array(group_of, dtype=np.int64), value)
        seen: dict[tuple, tuple] = {}
        plain_asked = []
        for i, inst in enumerate(model.threats):
            group = group_of[columns.elements.index(inst.element)]
            key = ((group, inst.catalog_id, tuple(inst.stride)) if risk_memo._plain(inst)
                   else ("by hand", i))
            if key not in seen:
                seen[key] = (i, group)
                plain_asked.append(i)
            assert values[i] == seen[key]
            assert values[i] is values[seen[key][0]]
        assert asked == plain_asked
        assert len(asked) < len(model.threats)
    assert any(not risk_memo._plain(t) for t in models[2].threats)
    assert any(not risk_memo._plain(t) for t in cases[-1][0].threats[:cases[-1][1].fresh.start])


def test_threat_columns_from_the_merges_columns_are_read_from_the_instances(catalog):
    """``ThreatColumns(threats, fresh)`` (the merge's new instances read from its columns:
    elements, one instance per threat type) is ``ThreatColumns(threats)`` read instance by
    instance: on a generated model merged from nothing, and merged again after half its
    elements lost their threats (kept instances of the same types before the new ones,
    some scored by hand, an analyst's own threat), and on a list no longer ending with
    the new instances (the columns are then not read)."""
    import sys
    from dataclasses import replace

    import numpy as np

    from workbench.analysis import risk_memo
    from workbench.analysis.rules import merge_suggestions
    from workbench.model import ThreatInstance

    sys.path.insert(0, str(SAMPLE.parents[1] / "benchmarks"))
    from gen_synthetic import synthetic_model

    def same(a, b) -> None:
        assert a.elements == b.elements and a.owns == b.owns
        assert np.array_equal(a.element_of, b.element_of)
        assert np.array_equal(a.own_of, b.own_of)

    bare = synthetic_model(120, seed=3)
    merged, report = merge_suggestions(bare, catalog)
    # an analyst's own instances kept before the new ones: of a catalog type on other
    # elements (the same own key as new instances), scored by hand, a custom threat
    some = merged.threats[::40]
    kept = [ThreatInstance(id=f"analyst-{i}", key=f"analyst@{i}", catalog_id=t.catalog_id,
                           element=t.element, title="mine", stride=list(t.stride),
                           manual=True, likelihood=2 if i % 3 == 1 else None)
            for i, t in enumerate(some)]
    kept.append(ThreatInstance(id="analyst-own", key="analyst@own", catalog_id="own",
                               element=bare.components[1].id, title="mine", stride=["S"],
                               manual=True))
    again, second = merge_suggestions(bare.model_copy(update={"threats": kept}), catalog)
    assert second.fresh is not None and 0 < second.fresh.start < len(again.threats)
    for threats, fresh in ((merged.threats, report.fresh), (again.threats, second.fresh)):
        plain = risk_memo.ThreatColumns(threats)
        same(risk_memo.ThreatColumns(threats, fresh), plain)
        assert (plain.own_of < 0).any() == (fresh is second.fresh)
        wrong = replace(fresh, runs=fresh.runs[::-1])  # proves the runs are read
        assert not np.array_equal(risk_memo.ThreatColumns(threats, wrong).element_of,
                                  plain.element_of)
        changed = [*threats[:-1], threats[-1].model_copy(update={"element": "elsewhere"})]
        same(risk_memo.ThreatColumns(changed, fresh), risk_memo.ThreatColumns(changed))


@pytest.mark.parametrize("edit", [None, _likelihood_set, _impact_set, _cvss_set, _link_status,
                                  _new_control_on_element, _scales_5x5],
                         ids=lambda f: f.__name__.strip("_") if f else "none")
def test_exposure_pass_from_the_pass_before_matches_fresh_scoring(base, edit, monkeypatch):
    """Misses after exposure are scored from the pass before's result under the same
    inputs (``_exposed``: the likelihood derived again, the rest kept): the same figures
    and warnings as scoring every instance afresh with its exposure, after edits of
    analysts' figures, CVSS, links, controls and scales."""
    from workbench.analysis import risk_memo
    from workbench.analysis.risk import assess_with_exposure

    calls = []
    exposed = risk_memo._exposed
    monkeypatch.setattr(risk_memo, "_exposed", lambda *a: calls.append(1) or exposed(*a))
    catalog = load_catalog(include_user_env=False)  # a memo of its own: nothing filed yet
    model = base if edit is None else _edit(base, edit)
    warn_memo: list[str] = []
    warn_fresh: list[str] = []
    memo = [threat_json(r, catalog)
            for r in assess_with_exposure(model, catalog, warnings=warn_memo)]
    fresh = [threat_json(r, catalog)
             for r in assess_with_exposure(model, catalog, warnings=warn_fresh, memo=False)]
    assert calls  # the path under test ran
    assert memo == fresh
    assert warn_memo == warn_fresh
    assert any(r["exposure"] and r["likelihood"] < r["base_likelihood"] for r in memo)


def test_exposure_keys_tell_apart_what_scoring_reads_of_an_exposure(catalog):
    """An element's exposure enters the memo key as (probability, attacker), what
    scoring reads: identical pumps exposed with one chance by different attackers, or
    by one attacker through different per-attacker details, or with another chance,
    score as afresh."""
    import sys

    from workbench.analysis.attack.exposure import Exposure

    sys.path.insert(0, str(SAMPLE.parents[1] / "benchmarks"))
    from gen_synthetic import synthetic_model

    from workbench.analysis import risk_memo
    from workbench.analysis.risk import ModelIndex
    from workbench.model.facts import FactIndex
    from workbench.model.stencils import default_stencils

    model = suggest_threats(synthetic_model(120, seed=3), catalog)
    index = FactIndex(model, default_stencils())
    keys = risk_memo._RunKeys(model, catalog, index, ModelIndex(model, index.stencils),
                              risk_memo._Memo((0,)))
    alike: dict[tuple, list[str]] = {}
    for c in model.components:  # devices the memo cannot tell apart without exposure
        alike.setdefault(keys._content(c.id), []).append(c.id)
    pumps = max(alike.values(), key=len)
    assert len(pumps) >= 4
    exposure = {pumps[3]: Exposure(0.05, "a", (("a", 0.05),)),
                pumps[0]: Exposure(0.5, "a", (("a", 0.5),)),
                pumps[1]: Exposure(0.5, "b", (("b", 0.5),)),
                pumps[2]: Exposure(0.5, "a", (("a", 0.5), ("b", 0.25)))}
    memo = [threat_json(r, catalog) for r in assess(model, catalog, exposure=exposure)]
    fresh = [threat_json(r, catalog)
             for r in assess(model, catalog, memo=False, exposure=exposure)]
    assert memo == fresh
    attackers = {r["exposure"]["attacker"] for r in memo if r["exposure"]}
    assert attackers == {"a", "b"}


@pytest.mark.parametrize("analyst", [False, True])
def test_exposed_misses_keep_the_risk_values_when_the_likelihood_stays(base, monkeypatch,
                                                                      analyst):
    """``_exposed`` takes the pass before's base likelihoods and reasons and adds only
    exposure's step: the likelihood, reasons, base and step equal ``derive_likelihood``
    with the exposure afresh (an analyst's own likelihood included), and the risk values,
    kept when the likelihood stays, equal ``risk_values`` afresh; both ways (kept,
    recomputed) occur on the sample."""
    from workbench.analysis import risk_memo
    from workbench.analysis.risk import assess_with_exposure, derive_likelihood, risk_values

    seen = {"kept": 0, "moved": 0}
    exposed = risk_memo._exposed

    def checked(model, inst, catalog, index, scales, ix, exposure, before):
        out = exposed(model, inst, catalog, index, scales, ix, exposure, before)
        fresh = risk_values(out.likelihood, before.impact, before.controls, scales)
        assert (out.inherent, out.current, out.projected) == fresh
        derived = derive_likelihood(model, inst, catalog.threats.get(inst.catalog_id),
                                    catalog, index, scales, ix, exposure.get(inst.element))
        assert (out.likelihood, out.likelihood_reasons, out.base_likelihood,
                out.step_likelihood) == derived
        seen["kept" if out.likelihood == before.likelihood else "moved"] += 1
        return out

    monkeypatch.setattr(risk_memo, "_exposed", checked)
    catalog = load_catalog(include_user_env=False)  # a memo of its own: nothing filed yet
    model = base
    if analyst:  # every other instance with the analyst's own likelihood
        model = _edit(base, lambda m: [setattr(t, "likelihood", 1 + i % 3)
                                       for i, t in enumerate(m.threats) if i % 2])
    assess_with_exposure(model, catalog)
    assert seen["moved"]
    assert seen["kept"]


def test_run_copy_is_the_result_with_lists_of_its_own(base):
    """``_run_copy`` (field by field) equals the result and owns its lists and dicts,
    as ``dataclasses.replace`` with fresh containers made it."""
    from dataclasses import fields, replace

    from workbench.analysis import risk_memo
    from workbench.analysis.risk import assess

    catalog = load_catalog(include_user_env=False)
    assess(base, catalog, warnings=[])
    results = [s for each in risk_memo._memo(catalog).results.values() for s in each.values()]
    assert results
    for s in results:
        copy = risk_memo._run_copy(s)
        assert copy == replace(s, likelihood_reasons=list(s.likelihood_reasons),
                               impact=dict(s.impact), impact_reasons=dict(s.impact_reasons),
                               controls=list(s.controls),
                               cvss=dict(s.cvss) if s.cvss is not None else None)
        for f in fields(s):
            value = getattr(s, f.name)
            if isinstance(value, (list, dict)):
                assert getattr(copy, f.name) is not value


def test_shared_risk_values_are_the_plain_values():
    """``risk._shared_value`` (one object per likelihood and severity, kept on the scales)
    equals ``risk._value`` worked out afresh, for every likelihood and severity of the
    default, the 5x5 and a custom-levelled scale, impacts of several categories, none,
    and zeros; scales equal but distinct keep their own."""
    from dataclasses import replace

    from workbench.analysis.risk import Scales, _shared_value, _value

    model = load_model(SAMPLE)
    five = model.model_copy(update={"risk": risk_settings_5x5()})
    default = Scales.of(model)
    custom = replace(default, levels=default.levels[:2])
    again = Scales.of(model)
    for scales in (default, Scales.of(five), custom, again):
        for likelihood in scales.likelihood:
            for impact in ({}, {"a": 0}, *({"a": s, "b": min(scales.severity)}
                                           for s in scales.severity)):
                for _ in range(2):  # worked out, then kept
                    shared = _shared_value(likelihood, impact, scales)
                    assert shared == _value(likelihood, impact, scales)
    assert again == default and vars(default)["_values"] is not vars(again)["_values"]
    assert _shared_value(4, {"a": 4}, custom) != _shared_value(4, {"a": 4}, default)


def test_assessment_is_what_the_risk_is_built_from(base):
    """``risk.assessment`` (what a memo miss files) gives the fields of
    ``assess_instance``'s risk after the instance, in order, and the CVSS error it warns
    of: on the sample with analysts' likelihoods, impacts, CVSS vectors (some invalid)
    and links, with and without an exposure."""
    from dataclasses import fields as dataclass_fields

    from workbench.analysis.attack.exposure import Exposure
    from workbench.analysis.risk import (
        ModelIndex,
        Scales,
        ThreatRisk,
        assess_instance,
        assessment,
    )
    from workbench.model.facts import FactIndex
    from workbench.model.stencils import default_stencils

    catalog = load_catalog(include_user_env=False)
    model = _edit(_edit(_edit(base, _likelihood_set), _impact_set), _cvss_set)
    index = FactIndex(model, default_stencils())
    ix, scales = ModelIndex(model, index.stencils), Scales.of(model)
    exposure = {t.element: Exposure(0.25, "attacker", (("attacker", 0.25),))
                for t in model.threats[::3]}
    errors = 0
    for inst in model.threats:
        for exposed in (None, exposure):
            warnings: list[str] = []
            risk = assess_instance(model, inst, catalog, index, scales, warnings, ix, exposed)
            *fields, error = assessment(model, inst, catalog, index, scales, ix, exposed)
            names = [f.name for f in dataclass_fields(ThreatRisk)][1:len(fields) + 1]
            assert names[-1] == "finding"
            assert fields == [getattr(risk, name) for name in names]
            assert warnings == ([f"threat {inst.id!r}: {error}"] if error else [])
            errors += bool(error)
    assert errors


def _own_threats(m: ThreatModel) -> None:
    """Some instances as an analyst's own threats (a catalog id the catalog does not
    know), STRIDE varied."""
    strides = (["T"], ["D"], ["S", "I"], ["R"])
    for i, inst in enumerate(m.threats[::7]):
        inst.catalog_id = f"own-{i % 3}"
        inst.stride = strides[i % len(strides)]


@pytest.mark.parametrize("sample", sorted(SAMPLE.parent.glob("*.twm.json")),
                         ids=lambda p: p.name.split(".")[0])
def test_impact_memo_is_the_plain_derivation(catalog, sample):
    """``derive_impact`` with its memo (one per model index and scales) gives what the
    plain derivation gives, on every instance of each sample, also with analysts' impacts,
    their own threats (no catalog type, STRIDE of their own), 5x5 scales and custom impact
    categories; each call gets dicts of its own (the memo's are never handed out)."""
    from workbench.analysis.risk import ModelIndex, Scales, derive_impact
    from workbench.model.stencils import default_stencils

    plain = suggest_threats(load_model(sample), catalog)
    few = _edit(plain, lambda m: setattr(
        m.risk, "impact_categories",
        [ImpactCategory(id="patient_safety", name="Patient safety"),
         ImpactCategory(id="privacy", name="Privacy")]))
    models = [plain, _edit(_edit(plain, _impact_set), _own_threats),
              _edit(_edit(plain, _scales_5x5), _own_threats), few]
    hits = 0
    for model in models:
        ix = ModelIndex(model, default_stencils())
        scales = Scales.of(model)
        for _ in range(2):  # worked out, then found
            for inst in model.threats:
                threat = catalog.threats.get(inst.catalog_id)
                memo = derive_impact(model, inst, threat, scales, ix)
                fresh = derive_impact(model, inst, threat, scales, ModelIndex(model),
                                      memo=False)
                assert memo == fresh
                assert list(memo[0]) == list(fresh[0]) and list(memo[1]) == list(fresh[1])
                memo[0]["spoiled"] = 99  # a caller's change stays its own
                memo[1].clear()
        filed = vars(ix)["_impact_memo"][id(scales)][1]
        hits += len(model.threats) - len(filed)
    assert hits > 0
    # the categories are part of the key: an index kept while they change reads the new
    ix = ModelIndex(plain, default_stencils())
    scales = Scales.of(plain)
    for categories in (plain.risk.impact_categories, few.risk.impact_categories):
        plain.risk.impact_categories = categories
        for inst in plain.threats:
            threat = catalog.threats.get(inst.catalog_id)
            assert derive_impact(plain, inst, threat, scales, ix) == derive_impact(
                plain, inst, threat, scales, ix, memo=False)
