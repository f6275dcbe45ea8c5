"""The k most likely attack paths: Yen's k-shortest simple paths on ``-log p``.

A path is a sequence of element-level steps "from u, act on v", starting with the
attacker's action on one of its entry elements and ending at the target. Each step's
chance is the step taken alone (``1 - miss_v miss_f``, capability applied); a path visits
each element once, so its steps use distinct random facts and its probability is the
product of its steps, never more than the target's compromise probability (every world
where the path works reaches the target). The most likely path is the shortest under
weights ``-log p`` (``networkx.shortest_simple_paths`` implements Yen). ``k`` is capped at
:data:`MAX_K`; a search stopped by its time limit says so. We never enumerate
``all_simple_paths``: that explodes on real models (see the benchmark).

The search runs on the elements the solver kept (core and entry pendants); a peeled leaf
(one way in) is reached through its parent, so its paths are the parent's paths plus the
last step.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import networkx as nx
import numpy as np

from workbench.analysis.attack.probability import Solver

MAX_K = 50
DEFAULT_TIME_LIMIT = 2.0


@dataclass
class Path:
    nodes: list[int]  # element ids from the entry point to the target (attacker excluded)
    probability: float


@dataclass
class PathSearch:
    paths: list[Path]
    truncated: bool  # stopped by the time limit before k paths
    reason: str | None = None


class PathFinder:
    """Yen's search on one attacker's element-level steps, built once, reused per target.

    Entry pendants (a wireless device on one network, thousands of them on a large model)
    are not searched one by one: each element they feed gets one entry step, the likeliest
    concrete route through them (shown in full in the path).
    """

    def __init__(self, solver: Solver):
        self.solver = solver
        sg = solver.graph
        self.graph = sg
        size = sg.size
        kind, parent = solver.kind[:size], solver.parent[:size]
        # Core elements, and leaves hanging from their own attempt node (an element with
        # several ways in and no way on): searched with Yen.
        self.searched = (kind == 0) | ((kind == 1) & (parent >= size) & (parent != sg.source))
        self.owner = np.arange(sg.n)
        att = sg.attempt[:size]
        self.owner[att[att >= 0]] = np.flatnonzero(att >= 0)
        # Best entry route into each element through pendants, in peel order.
        self.entry: dict[int, tuple[float, list[int]]] = {}
        pendants = np.flatnonzero(kind == 2)
        for v in pendants[np.argsort(solver.peel_round[pendants], kind="stable")].tolist():
            prob, via = self._entry_route(v)
            out = int(solver.out_edge[v])
            if out < 0 or prob <= 0:
                continue
            u = int(self.owner[int(solver.ext_dst[out])])
            step = sg.step_p(v, u)
            if u < size and prob * step > self.entry.get(u, (0.0, []))[0]:
                self.entry[u] = (prob * step, via + [v])
        keep = np.zeros(sg.n, dtype=bool)
        keep[:size] = self.searched
        keep[sg.source] = True
        mask = keep[sg.el_src] & keep[sg.el_dst] & (sg.el_p > 0)
        weights = {(a, b): p for a, b, p in zip(sg.el_src[mask].tolist(),
                                                 sg.el_dst[mask].tolist(),
                                                 sg.el_p[mask].tolist(), strict=True)}
        self.direct: set[int] = {b for a, b in weights if a == sg.source}
        for u, (prob, _via) in self.entry.items():
            if self.searched[u] and prob > weights.get((sg.source, u), 0.0):
                weights[(sg.source, u)] = prob
                self.direct.discard(u)
        g = nx.DiGraph()
        g.add_weighted_edges_from(((a, b, -math.log(min(1.0, p)))
                                   for (a, b), p in weights.items()), weight="w")
        self.g = g
        self._cache: dict[tuple[int, int], tuple[list[Path], bool]] = {}

    def _entry_route(self, v: int) -> tuple[float, list[int]]:
        """The attacker's likeliest way onto entry element ``v`` without its parent."""
        sg = self.graph
        direct = sg.step_p(sg.source, v)
        fed = self.entry.get(v, (0.0, []))
        return (direct, []) if direct >= fed[0] else fed

    def _yen(self, node: int, k: int, deadline: float) -> tuple[list[Path], bool]:
        key = (node, k)
        if key in self._cache:
            return self._cache[key]
        source = self.graph.source
        found: list[Path] = []
        truncated = False
        if node in self.g and source in self.g:
            try:
                for path in nx.shortest_simple_paths(self.g, source, node, weight="w"):
                    prob = math.exp(-sum(self.g[a][b]["w"] for a, b in
                                         zip(path, path[1:], strict=False)))
                    first = path[1]
                    via = [] if first in self.direct else self.entry.get(first, (0, []))[1]
                    nodes = via + path[1:]
                    if len(set(nodes)) == len(nodes):
                        found.append(Path(nodes, prob))
                    if len(found) >= k:
                        break
                    if time.perf_counter() > deadline:
                        truncated = True
                        break
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                pass
        self._cache[key] = (found, truncated)
        return found, truncated

    def _routes(self, node: int, k: int, deadline: float) -> tuple[list[Path], bool]:
        """Up to ``k`` best routes to ``node`` (attacker excluded), most likely first."""
        solver, sg = self.solver, self.graph
        kind = int(solver.kind[node])
        if self.searched[node]:
            return self._yen(node, k, deadline)
        if kind == 3:
            return [], False
        routes: list[Path] = []
        if kind == 2:
            prob, via = self._entry_route(node)
            if prob > 0:
                routes.append(Path(via + [node], prob))
        parent = int(self.owner[int(solver.parent[node])])
        step = sg.step_p(parent, node)
        cut = False
        if step > 0 and parent == sg.source:
            routes.append(Path([node], step))
        elif step > 0:
            above, cut = self._routes(parent, k, deadline)
            routes += [Path(r.nodes + [node], r.probability * step) for r in above
                       if node not in r.nodes]
        routes.sort(key=lambda r: -r.probability)
        return routes[:k], cut

    def search(self, target: int, k: int = 5,
               time_limit: float = DEFAULT_TIME_LIMIT) -> PathSearch:
        k = max(1, min(MAX_K, k))
        found, truncated = self._routes(target, k, time.perf_counter() + time_limit)
        return PathSearch(found, truncated, "time limit" if truncated else None)
