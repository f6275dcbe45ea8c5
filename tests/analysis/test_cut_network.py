"""Minimum step cuts on one residual network per attacker graph (``cuts.minimum_step_cut``)
against the plain per-target computation (``cuts.plain_minimum_step_cut``: the target's
relevant steps, their own network): the same cut for every target, on the samples, on
generated models and on random graphs with dead ends, cycles, self-loops, dead steps and
parallel routes."""

from __future__ import annotations

import random

import numpy as np
import pytest

from tests.analysis.test_fast_paths import MODELS
from workbench.analysis.attack.cuts import minimum_step_cut, plain_minimum_step_cut
from workbench.analysis.attack.engine import prepare_runs
from workbench.analysis.attack.graph import StepGraph


@pytest.mark.parametrize("name,model", MODELS[:8], ids=[m[0] for m in MODELS[:8]])
def test_cuts_of_a_models_attackers_are_the_plain_cuts(name, model):
    _, runs, _ = prepare_runs(model, samples=16)
    for run in runs:
        sg = run.graph
        for target in range(sg.n):
            assert minimum_step_cut(sg, target) == plain_minimum_step_cut(sg, target), target


def _random_graph(rng: random.Random, n: int) -> StepGraph:
    """``n - 1`` nodes and the attacker (node ``n - 1``), steps sorted by (src, dst)."""
    source = n - 1
    pairs = {(source, v) for v in rng.sample(range(n - 1), min(n - 1, rng.randint(1, 3)))}
    for _ in range(rng.randint(n, 3 * n)):
        u, v = rng.randrange(n - 1), rng.randrange(n - 1)
        pairs.add((u, v))  # self-loops and two-way steps included
    if rng.random() < 0.3:
        pairs.add((source, source))
    ordered = sorted(pairs)
    src = np.array([u for u, _ in ordered], dtype=np.int64)
    dst = np.array([v for _, v in ordered], dtype=np.int64)
    p = np.array([rng.choice([0.0, 0.3, 0.9]) if rng.random() < 0.3 else 0.5
                  for _ in ordered])
    return StepGraph([f"n{i}" for i in range(n - 1)] + ["SOURCE"], src, dst, p,
                     np.full(src.size, -1, dtype=np.int64))


def test_cuts_of_random_graphs_are_the_plain_cuts():
    rng = random.Random(17)
    sizes = 0
    for _ in range(300):
        sg = _random_graph(rng, rng.randint(2, 14))
        for target in range(sg.n):
            cut = minimum_step_cut(sg, target)
            assert cut == plain_minimum_step_cut(sg, target), (sg.src, sg.dst, sg.p, target)
            sizes += len(cut) > 1
    assert sizes > 100  # the flow itself was exercised, not only the single ways in


def test_a_graph_whose_chances_change_gets_a_new_network():
    rng = random.Random(3)
    sg = _random_graph(rng, 12)
    before = [minimum_step_cut(sg, t) for t in range(sg.n)]
    sg.el_p = sg.p = np.zeros_like(sg.p)  # every step dead
    assert all(minimum_step_cut(sg, t) == [] for t in range(sg.n))
    assert any(before)
