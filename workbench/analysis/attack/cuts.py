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

from typing import Any, NamedTuple

import numpy as np

from workbench.analysis.attack.arrays import sorted_distinct
from workbench.analysis.attack.graph import StepGraph
from workbench.analysis.attack.probability import _reach_set


def relevant_steps(graph: StepGraph, target: int) -> np.ndarray:
    """Element-level steps with a chance above 0 on some route from the attacker to ``target``."""
    live, s, d, fwd = _live_reach(graph)
    bwd = _reach_set(graph.n, d, s, target)
    return np.flatnonzero(live)[fwd[s] & bwd[d]]


def _live_reach(graph: StepGraph) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The live steps (mask, their ends) and what the attacker reaches over them: the
    same for every target of this graph (the plan asks for 40 cuts per model), so kept
    on it."""
    cached = graph.__dict__.get("_live_reach")
    if cached is None or cached[0] is not graph.el_p:
        live = graph.el_p > 0
        s, d = graph.el_src[live], graph.el_dst[live]
        cached = (graph.el_p, live, s, d, _reach_set(graph.n, s, d, graph.source))
        graph.__dict__["_live_reach"] = cached
    return cached[1:]


def minimum_step_cut(graph: StepGraph, target: int) -> list[tuple[int, int]]:
    """A minimum set of steps (node pairs) cutting ``target`` off; [] when none is needed.

    The same cut as :func:`plain_minimum_step_cut` (the oracle in
    ``tests/analysis/test_cut_network.py``), without the per-target work that does
    not depend on the target: the plan asks for 40 cuts of one attacker's graph, so the
    residual network is built once per graph over every live step the attacker reaches
    (:func:`_reached_network`), not once per target over its relevant steps. Steps on no
    route to the target carry no flow and leave the cut alone: from a node that cannot
    reach the target no residual arc leads back to one that can, so the nodes the source
    still reaches after a maximum flow are, among those on some route, the same in both
    networks, and an unsaturated step from a reached node reaches its head."""
    if target == graph.source:
        return []
    net = _reached_network(graph)
    if not net.fwd[target]:
        return []  # unreachable: no relevant step
    # A single way in is the minimum cut: no flow needed (the relevant steps into the
    # target are the live steps into it from a reached node). A single way out of the
    # attacker is the cut the flow finds (the plain code returns it directly).
    into = np.flatnonzero(net.el_dst == target)
    if into.size == 1:
        return [(int(net.el_src[into[0]]), target)]
    return _max_flow_cut(net.arcs, graph.source, target)


def forget_network(graph: StepGraph) -> None:
    """Drop the residual network :func:`minimum_step_cut` keeps on ``graph`` (a few arrays
    of its size per attacker: the plan frees them before its search)."""
    graph.__dict__.pop("_reached_network", None)


def plain_minimum_step_cut(graph: StepGraph, target: int) -> list[tuple[int, int]]:
    """:func:`minimum_step_cut` computed per target on its relevant steps (kept as the
    oracle of the shared network)."""
    steps = relevant_steps(graph, target)
    if steps.size == 0 or target == graph.source:
        return []
    src, dst = graph.el_src[steps], graph.el_dst[steps]
    # A single way in (or out of the attacker) is the minimum cut: no flow needed.
    for ends, node in ((dst, target), (src, graph.source)):
        only = np.flatnonzero(ends == node)
        if only.size == 1:
            return [(int(src[only[0]]), int(dst[only[0]]))]
    return _unit_min_cut(src, dst, graph.source, target)


class _Reached(NamedTuple):
    """One attacker's live steps from the nodes it reaches, and their residual network."""

    fwd: np.ndarray  # per node: the attacker reaches it over live steps
    el_src: np.ndarray  # those steps
    el_dst: np.ndarray
    arcs: _Arcs


def _reached_network(graph: StepGraph) -> _Reached:
    """:class:`_Reached` of ``graph``, kept on it (as ``relevant_steps`` keeps its reach)."""
    cached = graph.__dict__.get("_reached_network")
    if cached is None or cached[0] is not graph.el_p:
        _, s, d, fwd = _live_reach(graph)
        mine = fwd[s]
        src, dst = s[mine], d[mine]
        cached = (graph.el_p, _Reached(fwd, src, dst, _arcs(src, dst, graph.n)))
        graph.__dict__["_reached_network"] = cached
    return cached[1]


def unit_min_cut(edges: list[tuple[int, int]], s: int, t: int) -> list[tuple[int, int]]:
    """Minimum ``s``-``t`` edge cut with unit capacities (augmenting paths, Ford-Fulkerson).

    Each augmentation is one breadth-first search and there are as many as the cut has
    edges (a handful: at most the target's in-degree), so this stays linear in the graph
    where a general max-flow (``networkx.minimum_cut``) builds a residual network first;
    the result is the same size (tested against networkx).
    """
    if not edges:
        return []
    pairs = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    return _unit_min_cut(pairs[:, 0], pairs[:, 1], s, t)


def _unit_min_cut(src: np.ndarray, dst: np.ndarray, s: int, t: int
                  ) -> list[tuple[int, int]]:
    """:func:`unit_min_cut` on edge arrays, each search vectorised per BFS level.

    The cut returned is the edges leaving the nodes the source still reaches in the
    residual network of a maximum flow: that set is the same for every maximum flow (the
    minimum cut closest to the source), so which augmenting paths are found does not
    change it. A pure-Python search over dicts was a visible share of the plan at 10,000
    elements (43 cuts of ~38,000 steps)."""
    n = int(max(src.max(initial=0), dst.max(initial=0), s, t)) + 1
    return _max_flow_cut(_arcs(src, dst, n), s, t)


class _Arcs(NamedTuple):
    """A unit-capacity network as arcs in pairs (arc ``2j`` is ``lo -> hi``, ``2j + 1``
    its reverse), with a CSR over the arcs by source (``order``, ``starts``)."""

    n: int
    a: np.ndarray  # the distinct directed edges (no self-loop), sorted by (a, b)
    b: np.ndarray
    cap: np.ndarray  # capacity 1 where that edge exists, else 0 (copied per flow)
    arc_src: np.ndarray
    arc_dst: np.ndarray
    order: np.ndarray
    starts: np.ndarray


def _arcs(src: np.ndarray, dst: np.ndarray, n: int) -> _Arcs:
    """The residual network of the edges ``src -> dst`` on nodes ``0 .. n - 1``."""
    keep = src != dst
    edge_keys = sorted_distinct(src[keep] * n + dst[keep])  # distinct directed edges
    a, b = edge_keys // n, edge_keys % n
    # One pair of arcs per unordered pair {lo, hi}: arc 2j is lo -> hi, 2j + 1 is hi -> lo,
    # each the other's reverse, with capacity 1 where that edge exists (else 0).
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    pair_keys, pair_of = np.unique(lo * n + hi, return_inverse=True)
    cap = np.zeros(2 * pair_keys.size, dtype=np.int64)
    cap[2 * pair_of + (a > b)] = 1
    arc_src = np.empty_like(cap)
    arc_src[0::2], arc_src[1::2] = pair_keys // n, pair_keys % n
    arc_dst = np.empty_like(cap)
    arc_dst[0::2], arc_dst[1::2] = pair_keys % n, pair_keys // n
    order = np.argsort(arc_src, kind="stable")  # arcs by source: a CSR over arc positions
    starts = np.searchsorted(arc_src[order], np.arange(n + 1))
    return _Arcs(n, a, b, cap, arc_src, arc_dst, order, starts)


def _max_flow_cut(net: _Arcs, s: int, t: int) -> list[tuple[int, int]]:
    """The minimum ``s``-``t`` cut closest to ``s`` of ``net`` (its capacities are left
    as they are: the flow runs on a copy)."""
    cap = net.cap.copy()
    arc_src = net.arc_src
    while True:
        seen, parent = _residual_search(net.n, net.order, net.starts, net.arc_dst, cap, s, t)
        if not seen[t]:
            break
        v = t
        while v != s:  # augment one unit along the path found
            arc = int(parent[v])
            cap[arc] -= 1
            cap[arc ^ 1] += 1
            v = int(arc_src[arc])
    a, b = net.a, net.b
    out = seen[a] & ~seen[b]
    return list(zip(a[out].tolist(), b[out].tolist(), strict=True))  # sorted by (a, b)


def _residual_search(n: int, order: np.ndarray, starts: np.ndarray, arc_dst: np.ndarray,
                     cap: np.ndarray, s: int, t: int) -> tuple[np.ndarray, np.ndarray]:
    """Nodes reachable from ``s`` over arcs with capacity left (stopping once ``t`` is
    reached), and per node the arc it was reached by.

    A node reached by several arcs of one level keeps whichever the scatter wrote last
    (no sort to pick the first): any of them is an augmenting path, and the cut
    :func:`_max_flow_cut` returns is the same for every maximum flow."""
    seen = np.zeros(n, dtype=bool)
    parent = np.full(n, -1, dtype=np.int64)
    seen[s] = True
    frontier = np.array([s], dtype=np.int64)
    while frontier.size and not seen[t]:
        first = starts[frontier]
        counts = starts[frontier + 1] - first
        total = int(np.add.reduce(counts))  # the methods, not the Python wrappers
        if total == 0:
            break
        arcs = order[(first - counts.cumsum() + counts).repeat(counts) + np.arange(total)]
        arcs = arcs[cap[arcs] > 0]
        heads = arc_dst[arcs]
        fresh = ~seen[heads]
        heads, arcs = heads[fresh], arcs[fresh]
        parent[heads] = arcs
        heads = heads[parent[heads] == arcs]  # each head once: by the arc it kept
        seen[heads] = True
        frontier = heads
    return seen, parent


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
