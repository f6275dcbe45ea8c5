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

from tests.analysis.test_fast_paths import _full_view
from workbench.analysis.attack.evidence import element_probability, evidence_from_risks
from workbench.analysis.attack.graph import _controls, build_graph
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
        plain = _full_view(graph, vectors)  # the engine graph: nothing chosen
        for attr in ("node_miss", "entry_miss", "flow_miss", "expose_miss", "deny_miss"):
            assert np.array_equal(getattr(view, attr), getattr(plain, attr)), (vectors, attr)


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
