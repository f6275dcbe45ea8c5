"""The incremental re-analysis gives exactly what a full analysis of version 2 gives.

``incremental.reanalyse(analyse(A), B)`` must equal ``pipeline.analyze(B)``: every threat's
full JSON in the same order, the merged model, the merge report and the warnings; and the
diff's attack figures from its evidence must equal the whole attack stage's. Random edits
(hypothesis, repeatable by default) of every kind the dirty-set rules name, and each
sample with a typical vendor update. A fact the dirty set missed shows as a stale figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.analysis import diff, incremental
from workbench.analysis.pipeline import AnalysisResult, analyze, threat_json
from workbench.model import Component, Flow, Target, ThreatModel
from workbench.model.enums import Authentication, ControlStatus, PatchStatus, ThreatStatus
from workbench.model.io import load_model

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))
WARD = next(p for p in SAMPLES if p.name.startswith("hospital-ward"))


def _same(a: AnalysisResult, b: AnalysisResult) -> None:
    assert [threat_json(r, a.catalog) for r in a.threats] == [
        threat_json(r, b.catalog) for r in b.threats]
    assert a.model == b.model
    assert a.merge == b.merge
    assert a.warnings == b.warnings


def _check(old: ThreatModel, new: ThreatModel) -> incremental.Snapshot:
    new = ThreatModel.model_validate(new.model_dump())  # a valid model, fresh objects
    snap = incremental.reanalyse(incremental.analyse(old), new)
    full = analyze(new)
    _same(snap.result, full)
    # The diff's way: both versions without harm and fleet judgements (its table reads
    # none), judged afterwards for the plan: the same risks, version 1's included.
    first = incremental.analyse(old, judge=False)
    light = incremental.reanalyse(first, new)
    assert not light.judged and light.result.threats
    assert all(r.harm == "" for r in light.result.threats)
    assert diff.risk_table(light.result, None) == diff.risk_table(full, None)
    _same(incremental.judge(first).result, analyze(old))
    _same(incremental.judge(light).result, full)
    whole = diff._attack_risk(full.model, full.threats)
    assert diff.attack_from_evidence(snap.result.model, snap.evidence) == whole
    # The diff's path: the exposure stage's graph (and its cached per-attacker views).
    assert diff.attack_from_evidence(snap.result.model, snap.evidence, snap.stencils,
                                     snap.graph) == whole
    return snap


@pytest.fixture(scope="module")
def ward() -> ThreatModel:
    return load_model(WARD)


def _remove_component(m: ThreatModel, cid: str) -> None:
    m.components = [c for c in m.components if c.id != cid]
    m.flows = [f for f in m.flows if cid not in (f.source, f.target)]
    for f in m.flows:
        f.via = [v for v in f.via if v != cid]
    m.targets = [t for t in m.targets if t.element != cid]
    for ctl in m.controls:
        ctl.elements = [e for e in ctl.elements if e != cid]
    for att in m.attackers:
        att.entry_elements = [e for e in att.entry_elements if e != cid]


# One edit: (kind, a, b) with a and b picking items by position (modulo the list's size).
EDITS = ("legacy", "exposed", "auth", "patch", "rename", "stencil", "zone", "remove",
         "flow_flags", "flow_add", "flow_remove", "flow_via", "zone_trust", "asset",
         "asset_on", "control", "decide", "target", "safety")


def _apply(m: ThreatModel, kind: str, a: int, b: int) -> None:
    comps, flows = m.components, m.flows
    c = comps[a % len(comps)]
    other = comps[b % len(comps)]
    f = flows[a % len(flows)]
    if kind == "legacy":
        c.properties.legacy = not c.properties.legacy
    elif kind == "exposed":
        c.properties.internet_exposed = not c.properties.internet_exposed
    elif kind == "auth":
        c.properties.authentication = list(Authentication)[b % len(Authentication)]
    elif kind == "patch":
        c.properties.patch_status = list(PatchStatus)[b % len(PatchStatus)]
    elif kind == "rename":
        c.name = f"{c.name} v2"
    elif kind == "stencil":
        c.stencil, c.layer = other.stencil, other.layer
    elif kind == "zone":
        c.zone = m.zones[b % len(m.zones)].id if m.zones else None
    elif kind == "remove":
        _remove_component(m, c.id)
    elif kind == "flow_flags":
        f.encrypted, f.authenticated = not f.encrypted, bool(b % 2) or f.authenticated
        f.bidirectional = not f.bidirectional if b % 3 == 0 else f.bidirectional
    elif kind == "flow_add" and c.id != other.id:
        m.flows.append(Flow(id=f"new-{a}-{b}", source=c.id, target=other.id,
                            encrypted=bool(a % 2), authenticated=bool(b % 2)))
    elif kind == "flow_remove":
        m.flows = [x for x in flows if x.id != f.id]
    elif kind == "flow_via":
        nets = [x.id for x in comps if x.layer.value == "network"
                and x.id not in (f.source, f.target)]
        if nets:
            f.via = [nets[b % len(nets)]] if not f.via else []
    elif kind == "zone_trust" and m.zones:
        zone = m.zones[a % len(m.zones)]
        zone.trust_level = (zone.trust_level + 3) % 10
    elif kind == "asset" and m.data_assets:
        asset = m.data_assets[a % len(m.data_assets)]
        asset.confidentiality = asset.confidentiality % 4 + 1
        asset.personal = not asset.personal
    elif kind == "asset_on" and m.data_assets:
        asset = m.data_assets[b % len(m.data_assets)].id
        if asset not in f.data_assets:
            f.data_assets = [*f.data_assets, asset]
    elif kind == "control" and m.controls:
        ctl = m.controls[a % len(m.controls)]
        ctl.status = (ControlStatus.PLANNED if ctl.status != ControlStatus.PLANNED
                      else ControlStatus.VERIFIED)
    elif kind == "decide" and m.threats:
        t = m.threats[a % len(m.threats)]
        t.status = [ThreatStatus.ACCEPTED, ThreatStatus.REJECTED,
                    ThreatStatus.MITIGATED][b % 3]
    elif kind == "target":
        m.targets = [*m.targets, Target(id=f"t-new-{a}", element=c.id,
                                        kind=("patient_safety", "health_data")[b % 2])]
    elif kind == "safety":
        c.properties.safety_critical_function = (
            None if c.properties.safety_critical_function else "drug delivery")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 10_000),
                          st.integers(0, 10_000)), min_size=1, max_size=4))
def test_random_edits_equal_a_full_analysis(ward: ThreatModel, edits) -> None:
    new = ward.model_copy(deep=True)
    for kind, a, b in edits:
        _apply(new, kind, a, b)
    _check(ward, new)


@pytest.mark.parametrize("kind", EDITS)
def test_each_kind_of_edit(ward: ThreatModel, kind: str) -> None:
    """Every edit kind at least once, on a few positions (the random test may skip one)."""
    for a, b in ((0, 1), (7, 3), (13, 11)):
        new = ward.model_copy(deep=True)
        _apply(new, kind, a, b)
        _check(ward, new)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_samples_vendor_update(path: Path) -> None:
    """Each sample, re-analysed after a typical vendor update: a device renamed, one
    hardened, one gone with its flows, a new service with a flow: equal to a full run;
    an unchanged model re-analyses nothing."""
    old = load_model(path)
    new = old.model_copy(deep=True)
    devices = [c for c in new.components if c.layer.value == "thing"]
    devices[0].name += " (v2)"
    devices[-1].properties.patch_status = PatchStatus.CURRENT
    _remove_component(new, devices[len(devices) // 2].id)
    new.components.append(Component(id="new-service", name="New analytics service",
                                    stencil="data-lake", layer="cloud",
                                    zone=new.components[0].zone))
    new.flows.append(Flow(id="new-feed", source=devices[0].id, target="new-service",
                          encrypted=False, authenticated=False))
    snap = _check(old, new)
    assert snap.stats["fact_elements"] < len(new.components) + len(new.flows)
    same = incremental.reanalyse(incremental.analyse(old), old)
    assert same.stats["fact_elements"] == 0 and same.stats["instances"] == 0
    _same(same.result, analyze(old))


def test_risk_settings_change_reruns_everything(ward: ThreatModel) -> None:
    new = ward.model_copy(deep=True)
    new.risk.options = {**new.risk.options, "derive_targets": False}
    snap = _check(ward, new)
    assert snap.stats["full"] == "risk settings or regulatory context changed"


def test_diff_risk_equals_two_full_analyses(ward: ThreatModel) -> None:
    """``diff_models`` (incremental) prints the figures two full analyses give."""
    new = ward.model_copy(deep=True)
    _apply(new, "legacy", 2, 0)
    _apply(new, "flow_flags", 5, 1)
    new = ThreatModel.model_validate(new.model_dump())
    got = diff.diff_models(ward, new)
    before, _ = diff.target_risk(ward)
    after, _ = diff.target_risk(new)
    assert [r.to_json() for r in got.risk] == [
        r.to_json() for r in diff.compare_risk(before, after)]
    assert any(r.moved for r in got.risk)


def test_first_patient_safety_target_reruns_everything(ward: ThreatModel) -> None:
    """How far a harm is from the patient reads whether any patient-safety target is
    declared at all: removing the last one moves threats on every element."""
    new = ward.model_copy(deep=True)
    new.targets = [t for t in new.targets if t.kind != "patient_safety"]
    snap = _check(ward, new)
    assert snap.stats["full"] == "the first patient-safety target declared, or the last one removed"


def test_a_flow_rule_reading_an_ends_count_is_followed(ward: ThreatModel) -> None:
    """With a catalog whose flow rule reads ``target.flows.in``, a new flow into a hub
    changes the facts of every other flow into it: they must be evaluated again (with the
    shipped catalog, no flow rule reads an end's counts, so they are not)."""
    import dataclasses

    from workbench.analysis.catalog import ThreatType, default_catalog
    from workbench.model.conditions import Condition

    base = default_catalog()
    crowded = ThreatType(id="test.crowded-receiver", title="Crowded receiver",
                         description="Test rule.", applies_to="flow", stride=["D"],
                         impacts=["care_delivery"],
                         when=Condition(attr="target.flows.in", op="gte", value=3))
    catalog = dataclasses.replace(base, threats={**base.threats, crowded.id: crowded})
    assert "flows.in" in incremental.end_facts_read(catalog)
    from workbench.model.facts import FactIndex
    from workbench.model.stencils import default_stencils

    facts = FactIndex(ward, default_stencils())
    # a receiver with two flows in: the third one in fires the rule on all three
    hub = next(c.id for c in ward.components if facts.component(c)["flows.in"] == 2)
    sender = next(c.id for c in ward.components if c.id != hub
                  and not any(f.source == c.id and f.target == hub for f in ward.flows))
    new = ward.model_copy(deep=True)
    new.flows.append(Flow(id="new-into-hub", source=sender, target=hub))
    new = ThreatModel.model_validate(new.model_dump())
    snap = incremental.reanalyse(incremental.analyse(ward, catalog), new)
    full = analyze(new, catalog)
    _same(snap.result, full)
    fired = {t.element for t in full.model.threats if t.catalog_id == crowded.id}
    before = {t.element for t in analyze(ward, catalog).model.threats
              if t.catalog_id == crowded.id}
    # unchanged flows into the hub now carry the suggestion: only the end's count moved
    assert "new-into-hub" in fired and fired - before - {"new-into-hub"}


@pytest.mark.parametrize("kind", ["patch", "legacy", "remove"])
def test_version_two_reuses_version_ones_view_chances(ward: ThreatModel, kind: str) -> None:
    """An edit keeps the per-attacker chances worked out for the unchanged elements (the
    memo carried over, keyed on shapes numbered alike), and the views read from it equal
    those of a graph built afresh from the same evidence."""
    import numpy as np

    from workbench.analysis.attack.graph import build_graph

    vector_sets = [frozenset({"network"}), frozenset({"adjacent"}),
                   frozenset({"physical", "local"})]
    first = incremental.analyse(ward)
    for entry in vector_sets:
        first.graph.for_vectors(entry)
    old_memo = dict(first.graph.__dict__["_element_memo"])
    assert old_memo
    new = ward.model_copy(deep=True)
    _apply(new, kind, 3, 1)
    snap = incremental.reanalyse(first, ThreatModel.model_validate(new.model_dump()))
    assert old_memo.items() <= snap.graph.__dict__["_element_memo"].items()
    fresh = build_graph(snap.result.model, snap.evidence, snap.stencils)
    for entry in vector_sets:
        ours, theirs = snap.graph.for_vectors(entry), fresh.for_vectors(entry)
        for name in ("node_miss", "entry_miss", "flow_miss"):
            assert np.array_equal(getattr(ours, name), getattr(theirs, name)), (entry, name)
        for effect in ("expose", "deny"):
            assert np.array_equal(ours.effect_miss(effect), theirs.effect_miss(effect))
