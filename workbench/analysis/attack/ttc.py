"""Optional time-to-compromise mode (in the spirit of securiCAD).

The attacker makes one attempt a day at each random fact it can work on (an element's own
weakness, a flow's weakness); an attempt succeeds with the fact's chance ``p``, so the day
it first works follows a **geometric law** (``P(T = d) = (1 - p)^(d - 1) p``, mean ``1/p``).
"Can try v" steps take no time. The attacker takes the fastest route, so in one sampled
world the time to reach a node is the shortest path under the sampled times; all worlds are
relaxed together (a min-plus Bellman-Ford over whole rows).

The graph the solver peeled is used without changing the law: a route collapsed into one
synthetic edge takes the minimum over its members of their summed times, with the very
same draws the peeled nodes use, so adding an inert ``p = 0`` edge (which changes what can
be peeled) leaves the distribution as it was (tested). A node not reached within the
**horizon** (default 365 days) in a world counts as "not reached in N days"; its
percentiles are ``null`` when they fall beyond the horizon and ``reached_share`` says in
what share of worlds it is reached in time.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from workbench.analysis.attack.probability import Solver

DEFAULT_TTC_SAMPLES = 1000
DEFAULT_HORIZON = 365
PERCENTILES = (5, 50, 95)


class _Clock:
    """Sampled days per edge (real or synthetic), drawn once and reused."""

    def __init__(self, solver: Solver, p: np.ndarray, samples: int, rng):
        self.solver, self.p, self.samples, self.rng = solver, p, samples, rng
        self.structural = solver.graph.structural
        self.cache: dict[int, np.ndarray] = {}

    def many(self, edges) -> np.ndarray:
        edges = [int(e) for e in edges]
        missing = sorted({e for e in edges if e not in self.cache})
        real = np.array([e for e in missing if e < self.solver.e_count], dtype=np.int64)
        if real.size:
            q = self.p[real]
            days = np.full((real.size, self.samples), np.inf, dtype=np.float32)
            live = (q > 0) & ~self.structural[real]
            if live.any():
                days[live] = self.rng.geometric(np.minimum(q[live], 1.0)[:, None],
                                                size=(int(live.sum()), self.samples))
            days[self.structural[real]] = 0.0
            for k, e in enumerate(real.tolist()):
                self.cache[e] = days[k]
        for e in missing:  # synthetic edges, in creation order (members come first)
            if e < self.solver.e_count:
                continue
            pairs = self.solver.synth_members.get(e, [])
            if not pairs:
                self.cache[e] = np.full(self.samples, np.inf, dtype=np.float32)
                continue
            a = self.many([x for x, _ in pairs])
            b = self.many([y for _, y in pairs])
            self.cache[e] = (a + b).min(axis=0)
        if not edges:
            return np.zeros((0, self.samples), dtype=np.float32)
        return np.stack([self.cache[e] for e in edges])

    def one(self, edge: int, missing: float = np.inf) -> np.ndarray:
        if edge < 0:
            return np.full(self.samples, missing, dtype=np.float32)
        return self.many([edge])[0]


def _summary(days: np.ndarray, horizon: int) -> dict[str, Any]:
    samples = days.size
    values = np.sort(days)
    reached = float(np.mean(values <= horizon))
    out: dict[str, Any] = {}
    for pc in PERCENTILES:
        v = float(values[min(samples - 1, max(0, int(np.ceil(pc / 100 * samples)) - 1))])
        out[f"days_p{pc}"] = round(v, 3) if v <= horizon else None
    out["horizon_days"] = horizon
    out["reached_share"] = round(reached, 4)
    out["not_reached"] = (None if reached >= 1.0 else
                          f"not reached in {horizon} days in {1 - reached:.0%} of worlds")
    return out


def sample_days(solver: Solver, nodes: list[int], p: np.ndarray | None = None,
                samples: int = DEFAULT_TTC_SAMPLES, seed: int | list[int] = 0,
                max_rounds: int = 10_000) -> dict[int, np.ndarray]:
    """Sampled days to reach each of ``nodes`` (``inf``: never, the path is impossible)."""
    p = solver.extend(solver.graph.p if p is None else p)
    rng = np.random.default_rng(seed)
    clock = _Clock(solver, p, samples, rng)
    m = solver.core.size
    dist = np.full((m, samples), np.inf, dtype=np.float32)
    dist[solver.c_source] = 0.0
    if solver.c_src.size:
        order = np.argsort(solver.c_dst, kind="stable")
        src_o, dst_o = solver.c_src[order], solver.c_dst[order]
        step_o = clock.many(solver.c_edge[order])
        uniq, first = np.unique(dst_o, return_index=True)
        for _ in range(max_rounds):
            best = np.minimum.reduceat(dist[src_o] + step_o, first, axis=0)
            new = np.minimum(dist[uniq], best)
            if np.array_equal(new, dist[uniq]):
                break
            dist[uniq] = new
    cache: dict[int, np.ndarray] = {}

    def times(node: int) -> np.ndarray:
        if node in cache:
            return cache[node]
        kind = solver.kind[node]
        if node == solver.graph.source:
            result = np.zeros(samples, dtype=np.float32)
        elif kind == 0:
            result = dist[solver.relabel[node]]
        elif kind == 3:
            result = np.full(samples, np.inf, dtype=np.float32)
        else:
            # A pendant whose parent is u's attempt node reaches u over a_u -> u first.
            via_u = (times(int(solver.parent[node])) + clock.one(int(solver.via_edge[node]), 0.0)
                     + clock.one(int(solver.parent_edge[node])))
            result = via_u if kind == 1 else np.minimum(
                clock.one(int(solver.source_edge[node])), via_u)
        cache[node] = result
        return result

    return {node: times(node) for node in nodes}


def time_to_compromise(solver: Solver, nodes: list[int], p: np.ndarray | None = None,
                       samples: int = DEFAULT_TTC_SAMPLES, seed: int | list[int] = 0,
                       horizon: int = DEFAULT_HORIZON) -> dict[int, dict[str, Any]]:
    """Per node: 5th/50th/95th percentile days (``None`` beyond the horizon) and reach share."""
    days = sample_days(solver, nodes, p, samples, seed)
    return {node: _summary(d, horizon) for node, d in days.items()}
