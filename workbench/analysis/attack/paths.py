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
    nodes: list[int]  # graph node ids, source first
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
        self.p = graph.p if p is None else p
        core = solver.core
        g = nx.DiGraph()
        g.add_nodes_from(range(core.size))
        probs = self.p[solver.c_edge]
        keep = probs > 0
        weights = -np.log(np.clip(probs[keep], 1e-300, 1.0))
        g.add_weighted_edges_from(zip(solver.c_src[keep].tolist(), solver.c_dst[keep].tolist(),
                                      weights.tolist(), strict=True), weight="w")
        self.g = g

    def _chain(self, node: int) -> tuple[int, list[int]]:
        """Core root of ``node`` and the peeled nodes from below the root down to it."""
        chain: list[int] = []
        while self.solver.parent[node] >= 0:
            chain.append(node)
            node = int(self.solver.parent[node])
        chain.reverse()
        return node, chain

    def search(self, target: int, k: int = 5,
               time_limit: float = DEFAULT_TIME_LIMIT) -> PathSearch:
        k = max(1, min(MAX_K, k))
        root, chain = self._chain(target)
        chain_p = math.prod(float(self.p[self.solver.parent_edge[v]]) for v in chain)
        if chain_p <= 0:
            return PathSearch([], False)
        core_root = int(self.solver.relabel[root])
        source = self.solver.c_source
        if core_root < 0:
            return PathSearch([], False)
        if core_root == source:
            return PathSearch([Path([root] + chain, chain_p)], False)
        found: list[Path] = []
        deadline = time.perf_counter() + time_limit
        truncated = False
        try:
            for core_path in nx.shortest_simple_paths(self.g, source, core_root, weight="w"):
                nodes = [int(self.solver.core[c]) for c in core_path] + chain
                prob = chain_p * math.exp(-sum(self.g[a][b]["w"] for a, b in
                                               zip(core_path, core_path[1:], strict=False)))
                found.append(Path(nodes, prob))
                if len(found) >= k:
                    break
                if time.perf_counter() > deadline:
                    truncated = True
                    break
        except nx.NetworkXNoPath:
            return PathSearch([], False)
        return PathSearch(found, truncated, "time limit" if truncated else None)
