"""One random fact per element and per flow: the engine against a brute-force oracle.

The oracle knows nothing of attempt nodes, peeling or merged edges: it enumerates every
world of the element variables (the element's own weakness works) and flow variables (the
flow's weakness works), and an element is reached when the attacker holds an in-neighbour
``u`` and, for some step ``u -> v`` over flow ``f``, ``X_v or Y_f`` (an entry: ``X_v``).
"""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from workbench.analysis.attack.graph import AttackGraph, step_graph
from workbench.analysis.attack.probability import Solver
from workbench.analysis.attack.ttc import sample_days


def random_graph(rnd: random.Random, n: int, flows: int, entries: int,
                 flowless: int = 2) -> tuple[AttackGraph, list[int]]:
    """Elements 0..n-1, ``flows`` directed flows (each its own fact, parallel ones allowed)
    plus ``flowless`` steps with no flow weakness (segment joins), cycles included."""
    src, dst, via = [], [], []
    for f in range(flows):
        u, v = rnd.sample(range(n), 2)
        src.append(u), dst.append(v), via.append(f)
    for _ in range(flowless):
        u, v = rnd.sample(range(n), 2)
        src.append(u), dst.append(v), via.append(-1)
    node_miss = np.array([rnd.choice([0.0, 0.3, 0.6, 0.9, 1.0]) for _ in range(n)])
    flow_miss = np.array([rnd.choice([0.5, 0.8, 1.0]) for _ in range(flows)])
    nodes = [f"n{i}" for i in range(n)]
    graph = AttackGraph(nodes, {x: i for i, x in enumerate(nodes)}, ["thing"] * n,
                        [f"f{i}" for i in range(flows)], np.array(src, dtype=np.int64),
                        np.array(dst, dtype=np.int64), np.array(via, dtype=np.int64),
                        node_miss, flow_miss)
    return graph, rnd.sample(range(n), entries)


def oracle(graph: AttackGraph, entries: list[int], capability: float = 0.5) -> np.ndarray:
    """P(reached) per element, by enumeration of every element and flow fact."""
    n = graph.size
    pn = 1.0 - graph.node_miss ** (2 * capability)
    pf = 1.0 - graph.flow_miss ** (2 * capability)
    out = np.zeros(n)
    edges = list(zip(graph.raw_src.tolist(), graph.raw_dst.tolist(), graph.raw_flow.tolist(),
                     strict=True))
    for xs in itertools.product([0, 1], repeat=n):
        wx = np.prod([pn[i] if x else 1 - pn[i] for i, x in enumerate(xs)])
        if wx == 0:
            continue
        for ys in itertools.product([0, 1], repeat=len(pf)):
            w = wx * np.prod([pf[i] if y else 1 - pf[i] for i, y in enumerate(ys)])
            if w == 0:
                continue
            reached = {e for e in entries if xs[e]}
            changed = True
            while changed:
                changed = False
                for u, v, f in edges:
                    if u in reached and v not in reached and (xs[v] or (f >= 0 and ys[f])):
                        reached.add(v)
                        changed = True
            for v in reached:
                out[v] += w
    return out


CASES = [(seed, n, flows) for seed in range(60) for n, flows in ((4, 5), (5, 6), (6, 5))]


@pytest.mark.parametrize(("seed", "n", "flows"), CASES)
def test_exact_engine_matches_the_element_and_flow_oracle(seed, n, flows):
    rnd = random.Random(seed)
    graph, entries = random_graph(rnd, n, flows, entries=rnd.choice([1, 2]))
    truth = oracle(graph, entries)
    sg = step_graph(graph, entries, 0.5)
    solver = Solver(sg)
    sol = solver.solve(samples=64, seed=0, exact_for=list(range(n)), limit=24)
    assert sol.exact[:n].all()
    assert np.allclose(sol.probability[:n], truth, atol=1e-9), (sol.probability[:n], truth)


def test_monte_carlo_follows_the_same_semantics():
    """The vectorised sampler estimates the oracle's values: over 100 random graphs at
    10,048 worlds, the 95 % intervals cover the truth at least 93 % of the time and no
    estimate is off by more than 0.03 (peeled nodes included)."""
    inside = total = 0
    worst = 0.0
    for seed in range(100):
        rnd = random.Random(1000 + seed)
        graph, entries = random_graph(rnd, 6, 6, entries=2)
        truth = oracle(graph, entries)
        sol = Solver(step_graph(graph, entries, 0.5)).solve(samples=10_000, seed=seed)
        for i in np.flatnonzero(~sol.exact[:6]):
            total += 1
            inside += bool(sol.ci_low[i] - 1e-12 <= truth[i] <= sol.ci_high[i] + 1e-12)
            worst = max(worst, abs(sol.probability[i] - truth[i]))
    assert total > 300
    assert inside / total >= 0.93
    assert worst < 0.03


def _pump(flows: int) -> tuple[AttackGraph, list[int]]:
    """A phone (entry) with ``flows`` parallel flows to a pump whose own weakness is 0.367."""
    nodes = ["phone", "pump"]
    graph = AttackGraph(nodes, {"phone": 0, "pump": 1}, ["thing"] * 2,
                        [f"f{i}" for i in range(flows)], np.zeros(flows, dtype=np.int64),
                        np.ones(flows, dtype=np.int64), np.arange(flows, dtype=np.int64),
                        np.array([0.0, 1 - 0.367]), np.ones(flows))
    return graph, [0]


def test_parallel_flows_do_not_multiply_the_pumps_own_weakness():
    values = []
    for flows in (1, 2, 4, 8):
        graph, entries = _pump(flows)
        sol = Solver(step_graph(graph, entries, 0.5)).solve(exact_for=[1])
        values.append(float(sol.probability[1]))
    assert values == pytest.approx([0.367] * 4, abs=1e-12)


def _ble(sensors: int) -> tuple[AttackGraph, list[int]]:
    """``sensors`` radio sensors (entries) on one BLE segment that a phone is also on."""
    nodes = ["ble", "phone"] + [f"s{i}" for i in range(sensors)]
    src, dst, via = [], [], []
    for i in range(sensors):
        s = 2 + i
        src += [s, 0]
        dst += [0, s]
        via += [-1, -1]
    src += [1, 0]
    dst += [0, 1]
    via += [-1, 0]
    n = len(nodes)
    graph = AttackGraph(nodes, {x: i for i, x in enumerate(nodes)}, ["thing"] * n, ["f"],
                        np.array(src), np.array(dst), np.array(via),
                        np.array([0.8, 0.91] + [0.5] * sensors), np.ones(1))
    return graph, list(range(2, n))


def test_more_sensors_on_a_segment_cannot_beat_the_segments_own_weakness():
    """The phone is reached through the BLE segment: its chance stays below
    p(ble) * p(phone) however many sensors give the attacker a way to try the segment."""
    bound = (1 - 0.8) * (1 - 0.91)
    values = []
    for sensors in (1, 5, 20):
        graph, entries = _ble(sensors)
        truth = oracle(graph, entries) if sensors <= 5 else None
        sol = Solver(step_graph(graph, entries, 0.5)).solve(samples=4096, exact_for=[1])
        values.append(float(sol.probability[1]))
        if truth is not None:
            assert sol.probability[1] == pytest.approx(truth[1], abs=1e-9)
    assert all(v <= bound + 1e-12 for v in values)
    assert values[-1] == pytest.approx(bound * (1 - 0.5 ** 20), rel=1e-9)


def _inert(graph: AttackGraph, u: int, v: int) -> AttackGraph:
    """The same graph with one more step ``u -> v`` over a new flow that never works,
    onto a new element that never falls (nothing the attacker can use)."""
    nodes = graph.nodes + ["inert"]
    k = len(graph.flows)
    return AttackGraph(nodes, {x: i for i, x in enumerate(nodes)}, graph.layers + ["thing"],
                       graph.flows + ["inert"],
                       np.append(graph.raw_src, [u, graph.size]),
                       np.append(graph.raw_dst, [graph.size, v]),
                       np.append(graph.raw_flow, [k, k]),
                       np.append(graph.node_miss, 1.0), np.append(graph.flow_miss, 1.0))


def test_time_to_compromise_does_not_depend_on_peeling():
    """An entry device on one gateway is peeled into a synthetic step; adding an inert edge
    that stops the peeling must leave the percentiles where they were."""
    nodes = ["device", "gateway", "server"]
    graph = AttackGraph(nodes, {x: i for i, x in enumerate(nodes)}, ["thing"] * 3, ["f"],
                        np.array([0, 1, 1]), np.array([1, 0, 2]), np.array([0, 0, -1]),
                        np.array([0.6, 0.7, 0.5]), np.array([0.9]))
    plain = Solver(step_graph(graph, [0], 0.5))
    inert = Solver(step_graph(_inert(graph, 2, 0), [0], 0.5))
    assert plain.core.size != inert.core.size  # the inert edge changes what is peeled
    a = sample_days(plain, [0, 1, 2], samples=40_000, seed=1)
    b = sample_days(inert, [0, 1, 2], samples=40_000, seed=2)
    for node in (0, 1, 2):
        for q in (5, 25, 50, 75, 95):
            assert np.percentile(a[node], q) == pytest.approx(np.percentile(b[node], q),
                                                              abs=1.0)
        assert np.mean(a[node]) == pytest.approx(np.mean(b[node]), rel=0.03)


def test_daily_retries_follow_a_geometric_law():
    """One entry element with chance p: P(T = d) = (1 - p)^(d - 1) p, mean 1/p."""
    nodes = ["device"]
    graph = AttackGraph(nodes, {"device": 0}, ["thing"], [], np.zeros(0, dtype=np.int64),
                        np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                        np.array([0.75]), np.zeros(0))
    solver = Solver(step_graph(graph, [0], 0.5))
    days = sample_days(solver, [0], samples=50_000, seed=3)[0]
    assert days.min() == 1
    assert np.mean(days) == pytest.approx(1 / 0.25, rel=0.03)
    assert np.mean(days == 1) == pytest.approx(0.25, abs=0.01)
