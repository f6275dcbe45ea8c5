"""Invariants a reviewer can check on every attack result, property-tested.

On random models (hypothesis), on the same models after an export/import round trip through
the OTM importer, and on every sample model: every listed path is simple, begins at an entry
element of its attacker, ends at its target, each step is a step of the attack graph, its
probability is the product of its steps and never above the target's probability; every
reported cut is non-empty, drives the target to 0 once applied and is minimum in number of
steps (brute force over smaller step sets on small graphs).
"""

from __future__ import annotations

import itertools
import math
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.analysis.attack import analyze_attacks
from workbench.analysis.attack.attackers import attacker_profiles, resolve_entries
from workbench.analysis.attack.cuts import blocked, minimum_step_cut, relevant_steps
from workbench.analysis.attack.engine import prepare_runs
from workbench.analysis.attack.graph import build_graph
from workbench.analysis.attack.probability import _reach_set
from workbench.model import (
    Component,
    ComponentProperties,
    Flow,
    Metadata,
    ThreatModel,
    load_model,
)
from workbench.model.enums import Authentication, Layer
from workbench.model.stencils import default_stencils

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))

STENCILS = [("insulin-pump", Layer.THING), ("cardiac-implant", Layer.THING),
            ("smartphone", Layer.THING), ("cgm-sensor", Layer.THING),
            ("clinical-workstation", Layer.THING), ("home-transmitter", Layer.GATEWAY),
            ("biomedical-gateway", Layer.GATEWAY), ("vendor-device-cloud", Layer.CLOUD),
            ("ehr", Layer.CLOUD), ("firmware-update-server", Layer.CLOUD),
            ("ble", Layer.NETWORK), ("implant-rf", Layer.NETWORK),
            ("hospital-lan", Layer.NETWORK), ("public-internet", Layer.NETWORK)]


def random_model(seed: int, n: int, flows: int) -> ThreatModel:
    """A small connected-health model: devices, gateways, clouds and networks, flows with
    and without carriers, cycles and several attackers' entries."""
    rnd = random.Random(seed)
    comps = []
    for i in range(n):
        stencil, layer = rnd.choice(STENCILS)
        props = ComponentProperties(
            internet_exposed=rnd.random() < 0.25,
            wireless_interfaces=["BLE"] if rnd.random() < 0.3 else [],
            authentication=rnd.choice(list(Authentication)),
            safety_critical_function="therapy" if rnd.random() < 0.2 else None,
            user_installable_apps=rnd.random() < 0.15)
        comps.append(Component(id=f"c{i}", name=f"c{i}", stencil=stencil, layer=layer,
                               properties=props))
    nets = [c.id for c in comps if c.layer == Layer.NETWORK]
    out = []
    for k in range(flows):
        a, b = rnd.sample(range(n), 2)
        via = rnd.sample(nets, min(len(nets), rnd.choice([0, 0, 1, 2])))
        via = [v for v in via if v not in (f"c{a}", f"c{b}")]
        out.append(Flow(id=f"f{k}", source=f"c{a}", target=f"c{b}", via=via,
                        bidirectional=rnd.random() < 0.4, encrypted=rnd.random() < 0.5,
                        authenticated=rnd.random() < 0.5))
    return ThreatModel(metadata=Metadata(title=f"random {seed}"), components=comps, flows=out)


def check_invariants(model: ThreatModel, result, worlds_slack: float = 4.0) -> int:
    """Assert the invariants on one result; returns the number of paths checked."""
    graph = build_graph(model)
    steps = set(zip(graph.raw_src.tolist(), graph.raw_dst.tolist(), strict=True))
    profiles = {a.id: a for a in attacker_profiles(model)}
    entries = resolve_entries(model, list(profiles.values()), default_stencils())
    by_target = {r["target"]: r for r in result.target_results}
    worlds = max(1, result.settings["samples"])
    for p in result.attack_paths:
        path = p["path"]
        assert path, p
        assert len(set(path)) == len(path), f"path visits an element twice: {path}"
        assert path[0] in entries[p["attacker"]], f"{path} does not start at an entry"
        assert path[0] == p["entry"]
        assert p["on_target"] == (len(path) == 1)
        assert path[-1] == p["element"]
        for a, b in zip(path, path[1:], strict=False):
            assert (graph.index[a], graph.index[b]) in steps, f"{a} -> {b} is no step"
        assert [s["to"] for s in p["steps"]] == path
        assert p["steps"][0]["from"] is None
        assert all(s["p"] > 0 for s in p["steps"])
        assert p["probability"] == pytest.approx(math.prod(s["p"] for s in p["steps"]),
                                                 rel=1e-9, abs=1e-15)
        reach = by_target[p["target"]]["by_attacker"][p["attacker"]]
        slack = worlds_slack * math.sqrt(max(reach * (1 - reach), 1e-4) / worlds) + 1e-6
        assert p["probability"] <= reach + slack, (p, reach)
    for cut in result.edge_cuts:
        assert cut["cut"] and cut["steps"] == len(cut["cut"])
        assert cut["probability_after"] == 0.0
    return len(result.attack_paths)


def check_cuts_minimum(model: ThreatModel, max_steps: int = 12) -> int:
    """Every attacker/target cut is minimum: no smaller set of relevant steps disconnects."""
    graph, runs, _ = prepare_runs(model, samples=64)
    checked = 0
    for run in runs:
        sg = run.graph
        for target in range(sg.size):
            steps = relevant_steps(sg, target)
            cut = minimum_step_cut(sg, target)
            if steps.size == 0:
                assert cut == []
                continue
            assert cut, "a reachable target always has a non-empty cut"
            p = blocked(sg, cut)
            sol = run.solver.solve(p, samples=64, seed=0, exact_for=[target])
            assert sol.probability[target] == 0.0
            if steps.size > max_steps:
                continue
            pairs = list(zip(sg.el_src[steps].tolist(), sg.el_dst[steps].tolist(),
                             strict=True))
            for smaller in itertools.combinations(pairs, len(cut) - 1):
                keep = np.array([(a, b) not in smaller for a, b in pairs])
                s, d = np.array([a for a, _ in pairs]), np.array([b for _, b in pairs])
                seen = _reach_set(sg.n, s[keep], d[keep], sg.source)
                assert seen[target], f"{smaller} also cuts: {cut} is not minimum"
            checked += 1
    return checked


SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.integers(0, 10**9), st.integers(3, 9), st.integers(2, 12))
def test_invariants_on_random_models(seed, n, flows):
    model = random_model(seed, n, flows)
    result = analyze_attacks(model, samples=2048, top_k=4, recommend=False,
                             sensitivity=True, budget_seconds=0.5)
    check_invariants(model, result)


@SETTINGS
@given(st.integers(0, 10**9), st.integers(3, 7), st.integers(2, 9))
def test_cuts_are_minimum_on_random_models(seed, n, flows):
    check_cuts_minimum(random_model(seed, n, flows))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**9), st.integers(3, 8), st.integers(2, 10))
def test_invariants_on_importer_output(seed, n, flows):
    """The same random models exported to OTM and read back by the importer."""
    from workbench.interop.otm import model_to_otm, otm_to_model

    imported = otm_to_model(model_to_otm(random_model(seed, n, flows)), "random.otm.json").model
    result = analyze_attacks(imported, samples=2048, recommend=False, sensitivity=False)
    check_invariants(imported, result)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_invariants_on_sample_models(path):
    from workbench.analysis.pipeline import analyze

    analysed = analyze(load_model(path))
    result = analyze_attacks(analysed.model, analysed.catalog, risks=analysed.threats,
                             samples=4096, recommend=False, sensitivity=False)
    assert check_invariants(analysed.model, result) > 0
    assert result.edge_cuts or not result.attack_paths


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**9), st.integers(3, 12), st.floats(0.1, 0.6))
def test_unit_min_cut_matches_networkx(seed, n, density):
    """The augmenting-path cut has the size of networkx's minimum cut and does cut."""
    import networkx as nx

    from workbench.analysis.attack.cuts import unit_min_cut

    rnd = random.Random(seed)
    edges = [(a, b) for a in range(n) for b in range(n) if a != b and rnd.random() < density]
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges, capacity=1.0)
    value, _ = nx.minimum_cut(g, 0, n - 1)
    cut = unit_min_cut(edges, 0, n - 1)
    assert len(cut) == value
    h = g.copy()
    h.remove_edges_from(cut)
    assert not nx.has_path(h, 0, n - 1)
