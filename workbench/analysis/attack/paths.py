"""The k most likely attack paths: Yen's k-shortest simple paths on ``-log p``.

A path's probability is the product of its steps' chances, so the most likely path is the
shortest one under weights ``-log p`` (``networkx.shortest_simple_paths`` implements Yen).
``k`` is capped at :data:`MAX_K`; a search stopped by its time limit says so. We never
enumerate ``all_simple_paths``: that explodes on real models (see the benchmark).

Paths run on the peeled core of the graph (:class:`~.probability.Solver`); a target that is
a peeled leaf is reached through its only parent, so its paths are the parent's paths plus
the chain down to it.
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
    nodes: list[int]  # graph node ids from the entry point to the target
    probability: float


@dataclass
class PathSearch:
    paths: list[Path]
    truncated: bool  # stopped by the time limit before k paths
    reason: str | None = None


class PathFinder:
    """Yen's search on one attacker's core graph, built once and reused per target."""

    def __init__(self, solver: Solver, p: np.ndarray | None = None):
        self.solver = solver
        graph = solver.graph
        self.p = solver.extend(graph.p if p is None else p)
        core = solver.core
        g = nx.DiGraph()
        g.add_nodes_from(range(core.size))
        # Entry steps: the attacker may reach a core node directly or through any of the
        # peeled devices feeding it (synthetic edges); a path shows the likeliest concrete one.
        self.entry: dict[int, tuple[float, list[int]]] = {}
        for e, a, b in zip(solver.c_edge.tolist(), solver.c_src.tolist(),
                           solver.c_dst.tolist(), strict=True):
            if a != solver.c_source:
                if self.p[e] > 0:
                    g.add_edge(a, b, w=-math.log(min(1.0, float(self.p[e]))))
                continue
            prob, via = self.route(e)
            if prob > self.entry.get(b, (0.0, []))[0]:
                self.entry[b] = (prob, via)
        for b, (prob, _via) in self.entry.items():
            g.add_edge(solver.c_source, b, w=-math.log(prob))
        self.g = g
        self._cache: dict[tuple[int, int], tuple[list[Path], bool]] = {}

    def route(self, edge: int) -> tuple[float, list[int]]:
        """Chance and peeled nodes of the likeliest concrete route behind an entry edge."""
        members = self.solver.synth_members.get(edge)
        if members is None:
            return float(self.p[edge]), []
        best: tuple[float, list[int]] = (0.0, [])
        for e_sv, e_vu in members:
            prob, via = self.route(e_sv)
            prob *= float(self.p[e_vu])
            if prob > best[0]:
                best = (prob, via + [int(self.solver.ext_dst[e_sv])])
        return best

    def _core_paths(self, node: int, k: int, deadline: float) -> tuple[list[Path], bool]:
        """Yen's search to a core node, cached: many targets hang from the same node."""
        key = (node, k)
        if key not in self._cache:
            self._cache[key] = self._yen(node, k, deadline)
        return self._cache[key]

    def _yen(self, node: int, k: int, deadline: float) -> tuple[list[Path], bool]:
        core_node = int(self.solver.relabel[node])
        source = self.solver.c_source
        if core_node == source:
            return [Path([], 1.0)], False
        found: list[Path] = []
        try:
            for core_path in nx.shortest_simple_paths(self.g, source, core_node, weight="w"):
                nodes = self.entry[core_path[1]][1] + [int(self.solver.core[c])
                                                       for c in core_path[1:]]
                prob = math.exp(-sum(self.g[a][b]["w"] for a, b in
                                     zip(core_path, core_path[1:], strict=False)))
                found.append(Path(nodes, prob))
                if len(found) >= k:
                    return found, False
                if time.perf_counter() > deadline:
                    return found, True
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            pass
        return found, False

    def _routes(self, node: int, k: int, deadline: float) -> tuple[list[Path], bool]:
        """Up to ``k`` best routes to ``node`` (attacker excluded), most likely first."""
        solver, p = self.solver, self.p
        kind = solver.kind[node]
        if node == solver.graph.source:
            return [Path([], 1.0)], False
        if kind == 0:
            return self._core_paths(node, k, deadline)
        if kind == 3:
            return [], False
        routes: list[Path] = []
        cut = False
        if kind == 2:
            prob, via = self.route(int(solver.source_edge[node]))
            routes.append(Path(via + [node], prob))
        edge = solver.parent_edge[node]
        if edge >= 0 and p[edge] > 0:
            above, cut = self._routes(int(solver.parent[node]), k, deadline)
            routes += [Path(r.nodes + [node], r.probability * float(p[edge])) for r in above]
        routes = [r for r in routes if r.probability > 0]
        routes.sort(key=lambda r: -r.probability)
        return routes[:k], cut

    def search(self, target: int, k: int = 5,
               time_limit: float = DEFAULT_TIME_LIMIT) -> PathSearch:
        k = max(1, min(MAX_K, k))
        found, truncated = self._routes(target, k, time.perf_counter() + time_limit)
        return PathSearch(found, truncated, "time limit" if truncated else None)
