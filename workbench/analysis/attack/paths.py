"""The k most likely attack paths: Yen's k-shortest simple paths on ``-log p``.

A path is a sequence of element-level steps "from u, act on v", starting with the
attacker's action on one of its entry elements and ending at the target. Each step's
chance is the step taken alone (``1 - miss_v miss_f``, capability applied); a path visits
each element once, so its steps use distinct random facts and its probability is the
product of its steps, never more than the target's compromise probability (every world
where the path works reaches the target). The most likely path is the shortest under
weights ``-log p`` (``yen.py``: networkx's Yen, without importing networkx). ``k`` is capped at
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

import numpy as np

from workbench.analysis.attack.arrays import sorted_distinct
from workbench.analysis.attack.probability import Solver
from workbench.analysis.attack.yen import WeightedDigraph, shortest_simple_paths

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
        # Best entry route into each element through pendants, in peel order, vectorised
        # per peel round (tens of thousands of wireless devices on a large model).
        n = sg.n
        self.best_prob = np.zeros(n)
        self.best_from = np.full(n, -1, dtype=np.int64)
        self.use_fed = np.zeros(n, dtype=bool)
        pendants = np.flatnonzero(kind == 2)
        rounds = solver.peel_round[pendants]
        for rnd in sorted_distinct(rounds).tolist():
            vs = pendants[rounds == rnd]
            direct = self._step_p(np.full(vs.size, sg.source), vs)
            fed = self.best_prob[vs]
            self.use_fed[vs] = fed > direct
            prob = np.maximum(direct, fed)
            out = solver.out_edge[vs]
            u = self.owner[solver.ext_dst[np.maximum(out, 0)]]
            cand = prob * self._step_p(vs, u)
            ok = (out >= 0) & (u < size) & (cand > 0)
            vs, u, cand = vs[ok], u[ok], cand[ok]
            order = np.lexsort((-cand, u))
            vs, u, cand = vs[order], u[order], cand[order]
            first = np.ones(u.size, dtype=bool)
            first[1:] = u[1:] != u[:-1]
            vs, u, cand = vs[first], u[first], cand[first]
            better = cand > self.best_prob[u]
            self.best_prob[u[better]] = cand[better]
            self.best_from[u[better]] = vs[better]
        keep = np.zeros(sg.n, dtype=bool)
        keep[:size] = self.searched
        keep[sg.source] = True
        mask = keep[sg.el_src] & keep[sg.el_dst] & (sg.el_p > 0)
        weights = {(a, b): p for a, b, p in zip(sg.el_src[mask].tolist(),
                                                 sg.el_dst[mask].tolist(),
                                                 sg.el_p[mask].tolist(), strict=True)}
        self.direct: set[int] = {b for a, b in weights if a == sg.source}
        for u in np.flatnonzero(self.searched & (self.best_prob[:size] > 0)).tolist():
            prob = float(self.best_prob[u])
            if prob > weights.get((sg.source, u), 0.0):
                weights[(sg.source, u)] = prob
                self.direct.discard(u)
        self.g = WeightedDigraph((a, b, -math.log(min(1.0, p)))
                                 for (a, b), p in weights.items())
        self._cache: dict[tuple[int, int], tuple[list[Path], bool]] = {}

    def _step_p(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """:meth:`StepGraph.step_p` for arrays of node pairs."""
        sg = self.graph
        keys = a * sg.n + b
        ref = sg.el_src * sg.n + sg.el_dst
        pos = np.minimum(np.searchsorted(ref, keys), max(0, ref.size - 1))
        hit = ref.size > 0
        return np.where(hit & (ref[pos] == keys), sg.el_p[pos], 0.0) if hit \
            else np.zeros(keys.size)

    def _via(self, u: int) -> list[int]:
        """The pendants on the likeliest entry route into ``u`` (first to last)."""
        chain: list[int] = []
        v = int(self.best_from[u])
        while v >= 0 and v not in chain:
            chain.append(v)
            v = int(self.best_from[v]) if self.use_fed[v] else -1
        return chain[::-1]

    def _entry_route(self, v: int) -> tuple[float, list[int]]:
        """The attacker's likeliest way onto entry element ``v`` without its parent."""
        sg = self.graph
        direct = sg.step_p(sg.source, v)
        fed = float(self.best_prob[v])
        return (direct, []) if direct >= fed else (fed, self._via(v))

    def _yen(self, node: int, k: int, deadline: float) -> tuple[list[Path], bool]:
        key = (node, k)
        if key in self._cache:
            return self._cache[key]
        source = self.graph.source
        found: list[Path] = []
        truncated = False
        if node in self.g and source in self.g:
            for path in shortest_simple_paths(self.g, source, node):
                prob = math.exp(-sum(self.g.weight(a, b) for a, b in
                                     zip(path, path[1:], strict=False)))
                first = path[1]
                via = [] if first in self.direct else self._via(first)
                nodes = via + path[1:]
                if len(set(nodes)) == len(nodes):
                    found.append(Path(nodes, prob))
                if len(found) >= k:
                    break
                if time.perf_counter() > deadline:
                    truncated = True
                    break
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
