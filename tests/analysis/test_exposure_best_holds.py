"""Exposure's best way in per node (``exposure.best_holds``: all edges relaxed round after
round with numpy) against the plain best-first search it replaces
(``best_holds_by_heap``): the same floats, bit for bit, on the samples' attackers and on
random step graphs with cycles, certain and blocked steps, unreachable nodes, NaN chances
and chains longer than the relaxation's rounds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from workbench.analysis.attack import exposure
from workbench.analysis.attack.attackers import attacker_profiles, kept_entries
from workbench.analysis.attack.evidence import evidence_from_risks
from workbench.analysis.attack.graph import SOURCE, StepGraph, build_graph, step_graph
from workbench.analysis.catalog import load_catalog
from workbench.analysis.risk import Scales, assess
from workbench.model import load_model
from workbench.model.stencils import default_stencils

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))


def _same(sg: StepGraph) -> None:
    fast, plain = exposure.best_holds(sg), exposure.best_holds_by_heap(sg)
    assert fast.dtype == plain.dtype and fast.tolist() == plain.tolist()


def _random(rng: np.random.Generator, n: int, chances) -> StepGraph:
    edges = [(f"n{i}", f"n{j}", float(rng.choice(chances)))
             for i in range(n) for j in range(n) if i != j and rng.random() < 2.5 / n]
    edges += [(SOURCE, f"n{i}", float(rng.choice(chances)))
              for i in rng.choice(n, max(1, n // 8), replace=False)]
    return StepGraph.from_edges(edges, SOURCE)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_best_holds_on_the_samples_attackers_are_the_heap_searchs(path):
    model = load_model(path)
    catalog = load_catalog(include_user_env=False)
    base = assess(model, catalog, memo=False)
    evidence, _ = evidence_from_risks(base, Scales.of(model).likelihood, catalog)
    stencils = default_stencils()
    graph = build_graph(model, evidence, stencils)
    profiles = attacker_profiles(model)
    entries = kept_entries(graph, model, profiles, stencils)
    seen = 0
    for profile in profiles:
        idx = [graph.index[e] for e in entries.get(profile.id, []) if e in graph.index]
        if idx:
            _same(step_graph(graph.for_vectors(profile.vectors), idx, profile.capability))
            seen += 1
    assert seen


@pytest.mark.parametrize("seed", range(20))
def test_best_holds_on_random_step_graphs_are_the_heap_searchs(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    chances = [0.0, 1.0, 0.5, 0.999, 1e-300, float(np.nextafter(1.0, 0.0)),
               *rng.random(6).tolist()]
    if seed % 4 == 3:
        chances.append(float("nan"))
    sg = _random(rng, int(rng.integers(2, 120)), chances)
    called = []
    heap = exposure.best_holds_by_heap
    monkeypatch.setattr(exposure, "best_holds_by_heap", lambda g: called.append(1) or heap(g))
    fast = exposure.best_holds(sg)
    assert not called  # short ways in: the relaxation's own values
    assert fast.tolist() == heap(sg).tolist()
    monkeypatch.setattr(exposure, "RELAX_ROUNDS", 1)  # the heap search takes over
    _same(sg)


def test_a_chain_longer_than_the_rounds_is_left_to_the_heap_search(monkeypatch):
    n = exposure.RELAX_ROUNDS * 2
    edges = [(SOURCE, "n0", 0.9)] + [(f"n{i}", f"n{i + 1}", 0.99) for i in range(n)]
    edges += [(f"n{i + 1}", f"n{i}", 1.0) for i in range(n)]
    sg = StepGraph.from_edges(edges, SOURCE)
    called = []
    heap = exposure.best_holds_by_heap
    monkeypatch.setattr(exposure, "best_holds_by_heap", lambda g: called.append(1) or heap(g))
    fast = exposure.best_holds(sg)
    assert called and fast.tolist() == heap(sg).tolist()
    assert 0 < fast[sg.n - 2] < fast[0] < 1


def test_an_attacker_with_no_step_holds_only_itself():
    sg = StepGraph.from_edges([], SOURCE)
    assert exposure.best_holds(sg).tolist() == [1.0]
