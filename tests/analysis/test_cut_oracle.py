"""The vectorised unit min cut (``cuts._unit_min_cut``) returns the very cut of the
augmenting-path search over dicts it replaced: the edges leaving what the source reaches
in the residual network of a maximum flow, the same set for every maximum flow."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.analysis.attack.cuts import unit_min_cut


def _dict_min_cut(edges: list[tuple[int, int]], s: int, t: int) -> list[tuple[int, int]]:
    """The former implementation (until session 8), kept as the oracle."""
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
    return sorted((a, b) for a, b in set(edges) if a in side and b not in side)


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 10**9), st.integers(2, 40), st.floats(0.02, 0.6), st.booleans())
def test_vectorised_cut_is_the_dict_search_cut(seed, n, density, repeats):
    rnd = random.Random(seed)
    edges = [(a, b) for a in range(n) for b in range(n) if rnd.random() < density]
    if repeats:  # parallel edges and self-loops, in any order
        edges += [rnd.choice(edges) for _ in range(len(edges) // 3)] if edges else []
        rnd.shuffle(edges)
    s, t = 0, n - 1
    assert unit_min_cut(edges, s, t) == _dict_min_cut(edges, s, t)


def test_layered_graph_with_several_cuts() -> None:
    """Two minimum cuts of equal size: the one nearest the source is returned."""
    edges = [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (3, 5), (4, 6), (5, 6), (1, 2)]
    assert unit_min_cut(edges, 0, 6) == _dict_min_cut(edges, 0, 6) == [(0, 1), (0, 2)]
