"""The attack paths' Yen (``attack/yen.py``) against networkx's, which it replaces: same
paths in the same order, ties included, on random weighted digraphs."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.analysis.attack.yen import WeightedDigraph, shortest_simple_paths

# Few distinct weights, so that many paths tie on length (the order of ties is what a
# rewrite is most likely to change).
EDGES = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7),
                           st.sampled_from([0.0, 0.5, 1.0, 1.5])), min_size=1, max_size=30)


def _both(edges):
    weights = {(a, b): w for a, b, w in edges if a != b}
    g = nx.DiGraph()
    g.add_weighted_edges_from(((a, b, w) for (a, b), w in weights.items()), weight="w")
    return g, WeightedDigraph((a, b, w) for (a, b), w in weights.items())


def _networkx_paths(g, source, target, k):
    if source not in g or target not in g:
        return []
    try:
        return list(itertools.islice(nx.shortest_simple_paths(g, source, target, weight="w"), k))
    except nx.NetworkXNoPath:
        return []


@settings(max_examples=300, deadline=None)
@given(EDGES, st.integers(0, 7), st.integers(0, 7))
def test_same_paths_in_the_same_order_as_networkx(edges, source, target):
    g, ours = _both(edges)
    expected = _networkx_paths(g, source, target, 12)
    got = list(itertools.islice(shortest_simple_paths(ours, source, target), 12))
    assert got == expected


def test_a_diamond_gives_both_ways_shortest_first():
    """Two ways of different length, and a node with no way in."""
    ours = WeightedDigraph([(0, 1, 1.0), (1, 3, 1.0), (0, 2, 0.5), (2, 3, 0.5), (4, 0, 1.0)])
    assert list(shortest_simple_paths(ours, 0, 3)) == [[0, 2, 3], [0, 1, 3]]
    assert list(shortest_simple_paths(ours, 3, 0)) == []
    assert list(shortest_simple_paths(ours, 0, 9)) == []
