"""What to fund first: controls (greedy) and edge cuts (minimum cut).

*Controls.* Candidates are the model's controls not yet in place and catalog controls
suggested for the threats found. Greedy: at each step, take the candidate that removes the
most excess risk per unit of cost, where the excess is ``sum over targets of max(0,
P(target) - threshold)`` and ``P(target)`` is the worst attacker's probability. Stop when
every target is under the threshold, nothing helps, or the time budget runs out. Every
what-if reuses the attacker's prepared solver and the same random numbers (common random
numbers), so differences are not sampling noise. Greedy is not optimal in general (the
problem is a budgeted set cover), but each step's reduction is measured, not guessed.

*Edge cuts.* For the most exposed attacker/target pairs, the fewest attack steps whose
blocking disconnects the attacker from the target (``networkx.minimum_cut``, unit capacities),
with the probability that remains once they are blocked.
"""

from __future__ import annotations

import time
from typing import Any

import networkx as nx
import numpy as np

from workbench.analysis.attack.evidence import Candidate, element_probability
from workbench.analysis.attack.graph import AttackGraph, step_graph
from workbench.analysis.attack.probability import Solution
from workbench.analysis.attack.targets import TargetSpec

#: Worlds per what-if during the greedy search (the final figures use the full size).
WHAT_IF_SAMPLES = 4096
MAX_CANDIDATES = 24
MAX_STEPS = 10


#: Per attacker run: the chances on its sampled (core) edges and the solution they gave.
State = list[tuple[np.ndarray, Solution]]


def _evaluate(graph: AttackGraph, runs, nodes: list[int], chosen: list[str],
              candidates: dict[str, Candidate], samples: int, exact_limit: int,
              ref: State | None = None) -> tuple[np.ndarray, State]:
    """Worst-attacker probability of each target node with ``chosen`` controls in place.

    ``ref``: the state the search stands on. A control on peeled devices only (a pump on
    one gateway) leaves an attacker's core edges as they were, so the core's probabilities
    (Monte Carlo and exact) are taken from ``ref`` and only peeled nodes are recomputed;
    with the same random numbers, sampling again would give the same values.
    """
    elements = {e for c in chosen for e in candidates[c].elements}
    g2 = graph.with_controls(chosen, elements) if chosen else graph
    worst = np.zeros(len(nodes))
    state: State = []
    for k, run in enumerate(runs):
        idx = [graph.index[e] for e in run.entries]
        p = step_graph(g2, idx, run.profile.capability).p
        core_p = run.solver.extend(p)[run.solver.c_edge]
        if ref is not None and np.array_equal(core_p, ref[k][0]):
            sol = run.solver.solve(p, reuse=ref[k][1])
        else:
            sol = run.solver.solve(p, samples=samples, seed=run.seed, exact_for=nodes,
                                   limit=exact_limit)
        state.append((core_p, sol))
        worst = np.maximum(worst, sol.probability[nodes])
    return worst, state


def _screen(cand: Candidate, graph: AttackGraph, exposure: dict[str, float]) -> float:
    score = 0.0
    for element in cand.elements:
        threats = graph.evidence.get(element)
        if not threats:
            continue
        drop = element_probability(threats) - element_probability(threats, [cand.id])
        score += exposure.get(element, 0.0) * drop
    return score / max(cand.cost, 1e-9)


def recommend_controls(graph: AttackGraph, runs, specs: list[TargetSpec],
                       candidates: dict[str, Candidate], threshold: float, samples: int,
                       exact_limit: int, deadline: float, notes: list[str]
                       ) -> list[dict[str, Any]]:
    """Greedy control plan: one entry per step with cumulative cost and risk reduction."""
    if not runs or not specs:
        return []
    if not candidates:
        notes.append("no candidate controls (no threats or catalog suggestions): "
                     "see attack.edge_cuts for the steps to block")
        return []
    nodes = sorted({graph.index[s.element] for s in specs})
    what_if = min(samples, WHAT_IF_SAMPLES)
    base, state = _evaluate(graph, runs, nodes, [], candidates, what_if, exact_limit)
    exposed = {graph.nodes[n] for n, p in zip(nodes, base, strict=True) if p > 0}
    reached = {graph.nodes[i] for r in runs
               for i in np.flatnonzero(r.solution.probability[:graph.size] > 0)}
    pool = [c for c in candidates.values()
            if c.elements & (reached | exposed) or any(e in graph.flows for e in c.elements)]
    exposure: dict[str, float] = {}
    for r in runs:
        for i in np.flatnonzero(r.solution.probability[:graph.size] > 0):
            name = graph.nodes[i]
            exposure[name] = max(exposure.get(name, 0.0), float(r.solution.probability[i]))
    for k, flow in enumerate(graph.flows):
        users = graph.raw_src[graph.raw_flow == k]
        exposure[flow] = max((exposure.get(graph.nodes[u], 0.0) for u in users.tolist()),
                             default=0.0)
    # Screen candidates by how much they lower the chance of a step onto their elements,
    # weighted by how exposed those elements are, per cost unit; a control that does not
    # touch an element's easiest threat changes nothing and is dropped.
    screen = {c.id: _screen(c, graph, exposure) for c in pool}
    pool = [c for c in pool if screen[c.id] > 0]
    pool.sort(key=lambda c: (-screen[c.id], c.cost, c.id))
    if len(pool) > MAX_CANDIDATES:
        notes.append(f"control search limited to {MAX_CANDIDATES} of {len(pool)} candidates")
        pool = pool[:MAX_CANDIDATES]

    def excess(v: np.ndarray) -> float:
        return float(np.maximum(0.0, v - threshold).sum())

    chosen: list[str] = []
    current = base
    plan: list[dict[str, Any]] = []
    cost = 0.0
    for _ in range(MAX_STEPS):
        if excess(current) <= 0:
            break
        best: tuple[float, str, np.ndarray, State] | None = None
        for cand in pool:
            if cand.id in chosen:
                continue
            if time.perf_counter() > deadline:
                notes.append("control recommendation stopped by the time budget")
                return plan
            trial, trial_state = _evaluate(graph, runs, nodes, chosen + [cand.id],
                                           candidates, what_if, exact_limit, state)
            gain = excess(current) - excess(trial)
            score = gain / max(cand.cost, 1e-9)
            if gain > 1e-12 and (best is None or score > best[0]):
                best = (score, cand.id, trial, trial_state)
        if best is None:
            break
        _, cid, trial, state = best
        chosen.append(cid)
        cost += candidates[cid].cost
        plan.append({
            "controls": list(chosen), "added": cid, "title": candidates[cid].title,
            "elements": sorted(candidates[cid].elements), "step_cost": candidates[cid].cost,
            "cost": cost,
            "marginal_reduction": float(current.sum() - trial.sum()),
            "risk_reduction": float(base.sum() - trial.sum()),
            "targets_above_threshold": int((trial > threshold).sum()),
            "max_probability": float(trial.max(initial=0.0)),
            "worlds": what_if,
        })
        current = trial
    if excess(current) > 0 and plan:
        notes.append(f"{int((current > threshold).sum())} target(s) stay above the "
                     f"threshold {threshold} with the candidate controls")
    return plan


def _first_below(solver, node: int) -> int:
    """The peeled node right under the attacker on the chain that leads to ``node``."""
    while solver.parent[node] != solver.graph.source and solver.parent[node] >= 0:
        node = int(solver.parent[node])
    return node


def recommend_cuts(runs, specs: list[TargetSpec], pairs, samples: int, exact_limit: int,
                   notes: list[str], max_pairs: int = 3) -> list[dict[str, Any]]:
    """Minimum sets of attack steps to block for the most exposed pairs."""
    out: list[dict[str, Any]] = []
    for prob, run, spec in pairs[:max_pairs]:
        solver, sg = run.solver, run.graph
        node = sg.nodes.index(spec.element)
        ext = solver.extend(sg.p)
        root = node
        while solver.kind[root] in (1, 2):
            if solver.kind[root] == 2:
                break
            root = int(solver.parent[root])
        if solver.kind[root] == 2 or root == sg.source:
            # Cut every way in to the node itself.
            last = node if solver.kind[root] == 2 else _first_below(solver, node)
            cut_edges = [int(e) for e in (solver.source_edge[last], solver.parent_edge[last])
                         if e >= 0]
        else:
            g = nx.DiGraph()
            for a, b, e in zip(solver.core[solver.c_src].tolist(),
                               solver.core[solver.c_dst].tolist(),
                               solver.c_edge.tolist(), strict=True):
                if ext[e] > 0:
                    g.add_edge(a, b, capacity=1.0, e=e)
            if root not in g:
                continue
            try:
                _, (side, _) = nx.minimum_cut(g, sg.source, root)
            except nx.NetworkXError:
                continue
            cut_edges = [g[a][b]["e"] for a in side for b in g.successors(a) if b not in side]
        synthetic = [e for e in cut_edges if e >= solver.e_count]
        cut_edges = [e for e in cut_edges if e < solver.e_count]
        if synthetic:
            notes.append(f"edge cut for {spec.id}: entry through peeled devices not listed")
        p = sg.p.copy()
        p[cut_edges] = 0.0
        sol = solver.solve(p, samples=samples, seed=run.seed, exact_for=[node],
                           limit=exact_limit)
        out.append({"attacker": run.profile.id, "target": spec.id, "probability": prob,
                    "cut": [[sg.nodes[int(sg.src[e])], sg.nodes[int(sg.dst[e])]]
                            for e in cut_edges],
                    "probability_after": float(sol.probability[node]),
                    "steps": len(cut_edges)})
    return out
