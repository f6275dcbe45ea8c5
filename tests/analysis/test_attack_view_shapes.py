"""The engine graph's per-attacker views and ``build_graph``'s one-pass chances.

``AttackGraph.for_vectors`` on the engine's graph (no candidate chosen) works chances out
once per element state (``element_states``); checked here against the view computed
element by element from every threat. ``build_graph`` takes each element's chances in one
pass over its threats (``_plain_chances``), checked against the three
``element_probability`` maxima.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from workbench.analysis.attack.evidence import element_probability, evidence_from_risks
from workbench.analysis.attack.graph import (
    AttackGraph,
    _controls,
    _usable_miss,
    build_graph,
    inner_vectors,
)
from workbench.analysis.catalog import Catalog, load_catalog
from workbench.analysis.pipeline import analyze
from workbench.analysis.risk import Scales
from workbench.model.io import load_model

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_synthetic import synthetic_model  # noqa: E402

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))
MODELS = [(p.name, lambda p=p: load_model(p)) for p in SAMPLES] + [
    ("synthetic-300", lambda: synthetic_model(300, seed=4))]
VECTORS = (["network"], ["adjacent"], ["physical"], ["local", "network"],
           ["physical", "local"])


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(include_user_env=False)


def _plain_view(graph: AttackGraph, vectors: list[str]) -> dict[str, np.ndarray]:
    """The attacker's view computed element by element from the threats."""
    entry = frozenset(vectors)
    inner = inner_vectors(entry)
    out = {"node_miss": graph.node_miss.copy(), "flow_miss": graph.flow_miss.copy(),
           "entry_miss": graph.node_miss.copy(),
           "expose_miss": graph.effect_miss("expose").copy(),
           "deny_miss": graph.effect_miss("deny").copy()}
    flow_index = {f: i for i, f in enumerate(graph.flows)}
    for element, fallback in graph.restrictable.items():
        threats = graph.evidence[element]
        controls = _controls(threats)
        if element in graph.index:
            i = graph.index[element]
            if inner is not None:
                out["expose_miss"][i] = 1.0 - element_probability(threats, (), "expose", inner)
                out["deny_miss"][i] = 1.0 - element_probability(threats, (), "deny", inner)
            if controls:
                out["node_miss"][i] = _usable_miss(threats, (), inner, fallback)
                out["entry_miss"][i] = _usable_miss(threats, (), entry, fallback)
        elif controls and element in flow_index:
            out["flow_miss"][flow_index[element]] = _usable_miss(threats, (), inner, fallback)
    return out


@pytest.mark.parametrize(("name", "make"), MODELS, ids=[n for n, _ in MODELS])
def test_the_engine_graphs_views_are_the_views_element_by_element(
        name, make, catalog):
    result = analyze(make(), catalog)
    evidence, _ = evidence_from_risks(result.threats, Scales.of(result.model).likelihood,
                                      catalog)
    graph = build_graph(result.model, evidence)
    assert graph.restrictable
    for vectors in VECTORS:
        view = graph.for_vectors(vectors)
        assert view is not graph
        for attr, want in _plain_view(graph, vectors).items():
            got = view.entry_miss if attr == "entry_miss" else getattr(view, attr)
            assert np.array_equal(got, want), (vectors, attr)


@pytest.mark.parametrize(("name", "make"), MODELS, ids=[n for n, _ in MODELS])
def test_the_graphs_one_pass_chances_are_the_three_maxima(name, make, catalog):
    """``build_graph``'s per-element chances (one pass over the threats) equal the three
    ``element_probability`` maxima and the vector test."""
    from workbench.analysis.attack.graph import _RESTRICTABLE, _plain_chances

    result = analyze(make(), catalog)
    evidence, _ = evidence_from_risks(result.threats, Scales.of(result.model).likelihood,
                                      catalog)
    assert evidence
    for threats in evidence.values():
        limited, expose, deny, control = _plain_chances(threats)
        assert limited == any(t.vector in _RESTRICTABLE for t in threats)
        assert expose == 1.0 - element_probability(threats, (), "expose")
        assert deny == 1.0 - element_probability(threats, (), "deny")
        assert control == (1.0 - element_probability(threats) if _controls(threats)
                           else None)
