"""Edge cuts: the fewest attack steps whose blocking leaves a target unreachable.

A *step* is element-level ("from u, act on v", or the attacker's action on an entry
element). Blocking a step zeroes every edge that carries it (:meth:`StepGraph.step_edges`).
The cut is a minimum ``attacker -> target`` edge cut of the steps with a chance above 0
(unit capacities, augmenting paths), so it is minimum in number of steps; once
applied, no chain of possible steps is left, so the recomputed probability is exactly 0
(checked and reported as ``probability_after``). When the target is itself an entry of the
attacker, the attacker's direct action on it is one of the steps: the cut says so
(``on_target``), since it means hardening the target or taking it out of the attacker's
reach (radio range, internet exposure), not a firewall rule. An unreachable target gets no
cut (there is nothing to block), and an empty cut is never reported.
"""

from __future__ import annotations

from typing import Any

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
    src, dst = graph.el_src[steps], graph.el_dst[steps]
    # A single way in (or out of the attacker) is the minimum cut: no flow needed.
    for ends, node in ((dst, target), (src, graph.source)):
        only = np.flatnonzero(ends == node)
        if only.size == 1:
            return [(int(src[only[0]]), int(dst[only[0]]))]
    return unit_min_cut(list(zip(src.tolist(), dst.tolist(), strict=True)), graph.source,
                        target)


def unit_min_cut(edges: list[tuple[int, int]], s: int, t: int) -> list[tuple[int, int]]:
    """Minimum ``s``-``t`` edge cut with unit capacities (augmenting paths, Ford-Fulkerson).

    Each augmentation is one breadth-first search and there are as many as the cut has
    edges (a handful: at most the target's in-degree), so this stays linear in the graph
    where a general max-flow (``networkx.minimum_cut``) builds a residual network first;
    the result is the same size (tested against networkx).
    """
    cap: dict[tuple[int, int], int] = {}
    adj: dict[int, list[int]] = {}
    for a, b in edges:
        if (a, b) not in cap:
            adj.setdefault(a, []).append(b)
            if (b, a) not in cap:
                adj.setdefault(b, []).append(a)
                cap[(b, a)] = 0
        cap[(a, b)] = 1

    def search() -> dict[int, int]:
        parent = {s: s}
        frontier = [s]
        while frontier and t not in parent:
            nxt = []
            for u in frontier:
                for v in adj.get(u, ()):
                    if v not in parent and cap[(u, v)] > 0:
                        parent[v] = u
                        nxt.append(v)
            frontier = nxt
        return parent

    while True:
        parent = search()
        if t not in parent:
            break
        v = t
        while v != s:
            u = parent[v]
            cap[(u, v)] -= 1
            cap[(v, u)] += 1
            v = u
    side = set(parent)
    original = set(edges)
    return sorted((a, b) for a, b in original if a in side and b not in side)


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
