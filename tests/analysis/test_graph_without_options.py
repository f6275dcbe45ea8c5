"""The window's worker: the exposure pass's attack graph built without the catalog's
options (``analyze(..., attack_graph=True, graph_options=False)``) and handed to an attack
run that funds nothing gives the risks and attack figures of the plain way (the graph
with options, and a graph the engine builds for itself). A run that funds controls is
never served such a graph."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from workbench.analysis.attack.engine import analyze_attacks, prepare_runs
from workbench.analysis.catalog import Catalog, load_catalog
from workbench.analysis.pipeline import analyze
from workbench.model.io import load_model

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample-models").glob("*.twm.json"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from gen_synthetic import synthetic_model  # noqa: E402

MODELS = [(p.name, lambda p=p: load_model(p)) for p in SAMPLES] + [
    (f"synthetic-{n}-{seed}", lambda n=n, seed=seed: synthetic_model(n, seed=seed))
    for n, seed in ((300, 0), (300, 3))]
#: what the window's worker asks of the attack engine
WINDOW = dict(recommend=False, sensitivity=False, cuts=False)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(include_user_env=False)


@pytest.mark.parametrize(("name", "make"), MODELS, ids=[n for n, _ in MODELS])
def test_the_window_run_on_a_graph_without_options_is_the_plain_run(name, make, catalog):
    model = make()
    lean = analyze(model, catalog, attack_graph=True, graph_options=False)
    plain = analyze(model, catalog, attack_graph=True)
    assert lean.attack_graph.options is False and plain.attack_graph.options is True
    # the model's own planned controls only: no catalog candidate was made
    assert not any(c.startswith("catalog:") for c in lean.attack_graph.candidates)
    assert any(c.startswith("catalog:") for c in plain.attack_graph.candidates)
    assert lean.to_json() == plain.to_json()  # the risks and everything else
    runs = [analyze_attacks(lean.model, catalog, risks=lean.threats,
                            shared=lean.attack_graph, **WINDOW),
            analyze_attacks(plain.model, catalog, risks=plain.threats,
                            shared=plain.attack_graph, **WINDOW),
            analyze_attacks(plain.model, catalog, risks=plain.threats, **WINDOW)]
    one, two, three = (run.to_json() for run in runs)
    assert one == two == three
    assert one["attack_paths"] or not one["attack"]["targets"]  # paths compared, if any


def test_a_run_that_funds_builds_its_own_graph_rather_than_one_without_options(catalog):
    model = load_model(SAMPLES[0])
    lean = analyze(model, catalog, attack_graph=True, graph_options=False)
    shared = lean.attack_graph
    graph, _runs, _notes = prepare_runs(lean.model, catalog, risks=lean.threats,
                                        shared=shared, candidates={})
    assert graph is not shared.graph  # funding needs the options: not this graph
    graph, _runs, _notes = prepare_runs(lean.model, catalog, risks=lean.threats,
                                        shared=shared)
    assert graph is shared.graph  # nothing funded: reused
    funded = analyze_attacks(lean.model, catalog, risks=lean.threats, shared=shared,
                             sensitivity=False)
    plain = analyze_attacks(lean.model, catalog, risks=lean.threats, sensitivity=False)
    assert funded.to_json() == plain.to_json()
    assert funded.to_json()["recommendations"]  # the sample funds something: it compares
