"""The plan's most likely paths (``recommend._best_path_tree``, CSR arrays and a search
that stops once the hot targets are settled) against the plain Dijkstra it replaced."""

from __future__ import annotations

import heapq
import random
from types import SimpleNamespace

import numpy as np
import pytest

from workbench.analysis.attack import recommend


def _plain_tree(sg) -> dict[int, int]:
    """The full search over a dict of adjacency lists (the code before)."""
    live = sg.el_p > 0
    adj: dict[int, list[tuple[int, float]]] = {}
    for a, b, p in zip(sg.el_src[live].tolist(), sg.el_dst[live].tolist(),
                       (-np.log(np.maximum(sg.el_p[live], 1e-300))).tolist(), strict=True):
        adj.setdefault(a, []).append((b, p))
    dist = {sg.source: 0.0}
    back: dict[int, int] = {}
    heap = [(0.0, sg.source)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist.get(u, np.inf):
            continue
        for v, w in adj.get(u, ()):
            if d + w < dist.get(v, np.inf) - 1e-15:
                dist[v] = d + w
                back[v] = u
                heapq.heappush(heap, (d + w, v))
    return back


def _graph(seed: int, n: int = 60, m: int = 240) -> SimpleNamespace:
    """Random step graph with ties: chances from a few values (1.0 gives zero-weight
    steps), parallel edges, self-loops, unreachable nodes, dead edges (chance 0)."""
    rng = random.Random(seed)
    src = np.array([rng.randrange(n) for _ in range(m)] + [n] * 4, dtype=np.int64)
    dst = np.array([rng.randrange(n - 5) for _ in range(m + 4)], dtype=np.int64)
    p = np.array([rng.choice([0.0, 0.25, 0.5, 0.5, 1.0]) for _ in range(m + 4)])
    return SimpleNamespace(el_src=src, el_dst=dst, el_p=p, source=n)


@pytest.mark.parametrize("seed", range(12))
def test_paths_to_the_targets_are_the_full_searchs(seed: int) -> None:
    sg = _graph(seed)
    plain = _plain_tree(sg)
    assert recommend._best_path_tree(sg) == plain
    rng = random.Random(seed)
    for _ in range(5):
        targets = set(rng.sample(range(60), rng.randrange(1, 6)))
        tree = recommend._best_path_tree(sg, targets)
        for t in targets:
            assert (recommend._path_steps(tree, sg.source, t)
                    == recommend._path_steps(plain, sg.source, t))
    assert recommend._best_path_tree(sg, set()) == {}  # nothing wanted: stops at once
