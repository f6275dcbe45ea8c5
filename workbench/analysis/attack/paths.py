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
    """Yen's search on one attacker's element-level steps, built once, reused per target."""

    def __init__(self, solver: Solver):
        self.solver = solver
        sg = solver.graph
        self.graph = sg
        keep = np.zeros(sg.n, dtype=bool)
        kind, parent = solver.kind[:sg.size], solver.parent[:sg.size]
        # Core and entry pendants, and leaves hanging from their own attempt node (an
        # element with several ways in and no way on): searched with Yen.
        self.searched = (kind == 0) | (kind == 2) | (
            (kind == 1) & (parent >= sg.size) & (parent != sg.source))
        keep[:sg.size] = self.searched
        keep[sg.source] = True
        mask = keep[sg.el_src] & keep[sg.el_dst] & (sg.el_p > 0)
        g = nx.DiGraph()
        g.add_weighted_edges_from(
            zip(sg.el_src[mask].tolist(), sg.el_dst[mask].tolist(),
                (-np.log(np.minimum(sg.el_p[mask], 1.0))).tolist(), strict=True), weight="w")
        self.g = g
        self._cache: dict[tuple[int, int], tuple[list[Path], bool]] = {}

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
                    found.append(Path(path[1:], prob))
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
        parent = int(solver.parent[node])
        step = sg.step_p(parent, node)
        if step <= 0:
            return [], False
        if parent == sg.source:
            return [Path([node], step)], False
        above, cut = self._routes(parent, k, deadline)
        return [Path(r.nodes + [node], r.probability * step) for r in above], cut

    def search(self, target: int, k: int = 5,
               time_limit: float = DEFAULT_TIME_LIMIT) -> PathSearch:
        k = max(1, min(MAX_K, k))
        found, truncated = self._routes(target, k, time.perf_counter() + time_limit)
        return PathSearch(found, truncated, "time limit" if truncated else None)
