"""Optional time-to-compromise mode (in the spirit of securiCAD).

Each step is retried until it works: one attempt a day succeeding with the step's chance
``p`` gives a waiting time that we draw from an exponential law of mean ``1 / p`` days. The
attacker takes the fastest route, so the time to reach a node in one sample is the shortest
path under the sampled step times. All samples are relaxed together (a min-plus
Bellman-Ford over whole rows of samples), then the 5th, 50th and 95th percentiles are read
per node. Steps with ``p = 0`` never happen; a node never reached has no percentile.
"""

from __future__ import annotations

import numpy as np

from workbench.analysis.attack.probability import Solver

DEFAULT_TTC_SAMPLES = 1000
PERCENTILES = (5, 50, 95)


def time_to_compromise(solver: Solver, nodes: list[int], p: np.ndarray | None = None,
                       samples: int = DEFAULT_TTC_SAMPLES, seed: int | list[int] = 0,
                       max_rounds: int = 10_000) -> dict[int, tuple[float, float, float]]:
    """Days to reach each of ``nodes``: percentiles 5/50/95 (``inf``: not reached)."""
    p = solver.extend(solver.graph.p if p is None else p)
    rng = np.random.default_rng(seed)
    m = solver.core.size
    cp = p[solver.c_edge]
    with np.errstate(divide="ignore"):
        scale = np.where(cp > 0, 1.0 / np.maximum(cp, 1e-300), np.inf)
    step = rng.exponential(1.0, size=(cp.size, samples)) * scale[:, None]
    dist = np.full((m, samples), np.inf)
    dist[solver.c_source] = 0.0
    src, dst = solver.c_src, solver.c_dst
    order = np.argsort(dst, kind="stable")
    src_o, dst_o, step_o = src[order], dst[order], step[order]
    uniq, first = (np.unique(dst_o, return_index=True) if dst_o.size
                   else (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)))
    for _ in range(max_rounds):
        if dst_o.size == 0:
            break
        cand = dist[src_o] + step_o
        best = np.minimum.reduceat(cand, first, axis=0)
        new = np.minimum(dist[uniq], best)
        if np.array_equal(new, dist[uniq]):
            break
        dist[uniq] = new
    cache: dict[int, np.ndarray] = {}

    def step_time(edge: int) -> np.ndarray:
        q = p[edge] if edge >= 0 else 0.0
        if q <= 0:
            return np.full(samples, np.inf)
        return rng.exponential(1.0, size=samples) / q

    def times(node: int) -> np.ndarray:
        if node in cache:
            return cache[node]
        kind = solver.kind[node]
        if kind == 0:
            result = dist[solver.relabel[node]]
        elif kind == 3:
            result = np.full(samples, np.inf)
        elif kind == 1:
            result = times(int(solver.parent[node])) + step_time(solver.parent_edge[node])
        else:
            via_u = times(int(solver.parent[node])) + step_time(solver.parent_edge[node])
            result = np.minimum(step_time(solver.source_edge[node]), via_u)
        cache[node] = result
        return result

    out: dict[int, tuple[float, float, float]] = {}
    for node in nodes:
        # A sample that never arrives counts as infinitely late.
        values = np.sort(times(node))
        out[node] = tuple(float(values[min(samples - 1, max(0, int(np.ceil(pc / 100 * samples))
                                                          - 1))]) for pc in PERCENTILES)
    return out
