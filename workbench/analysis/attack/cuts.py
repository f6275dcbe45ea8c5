"""Edge cuts: the fewest attack steps whose blocking leaves a target unreachable.

A *step* is element-level ("from u, act on v", or the attacker's action on an entry
element). Blocking a step zeroes every edge that carries it (:meth:`StepGraph.step_edges`).
The cut is a minimum ``attacker -> target`` edge cut of the steps with a chance above 0
(``networkx.minimum_cut``, unit capacities), so it is minimum in number of steps; once
applied, no chain of possible steps is left, so the recomputed probability is exactly 0
(checked and reported as ``probability_after``). When the target is itself an entry of the
attacker, the attacker's direct action on it is one of the steps: the cut says so
(``on_target``), since it means hardening the target or taking it out of the attacker's
reach (radio range, internet exposure), not a firewall rule. An unreachable target gets no
cut (there is nothing to block), and an empty cut is never reported.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np

from workbench.analysis.attack.graph import StepGraph
from workbench.analysis.attack.probability import _reach_set


def relevant_steps(graph: StepGraph, target: int) -> np.ndarray:
    """Element-level steps with a chance above 0 on some route from the attacker to ``target``."""
    live = graph.el_p > 0
    s, d = graph.el_src[live], graph.el_dst[live]
    fwd = _reach_set(graph.n, s, d, graph.source)
    bwd = _reach_set(graph.n, d, s, target)
    return np.flatnonzero(live)[fwd[s] & bwd[d]]


def minimum_step_cut(graph: StepGraph, target: int) -> list[tuple[int, int]]:
    """A minimum set of steps (node pairs) cutting ``target`` off; [] when none is needed."""
    steps = relevant_steps(graph, target)
    if steps.size == 0 or target == graph.source:
        return []
    g = nx.DiGraph()
    g.add_edges_from(zip(graph.el_src[steps].tolist(), graph.el_dst[steps].tolist(),
                         strict=True), capacity=1.0)
    _, (side, _) = nx.minimum_cut(g, graph.source, target)
    return sorted((a, b) for a in side for b in g.successors(a) if b not in side)


def blocked(graph: StepGraph, cut: list[tuple[int, int]], p: np.ndarray | None = None
            ) -> np.ndarray:
    """Edge chances with every step of ``cut`` blocked."""
    out = (graph.p if p is None else p).copy()
    for a, b in cut:
        out[graph.step_edges(a, b)] = 0.0
    return out


def edge_cuts(runs, pairs, samples: int, exact_limit: int, notes: list[str],
              max_pairs: int = 3) -> list[dict[str, Any]]:
    """Minimum step cuts for the most exposed attacker/target pairs, checked by recomputation."""
    out: list[dict[str, Any]] = []
    for prob, run, spec in pairs[:max_pairs]:
        sg = run.graph
        node = sg.nodes.index(spec.element)
        cut = minimum_step_cut(sg, node)
        if not cut:
            continue  # unreachable: nothing to block (never reported as an empty cut)
        sol = run.solver.solve(blocked(sg, cut), samples=samples, seed=run.seed,
                               exact_for=[node], limit=exact_limit)
        after = float(sol.probability[node])
        on_target = any(a == sg.source and b == node for a, b in cut)
        item = {"attacker": run.profile.id, "target": spec.id, "probability": prob,
                "cut": [[sg.nodes[a], sg.nodes[b]] for a, b in cut],
                "probability_after": after, "steps": len(cut), "on_target": on_target}
        if on_target:
            item["note"] = (f"{spec.element} is an entry point of {run.profile.id}: no cut "
                            f"short of hardening it or taking it out of the attacker's reach")
        if after > 0:  # cannot happen: the cut leaves no possible chain (kept as a guard)
            notes.append(f"edge cut for {spec.id} left probability {after:.4f}")
        out.append(item)
    return out
