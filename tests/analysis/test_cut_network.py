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


def _plain_closest_cut(edges: list[tuple[int, int]], s: int, t: int) -> list[tuple[int, int]]:
    """The minimum ``s``-``t`` cut of unit edges closest to ``s``, plainly: breadth-first
    augmenting paths (Edmonds-Karp) on a residual dict, then the distinct edges leaving
    what ``s`` still reaches, sorted."""
    pairs = sorted({(a, b) for a, b in edges if a != b})
    residual: dict[tuple[int, int], int] = {}
    around: dict[int, set[int]] = {}
    for a, b in pairs:
        residual[(a, b)] = residual.get((a, b), 0) + 1
        residual.setdefault((b, a), 0)
        around.setdefault(a, set()).add(b)
        around.setdefault(b, set()).add(a)

    def reach() -> dict[int, int | None]:
        parent: dict[int, int | None] = {s: None}
        queue = [s]
        for u in queue:
            for v in sorted(around.get(u, ())):
                if v not in parent and residual[(u, v)] > 0:
                    parent[v] = u
                    queue.append(v)
        return parent

    while True:
        parent = reach()
        if t not in parent:
            break
        v = t
        while parent[v] is not None:
            u = parent[v]
            residual[(u, v)] -= 1
            residual[(v, u)] += 1
            v = u
    return [(a, b) for a, b in pairs if a in parent and b not in parent]


@pytest.mark.parametrize("seed", range(200))
def test_max_flow_cut_is_the_plain_closest_cut(seed):
    """``unit_min_cut`` (augmenting paths a BFS level at a time, whichever arc into a
    node the level's scatter kept) is the plain closest cut, edge for edge, on random
    graphs with two-way edges, self-loops, repeated edges, several ways in and none."""
    from workbench.analysis.attack.cuts import unit_min_cut

    rng = random.Random(seed)
    n = rng.randint(2, 14)
    edges = [(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(0, 4 * n))]
    edges += [(0, v) for v in rng.sample(range(n), rng.randint(0, min(3, n)))]
    s, t = 0, n - 1
    if s == t:
        return
    assert unit_min_cut(edges, s, t) == _plain_closest_cut(edges, s, t), edges
