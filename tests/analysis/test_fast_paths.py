"""The speed work changes no result: each fast path against the plain way, on every sample
and on generated hospital-group models.

* the rule engine (memo per distinct set of the facts its rules read) against evaluating
  every rule on every element's full facts;
* the ``threats`` rows of ``analyze --json`` (shared per threat type and risk value)
  against building each row on its own; the summary and ranking rows (one pass each)
  against counting and reading each property on its own;
* the whole ``analyze --json`` document against the same analysis without any memo.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

from workbench.analysis.catalog import Catalog, ThreatType, load_catalog
from workbench.analysis.pipeline import _threats_json, analyze, threat_json
from workbench.analysis.risk import assess_with_exposure
from workbench.analysis.rules import _applies, find_suggestions, merge_suggestions
from workbench.model import default_stencils
from workbench.model.facts import FactIndex
from workbench.model.io import load_model
from workbench.model.threat_model import ThreatModel

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_synthetic import synthetic_model  # noqa: E402

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(include_user_env=False)


def _models() -> list[tuple[str, ThreatModel]]:
    out = [(p.name, load_model(p)) for p in SAMPLES]
    out += [(f"synthetic-{n}-{seed}", synthetic_model(n, seed=seed))
            for n, seed in ((300, 0), (300, 1), (1000, 2))]
    return out


MODELS = _models()


def _plain_suggestions(model: ThreatModel, catalog: Catalog) -> list[tuple[str, str]]:
    """Every rule on every element's full facts: no memo, no key."""
    index = FactIndex(model, default_stencils())
    threats = list(catalog.threats.values())
    out = []
    for comp in model.components:
        facts = index.component(comp)
        out += [(t.id, comp.id) for t in threats if t.applies_to == "component"
                and _applies(t, facts, comp.layer.value, comp.stencil)]
    for flow in model.flows:
        facts = index.flow(flow)
        out += [(t.id, flow.id) for t in threats if t.applies_to == "flow"
                and _applies(t, facts, None, None)]
    return out


@pytest.mark.parametrize(("name", "model"), MODELS, ids=[n for n, _ in MODELS])
def test_rule_engine_matches_evaluating_every_rule_on_every_element(name, model, catalog):
    fast = [(s.threat.id, s.element_id) for s in find_suggestions(model, catalog)]
    assert fast == _plain_suggestions(model, catalog)
    assert fast  # the comparison is not between two empty lists


@pytest.mark.parametrize(("name", "model"), MODELS, ids=[n for n, _ in MODELS])
def test_fact_keys_tell_elements_apart_as_their_full_facts_do(name, model, catalog):
    """``FactIndex.key`` (a flow's in three parts, its ends' kept per component) groups
    elements exactly as the key of their full facts would: same key, same read facts."""
    from workbench.analysis.rules import condition_reads
    from workbench.model.facts import fact_key

    index = FactIndex(model, default_stencils())
    for kind, elements, full in (("component", model.components, index.component),
                                 ("flow", model.flows, index.flow)):
        reads = condition_reads(catalog, kind)
        fast = [index.key(e, reads) for e in elements]
        plain = [fact_key(full(e), reads) for e in elements]  # type: ignore[arg-type]
        assert _classes(fast) == _classes(plain)
        assert len(set(fast)) > 1  # some elements differ: the test can see a merge


def _classes(keys: list) -> list[int]:
    """Each key's number in order of first appearance: equal lists, same grouping."""
    number: dict = {}
    return [number.setdefault(k, len(number)) for k in keys]


def test_a_rule_that_reads_an_element_name_still_sees_it(catalog):
    """The memo key holds only the facts some rule reads: a user rule reading ``name``
    must put the name in the key, or the first pump's answer would serve every pump."""
    base = next(t for t in catalog.threats.values() if t.applies_to == "component")
    extra = copy.copy(catalog)
    extra.threats = dict(catalog.threats)
    named = ThreatType.model_validate({
        **base.model_dump(by_alias=True, exclude_none=True), "id": "user.named-pump",
        "layers": [], "stencils": [],
        "when": {"attr": "name", "op": "eq", "value": "h0-d7"}})
    extra.threats[named.id] = named
    vars(extra).pop("_rule_memo", None)
    model = synthetic_model(300)
    hits = [s.element_id for s in find_suggestions(model, extra)
            if s.threat.id == "user.named-pump"]
    assert hits == [c.id for c in model.components if c.name == "h0-d7"] != []


@pytest.mark.parametrize(("name", "model"), MODELS[:len(SAMPLES)] + MODELS[-1:],
                         ids=[n for n, _ in MODELS[:len(SAMPLES)] + MODELS[-1:]])
def test_threat_rows_match_rows_built_one_by_one(name, model, catalog):
    """Rows share their per-type and per-value parts: each row is still the row built on
    its own (nothing borrowed from another threat type or value), in the same key order."""
    result = analyze(model, catalog)
    rows = _threats_json(result.threats, catalog)
    alone = [threat_json(r, catalog) for r in result.threats]
    assert rows == alone and rows
    assert [list(r) for r in rows] == [list(r) for r in alone]
    assert {r["catalog_id"] for r in rows} == {r.instance.catalog_id for r in result.threats}


def _plain_group_row(group) -> dict:
    """A ``ranking`` row from the group's properties, each read on its own."""
    return {"catalog_id": group.catalog_id, "title": group.title, "count": group.count,
            "elements": group.elements, "worst": group.worst.key,
            "keys": [t.key for t in group.threats],
            "risk_inherent": group.inherent.to_json(),
            "risk_residual": group.current.to_json(),
            "risk_projected": group.projected.to_json(),
            "patient_safety": group.patient_safety, "reach": round(group.reach, 4),
            "direct_harm": group.direct_harm, "harm_distance": group.worst.harm_distance,
            "finding": group.finding,
            "patient_safety_threat": any(t.patient_safety for t in group.threats),
            "mass_harm": group.mass_harm}


@pytest.mark.parametrize(("name", "model"), MODELS[:len(SAMPLES)] + MODELS[-1:],
                         ids=[n for n, _ in MODELS[:len(SAMPLES)] + MODELS[-1:]])
def test_summary_and_ranking_rows_match_the_plain_counts(name, model, catalog):
    """The summary (one pass over the threats) is the per-count ``Counter`` of each list,
    keys in the same order; each ranking row (one pass over its copies) is the row read
    from the group's properties."""
    from collections import Counter

    from workbench.analysis.ranking import grouped_ranking

    result = analyze(model, catalog)
    counted, threats = result.counted(), result.threats
    plain = {
        "threats": len(threats), "counted": len(counted), "context": len(result.context()),
        "by_layer": dict(Counter(t.layer for t in counted)),
        "by_status": dict(Counter(t.instance.status.value for t in threats)),
        "inherent_levels": dict(Counter(t.inherent.level for t in counted)),
        "residual_levels": dict(Counter(t.current.level for t in counted)),
        "projected_levels": dict(Counter(t.projected.level for t in counted)),
        "patient_safety": sum(1 for t in counted if t.patient_safety)}
    summary = result.summary()
    assert summary == plain
    assert [list(v) if isinstance(v, dict) else k for k, v in summary.items()] == \
        [list(v) if isinstance(v, dict) else k for k, v in plain.items()]
    for context in (False, True):
        groups = grouped_ranking(result, context=context)
        rows = [g.to_json() for g in groups]
        assert rows == [_plain_group_row(g) for g in groups]
        assert all(list(r) == list(_plain_group_row(g)) for r, g in zip(rows, groups, strict=True))


@pytest.mark.parametrize(("name", "model"), MODELS[:2] + MODELS[-2:-1],
                         ids=[n for n, _ in MODELS[:2] + MODELS[-2:-1]])
def test_analysis_document_matches_the_unmemoised_analysis(name, model, catalog):
    """The memoised rules and risk scoring (kept between runs, as in the window) give the
    document of scoring every instance afresh."""
    fast = analyze(model, catalog).to_json()
    merged, _ = merge_suggestions(model, catalog)
    warnings: list[str] = []
    fresh = assess_with_exposure(merged, catalog, warnings=warnings, memo=False)
    assert fast["threats"] == [threat_json(r, catalog) for r in fresh]


def _plain_evidence(risks, levels, catalog):
    """Evidence built threat by threat, nothing shared (the code before the speed work)."""
    from workbench.analysis.attack.evidence import (
        Candidate,
        ThreatEvidence,
        cost_units,
        level_probability,
    )
    from workbench.analysis.catalog import effects_from_stride

    evidence, candidates = {}, {}
    for risk in risks:
        if not risk.counted:
            continue
        effects = (risk.threat_type.effects if risk.threat_type is not None
                   else effects_from_stride(risk.instance.stride))
        if not effects:
            continue
        inst = risk.instance
        # the step leaves out reach adjustments (internet exposure): step_likelihood
        base = risk.step_likelihood if risk.step_likelihood is not None \
            else risk.base_likelihood
        q = level_probability(base if base is not None else risk.likelihood, levels)
        in_place, options, present = 1.0, [], set()
        for ctl in risk.controls:
            if ctl.catalog_id:
                present.add(ctl.catalog_id)
            if ctl.reduces not in ("likelihood", "both"):
                continue
            if ctl.in_place:
                in_place *= 1.0 - ctl.effectiveness
            else:
                options.append((ctl.control, ctl.effectiveness))
                candidates.setdefault(ctl.control, Candidate(ctl.control, ctl.title, 0.0)
                                      ).elements.add(inst.element)
        for ctype in catalog.controls_for(inst.catalog_id):
            if ctype.id in present or ctype.reduces_effective not in ("likelihood", "both"):
                continue
            cid = f"catalog:{ctype.id}@{inst.element}"
            options.append((cid, ctype.effectiveness))
            candidates.setdefault(cid, Candidate(cid, f"{ctype.title} on {inst.element}",
                                                 cost_units(ctype.cost))
                                  ).elements.add(inst.element)
        evidence.setdefault(inst.element, []).append(
            ThreatEvidence(inst.key, q, in_place, tuple(options), frozenset(effects),
                           risk.threat_type.vector if risk.threat_type is not None else None))
    return evidence, candidates


@pytest.mark.parametrize(("name", "model"), MODELS[:len(SAMPLES)] + MODELS[-1:],
                         ids=[n for n, _ in MODELS[:len(SAMPLES)] + MODELS[-1:]])
def test_attack_evidence_matches_evidence_built_threat_by_threat(name, model, catalog):
    from workbench.analysis.attack.evidence import evidence_from_risks
    from workbench.analysis.risk import Scales

    result = analyze(model, catalog)
    levels = Scales.of(result.model).likelihood
    fast = evidence_from_risks(result.threats, levels, catalog)
    plain = _plain_evidence(result.threats, levels, catalog)
    assert fast[0] == plain[0] and fast[0]
    assert list(fast[1]) == list(plain[1])
    assert [(c.title, c.cost, c.elements) for c in fast[1].values()] == \
        [(c.title, c.cost, c.elements) for c in plain[1].values()]


def _graph_and_candidates(model, catalog):
    from workbench.analysis.attack.engine import prepare_runs

    candidates: dict = {}
    result = analyze(model, catalog)
    graph, _runs, _notes = prepare_runs(result.model, catalog, risks=result.threats,
                                        candidates=candidates)
    return graph, candidates


def _full_view(graph, vectors):
    """The attacker's view computed plainly, element by element, from the threats (the
    code before the speed work: no parent view, no memo, one maximum per question)."""
    from types import SimpleNamespace

    from workbench.analysis.attack.evidence import element_probability
    from workbench.analysis.attack.graph import _controls, _usable_miss, inner_vectors

    entry = frozenset(vectors)
    inner = inner_vectors(entry)
    chosen = frozenset(graph.chosen)  # the same controls; a set, or this test takes minutes
    out = SimpleNamespace(node_miss=graph.node_miss.copy(), flow_miss=graph.flow_miss.copy(),
                          entry_miss=graph.node_miss.copy(),
                          expose_miss=graph.effect_miss("expose").copy(),
                          deny_miss=graph.effect_miss("deny").copy())
    flow_index = {f: i for i, f in enumerate(graph.flows)}
    for element, fallback in graph.restrictable.items():
        threats = graph.evidence[element]
        controls = _controls(threats)
        if element in graph.index:
            i = graph.index[element]
            if inner is not None:
                out.expose_miss[i] = 1.0 - element_probability(threats, chosen, "expose", inner)
                out.deny_miss[i] = 1.0 - element_probability(threats, chosen, "deny", inner)
            if controls:
                out.node_miss[i] = _usable_miss(threats, chosen, inner, fallback)
                out.entry_miss[i] = _usable_miss(threats, chosen, entry, fallback)
        elif controls and element in flow_index:
            out.flow_miss[flow_index[element]] = _usable_miss(threats, chosen, inner, fallback)
    return out


@pytest.mark.parametrize(("name", "model"), MODELS[:len(SAMPLES)] + MODELS[-1:],
                         ids=[n for n, _ in MODELS[:len(SAMPLES)] + MODELS[-1:]])
def test_attacker_view_of_a_what_if_matches_the_view_computed_afresh(name, model, catalog):
    """A what-if copy's per-attacker view starts from its parent's view and recomputes
    only the elements it changed; it must equal the view computed from scratch, for every
    vector set, after one control and after several applied one after another."""
    import numpy as np

    graph, candidates = _graph_and_candidates(model, catalog)
    assert graph.restrictable and candidates
    ids = sorted(candidates)
    one = graph.with_controls(ids[:1], candidates[ids[0]].elements)
    chain = graph
    for cid in ids[::max(1, len(ids) // 12)]:
        chain = chain.with_controls([cid], candidates[cid].elements)
    everything = graph.with_controls(ids, {e for c in ids for e in candidates[c].elements})
    # Odd but allowed calls: controls named with no element given (the view still lowers
    # the elements they sit on), and elements given again with fewer controls.
    unplaced = graph.with_controls(ids[:8], ())
    fewer = everything.with_controls(ids[:1], {e for c in ids for e in candidates[c].elements})
    for what_if in (one, chain, everything, unplaced, fewer):
        for vectors in (["network"], ["adjacent"], ["physical"], ["local", "network"],
                        ["physical", "local"]):
            fast, plain = what_if.for_vectors(vectors), _full_view(what_if, vectors)
            assert fast is not what_if  # a real view, not the graph itself
            for attr in ("node_miss", "entry_miss", "flow_miss", "expose_miss",
                         "deny_miss"):
                assert np.array_equal(getattr(fast, attr), getattr(plain, attr)), attr
    # The memo of per-element chances (warm from the copies above) gives each touched
    # element's chances as computed plainly from its threats.
    from workbench.analysis.attack.evidence import element_probability

    for cids, elements in ((ids[:1], candidates[ids[0]].elements),
                           (ids, {e for c in ids for e in candidates[c].elements})):
        warm = graph.with_controls(cids, elements)
        for element in elements:
            threats = graph.evidence.get(element)
            if not threats or element not in graph.index:
                continue
            i = graph.index[element]
            assert warm.expose_miss[i] == 1.0 - element_probability(threats, cids, "expose")
            assert warm.deny_miss[i] == 1.0 - element_probability(threats, cids, "deny")
            if any("control" in t.effects for t in threats):
                assert warm.node_miss[i] == 1.0 - element_probability(threats, cids)
    changed = everything.for_vectors(["network"]).node_miss
    assert not np.array_equal(changed, graph.for_vectors(["network"]).node_miss)


def test_a_long_chain_of_what_ifs_still_has_a_view(catalog):
    """The plan applies a large set of controls a few dozen elements at a time: a view of
    the 1,500th copy must not recurse through every copy before it (it did, and a
    10,000-element analysis stopped with RecursionError)."""
    import numpy as np

    graph, candidates = _graph_and_candidates(MODELS[0][1], catalog)
    ids = sorted(candidates)
    chain = graph
    for k in range(1500):
        cid = ids[k % len(ids)]
        chain = chain.with_controls([cid], candidates[cid].elements)
    fast = chain.for_vectors(["network"])
    assert np.array_equal(fast.node_miss, _full_view(chain, ["network"]).node_miss)


SHARED_MODELS = MODELS[:len(SAMPLES)] + MODELS[len(SAMPLES):len(SAMPLES) + 1]


@pytest.mark.parametrize(("name", "model"), SHARED_MODELS, ids=[n for n, _ in SHARED_MODELS])
def test_the_exposure_graph_handed_to_the_engine_is_the_graph_it_would_build(
        name, model, catalog):
    """The engine reuses the exposure pass's graph (built from the base risks) instead of
    building one from the final risks: same evidence, candidates and attack figures."""
    from workbench.analysis.attack.engine import analyze_attacks
    from workbench.analysis.attack.evidence import evidence_from_risks
    from workbench.analysis.risk import Scales

    result = analyze(model, catalog, attack_graph=True)
    shared = result.attack_graph
    assert shared is not None and shared.risks is result.threats
    levels = Scales.of(result.model).likelihood
    evidence, candidates = evidence_from_risks(result.threats, levels, catalog)
    assert shared.evidence == evidence and evidence
    assert [(c.id, c.title, c.cost, c.elements) for c in shared.candidates.values()] == \
        [(c.id, c.title, c.cost, c.elements) for c in candidates.values()]
    reused = analyze_attacks(result.model, catalog, risks=result.threats, shared=shared)
    built = analyze_attacks(result.model, catalog, risks=result.threats)
    one, two = reused.to_json(), built.to_json()
    assert one == two and one["recommendations"] == two["recommendations"]


def test_the_engine_ignores_a_shared_graph_built_for_other_risks(catalog):
    """A shared graph goes with one list of risks: handed other risks, the engine builds
    its own (a model edited between the two stages must not be served a stale graph)."""
    from workbench.analysis.attack.engine import prepare_runs

    model = load_model(SAMPLES[0])
    result = analyze(model, catalog, attack_graph=True)
    other = list(result.threats)
    graph, _runs, _notes = prepare_runs(result.model, catalog, risks=other,
                                        shared=result.attack_graph)
    assert graph is not result.attack_graph.graph
    graph, _runs, _notes = prepare_runs(result.model, catalog, risks=result.threats,
                                        shared=result.attack_graph)
    assert graph is result.attack_graph.graph


@pytest.mark.parametrize(("name", "model"), SHARED_MODELS, ids=[n for n, _ in SHARED_MODELS])
def test_the_lean_pass_before_exposure_gives_the_evidence_of_full_risks(name, model, catalog):
    """The pass before exposure keeps only what the attack graph reads (``StepRisk``):
    the same evidence and candidates as full risks scored afresh."""
    from workbench.analysis.attack.evidence import evidence_from_risks
    from workbench.analysis.risk import Scales, assess
    from workbench.analysis.risk_memo import assess_memoised

    merged, _ = merge_suggestions(model, catalog)
    index = FactIndex(merged, default_stencils())
    scales = Scales.of(merged)
    full = assess(merged, catalog, memo=False)
    lean = assess_memoised(merged, catalog, index, scales, None, lean=True)
    assert [r.key for r in lean] == [r.key for r in full]
    one = evidence_from_risks(lean, scales.likelihood, catalog)
    two = evidence_from_risks(full, scales.likelihood, catalog)
    assert one[0] == two[0] and one[0]
    assert [(c.id, c.title, c.cost, c.elements) for c in one[1].values()] == \
        [(c.id, c.title, c.cost, c.elements) for c in two[1].values()]


def test_the_risk_pass_shares_the_rules_facts_only_for_the_same_elements(catalog):
    """The merge's copy (new threats, same elements) reads the facts the rules computed;
    a copy whose components changed gets facts of its own, equal to a fresh index's."""
    model = load_model(SAMPLES[0])
    facts = FactIndex(model, default_stencils())
    merged, _ = merge_suggestions(model, catalog, index=facts)
    shared = facts.sharing(merged)
    assert shared.model is merged and shared._cache is facts._cache and facts._cache
    fresh = FactIndex(merged, default_stencils())
    assert [shared.component(c) for c in merged.components] == \
        [fresh.component(c) for c in merged.components]
    assert [shared.flow(f) for f in merged.flows] == [fresh.flow(f) for f in merged.flows]
    first = model.components[0]
    edited = merged.model_copy(update={"components": [
        first.model_copy(update={"name": "renamed"}), *merged.components[1:]]})
    other = facts.sharing(edited)
    assert other._cache is not facts._cache
    assert other.component(edited.components[0])["name"] == "renamed"


def test_catalog_candidates_share_their_element_set_and_a_clashing_id_still_adds():
    """A catalog candidate's elements are one frozenset per element, shared (equal to the
    set each had); a model control whose id is a catalog candidate's still gets the other
    element added, as with a set of its own."""
    from workbench.analysis.attack.evidence import Candidate, _add_element

    cand = Candidate("catalog:x@e1", "t", 1.0, frozenset({"e1"}))
    _add_element(cand, "e1")
    assert cand.elements == {"e1"} and isinstance(cand.elements, frozenset)
    _add_element(cand, "e2")
    assert cand.elements == {"e1", "e2"}


def test_evidence_and_candidates_are_slotted_and_still_compare_by_fields():
    """Over a hundred thousand of each at 10,000 elements: no ``__dict__`` each (memory),
    equal by their fields as before; fleets and bundles (subclasses) still take their own
    fields."""
    import pickle

    from workbench.analysis.attack.evidence import Candidate, ThreatEvidence
    from workbench.analysis.attack.recommend import FleetCandidate

    t = ThreatEvidence("k", 0.5, 0.9, (("c", 0.3),), frozenset({"control"}), "network")
    assert not hasattr(t, "__dict__")
    assert t == ThreatEvidence("k", 0.5, 0.9, (("c", 0.3),), frozenset({"control"}), "network")
    assert pickle.loads(pickle.dumps(t)) == t and hash(t) == hash(pickle.loads(pickle.dumps(t)))
    with pytest.raises(AttributeError):
        t.probability = 1.0  # type: ignore[misc]
    c = Candidate("catalog:x@e", "x on e", 2.0, frozenset({"e"}), "prevent")
    assert not hasattr(c, "__dict__") and c == Candidate("catalog:x@e", "x on e", 2.0,
                                                         frozenset({"e"}), "prevent")
    c.cost = 3.0  # the engine puts the model's costs on them
    fleet = FleetCandidate("fleet:x", "x", 1.0, {"a", "b"}, "prevent", ("m",), "x")
    assert fleet.members == ("m",) and fleet.elements == {"a", "b"}


def _shuffled(model: ThreatModel, seed: int) -> ThreatModel:
    """``model`` with properties, zones, flows' security and data assets redrawn at random
    (valid values only), so that shapes meet in ways the generator's models never do."""
    import random

    from workbench.model.enums import Authentication, FlowAuthentication, PatchStatus

    rng = random.Random(seed)
    out = model.model_copy(deep=True)
    zones = [None, *(z.id for z in out.zones)]
    assets = [a.id for a in out.data_assets]
    ids = [c.id for c in out.components]
    for comp in out.components:
        p = comp.properties
        p.internet_exposed = rng.random() < 0.3
        p.legacy = rng.random() < 0.3
        p.patch_status = rng.choice(list(PatchStatus))
        p.authentication = rng.choice([None, *Authentication])
        p.wireless_interfaces = rng.sample(["BLE", "Wi-Fi", "LTE"], rng.randrange(3))
        p.open_services = rng.sample(["ssh", "telnet"], rng.randrange(3))
        p.data_assets = rng.sample(assets, min(len(assets), rng.randrange(3)))
        p.flat_network = rng.random() < 0.1
        comp.zone = rng.choice(zones)
    for flow in out.flows:
        flow.encrypted = rng.random() < 0.5
        flow.authentication = rng.choice(list(FlowAuthentication))
        flow.signed = rng.choice([None, True, False])
        flow.bidirectional = rng.random() < 0.3
        flow.data_assets = rng.sample(assets, min(len(assets), rng.randrange(3)))
        flow.via = rng.sample(ids, rng.randrange(3))
        flow.protocol = rng.choice([None, "HTTPS", "BLE", "MQTT", "Wi-Fi"])
    return out


@pytest.mark.parametrize(("name", "model"),
                         MODELS + [(f"{n}-shuffled", _shuffled(m, i))
                                   for i, (n, m) in enumerate(MODELS[:len(SAMPLES) + 1])],
                         ids=[n for n, _ in MODELS] + [f"{n}-shuffled"
                                                       for n, _ in MODELS[:len(SAMPLES) + 1]])
def test_fact_keys_per_shape_are_the_keys_of_the_full_facts(name, model, catalog):
    """A component's key is taken per shape (its own facts once per stencil, layer, zone
    and properties read; the flow counts per component), a flow's own part per flow
    shape: both equal the key of the full facts, for the catalog's reads and for every
    fact of the vocabulary (a fact the shape forgot would show here). Worked out one by
    one (``key``) or all at once (``keys``, the rules' way), from a fresh index or one
    that knows some keys already: the same keys."""
    from workbench.analysis.rules import condition_reads
    from workbench.model.facts import COMPONENT_VOCABULARY, FLOW_VOCABULARY, fact_key

    plain = FactIndex(model, default_stencils())
    for reads in (condition_reads(catalog, "component"),
                  (*sorted(COMPONENT_VOCABULARY), "not-a-fact"), ("zone.kind",), ()):
        expected = [fact_key(plain.component(c), reads) for c in model.components]
        for index in _indexes(model, model.components, reads):
            assert [index.key(c, reads) for c in model.components] == expected
        for index in _indexes(model, model.components, reads):
            assert index.keys(model.components, reads) == expected
    for reads in (condition_reads(catalog, "flow"), (*sorted(FLOW_VOCABULARY), "nope")):
        own = tuple(a for a in reads if not a.startswith(("source.", "target.")))
        full = [fact_key(plain.flow(f), reads) for f in model.flows]
        ways = [[index.key(f, reads) for f in model.flows]
                for index in _indexes(model, model.flows, reads)]
        ways += [index.keys(model.flows, reads) for index in _indexes(model, model.flows, reads)]
        for fast in ways:
            assert [key[0] for key in fast] == [fact_key(plain._flow_own(f), own)
                                                for f in model.flows]
            assert _classes(fast) == _classes(full)
            assert fast == ways[0]


def _indexes(model: ThreatModel, elements: list, reads: tuple[str, ...]) -> list[FactIndex]:
    """A fresh index of ``model``, and one that already knows the keys of every third of
    ``elements`` (and so of their ends, for flows) for ``reads``."""
    fresh, some = (FactIndex(model, default_stencils()) for _ in range(2))
    for element in elements[::3]:
        some.key(element, reads)
    return [fresh, some]


def _plain_neighbourhood(index: FactIndex, model: ThreatModel, cid: str) -> dict:
    """A component's flow counts, flow by flow around it (no table)."""
    from workbench.model.facts import _carries_software

    flat = {c.id for c in model.components if c.properties.flat_network}
    touching = [f for f in model.flows if cid in (f.source, f.target)]
    carried = [f for f in model.flows if cid in f.via]
    inbound = [f.target == cid or f.bidirectional for f in touching]
    return {
        "flows.in": sum(inbound),
        "flows.out": sum(f.source == cid or f.bidirectional for f in touching),
        "flows.unencrypted": sum(not f.encrypted for f in touching),
        "flows.unauthenticated": sum(not f.authenticated for f in touching),
        "flows.unauthenticated_in": sum(i and not f.authenticated
                                        for f, i in zip(touching, inbound, strict=True)),
        "flows.weakly_authenticated": sum(f.authentication.value == "weak" for f in touching),
        "flows.unsigned_software_in": sum(
            i and f.signed is not True and _carries_software(f, index.assets)
            for f, i in zip(touching, inbound, strict=True)),
        "on_flat_network": cid in flat or any(v in flat for f in touching for v in f.via),
        "flows.carried": len(carried),
        "flows.carried_unencrypted": sum(not f.encrypted for f in carried),
        "flows.carried_unauthenticated": sum(not f.authenticated for f in carried),
    }


def _with_odd_flows(model: ThreatModel) -> ThreatModel:
    """``model`` plus a flow into itself (counted once at its end), a flow going through
    one of its own ends, and a flow naming a network twice."""
    from workbench.model import Flow

    out = model.model_copy(deep=True)
    a, b, net = (c.id for c in out.components[:3])
    out.flows += [
        Flow.model_construct(id="odd-self", source=a, target=a, via=[net], bidirectional=True,
                             encrypted=False, data_assets=[], signed=None),
        Flow.model_construct(id="odd-via-end", source=a, target=b, via=[b, net, net],
                             encrypted=True, data_assets=[], signed=False),
    ]
    return out


NEIGHBOURHOOD_MODELS = [*MODELS[:len(SAMPLES)], MODELS[-1],
                        ("ward-shuffled", _shuffled(MODELS[3][1], 7)),
                        ("synthetic-shuffled", _shuffled(MODELS[-1][1], 8)),
                        ("odd-flows", _with_odd_flows(_shuffled(MODELS[0][1], 9)))]


@pytest.mark.parametrize(("name", "model"), NEIGHBOURHOOD_MODELS,
                         ids=[n for n, _ in NEIGHBOURHOOD_MODELS])
def test_flow_counts_from_the_one_pass_table_are_the_plain_counts(name, model):
    """Every component's ``flows.*``, ``on_flat_network`` and ``flows.carried*`` facts,
    taken from the table filled in one pass over the flows, are the counts over the flows
    around it."""
    index = FactIndex(model, default_stencils())
    checked = 0
    for comp in model.components:
        facts = index.component(comp)
        plain = _plain_neighbourhood(index, model, comp.id)
        assert {k: facts[k] for k in plain} == plain, comp.id
        assert [type(facts[k]) for k in plain] == [type(v) for v in plain.values()]
        checked += plain["flows.in"] > 0 or plain["flows.carried"] > 0
    assert checked
